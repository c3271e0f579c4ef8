//! What the server holds: the last good site (every output file in memory,
//! swapped as a whole after each successful rebuild), the errors of the
//! latest failed rebuild, and the channel that tells open pages about both.
//!
//! Nothing is ever served from disk, so no request can reach a file outside
//! the rendered site, whatever its path says.

use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::{Arc, Mutex, RwLock};
use std::time::SystemTime;

use axum::body::Bytes;
use tokio::sync::broadcast;

use crate::diagnostics::Diagnostic;
use crate::output::{Content, OutputFile};

/// The rendered site, by output path (`en/offers/x/index.html`).
#[derive(Debug, Default)]
pub struct SiteFiles {
    /// Every file of the latest rebuild, shared by the sites made from it.
    files: Arc<HashMap<String, Bytes>>,
    /// The pages of an edited offer laid over them until the rebuild after
    /// the edit is in ([`State::preview`]): a handful of files, so that
    /// showing them costs nothing in the size of the site.
    patch: HashMap<String, Bytes>,
    /// Counts successful builds; pages compare it to notice a restart.
    pub generation: u64,
}

impl SiteFiles {
    pub fn get(&self, path: &str) -> Option<&Bytes> {
        self.patch.get(path).or_else(|| self.files.get(path))
    }

    pub fn contains(&self, path: &str) -> bool {
        self.get(path).is_some()
    }

    /// Every path served.
    fn paths(&self) -> impl Iterator<Item = &String> {
        self.patch.keys().chain(
            self.files
                .keys()
                .filter(|path| !self.patch.contains_key(*path)),
        )
    }

    /// How many files previews laid over the rebuilt site.
    pub fn patched(&self) -> usize {
        self.patch.len()
    }

    /// Every file served, in one map of its own.
    pub fn merged(&self) -> HashMap<String, Bytes> {
        let mut files = (*self.files).clone();
        files.extend(self.patch.iter().map(|(p, b)| (p.clone(), b.clone())));
        files
    }

    fn whole(files: HashMap<String, Bytes>, generation: u64) -> SiteFiles {
        SiteFiles {
            files: Arc::new(files),
            patch: HashMap::new(),
            generation,
        }
    }
}

/// A site swapped in by [`State::publish_from`].
#[derive(Debug, Clone, Copy)]
pub struct Published {
    pub generation: u64,
    /// How many files the site has.
    pub files: usize,
    /// How many were added, changed or removed.
    pub changed: usize,
}

/// What open pages are told.
#[derive(Debug, Clone)]
pub enum Event {
    /// A rebuild succeeded: reload (which also clears any overlay). A
    /// `preview` is the first answer to an edit (the edited offer's own
    /// pages, [`State::preview`]); the rebuild's reload follows.
    Reload {
        generation: u64,
        changed: usize,
        preview: bool,
        /// When set, only the pages at these addresses (`/en/offers/`) show
        /// anything new; others need not reload.
        only: Option<Arc<Vec<String>>>,
    },
    /// A rebuild failed: show these diagnostics (a JSON array).
    Errors(Arc<String>),
    /// The search pages and index of this generation are in (they follow
    /// the other pages: see [`super::search`]): open search pages reload.
    Index { generation: u64 },
}

/// Shared between the HTTP handlers and the rebuild thread.
pub struct State {
    site: RwLock<Arc<SiteFiles>>,
    /// The diagnostics of the latest rebuild when it failed (JSON array).
    errors: RwLock<Option<Arc<String>>>,
    events: broadcast::Sender<Event>,
    /// Held while a new site is made from the served one, so that the
    /// rebuild and the search indexer never undo each other's changes.
    changing: Mutex<()>,
}

impl Default for State {
    fn default() -> Self {
        State::new()
    }
}

impl State {
    pub fn new() -> Self {
        let (events, _) = broadcast::channel(64);
        State {
            site: RwLock::new(Arc::new(SiteFiles::default())),
            errors: RwLock::new(None),
            events,
            changing: Mutex::new(()),
        }
    }

    pub fn site(&self) -> Arc<SiteFiles> {
        self.site.read().unwrap_or_else(|e| e.into_inner()).clone()
    }

    pub fn errors(&self) -> Option<Arc<String>> {
        self.errors
            .read()
            .unwrap_or_else(|e| e.into_inner())
            .clone()
    }

    pub fn subscribe(&self) -> broadcast::Receiver<Event> {
        self.events.subscribe()
    }

