//! The catalog's model: partners and offers, each drawn from the
//! reference tables with a generator seeded by its index alone.

use std::fmt::Write as _;

pub use offersite::model::Status;

use crate::data::{
    BULLETS, CATEGORIES, Category, DESTINATIONS, PARTNER_PREFIX, PARTNER_SUFFIX, SENTENCES,
    SUMMARIES, TERMS, TEXT_DISCOUNTS, TITLES, currency,
};
use crate::dates::{NOW, days};
use crate::rng::Rng;
use crate::yaml::q;

const SEED: u64 = 0x6f66_6665_7273_6974; // "offersit"

pub struct Partner {
    pub id: String,
    pub zh: String,
    pub en: String,
    pub category: usize,
    pub website: String,
}

pub enum Discount {
    Percent(u32),
    Amount(u32, &'static str),
    Text(usize),
}

impl Discount {
    /// The badge's wording in `lang`, by the site's own formatter (so
    /// titles and the Hugo twin say what offersite's badge says).
    pub fn label(&self, lang: &str) -> String {
        use offersite::model;
        let discount = match *self {
            Discount::Percent(p) => model::Discount::percent(u8::try_from(p).expect("a percent")),
            Discount::Amount(v, c) => model::Discount::amount(f64::from(v), c),
            Discount::Text(i) => {
                let (zh, en) = TEXT_DISCOUNTS[i];
                return if lang == "zh" { zh } else { en }.to_string();
            }
        };
        offersite::format::discount(&discount, lang)
    }

    /// The `discount:` field, as offersite content and the Hugo twin's
    /// front matter both write it.
    pub fn yaml(&self) -> String {
        match *self {
            Discount::Percent(p) => format!("discount: {{percent: {p}}}\n"),
            Discount::Amount(v, c) => {
                format!("discount: {{amount: {{value: {v}, currency: {c}}}}}\n")
            }
            Discount::Text(i) => format!(
                "discount:\n  text: {{zh: {}, en: {}}}\n",
                q(TEXT_DISCOUNTS[i].0),
                q(TEXT_DISCOUNTS[i].1)
            ),
        }
    }

