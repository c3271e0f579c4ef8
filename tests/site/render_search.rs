//! Search: a tourist finds current offers by merchant, place or
//! category in either language, from a search page and a header box that
//! work as plain links without JavaScript. The browser half (typing queries,
//! recall) is tests/e2e/search.js.

use crate::common::*;

use offersite::render::search;

fn records(site: &offersite::model::Site) -> Vec<search::Record> {
    search::records_for_site(site).unwrap_or_else(|d| panic!("{d:?}"))
}

#[test]
fn only_active_offers_are_found_in_each_language() {
    // Story: a tourist never finds an offer that has ended, has not started
    // or is an unpublished draft.
    let mut site = SiteTest::tiny_site();
    let mut draft = offer("secret", site.now, site.now);
    draft.draft = true;
    site.offers.push(draft);
    let urls: Vec<String> = records(&site).into_iter().map(|r| r.url).collect();
    for lang in ["zh", "en"] {
        for id in ["macys-herald-square", "dinner", "gift"] {
            assert!(
                urls.contains(&format!("/{lang}/offers/{id}/")),
                "{id} in {lang}: {urls:?}"
            );
        }
        for id in ["old-deal", "spring-sale", "secret"] {
            assert!(
                !urls.contains(&format!("/{lang}/offers/{id}/")),
                "{id} in {lang}: {urls:?}"
            );
        }
    }
    // The bundle says the same: one page per active offer in each language.
    let files = Files::rendered(&SiteTest::tiny_site());
    let entry: Value = serde_json::from_slice(&files["pagefind/pagefind-entry.json"]).unwrap();
    for lang in ["zh", "en"] {
        assert_eq!(entry["languages"][lang]["page_count"], 3, "{entry}");
    }
}

#[test]
fn records_carry_discount_partner_destination_and_filters_in_their_language() {
    // Story: results show the discount badge, partner and place, and can be
    // narrowed by category, destination and partner, named in the page's language.
    let site = SiteTest::tiny_site();
    let all = records(&site);
    let zh = all
        .iter()
        .find(|r| r.url == "/zh/offers/dinner/")
        .expect("zh record of dinner");
    assert_eq!(zh.language, "zh");
    assert_eq!(zh.meta["title"], "dinner 优惠");
    assert_eq!(zh.meta["discount"], "立减20美元");
    let partner = site.partner("joes").unwrap();
    assert_eq!(zh.meta["partner"], partner.name.get("zh"));
    for (filter, want) in [
        (
            "category",
            vec![site.category("dining").unwrap().name.get("zh")],
        ),
        ("partner", vec![partner.name.get("zh")]),
        (
            "destination",
            vec![
                site.destination("new-york").unwrap().name.get("zh"),
                site.destination("paris").unwrap().name.get("zh"),
            ],
        ),
    ] {
        assert_eq!(zh.filters[filter], want, "{filter}");
    }
    // Mixed queries ("Joe's 纽约"): the other language's names are words too.
    assert!(
        zh.content.contains(partner.name.get("en")),
        "{}",
        zh.content
    );
    assert!(
        zh.content
            .contains(site.destination("paris").unwrap().name.get("en")),
        "{}",
        zh.content
    );
    let en = all.iter().find(|r| r.url == "/en/offers/dinner/").unwrap();
    assert_eq!(en.meta["discount"], "US$20 off");
}

#[test]
fn search_files_are_deterministic_and_follow_the_content() {
    // Story: CI gets the same bytes for the same input and date, and a
    // changed offer changes the index.
    let bundle = |site: &offersite::model::Site| -> Vec<(String, Vec<u8>)> {
        Files::rendered(site)
            .into_iter()
            .filter(|(p, _)| p.starts_with("pagefind/"))
            .collect()
    };
    let site = SiteTest::tiny_site();
    search::forget_built();
    let first = bundle(&site);
    assert!(
        first.iter().any(|(p, _)| p.ends_with(".pf_meta")),
        "{first:?}"
    );
    assert!(first.iter().any(|(p, _)| p == "pagefind/pagefind.js"));
    // Indexed again, not taken from the in-process cache.
    search::forget_built();
    assert_eq!(first, bundle(&site));
    let mut changed = site.clone();
    changed.offers[0].title = text("全新标题", "A brand new title");
    assert_ne!(first, bundle(&changed));
}

