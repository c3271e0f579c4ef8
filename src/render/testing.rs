//! A small, complete site built in Rust, for tests of the renderer (unit
//! tests here and `tests/render_*.rs`). It uses the built-in theme and its
//! UI strings, so it renders exactly what a content-only site would.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use jiff::civil::{Date, date};

use crate::model::{
    Branch, Category, Destination, Discount, DiscountKind, Document, Language, LocalText,
    MediaFile, Offer, Partner, Redeem, Site, SiteConfig, Text, UiStrings,
};

/// A text in Chinese and English.
pub fn text(zh: &str, en: &str) -> Text {
    let mut t = Text::default();
    for (lang, s) in [("zh", zh), ("en", en)] {
        t.0.insert(
            lang.to_string(),
            LocalText {
                text: s.to_string(),
                lang: lang.to_string(),
                fallback: false,
            },
        );
    }
    t
}

/// A text written only in Chinese, shown in English as a marked fallback.
pub fn zh_only(zh: &str) -> Text {
    let mut t = text(zh, zh);
    t.0.insert(
        "en".into(),
        LocalText {
            text: zh.to_string(),
            lang: "zh".into(),
            fallback: true,
        },
    );
    t
}

/// The UI strings of the built-in theme's `i18n/<lang>.yaml` files.
pub fn builtin_ui(theme: &crate::model::Theme) -> UiStrings {
    let mut ui = BTreeMap::new();
    for file in &theme.i18n {
        let Some(lang) = file
            .path
            .strip_prefix("i18n/")
            .and_then(|p| p.strip_suffix(".yaml"))
        else {
            continue;
        };
        let strings: BTreeMap<String, String> =
            serde_yaml::from_slice(&file.bytes).expect("built-in UI strings are a flat mapping");
        ui.insert(lang.to_string(), strings);
    }
    UiStrings(ui)
}

/// An offer with the given id and dates; everything else plausible.
pub fn offer(id: &str, from: Date, until: Date) -> Offer {
    Offer {
        id: id.to_string(),
        partner: "macys".into(),
        category: "shopping".into(),
        title: text(&format!("{id} 优惠"), &format!("{id} offer")),
        summary: text("购物立享折扣", "Save when you shop"),
        body: Some(text(
            "## 使用方法\n\n结账时出示优惠码。\n",
            "## How to use\n\nShow the code at the till.\n",
        )),
        discount: Discount::percent(10),
        coupon_code: Some(format!("GTC-{}", id.to_ascii_uppercase())),
        redeem: Redeem::Till,
        valid_from: from,
        valid_until: until,
        destinations: vec!["new-york".into()],
        terms: vec!["exchange-rate-lock".into()],
        image: None,
        featured: false,
        draft: false,
    }
}

fn document(id: &str, zh: &str, en: &str, weight: i64) -> Document {
    Document {
        id: id.to_string(),
        title: text(zh, en),
        summary: text(&format!("{zh}说明"), &format!("About {en}")),
        weight,
        body: text(
            &format!("# {zh}\n\n详见[全部优惠](/zh/offers/)。\n"),
            &format!("# {en}\n\nSee [all offers](/en/offers/).\n"),
        ),
    }
}

/// A site with one offer of each status (plus a few active ones), judged on
/// 2015-01-15, with the built-in theme.
pub fn tiny_site() -> Site {
    let (theme, _) = crate::theme::load(Path::new("/nonexistent-offersite-root"));
    let ui = builtin_ui(&theme);
    let d = |y, m, dd| date(y, m, dd);
    let mut offers = vec![
        offer("macys-herald-square", d(2014, 10, 1), d(2015, 3, 31)),
        offer("old-deal", d(2014, 1, 1), d(2014, 6, 30)),
        offer("spring-sale", d(2015, 3, 1), d(2015, 5, 31)),
        offer("dinner", d(2014, 12, 1), d(2015, 2, 28)),
        offer("gift", d(2014, 11, 1), d(2015, 12, 31)),
    ];
    offers[0].featured = true;
    offers[0].image = Some("offers/macys.jpg".into());
    offers[3].category = "dining".into();
    offers[3].partner = "joes".into();
    offers[3].discount = Discount::amount(20.0, "USD");
    offers[3].destinations = vec!["new-york".into(), "paris".into()];
    offers[3].coupon_code = None;
    offers[4].discount = Discount::plain(DiscountKind::Text(text("赠送精美礼品", "Free gift")));
    offers[4].destinations = vec!["paris".into()];
    offers.sort_by(|a, b| a.id.cmp(&b.id));
    Site {
        config: SiteConfig {
            base_url: "https://offers.example.com".into(),
            languages: vec![
                Language {
                    code: "zh".into(),
                    locale: "zh-Hans".into(),
                    name: "中文".into(),
                },
                Language {
                    code: "en".into(),
                    locale: "en".into(),
                    name: "English".into(),
                },
            ],
            title: text("全球旅行卡海外优惠", "Global Travel Card Overseas Offers"),
            description: text(
                "持卡出境，购物餐饮尽享折扣。",
                "Discounts on shopping and dining abroad for cardholders.",
            ),
            page_size: 2,
            translation_fallback: false,
            allow_raw_html: false,
            app: None,
            coupon_barcode: Default::default(),
            headers_file: false,
            deploy: Vec::new(),
        },
        categories: vec![
            Category {
                id: "dining".into(),
                name: text("餐饮", "Dining"),
                title_phrase: Text::default(),
            },
            Category {
                id: "shopping".into(),
                name: text("购物", "Shopping"),
                title_phrase: Text::default(),
            },
        ],
        destinations: vec![
            Destination {
                id: "new-york".into(),
                name: text("纽约", "New York"),
                country: "US".into(),
            },
            Destination {
                id: "paris".into(),
                name: text("巴黎", "Paris"),
                country: "FR".into(),
            },
        ],
        branches: vec![Branch {
            id: "nanjing".into(),
            city: text("南京", "Nanjing"),
            province: text("江苏", "Jiangsu"),
            name: text("南京分公司", "Nanjing Branch"),
            address: text("南京市中山路1号", "1 Zhongshan Road, Nanjing"),
            hours: text("周一至周五 9:00–17:00", "Mon–Fri 9:00–17:00"),
            phone: "+86 25 0000 0000".into(),
        }],
        partners: vec![
            Partner {
                id: "joes".into(),
                name: text("乔氏餐厅", "Joe's Diner"),
                website: "https://joes.example.com".into(),
                logo: None,
                about: None,
            },
            Partner {
                id: "macys".into(),
                name: text("梅西百货", "Macy's"),
                website: "https://www.macys.com".into(),
                logo: Some("logos/macys.svg".into()),
                about: Some(text(
                    "美国知名百货公司。",
                    "A well-known US department store.",
                )),
            },
        ],
        offers,
        terms: vec![document(
            "exchange-rate-lock",
            "汇率锁定",
            "Exchange rate lock",
            10,
        )],
        pages: vec![document("about", "关于我们", "About us", 0)],
        ui,
        theme,
        media: vec![
            MediaFile {
                path: "logos/macys.svg".into(),
                source: PathBuf::from("/nonexistent/media/logos/macys.svg"),
            },
            MediaFile {
                path: "offers/macys.jpg".into(),
                source: PathBuf::from("/nonexistent/media/offers/macys.jpg"),
            },
        ],
        pictures: Default::default(),
        now: d(2015, 1, 15),
    }
}