    /// Short wording for titles and summaries: (zh, en), the English
    /// lower-cased to stand mid-sentence.
    pub fn words(&self) -> (String, String) {
        match self {
            Discount::Text(_) => (self.label("zh"), self.label("en").to_lowercase()),
            _ => (self.label("zh"), self.label("en")),
        }
    }
}

pub struct Offer {
    pub id: String,
    pub partner: usize,
    pub category: usize,
    pub title: (String, String),
    pub summary: (String, String),
    pub body: (String, String),
    pub discount: Discount,
    pub coupon: Option<String>,
    pub valid_from: i64,
    pub valid_until: i64,
    pub status: Status,
    pub destinations: Vec<usize>,
    pub terms: Vec<usize>,
    pub featured: bool,
}

pub fn slug(s: &str) -> String {
    let mut out = String::new();
    for c in s.chars() {
        if c.is_ascii_alphanumeric() {
            out.push(c.to_ascii_lowercase());
        } else if !out.ends_with('-') && !out.is_empty() {
            out.push('-');
        }
    }
    out.trim_end_matches('-').to_string()
}

pub fn partners() -> Vec<Partner> {
    (0..50)
        .map(|i| {
            let (pzh, pen) = PARTNER_PREFIX[i % 25];
            // i / 25 shifts the suffix so the 50 (prefix, suffix) pairs are distinct.
            let (szh, sen, category) = PARTNER_SUFFIX[(i * 3 + i / 25) % 10];
            let en = format!("{pen} {sen}");
            let id = slug(&en);
            Partner {
                website: format!("https://www.{id}.example.com"),
                id,
                zh: format!("{pzh}{szh}"),
                en,
                category,
            }
        })
        .collect()
}

pub fn fill(pattern: &str, p: &str, d: &str, c: &str, x: &str) -> String {
    pattern
        .replace("{p}", p)
        .replace("{d}", d)
        .replace("{c}", c)
        .replace("{x}", x)
}

/// Lower-cases the first letter of an English category for use mid-sentence.
pub fn lower(s: &str) -> String {
    s.to_lowercase()
}

pub fn offer(i: usize, n: usize, partners: &[Partner]) -> Offer {
    let mut rng = Rng::new(SEED ^ (i as u64).wrapping_mul(0x2545_f491_4f6c_dd1d));
    let partner = rng.below(partners.len());
    let p = &partners[partner];
    let category = p.category;
    let cat = &CATEGORIES[category];

    // 1–3 destinations, the first one is the main one.
    let k = 1 + rng.below(3);
    let destinations = rng.distinct(DESTINATIONS.len(), k);
    let d = DESTINATIONS[destinations[0]];

    let discount = match rng.below(100) {
        0..=59 => Discount::Percent(*rng.pick(&[5, 10, 12, 15, 20, 25, 30, 40])),
        60..=84 => {
            let cur = currency(d.3);
            let v = if cur == "JPY" {
                1000 * (1 + rng.below(10) as u32)
            } else {
                *rng.pick(&[5, 10, 15, 20, 25, 30, 50, 100])
            };
            Discount::Amount(v, cur)
        }
        _ => Discount::Text(rng.below(TEXT_DISCOUNTS.len())),
    };
    let (xzh, xen) = discount.words();

    // Featured: about a dozen offers whatever N, always active.
    let every = (n / 12).max(1);
    let featured = i.is_multiple_of(every) && i / every < 12;
    let now = days(NOW);
    let roll = rng.below(100);
    let status = if featured || roll < 80 {
        Status::Active
    } else if roll < 90 {
        Status::Ended
    } else {
        Status::Upcoming
    };
    let (valid_from, valid_until) = match status {
        Status::Active => (now - rng.range(0, 300), now + rng.range(0, 240)),
        Status::Ended => {
            let until = now - rng.range(1, 200);
            (until - rng.range(30, 180), until)
        }
        Status::Upcoming => {
            let from = now + rng.range(1, 90);
            (from, from + rng.range(30, 180))
        }
    };

    let coupon = (rng.below(10) < 7).then(|| {
        let tag: String = p.id.split('-').next().unwrap().to_ascii_uppercase();
        format!("GTC-{tag}-{}", i + 1)
    });
    let terms = match rng.below(4) {
        0 => vec![],
        1 => vec![0],
        2 => vec![0, 2],
        _ => vec![2 + rng.below(2)],
    };

    let (tzh, ten) = *rng.pick(&TITLES);
    let (szh, sen) = *rng.pick(&SUMMARIES);
    let title = (
        fill(tzh, &p.zh, d.1, cat.zh, &xzh),
        fill(ten, &p.en, d.2, cat.en, &xen),
    );
    let summary = (
        fill(szh, &p.zh, d.1, cat.zh, &xzh),
        fill(sen, &p.en, d.2, &lower(cat.en), &xen),
    );
    let body = body(&mut rng, p, cat, &destinations, &terms);

    Offer {
        id: format!("{}-{}-{}", p.id, d.0, i + 1),
        partner,
        category,
        title,
        summary,
        body,
        discount,
        coupon,
        valid_from,
        valid_until,
        status,
        destinations,
        terms,
        featured,
    }
}

/// ~150 English words (and the same content in Chinese) of Markdown: two
/// paragraphs, a bullet list with links to site paths, a closing paragraph.
pub fn body(
    rng: &mut Rng,
    p: &Partner,
    cat: &Category,
    dests: &[usize],
    terms: &[usize],
) -> (String, String) {
    let picks = rng.distinct(SENTENCES.len(), 9);
    let bullets = rng.distinct(BULLETS.len(), 2);
    let d = DESTINATIONS[dests[0]];
    let cen = lower(cat.en);
    let mut zh = String::with_capacity(1200);
    let mut en = String::with_capacity(1400);
    for (n, &s) in picks.iter().enumerate() {
        if n == 4 || n == 6 {
            zh.push_str("\n\n");
            en.push_str("\n\n");
        } else if n > 0 {
            en.push(' ');
        }
        if n == 6 {
            // The list sits between the second and the closing paragraph.
            let _ = write!(
                zh,
                "- 商户：[{}](/zh/partners/{}/)\n- 目的地：[{}](/zh/destinations/{}/)\n- 汇率：受[汇率锁定](/zh/terms/exchange-rate-lock/)保障\n",
                p.zh, p.id, d.1, d.0
            );
            let _ = write!(
                en,
                "- Partner: [{}](/en/partners/{}/)\n- Destination: [{}](/en/destinations/{}/)\n- Rate: protected by the [exchange rate lock](/en/terms/exchange-rate-lock/)\n",
                p.en, p.id, d.2, d.0
            );
            for &b in &bullets {
                let _ = writeln!(zh, "- {}", BULLETS[b].0);
                let _ = writeln!(en, "- {}", BULLETS[b].1);
            }
            zh.push('\n');
            en.push('\n');
        }
        let (szh, sen) = SENTENCES[s];
        zh.push_str(&fill(szh, &p.zh, d.1, cat.zh, ""));
        en.push_str(&fill(sen, &p.en, d.2, &cen, ""));
    }
    let _ = write!(
        zh,
        "更多[{}优惠](/zh/categories/{}/)请见分类页，或访问[商户官网]({})。",
        cat.zh, cat.id, p.website
    );
    let _ = write!(
        en,
        " See more [{} offers](/en/categories/{}/) or visit [the partner's website]({}).",
        cen, cat.id, p.website
    );
    if let Some(&t) = terms.last() {
        let _ = write!(
            zh,
            "使用前请阅读[{}](/zh/terms/{}/)。",
            TERMS[t].1, TERMS[t].0
        );
        let _ = write!(
            en,
            " Please read the [{}](/en/terms/{}/) first.",
            lower(TERMS[t].2),
            TERMS[t].0
        );
    }
    zh.push('\n');
    en.push('\n');
    (zh, en)
}
