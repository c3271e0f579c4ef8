//! The site as a whole: deterministic bytes, every internal link resolving
//! to a rendered file (also under a base URL with a sub-path), sitemap, feed
//! and JSON contents, template errors as diagnostics, and real content trees
//! loaded by the content loader.

use crate::common::*;

use std::collections::BTreeSet;

use offersite::model::{Origin, Site};
use scraper::Html;
use serde_json::Value;

#[test]
fn output_is_deterministic() {
    let site = SiteTest::tiny_site();
    let first = offersite::render::render(&site).unwrap();
    let second = offersite::render::render(&site).unwrap();
    assert_eq!(first, second);
    // Thread count and scheduling must not matter either.
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(1)
        .build()
        .unwrap();
    let single = pool.install(|| offersite::render::render(&site).unwrap());
    assert_eq!(first, single);
    let paths: Vec<&str> = first.iter().map(|f| f.path.as_str()).collect();
    let mut sorted = paths.clone();
    sorted.sort_unstable();
    sorted.dedup();
    assert_eq!(paths, sorted, "sorted, no duplicates");
}

/// The base URL's path (`/preview`, or empty).
fn base_path(site: &Site) -> String {
    let url = &site.config.base_url;
    let after = url.find("://").map_or(0, |i| i + 3);
    url[after..].find('/').map_or(String::new(), |i| {
        url[after + i..].trim_end_matches('/').to_string()
    })
}

/// The output file a root-relative link points at, if it is internal.
fn target(link: &str, base: &str) -> Option<String> {
    if !link.starts_with('/') || link.starts_with("//") {
        return None;
    }
    let path = link.split(['#', '?']).next().unwrap();
    let path = path
        .strip_prefix(base)
        .unwrap_or_else(|| panic!("{link} lacks the base path {base}"));
    let decoded = percent_encoding::percent_decode_str(path)
        .decode_utf8()
        .unwrap()
        .into_owned();
    let rel = decoded.trim_start_matches('/');
    Some(if rel.is_empty() || rel.ends_with('/') {
        format!("{rel}index.html")
    } else {
        rel.to_string()
    })
}

/// Every internal `href`/`src` of every page, and every absolute URL of the
/// feeds, sitemap and JSON, names a rendered file.
fn assert_links_resolve(site: &Site, files: &Files) {
    let base = base_path(site);
    let abs_prefix = site.config.base_url.trim_end_matches('/').to_string();
    let mut checked = 0;
    let mut check = |from: &str, link: &str| {
        if let Some(file) = target(link, &base) {
            assert!(
                files.contains_key(&file),
                "{from}: {link} → {file} is not rendered"
            );
            checked += 1;
        } else {
            assert!(
                !link.starts_with(&abs_prefix) || link.starts_with("http"),
                "{from}: {link}"
            );
        }
    };
    for (path, bytes) in files {
        if path.ends_with(".html") {
            let doc = Html::parse_document(std::str::from_utf8(bytes).unwrap());
            for link in attrs(&doc, "[href]", "href")
                .into_iter()
                .chain(attrs(&doc, "[src]", "src"))
            {
                assert!(!link.is_empty(), "{path}: empty link");
                check(path, &link);
            }
        }
        if path.ends_with(".xml") || path.ends_with(".json") || path.ends_with(".txt") {
            let text = std::str::from_utf8(bytes).unwrap();
            for (at, _) in text.match_indices(&abs_prefix) {
                let rest = &text[at + abs_prefix.len()..];
                let end = rest.find(['"', '<', ' ', '\n']).unwrap_or(rest.len());
                let link = format!("{base}{}", &rest[..end]);
                let link = if link.is_empty() {
                    "/".to_string()
                } else {
                    link
                };
                check(path, &link);
            }
        }
    }
    assert!(checked > 200, "only {checked} links checked");
}

#[test]
fn every_internal_link_resolves() {
    let site = SiteTest::tiny_site();
    let files = Files::rendered(&site);
    assert_links_resolve(&site, &files);
}