#[test]
fn each_language_has_a_search_page_that_explains_itself_without_javascript() {
    // Story: without JavaScript the search page says so in the reader's
    // language and offers categories and destinations to browse instead.
    let site = SiteTest::tiny_site();
    let files = Files::rendered(&site);
    for (lang, needs) in [("zh", "脚本"), ("en", "JavaScript")] {
        let doc = files.page(&format!("{lang}/search/index.html"));
        assert_eq!(
            attr(&doc, "main form[role=search]", "action").as_deref(),
            Some(format!("/{lang}/search/").as_str())
        );
        assert_eq!(
            attr(&doc, "main form input#search-q", "name").as_deref(),
            Some("q")
        );
        let noscript = doc
            .select(&sel("noscript"))
            .map(|n| n.inner_html())
            .collect::<String>();
        assert!(noscript.contains(needs), "{lang}: {noscript}");
        assert_eq!(
            attr(&doc, "meta[name=robots]", "content").as_deref(),
            Some("noindex")
        );
        let links = attrs(&doc, "main a", "href");
        for c in &site.categories {
            assert!(
                links.contains(&format!("/{lang}/categories/{}/", c.id)),
                "{links:?}"
            );
        }
        for d in &site.destinations {
            assert!(
                links.contains(&format!("/{lang}/destinations/{}/", d.id)),
                "{links:?}"
            );
        }
        assert_eq!(
            attr(&doc, "#search", "data-bundle").as_deref(),
            Some("/pagefind/")
        );
    }
    // The Chinese page's own words are Chinese.
    let zh = files.page("zh/search/index.html");
    let mut ui: String = ["h1", "label", ".muted", "legend"]
        .iter()
        .flat_map(|s| texts(&zh, s))
        .collect();
    // Without scripting the parser keeps <noscript> as raw markup: drop the tags.
    let noscript: String = texts(&zh, "noscript").concat();
    ui.extend(noscript.split(['<', '>']).skip(2).step_by(2));
    assert!(!ui.chars().any(|c| c.is_ascii_alphabetic()), "{ui}");
    // Result pages are not for search engines.
    let sitemap: String = files
        .iter()
        .filter(|(p, _)| p.starts_with("sitemap"))
        .map(|(_, b)| String::from_utf8_lossy(b).into_owned())
        .collect();
    assert!(!sitemap.contains("/search/"), "{sitemap}");
}

#[test]
fn every_page_has_a_header_search_box_that_works_as_a_link() {
    // Story: from any page a tourist types a word in the header and lands on
    // the search page of their language, with or without JavaScript.
    let files = Files::rendered(&SiteTest::tiny_site());
    let mut seen = 0;
    for path in files.keys().filter(|p| p.ends_with(".html")) {
        let Some(lang) = ["zh/", "en/"].iter().find(|l| path.starts_with(*l)) else {
            continue;
        };
        let lang = lang.trim_end_matches('/');
        let doc = files.page(path);
        let form = format!("header form[action=\"/{lang}/search/\"][method=get]");
        assert_eq!(
            attr(&doc, &format!("{form} input[type=search]"), "name").as_deref(),
            Some("q"),
            "{path}"
        );
        let id = attr(&doc, &format!("{form} input"), "id").unwrap();
        assert!(
            doc.select(&sel(&format!("{form} label[for=\"{id}\"]")))
                .next()
                .is_some(),
            "{path}: the box has a label"
        );
        seen += 1;
    }
    assert!(seen > 20, "{seen}");
}
