//! `offersite check`: an editor's mistakes are reported all together, each
//! with its file, line, column and a hint, and a clean site passes.

mod sitetest;

use sitetest::{SiteTest, hint};

const OFFER: &str = "content/offers/macys-herald-square.yaml";
const HOTEL: &str = "content/offers/aston-waikiki.yaml";

#[test]
fn the_valid_fixture_passes() {
    SiteTest::fixture("valid").check().assert_clean();
}

#[test]
fn the_shipped_catalog_passes() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let output = std::process::Command::new(env!("CARGO_BIN_EXE_offersite"))
        .args(["check", "--now", sitetest::NOW, "--root"])
        .arg(root)
        .output()
        .unwrap();
    assert_eq!(
        output.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
}

/// An editor's YAML slip is reported on the line where it is, not where
/// the parser gave up (often lines later), with one error per slip.
fn assert_slip(case: &str, line: u64, column: u64, message: &str, hint_part: &str) {
    let checked = SiteTest::broken(case).check();
    let d = checked.assert_error(OFFER, line, column, message);
    assert!(hint(d).contains(hint_part), "{d:#}");
    assert_eq!(checked.errors().len(), 1, "{:#?}", checked.errors());
}

#[test]
fn yaml_syntax_error_points_at_the_place() {
    // `title: {zh: …, en: 10% off at Macy's` with no closing brace.
    assert_slip(
        "yaml-syntax",
        3,
        8,
        "YAML syntax error: the `{` here is never closed",
        "close it with `}`",
    );
}

#[test]
fn yaml_slip_missing_space_after_colon() {
    assert_slip(
        "yaml-no-space",
        2,
        10,
        "YAML syntax error: no space after `category:`",
        "`category: shopping`",
    );
}

#[test]
fn yaml_slip_block_marker_without_space() {
    // `en:|` on line 8 used to be reported at line 11.
    assert_slip(
        "yaml-block-no-space",
        8,
        6,
        "YAML syntax error: no space after `en:`",
        "`en: |`",
    );
}

#[test]
fn yaml_slip_unclosed_quote() {
    assert_slip(
        "yaml-unclosed-quote",
        3,
        25,
        "YAML syntax error: the quote `\"` here is never closed",
        "on the same line",
    );
}

#[test]
fn yaml_slip_unclosed_bracket() {
    assert_slip(
        "yaml-unclosed-bracket",
        8,
        15,
        "YAML syntax error: the `[` here is never closed",
        "close it with `]`",
    );
}

#[test]
fn yaml_slip_tab_indentation() {
    assert_slip(
        "yaml-tab",
        9,
        1,
        "YAML syntax error: a tab is used for indentation",
        "spaces, not tabs",
    );
}

#[test]
fn yaml_slip_block_text_not_indented() {
    assert_slip(
        "yaml-block-indent",
        9,
        3,
        "YAML syntax error: the text of `en: |` is not indented",
        "more than `en:`",
    );
}

#[test]
fn unknown_field_suggests_the_close_name() {
    let checked = SiteTest::broken("unknown-field").check();
    let d = checked.assert_error(OFFER, 7, 1, "unknown field `valid_untill`");
    assert_eq!(hint(d), "did you mean `valid_until`?");
    // One mistake, one diagnostic: no separate "missing `valid_until`".
    assert_eq!(checked.errors().len(), 1, "{:#?}", checked.errors());
}

#[test]
fn a_misspelled_field_is_one_error_at_the_misspelled_key() {
    // Below a comment header: nothing is reported at 1:1.
    let checked = SiteTest::broken("misspelled-field").check();
    let d = checked.assert_error(OFFER, 4, 1, "unknown field `catagory` in an offer");
    assert_eq!(hint(d), "did you mean `category`?");
    assert_eq!(checked.errors().len(), 1, "{:#?}", checked.errors());
}

#[test]
fn a_missing_field_is_reported_at_the_first_field_not_the_comment_header() {
    let checked = SiteTest::broken("missing-field-header").check();
    let d = checked.assert_error(OFFER, 3, 1, "missing required field `category`");
    assert_eq!(hint(d), "add `category: category-id`");
}

