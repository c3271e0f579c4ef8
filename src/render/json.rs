//! Machine-readable output: `/api/v1/offers.json` for the payment app
//! (schema in `docs/offers-json.md`) and the schema.org JSON-LD of offer
//! pages. Both are built with serde_json, never by pasting strings.

use std::collections::BTreeMap;

use serde::Serialize;
use serde_json::{Value, json};

use super::format;
use super::index::Index;
use super::pages::LangData;
use super::urls;
use super::view::OfferCard;
use crate::model::{Discount, DiscountKind, Money, Offer, Status};
use crate::output::OutputFile;

/// Bumped only on incompatible changes; new fields may appear in any version.
pub const VERSION: u32 = 1;

#[derive(Serialize)]
struct Feed<'a> {
    version: u32,
    generated: String,
    next_change: Option<String>,
    languages: Vec<&'a str>,
    offers: Vec<OfferJson<'a>>,
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

/// `/api/v1/offers.json`: every published offer, by id.
pub fn offers_file(index: &Index, langs: &[LangData]) -> OutputFile {
    let site = index.site;
    let codes: Vec<&str> = site
        .config
        .languages
        .iter()
        .map(|l| l.code.as_str())
        .collect();
    let mut order: Vec<usize> = (0..site.offers.len()).collect();
    order.sort_by(|&a, &b| site.offers[a].id.cmp(&site.offers[b].id));
    let offers = order
        .into_iter()
        .map(|i| {
            let o = &site.offers[i];
            OfferJson {
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
            }
        })
        .collect();
    let feed = Feed {
        version: VERSION,
        generated: format::iso(site.now),
        next_change: next_change(&site.offers, site.now).map(format::iso),
        languages: codes.clone(),
        offers,
    };
    let mut bytes = serde_json::to_vec(&feed).expect("JSON of plain data");
    bytes.push(b'\n');
    OutputFile::bytes("api/v1/offers.json", bytes)
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
            "per": discount.per.map(|p| p.as_str()),
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
    fn script_safe_json_still_parses() {
        let raw = json!({"name": "</script><script>alert(1)</script><!-- x"}).to_string();
        let safe = script_safe(&raw);
        assert!(!safe.contains('<'));
        assert!(!safe.contains('>'));
        let back: Value = serde_json::from_str(&safe).unwrap();
        assert_eq!(back["name"], "</script><script>alert(1)</script><!-- x");
    }
}
