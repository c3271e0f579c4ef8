//! Offers say exactly what the till will do, in each language's idiom
//! (#11): discount conditions everywhere a discount shows, the coupon hint
//! of each way to redeem, CLDR country names, places and phone numbers as
//! Chinese readers write them, 至 in Chinese date ranges, and category
//! titles that read right in English.

mod support;

use offersite::model::{Discount, Money, Per, Redeem, Text};
use serde_json::Value;
use support::{Files, attr, page, texts};

fn usd(value: f64) -> Option<Money> {
    Some(Money {
        value,
        currency: "USD".into(),
    })
}

/// The tiny site with one offer per kind of condition and redeem method.
fn conditioned() -> Files {
    let mut site = support::tiny_site();
    let set = |site: &mut offersite::model::Site, id: &str, d: Discount, redeem: Redeem| {
        let o = site.offers.iter_mut().find(|o| o.id == id).unwrap();
        o.discount = d;
        o.redeem = redeem;
    };
    let mut spend = Discount::amount(20.0, "USD");
    spend.min_spend = usd(200.0);
    set(&mut site, "macys-herald-square", spend, Redeem::Till);
    let mut night = Discount::amount(30.0, "USD");
    night.per = Some(Per::Night);
    set(&mut site, "dinner", night, Redeem::Booking);
    let mut percent = Discount::percent(10);
    percent.min_spend = usd(100.0);
    set(&mut site, "gift", percent, Redeem::TicketOffice);
    let mut ticket = Discount::amount(20.0, "USD");
    ticket.per = Some(Per::Ticket);
    set(&mut site, "spring-sale", ticket, Redeem::Online);
    support::render(&site)
}

fn offer_page(files: &Files, lang: &str, id: &str) -> scraper::Html {
    page(files, &format!("{lang}/offers/{id}/index.html"))
}

fn badge(files: &Files, lang: &str, id: &str) -> String {
    texts(&offer_page(files, lang, id), ".badge-big").join("")
}

fn offers_json(files: &Files) -> Value {
    serde_json::from_slice(&files["api/v1/offers.json"]).unwrap()
}

/// The contract's three examples and `per: ticket`, on the offer's badge,
/// its meta description, its cards and its JSON-LD, in both languages.
#[test]
fn conditions_show_wherever_the_discount_shows() {
    let files = conditioned();
    let cases = [
        (
            "macys-herald-square",
            "满200美元减20美元",
            "US$20 off US$200",
        ),
        ("dinner", "每晚立减30美元", "US$30 off per night"),
        ("gift", "满100美元享九折", "10% off US$100"),
        ("spring-sale", "每张门票立减20美元", "US$20 off per ticket"),
    ];
    for (id, zh, en) in cases {
        for (lang, label) in [("zh", zh), ("en", en)] {
            assert_eq!(badge(&files, lang, id), label, "{lang} {id}");
            let doc = offer_page(&files, lang, id);
            let description = attr(&doc, "meta[name=description]", "content").unwrap();
            assert!(description.starts_with(label), "{description}");
            let ld: Value =
                serde_json::from_str(&texts(&doc, "script[type=\"application/ld+json\"]").join(""))
                    .unwrap();
            assert_eq!(ld["disambiguatingDescription"], label);
        }
    }
    // Cards on the (paginated) list of all offers carry the condition too.
    let badges: Vec<String> = files
        .keys()
        .filter(|p| {
            p.starts_with("zh/offers/") && !p.contains("offers/macys") && p.ends_with(".html")
        })
        .flat_map(|p| texts(&page(&files, p), ".card .badge"))
        .collect();
    assert!(
        badges.contains(&"满200美元减20美元".to_string()),
        "{badges:?}"
    );
    // And the feed.
    let feed = String::from_utf8(files["en/atom.xml"].clone()).unwrap();
    assert!(feed.contains("US$20 off US$200"), "{feed}");
}

