//! Rendering the validated model into the files of the URL contract, each
//! handed to a [`Sink`] as soon as it is ready. A renderer gets the site and
//! nothing else; writing is `output`'s.
//!
//! The work is split so that large catalogs stay fast: lookups and orderings
//! are computed once ([`index`]), offer cards once per language ([`view`]),
//! templates parsed once ([`engine`]), and then every page is rendered in
//! parallel from a small context of its own ([`pages`]).

pub mod affected;
mod api;
pub mod assets;
mod barcode;
mod deeplinks;
mod dependents;
mod engine;
pub use crate::format;
mod index;
mod json;
mod lang;
mod offline;
mod pages;
mod picture;
pub mod preview;
mod qr;
pub mod search;
mod sink;
mod site_files;
// The tiny site of the renderer's unit tests is the integration tests'
// one (kept out of the release library).
#[cfg(test)]
#[path = "../../tests/site/common/tiny.rs"]
pub(crate) mod testing;
pub use crate::urls;

pub use json::next_change;
pub use sink::{Discard, Memory, Sink};
mod view;

use std::collections::{BTreeMap, HashSet};
use std::sync::Mutex;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Instant;

use rayon::prelude::*;

use crate::diagnostics::{self, Diagnostic};
use crate::headers;
use crate::model::Site;
use crate::output::{Content, OutputFile};
use crate::timings::stage_time;

use engine::{Engine, RenderError};
use index::Index;

/// Most pages one rendering thread takes at once (each in every language).
const PAGE_JOBS_PER_PIECE: usize = 8;

/// Why [`render_with`] stopped.
#[derive(Debug)]
pub enum Failure<E> {
    /// Template or content errors; the sink may have received some files.
    Invalid(Vec<Diagnostic>),
    /// The sink refused a file.
    Sink(E),
}

/// Every file of the site, in memory, sorted by path: pages, feeds,
/// sitemap, JSON, assets and media.
pub fn render(site: &Site) -> Result<Vec<OutputFile>, Vec<Diagnostic>> {
    collect(site, None)
}

/// Only the files that can show the offers `ids` after an edit that changed
/// what they say but not where they are listed ([`affected::Affected::Offers`]):
/// their own pages, the listing pages and other offers' pages that show
/// their cards, the home page when it shows them, the feeds when they list
/// them, and the JSON for the app (`offers.json`, their own documents, the
/// sync index and the shards that list them). Everything else is as the
/// last full render made it.
pub fn render_offers(site: &Site, ids: &[String]) -> Result<Vec<OutputFile>, Vec<Diagnostic>> {
    let wanted: HashSet<&str> = ids.iter().map(String::as_str).collect();
    let targets: HashSet<usize> = site
        .offers
        .iter()
        .enumerate()
        .filter(|(_, o)| wanted.contains(o.id.as_str()))
        .map(|(i, _)| i)
        .collect();
    collect(site, Some(&targets))
}

/// The search index's files alone (`/pagefind/…`), as a full render makes
/// them; for the server after a partial render ([`render_offers`]).
pub fn search_files(site: &Site) -> Result<Vec<OutputFile>, Vec<Diagnostic>> {
    search::site_files(site).map(|(files, _)| files)
}

/// Render into memory, sorted by path: everything, or what shows `targets`.
fn collect(
    site: &Site,
    targets: Option<&HashSet<usize>>,
) -> Result<Vec<OutputFile>, Vec<Diagnostic>> {
    let mut sink = Memory::default();
    match render_into(site, &mut sink, targets, Search::Kept) {
        Ok(_) => Ok(sink.into_sorted()),
        Err(Failure::Invalid(diagnostics)) => Err(diagnostics),
        Err(Failure::Sink(never)) => match never {},
    }
}

/// Render only for the diagnostics (`check`): every file is dropped as soon
/// as it is made.
pub fn check(site: &Site) -> Result<(), Vec<Diagnostic>> {
    match render_into(site, &mut Discard, None, Search::Once) {
        Ok(_) => Ok(()),
        Err(Failure::Invalid(diagnostics)) => Err(diagnostics),
        Err(Failure::Sink(never)) => match never {},
    }
}

/// Renders every file of the site into `sink` as it is ready (so a build
/// writes pages while others render and never holds the whole site in
/// memory), and returns the sorted paths of all of them. On a template
/// error the remaining pages are still rendered, to report every broken
/// template, but no more files go to the sink.
pub fn render_with<S: Sink>(site: &Site, sink: &mut S) -> Result<Vec<String>, Failure<S::Error>> {
    render_into(site, sink, None, Search::Once)
}

/// [`render_with`] without the search index (`/pagefind/`), only for the
/// benchmark that measures what indexing adds to a build.
#[doc(hidden)]
pub fn render_without_search<S: Sink>(
    site: &Site,
    sink: &mut S,
) -> Result<Vec<String>, Failure<S::Error>> {
    render_into(site, sink, None, Search::Off)
}

