//! `offersite build` as CI runs it: one command, an exit code that means
//! something, byte-identical output for the same input and date.

use crate::common::*;

#[test]
fn a_site_with_only_content_builds_into_root_public_with_a_summary() {
    let site = SiteTest::fixture("valid");
    assert!(!site.root().join("templates").exists());
    let out = site.run(&["build", "--now", NOW]);
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let public = site.root().join("public");
    for path in [
        "index.html",
        "zh/index.html",
        "en/offers/macys-herald-square/index.html",
        "assets/style.css",
        "media/logos/macys.svg",
    ] {
        assert!(public.join(path).is_file(), "{path} missing");
    }
    // One line: pages per language, offers by status, time taken.
    let summary: Vec<&str> = stdout.lines().collect();
    assert_eq!(summary.len(), 1, "{stdout}");
    let line = summary[0];
    assert!(line.starts_with("built "), "{line}");
    assert!(line.contains("(zh ") && line.contains(", en "), "{line}");
    assert!(
        line.contains("offers: 2 active, 1 upcoming, 0 ended"),
        "{line}"
    );
    assert!(line.contains(" ms "), "{line}");
}

#[test]
fn same_input_and_date_give_byte_identical_output() {
    let site = SiteTest::fixture("valid");
    let a = site.root().join("a");
    let b = site.root().join("b");
    for out in [&a, &b] {
        let o = site.run(&["build", "--now", NOW, "--out", out.to_str().unwrap()]);
        assert_eq!(o.status.code(), Some(0));
    }
    assert_eq!(Files::read_dir(&a), Files::read_dir(&b));
    // Another date is another site: statuses and the JSON feed change.
    let c = site.root().join("c");
    site.run(&["build", "--now", "2027-02-01", "--out", c.to_str().unwrap()]);
    assert_ne!(Files::read_dir(&a), Files::read_dir(&c));
}

#[test]
fn drafts_are_built_only_when_asked_for() {
    let site = SiteTest::fixture("valid");
    let offer =
        std::fs::read_to_string(site.root().join("content/offers/aston-waikiki.yaml")).unwrap();
    site.write(
        "content/offers/secret-sale.yaml",
        format!("{offer}draft: true\n"),
    );
    site.run(&["build", "--now", NOW]);
    let page = site.root().join("public/en/offers/secret-sale/index.html");
    assert!(!page.exists());
    let json = std::fs::read_to_string(site.root().join("public/api/v1/offers.json")).unwrap();
    assert!(!json.contains("secret-sale"));
    let out = site.run(&["build", "--now", NOW, "--drafts"]);
    assert_eq!(out.status.code(), Some(0));
    assert!(page.exists());
}

#[test]
fn base_url_override_for_preview_deploys() {
    let site = SiteTest::fixture("valid");
    let out = site.run(&[
        "build",
        "--now",
        NOW,
        "--base-url",
        "https://preview.example.net/pr-12/",
    ]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let page = std::fs::read_to_string(
        site.root()
            .join("public/en/offers/macys-herald-square/index.html"),
    )
    .unwrap();
    assert!(
        page.contains("href=\"https://preview.example.net/pr-12/en/offers/macys-herald-square/\""),
        "canonical"
    );
    assert!(
        page.contains("href=\"/pr-12/assets/"),
        "assets under the sub-path"
    );
    assert!(!page.contains("offers.example.com"));
    let bad = site.run(&["build", "--now", NOW, "--base-url", "preview.example.net"]);
    assert_eq!(bad.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&bad.stderr).contains("must start with https:// or http://"));
}

#[test]
fn files_of_earlier_builds_never_survive() {
    let site = SiteTest::fixture("valid");
    site.run(&["build", "--now", NOW]);
    let stale = site
        .root()
        .join("public/en/offers/aston-waikiki/index.html");
    assert!(stale.exists());
    std::fs::write(site.root().join("public/leftover.html"), "old").unwrap();
    std::fs::remove_file(site.root().join("content/offers/aston-waikiki.yaml")).unwrap();
    assert_eq!(site.run(&["build", "--now", NOW]).status.code(), Some(0));
    assert!(!stale.exists());
    assert!(!site.root().join("public/leftover.html").exists());
}

#[test]
fn building_over_the_site_itself_is_refused() {
    let site = SiteTest::fixture("valid");
    let out = site.run(&[
        "build",
        "--now",
        NOW,
        "--out",
        site.root().to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("holds a site's sources"));
    assert!(site.root().join("content/site.yaml").exists());
}
