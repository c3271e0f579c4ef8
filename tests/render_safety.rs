//! What editors type can never become markup: titles are escaped everywhere
//! they go, raw HTML in Markdown is shown as text unless the site allows it,
//! and scripting links are never clickable.

mod support;

use serde_json::Value;
use support::{attrs, page, sel, text_of, texts};

const XSS: &str = "</script><script>alert(1)</script>";

fn xss_site() -> offersite::model::Site {
    let mut site = support::tiny_site();
    let i = site
        .offers
        .iter()
        .position(|o| o.id == "macys-herald-square")
        .unwrap();
    site.offers[i].title = support::text(XSS, XSS);
    site.offers[i].summary = support::text(&format!("{XSS} & <b>"), "<!-- x -->");
    site.partners[1].name = support::text(XSS, XSS);
    site.categories[1].name = support::text(XSS, XSS);
    site
}

#[test]
fn a_script_title_is_text_in_every_page() {
    let files = support::render(&xss_site());
    for (path, bytes) in &files {
        if path.ends_with(".html") || path.ends_with(".xml") {
            let s = String::from_utf8(bytes.clone()).unwrap();
            if let Some(at) = s.find("<script>alert") {
                let from = s[..at].char_indices().rev().nth(200).map_or(0, |(i, _)| i);
                panic!("{path} lets the title run: …{}", &s[from..at + 20]);
            }
        }
    }
    for lang in ["zh", "en"] {
        let doc = page(
            &files,
            &format!("{lang}/offers/macys-herald-square/index.html"),
        );
        assert_eq!(texts(&doc, "h1"), vec![XSS]);
        assert!(texts(&doc, "title")[0].starts_with(XSS));
        assert_eq!(
            support::attr(&doc, "meta[property=\"og:title\"]", "content").as_deref(),
            Some(XSS)
        );
        // The only inline script is the JSON-LD one (the theme's offline
        // script is a file), and it still parses to the exact title.
        let scripts = texts(&doc, "script:not([src])");
        assert_eq!(scripts.len(), 1, "{scripts:?}");
        let ld: Value = serde_json::from_str(&scripts[0]).unwrap();
        assert_eq!(ld["name"], XSS);
        assert_eq!(ld["offeredBy"]["name"], XSS);
        assert_eq!(ld["category"], XSS);
        let list = page(&files, &format!("{lang}/offers/page/2/index.html"));
        assert_eq!(texts(&list, ".card-title"), vec![XSS]);
    }
}

#[test]
fn a_script_title_is_escaped_in_the_feed_and_sitemap() {
    let files = support::render(&xss_site());
    let feed = text_of(&files, "en/atom.xml");
    assert!(feed.contains("<title>&lt;/script&gt;&lt;script&gt;alert(1)&lt;/script&gt;</title>"));
    assert!(feed.contains("label=\"&lt;/script&gt;"));
    assert!(!feed.contains("<script"));
    let zh_feed = text_of(&files, "zh/atom.xml");
    assert!(zh_feed.contains("&amp; &lt;b&gt;"));
    let sitemap = text_of(&files, "sitemap.xml");
    assert!(!sitemap.contains("<script"));
    assert_eq!(
        sitemap.matches("<url>").count(),
        sitemap.matches("</url>").count()
    );
}

#[test]
fn a_script_title_is_plain_data_in_the_json() {
    let files = support::render(&xss_site());
    let json: Value = serde_json::from_str(&text_of(&files, "api/v1/offers.json")).unwrap();
    let offer = json["offers"]
        .as_array()
        .unwrap()
        .iter()
        .find(|o| o["id"] == "macys-herald-square")
        .unwrap();
    assert_eq!(offer["title"]["zh"], XSS);
    assert_eq!(offer["summary"]["en"], "<!-- x -->");
}

fn with_body(markdown: &str, allow_raw_html: bool) -> support::Files {
    let mut site = support::tiny_site();
    site.config.allow_raw_html = allow_raw_html;
    for o in &mut site.offers {
        o.body = Some(support::text(markdown, markdown));
    }
    support::render(&site)
}

#[test]
fn raw_html_in_markdown_is_text_unless_allowed() {
    let md = "Hello <img src=x onerror=alert(1)> world\n\n<div class=\"promo\">Big</div>\n";
    let files = with_body(md, false);
    let doc = page(&files, "en/offers/gift/index.html");
    assert_eq!(doc.select(&sel(".prose img")).count(), 0);
    assert_eq!(doc.select(&sel(".prose div.promo")).count(), 0);
    let prose = texts(&doc, ".prose").join("");
    assert!(prose.contains("<img src=x onerror=alert(1)>"), "{prose}");
    assert!(prose.contains("<div class=\"promo\">"), "{prose}");

    let files = with_body(md, true);
    let doc = page(&files, "en/offers/gift/index.html");
    assert_eq!(doc.select(&sel(".prose div.promo")).count(), 1);
}

#[test]
fn scripting_links_in_markdown_are_not_clickable() {
    let md = "[click](javascript:alert(1)) [data](data:text/html;base64,PHNjcmlwdD4=) [ok](/en/offers/)\n";
    let files = with_body(md, false);
    let doc = page(&files, "en/offers/gift/index.html");
    let hrefs = attrs(&doc, ".prose a", "href");
    assert_eq!(hrefs, vec!["/en/offers/"]);
    let prose = texts(&doc, ".prose").join("");
    assert!(prose.contains("click") && prose.contains("data"), "{prose}");
}

#[test]
fn partner_websites_with_scripting_urls_are_dropped() {
    let mut site = support::tiny_site();
    site.partners[1].website = "javascript:alert(1)".into();
    let files = support::render(&site);
    for path in ["en/partners/macys/index.html", "en/offers/gift/index.html"] {
        let doc = page(&files, path);
        for href in attrs(&doc, "a", "href") {
            assert!(
                !href.to_ascii_lowercase().contains("javascript"),
                "{path}: {href}"
            );
        }
    }
}
