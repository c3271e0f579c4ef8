//! At the till without signal, and one tap from the app (issue #15): the
//! offline worker and manifests, the coupon's barcode, the phone-date hooks,
//! and the app-link files in the platforms' formats.

mod sitetest;
mod support;

use offersite::model::{AndroidApp, AppLinks, Barcode, Status};
use serde_json::Value;
use sitetest::{SiteTest, hint};
use support::{Files, attr, attrs, page, render, text_of, tiny_site};

const FINGERPRINT: &str = "14:6D:E9:83:C5:73:06:50:D8:EE:B9:F2:F8:28:10:C7:3B:DE:57:65:EB:89:D3:75:3B:69:76:51:45:2C:5A:0D";

fn with_app(paths: Vec<String>) -> offersite::model::Site {
    let mut site = tiny_site();
    site.config.app = Some(AppLinks {
        ios: vec!["ABCDE12345.com.example.travelcard".into()],
        android: vec![AndroidApp {
            package: "com.example.travelcard".into(),
            sha256: vec![FINGERPRINT.into()],
        }],
        paths,
    });
    site
}

fn json(files: &Files, path: &str) -> Value {
    serde_json::from_str(&text_of(files, path)).unwrap_or_else(|e| panic!("/{path}: {e}"))
}

fn is_team_app_id(id: &str) -> bool {
    let (team, bundle) = id.split_once('.').unwrap_or(("", ""));
    team.len() == 10
        && team
            .bytes()
            .all(|b| b.is_ascii_uppercase() || b.is_ascii_digit())
        && !bundle.is_empty()
}

/// Apple's documented `apple-app-site-association`: `applinks.details[]`,
/// each with `appIDs` (TEAMID.bundle) and `components` whose `/` patterns
/// are paths, plus the pre-iOS 13 `appID`/`paths` and `apps: []`.
fn assert_apple_format(v: &Value) -> Vec<String> {
    let applinks = v["applinks"].as_object().expect("applinks object");
    assert_eq!(applinks["apps"], serde_json::json!([]));
    let details = applinks["details"].as_array().expect("details array");
    assert!(!details.is_empty());
    let mut patterns = Vec::new();
    for d in details {
        let ids = d["appIDs"].as_array().expect("appIDs array");
        assert!(ids.iter().all(|i| i.as_str().is_some_and(is_team_app_id)));
        assert!(d["appID"].as_str().is_some_and(is_team_app_id));
        for c in d["components"].as_array().expect("components array") {
            let p = c["/"].as_str().expect("component `/` pattern");
            assert!(p.starts_with('/'));
            patterns.push(p.to_string());
        }
        let legacy: Vec<&str> = d["paths"]
            .as_array()
            .expect("paths array")
            .iter()
            .map(|p| p.as_str().unwrap())
            .collect();
        assert_eq!(legacy, patterns);
    }
    patterns
}

/// Google's Digital Asset Links statement list for app links.
fn assert_assetlinks_format(v: &Value) {
    let statements = v.as_array().expect("a list of statements");
    assert!(!statements.is_empty());
    for s in statements {
        assert_eq!(
            s["relation"],
            serde_json::json!(["delegate_permission/common.handle_all_urls"])
        );
        assert_eq!(s["target"]["namespace"], "android_app");
        let package = s["target"]["package_name"].as_str().unwrap();
        assert!(package.contains('.'));
        for f in s["target"]["sha256_cert_fingerprints"].as_array().unwrap() {
            let f = f.as_str().unwrap();
            let pairs: Vec<&str> = f.split(':').collect();
            assert_eq!(pairs.len(), 32, "{f}");
            assert!(pairs.iter().all(|p| {
                p.len() == 2
                    && p.bytes()
                        .all(|b| b.is_ascii_digit() || (b'A'..=b'F').contains(&b))
            }));
        }
    }
}

#[test]
fn app_link_files_follow_the_platforms_formats() {
    // Story: the card's app opens offer links itself, on iOS and Android.
    let mut site = with_app(Vec::new());
    site.config.base_url = "https://offers.example.com/gtc".into();
    let files = render(&site);
    let aasa = json(&files, ".well-known/apple-app-site-association");
    let patterns = assert_apple_format(&aasa);
    assert_eq!(patterns, ["/gtc/zh/offers/*", "/gtc/en/offers/*"]);
    let links = json(&files, ".well-known/assetlinks.json");
    assert_assetlinks_format(&links);
    assert_eq!(links[0]["target"]["package_name"], "com.example.travelcard");

    let files = render(&with_app(vec!["/*/offers/*".into(), "/zh/".into()]));
    let patterns = assert_apple_format(&json(&files, ".well-known/apple-app-site-association"));
    assert_eq!(patterns, ["/*/offers/*", "/zh/"]);
}

#[test]
fn without_app_there_are_no_well_known_files() {
    let files = render(&tiny_site());
    assert!(!files.keys().any(|p| p.starts_with(".well-known/")));
}

#[test]
fn check_points_at_bad_app_ids_and_fingerprints() {
    // Story: an operator mistypes the app's ids; check says where.
    let site = SiteTest::fixture("valid");
    let yaml = std::fs::read_to_string(site.root().join("content/site.yaml")).unwrap();
    site.write(
        "content/site.yaml",
        format!(
            "{yaml}app:\n  ios:\n    - {{team_id: abc, bundle_id: com.example.card}}\n  android:\n    - package: travelcard\n      sha256_cert_fingerprints: [\"14:6D\"]\n"
        ),
    );
    let checked = site.check();
    let file = "content/site.yaml";
    let line = yaml.lines().count() as u64 + 3;
    let team = checked.assert_error(file, line, 17, "is not an Apple team id");
    assert!(hint(team).contains("10 upper-case"));
    checked.assert_error(file, line + 2, 16, "is not an Android package name");
    let print = checked.assert_error(
        file,
        line + 3,
        34,
        "is not a SHA-256 certificate fingerprint",
    );
    assert!(hint(print).contains("keytool"));
}

