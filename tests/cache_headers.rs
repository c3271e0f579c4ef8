//! Fingerprinted assets and the headers table as CI and hosts see them:
//! pages link assets by names that carry their content hash, and the
//! `_headers` file `build` writes gives every file the headers that
//! `serve` sends and `deploy` stores.

mod sitetest;

use offersite::fingerprint::{hashed_name, is_hashed};
use offersite::headers;
use sitetest::SiteTest;

/// Story: a tourist's phone caches the stylesheet and icon for a year, and
/// still gets the new ones the moment a deploy changes them.
#[test]
fn pages_link_assets_by_names_that_carry_their_content_hash() {
    let site = SiteTest::fixture("valid");
    let files = site.build();
    let page = files
        .iter()
        .find(|(p, _)| p == "en/index.html")
        .map(|(_, b)| String::from_utf8_lossy(b).into_owned())
        .unwrap();
    let linked: Vec<&str> = page
        .split('"')
        .filter(|s| s.starts_with("/assets/"))
        .collect();
    assert!(linked.len() >= 2, "stylesheet and icon: {linked:?}");
    for url in linked {
        let path = url.trim_start_matches('/');
        assert!(is_hashed(path), "{url} carries no hash");
        let (_, bytes) = files
            .iter()
            .find(|(p, _)| p == path)
            .unwrap_or_else(|| panic!("{url} is linked but not built"));
        // The name is that of the bytes: an edited file gets a new name.
        let plain = format!(
            "{}.{}",
            path.rsplitn(3, '.').nth(2).unwrap(),
            path.rsplit('.').next().unwrap()
        );
        assert_eq!(hashed_name(&plain, bytes), path);
    }

    // An edited stylesheet is linked under a new name.
    site.write("templates/assets/style.css", "body { color: #123; }\n");
    let edited = site.build();
    let new_page = edited
        .iter()
        .find(|(p, _)| p == "en/index.html")
        .map(|(_, b)| String::from_utf8_lossy(b).into_owned())
        .unwrap();
    let css = |html: &str| {
        html.split("rel=\"stylesheet\" href=\"")
            .nth(1)
            .and_then(|s| s.split('"').next())
            .map(str::to_string)
            .unwrap()
    };
    assert_ne!(css(&page), css(&new_page));
    assert_eq!(
        css(&new_page).trim_start_matches('/'),
        hashed_name("assets/style.css", b"body { color: #123; }\n")
    );
}

/// The rules of a `_headers` file: (URL pattern, Cache-Control, Content-Type).
fn rules(text: &str) -> Vec<(String, String, String)> {
    let mut rules = Vec::new();
    let mut lines = text.lines().filter(|l| !l.starts_with('#'));
    while let Some(url) = lines.next() {
        let cc = lines
            .next()
            .unwrap()
            .trim()
            .strip_prefix("Cache-Control: ")
            .unwrap();
        let ct = lines
            .next()
            .unwrap()
            .trim()
            .strip_prefix("Content-Type: ")
            .unwrap();
        rules.push((url.to_string(), cc.to_string(), ct.to_string()));
    }
    rules
}

/// Story: a site published on Netlify or Cloudflare Pages is served with
/// the same headers as from a bucket: `headers_file: true` makes `build`
/// write `_headers`, where exactly one rule matches each file.
#[test]
fn build_writes_a_headers_file_that_covers_every_file_once() {
    let site = SiteTest::fixture("valid");
    assert!(!site.build().iter().any(|(p, _)| p == "_headers"));

    let yaml = std::fs::read_to_string(site.root().join("content/site.yaml")).unwrap();
    site.write("content/site.yaml", format!("{yaml}headers_file: true\n"));
    let files = site.build();
    let text = files
        .iter()
        .find(|(p, _)| p == "_headers")
        .map(|(_, b)| String::from_utf8(b.clone()).unwrap())
        .expect("_headers is written");
    let rules = rules(&text);
    // A directory of alike files shares one rule, whatever the catalog's size.
    assert!(
        rules.iter().any(|r| r.0 == "/en/offers/*") && rules.iter().any(|r| r.0 == "/api/*"),
        "{text}"
    );
    for (path, _) in files.iter().filter(|(p, _)| p != "_headers") {
        let url = match path.strip_suffix("index.html") {
            Some(dir) => format!("/{dir}"),
            None => format!("/{path}"),
        };
        let matching: Vec<_> = rules
            .iter()
            .filter(|(pattern, _, _)| match pattern.strip_suffix('*') {
                Some(prefix) => url.starts_with(prefix),
                None => *pattern == url,
            })
            .collect();
        assert_eq!(matching.len(), 1, "{url}: {matching:?}");
        let want = headers::for_path(path);
        assert_eq!(matching[0].1, want.cache_control, "{url}");
        assert_eq!(matching[0].2, want.content_type, "{url}");
    }
    let css = files
        .iter()
        .find(|(p, _)| p.starts_with("assets/style.") && is_hashed(p))
        .unwrap();
    assert_eq!(headers::for_path(&css.0).cache_control, headers::IMMUTABLE);
}
