//! Machine-readable output: `/api/v1/offers.json` for the payment app
//! (schema in `docs/offers-json.md`) and the schema.org JSON-LD of offer
//! pages. Both are built with `serde_json`, never by pasting strings.

use std::collections::BTreeMap;

use rayon::prelude::*;
use serde::Serialize;
use serde_json::{Value, json};

use super::format;
use super::index::Index;
use super::lang::LangData;
use super::view::OfferCard;
use crate::model::{Discount, DiscountKind, Money, Offer, Per, Status};
use crate::output::OutputFile;
use crate::urls;

/// Bumped only on incompatible changes; new fields may appear in any version.
pub const VERSION: u32 = 1;

/// `offers.json` without its `offers`, which [`with_offers`] appends.
#[derive(Serialize)]
struct Feed<'a> {
    version: u32,
    generated: String,
    next_change: Option<String>,
    languages: Vec<&'a str>,
}

#[derive(Serialize)]
struct OfferJson<'a> {
    id: &'a str,
    status: &'static str,
    partner: &'a str,
    category: &'a str,
    title: BTreeMap<&'a str, &'a str>,
    summary: BTreeMap<&'a str, &'a str>,
    discount: Value,
    coupon_code: Option<&'a str>,
    valid_from: String,
    valid_until: String,
    destinations: &'a [String],
    terms: &'a [String],
    image: Option<String>,
    featured: bool,
    url: BTreeMap<&'a str, String>,
}

/// Every published offer's record, indexed like `site.offers`, serialized
/// once: the entry of `offers.json`, the whole of `offers/<id>.json` and the
/// items of the shards are these bytes, so the documents cannot drift apart.
pub fn records(index: &Index, langs: &[LangData]) -> Vec<Vec<u8>> {
    let site = index.site;
    let codes = language_codes(index);
    (0..site.offers.len())
        .into_par_iter()
        .map(|i| {
            let o = &site.offers[i];
            let record = OfferJson {
                id: &o.id,
                status: index.status[i].as_str(),
                partner: &o.partner,
                category: &o.category,
                title: per_lang(&codes, &o.title),
                summary: per_lang(&codes, &o.summary),
                discount: discount_json(&o.discount, langs, i),
                coupon_code: o.coupon_code.as_deref(),
                valid_from: format::iso(o.valid_from),
                valid_until: format::iso(o.valid_until),
                destinations: &o.destinations,
                terms: &o.terms,
                image: o.image.as_deref().map(|p| index.urls.abs(&urls::media(p))),
                featured: o.featured,
                url: codes
                    .iter()
                    .map(|&c| (c, index.urls.abs(&urls::offer(c, &o.id))))
                    .collect(),
            };
            serde_json::to_vec(&record).expect("JSON of plain data")
        })
        .collect()
}

/// `/api/v1/offers.json`: every published offer, by id, from [`records`].
pub fn offers_file(index: &Index, records: &[Vec<u8>]) -> OutputFile {
    let site = index.site;
    let mut order: Vec<usize> = (0..site.offers.len()).collect();
    order.sort_by(|&a, &b| site.offers[a].id.cmp(&site.offers[b].id));
    let feed = Feed {
        version: VERSION,
        generated: format::iso(site.now),
        next_change: next_change(&site.offers, site.now).map(format::iso),
        languages: language_codes(index),
    };
    let bytes = with_offers(&feed, order.iter().map(|&i| records[i].as_slice()));
    OutputFile::bytes(urls::file_for(&urls::api_offers()), bytes)
}

/// The configured language codes, default first: the keys of every
/// per-language map of the API.
pub fn language_codes<'a>(index: &Index<'a>) -> Vec<&'a str> {
    index
        .site
        .config
        .languages
        .iter()
        .map(|l| l.code.as_str())
        .collect()
}

