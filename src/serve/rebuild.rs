//! Building and rebuilding the served site, and what the terminal shows.

use std::collections::HashSet;
use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::sync::{Arc, mpsc};
use std::time::Instant;

use axum::body::Bytes;

use crate::content::{LoadCache, LoadOptions, quick};
use crate::diagnostics::{Diagnostic, display_path};
use crate::model::Site;
use crate::output::{Content, OutputFile};
use crate::pipeline::{self, BuildOptions};
use crate::render::{
    self,
    affected::{Affected, affected},
};

use super::search::SearchRefresh;
use super::state::{CopyCache, SiteFiles, State, patch_memory, to_memory};
use super::watch::{Change, Watcher};

pub struct Builder {
    options: BuildOptions,
    cache: CopyCache,
    /// Parsed content files, so a save re-reads only what changed.
    content: LoadCache,
    /// The site last served, to tell which pages an edit touches (shared
    /// with the search indexer).
    last: Option<Arc<Site>>,
    /// Warnings already printed, so a rebuild prints only new ones.
    warnings: HashSet<String>,
    search: SearchRefresh,
    /// Whether the latest build succeeded (so `content` and `last` are of
    /// the content on disk but for the saves since).
    healthy: bool,
    /// The site served before the previews ([`Builder::preview`]) that the
    /// next rebuild replaces.
    before_preview: Option<Arc<SiteFiles>>,
    previews: render::preview::Cache,
}

/// How a build went, for the caller's log line.
#[derive(Debug)]
pub enum Outcome {
    Built { files: usize, changed: usize },
    Failed { errors: usize },
}

/// What a rebuild renders, before it is laid over the served site.
enum Rendered {
    /// Nothing shows anything different.
    Nothing,
    /// Every file of the site.
    Everything(Vec<OutputFile>),
    /// The files that show the edited offers; the search pages among them
    /// are held back for the search indexer.
    Offers {
        pages: Vec<OutputFile>,
        search: Vec<OutputFile>,
    },
}

impl Builder {
    pub fn new(options: BuildOptions, state: Arc<State>) -> Self {
        Builder {
            options,
            cache: CopyCache::default(),
            content: LoadCache::default(),
            last: None,
            warnings: HashSet::new(),
            search: SearchRefresh::start(state),
            healthy: false,
            before_preview: None,
            previews: render::preview::Cache::default(),
        }
    }

    pub fn root(&self) -> &Path {
        &self.options.root
    }

    /// The first build; prints its warnings or errors and a summary.
    pub fn initial(&mut self, state: &State) -> Outcome {
        let started = Instant::now();
        let outcome = self.build(state);
        match &outcome {
            Outcome::Built { files, .. } => say(format_args!(
                "built {files} files in {} ms",
                started.elapsed().as_millis()
            )),
            Outcome::Failed { errors } => eprintln!(
                "{errors} error(s): the site is not served until they are fixed; the page shows them meanwhile"
            ),
        }
        let _ = std::io::stdout().flush();
        outcome
    }

    /// The first answer to a save of one offer file: when the offer stays
    /// where it is listed and the file is valid, its own pages are
    /// rendered on their own ([`render::preview`]) and laid over the
    /// served site, and open pages reload, before the whole site is loaded
    /// again. The [`Builder::build`] that must follow replaces them (or,
    /// when the site turns out broken, takes them back). Returns whether
    /// pages were shown; anything else (other files, several, a new or
    /// broken one) is left to the rebuild.
    pub fn preview(&mut self, state: &State, paths: &[PathBuf]) -> bool {
        let started = Instant::now();
        let (Some(last), true, [path]) = (&self.last, self.healthy, paths) else {
            return false;
        };
        let root = std::path::absolute(&self.options.root).unwrap_or_default();
        if !path.is_file() {
            return false;
        }
        let rel = display_path(&root, path);
        let options = LoadOptions {
            now: self.options.now,
            drafts: self.options.drafts,
        };
        let Some(reread) = quick::offer(&self.options.root, &rel, &self.content, &options) else {
            return false;
        };
        pipeline::stage_time("preview: load", started);
        let Some(pages) = render::preview::offer_pages(last, &reread.offer, &mut self.previews)
        else {
            return false;
        };
        pipeline::stage_time("preview: render", started);
        let shown = state.preview(in_memory(pages));
        pipeline::stage_time("preview: publish", started);
        match shown {
            Some((_, before)) => {
                self.before_preview.get_or_insert(before);
                true
            }
            None => false,
        }
    }

