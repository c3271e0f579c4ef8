//! `offersite new`: every kind writes a bilingual scaffold that `check`
//! rejects, blank by blank, until it is filled in, and accepts once it is.

use crate::common::*;

fn new(site: &SiteTest, args: &[&str]) -> (Option<i32>, String, String) {
    let out = site.run(&[&["new"], args].concat());
    (
        out.status.code(),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

/// Replace `from` (which must occur) with `to`.
fn fill(text: &str, from: &str, to: &str) -> String {
    assert!(text.contains(from), "{from:?} not in\n{text}");
    text.replacen(from, to, 1)
}

#[test]
fn an_offer_scaffold_fails_check_until_filled_then_passes() {
    let site = SiteTest::fixture("valid");
    let (code, stdout, stderr) = new(&site, &["offer", "macys-spring-sale"]);
    assert_eq!(code, Some(0), "{stderr}");
    assert!(stdout.contains("content/offers/macys-spring-sale.yaml"));
    let rel = "content/offers/macys-spring-sale.yaml";
    let text = site.read(rel);
    // Every field, each with a comment above it, in both languages.
    for field in [
        "partner:",
        "category:",
        "title:",
        "summary:",
        "body:",
        "discount:",
        "coupon_code:",
        "valid_from:",
        "valid_until:",
        "destinations:",
        "terms:",
        "image:",
        "featured:",
        "draft:",
    ] {
        let at = text
            .lines()
            .position(|l| l.starts_with(field))
            .unwrap_or_else(|| panic!("no {field} in\n{text}"));
        assert!(
            text.lines().nth(at - 1).unwrap().starts_with('#'),
            "{field} has no comment"
        );
    }
    assert!(text.contains("title: {zh: \"\", en: \"\"}"));

    // Unfilled, every blank is an error at its own line.
    let checked = site.check();
    assert_eq!(checked.code, Some(1));
    let mine: Vec<_> = checked
        .errors()
        .into_iter()
        .filter(|d| d["file"] == rel)
        .collect();
    assert!(mine.len() >= 10, "{mine:#?}");
    let line_of = |needle: &str| 1 + text.lines().position(|l| l.starts_with(needle)).unwrap();
    for (field, message) in [
        ("partner:", "`partner` is empty"),
        ("valid_from:", "not a real date"),
        ("destinations:", "at least one id"),
    ] {
        assert!(
            mine.iter()
                .any(|d| d["line"].as_u64() == Some(line_of(field) as u64)
                    && d["message"].as_str().unwrap().contains(message)),
            "no {message:?} at {field}: {mine:#?}"
        );
    }

    let mut filled = text.clone();
    for (from, to) in [
        ("partner: \"\"", "partner: macys"),
        ("category: \"\"", "category: shopping"),
        (
            "title: {zh: \"\", en: \"\"}",
            "title: {zh: 梅西百货春季特卖, en: Macy's spring sale}",
        ),
        (
            "summary: {zh: \"\", en: \"\"}",
            "summary: {zh: 春季特卖立减。, en: Spring sale savings.}",
        ),
        ("  zh: \"\"", "  zh: 在收银台出示优惠码。"),
        ("  en: \"\"", "  en: Show the code at the till."),
        ("discount: {percent: \"\"}", "discount: {percent: 15}"),
        ("coupon_code: \"\"", "coupon_code: GTC-MACYS-SPRING"),
        ("valid_from: YYYY-MM-DD", "valid_from: 2026-11-01"),
        ("valid_until: YYYY-MM-DD", "valid_until: 2027-01-31"),
        ("destinations: []", "destinations: [new-york]"),
        ("terms: []", "terms: [exchange-rate-lock]"),
        ("image: \"\"", "image: logos/macys.svg"),
    ] {
        filled = fill(&filled, from, to);
    }
    site.write(rel, &filled);
    site.check().assert_clean();
}

#[test]
fn a_partner_scaffold_passes_once_filled() {
    let site = SiteTest::fixture("valid");
    let (code, _, stderr) = new(&site, &["partner", "bloomingdales"]);
    assert_eq!(code, Some(0), "{stderr}");
    let rel = "content/partners/bloomingdales.yaml";
    let text = site.read(rel);
    assert_eq!(site.check().code, Some(1));
    let mut filled = text;
    for (from, to) in [
        (
            "name: {zh: \"\", en: \"\"}",
            "name: {zh: 布鲁明戴尔百货, en: Bloomingdale's}",
        ),
        ("website: \"\"", "website: https://www.bloomingdales.com"),
        ("logo: \"\"", "logo: logos/macys.svg"),
        ("  zh: \"\"", "  zh: 美国百货公司。"),
        ("  en: \"\"", "  en: An American department store."),
    ] {
        filled = fill(&filled, from, to);
    }
    site.write(rel, &filled);
    site.check().assert_clean();
}

#[test]
fn term_and_page_scaffolds_write_one_file_per_language() {
    let site = SiteTest::fixture("valid");
    for (kind, dir) in [("term", "terms"), ("page", "pages")] {
        let (code, stdout, stderr) = new(&site, &[kind, "refunds"]);
        assert_eq!(code, Some(0), "{stderr}");
        for lang in ["zh", "en"] {
            let rel = format!("content/{dir}/refunds.{lang}.md");
            assert!(stdout.contains(&rel), "{stdout}");
            let text = site.read(&rel);
            assert!(text.starts_with("---\n"), "{text}");
            assert!(text.contains("title: \"\""));
        }
    }
    let checked = site.check();
    assert_eq!(checked.code, Some(1));
    assert_eq!(checked.errors().len(), 8, "{:#?}", checked.diagnostics);
    for dir in ["terms", "pages"] {
        for (lang, title, summary, body) in [
            ("zh", "退款", "如何退款。", "退款在七日内完成。"),
            (
                "en",
                "Refunds",
                "How refunds work.",
                "Refunds take seven days.",
            ),
        ] {
            let rel = format!("content/{dir}/refunds.{lang}.md");
            let text = site.read(&rel);
            let text = fill(&text, "title: \"\"", &format!("title: {title}"));
            let text = fill(&text, "summary: \"\"", &format!("summary: {summary}"));
            site.write(&rel, format!("{text}{body}\n"));
        }
    }
    site.check().assert_clean();
}

#[test]
fn an_existing_item_is_refused_and_left_alone() {
    let site = SiteTest::fixture("valid");
    let rel = "content/offers/macys-gift.yaml";
    let before = site.read(rel);
    let (code, _, stderr) = new(&site, &["offer", "macys-gift"]);
    assert_eq!(code, Some(1));
    assert!(
        stderr.contains("content/offers/macys-gift.yaml already exists"),
        "{stderr}"
    );
    assert_eq!(site.read(rel), before);

    // One language's file of a term is enough to refuse, and nothing is written.
    let (code, _, stderr) = new(&site, &["term", "exchange-rate-lock"]);
    assert_eq!(code, Some(1));
    assert!(stderr.contains("already exists"), "{stderr}");
    site.write(
        "content/terms/half.en.md",
        "---\ntitle: x\nsummary: y\n---\n",
    );
    let (code, _, _) = new(&site, &["term", "half"]);
    assert_eq!(code, Some(1));
    assert!(!site.root().join("content/terms/half.zh.md").exists());
}

#[test]
fn an_invalid_id_is_wrong_usage() {
    let site = SiteTest::fixture("valid");
    for bad in [
        "Macys",
        "../escape",
        "a/b",
        "南京",
        "x-",
        "with space",
        "a.b",
        "",
    ] {
        let (code, _, stderr) = new(&site, &["offer", bad]);
        assert_eq!(code, Some(2), "{bad:?}: {stderr}");
        assert!(
            stderr.contains("ids use only lowercase ASCII letters, digits and `-`"),
            "{bad:?}: {stderr}"
        );
    }
    let (code, _, stderr) = new(&site, &["page", "offers"]);
    assert_eq!(code, Some(2));
    assert!(stderr.contains("already a section"), "{stderr}");
    assert!(!site.root().join("escape.yaml").exists());
    let offers = std::fs::read_dir(site.root().join("content/offers"))
        .unwrap()
        .count();
    assert_eq!(offers, 3);
}
