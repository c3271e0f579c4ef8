//! Structure of every page kind in both languages, read with an HTML parser:
//! language, head links, Open Graph, the visible language link, and what
//! each kind must show.

use crate::common::*;

use scraper::Html;
use serde_json::Value;

const BASE: &str = "https://offers.example.com";

/// One page of each kind, as a site path without the language prefix.
const KINDS: &[&str] = &[
    "",
    "offers/",
    "offers/page/2/",
    "offers/macys-herald-square/",
    "offers/old-deal/",
    "offers/spring-sale/",
    "offers/dinner/",
    "categories/shopping/",
    "destinations/paris/",
    "partners/macys/",
    "branches/",
    "branches/nanjing/",
    "terms/",
    "terms/exchange-rate-lock/",
    "about/",
];

fn site_files() -> Files {
    SiteTest::tiny().render()
}

fn file(lang: &str, rest: &str) -> String {
    format!("{lang}/{rest}index.html")
}

fn meta(doc: &Html, property: &str) -> Option<String> {
    attr(doc, &format!("meta[property=\"{property}\"]"), "content")
}

#[test]
fn every_page_kind_has_the_head_of_its_language() {
    let files = site_files();
    for (lang, locale, other, other_locale, og) in [
        ("zh", "zh-Hans", "en", "en", "zh_CN"),
        ("en", "en", "zh", "zh-Hans", "en_US"),
    ] {
        for rest in KINDS {
            let path = file(lang, rest);
            let doc = files.page(&path);
            let here = format!("{BASE}/{lang}/{rest}");
            let there = format!("{BASE}/{other}/{rest}");
            assert_eq!(
                attr(&doc, "html", "lang").as_deref(),
                Some(locale),
                "{path}"
            );
            assert!(
                doc.select(&sel("meta[charset=\"utf-8\"]")).next().is_some(),
                "{path}"
            );
            assert_eq!(
                attr(&doc, "meta[name=viewport]", "content").as_deref(),
                Some("width=device-width, initial-scale=1"),
                "{path}"
            );
            let title = texts(&doc, "title").join("");
            assert!(!title.trim().is_empty(), "{path}: empty title");
            let description = attr(&doc, "meta[name=description]", "content").unwrap_or_default();
            assert!(!description.trim().is_empty(), "{path}: no description");
            assert_eq!(
                attr(&doc, "link[rel=canonical]", "href").as_deref(),
                Some(here.as_str()),
                "{path}"
            );
            let alt = |hreflang: &str| {
                attr(
                    &doc,
                    &format!("link[rel=alternate][hreflang=\"{hreflang}\"]"),
                    "href",
                )
            };
            assert_eq!(alt(locale).as_deref(), Some(here.as_str()), "{path}");
            assert_eq!(alt(other_locale).as_deref(), Some(there.as_str()), "{path}");
            assert_eq!(
                alt("x-default").as_deref(),
                Some(format!("{BASE}/zh/{rest}").as_str()),
                "{path}"
            );
            // The visible link to the same page in the other language.
            let switch = format!("body a[hreflang=\"{other_locale}\"][lang=\"{other_locale}\"]");
            assert_eq!(
                attr(&doc, &switch, "href"),
                Some(format!("/{other}/{rest}")),
                "{path}: language link"
            );
            assert_eq!(
                meta(&doc, "og:url").as_deref(),
                Some(here.as_str()),
                "{path}"
            );
            assert_eq!(meta(&doc, "og:locale").as_deref(), Some(og), "{path}");
            assert!(
                meta(&doc, "og:title").is_some_and(|t| !t.is_empty()),
                "{path}"
            );
            assert!(meta(&doc, "og:description").is_some(), "{path}");
            assert!(meta(&doc, "og:type").is_some(), "{path}");
            assert!(meta(&doc, "og:site_name").is_some(), "{path}");
            assert_eq!(doc.select(&sel("main")).count(), 1, "{path}");
            assert_eq!(doc.select(&sel("h1")).count(), 1, "{path}: one h1");
            for nav in doc.select(&sel("nav")) {
                assert!(
                    nav.value().attr("aria-label").is_some(),
                    "{path}: nav label"
                );
            }
            for img in doc.select(&sel("img")) {
                let v = img.value();
                assert!(v.attr("alt").is_some(), "{path}: img alt");
                assert!(
                    v.attr("width").is_some() && v.attr("height").is_some(),
                    "{path}"
                );
            }
            let ids = attrs(&doc, "[id]", "id");
            let mut unique = ids.clone();
            unique.sort();
            unique.dedup();
            assert_eq!(ids.len(), unique.len(), "{path}: duplicate ids {ids:?}");
        }
    }
}