#[test]
fn offers_json_carries_conditions_as_data() {
    let files = conditioned();
    let json = offers_json(&files);
    let by_id = |id: &str| -> Value {
        json["offers"]
            .as_array()
            .unwrap()
            .iter()
            .find(|o| o["id"] == id)
            .unwrap()
            .clone()
    };
    let spend = by_id("macys-herald-square");
    assert_eq!(
        spend["discount"]["min_spend"],
        serde_json::json!({"value": 200, "currency": "USD"})
    );
    assert_eq!(spend["discount"]["per"], Value::Null);
    assert_eq!(spend["discount"]["label"]["zh"], "满200美元减20美元");
    assert_eq!(by_id("dinner")["discount"]["per"], "night");
    assert_eq!(by_id("spring-sale")["discount"]["per"], "ticket");
    let percent = by_id("gift");
    assert_eq!(percent["discount"]["kind"], "percent");
    assert_eq!(percent["discount"]["min_spend"]["value"], 100);
    assert_eq!(json["version"], 1);
}

#[test]
fn jsonld_states_the_minimum_spend_and_the_unit() {
    let files = conditioned();
    let ld = |id: &str| -> Value {
        let doc = offer_page(&files, "en", id);
        serde_json::from_str(&texts(&doc, "script[type=\"application/ld+json\"]").join("")).unwrap()
    };
    let spend = ld("macys-herald-square");
    assert_eq!(spend["eligibleTransactionVolume"]["price"], 200.0);
    assert_eq!(spend["eligibleTransactionVolume"]["priceCurrency"], "USD");
    let night = ld("dinner");
    assert_eq!(
        night["priceSpecification"]["@type"],
        "UnitPriceSpecification"
    );
    assert_eq!(night["priceSpecification"]["unitText"], "night");
}

/// Each way to redeem has its own hint in each language.
#[test]
fn each_redeem_method_has_its_own_coupon_hint() {
    let files = conditioned();
    let cases = [
        (
            "macys-herald-square",
            "付款时向收银员出示此优惠码即可享受优惠。",
            "Show this code at the till when you pay.",
        ),
        (
            "gift",
            "在售票窗口购票时出示此优惠码即可享受优惠。",
            "Show this code at the ticket window when you buy your tickets.",
        ),
    ];
    for (id, zh, en) in cases {
        for (lang, hint) in [("zh", zh), ("en", en)] {
            let doc = offer_page(&files, lang, id);
            assert_eq!(texts(&doc, ".coupon-hint"), [hint], "{lang} {id}");
        }
    }
    // Offers without a code show no hint; give the others codes and look.
    let mut site = support::tiny_site();
    for o in &mut site.offers {
        o.coupon_code = Some("GTC-X".into());
    }
    let methods = [
        (
            Redeem::Booking,
            "预订时报出此优惠码即可享受优惠。",
            "Quote this code when you book.",
        ),
        (
            Redeem::Online,
            "在线付款时在结账页面输入此优惠码即可享受优惠。",
            "Enter this code at checkout when you pay online.",
        ),
    ];
    for (redeem, zh, en) in methods {
        site.offers[0].redeem = redeem;
        let id = site.offers[0].id.clone();
        let files = support::render(&site);
        assert_eq!(texts(&offer_page(&files, "zh", &id), ".coupon-hint"), [zh]);
        assert_eq!(texts(&offer_page(&files, "en", &id), ".coupon-hint"), [en]);
    }
}

#[test]
fn countries_are_named_from_cldr_in_each_language() {
    let files = support::render(&support::tiny_site());
    for (lang, name) in [("zh", "法国"), ("en", "France")] {
        let doc = page(&files, &format!("{lang}/destinations/paris/index.html"));
        assert_eq!(texts(&doc, ".facts dd"), [name]);
        assert!(
            texts(&doc, ".card-where").iter().all(|w| w.ends_with(name)),
            "{:?}",
            texts(&doc, ".card-where")
        );
    }
    let doc = offer_page(&files, "zh", "dinner");
    let ld: Value =
        serde_json::from_str(&texts(&doc, "script[type=\"application/ld+json\"]").join(""))
            .unwrap();
    let countries: Vec<&Value> = ld["areaServed"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| &p["containedInPlace"]["name"])
        .collect();
    assert_eq!(countries, [&Value::from("美国"), &Value::from("法国")]);
}

/// A branch: id, city (zh, en), province (zh, en).
type BranchRow<'a> = (&'a str, (&'a str, &'a str), (&'a str, &'a str));

fn with_branches(rows: &[BranchRow]) -> Files {
    let mut site = support::tiny_site();
    let template = site.branches[0].clone();
    site.branches = rows
        .iter()
        .map(|(id, city, province)| {
            let mut b = template.clone();
            b.id = id.to_string();
            b.city = support::text(city.0, city.1);
            b.province = support::text(province.0, province.1);
            b
        })
        .collect();
    support::render(&site)
}

