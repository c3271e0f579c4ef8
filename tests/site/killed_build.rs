//! CI kills builds (timeouts, cancelled jobs). A build killed with SIGKILL
//! at any moment leaves either the previous site or the new one in the
//! output directory, never a mix and never nothing.

use crate::common::*;

use std::path::Path;
use std::time::Instant;

/// The valid fixture with enough offers that a build takes a while.
fn big_site(title: &str) -> SiteTest {
    let site = SiteTest::fixture("valid");
    let offer =
        std::fs::read_to_string(site.root().join("content/offers/macys-herald-square.yaml"))
            .unwrap();
    for i in 0..150 {
        let text = offer.replace("梅西百货先驱广场店九折", &format!("{title} {i}"));
        site.write(&format!("content/offers/extra-{i:03}.yaml"), text);
    }
    site
}

fn build(site: &SiteTest, out: &Path) -> std::process::Child {
    site.command(&["build", "--now", NOW, "--out", out.to_str().unwrap()])
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap()
}

#[cfg(unix)]
#[test]
fn a_killed_build_leaves_the_old_site_or_the_new_one() {
    let scratch = tempfile::tempdir().unwrap();
    let out = scratch.path().join("public");
    let old_site = big_site("旧标题");
    let new_site = big_site("新标题");

    // Reference outputs of both versions, and how long a build takes.
    let started = Instant::now();
    assert!(
        build(&new_site, &scratch.path().join("new"))
            .wait()
            .unwrap()
            .success()
    );
    let duration = started.elapsed();
    let new = Files::read_dir(&scratch.path().join("new"));
    assert!(build(&old_site, &out).wait().unwrap().success());
    let old = Files::read_dir(&out);
    assert_ne!(old, new);

    // Kill builds of the new version at moments spread over a build's length.
    let mut outcomes = (0, 0);
    for step in 0..12 {
        let delay = duration.mul_f64(f64::from(step) / 10.0);
        let mut child = build(&new_site, &out);
        std::thread::sleep(delay);
        let _ = child.kill();
        let _ = child.wait();
        let now = Files::read_dir(&out);
        if now == old {
            outcomes.0 += 1;
        } else if now == new {
            outcomes.1 += 1;
            // Start the next round from the old site again.
            assert!(build(&old_site, &out).wait().unwrap().success());
            assert_eq!(Files::read_dir(&out), old);
        } else {
            panic!("after a kill at {delay:?} the output is neither the old site nor the new one");
        }
    }
    // Kills early in a build must have left the old site in place.
    assert!(
        outcomes.0 > 0,
        "no kill landed before the swap: {outcomes:?} (build takes {duration:?})"
    );

    // Whatever the kills left beside the output is gone after a good build.
    assert!(build(&new_site, &out).wait().unwrap().success());
    let leftovers: Vec<_> = std::fs::read_dir(scratch.path())
        .unwrap()
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with('.'))
        .collect();
    assert_eq!(leftovers, Vec::<String>::new());
}