#[test]
fn required_fields_never_hint_removing_them() {
    let checked = SiteTest::broken("empty-required").check();
    let category = checked.assert_error(OFFER, 2, 11, "`category` is empty");
    assert_eq!(hint(category), "write a value: `category: category-id`");
    let title = checked.assert_error(OFFER, 3, 25, "the `en` text of `title` is empty");
    assert_eq!(hint(title), "write the `en` text of `title`");
    for d in checked.errors() {
        assert!(!hint(d).contains("remove"), "{d:#}");
    }
}

#[test]
fn wrong_type_is_named() {
    let checked = SiteTest::broken("wrong-type").check();
    let d = checked.assert_error(OFFER, 9, 11, "`featured` must be true or false, found text");
    assert!(hint(d).contains("featured: true"));
}

#[test]
fn missing_required_field() {
    let checked = SiteTest::broken("missing-field").check();
    let d = checked.assert_error(OFFER, 1, 1, "missing required field `category`");
    assert!(hint(d).contains("category:"));
}

#[test]
fn missing_translation_names_field_and_language() {
    let checked = SiteTest::broken("missing-translation").check();
    let d = checked.assert_error(OFFER, 3, 8, "`title` is missing its `en` translation");
    // The translation first; the site-wide fallback only after it.
    assert!(
        hint(d).starts_with("translate it: add `en: …` to `title`"),
        "{d:#}"
    );
}

#[test]
fn unknown_references_suggest_the_close_id() {
    let checked = SiteTest::broken("unknown-reference").check();
    let partner = checked.assert_error(OFFER, 1, 10, "unknown partner `macy`");
    assert_eq!(hint(partner), "did you mean `macys`?");
    let category = checked.assert_error(OFFER, 2, 11, "unknown category `shoping`");
    assert_eq!(hint(category), "did you mean `shopping`?");
    let destination = checked.assert_error(OFFER, 8, 26, "unknown destination `newyork`");
    assert_eq!(hint(destination), "did you mean `new-york`?");
    let term = checked.assert_error(OFFER, 9, 9, "unknown term `exchange-rate`");
    assert_eq!(hint(term), "did you mean `exchange-rate-lock`?");
    assert_eq!(checked.errors().len(), 4);
}

#[test]
fn duplicate_ids_in_a_list() {
    let checked = SiteTest::broken("duplicate-id").check();
    let d = checked.assert_error("content/categories.yaml", 3, 8, "duplicate id `shopping`");
    assert!(hint(d).contains("entry 1"));
}

#[test]
fn invalid_ids_in_file_names_and_lists() {
    let checked = SiteTest::broken("invalid-id").check();
    let file = checked.assert_error("content/offers/Macys_Sale.yaml", 0, 0, "contains 'M'");
    assert!(hint(file).contains("macys-sale"));
    let entry = checked.assert_error("content/destinations.yaml", 3, 8, "id \"Las Vegas\"");
    assert!(hint(entry).contains("las-vegas"));
}

#[test]
fn valid_from_after_valid_until() {
    let checked = SiteTest::broken("date-order").check();
    checked.assert_error(
        OFFER,
        7,
        14,
        "valid_until 2027-03-31 is before valid_from 2027-09-01",
    );
}

#[test]
fn dates_that_do_not_exist() {
    let checked = SiteTest::broken("unreal-date").check();
    let d = checked.assert_error(
        OFFER,
        6,
        13,
        "\"2015-02-30\" is not a real date (February has no day 30)",
    );
    assert!(hint(d).contains("YYYY-MM-DD"));
}

#[test]
fn discount_without_a_kind() {
    let checked = SiteTest::broken("discount-none").check();
    checked.assert_error(OFFER, 5, 11, "the discount has no kind");
}

#[test]
fn discount_with_two_kinds() {
    let checked = SiteTest::broken("discount-two").check();
    checked.assert_error(OFFER, 5, 11, "the discount has 2 kinds (percent, amount)");
}

#[test]
fn percent_outside_range() {
    let checked = SiteTest::broken("discount-percent").check();
    checked.assert_error(OFFER, 5, 21, "percent 120 is outside 1–99");
}

#[test]
fn amount_must_be_positive() {
    let checked = SiteTest::broken("discount-amount").check();
    checked.assert_error(HOTEL, 7, 12, "the amount 0 must be more than 0");
}

#[test]
fn unknown_currency_code() {
    let checked = SiteTest::broken("discount-currency").check();
    let d = checked.assert_error(HOTEL, 8, 15, "unknown currency code \"USX\"");
    assert!(hint(d).contains("ISO 4217"));
}