    /// Render what the change touched and swap the new site in, or keep
    /// the last good site and report the errors. After the first build, an
    /// edit of an offer's text re-renders only the pages that show it
    /// ([`affected`]), and the search index follows on its own thread
    /// ([`SearchRefresh`]); anything else renders the whole site.
    pub fn build(&mut self, state: &State) -> Outcome {
        let started = Instant::now();
        let result = pipeline::load_site(&self.options, &mut self.content).and_then(|loaded| {
            let plan = match &self.last {
                Some(last) => affected(last, &loaded.site),
                None => Affected::Everything,
            };
            let rendered = match &plan {
                Affected::Nothing => Ok(Rendered::Nothing),
                Affected::Offers(ids) => render::render_offers(&loaded.site, ids).map(|files| {
                    let search = search_pages(&loaded.site);
                    let (search, pages) = files.into_iter().partition(|f| search.contains(&f.path));
                    Rendered::Offers { pages, search }
                }),
                Affected::Everything => render::render(&loaded.site).map(Rendered::Everything),
            };
            pipeline::stage_time("render", started);
            match rendered {
                Ok(rendered) => Ok((rendered, loaded)),
                Err(mut errors) => {
                    errors.extend(loaded.diagnostics);
                    Err(errors)
                }
            }
        });
        let (rendered, loaded) = match result {
            Ok(done) => done,
            Err(diagnostics) => return self.failed(state, &diagnostics),
        };
        let cache = &mut self.cache;
        let mut held_back = None;
        // Previews are replaced by what the whole site says.
        let before = self.before_preview.take();
        let published = state.publish_from(|served| {
            let previous = before.as_deref().unwrap_or(served);
            match rendered {
                Rendered::Nothing => Ok((previous.merged(), served.patched())),
                Rendered::Everything(files) => to_memory(files, previous, cache),
                Rendered::Offers { pages, search } => {
                    held_back = Some(search);
                    patch_memory(pages, previous, cache)
                }
            }
        });
        pipeline::stage_time("publish", started);
        let published = match published {
            Ok(published) => published,
            Err(diagnostics) => {
                self.before_preview = before;
                return self.failed(state, &diagnostics);
            }
        };
        self.healthy = true;
        self.print_new_warnings(&loaded.diagnostics);
        let site = Arc::new(loaded.site);
        if let Some(search) = held_back {
            self.search
                .request(published.generation, site.clone(), in_memory(search));
        }
        self.previews.prepare(&site);
        self.last = Some(site);
        Outcome::Built {
            files: published.files,
            changed: published.changed,
        }
    }

    fn failed(&mut self, state: &State, diagnostics: &[Diagnostic]) -> Outcome {
        self.healthy = false;
        if let Some(before) = self.before_preview.take() {
            state.restore(&before);
        }
        let errors = diagnostics.iter().filter(|d| d.is_error()).count();
        let mut err = std::io::stderr().lock();
        for d in diagnostics.iter().filter(|d| d.is_error()) {
            let _ = writeln!(err, "{}", d.to_human());
        }
        drop(err);
        state.fail(diagnostics);
        Outcome::Failed { errors }
    }

    fn print_new_warnings(&mut self, warnings: &[Diagnostic]) {
        let now: HashSet<String> = warnings.iter().map(Diagnostic::to_human).collect();
        let mut err = std::io::stderr().lock();
        let mut fresh: Vec<&String> = now.difference(&self.warnings).collect();
        fresh.sort();
        for w in fresh {
            let _ = writeln!(err, "{w}");
        }
        self.warnings = now;
    }
}

/// Rendered pages as the server holds them (pages are always bytes; a
/// copied or linked file is not a page and is left out).
fn in_memory<B: FromIterator<(String, Bytes)>>(pages: Vec<OutputFile>) -> B {
    pages
        .into_iter()
        .filter_map(|f| match f.content {
            Content::Bytes(bytes) => Some((f.path, Bytes::from(bytes))),
            Content::Copy(_) | Content::Link(_) => None,
        })
        .collect()
}