#[test]
fn municipalities_are_not_named_twice() {
    let files = with_branches(&[
        ("beijing", ("北京", "Beijing"), ("北京市", "Beijing")),
        ("nanjing", ("南京", "Nanjing"), ("江苏省", "Jiangsu")),
        ("guilin", ("桂林", "Guilin"), ("广西壮族自治区", "Guangxi")),
    ]);
    let city = |lang: &str, id: &str| {
        texts(
            &page(&files, &format!("{lang}/branches/{id}/index.html")),
            ".facts div:first-child dd",
        )
        .join("")
    };
    assert_eq!(city("zh", "beijing"), "北京");
    assert_eq!(city("en", "beijing"), "Beijing");
    assert_eq!(city("zh", "nanjing"), "南京（江苏省）");
    assert_eq!(city("en", "nanjing"), "Nanjing, Jiangsu");
    assert_eq!(city("zh", "guilin"), "桂林（广西壮族自治区）");
    let list = page(&files, "zh/branches/index.html");
    let headings = texts(&list, ".branch-card h2");
    assert_eq!(headings[0], "北京");
    assert_eq!(headings[1], "南京 江苏省");
}

#[test]
fn phone_numbers_read_as_dialled_at_home_and_link_in_e164() {
    let files = support::render(&support::tiny_site());
    let zh = page(&files, "zh/branches/nanjing/index.html");
    assert_eq!(texts(&zh, "a[href^=\"tel:\"]"), ["025-0000 0000"]);
    assert_eq!(
        attr(&zh, "a[href^=\"tel:\"]", "href").unwrap(),
        "tel:+862500000000"
    );
    let en = page(&files, "en/branches/nanjing/index.html");
    assert_eq!(texts(&en, "a[href^=\"tel:\"]"), ["+86 25 0000 0000"]);
    assert_eq!(
        attr(&en, "a[href^=\"tel:\"]", "href").unwrap(),
        "tel:+862500000000"
    );
}

#[test]
fn chinese_date_ranges_use_zhi() {
    let files = support::render(&support::tiny_site());
    let zh = offer_page(&files, "zh", "macys-herald-square");
    assert_eq!(
        texts(&zh, ".facts div:first-child dd").join(""),
        "2014年10月1日至2015年3月31日"
    );
    let en = offer_page(&files, "en", "macys-herald-square");
    assert_eq!(
        texts(&en, ".facts div:first-child dd").join(""),
        "Oct 1, 2014 – Mar 31, 2015"
    );
}

#[test]
fn category_titles_read_right_in_english() {
    let mut site = support::tiny_site();
    site.categories[1].name = support::text("主题乐园", "Theme parks");
    let mut phrase = Text::default();
    phrase.0.insert(
        "en".into(),
        offersite::model::LocalText {
            text: "Theme park offers".into(),
            lang: "en".into(),
            fallback: false,
        },
    );
    site.categories[1].title_phrase = phrase;
    let files = support::render(&site);
    let en = page(&files, "en/categories/shopping/index.html");
    assert_eq!(texts(&en, "h1"), ["Theme park offers"]);
    // Chinese has no phrase and keeps its own pattern.
    let zh = page(&files, "zh/categories/shopping/index.html");
    assert_eq!(texts(&zh, "h1"), ["主题乐园优惠"]);
    // Without a phrase the English title still reads right.
    let dining = page(&files, "en/categories/dining/index.html");
    assert_eq!(texts(&dining, "h1"), ["Offers: Dining"]);
    let offer = offer_page(&files, "en", "macys-herald-square");
    let html = offer.html();
    assert!(!html.contains("More offers in Theme parks"), "{html}");
}

#[test]
fn the_footer_sends_a_tourist_to_the_apps_help_page() {
    let files = support::render(&support::tiny_site());
    for (lang, words) in [
        ("zh", "手机支付应用“客服”页面"),
        ("en", "Help page of the mobile-payment app"),
    ] {
        let doc = page(&files, &format!("{lang}/index.html"));
        let footer = texts(&doc, ".service p").join("");
        assert!(footer.contains(words), "{footer}");
        assert!(!footer.contains("back of your card") && !footer.contains("卡片背面"));
    }
}