#[test]
fn logo_that_does_not_exist() {
    let checked = SiteTest::broken("media-missing").check();
    let d = checked.assert_error(
        "content/partners/macys.yaml",
        3,
        7,
        "content/media/logos/macy.svg does not exist",
    );
    assert_eq!(hint(d), "did you mean `logos/macys.svg`?");
}

#[test]
fn image_path_escaping_media() {
    let checked = SiteTest::broken("media-escape").check();
    checked.assert_error(HOTEL, 9, 8, "escapes content/media/");
}

#[test]
fn markdown_links_to_pages_that_will_not_exist() {
    let checked = SiteTest::broken("dead-link").check();
    // Inside a YAML block scalar: the line of the text and its column.
    let d = checked.assert_error(OFFER, 9, 7, "link to /zh/offers/aston-waikik/");
    assert_eq!(hint(d), "did you mean `/zh/offers/aston-waikiki/`?");
    // In a Markdown file's body.
    let term = "content/terms/exchange-rate-lock.en.md";
    checked.assert_error(term, 8, 10, "link to /en/faq/");
    checked.assert_error(
        term,
        8,
        30,
        "link target \"javascript:alert(1)\" is not allowed",
    );
}

#[test]
fn markdown_file_without_front_matter() {
    let checked = SiteTest::broken("front-matter-missing").check();
    let d = checked.assert_error(
        "content/terms/exchange-rate-lock.en.md",
        1,
        1,
        "missing front matter",
    );
    assert!(hint(d).contains("---"));
}

#[test]
fn markdown_file_with_broken_front_matter() {
    let checked = SiteTest::broken("front-matter-broken").check();
    checked.assert_error("content/pages/about.en.md", 2, 13, "YAML syntax error");
}

#[test]
fn five_mistakes_in_one_file_give_five_diagnostics() {
    let checked = SiteTest::broken("five-mistakes").check();
    let in_file: Vec<_> = checked
        .errors()
        .into_iter()
        .filter(|d| d["file"] == OFFER)
        .collect();
    assert_eq!(in_file.len(), 5, "{in_file:#?}");
    checked.assert_error(OFFER, 4, 10, "`summary` is missing its `en` translation");
    checked.assert_error(OFFER, 5, 21, "percent 0 is outside 1–99");
    checked.assert_error(OFFER, 8, 14, "not a real date");
    checked.assert_error(OFFER, 9, 16, "unknown destination `new-yrok`");
    checked.assert_error(OFFER, 10, 1, "unknown field `featurd`");
}

#[test]
fn an_ended_offer_is_a_note_not_a_warning() {
    let checked = SiteTest::broken("ended-offer").check();
    assert_eq!(checked.code, Some(0));
    assert_eq!(checked.warnings().len(), 0, "{:#?}", checked.diagnostics);
    let ended: Vec<_> = checked
        .notes()
        .into_iter()
        .filter(|n| n["file"] == HOTEL)
        .collect();
    assert_eq!(ended.len(), 1, "{ended:#?}");
    assert!(
        ended[0]["message"]
            .as_str()
            .unwrap()
            .contains("ended on 2026-06-30")
    );
    assert_eq!(checked.summary["summary"]["warnings"], 0);
    // Notes never fail a run, even with --deny-warnings.
    let site = SiteTest::broken("ended-offer");
    let strict = site.run(&["check", "--now", sitetest::NOW, "--deny-warnings"]);
    assert_eq!(strict.status.code(), Some(0));
}

#[test]
fn an_upcoming_offer_is_a_note() {
    // The valid fixture's gift card offer starts on 2027-01-15.
    let checked = SiteTest::fixture("valid").check();
    let d = checked
        .notes()
        .into_iter()
        .find(|n| n["file"] == "content/offers/macys-gift.yaml")
        .expect("a note on the upcoming offer");
    assert!(
        d["message"]
            .as_str()
            .unwrap()
            .contains("starts on 2027-01-15")
    );
}

#[test]
fn deny_warnings_fails_check_and_build_on_a_warning() {
    let site = SiteTest::broken("ignored-files");
    let check = site.run(&["check", "--now", sitetest::NOW]);
    assert_eq!(check.status.code(), Some(0));
    let strict = site.run(&["check", "--now", sitetest::NOW, "--deny-warnings"]);
    assert_eq!(strict.status.code(), Some(1));
    let out = site.root().join("public");
    let build = site.run(&["build", "--now", sitetest::NOW, "--deny-warnings"]);
    assert_eq!(build.status.code(), Some(1));
    assert!(!out.exists(), "a denied build writes nothing");
    let build = site.run(&["build", "--now", sitetest::NOW]);
    assert_eq!(build.status.code(), Some(0));
}