    /// Swap in a new good site made from the one served now by `make`
    /// (which returns the files and how many of them changed), clear the
    /// errors and tell open pages.
    pub fn publish_from<E>(
        &self,
        make: impl FnOnce(&SiteFiles) -> Result<(HashMap<String, Bytes>, usize), E>,
    ) -> Result<Published, E> {
        let _changing = self.changing.lock().unwrap_or_else(|e| e.into_inner());
        let served = self.site();
        let (files, changed) = make(&served)?;
        // After a preview the edited offer's pages are already shown: only
        // the pages that differ from what is served need to reload.
        let only = (served.patched() > 0)
            .then(|| addresses_changed(&served, &files))
            .flatten();
        let count = files.len();
        Ok(Published {
            generation: self.publish_to(files, changed, only),
            files: count,
            changed,
        })
    }

    /// Swap in a new good site, clear the errors and tell open pages.
    pub fn publish(&self, files: HashMap<String, Bytes>, changed: usize) -> u64 {
        self.publish_to(files, changed, None)
    }

    /// [`State::publish`], telling only the pages at `only` to reload when
    /// it is given.
    fn publish_to(
        &self,
        files: HashMap<String, Bytes>,
        changed: usize,
        only: Option<Vec<String>>,
    ) -> u64 {
        let generation = {
            let mut site = self.site.write().unwrap_or_else(|e| e.into_inner());
            let generation = site.generation + 1;
            *site = Arc::new(SiteFiles::whole(files, generation));
            generation
        };
        *self.errors.write().unwrap_or_else(|e| e.into_inner()) = None;
        let _ = self.events.send(Event::Reload {
            generation,
            changed,
            preview: false,
            only: only.map(Arc::new),
        });
        generation
    }

    /// Lay `pages` over the site served now and tell open pages to reload,
    /// as the first answer to an edit; the rebuild that follows replaces
    /// them ([`State::publish_from`]) or, when it fails, puts back the site
    /// they were laid over ([`State::restore`]). Returns the new generation
    /// and the site before, or `None` when no page changed.
    pub fn preview(&self, pages: Vec<(String, Bytes)>) -> Option<(u64, Arc<SiteFiles>)> {
        let _changing = self.changing.lock().unwrap_or_else(|e| e.into_inner());
        let before = self.site();
        let mut patch = before.patch.clone();
        let mut changed = 0;
        for (path, bytes) in pages {
            if before.get(&path).is_none_or(|old| old[..] != bytes[..]) {
                changed += 1;
                patch.insert(path, bytes);
            }
        }
        if changed == 0 {
            return None;
        }
        let generation = before.generation + 1;
        *self.site.write().unwrap_or_else(|e| e.into_inner()) = Arc::new(SiteFiles {
            files: before.files.clone(),
            patch,
            generation,
        });
        *self.errors.write().unwrap_or_else(|e| e.into_inner()) = None;
        let _ = self.events.send(Event::Reload {
            generation,
            changed,
            preview: true,
            only: None,
        });
        Some((generation, before))
    }

    /// Serve `before` again (the site a [`State::preview`] was laid over),
    /// as a new generation: the edit it showed turned out to be broken.
    pub fn restore(&self, before: &SiteFiles) {
        let _changing = self.changing.lock().unwrap_or_else(|e| e.into_inner());
        let mut site = self.site.write().unwrap_or_else(|e| e.into_inner());
        *site = Arc::new(SiteFiles {
            files: before.files.clone(),
            patch: before.patch.clone(),
            generation: site.generation + 1,
        });
    }

    /// Serve `pages` and the search index `index` (which replaces every
    /// file of the previous one) when `generation` is still the one
    /// served; open search pages are told when anything changed. Returns
    /// how many files changed.
    pub fn swap_search(
        &self,
        generation: u64,
        pages: Vec<(String, Bytes)>,
        index: Vec<OutputFile>,
    ) -> usize {
        let _changing = self.changing.lock().unwrap_or_else(|e| e.into_inner());
        let current = self.site();
        if current.generation != generation {
            return 0;
        }
        let dir = format!("{}/", crate::urls::BUNDLE_DIR);
        let mut files = current.merged();
        let mut old: HashMap<String, Bytes> = HashMap::new();
        files.retain(|path, bytes| {
            let keep = !path.starts_with(&dir);
            if !keep {
                old.insert(path.clone(), bytes.clone());
            }
            keep
        });
        let mut changed = 0;
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
        changed += old.len();
        for (path, bytes) in pages {
            if files.get(&path).is_none_or(|b| b[..] != bytes[..]) {
                changed += 1;
                files.insert(path, bytes);
            }
        }
        if changed > 0 {
            *self.site.write().unwrap_or_else(|e| e.into_inner()) =
                Arc::new(SiteFiles::whole(files, generation));
            let _ = self.events.send(Event::Index { generation });
        }
        changed
    }

