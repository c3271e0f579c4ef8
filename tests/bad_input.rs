//! Bad input never crashes, loses or leaks: every input of the corpus gives
//! a clear error with its location and exit status 1 (or simply works,
//! where that is right), never a panic, and a failed build leaves the
//! previous output untouched.

mod sitetest;

use std::time::{Duration, Instant};

use sitetest::{NOW, SiteTest, snapshot};

const OFFER: &str = "content/offers/macys-herald-square.yaml";

/// The valid fixture, built once into `public/`, so every case can check
/// that a failed build leaves that output as it was.
fn built_site() -> (SiteTest, Vec<(String, Vec<u8>)>) {
    let site = SiteTest::fixture("valid");
    let before = site.build();
    (site, before)
}

/// Break the built site with `setup`, then: `check` reports an error in
/// `file` containing `message` (at `line` when given) with exit 1, and
/// `build` fails without touching the previous output. Returns stderr.
fn rejects(setup: impl FnOnce(&SiteTest), file: &str, line: Option<u64>, message: &str) -> String {
    let (site, before) = built_site();
    setup(&site);
    let started = Instant::now();
    let checked = site.check();
    assert!(
        started.elapsed() < Duration::from_secs(20),
        "check took {:?}",
        started.elapsed()
    );
    assert!(!checked.stderr.contains("panicked"), "{}", checked.stderr);
    assert_eq!(checked.code, Some(1), "{:#?}", checked.diagnostics);
    let found = checked
        .errors()
        .into_iter()
        .find(|d| d["file"] == file && d["message"].as_str().is_some_and(|m| m.contains(message)));
    let Some(d) = found else {
        panic!(
            "no error in {file} containing {message:?}: {:#?}",
            checked.diagnostics
        );
    };
    if let Some(line) = line {
        assert_eq!(d["line"].as_u64(), Some(line), "{d:#}");
    }
    assert!(
        d["hint"].as_str().is_some_and(|h| !h.is_empty()),
        "no hint: {d:#}"
    );
    let build = site.run(&["build", "--now", NOW]);
    assert_eq!(build.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&build.stderr).into_owned();
    assert!(!stderr.contains("panicked"), "{stderr}");
    assert_eq!(
        snapshot(&site.root().join("public")),
        before,
        "the previous output changed"
    );
    stderr
}

/// The input simply works: check is clean and the build succeeds.
fn works(setup: impl FnOnce(&SiteTest)) -> SiteTest {
    let (site, _) = built_site();
    setup(&site);
    site.check().assert_clean();
    let build = site.run(&["build", "--now", NOW]);
    assert_eq!(
        build.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&build.stderr)
    );
    site
}

#[test]
fn invalid_utf8_is_located() {
    rejects(
        |s| {
            s.write(OFFER, b"partner: macys\ncategory: \xff\xfeshopping\n");
        },
        OFFER,
        Some(2),
        "not valid UTF-8",
    );
}

#[test]
fn a_byte_order_mark_and_crlf_line_endings_just_work() {
    let site = works(|s| {
        let crlf = |text: String| {
            let mut bytes = b"\xEF\xBB\xBF".to_vec();
            bytes.extend(text.replace('\n', "\r\n").into_bytes());
            bytes
        };
        let root = sitetest::fixtures().join("valid");
        for rel in [
            OFFER,
            "content/site.yaml",
            "content/terms/exchange-rate-lock.zh.md",
        ] {
            s.write(rel, crlf(std::fs::read_to_string(root.join(rel)).unwrap()));
        }
    });
    let page = std::fs::read_to_string(
        site.root()
            .join("public/zh/terms/exchange-rate-lock/index.html"),
    )
    .unwrap();
    assert!(page.contains("汇率锁定"));
    assert!(!page.contains('\u{feff}'));
}

#[test]
fn tabs_in_yaml_indentation() {
    rejects(
        |s| {
            s.write(OFFER, "partner: macys\ntitle:\n\tzh: 标题\n");
        },
        OFFER,
        Some(3),
        "a tab is used for indentation",
    );
}

#[test]
fn empty_files() {
    rejects(
        |s| {
            s.write(OFFER, "");
        },
        OFFER,
        Some(1),
        "the file is empty",
    );
    rejects(
        |s| {
            s.write("content/terms/exchange-rate-lock.en.md", "");
        },
        "content/terms/exchange-rate-lock.en.md",
        Some(1),
        "missing front matter",
    );
}

