//! Documents: the service terms (their list and each term's page) and the
//! free pages.

use serde::Serialize;

use super::context::{Page, markdown_view};
use super::kind::Kind;
use crate::model::Document;
use crate::render::index::Index;
use crate::render::view::{HtmlView, LinkView, TextView};
use crate::urls;

#[derive(Serialize)]
pub struct DocSummary<'a> {
    #[serde(flatten)]
    link: LinkView<'a>,
    summary: TextView<'a>,
}

/// The terms, each a link with its summary (the home page lists them too).
pub fn term_summaries<'a>(lang: &str, index: &Index<'a>) -> Vec<DocSummary<'a>> {
    index
        .site
        .terms
        .iter()
        .map(|d| DocSummary {
            link: LinkView {
                id: &d.id,
                name: TextView::of(&d.title, lang, index),
                url: index.urls.rel(&urls::term(lang, &d.id)),
            },
            summary: TextView::of(&d.summary, lang, index),
        })
        .collect()
}

/// `/<lang>/terms/`.
pub fn terms_page(lang: &str, index: &Index) -> Page {
    let mut p = Page::worded(Kind::Terms, "terms", "terms_description", lang, index);
    p.context.insert("terms", &term_summaries(lang, index));
    p
}

#[derive(Serialize)]
struct DocView<'a> {
    id: &'a str,
    title: TextView<'a>,
    summary: TextView<'a>,
    body: Option<HtmlView<'a>>,
}

/// A term's or a free page's own page (`kind` is [`Kind::Term`] or
/// [`Kind::Page`]), titled and described by the document.
pub fn page<'a>(kind: Kind, doc: &'a Document, lang: &str, index: &Index<'a>) -> Page {
    let view = DocView {
        id: &doc.id,
        title: TextView::of(&doc.title, lang, index),
        summary: TextView::of(&doc.summary, lang, index),
        body: markdown_view(&doc.body, lang, index, 2),
    };
    let mut p = Page::new(
        kind,
        view.title.text.to_string(),
        view.summary.text.to_string(),
    );
    p.og_type = "article";
    p.context.insert("doc", &view);
    p
}
