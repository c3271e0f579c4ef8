//! The pages of the URL contract: which exist ([`Job`]), and how each is
//! rendered in one language from a small context of its own.
//!
//! - [`kind`]: what a page is ([`kind::Kind`]): its template and `page.kind`;
//! - [`context`]: what every page shares: head, language links, UI strings;
//! - [`home`], [`listing`], [`offer`], [`branches`], [`documents`]: the
//!   builders of the per-language pages;
//! - [`feed`]: the Atom feeds;
//! - [`special`]: the pages in every language at once (`/`, `/404.html`).

mod branches;
mod context;
mod documents;
mod feed;
mod home;
mod kind;
mod listing;
mod offer;
mod special;

pub use feed::{feed_file, render_feed};
pub use special::{Special, render_special};

use context::{Page, PageMeta, Translation, alternates};
use kind::Kind;

use super::engine::{Engine, RenderError};
use super::index::Index;
use super::lang::LangData;
use crate::model::Status;
use crate::output::OutputFile;
use crate::urls;

/// One page that exists in every language (the URL contract's [`urls::Page`]).
pub use crate::urls::Page as Job;

/// Ended offers keep their page for the app's links, but search engines
/// are asked not to index it.
pub fn indexable(job: Job, index: &Index) -> bool {
    match job {
        Job::Offer(i) => index.status[i] != Status::Ended,
        // The kept list lives on the phone: there is nothing to index; and
        // result pages are not for search engines.
        Job::Kept | Job::Search => false,
        _ => true,
    }
}

/// Renders one page in one language.
pub fn render_page(
    job: &Job,
    data: &LangData,
    all: &[LangData],
    index: &Index,
    engine: &Engine,
) -> Result<OutputFile, (RenderError, String)> {
    let code = data.lang.code.as_str();
    let path = index.outline.path(*job, code);
    let page = build(job, data, index);
    let meta = PageMeta {
        kind: page.kind,
        title: page.title,
        description: page.description,
        url: index.urls.rel(&path),
        canonical: index.urls.abs(&path),
        alternates: alternates(index, |l| index.outline.path(*job, l)),
        translations: all
            .iter()
            .filter(|d| d.lang.code != code)
            .map(|d| {
                let url = index.urls.rel(&index.outline.path(*job, &d.lang.code));
                Translation::new(d.lang, url)
            })
            .collect(),
        og_type: page.og_type,
        image: page.image,
        noindex: page.noindex,
    };
    let mut context = data.base.clone();
    context.extend(page.context);
    context.insert("page", &meta);
    let file = urls::file_for(&path);
    match engine.render(code, page.kind.template(), &context) {
        Ok(html) => Ok(OutputFile::bytes(file, html)),
        Err(err) => Err((err, file)),
    }
}

/// The page `job` in the language of `data`, from its builder.
fn build<'a>(job: &Job, data: &'a LangData<'a>, index: &Index<'a>) -> Page {
    let site = index.site;
    let code = data.lang.code.as_str();
    match *job {
        Job::Home => home::page(data, index),
        Job::Offers(n) => listing::all_offers(n, data, index),
        Job::Offer(i) => offer::page(i, data, index),
        Job::Category(i, n) => listing::category(i, n, data, index),
        Job::Destination(i, n) => listing::destination(i, n, data, index),
        Job::Partner(i, n) => listing::partner(i, n, data, index),
        Job::Branches => branches::list_page(code, index),
        Job::Branch(i) => branches::page(i, code, index),
        Job::Terms => documents::terms_page(code, index),
        Job::Term(i) => documents::page(Kind::Term, &site.terms[i], code, index),
        Job::Page(i) => documents::page(Kind::Page, &site.pages[i], code, index),
        Job::Search => search_page(data, index),
        Job::Kept => kept_page(code, index),
    }
}

/// `/<lang>/search/`: the search box and its results, out of search engines.
fn search_page(data: &LangData, index: &Index) -> Page {
    let code = data.lang.code.as_str();
    let mut p = Page::worded(
        Kind::Search,
        "search_title",
        "search_description",
        code,
        index,
    );
    p.noindex = true;
    super::search::page_context(&mut p.context, data, index);
    p
}

/// `/<lang>/kept/`: the offers kept on this phone, which the offline worker
/// fills in; out of search engines.
fn kept_page(code: &str, index: &Index) -> Page {
    let mut p = Page::worded(Kind::Kept, "kept_title", "kept_description", code, index);
    p.noindex = true;
    p.context
        .insert("offers_path", &index.urls.rel(&urls::offers(code)));
    p
}