#[test]
fn the_shipped_catalog_builds_without_a_warning() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let out = tempfile::tempdir().unwrap();
    let output = std::process::Command::new(env!("CARGO_BIN_EXE_offersite"))
        .args(["build", "--deny-warnings", "--now", sitetest::NOW, "--root"])
        .arg(root)
        .arg("--out")
        .arg(out.path().join("public"))
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(0), "{stderr}");
    assert!(!stderr.contains("warning"), "{stderr}");
}

#[test]
fn unknown_files_are_warned_about_and_editor_files_ignored() {
    let checked = SiteTest::broken("ignored-files").check();
    assert_eq!(checked.code, Some(0));
    let w = checked.warnings();
    assert_eq!(w.len(), 1, "{w:#?}");
    assert_eq!(w[0]["file"], "content/offers/notes.txt");
}

#[test]
fn a_site_without_site_yaml() {
    let checked = SiteTest::broken("no-site-yaml").check();
    let d = checked.assert_error("content/site.yaml", 0, 0, "no content/site.yaml");
    assert!(hint(d).contains("--root"));
}

#[test]
fn human_output_quotes_the_line_with_a_marker() {
    let (code, text) = SiteTest::broken("unknown-reference").check_human();
    assert_eq!(code, Some(1));
    let expected = "error: unknown partner `macy`\n --> content/offers/macys-herald-square.yaml:1:10\n  |\n1 | partner: macy\n  |          ^\n  = hint: did you mean `macys`?\n";
    assert!(text.contains(expected), "{text}");
    assert!(text.contains("4 error(s), 0 warning(s)"), "{text}");
}

#[test]
fn marker_aligns_under_wide_characters() {
    let (_, text) = SiteTest::broken("missing-translation").check_human();
    // `title: {zh: 梅西百货九折}` — the marker sits under `{`, column 8.
    assert!(
        text.contains("3 | title: {zh: 梅西百货九折}\n  |        ^\n"),
        "{text}"
    );
}

#[test]
fn wrong_usage_exits_2() {
    let site = SiteTest::fixture("valid");
    assert_eq!(
        site.run(&["check", "--format", "xml"]).status.code(),
        Some(2)
    );
    assert_eq!(
        site.run(&["check", "--now", "2015-02-30"]).status.code(),
        Some(2)
    );
    assert_eq!(site.run(&["frobnicate"]).status.code(), Some(2));
}

#[test]
fn a_page_cannot_take_the_name_of_a_section() {
    let checked = SiteTest::broken("reserved-page-id").check();
    let d = checked.assert_error(
        "content/pages/offers.en.md",
        0,
        0,
        "a page cannot be called `offers`",
    );
    assert!(hint(d).contains("offers-info.en.md"));
}

/// Discount conditions (#11): a minimum spend not above the amount, `per`
/// on a percent, an unknown `per` and a condition on a text discount are
/// each reported where the editor fixes them.
#[test]
fn bad_discount_conditions_are_positioned() {
    let checked = SiteTest::broken("discount-conditions").check();
    let spend = checked.assert_error(
        HOTEL,
        7,
        22,
        "min_spend US$20 is not above the amount taken off (US$20)",
    );
    assert!(hint(spend).contains("more than the discount"));
    let per = checked.assert_error(
        "content/offers/aston-per-percent.yaml",
        7,
        3,
        "`per` applies only to an amount discount, not to `percent`",
    );
    assert!(hint(per).starts_with("remove `per`"));
    let unknown = checked.assert_error(
        "content/offers/aston-per-unknown.yaml",
        7,
        8,
        "unknown `per` value \"nights\"",
    );
    assert_eq!(
        hint(unknown),
        "did you mean `night`? `per` is one of: night, ticket, person"
    );
    checked.assert_error(
        "content/offers/macys-text-spend.yaml",
        7,
        3,
        "a text discount cannot have `min_spend`",
    );
    checked.assert_error(
        "content/offers/aston-spend-currency.yaml",
        7,
        37,
        "the minimum spend is in EUR but the amount taken off is in USD",
    );
    assert_eq!(checked.errors().len(), 5);
}

