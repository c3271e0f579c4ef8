//! Building and rebuilding the served site, and what the terminal shows.

use std::collections::{HashMap, HashSet};

use axum::body::Bytes;
use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::sync::mpsc;
use std::time::Instant;

use crate::content::LoadCache;
use crate::diagnostics::{Diagnostic, display_path};
use crate::model::Site;
use crate::output::{Content, OutputFile};
use crate::pipeline::{self, BuildOptions};
use crate::render::{
    self,
    affected::{Affected, affected},
};

use super::state::{CopyCache, State, patch_memory, to_memory};
use super::watch::{Change, Watcher};

pub struct Builder {
    options: BuildOptions,
    cache: CopyCache,
    /// Parsed content files, so a save re-reads only what changed.
    content: LoadCache,
    /// The site last served, to tell which pages an edit touches.
    last: Option<Site>,
    /// Warnings already printed, so a rebuild prints only new ones.
    warnings: HashSet<String>,
}

/// How a build went, for the caller's log line.
#[derive(Debug)]
pub enum Outcome {
    Built { files: usize, changed: usize },
    Failed { errors: usize },
}

impl Builder {
    pub fn new(options: BuildOptions) -> Self {
        Builder {
            options,
            cache: CopyCache::default(),
            content: LoadCache::default(),
            last: None,
            warnings: HashSet::new(),
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
            Outcome::Built { files, .. } => println!(
                "built {files} files in {} ms",
                started.elapsed().as_millis()
            ),
            Outcome::Failed { errors } => eprintln!(
                "{errors} error(s): the site is not served until they are fixed; the page shows them meanwhile"
            ),
        }
        let _ = std::io::stdout().flush();
        outcome
    }

    /// Render what the change touched and swap the new site in, or keep
    /// the last good site and report the errors. After the first build, an
    /// edit of an offer's text re-renders only the pages that show it
    /// ([`affected`]); anything else renders the whole site.
    pub fn build(&mut self, state: &State) -> Outcome {
        let started = Instant::now();
        let result = pipeline::load_site(&self.options, &mut self.content).and_then(|loaded| {
            let previous = state.site();
            let plan = match &self.last {
                Some(last) => affected(last, &loaded.site),
                None => Affected::Everything,
            };
            let files = match &plan {
                Affected::Nothing => Ok((previous.files.clone(), 0)),
                Affected::Offers(ids) => render::render_offers(&loaded.site, ids)
                    .and_then(|files| patch_memory(files, &previous, &mut self.cache))
                    .and_then(|(files, changed)| {
                        let index = render::search_files(&loaded.site)?;
                        Ok(replace_search(files, index, changed))
                    }),
                Affected::Everything => render::render(&loaded.site)
                    .and_then(|files| to_memory(files, &previous, &mut self.cache)),
            };
            pipeline::stage_time("rebuild", started);
            match files {
                Ok((files, changed)) => Ok((files, changed, loaded)),
                Err(mut errors) => {
                    errors.extend(loaded.diagnostics);
                    Err(errors)
                }
            }
        });
        match result {
            Ok((files, changed, loaded)) => {
                self.print_new_warnings(&loaded.diagnostics);
                self.last = Some(loaded.site);
                let count = files.len();
                state.publish(files, changed);
                Outcome::Built {
                    files: count,
                    changed,
                }
            }
            Err(diagnostics) => {
                let errors = diagnostics.iter().filter(|d| d.is_error()).count();
                let mut err = std::io::stderr().lock();
                for d in diagnostics.iter().filter(|d| d.is_error()) {
                    let _ = writeln!(err, "{}", d.to_human());
                }
                drop(err);
                state.fail(&diagnostics);
                Outcome::Failed { errors }
            }
        }
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

/// Rebuild after every batch of changes until the watcher goes away.
pub fn watch_loop(
    mut builder: Builder,
    mut watcher: Watcher,
    changes: mpsc::Receiver<Change>,
    state: &State,
) {
    while let Ok(mut change) = changes.recv() {
        // Saves that arrived while the last rebuild ran go into this one.
        while let Ok(more) = changes.try_recv() {
            change.paths.extend(more.paths);
        }
        watcher.refresh();
        let started = Instant::now();
        let what = describe(builder.root(), &change.paths);
        let outcome = builder.build(state);
        let took = started.elapsed().as_millis();
        let since_save = change.at.elapsed().as_millis();
        match outcome {
            Outcome::Built { changed, .. } => println!(
                "{what}: rebuilt in {took} ms, {changed} file(s) changed, pages reloaded ({since_save} ms after the change was noticed)"
            ),
            Outcome::Failed { errors } => {
                eprintln!("{what}: {errors} error(s); still serving the last good site")
            }
        }
        let _ = std::io::stdout().flush();
    }
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

/// The pages of a partial render with the search index swapped for a fresh
/// one: the old index's files go (their names carry content hashes), and
/// `changed` counts the index's files that are new, different or gone.
fn replace_search(
    mut files: HashMap<String, Bytes>,
    index: Vec<OutputFile>,
    mut changed: usize,
) -> (HashMap<String, Bytes>, usize) {
    let dir = format!("{}/", crate::urls::BUNDLE_DIR);
    let mut old: HashMap<String, Bytes> = HashMap::new();
    files.retain(|path, bytes| {
        let keep = !path.starts_with(&dir);
        if !keep {
            old.insert(path.clone(), bytes.clone());
        }
        keep
    });
    for file in index {
        if let Content::Bytes(bytes) = file.content {
            match old.remove(&file.path) {
                Some(same) if same[..] == bytes[..] => {
                    files.insert(file.path, same);
                }
                _ => {
                    changed += 1;
                    files.insert(file.path, Bytes::from(bytes));
                }
            }
        }
    }
    (files, changed + old.len())
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
