//! An offer's own page.

use super::context::{Page, markdown_view, safe_url};
use super::kind::Kind;
use crate::model::Status;
use crate::render::index::Index;
use crate::render::lang::LangData;
use crate::render::view::{DateView, ImageView, LinkView};
use crate::render::{barcode, json};

/// The `i`th offer's page: its card, text, terms, partner, coupon code and
/// related offers, and its JSON-LD. An ended offer keeps its page, out of
/// search engines.
pub fn page<'a>(i: usize, data: &'a LangData<'a>, index: &Index<'a>) -> Page {
    let site = index.site;
    let code = data.lang.code.as_str();
    let offer = &site.offers[i];
    let card = &data.cards[i];
    let status = index.status[i];
    let mut p = Page::new(
        Kind::Offer,
        card.title.text.to_string(),
        format!("{} · {}", card.discount.label, card.summary.text),
    );
    p.og_type = "article";
    p.noindex = status == Status::Ended;
    p.image = card.image.as_ref().map(|im| im.abs.clone());
    let partner = index.partners.get(offer.partner.as_str());
    let logo = partner
        .and_then(|p| p.logo.as_deref())
        .map(|l| ImageView::new(l, index));
    let terms: Vec<LinkView> = offer
        .terms
        .iter()
        .map(|t| index.term_link(t, code))
        .collect();
    // Other active offers of the same category: for an ended offer the
    // replacement the reader came for, otherwise "more like this".
    let related = data.cards(&index.related(i));
    p.context.insert("offer", card);
    p.context.insert(
        "body",
        &offer
            .body
            .as_ref()
            .and_then(|b| markdown_view(b, code, index, 3)),
    );
    p.context.insert("terms", &terms);
    p.context.insert("related", &related);
    p.context.insert("logo", &logo);
    p.context.insert(
        "website",
        &partner.map(|p| safe_url(&p.website)).unwrap_or_default(),
    );
    p.context
        .insert("starts", &DateView::new(offer.valid_from, code));
    let barcode = offer
        .coupon_code
        .as_deref()
        .filter(|_| status != Status::Ended)
        .and_then(|c| barcode::svg(c, site.config.coupon_barcode));
    p.context.insert("coupon_barcode", &barcode);
    p.context.insert(
        "jsonld",
        &json::offer_jsonld(offer, card, status, index, code),
    );
    p
}