#[test]
fn the_worker_precaches_what_a_tourist_needs_under_the_base_path() {
    // Story: a tourist without signal opens the home page and the terms.
    let mut site = tiny_site();
    site.config.base_url = "https://offers.example.com/gtc".into();
    let files = render(&site);
    let sw = text_of(&files, "sw.js");
    let list = sw
        .lines()
        .find_map(|l| l.strip_prefix("const PRECACHE = "))
        .expect("a precache list");
    let list: Vec<String> = serde_json::from_str(list.trim_end_matches(';')).unwrap();
    for lang in ["zh", "en"] {
        for path in [
            format!("/gtc/{lang}/"),
            format!("/gtc/{lang}/kept/"),
            format!("/gtc/{lang}/manifest.webmanifest"),
        ] {
            assert!(list.contains(&path), "{path} not precached: {list:?}");
        }
        for term in &site.terms {
            let path = format!("/gtc/{lang}/terms/{}/", term.id);
            assert!(list.contains(&path), "{path} not precached");
        }
    }
    // The theme's assets under the fingerprinted names pages link to.
    for asset in &site.theme.assets {
        let hashed = offersite::fingerprint::hashed_name(&asset.path, &asset.bytes);
        assert!(
            list.contains(&format!("/gtc/{hashed}")),
            "{hashed} not precached: {list:?}"
        );
        assert!(!list.contains(&format!("/gtc/{}", asset.path)));
    }
    // Every precached path is a file of the site.
    for path in &list {
        let site_path = path.strip_prefix("/gtc").unwrap();
        let file = offersite::render::urls::file_for(site_path);
        assert!(
            files.contains_key(&file),
            "{path} is precached but not built"
        );
    }
    assert!(sw.contains("const BASE = \"/gtc\";"));

    let home = page(&files, "zh/index.html");
    assert_eq!(
        attr(&home, "link[rel=manifest]", "href").as_deref(),
        Some("/gtc/zh/manifest.webmanifest")
    );
    assert_eq!(
        attr(&home, "script[data-worker]", "data-worker").as_deref(),
        Some("/gtc/sw.js")
    );
    let manifest = json(&files, "en/manifest.webmanifest");
    assert_eq!(manifest["start_url"], "/gtc/en/");
    assert_eq!(manifest["name"], site.config.title.get("en"));
}

#[test]
fn every_build_has_its_own_cache_version() {
    // Story: a new build replaces what phones kept; the same build does not.
    let version = |files: &Files| {
        text_of(files, "sw.js")
            .lines()
            .find_map(|l| l.strip_prefix("const CACHE = ").map(str::to_string))
            .unwrap()
    };
    let site = tiny_site();
    let first = version(&render(&site));
    assert_eq!(first, version(&render(&site)));
    let mut edited = site.clone();
    edited.offers[0]
        .title
        .0
        .get_mut("en")
        .unwrap()
        .text
        .push_str(" (new)");
    assert_ne!(first, version(&render(&edited)));
}

#[test]
fn the_kept_page_exists_per_language_and_is_not_indexed() {
    let files = render(&tiny_site());
    for lang in ["zh", "en"] {
        let doc = page(&files, &format!("{lang}/kept/index.html"));
        assert_eq!(
            attr(&doc, "meta[name=robots]", "content").as_deref(),
            Some("noindex")
        );
        assert!(attr(&doc, "[data-kept]", "data-kept").is_some());
    }
    assert!(!text_of(&files, "sitemap.xml").contains("/kept/"));
}

#[test]
fn coupons_carry_a_barcode_and_dates_for_the_phone() {
    // Story: a cashier scans the code; a page read later judges its dates.
    let site = tiny_site();
    let files = render(&site);
    let index_of = |status| {
        site.offers
            .iter()
            .position(|o| o.coupon_code.is_some() && o.status(site.now) == status)
    };
    let active = &site.offers[index_of(Status::Active).expect("an active coupon")];
    let doc = page(&files, &format!("en/offers/{}/index.html", active.id));
    assert_eq!(attrs(&doc, ".coupon .barcode svg.qr", "viewBox").len(), 1);
    assert_eq!(
        attr(&doc, "article.offer", "data-valid-until").as_deref(),
        Some(active.valid_until.to_string().as_str())
    );
    assert_eq!(
        attr(&doc, ".coupon", "data-unless").as_deref(),
        Some("ended")
    );
    assert!(attr(&doc, "[data-when=ended]", "hidden").is_some());
    if let Some(i) = index_of(Status::Ended) {
        let doc = page(
            &files,
            &format!("en/offers/{}/index.html", site.offers[i].id),
        );
        assert!(attrs(&doc, ".barcode", "class").is_empty());
        assert!(attr(&doc, "article.offer", "data-valid-until").is_none());
    }

    let mut linear = site.clone();
    linear.config.coupon_barcode = Barcode::Code128;
    let files = render(&linear);
    let doc = page(&files, &format!("en/offers/{}/index.html", active.id));
    assert_eq!(attrs(&doc, ".barcode svg.code128", "width").len(), 1);

    let mut none = site.clone();
    none.config.coupon_barcode = Barcode::None;
    let files = render(&none);
    let doc = page(&files, &format!("en/offers/{}/index.html", active.id));
    assert!(attrs(&doc, ".barcode", "class").is_empty());
}