/// [`render_with`] for everything (`None`) or only what shows the offers at
/// these indices (see [`render_offers`]); `search` writes the index with a
/// full render.
fn render_into<S: Sink>(
    site: &Site,
    sink: &mut S,
    targets: Option<&HashSet<usize>>,
    search: Search,
) -> Result<Vec<String>, Failure<S::Error>> {
    let started = Instant::now();
    let index = Index::new(site);
    let engine = Engine::new(site, &index.assets).map_err(Failure::Invalid)?;
    let langs: Vec<lang::LangData> = site
        .config
        .languages
        .iter()
        .map(|l| lang::LangData::new(l, &index, &engine, targets.is_none()))
        .collect();
    stage_time("render: index and cards", started);
    let everything = targets.is_none();
    let all_jobs = index.outline.pages();
    let jobs: Vec<&pages::Job> = match targets {
        None => all_jobs.iter().collect(),
        Some(t) => all_jobs
            .iter()
            .filter(|job| dependents::shows_any(job, &index, t))
            .collect(),
    };
    let feeds = targets.is_none_or(|t| index.feed_offers().iter().any(|i| t.contains(i)));
    let specials: &[pages::Special] = if everything {
        &[pages::Special::Root, pages::Special::NotFound]
    } else {
        &[]
    };

    // The small generated files and the copied ones are known up front;
    // the API's are made as they are written, from records serialized once.
    let api_files = api::files(&index, targets);
    let mut extra: Vec<OutputFile> = Vec::new();
    if everything {
        extra.extend(site_files::sitemap(&all_jobs, &index));
        extra.push(site_files::robots(&index));
        extra.extend(offline::manifests(&index));
        extra.extend(deeplinks::files(&index));
        // Pages link to the fingerprinted copies; the plain names stay for
        // links written by hand (Markdown, a site's own templates).
        for asset in &site.theme.assets {
            extra.push(OutputFile::bytes(asset.path.clone(), asset.bytes.clone()));
        }
        extra.extend(index.assets.files().iter().cloned());
        for media in &site.media {
            extra.push(OutputFile {
                path: format!("media/{}", media.path),
                content: Content::Copy(media.source.clone()),
            });
        }
        for variant in site.pictures.values().flat_map(|p| &p.variants) {
            extra.push(OutputFile {
                path: variant.path.clone(),
                content: Content::Link(variant.source.clone()),
            });
        }
    }

    let mut paths: Vec<String> = jobs
        .par_iter()
        .flat_map_iter(|job| {
            let index = &index;
            langs
                .iter()
                .map(move |l| urls::file_for(&index.outline.path(**job, &l.lang.code)))
        })
        .collect();
    if feeds {
        paths.extend(langs.iter().map(|l| pages::feed_file(&l.lang.code)));
    }
    paths.extend(specials.iter().map(|s| urls::file_for(s.path())));
    paths.extend(extra.iter().map(|f| f.path.clone()));
    paths.extend(api_files.iter().map(|f| f.path(&index)));
    if everything {
        paths.push(offline::worker_file());
    }
    // The headers file lists every other file, the index's too: it is
    // written last, but its path is known now.
    let headers_file = everything && site.config.headers_file;
    if headers_file {
        paths.push(headers::HEADERS_FILE.to_string());
    }
    paths.par_sort_unstable();
    let clashes = clashing_paths(&paths);
    if !clashes.is_empty() {
        return Err(Failure::Invalid(clashes));
    }
    let path_refs: Vec<&str> = paths.iter().map(String::as_str).collect();
    sink.start(&path_refs).map_err(Failure::Sink)?;
    drop(path_refs);
    let sink = &*sink;

    let failures: Mutex<BTreeMap<RenderError, Vec<String>>> = Mutex::new(BTreeMap::new());
    let sink_error: Mutex<Option<S::Error>> = Mutex::new(None);
    let broken = AtomicBool::new(false);
    let refused = AtomicBool::new(false);
    // The offline worker's cache version: every other file of a full build.
    let version = offline::Version::default();
    let emit = |result: Result<OutputFile, (RenderError, String)>| match result {
        Ok(file) => {
            if everything {
                version.add(&file);
            }
            if !broken.load(Ordering::Relaxed)
                && !refused.load(Ordering::Relaxed)
                && let Err(err) = sink.put(file)
            {
                refused.store(true, Ordering::Relaxed);
                sink_error.lock().unwrap().get_or_insert(err);
            }
        }
        Err((err, path)) => {
            broken.store(true, Ordering::Relaxed);
            failures.lock().unwrap().entry(err).or_default().push(path);
        }
    };
    let keep_going = || !refused.load(Ordering::Relaxed);
    let refuse = |err: S::Error| {
        refused.store(true, Ordering::Relaxed);
        sink_error.lock().unwrap().get_or_insert(err);
    };

    // The search index is built on a thread of its own while the pages
    // render, one language at a time, and each language's files go to the
    // sink as soon as they are made: Pagefind's state for a language is as
    // big as the catalog, so only one is ever alive. Pagefind names its
    // files by their content, so the sink learns their paths then
    // (`Sink::extend`). A partial render leaves the index to
    // `search_files` (the server refreshes it after the pages).
    let reserved: Vec<&str> = paths
        .iter()
        .map(String::as_str)
        .filter(|p| p.starts_with(urls::BUNDLE_DIR) && p[urls::BUNDLE_DIR.len()..].starts_with('/'))
        .collect();
    let indexed = std::thread::scope(|scope| {
        let indexing = (everything && search != Search::Off).then(|| {
            let (index, langs, emit, reserved) = (&index, &langs, &emit, &reserved);
            let keep = match search {
                Search::Kept => search::Keep::Yes,
                _ => search::Keep::No,
            };
            scope.spawn(move || {
                let started = Instant::now();
                let mut late: Vec<String> = Vec::new();
                let done = search::deliver_each(index, langs, keep, |files| {
                    let mut new: Vec<&str> = files.iter().map(|f| f.path.as_str()).collect();
                    new.sort_unstable();
                    let clashes: Vec<Diagnostic> = new
                        .iter()
                        .filter(|p| reserved.binary_search(p).is_ok())
                        .map(|p| clash(p))
                        .collect();
                    if !clashes.is_empty() {
                        return Err(clashes);
                    }
                    if !keep_going() {
                        return Ok(());
                    }
                    if let Err(err) = sink.extend(&new) {
                        refuse(err);
                        return Ok(());
                    }
                    late.extend(new.iter().map(|p| p.to_string()));
                    for file in files {
                        emit(Ok(file));
                    }
                    stage_time("render: search index (a language)", started);
                    Ok(())
                });
                done.map(|()| late)
            })
        });

        let started = Instant::now();
        let records = json::records(&index, &langs);
        api_files.par_iter().for_each(|file| {
            if keep_going() {
                emit(Ok(file.make(&index, &records)));
            }
        });
        drop(records);
        stage_time("render: api", started);
        extra.into_par_iter().for_each(|file| {
            if keep_going() {
                emit(Ok(file));
            }
        });
        // Rayon splits a slice only a few times unless work is stolen, and
        // a piece already running is never split again: on 2 cores one
        // thread rendered the last quarter-slice alone while the other
        // idled (about 0.5 s of a 10,000-offer build). Small pieces keep
        // both busy to the end.
        jobs.par_iter()
            .with_max_len(PAGE_JOBS_PER_PIECE)
            .flat_map_iter(|job| langs.iter().map(move |lang| (job, lang)))
            .for_each(|(job, lang)| {
                if keep_going() {
                    emit(pages::render_page(job, lang, &langs, &index, &engine));
                }
            });
        langs.par_iter().filter(|_| feeds).for_each(|lang| {
            if keep_going() {
                emit(pages::render_feed(lang, &index, &engine));
            }
        });
        specials.par_iter().for_each(|&s| {
            if keep_going() {
                emit(pages::render_special(s, &langs, &index, &engine));
            }
        });
        stage_time("render: pages", started);

        indexing.map(|thread| {
            thread.join().unwrap_or_else(|_| {
                Err(vec![search::failed(
                    "the indexer stopped unexpectedly".into(),
                )])
            })
        })
    });
    let indexed = match indexed {
        Some(Ok(late)) => {
            paths.extend(late);
            paths.par_sort_unstable();
            Ok(())
        }
        Some(Err(diagnostics)) => Err(diagnostics),
        None => Ok(()),
    };
    if headers_file && keep_going() {
        let refs: Vec<&str> = paths
            .iter()
            .map(String::as_str)
            .filter(|p| *p != headers::HEADERS_FILE)
            .collect();
        let text = headers::headers_file(&refs, |p| index.urls.rel(&urls::encode_path(p)));
        emit(Ok(OutputFile::bytes(headers::HEADERS_FILE, text)));
    }

    if everything && keep_going() && !broken.load(Ordering::Relaxed) && indexed.is_ok() {
        emit(offline::render_worker(&index, &engine, &version));
    }

    let failures = failures.into_inner().unwrap();
    if !failures.is_empty() {
        return Err(Failure::Invalid(failure_diagnostics(failures, &engine)));
    }
    indexed.map_err(Failure::Invalid)?;
    if let Some(err) = sink_error.into_inner().unwrap() {
        return Err(Failure::Sink(err));
    }
    Ok(paths)
}

/// Whether a render writes the search index, and whether its bundles stay
/// in memory for the next render in this process (`serve`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Search {
    Off,
    Once,
    Kept,
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
fn clashing_paths(sorted: &[String]) -> Vec<Diagnostic> {
    sorted
        .windows(2)
        .filter(|w| w[0] == w[1])
        .map(|w| clash(&w[0]))
        .collect()
}

fn clash(path: &str) -> Diagnostic {
    Diagnostic::error(
        "content",
        format!("two files of the site would be written to /{path}"),
    )
    .hint("rename the page or media file whose id or path repeats a built-in one")
}