#[test]
fn links_work_under_a_base_url_with_a_sub_path() {
    let mut site = SiteTest::tiny_site();
    site.config.base_url = "https://example.com/preview".into();
    let files = Files::rendered(&site);
    assert_links_resolve(&site, &files);
    let doc = files.page("zh/terms/exchange-rate-lock/index.html");
    // A Markdown link to a site path gets the sub-path too.
    assert_eq!(attrs(&doc, ".prose a", "href"), vec!["/preview/zh/offers/"]);
    assert_eq!(
        attr(&doc, "link[rel=canonical]", "href").as_deref(),
        Some("https://example.com/preview/zh/terms/exchange-rate-lock/")
    );
    // The fingerprinted stylesheet, under the sub-path.
    let css = site
        .theme
        .assets
        .iter()
        .find(|a| a.path == "assets/style.css")
        .unwrap();
    let hashed = offersite::fingerprint::hashed_name(&css.path, &css.bytes);
    assert_eq!(
        attr(&doc, "link[rel=stylesheet]", "href"),
        Some(format!("/preview/{hashed}"))
    );
    for href in attrs(&doc, "a[href^=\"/\"]", "href") {
        assert!(href.starts_with("/preview/"), "{href}");
    }
    assert!(
        files
            .text("robots.txt")
            .contains("Sitemap: https://example.com/preview/sitemap.xml")
    );
    let json: Value = files.json("api/v1/offers.json");
    assert_eq!(
        json["offers"][0]["url"]["en"],
        "https://example.com/preview/en/offers/dinner/"
    );
}

#[test]
fn local_preview_base_url() {
    let mut site = SiteTest::tiny_site();
    site.config.base_url = "http://127.0.0.1:1111".into();
    let files = Files::rendered(&site);
    assert_links_resolve(&site, &files);
    let doc = files.page("en/index.html");
    assert_eq!(
        attr(&doc, "link[rel=canonical]", "href").as_deref(),
        Some("http://127.0.0.1:1111/en/")
    );
}

fn sitemap_entries(files: &Files) -> Vec<(String, Vec<(String, String)>)> {
    let xml = files.text("sitemap.xml");
    xml.split("<url>")
        .skip(1)
        .map(|chunk| {
            let loc = chunk
                .split("<loc>")
                .nth(1)
                .unwrap()
                .split("</loc>")
                .next()
                .unwrap()
                .to_string();
            let alternates = chunk
                .split("<xhtml:link ")
                .skip(1)
                .map(|l| {
                    let attr = |name: &str| {
                        l.split(&format!("{name}=\""))
                            .nth(1)
                            .unwrap()
                            .split('"')
                            .next()
                            .unwrap()
                            .to_string()
                    };
                    (attr("hreflang"), attr("href"))
                })
                .collect();
            (loc, alternates)
        })
        .collect()
}

#[test]
fn sitemap_lists_every_indexable_page_with_alternates() {
    let files = SiteTest::tiny().render();
    let entries = sitemap_entries(&files);
    let base = "https://offers.example.com";
    let locs: BTreeSet<String> = entries.iter().map(|(l, _)| l.clone()).collect();
    assert_eq!(locs.len(), entries.len(), "no duplicates");
    // Every HTML page but ended offers, the 404, the search pages (noindex)
    // and the kept-offers pages (their list lives on the phone) is listed,
    // and nothing else.
    let expected: BTreeSet<String> = files
        .keys()
        .filter(|p| {
            p.ends_with(".html")
                && *p != "404.html"
                && !p.contains("old-deal")
                && !p.ends_with("/search/index.html")
                && !p.ends_with("/kept/index.html")
        })
        .map(|p| format!("{base}/{}", p.trim_end_matches("index.html")))
        .collect();
    assert_eq!(locs, expected);
    for (loc, alternates) in &entries {
        let langs: Vec<&str> = alternates.iter().map(|(h, _)| h.as_str()).collect();
        assert_eq!(langs, vec!["zh-Hans", "en", "x-default"], "{loc}");
        assert!(alternates.iter().any(|(_, href)| href == loc), "{loc}");
    }
    let xml = files.text("sitemap.xml");
    assert!(xml.contains("xmlns:xhtml=\"http://www.w3.org/1999/xhtml\""));
}