/// Rebuild after every batch of changes until the watcher goes away.
pub fn watch_loop(
    mut builder: Builder,
    mut watcher: Watcher,
    changes: mpsc::Receiver<Change>,
    state: &State,
) {
    // The saves shown by a preview and not yet rebuilt, and when the first
    // of them was noticed.
    let mut owed: Option<Change> = None;
    loop {
        let next = match owed {
            // A save that came in while a preview was shown is shown
            // first; the rebuild then covers both.
            Some(_) => match changes.try_recv() {
                Ok(change) => Some(change),
                Err(mpsc::TryRecvError::Empty) => None,
                Err(mpsc::TryRecvError::Disconnected) => return,
            },
            None => match changes.recv() {
                Ok(change) => Some(change),
                Err(_) => return,
            },
        };
        if let Some(mut change) = next {
            // Saves that arrived while the last rebuild ran go into this one.
            while let Ok(more) = changes.try_recv() {
                change.paths.extend(more.paths);
            }
            watcher.refresh();
            let shown = builder.preview(state, &change.paths);
            if shown {
                say(format_args!(
                    "{}: its pages shown ({} ms after the change was noticed)",
                    describe(builder.root(), &change.paths),
                    change.at.elapsed().as_millis()
                ));
            }
            match &mut owed {
                Some(earlier) => earlier.paths.extend(change.paths),
                None => owed = Some(change),
            }
            if shown {
                continue;
            }
        }
        let Some(change) = owed.take() else { continue };
        let started = Instant::now();
        let what = describe(builder.root(), &change.paths);
        let outcome = builder.build(state);
        let took = started.elapsed().as_millis();
        let since_save = change.at.elapsed().as_millis();
        match outcome {
            Outcome::Built { changed, .. } => say(format_args!(
                "{what}: rebuilt in {took} ms, {changed} file(s) changed, pages reloaded ({since_save} ms after the change was noticed)"
            )),
            Outcome::Failed { errors } => {
                eprintln!("{what}: {errors} error(s); still serving the last good site")
            }
        }
        let _ = std::io::stdout().flush();
    }
}

/// A line on the terminal. A closed terminal (or pipe) must not stop the
/// rebuilds, as `println!` would by panicking.
fn say(line: std::fmt::Arguments) {
    let mut out = std::io::stdout().lock();
    let _ = out.write_fmt(line);
    let _ = out.write_all(b"\n");
    let _ = out.flush();
}

fn describe(root: &Path, paths: &[PathBuf]) -> String {
    let root = std::path::absolute(root).unwrap_or_else(|_| root.to_path_buf());
    let mut shown: Vec<String> = paths.iter().map(|p| display_path(&root, p)).collect();
    shown.sort();
    shown.dedup();
    name_files(&shown)
}

/// At most this many changed files are named in one line.
const NAMED: usize = 5;

/// "a", "a and b", "a, b and c", or the first few "and N more files".
fn name_files(shown: &[String]) -> String {
    match shown {
        [] => "change".into(),
        [one] => one.clone(),
        [first @ .., last] if shown.len() <= NAMED => format!("{} and {last}", first.join(", ")),
        _ => format!(
            "{} and {} more files",
            shown[..NAMED].join(", "),
            shown.len() - NAMED
        ),
    }
}

/// The output paths of the search pages, which a partial rebuild holds back
/// until their index is ready.
fn search_pages(site: &Site) -> HashSet<String> {
    site.config
        .languages
        .iter()
        .map(|l| crate::urls::file_for(&crate::urls::search(&l.code)))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::name_files;

    #[test]
    fn changed_files_are_named() {
        let files = |n: usize| -> Vec<String> { (1..=n).map(|i| format!("f{i}")).collect() };
        assert_eq!(name_files(&files(0)), "change");
        assert_eq!(name_files(&files(1)), "f1");
        assert_eq!(name_files(&files(2)), "f1 and f2");
        assert_eq!(name_files(&files(5)), "f1, f2, f3, f4 and f5");
        assert_eq!(name_files(&files(7)), "f1, f2, f3, f4, f5 and 2 more files");
    }
}