#[test]
fn titles_and_descriptions_are_in_the_pages_language() {
    let files = site_files();
    let zh = files.page("zh/offers/index.html");
    assert_eq!(texts(&zh, "title")[0], "全部优惠 | 全球旅行卡海外优惠");
    let en = files.page("en/offers/page/2/index.html");
    assert_eq!(
        texts(&en, "title")[0],
        "All offers · Page 2 | Global Travel Card Overseas Offers"
    );
    let zh_offer = files.page("zh/offers/dinner/index.html");
    assert_eq!(
        attr(&zh_offer, "meta[name=description]", "content").as_deref(),
        Some("立减20美元 · 购物立享折扣")
    );
    let en_home = files.page("en/index.html");
    assert_eq!(
        texts(&en_home, "title")[0],
        "Global Travel Card Overseas Offers"
    );
}

#[test]
fn ended_offers_are_noindex_and_point_to_current_ones() {
    let files = site_files();
    for lang in ["zh", "en"] {
        let ended = files.page(&file(lang, "offers/old-deal/"));
        assert_eq!(
            attr(&ended, "meta[name=robots]", "content").as_deref(),
            Some("noindex")
        );
        assert_eq!(ended.select(&sel(".notice-ended")).count(), 1);
        let related = attrs(&ended, "main .cards a", "href");
        assert!(
            related.contains(&format!("/{lang}/offers/macys-herald-square/")),
            "{related:?}"
        );
        // Only active offers of the same category are suggested.
        assert!(
            !related
                .iter()
                .any(|h| h.contains("dinner") || h.contains("spring"))
        );
        // A dead coupon is not offered at the till.
        assert_eq!(ended.select(&sel(".coupon")).count(), 0);
        for live in ["offers/macys-herald-square/", "offers/spring-sale/", ""] {
            let doc = files.page(&file(lang, live));
            assert!(
                doc.select(&sel("meta[name=robots]")).next().is_none(),
                "{live}"
            );
        }
    }
    let zh = files.page("zh/offers/old-deal/index.html");
    assert!(
        texts(&zh, ".notice-ended")
            .join("")
            .contains("该优惠已结束")
    );
}

#[test]
fn upcoming_offers_say_when_they_start() {
    let files = site_files();
    let zh = files.page("zh/offers/spring-sale/index.html");
    assert!(
        texts(&zh, ".notice-upcoming")
            .join("")
            .contains("2015年3月1日"),
        "{:?}",
        texts(&zh, ".notice-upcoming")
    );
    let en = files.page("en/offers/spring-sale/index.html");
    assert!(
        texts(&en, ".notice-upcoming")
            .join("")
            .contains("Mar 1, 2015")
    );
}

#[test]
fn offer_page_shows_the_offer() {
    let files = site_files();
    let zh = files.page("zh/offers/macys-herald-square/index.html");
    assert_eq!(texts(&zh, ".badge-big"), vec!["九折"]);
    assert_eq!(texts(&zh, ".coupon .code"), vec!["GTC-MACYS-HERALD-SQUARE"]);
    let dates: Vec<String> = attrs(&zh, ".facts time", "datetime");
    assert_eq!(dates, vec!["2014-10-01", "2015-03-31"]);
    assert_eq!(
        texts(&zh, ".facts time"),
        vec!["2014年10月1日", "2015年3月31日"]
    );
    let hrefs = attrs(&zh, "main a", "href");
    for want in [
        "/zh/partners/macys/",
        "/zh/categories/shopping/",
        "/zh/destinations/new-york/",
        "/zh/terms/exchange-rate-lock/",
        "https://www.macys.com",
    ] {
        assert!(hrefs.iter().any(|h| h == want), "{want} not in {hrefs:?}");
    }
    assert_eq!(
        attr(&zh, "main img.offer-img", "src").as_deref(),
        Some("/media/offers/macys.jpg")
    );
    assert_eq!(
        meta(&zh, "og:image").as_deref(),
        Some("https://offers.example.com/media/offers/macys.jpg")
    );
    // The Markdown body, its heading nested under the section's.
    assert_eq!(texts(&zh, ".details h3"), vec!["使用方法"]);
    let en = files.page("en/offers/dinner/index.html");
    assert_eq!(texts(&en, ".badge-big"), vec!["US$20 off"]);
    assert_eq!(en.select(&sel(".coupon")).count(), 0, "no code, no box");
}