    /// Keep the last good site, remember the errors and tell open pages.
    pub fn fail(&self, diagnostics: &[Diagnostic]) {
        let json = Arc::new(diagnostics_json(diagnostics));
        *self.errors.write().unwrap_or_else(|e| e.into_inner()) = Some(json.clone());
        let _ = self.events.send(Event::Errors(json));
    }
}

/// At most this many addresses are named in a reload; past that every page
/// reloads.
const NAMED_PAGES: usize = 200;

/// The addresses of the pages that `files` changes, added or removes
/// against `served`; `None` when there are too many to name.
fn addresses_changed(served: &SiteFiles, files: &HashMap<String, Bytes>) -> Option<Vec<String>> {
    let changed = files
        .iter()
        .filter(|(path, bytes)| served.get(path).is_none_or(|old| old[..] != bytes[..]))
        .map(|(path, _)| path)
        .chain(served.paths().filter(|path| !files.contains_key(*path)));
    let mut addresses = Vec::new();
    for path in changed {
        if addresses.len() == NAMED_PAGES {
            return None;
        }
        let address = path.strip_suffix("index.html").unwrap_or(path);
        addresses.push(crate::urls::encode_path(&format!("/{address}")));
    }
    addresses.sort();
    Some(addresses)
}

/// The errors (and, after them, warnings) as a JSON array for the overlay.
pub fn diagnostics_json(diagnostics: &[Diagnostic]) -> String {
    let mut sorted: Vec<&Diagnostic> = diagnostics.iter().collect();
    sorted.sort_by_key(|d| !d.is_error());
    serde_json::to_string(&sorted).unwrap_or_else(|_| "[]".into())
}

/// Media files are read once per (path, size, mtime), not on every rebuild.
#[derive(Default)]
pub struct CopyCache {
    entries: HashMap<PathBuf, (u64, Option<SystemTime>, Bytes)>,
}

impl CopyCache {
    fn read(&mut self, path: &PathBuf) -> std::io::Result<Bytes> {
        let meta = std::fs::metadata(path)?;
        let key = (meta.len(), meta.modified().ok());
        if let Some((len, mtime, bytes)) = self.entries.get(path)
            && (*len, *mtime) == key
        {
            return Ok(bytes.clone());
        }
        let bytes = Bytes::from(std::fs::read(path)?);
        self.entries
            .insert(path.clone(), (key.0, key.1, bytes.clone()));
        Ok(bytes)
    }
}

/// The output files as the server holds them, reusing the previous site's
/// buffers for files whose bytes did not change; returns the new map and
/// how many paths were added, changed or removed.
pub fn to_memory(
    files: Vec<OutputFile>,
    previous: &SiteFiles,
    cache: &mut CopyCache,
) -> Result<(HashMap<String, Bytes>, usize), Vec<Diagnostic>> {
    let mut out = HashMap::with_capacity(files.len());
    let mut changed = 0;
    let mut problems = Vec::new();
    for f in files {
        let bytes = match f.content {
            Content::Bytes(b) => match previous.get(&f.path) {
                Some(old) if old[..] == b[..] => old.clone(),
                _ => Bytes::from(b),
            },
            Content::Copy(from) | Content::Link(from) => match cache.read(&from) {
                Ok(b) => b,
                Err(err) => {
                    problems.push(
                        Diagnostic::error(
                            from.to_string_lossy().into_owned(),
                            format!("cannot read: {err}"),
                        )
                        .hint("check that the file exists and can be read"),
                    );
                    continue;
                }
            },
        };
        if previous
            .get(&f.path)
            .is_none_or(|old| old.as_ptr() != bytes.as_ptr() && old[..] != bytes[..])
        {
            changed += 1;
        }
        out.insert(f.path, bytes);
    }
    changed += previous.paths().filter(|k| !out.contains_key(*k)).count();
    if problems.is_empty() {
        Ok((out, changed))
    } else {
        Err(problems)
    }
}

/// The previous site with `files` (a partial render) laid over it; returns
/// the new map and how many paths changed.
pub fn patch_memory(
    files: Vec<OutputFile>,
    previous: &SiteFiles,
    cache: &mut CopyCache,
) -> Result<(HashMap<String, Bytes>, usize), Vec<Diagnostic>> {
    let mut out = previous.merged();
    let only_these = SiteFiles::default();
    let (updated, _) = to_memory(files, &only_these, cache)?;
    let mut changed = 0;
    for (path, bytes) in updated {
        if out.get(&path).is_none_or(|old| old[..] != bytes[..]) {
            changed += 1;
            out.insert(path, bytes);
        }
    }
    Ok((out, changed))
}
