//! Loading and validating the content tree into the model.
//!
//! Every file is read and checked on its own (in parallel), then the checks
//! that need the whole site run: references between records, duplicate ids,
//! media paths and links in Markdown. Problems are collected all the way and
//! only at the end turned into positioned diagnostics, so one run reports
//! every mistake. A site comes out only when there is no error.

pub mod app;
pub mod body_pictures;
mod cache;
pub mod codes;
pub mod config;
pub mod discount;
pub mod discover;
pub mod documents;
pub mod fields;
mod file;
pub mod i18n;
pub mod items;
pub mod links;
pub mod locate;
mod phases;
pub mod problem;
pub mod quick;
pub mod references;
mod run;
pub mod shapes;
pub mod slips;
pub mod source;
pub mod yaml;

use std::path::Path;

use jiff::civil::Date;

use crate::diagnostics::Diagnostic;
use crate::model::Site;
use crate::theme;

pub use cache::LoadCache;
use discover::{Pending, discover};
pub use file::FileState;
use run::Run;

#[derive(Debug, Clone)]
pub struct LoadOptions {
    /// The build date offer status is judged against.
    pub now: Date,
    /// Keep offers and documents marked `draft: true`.
    pub drafts: bool,
}

/// The outcome of loading: a site when there was no error, and every
/// diagnostic (errors and warnings) sorted by file and position.
#[derive(Debug)]
pub struct Loaded {
    pub site: Option<Site>,
    pub diagnostics: Vec<Diagnostic>,
}

/// Only `content/site.yaml`, checked: for commands that need the site's
/// settings but not its content (`deploy`).
pub fn load_config(root: &Path) -> Result<crate::model::SiteConfig, Vec<Diagnostic>> {
    let pending = Pending {
        path: root.join("content").join("site.yaml"),
        rel: "content/site.yaml".into(),
        id: String::new(),
        lang: String::new(),
    };
    let mut state = FileState::read_yaml(&pending);
    let config = state
        .parse_yaml()
        .and_then(|value| crate::content::config::parse(&value, &mut state.problems));
    let diagnostics = locate::diagnostics(state);
    match config {
        Some(c) if !diagnostics.iter().any(Diagnostic::is_error) => Ok(c),
        _ => Err(diagnostics),
    }
}

/// Load and validate the site at `root` (the directory holding `content/`).
pub fn load(root: &Path, options: &LoadOptions) -> Loaded {
    load_cached(root, options, &mut LoadCache::default())
}

/// [`load`], reusing what `cache` holds of files that did not change.
/// The phases run in order (see [`phases`]); each adds the files it reads
/// to the run, whose problems become the diagnostics at the end.
pub fn load_cached(root: &Path, options: &LoadOptions, cache: &mut LoadCache) -> Loaded {
    let mut run = Run::default();
    let Some(found) = discover(root, &mut run.extra) else {
        return run.finish(None, &mut LoadCache::default());
    };
    let settings = phases::settings::settings(&mut run, found.site.as_ref());
    let lists = phases::lists::lists(&mut run, &found, &settings.langs);
    cache.for_languages(&settings.langs);
    let mut records = phases::records::records(&mut run, &found, &settings.langs, cache);
    let documents = phases::documents::documents(&mut run, &found, &settings.langs);
    let (theme, theme_diagnostics) = theme::load(root);
    run.extra.extend(theme_diagnostics);
    let ui = phases::ui::ui_strings(&mut run, &theme, &settings.langs);

    let known = phases::checks::known(&found, &settings, lists.ids, &records, &theme, options);
    phases::checks::check_references(&mut run, &known, &records);
    phases::checks::check_markdown(&mut run, &known, &records, &documents, cache);
    cache.remember_known(known);

    phases::lifecycle::offers(&mut run, &mut records.offers, options);
    let documents = phases::lifecycle::documents(documents, options);

    let Some(config) = settings.config else {
        return run.finish(None, cache);
    };
    let site = Site {
        config,
        categories: lists.categories,
        destinations: lists.destinations,
        branches: lists.branches,
        // Moved, not cloned: 10k offers' texts are most of the site.
        partners: records.partners.into_iter().map(|p| p.record).collect(),
        offers: records.offers.into_iter().map(|o| o.record).collect(),
        terms: documents.terms.into_iter().map(|d| d.document).collect(),
        pages: documents.pages.into_iter().map(|d| d.document).collect(),
        ui,
        theme,
        media: found.media,
        pictures: Default::default(),
        now: options.now,
    };
    let mut loaded = run.finish(Some(site), cache);
    if cache.forget {
        loaded.site = loaded.site.map(compacted);
    }
    loaded
}

/// A one-off load's site with its offers copied into memory of their own.
/// The rayon threads that parsed them left their strings scattered among
/// the freed YAML trees and file texts, and an allocator returns a page to
/// the system only once all of it is free: after a 100,000-offer load the
/// process kept 2.5 times the model's size. Copied on this thread, the
/// offers fill fresh pages, and the scattered ones come free whole. (A
/// preview's load keeps its records for the next one and is not copied.)
fn compacted(mut site: Site) -> Site {
    site.offers = std::mem::take(&mut site.offers)
        .into_iter()
        .map(|offer| crate::model::Offer::clone(&offer))
        .collect();
    site
}