#[test]
fn a_yaml_alias_bomb_is_refused_quickly() {
    let mut bomb = String::from("a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n");
    for i in 1..12 {
        let refs = vec![format!("*a{}", i - 1); 9].join(", ");
        bomb.push_str(&format!("a{i}: &a{i} [{refs}]\n"));
    }
    rejects(
        |s| {
            s.write(OFFER, bomb);
        },
        OFFER,
        None,
        "YAML syntax error",
    );
}

#[test]
fn deep_nesting() {
    let base = std::fs::read_to_string(sitetest::fixtures().join("valid").join(OFFER)).unwrap();
    let deep = format!("coupon_code: {}{}", "[".repeat(100), "]".repeat(100));
    let text = base.replace("coupon_code: GTC-MACYS-10", &deep);
    rejects(
        |s| {
            s.write(OFFER, text);
        },
        OFFER,
        Some(15),
        "`coupon_code` must be text, found a list",
    );
    let deeper = format!("partner: {}{}\n", "[".repeat(5000), "]".repeat(5000));
    rejects(
        |s| {
            s.write(OFFER, deeper);
        },
        OFFER,
        None,
        "YAML syntax error",
    );
}

#[test]
fn a_50_mb_markdown_body_is_refused_with_its_size() {
    let body = "Pay with your phone. ".repeat(50_000_000 / 21);
    let base = std::fs::read_to_string(sitetest::fixtures().join("valid").join(OFFER)).unwrap();
    let text = base.replace("discount:", &format!("body_extra: \"{body}\"\ndiscount:"));
    let stderr = rejects(
        |s| {
            s.write(OFFER, text);
        },
        OFFER,
        None,
        "a content file may be at most 4 MB",
    );
    assert!(
        stderr.contains("50.0 MB") || stderr.contains("49."),
        "{stderr}"
    );
}

#[test]
fn a_10000_character_title_works_with_a_warning() {
    let title = "特".repeat(10_000);
    let site = works(|s| {
        let base = std::fs::read_to_string(sitetest::fixtures().join("valid").join(OFFER)).unwrap();
        let text = base.replace(
            "title: {zh: 梅西百货先驱广场店九折,",
            &format!("title: {{zh: {title},"),
        );
        s.write(OFFER, text);
    });
    let checked = site.check();
    let w = checked.warnings();
    assert!(
        w.iter()
            .any(|d| d["message"].as_str().unwrap().contains("10000 characters")),
        "{w:#?}"
    );
    let page = std::fs::read_to_string(
        site.root()
            .join("public/zh/offers/macys-herald-square/index.html"),
    )
    .unwrap();
    assert!(page.contains(&title));
}

#[test]
fn ids_with_path_characters_are_refused() {
    let valid = std::fs::read_to_string(sitetest::fixtures().join("valid").join(OFFER)).unwrap();
    for name in ["a..b", "a\\b", "Macys", "梅西", "a b", "-a"] {
        let file = format!("content/offers/{name}.yaml");
        let valid = valid.clone();
        rejects(
            |s| {
                s.write(&file, valid);
            },
            &file,
            None,
            "id",
        );
    }
    for id in ["../../etc", "a/b", "a\\\\b", "a\\u0000b", "Nanjing", "南京"] {
        let list = format!(
            "- {{id: \"{id}\", name: {{zh: 购物, en: Shopping}}}}\n- {{id: shopping, name: {{zh: 购物, en: Shopping}}}}\n- {{id: hotels, name: {{zh: 酒店, en: Hotels}}}}\n"
        );
        rejects(
            |s| {
                s.write("content/categories.yaml", list);
            },
            "content/categories.yaml",
            Some(1),
            "id",
        );
    }
}

