//! The Atom feed of each language, `/<lang>/atom.xml`.

use serde::Serialize;

use crate::format;
use crate::output::OutputFile;
use crate::render::engine::{Engine, RenderError};
use crate::render::index::Index;
use crate::render::lang::LangData;
use crate::urls;

/// The output file of `/<lang>/atom.xml`.
pub fn feed_file(lang: &str) -> String {
    urls::file_for(&urls::feed(lang))
}

#[derive(Serialize)]
struct FeedEntry<'a> {
    id: &'a str,
    url: &'a str,
    title: &'a str,
    summary: String,
    category: &'a str,
    category_id: &'a str,
    /// RFC 3339, from the offer's start date.
    updated: String,
}

/// Renders `/<lang>/atom.xml`. The feed's `updated` is the newest entry's
/// start date (the build date when there are none), so the same site and
/// date give the same bytes.
pub fn render_feed(
    data: &LangData,
    index: &Index,
    engine: &Engine,
) -> Result<OutputFile, (RenderError, String)> {
    let code = data.lang.code.as_str();
    let site = index.site;
    let entries: Vec<FeedEntry> = index
        .feed_offers()
        .iter()
        .map(|&i| {
            let card = &data.cards[i];
            FeedEntry {
                id: &card.abs_url,
                url: &card.abs_url,
                title: card.title.text,
                summary: format!("{} · {}", card.discount.label, card.summary.text),
                category: card.category.name.text,
                category_id: card.category.id,
                updated: rfc3339(site.offers[i].valid_from),
            }
        })
        .collect();
    let updated = index
        .active
        .iter()
        .map(|&i| site.offers[i].valid_from)
        .max()
        .unwrap_or(site.now);
    let path = urls::feed(code);
    let mut context = data.base.clone();
    context.insert(
        "feed",
        &serde_json::json!({
            "id": index.urls.abs(&path),
            "self": index.urls.abs(&path),
            "html": index.urls.abs(&urls::offers(code)),
            "title": site.config.title.get(code),
            "subtitle": site.config.description.get(code),
            "updated": rfc3339(updated),
        }),
    );
    context.insert("entries", &entries);
    let file = feed_file(code);
    match engine.render(code, "atom.xml", &context) {
        Ok(xml) => Ok(OutputFile::bytes(file, xml)),
        Err(err) => Err((err, file)),
    }
}

/// Midnight UTC of `date`: an offer starts on a day, not at a time.
fn rfc3339(date: jiff::civil::Date) -> String {
    format!("{}T00:00:00Z", format::iso(date))
}
