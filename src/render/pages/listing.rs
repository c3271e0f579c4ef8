//! The paginated lists of active offers: all of them, and a category's, a
//! destination's or a partner's.

use std::collections::HashMap;

use super::context::{Page, markdown_view, safe_url, ui, with_page_number};
use super::kind::{Kind, Listing};
use crate::render::index::Index;
use crate::render::lang::LangData;
use crate::render::view::{ImageView, LinkView};
use crate::urls;

/// Page `n` of `/<lang>/offers/`: every active offer.
pub fn all_offers<'a>(n: usize, data: &'a LangData<'a>, index: &Index<'a>) -> Page {
    let code = data.lang.code.as_str();
    let title = ui(index, code, "all_offers", &[]);
    let description = ui(index, code, "all_offers_description", &[]);
    let mut p = Page::new(
        Kind::Offers,
        with_page_number(index, code, title, n),
        description,
    );
    p.context
        .insert("offers", &data.cards(index.page_slice(&index.active, n)));
    p.context.insert(
        "pager",
        &index.pager(&urls::offers(code), n, index.page_count(index.active.len())),
    );
    p.context.insert("active_count", &index.active.len());
    p
}

/// Page `n` of the `i`th category's list.
pub fn category<'a>(i: usize, n: usize, data: &'a LangData<'a>, index: &Index<'a>) -> Page {
    let code = data.lang.code.as_str();
    let c = &index.site.categories[i];
    let link = index.category_link(&c.id, code);
    let list = listed(&index.by_category, &c.id);
    let path = urls::category(code, &c.id);
    let mut p = listing(data, index, Listing::Category, &link, list, n, &path);
    p.context.insert("category", &link);
    p
}

/// Page `n` of the `i`th destination's list.
pub fn destination<'a>(i: usize, n: usize, data: &'a LangData<'a>, index: &Index<'a>) -> Page {
    let code = data.lang.code.as_str();
    let d = &index.site.destinations[i];
    let link = index.destination_link(&d.id, code);
    let list = listed(&index.by_destination, &d.id);
    let path = urls::destination(code, &d.id);
    let mut p = listing(data, index, Listing::Destination, &link, list, n, &path);
    p.context.insert("destination", &link);
    p.context.insert("country", &index.country_of(&d.id, code));
    p
}

/// Page `n` of the `i`th partner's list, with its logo, website and text.
pub fn partner<'a>(i: usize, n: usize, data: &'a LangData<'a>, index: &Index<'a>) -> Page {
    let code = data.lang.code.as_str();
    let partner = &index.site.partners[i];
    let link = index.partner_link(&partner.id, code);
    let list = listed(&index.by_partner, &partner.id);
    let logo = partner.logo.as_deref().map(|l| ImageView::new(l, index));
    let path = urls::partner(code, &partner.id);
    let mut p = listing(data, index, Listing::Partner, &link, list, n, &path);
    p.image = logo.as_ref().map(|l| l.abs.clone());
    p.context.insert("partner", &link);
    p.context.insert("website", &safe_url(&partner.website));
    p.context.insert("logo", &logo);
    p.context.insert(
        "about",
        &partner
            .about
            .as_ref()
            .and_then(|a| markdown_view(a, code, index, 3)),
    );
    p
}

/// The active offers listed under `id` (a category, destination or partner).
fn listed<'l>(lists: &'l HashMap<&str, Vec<usize>>, id: &str) -> &'l [usize] {
    lists.get(id).map_or(&[][..], Vec::as_slice)
}

/// Page `n` of the listing `list` of the thing `link` at `path`: what the
/// three lists share.
fn listing<'a>(
    data: &'a LangData<'a>,
    index: &Index<'a>,
    listing: Listing,
    link: &LinkView<'a>,
    list: &[usize],
    n: usize,
    path: &str,
) -> Page {
    let code = data.lang.code.as_str();
    let name = link.name.text;
    let site_title = index.site.config.title.get(code);
    // A category may word its own title ("Theme park offers").
    let phrase = match listing {
        Listing::Category => index
            .site
            .category(link.id)
            .and_then(|c| c.title_phrase.local(code)),
        Listing::Destination | Listing::Partner => None,
    };
    let title = match phrase {
        Some(p) => p.text.clone(),
        None => ui(index, code, listing.title_key(), &[("name", name)]),
    };
    let mut p = Page::new(
        listing.kind(),
        with_page_number(index, code, title, n),
        ui(
            index,
            code,
            listing.description_key(),
            &[("name", name), ("site", site_title)],
        ),
    );
    p.context
        .insert("offers", &data.cards(index.page_slice(list, n)));
    p.context
        .insert("pager", &index.pager(path, n, index.page_count(list.len())));
    p.context.insert("count", &list.len());
    p
}