/// `head` (a struct, so a JSON object) with an `"offers"` array of
/// already-serialized records appended as its last member, and a final
/// newline: the bytes `serde_json` would write for the whole, without
/// serializing any record twice.
pub fn with_offers<'r>(head: &impl Serialize, records: impl Iterator<Item = &'r [u8]>) -> Vec<u8> {
    let mut bytes = serde_json::to_vec(head).expect("JSON of plain data");
    debug_assert_eq!(bytes.last(), Some(&b'}'));
    bytes.pop();
    if bytes.len() > 1 {
        bytes.push(b',');
    }
    bytes.extend_from_slice(br#""offers":["#);
    for (n, record) in records.enumerate() {
        if n > 0 {
            bytes.push(b',');
        }
        bytes.extend_from_slice(record);
    }
    bytes.extend_from_slice(b"]}\n");
    bytes
}

fn per_lang<'a>(codes: &[&'a str], text: &'a crate::model::Text) -> BTreeMap<&'a str, &'a str> {
    codes.iter().map(|&c| (c, text.get(c))).collect()
}

fn discount_json(discount: &Discount, langs: &[LangData], i: usize) -> Value {
    // The wording the site shows, so the app need not reimplement it.
    let label: BTreeMap<&str, &str> = langs
        .iter()
        .map(|l| (l.lang.code.as_str(), l.cards[i].discount.label.as_str()))
        .collect();
    let min_spend = discount.min_spend.as_ref().map(money);
    match &discount.kind {
        DiscountKind::Percent(p) => {
            json!({"kind": "percent", "value": p, "min_spend": min_spend, "label": label})
        }
        DiscountKind::Amount(m) => json!({
            "kind": "amount",
            "value": number(m.value),
            "currency": m.currency,
            "min_spend": min_spend,
            "per": discount.per.map(Per::as_str),
            "label": label,
        }),
        DiscountKind::Text(_) => json!({"kind": "text", "text": label, "label": label}),
    }
}

fn money(m: &Money) -> Value {
    json!({"value": number(m.value), "currency": m.currency})
}

/// Whole amounts as JSON integers (`20`, not `20.0`).
fn number(value: f64) -> Value {
    if value.fract() == 0.0 && value.abs() < 9_007_199_254_740_992.0 {
        json!(value as i64)
    } else {
        json!(value)
    }
}

/// The earliest date after `now` on which some offer's status changes: a
/// start date still ahead, or the day after an end date not yet passed.
/// Lets the app (and a scheduled rebuild) know when the data goes stale.
pub fn next_change(offers: &[Offer], now: jiff::civil::Date) -> Option<jiff::civil::Date> {
    offers
        .iter()
        .flat_map(|o| {
            let start = (o.valid_from > now).then_some(o.valid_from);
            let end = if o.valid_until >= now {
                o.valid_until.tomorrow().ok()
            } else {
                None
            };
            [start, end]
        })
        .flatten()
        .filter(|d| *d > now)
        .min()
}