#[test]
fn feed_lists_active_offers_with_a_deterministic_date() {
    let files = SiteTest::tiny().render();
    let feed = files.text("en/atom.xml");
    assert!(feed.starts_with(
        "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\""
    ));
    let ids: Vec<&str> = feed
        .split("<entry>\n    <id>")
        .skip(1)
        .map(|e| e.split("</id>").next().unwrap())
        .collect();
    assert_eq!(
        ids,
        vec![
            "https://offers.example.com/en/offers/dinner/",
            "https://offers.example.com/en/offers/gift/",
            "https://offers.example.com/en/offers/macys-herald-square/",
        ]
    );
    // The newest active offer's start, not the time of the build.
    assert!(feed.contains("<updated>2014-12-01T00:00:00Z</updated>\n  <link rel=\"self\""));
    assert!(feed.contains("<link rel=\"self\" type=\"application/atom+xml\" href=\"https://offers.example.com/en/atom.xml\"/>"));
    // The feed's own title and updated, plus one per entry.
    for (tag, count) in [
        ("<title>", 4),
        ("<updated>", 4),
        ("<summary>", 3),
        ("<link rel=\"alternate\" type=\"text/html\" href=", 3),
    ] {
        assert_eq!(feed.matches(tag).count(), count, "{tag}");
    }
    files.check_file("zh/atom.xml", |zh| {
        assert!(zh.contains("<summary>立减20美元 · 购物立享折扣</summary>"));
    });
}

#[test]
fn offers_json_has_every_offer_for_the_app() {
    let files = SiteTest::tiny().render();
    let json: Value = files.json("api/v1/offers.json");
    assert_eq!(json["version"], 1);
    assert_eq!(json["generated"], "2015-01-15");
    // dinner ends Feb 28, so it changes on Mar 1, the day spring-sale starts.
    assert_eq!(json["next_change"], "2015-03-01");
    let offers = json["offers"].as_array().unwrap();
    let ids: Vec<&str> = offers.iter().map(|o| o["id"].as_str().unwrap()).collect();
    assert_eq!(
        ids,
        vec![
            "dinner",
            "gift",
            "macys-herald-square",
            "old-deal",
            "spring-sale"
        ]
    );
    let by_id = |id: &str| offers.iter().find(|o| o["id"] == id).unwrap();
    assert_eq!(by_id("old-deal")["status"], "ended");
    assert_eq!(by_id("spring-sale")["status"], "upcoming");
    let dinner = by_id("dinner");
    assert_eq!(dinner["status"], "active");
    assert_eq!(dinner["discount"]["kind"], "amount");
    assert_eq!(dinner["discount"]["value"], 20);
    assert_eq!(dinner["discount"]["currency"], "USD");
    assert_eq!(dinner["discount"]["label"]["zh"], "立减20美元");
    assert_eq!(dinner["coupon_code"], Value::Null);
    assert_eq!(dinner["partner"], "joes");
    assert_eq!(dinner["category"], "dining");
    assert_eq!(
        dinner["destinations"],
        serde_json::json!(["new-york", "paris"])
    );
    assert_eq!(dinner["valid_from"], "2014-12-01");
    assert_eq!(dinner["valid_until"], "2015-02-28");
    assert_eq!(
        dinner["url"]["zh"],
        "https://offers.example.com/zh/offers/dinner/"
    );
    let macys = by_id("macys-herald-square");
    assert_eq!(
        macys["discount"],
        serde_json::json!({"kind": "percent", "value": 10, "min_spend": null, "label": {"zh": "九折", "en": "10% off"}})
    );
    assert_eq!(
        macys["image"],
        "https://offers.example.com/media/offers/macys.jpg"
    );
    assert_eq!(macys["title"]["en"], "macys-herald-square offer");
    let gift = by_id("gift");
    assert_eq!(gift["discount"]["kind"], "text");
    assert_eq!(gift["discount"]["text"]["zh"], "赠送精美礼品");
}

#[test]
fn next_change_is_null_when_nothing_changes() {
    let mut site = SiteTest::tiny_site();
    site.now = jiff::civil::date(2030, 1, 1);
    let files = Files::rendered(&site);
    let json: Value = files.json("api/v1/offers.json");
    assert_eq!(json["next_change"], Value::Null);
    // With nothing active the lists still exist, and say so.
    let list = files.page("zh/offers/index.html");
    assert!(texts(&list, ".empty").join("").contains("暂无"));
    assert!(!files.contains_key("zh/offers/page/2/index.html"));
    files.check_file("zh/atom.xml", |feed| {
        assert!(feed.contains("<updated>2030-01-01T00:00:00Z</updated>"));
        assert!(!feed.contains("<entry>"));
    });
}