fn jsonld(doc: &Html) -> Value {
    let scripts = texts(doc, "script[type=\"application/ld+json\"]");
    assert_eq!(scripts.len(), 1);
    serde_json::from_str(&scripts[0]).expect("JSON-LD parses")
}

#[test]
fn offer_pages_carry_schema_org_offer_json_ld() {
    let files = site_files();
    let zh = jsonld(&files.page("zh/offers/macys-herald-square/index.html"));
    assert_eq!(zh["@context"], "https://schema.org");
    assert_eq!(zh["@type"], "Offer");
    assert_eq!(zh["name"], "macys-herald-square 优惠");
    assert_eq!(zh["validFrom"], "2014-10-01");
    assert_eq!(zh["validThrough"], "2015-03-31");
    assert_eq!(zh["url"], format!("{BASE}/zh/offers/macys-herald-square/"));
    assert_eq!(zh["offeredBy"]["@type"], "Organization");
    assert_eq!(zh["offeredBy"]["name"], "梅西百货");
    assert_eq!(zh["category"], "购物");
    assert_eq!(zh["availability"], "https://schema.org/InStock");
    assert!(
        zh.get("priceCurrency").is_none(),
        "percent discounts have no currency"
    );
    let en = jsonld(&files.page("en/offers/dinner/index.html"));
    assert_eq!(en["priceCurrency"], "USD");
    assert_eq!(en["priceSpecification"]["priceCurrency"], "USD");
    let ended = jsonld(&files.page("en/offers/old-deal/index.html"));
    assert_eq!(ended["availability"], "https://schema.org/Discontinued");
}

#[test]
fn lists_show_active_offers_newest_first_paginated() {
    let files = site_files();
    // page_size 2, active: dinner (Dec 1), gift (Nov 1), macys (Oct 1).
    let p1 = files.page("en/offers/index.html");
    assert_eq!(
        attrs(&p1, "main .card-title a", "href"),
        vec!["/en/offers/dinner/", "/en/offers/gift/"]
    );
    assert_eq!(
        attr(&p1, "a[rel=next]", "href").as_deref(),
        Some("/en/offers/page/2/")
    );
    assert!(p1.select(&sel("a[rel=prev]")).next().is_none());
    let p2 = files.page("en/offers/page/2/index.html");
    assert_eq!(
        attrs(&p2, "main .card-title a", "href"),
        vec!["/en/offers/macys-herald-square/"]
    );
    assert_eq!(
        attr(&p2, "a[rel=prev]", "href").as_deref(),
        Some("/en/offers/")
    );
    assert!(!files.contains_key("en/offers/page/1/index.html"));
    assert!(!files.contains_key("en/offers/page/3/index.html"));

    let paris = files.page("zh/destinations/paris/index.html");
    assert_eq!(
        attrs(&paris, "main .card-title a", "href"),
        vec!["/zh/offers/dinner/", "/zh/offers/gift/"]
    );
    let macys = files.page("en/partners/macys/index.html");
    let listed = attrs(&macys, "main .card-title a", "href");
    assert_eq!(
        listed,
        vec!["/en/offers/gift/", "/en/offers/macys-herald-square/"]
    );
    assert_eq!(
        attr(&macys, "img.logo", "src").as_deref(),
        Some("/media/logos/macys.svg")
    );
    assert_eq!(
        attr(&macys, "a.external", "href").as_deref(),
        Some("https://www.macys.com")
    );
    assert!(
        texts(&macys, ".prose")
            .join("")
            .contains("department store")
    );
}

#[test]
fn home_shows_featured_offers_and_every_section() {
    let files = site_files();
    let zh = files.page("zh/index.html");
    assert_eq!(
        attrs(&zh, "main .card-title a", "href"),
        vec!["/zh/offers/macys-herald-square/"]
    );
    let hrefs = attrs(&zh, "main a", "href");
    for want in [
        "/zh/categories/dining/",
        "/zh/destinations/paris/",
        "/zh/branches/nanjing/",
        "/zh/terms/exchange-rate-lock/",
        "/zh/offers/",
    ] {
        assert!(hrefs.iter().any(|h| h == want), "{want} not in {hrefs:?}");
    }
    let footer = attrs(&zh, "footer a", "href");
    for want in ["/zh/terms/", "/zh/branches/", "/zh/about/"] {
        assert!(footer.iter().any(|h| h == want), "{want} not in {footer:?}");
    }
}