/// The schema.org `Offer` of an offer page, ready to sit inside
/// `<script type="application/ld+json">`.
pub fn offer_jsonld(
    offer: &Offer,
    card: &OfferCard,
    status: Status,
    index: &Index,
    lang: &str,
) -> String {
    let organization = |name: &str, url: &str| {
        let mut org = json!({"@type": "Organization", "name": name});
        if !url.is_empty() {
            org["url"] = json!(url);
        }
        org
    };
    let website = index
        .partners
        .get(offer.partner.as_str())
        .map_or("", |p| p.website.as_str());
    let mut ld = json!({
        "@context": "https://schema.org",
        "@type": "Offer",
        "name": card.title.text,
        "description": card.summary.text,
        "url": card.abs_url,
        "inLanguage": index.locale_of(lang),
        "category": card.category.name.text,
        "validFrom": format::iso(offer.valid_from),
        "validThrough": format::iso(offer.valid_until),
        "availability": match status {
            Status::Active => "https://schema.org/InStock",
            Status::Upcoming => "https://schema.org/PreOrder",
            Status::Ended => "https://schema.org/Discontinued",
        },
        "offeredBy": organization(card.partner.name.text, website),
        "seller": organization(card.partner.name.text, website),
        "areaServed": card
            .destinations
            .iter()
            .map(|d| {
                let mut place = json!({"@type": "Place", "name": d.name.text});
                if let Some(country) = index.country_of(d.id, lang) {
                    place["containedInPlace"] = json!({"@type": "Country", "name": country});
                }
                place
            })
            .collect::<Vec<_>>(),
        "disambiguatingDescription": card.discount.label,
    });
    if let Some(image) = &card.image {
        ld["image"] = json!(image.abs);
    }
    if let Some(code) = &offer.coupon_code {
        ld["serialNumber"] = json!(code);
    }
    if let DiscountKind::Amount(m) = &offer.discount.kind {
        let currency = m.currency.to_ascii_uppercase();
        ld["priceCurrency"] = json!(currency);
        let mut spec = json!({
            "@type": "PriceSpecification",
            "priceCurrency": currency,
            // schema.org has no "amount off": a negative price is the
            // reduction, with the wording alongside.
            "price": -m.value,
            "description": card.discount.label,
        });
        if let Some(per) = offer.discount.per {
            spec["@type"] = json!("UnitPriceSpecification");
            spec["unitText"] = json!(per.as_str());
        }
        ld["priceSpecification"] = spec;
    }
    if let Some(spend) = &offer.discount.min_spend {
        // The spend the offer needs: schema.org's minimal purchasing volume.
        ld["eligibleTransactionVolume"] = json!({
            "@type": "PriceSpecification",
            "price": spend.value,
            "priceCurrency": spend.currency.to_ascii_uppercase(),
        });
    }
    script_safe(&ld.to_string())
}

/// JSON that cannot end its `<script>` element early or open a comment or
/// a nested script in it: every `<`, `>` and `&` is written as a `\u` escape
/// (the same string to a JSON parser), which also covers `</script>` (the
/// usual `<\/` trick) and `<!--`. They can only occur inside strings, so
/// replacing them never touches JSON syntax.
pub fn script_safe(json: &str) -> String {
    let mut out = String::with_capacity(json.len());
    for c in json.chars() {
        match c {
            '<' => out.push_str("\\u003c"),
            '>' => out.push_str("\\u003e"),
            '&' => out.push_str("\\u0026"),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn appended_offers_read_as_if_serialized_whole() {
        #[derive(Serialize)]
        struct Head {
            version: u32,
            next: Option<u8>,
        }
        #[derive(Serialize)]
        struct Whole {
            version: u32,
            next: Option<u8>,
            offers: Vec<Value>,
        }
        #[derive(Serialize)]
        struct Empty {}
        let offers = [json!({"id": "a"}), json!({"id": "b", "x": [1, 2]})];
        let records: Vec<Vec<u8>> = offers
            .iter()
            .map(|o| serde_json::to_vec(o).unwrap())
            .collect();
        for n in 0..=offers.len() {
            let whole = Whole {
                version: 1,
                next: None,
                offers: offers[..n].to_vec(),
            };
            let mut want = serde_json::to_vec(&whole).unwrap();
            want.push(b'\n');
            let head = Head {
                version: 1,
                next: None,
            };
            let got = with_offers(&head, records[..n].iter().map(Vec::as_slice));
            assert_eq!(
                String::from_utf8(got).unwrap(),
                String::from_utf8(want).unwrap()
            );
        }
        let got = with_offers(&Empty {}, records.iter().map(Vec::as_slice));
        assert_eq!(
            got,
            b"{\"offers\":[{\"id\":\"a\"},{\"id\":\"b\",\"x\":[1,2]}]}\n"
        );
    }

    #[test]
    fn script_safe_json_still_parses() {
        let raw = json!({"name": "</script><script>alert(1)</script><!-- x"}).to_string();
        let safe = script_safe(&raw);
        assert!(!safe.contains('<'));
        assert!(!safe.contains('>'));
        let back: Value = serde_json::from_str(&safe).unwrap();
        assert_eq!(back["name"], "</script><script>alert(1)</script><!-- x");
    }
}