#[test]
fn assets_and_media_are_in_the_output() {
    let site = SiteTest::tiny_site();
    let files = offersite::render::render(&site).unwrap();
    let css = files.iter().find(|f| f.path == "assets/style.css").unwrap();
    match &css.content {
        offersite::output::Content::Bytes(b) => {
            let text = String::from_utf8_lossy(b);
            assert!(text.contains("PingFang SC"));
        }
        other => panic!("{other:?}"),
    }
    let logo = files
        .iter()
        .find(|f| f.path == "media/logos/macys.svg")
        .unwrap();
    assert_eq!(
        logo.content,
        offersite::output::Content::Copy("/nonexistent/media/logos/macys.svg".into())
    );
}

fn with_template(name: &str, source: &str) -> Site {
    let mut site = SiteTest::tiny_site();
    let file = site
        .theme
        .templates
        .iter_mut()
        .find(|f| f.path == name)
        .unwrap();
    file.bytes = source.as_bytes().to_vec();
    file.origin = Origin::Site(format!("/site/templates/{name}").into());
    site
}

/// A theme author who overrides only the offer page reads every field of
/// its related cards, though the built-in macros list cards by the HTML
/// rendered once and a wholly built-in theme gets only their ids.
#[test]
fn a_sites_own_offer_page_sees_its_related_cards_whole() {
    let site = with_template(
        "offer.html",
        "{% for o in related %}<p class=\"related\">{{ o.title.text }} · {{ o.discount.label }}</p>{% endfor %}\n",
    );
    let files = Files::rendered(&site);
    let mut shown = 0;
    for (path, _) in files.iter() {
        if !(path.starts_with("zh/offers/") && path.ends_with("/index.html")) {
            continue;
        }
        for related in texts(&files.page(path), "p.related") {
            let (title, discount) = related.split_once(" · ").unwrap();
            assert!(
                !title.is_empty() && !discount.is_empty(),
                "{path}: {related}"
            );
            shown += 1;
        }
    }
    assert!(
        shown > 0,
        "no offer page of the tiny site lists a related offer"
    );
}

/// A theme author who lists cards with the built-in macros at a heading
/// level of their own (here 4) gets every card whole at that level, though
/// the engine kept the cards' HTML at level 2.
#[test]
fn a_sites_own_template_lists_cards_at_any_heading_level() {
    let site = with_template(
        "home.html",
        "{% import \"macros.html\" as m %}{{ m::cards(offers=offers, level=4) }}\n",
    );
    let files = Files::rendered(&site);
    let home = files.page("zh/index.html");
    let listed = texts(&home, "ul.cards > li").len();
    assert!(listed > 0, "the tiny site's home lists no offer");
    let titles = texts(&home, "ul.cards > li h4.card-title");
    assert_eq!(
        titles.len(),
        listed,
        "every listed card has its title at h4"
    );
    assert!(titles.iter().all(|t| !t.is_empty()), "{titles:?}");
}

fn errors_of(site: &Site) -> Vec<offersite::diagnostics::Diagnostic> {
    match offersite::render::render(site) {
        Ok(_) => panic!("rendering should fail"),
        Err(d) => d,
    }
}

#[test]
fn template_syntax_errors_name_the_file_and_position() {
    let site = with_template(
        "offer.html",
        "{% extends \"base.html\" %}\n{% block main %}\n<p>{{ offer.title.text </p>\n{% endblock main %}\n",
    );
    let diags = errors_of(&site);
    assert_eq!(diags.len(), 1, "{diags:?}");
    let d = &diags[0];
    assert_eq!(d.file, "templates/offer.html");
    assert_eq!(d.line, 3, "{d:?}");
    assert!(d.column > 0, "{d:?}");
    assert!(
        d.to_human().contains("{{ offer.title.text </p>"),
        "{}",
        d.to_human()
    );
}

#[test]
fn every_broken_template_is_reported_at_once() {
    let mut site = with_template("offer.html", "{% if %}\n");
    let branch = site
        .theme
        .templates
        .iter_mut()
        .find(|f| f.path == "branch.html")
        .unwrap();
    branch.bytes = b"{{ }}".to_vec();
    let files: Vec<String> = errors_of(&site).into_iter().map(|d| d.file).collect();
    assert_eq!(files, vec!["templates/branch.html", "templates/offer.html"]);
}