#[test]
fn branch_and_document_pages() {
    let files = site_files();
    let en = files.page("en/branches/nanjing/index.html");
    assert_eq!(texts(&en, "h1"), vec!["Nanjing Branch"]);
    assert_eq!(
        attr(&en, "a[href^=\"tel:\"]", "href").as_deref(),
        Some("tel:+862500000000")
    );
    let zh = files.page("zh/terms/exchange-rate-lock/index.html");
    assert_eq!(texts(&zh, "h1"), vec!["汇率锁定"]);
    // The body's own `# title` sits below the page's h1.
    assert_eq!(texts(&zh, ".prose h2"), vec!["汇率锁定"]);
    assert_eq!(attrs(&zh, ".prose a", "href"), vec!["/zh/offers/"]);
    let list = files.page("en/terms/index.html");
    assert_eq!(
        attrs(&list, "main a", "href"),
        vec!["/en/terms/exchange-rate-lock/"]
    );
}

#[test]
fn root_chooses_a_language() {
    let files = site_files();
    let root = files.page("index.html");
    assert_eq!(attr(&root, "html", "lang").as_deref(), Some("zh-Hans"));
    assert_eq!(
        attr(&root, "link[rel=canonical]", "href").as_deref(),
        Some("https://offers.example.com/")
    );
    let alternates: Vec<(String, String)> = root
        .select(&sel("link[rel=alternate][hreflang]"))
        .map(|e| {
            (
                e.value().attr("hreflang").unwrap().to_string(),
                e.value().attr("href").unwrap().to_string(),
            )
        })
        .collect();
    assert_eq!(
        alternates,
        vec![
            ("zh-Hans".to_string(), format!("{BASE}/zh/")),
            ("en".to_string(), format!("{BASE}/en/")),
            ("x-default".to_string(), format!("{BASE}/")),
        ]
    );
    for (code, locale) in [("zh", "zh-Hans"), ("en", "en")] {
        let link = format!("main a[hreflang=\"{locale}\"][lang=\"{locale}\"]");
        assert_eq!(attr(&root, &link, "href"), Some(format!("/{code}/")));
    }
}

#[test]
fn not_found_page_speaks_both_languages_from_any_depth() {
    let files = site_files();
    let doc = files.page("404.html");
    assert_eq!(
        attr(&doc, "meta[name=robots]", "content").as_deref(),
        Some("noindex")
    );
    let body = texts(&doc, "main").join("");
    assert!(
        body.contains("页面不存在") && body.contains("Page not found"),
        "{body}"
    );
    let links = attrs(&doc, "main a", "href");
    assert_eq!(links, vec!["/zh/", "/en/"]);
    // Relative links would break when the 404 is served at a deep path.
    for href in attrs(&doc, "[href]", "href")
        .into_iter()
        .chain(attrs(&doc, "[src]", "src"))
    {
        assert!(
            href.starts_with('/') || href.starts_with("https://") || href.starts_with('#'),
            "{href}"
        );
    }
    assert_eq!(
        attr(&doc, "main [lang=\"en\"] a", "hreflang").as_deref(),
        Some("en")
    );
}

#[test]
fn fallback_translations_are_marked() {
    let mut site = SiteTest::tiny_site();
    site.config.translation_fallback = true;
    let i = site.offers.iter().position(|o| o.id == "gift").unwrap();
    site.offers[i].title = zh_only("限时礼品");
    let files = Files::rendered(&site);
    let en = files.page("en/offers/gift/index.html");
    assert_eq!(texts(&en, "h1 span[lang=\"zh-Hans\"]"), vec!["限时礼品"]);
    assert!(
        texts(&en, "h1 .untranslated")
            .join("")
            .contains("Not yet available in English")
    );
    // The same offer's card in a list is marked too.
    let list = files.page("en/offers/index.html");
    assert_eq!(
        texts(&list, ".card-title span[lang=\"zh-Hans\"]"),
        vec!["限时礼品"]
    );
    let zh = files.page("zh/offers/gift/index.html");
    assert!(zh.select(&sel(".untranslated")).next().is_none());
}