#[cfg(unix)]
#[test]
fn symlinks_in_content_are_not_followed_out_of_the_site() {
    let (site, _) = built_site();
    let secret = tempfile::tempdir().unwrap();
    std::fs::write(secret.path().join("secret.yaml"), "SECRET-TOKEN").unwrap();
    std::fs::write(secret.path().join("secret.svg"), "SECRET-TOKEN").unwrap();
    std::os::unix::fs::symlink(
        secret.path().join("secret.yaml"),
        site.root().join("content/offers/evil.yaml"),
    )
    .unwrap();
    std::os::unix::fs::symlink(secret.path(), site.root().join("content/media/evil")).unwrap();
    let checked = site.check();
    assert_eq!(checked.code, Some(0), "{:#?}", checked.diagnostics);
    let warned: Vec<_> = checked
        .warnings()
        .iter()
        .map(|d| d["file"].as_str().unwrap().to_string())
        .collect();
    assert!(
        warned.contains(&"content/offers/evil.yaml".to_string()),
        "{warned:?}"
    );
    assert!(
        warned.contains(&"content/media/evil".to_string()),
        "{warned:?}"
    );
    let build = site.run(&["build", "--now", NOW]);
    assert_eq!(build.status.code(), Some(0));
    for (path, bytes) in snapshot(&site.root().join("public")) {
        assert!(
            !String::from_utf8_lossy(&bytes).contains("SECRET-TOKEN"),
            "leaked into {path}"
        );
    }
}

#[cfg(unix)]
#[test]
fn an_unreadable_file_is_named() {
    use std::os::unix::fs::PermissionsExt;
    let (site, before) = built_site();
    let file = site.root().join(OFFER);
    std::fs::set_permissions(&file, std::fs::Permissions::from_mode(0o000)).unwrap();
    // Root reads any file, so run offersite as an unprivileged user then.
    let as_root = std::process::Command::new("id")
        .arg("-u")
        .output()
        .unwrap()
        .stdout
        == b"0\n";
    let run = |args: &[&str]| {
        let mut cmd = if as_root {
            let mut everything = site.root().to_path_buf();
            // The scratch directory and its parents must be traversable.
            while everything.pop() {
                let _ =
                    std::fs::set_permissions(&everything, std::fs::Permissions::from_mode(0o777));
                if everything.as_os_str().len() <= "/tmp".len() {
                    break;
                }
            }
            for e in walkdir::WalkDir::new(site.root()).into_iter().flatten() {
                if e.path() != file {
                    let mode = if e.file_type().is_dir() { 0o777 } else { 0o666 };
                    std::fs::set_permissions(e.path(), std::fs::Permissions::from_mode(mode))
                        .unwrap();
                }
            }
            let mut c = std::process::Command::new("setpriv");
            c.args([
                "--reuid=65534",
                "--regid=65534",
                "--clear-groups",
                env!("CARGO_BIN_EXE_offersite"),
            ]);
            c
        } else {
            std::process::Command::new(env!("CARGO_BIN_EXE_offersite"))
        };
        cmd.args(args)
            .arg("--root")
            .arg(site.root())
            .output()
            .unwrap()
    };
    let check = run(&["check", "--now", NOW]);
    let stderr = String::from_utf8_lossy(&check.stderr);
    assert_eq!(check.status.code(), Some(1), "{stderr}");
    assert!(
        stderr.contains("error: cannot read the file: Permission denied"),
        "{stderr}"
    );
    assert!(stderr.contains(OFFER), "{stderr}");
    let build = run(&["build", "--now", NOW]);
    assert_eq!(build.status.code(), Some(1));
    assert_eq!(snapshot(&site.root().join("public")), before);
}

#[test]
fn a_site_without_site_yaml() {
    rejects(
        |s| {
            std::fs::remove_file(s.root().join("content/site.yaml")).unwrap();
        },
        "content/site.yaml",
        None,
        "the site has no content/site.yaml",
    );
}

#[test]
fn a_template_with_a_syntax_error() {
    let stderr = rejects(
        |s| {
            s.write("templates/offer.html", "{% extends \"base.html\" %}\n{% block main %}\n{{ offer.title \n{% endblock main %}\n");
        },
        "templates/offer.html",
        None,
        "",
    );
    assert!(stderr.contains("templates/offer.html"), "{stderr}");
}

#[test]
fn a_template_calling_an_unknown_function_or_variable() {
    for body in [
        "{{ no_such_function(x=1) }}",
        "{{ no_such_variable.field }}",
    ] {
        let template = format!(
            "{{% extends \"base.html\" %}}\n{{% block main %}}\n{body}\n{{% endblock main %}}\n"
        );
        let stderr = rejects(
            |s| {
                s.write("templates/offer.html", template);
            },
            "templates/offer.html",
            None,
            "",
        );
        assert!(stderr.contains("templates/offer.html"), "{stderr}");
    }
}