#[test]
fn unknown_variables_are_reported_once_per_template() {
    let site = with_template(
        "offer.html",
        "{% extends \"base.html\" %}\n{% block main %}{{ no_such_thing }}{% endblock main %}\n",
    );
    let diags = errors_of(&site);
    assert_eq!(diags.len(), 1, "{diags:?}");
    assert_eq!(diags[0].file, "templates/offer.html");
    assert!(
        diags[0].message.contains("no_such_thing"),
        "{}",
        diags[0].message
    );
    assert!(
        diags[0].message.contains("10 pages"),
        "{}",
        diags[0].message
    );
}

#[test]
fn errors_in_the_base_layout_name_the_base_layout() {
    let mut site = SiteTest::tiny_site();
    let base = site
        .theme
        .templates
        .iter_mut()
        .find(|f| f.path == "base.html")
        .unwrap();
    let text = String::from_utf8(base.bytes.clone()).unwrap();
    base.bytes = text
        .replace("{{ site.title }}</span>", "{{ site.oops.title }}</span>")
        .into_bytes();
    let diags = errors_of(&site);
    assert!(!diags.is_empty());
    for d in &diags {
        assert_eq!(d.file, "templates/base.html", "{d:?}");
        assert!(d.message.contains("site.oops.title"), "{}", d.message);
    }
}

#[test]
fn unknown_ui_strings_and_functions_are_reported() {
    let site = with_template(
        "branch.html",
        "{% extends \"base.html\" %}\n{% block main %}{{ t(key=\"no_such_key\") }}{% endblock main %}\n",
    );
    let diags = errors_of(&site);
    assert_eq!(diags[0].file, "templates/branch.html");
    assert!(
        diags[0].message.contains("no_such_key"),
        "{}",
        diags[0].message
    );
    let site = with_template(
        "branch.html",
        "{% extends \"base.html\" %}\n{% block main %}{{ nope(x=1) }}{% endblock main %}\n",
    );
    let diags = errors_of(&site);
    assert_eq!(diags[0].file, "templates/branch.html");
    assert!(diags[0].message.contains("nope"), "{}", diags[0].message);
    let site = with_template(
        "branch.html",
        "{% extends \"base.html\" %}\n{% block main %}{{ get_env(name=\"HOME\") }}{% endblock main %}\n",
    );
    assert!(errors_of(&site)[0].message.contains("get_env"));
}

#[test]
fn loaded_sites_render_with_links_resolving() {
    for site in [
        SiteTest::fixture("valid"),
        SiteTest::shipped(),
        SiteTest::shipped().now("2027-06-01"),
    ] {
        let site = site.load();
        let files = Files::rendered(&site);
        assert_links_resolve(&site, &files);
        for offer in &site.offers {
            for lang in ["zh", "en"] {
                let path = format!("{lang}/offers/{}/index.html", offer.id);
                assert!(files.contains_key(&path), "{path}");
            }
        }
    }
}

#[test]
fn pages_have_no_english_ui_words_in_chinese() {
    // The UI strings of a Chinese page are Chinese: no ASCII words from the
    // theme (proper names and codes in the content aside).
    let files = SiteTest::tiny().render();
    for path in [
        "zh/index.html",
        "zh/offers/old-deal/index.html",
        "zh/branches/index.html",
    ] {
        let doc = files.page(path);
        let ui_text: String = ["nav", "h2", ".notice", "footer", ".facts dt", ".lead"]
            .iter()
            .flat_map(|s| texts(&doc, s))
            .collect::<Vec<_>>()
            .join(" ");
        let words: Vec<&str> = ui_text
            .split(|c: char| !c.is_ascii_alphabetic())
            .filter(|w| w.len() > 2)
            .filter(|w| !["English", "GTC", "Atom"].contains(w))
            .collect();
        assert!(words.is_empty(), "{path}: {words:?}");
    }
}

#[test]
fn errors_inside_macros_name_the_macro_file() {
    let mut site = SiteTest::tiny_site();
    let macros = site
        .theme
        .templates
        .iter_mut()
        .find(|f| f.path == "macros.html")
        .unwrap();
    let text = String::from_utf8(macros.bytes.clone()).unwrap();
    macros.bytes = text
        .replace("{{ o.discount.label }}</p>", "{{ o.discount.nope }}</p>")
        .into_bytes();
    let diags = errors_of(&site);
    assert!(!diags.is_empty());
    for d in &diags {
        assert_eq!(d.file, "templates/macros.html", "{d:?}");
    }
}
