//! The home page of a language.

use serde::Serialize;

use super::context::Page;
use super::kind::Kind;
use super::{branches, documents};
use crate::render::index::Index;
use crate::render::lang::LangData;
use crate::render::view::LinkView;

/// A category or destination with how many active offers it lists.
#[derive(Serialize)]
struct Counted<'a> {
    #[serde(flatten)]
    link: LinkView<'a>,
    count: usize,
}

/// `/<lang>/`: featured (or else the latest) offers, every category and
/// destination with its count, the branches and the terms.
pub fn page<'a>(data: &'a LangData<'a>, index: &Index<'a>) -> Page {
    let site = index.site;
    let code = data.lang.code.as_str();
    let (featured, latest) = index.home_offers();
    let mut p = Page::new(
        Kind::Home,
        site.config.title.get(code).to_string(),
        site.config.description.get(code).to_string(),
    );
    p.context.insert("offers", &data.cards(&featured));
    p.context.insert("offers_are_latest", &latest);
    p.context.insert("active_count", &index.active.len());
    let categories: Vec<Counted> = site
        .categories
        .iter()
        .map(|c| Counted {
            link: index.category_link(&c.id, code),
            count: index.by_category.get(c.id.as_str()).map_or(0, Vec::len),
        })
        .collect();
    p.context.insert("categories", &categories);
    let destinations: Vec<Counted> = site
        .destinations
        .iter()
        .map(|d| Counted {
            link: index.destination_link(&d.id, code),
            count: index.by_destination.get(d.id.as_str()).map_or(0, Vec::len),
        })
        .collect();
    p.context.insert("destinations", &destinations);
    p.context.insert("branches", &branches::all(code, index));
    p.context
        .insert("terms", &documents::term_summaries(code, index));
    p
}