/// Editors think in 折 (#18): a discount that contradicts the 折 or
/// "% off" wording of the offer's own title or summary fails `check`, with
/// the right value in the hint; `zhe` and `percent` are one or the other.
#[test]
fn discount_contradicting_its_own_wording() {
    let checked = SiteTest::broken("discount-wording").check();
    let zh = checked.assert_error(
        OFFER,
        5,
        21,
        "the `zh` title says 八五折 but the discount is `percent: 85` (一五折)",
    );
    assert_eq!(
        hint(zh),
        "八五折 is 15% off: write `percent: 15` (or `zhe: 8.5`), or correct the title"
    );
    let en = checked.assert_error(
        "content/offers/macys-zhe.yaml",
        5,
        17,
        "the `en` summary says 15% off but the discount is `zhe: 8` (20% off)",
    );
    assert_eq!(
        hint(en),
        "15% off is 八五折: write `zhe: 8.5` (or `percent: 15`), or correct the summary"
    );
    let both = checked.assert_error(
        "content/offers/macys-both.yaml",
        5,
        11,
        "the discount has 2 kinds (percent, zhe)",
    );
    assert!(hint(both).contains("keep one of them"));
    let digits = checked.assert_error(
        "content/offers/macys-zhe-digits.yaml",
        5,
        17,
        "zhe 85 is outside 0.1–9.9",
    );
    assert!(hint(digits).starts_with("did you mean `zhe: 8.5`?"));
    assert_eq!(checked.errors().len(), 4);
}

/// How to redeem (#11): an unknown method is named with the close one.
#[test]
fn unknown_redeem_method() {
    let checked = SiteTest::broken("redeem-unknown").check();
    let d = checked.assert_error(HOTEL, 7, 9, "unknown `redeem` value \"bookings\"");
    assert!(hint(d).starts_with("did you mean `booking`?"));
    assert_eq!(checked.errors().len(), 1);
}

