//! Rendering the validated model into the files of the URL contract, in
//! memory. A renderer gets the site and nothing else; writing is `output`'s.
//!
//! The work is split so that large catalogs stay fast: lookups and orderings
//! are computed once ([`index`]), offer cards once per language ([`view`]),
//! templates parsed once ([`engine`]), and then every page is rendered in
//! parallel from a small context of its own ([`pages`]).

pub mod affected;
mod dependents;
mod engine;
pub mod format;
mod index;
mod json;
mod pages;
mod site_files;
#[doc(hidden)]
pub mod testing;
pub mod urls;
mod view;

use std::collections::{BTreeMap, HashSet};

use rayon::prelude::*;

use crate::diagnostics::{self, Diagnostic};
use crate::model::Site;
use crate::output::{Content, OutputFile};

use engine::{Engine, RenderError};
use index::Index;

/// Every file of the site: pages, feeds, sitemap, JSON, assets and media.
pub fn render(site: &Site) -> Result<Vec<OutputFile>, Vec<Diagnostic>> {
    render_selected(site, None)
}

/// Only the files that can show the offers `ids` after an edit that changed
/// what they say but not where they are listed ([`affected::Affected::Offers`]):
/// their own pages, the listing pages and other offers' pages that show
/// their cards, the home page when it shows them, the feeds and the JSON
/// for the app. Everything else is as the last full render made it.
pub fn render_offers(site: &Site, ids: &[String]) -> Result<Vec<OutputFile>, Vec<Diagnostic>> {
    let wanted: HashSet<&str> = ids.iter().map(String::as_str).collect();
    let targets: HashSet<usize> = site
        .offers
        .iter()
        .enumerate()
        .filter(|(_, o)| wanted.contains(o.id.as_str()))
        .map(|(i, _)| i)
        .collect();
    render_selected(site, Some(&targets))
}

/// Render everything (`None`) or what shows the offers at these indices.
fn render_selected(
    site: &Site,
    targets: Option<&HashSet<usize>>,
) -> Result<Vec<OutputFile>, Vec<Diagnostic>> {
    let engine = Engine::new(site)?;
    let index = Index::new(site);
    let langs: Vec<pages::LangData> = site
        .config
        .languages
        .iter()
        .map(|l| pages::LangData::new(l, &index))
        .collect();
    let jobs = pages::jobs(&index);
    let selected: Vec<&pages::Job> = match targets {
        None => jobs.iter().collect(),
        Some(t) => jobs
            .iter()
            .filter(|job| dependents::shows_any(job, &index, t))
            .collect(),
    };
    let everything = targets.is_none();
    let feeds = targets.is_none_or(|t| index.feed_offers().iter().any(|i| t.contains(i)));

    let rendered: Vec<Result<OutputFile, (RenderError, String)>> = selected
        .par_iter()
        .flat_map_iter(|job| langs.iter().map(move |lang| (*job, lang)))
        .map(|(job, lang)| pages::render_page(job, lang, &langs, &index, &engine))
        .chain(
            langs
                .par_iter()
                .filter(|_| feeds)
                .map(|lang| pages::render_feed(lang, &index, &engine)),
        )
        .chain(
            [pages::Special::Root, pages::Special::NotFound]
                .into_par_iter()
                .filter(|_| everything)
                .map(|s| pages::render_special(s, &langs, &index, &engine)),
        )
        .collect();

    let mut files = Vec::with_capacity(rendered.len() + site.media.len() + 8);
    let mut failures: BTreeMap<RenderError, Vec<String>> = BTreeMap::new();
    for r in rendered {
        match r {
            Ok(file) => files.push(file),
            Err((err, path)) => failures.entry(err).or_default().push(path),
        }
    }
    if !failures.is_empty() {
        return Err(failure_diagnostics(failures, &engine));
    }

    files.push(json::offers_file(&index, &langs));
    if !everything {
        files.sort_by(|a, b| a.path.cmp(&b.path));
        return Ok(files);
    }
    files.extend(site_files::sitemap(&jobs, &index));
    files.push(site_files::robots(&index));
    for asset in &site.theme.assets {
        files.push(OutputFile::bytes(asset.path.clone(), asset.bytes.clone()));
    }
    for media in &site.media {
        files.push(OutputFile {
            path: format!("media/{}", media.path),
            content: Content::Copy(media.source.clone()),
        });
    }
    files.sort_by(|a, b| a.path.cmp(&b.path));
    let clashes = clashing_paths(&files);
    if !clashes.is_empty() {
        return Err(clashes);
    }
    Ok(files)
}

/// One diagnostic per template and message, however many pages it broke.
fn failure_diagnostics(
    failures: BTreeMap<RenderError, Vec<String>>,
    engine: &Engine,
) -> Vec<Diagnostic> {
    let mut out: Vec<Diagnostic> = failures
        .into_iter()
        .map(|(err, mut paths)| {
            paths.sort();
            let pages = match paths.len() {
                1 => format!("while rendering /{}", paths[0]),
                n => format!("while rendering {n} pages, e.g. /{}", paths[0]),
            };
            Diagnostic::error(
                format!("templates/{}", err.template),
                format!("{} ({pages})", err.message),
            )
            .hint(engine.hint_for(&err.template))
        })
        .collect();
    diagnostics::sort(&mut out);
    out
}

/// Two things at one output path (a free page named like a section, or a
/// media file shadowing an asset) would silently overwrite each other.
fn clashing_paths(files: &[OutputFile]) -> Vec<Diagnostic> {
    files
        .windows(2)
        .filter(|w| w[0].path == w[1].path)
        .map(|w| {
            Diagnostic::error(
                "content",
                format!("two files of the site would be written to /{}", w[0].path),
            )
            .hint("rename the page or media file whose id or path repeats a built-in one")
        })
        .collect()
}
