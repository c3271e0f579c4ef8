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
    let website = index
        .partners
        .get(offer.partner.as_str())
        .map_or("", |p| p.website.as_str());
    let organization = Organization {
        kind: "Organization",
        name: card.partner.name.text,
        url: Some(website).filter(|url| !url.is_empty()),
    };
    let price = match &offer.discount.kind {
        DiscountKind::Amount(m) => Some((m, m.currency.to_ascii_uppercase())),
        _ => None,
    };
    let ld = OfferLd {
        context: "https://schema.org",
        kind: "Offer",
        name: card.title.text,
        description: card.summary.text,
        url: &card.abs_url,
        in_language: index.locale_of(lang),
        category: card.category.name.text,
        valid_from: format::iso(offer.valid_from),
        valid_through: format::iso(offer.valid_until),
        availability: match status {
            Status::Active => "https://schema.org/InStock",
            Status::Upcoming => "https://schema.org/PreOrder",
            Status::Ended => "https://schema.org/Discontinued",
        },
        offered_by: &organization,
        seller: &organization,
        area_served: card
            .destinations
            .iter()
            .map(|d| Place {
                kind: "Place",
                name: d.name.text,
                contained_in_place: index.country_of(d.id, lang).map(|name| Country {
                    kind: "Country",
                    name,
                }),
            })
            .collect(),
        disambiguating_description: &card.discount.label,
        image: card.image.as_ref().map(|image| image.abs.as_str()),
        serial_number: offer.coupon_code.as_deref(),
        price_currency: price.as_ref().map(|(_, currency)| currency.as_str()),
        // schema.org has no "amount off": a negative price is the
        // reduction, with the wording alongside.
        price_specification: price.as_ref().map(|(m, currency)| PriceSpecification {
            kind: match offer.discount.per {
                Some(_) => "UnitPriceSpecification",
                None => "PriceSpecification",
            },
            price_currency: currency,
            price: -m.value,
            description: &card.discount.label,
            unit_text: offer.discount.per.map(Per::as_str),
        }),
        // The spend the offer needs: schema.org's minimal purchasing volume.
        eligible_transaction_volume: offer.discount.min_spend.as_ref().map(|spend| MinimumSpend {
            kind: "PriceSpecification",
            price: spend.value,
            price_currency: spend.currency.to_ascii_uppercase(),
        }),
    };
    script_safe(&serde_json::to_string(&ld).expect("JSON-LD serializes"))
}

/// schema.org's `Offer`, its fields in the order pages have always had.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct OfferLd<'a> {
    #[serde(rename = "@context")]
    context: &'static str,
    #[serde(rename = "@type")]
    kind: &'static str,
    name: &'a str,
    description: &'a str,
    url: &'a str,
    in_language: String,
    category: &'a str,
    valid_from: String,
    valid_through: String,
    availability: &'static str,
    offered_by: &'a Organization<'a>,
    seller: &'a Organization<'a>,
    area_served: Vec<Place<'a>>,
    disambiguating_description: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    image: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    serial_number: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    price_currency: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    price_specification: Option<PriceSpecification<'a>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    eligible_transaction_volume: Option<MinimumSpend>,
}

#[derive(Serialize)]
struct Organization<'a> {
    #[serde(rename = "@type")]
    kind: &'static str,
    name: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    url: Option<&'a str>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Place<'a> {
    #[serde(rename = "@type")]
    kind: &'static str,
    name: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    contained_in_place: Option<Country>,
}

#[derive(Serialize)]
struct Country {
    #[serde(rename = "@type")]
    kind: &'static str,
    name: String,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct PriceSpecification<'a> {
    #[serde(rename = "@type")]
    kind: &'static str,
    price_currency: &'a str,
    price: f64,
    description: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    unit_text: Option<&'static str>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct MinimumSpend {
    #[serde(rename = "@type")]
    kind: &'static str,
    price: f64,
    price_currency: String,
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