/// Editors think in 折 (#18): `zhe: 8.5` is `percent: 15` everywhere the
/// discount shows, and matches a title that says 八五折.
#[test]
fn zhe_is_the_same_discount_as_percent() {
    let site = SiteTest::fixture("valid");
    site.write(
        "content/offers/macys-zhe.yaml",
        "partner: macys\ncategory: shopping\ntitle: {zh: 梅西百货八五折, en: 15% off at Macy's}\n\
         summary: {zh: 用手机支付即享八五折。, en: Pay by phone and save 15%.}\n\
         discount: {zhe: 8.5, min_spend: {value: 100, currency: USD}}\n\
         valid_from: 2026-09-01\nvalid_until: 2027-03-31\ndestinations: [new-york]\n",
    );
    site.check().assert_clean();
    let out = site.run(&["build", "--now", sitetest::NOW]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let json: serde_json::Value = serde_json::from_slice(
        &std::fs::read(site.root().join("public/api/v1/offers.json")).unwrap(),
    )
    .unwrap();
    let offer = json["offers"]
        .as_array()
        .unwrap()
        .iter()
        .find(|o| o["id"] == "macys-zhe")
        .unwrap();
    assert_eq!(offer["discount"]["kind"], "percent");
    assert_eq!(offer["discount"]["value"], 15);
    assert_eq!(offer["discount"]["label"]["zh"], "满100美元享八五折");
    assert_eq!(offer["discount"]["label"]["en"], "15% off US$100");
}

/// The valid fixture with one offer a listing page and the gift offer
/// already running, so that shopping, Honolulu and Macy's list two pages.
fn one_offer_a_page() -> SiteTest {
    let site = SiteTest::fixture("valid");
    let edit = |rel: &str, from: &str, to: &str| {
        let text = std::fs::read_to_string(site.root().join(rel)).unwrap();
        assert!(text.contains(from), "{rel} has {from}");
        site.write(rel, text.replace(from, to));
    };
    edit("content/site.yaml", "page_size: 2", "page_size: 1");
    let gift = "content/offers/macys-gift.yaml";
    edit(gift, "valid_from: 2027-01-15", "valid_from: 2026-11-01");
    site
}

/// An editor links the second page of a category from a free page: the
/// build writes it, so `check` accepts it; one page further does not exist.
#[test]
fn links_may_lead_to_later_pages_of_a_category() {
    let site = one_offer_a_page();
    let about = "content/pages/about.zh.md";
    let front = "---\ntitle: 关于我们\nsummary: 全球旅行卡海外优惠计划简介。\n---\n";
    site.write(
        about,
        format!("{front}见[第二页](/zh/categories/shopping/page/2/)。\n"),
    );
    site.check().assert_clean();
    site.write(
        about,
        format!("{front}见[第三页](/zh/categories/shopping/page/3/)。\n"),
    );
    let checked = site.check();
    checked.assert_error(about, 5, 2, "link to /zh/categories/shopping/page/3/");
    assert_eq!(checked.errors().len(), 1, "{:#?}", checked.errors());
}

/// `check` and `build` agree on which pages exist: a Markdown link is valid
/// exactly when it leads to a page the build writes. Scope: the pages, the
/// feeds, the crawler files and the app's JSON; copied media, the theme's
/// assets, resized pictures and the offline worker's files are outside it
/// (the build writes fingerprinted and derived names nobody links by hand).
#[test]
fn link_targets_are_the_pages_the_build_writes() {
    let site = one_offer_a_page();
    let options = offersite::content::LoadOptions {
        now: sitetest::NOW.parse().unwrap(),
        drafts: false,
    };
    let mut cache = offersite::content::LoadCache::default();
    let loaded = offersite::content::load_cached(site.root(), &options, &mut cache);
    let files = offersite::render::render(&loaded.site.expect("the fixture loads"))
        .unwrap_or_else(|d| panic!("{d:?}"));
    let in_scope = |p: &str| {
        p.ends_with('/')
            || p.ends_with(".html")
            || p.ends_with("atom.xml")
            || p.starts_with("/api/")
            || p == "/sitemap.xml"
            || p == "/robots.txt"
    };
    let written: std::collections::BTreeSet<String> = files
        .iter()
        .map(|f| format!("/{}", f.path.strip_suffix("index.html").unwrap_or(&f.path)))
        .filter(|p| in_scope(p))
        .collect();
    let targets: std::collections::BTreeSet<String> = cache
        .link_targets()
        .iter()
        .filter(|p| in_scope(p))
        .map(str::to_string)
        .collect();
    assert!(written.contains("/zh/categories/shopping/page/2/"));
    assert!(written.contains("/en/destinations/honolulu/page/2/"));
    assert_eq!(written, targets);
}

/// An editor hides an offer by renaming it `.draft.yaml` (or mistypes
/// `..grand.yaml`): the site skips it, and `check` says so, with how to
/// publish it; the swap and lock files of editors stay quiet.
#[test]
fn hidden_content_files_are_not_skipped_in_silence() {
    let site = SiteTest::fixture("valid");
    let offer = std::fs::read_to_string(site.root().join(OFFER)).unwrap();
    site.write("content/offers/.draft.yaml", &offer);
    site.write("content/offers/..grand.yaml", &offer);
    site.write("content/pages/.about.en.md", "---\ntitle: x\n---\n");
    site.write("content/offers/.macys.yaml.swp", "x");
    site.write("content/offers/.#macys.yaml", "x");
    site.write("content/offers/macys.yaml~", "x");
    let checked = site.check();
    let warnings = checked.warnings();
    let hidden: Vec<&serde_json::Value> = warnings
        .iter()
        .copied()
        .filter(|d| d["message"].as_str().unwrap_or("").contains("hidden file"))
        .collect();
    assert_eq!(hidden.len(), 3, "{warnings:#?}");
    for (file, name) in [
        ("content/offers/.draft.yaml", "draft.yaml"),
        ("content/offers/..grand.yaml", "grand.yaml"),
        ("content/pages/.about.en.md", "about.en.md"),
    ] {
        let d = hidden
            .iter()
            .find(|d| d["file"] == file)
            .unwrap_or_else(|| panic!("no warning for {file}: {warnings:#?}"));
        // The whole file is meant: line and column 0, as for unknown files.
        assert_eq!(
            (d["line"].as_u64(), d["column"].as_u64()),
            (Some(0), Some(0)),
            "{d:#}"
        );
        assert!(hint(d).contains(&format!("`{name}`")), "{d:#}");
    }
    assert_eq!(
        warnings.len(),
        3,
        "editor litter stays quiet: {warnings:#?}"
    );
}
