//! What one load keeps for the next, so that the preview server's reload
//! after a save re-reads, re-checks and re-locates only what changed: parse
//! results of record files, the link check's answers, and each file's
//! diagnostics.
//!
//! Every entry is kept with what it was made from (a file's size and
//! modification time, its text, its problems, the site's paths) and used
//! only while that is unchanged. Results depend on the configured
//! languages, so a change of those empties the cache.

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::SystemTime;

use rayon::prelude::*;

use crate::diagnostics::Diagnostic;
use crate::model::{Offer, Partner};

use super::discover::Pending;
use super::fields::Languages;
use super::file::FileState;
use super::items::Extras;
use super::links::SitePaths;
use super::locate;
use super::problem::Problem;
use super::references::Known;
use super::source::Source;

/// What one record file's size and modification time were when it was
/// parsed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Stamp {
    len: u64,
    modified: Option<SystemTime>,
}

impl Stamp {
    fn of(path: &Path) -> Option<Stamp> {
        let meta = std::fs::metadata(path).ok()?;
        Some(Stamp {
            len: meta.len(),
            modified: meta.modified().ok(),
        })
    }
}

/// A one-record file (a partner, an offer) after parsing: its state and,
/// when its YAML parsed, the record and what it refers to.
#[derive(Debug, Clone)]
pub(super) struct ParsedFile<T> {
    pub state: FileState,
    pub parsed: Option<ParsedRecord<T>>,
}

/// The YAML of a record file, read: the record when it is valid, and what
/// it refers to either way (a broken record's references are checked too).
#[derive(Debug, Clone)]
pub(super) struct ParsedRecord<T> {
    pub record: Option<T>,
    pub extras: Extras,
}

#[derive(Debug)]
struct CachedFile<T> {
    stamp: Stamp,
    parsed: ParsedFile<T>,
}

/// Parse results of one kind of record file, by path.
#[derive(Debug)]
pub(super) struct RecordCache<T> {
    files: HashMap<PathBuf, CachedFile<T>>,
}

impl<T> Default for RecordCache<T> {
    fn default() -> Self {
        RecordCache {
            files: HashMap::new(),
        }
    }
}

/// Every record file of a kind, parsed or taken from the cache.
pub(super) struct Reparsed<T> {
    /// In the order of the files asked for.
    pub files: Vec<ParsedFile<T>>,
    /// How many of them had to be parsed.
    pub parsed: usize,
}

impl<T: Clone + Send + Sync> RecordCache<T> {
    /// Each of `pending`'s files (in parallel): from the cache when its size
    /// and modification time are as the cache saw them, else from `parse`.
    /// Files no longer pending are forgotten; with `keep` false nothing is
    /// stored (nor stat-ed) for a next load.
    pub fn parse_all(
        &mut self,
        pending: &[Pending],
        keep: bool,
        parse: impl Fn(&Pending) -> ParsedFile<T> + Sync,
    ) -> Reparsed<T> {
        struct Outcome<T> {
            parsed: ParsedFile<T>,
            stamp: Option<Stamp>,
            fresh: bool,
        }
        let seen_before = &self.files;
        let outcomes: Vec<Outcome<T>> = pending
            .par_iter()
            .map(|p| {
                let stamp = if keep { Stamp::of(&p.path) } else { None };
                match seen_before.get(&p.path) {
                    Some(then) if Some(then.stamp) == stamp => Outcome {
                        parsed: then.parsed.clone(),
                        stamp,
                        fresh: false,
                    },
                    _ => Outcome {
                        parsed: parse(p),
                        stamp,
                        fresh: true,
                    },
                }
            })
            .collect();
        let present: HashSet<&PathBuf> = pending.iter().map(|p| &p.path).collect();
        self.files.retain(|path, _| present.contains(path));
        let mut parsed = 0;
        let files = pending
            .iter()
            .zip(outcomes)
            .map(|(p, outcome)| {
                if outcome.fresh {
                    parsed += 1;
                    if let Some(stamp) = outcome.stamp {
                        self.files.insert(
                            p.path.clone(),
                            CachedFile {
                                stamp,
                                parsed: outcome.parsed.clone(),
                            },
                        );
                    }
                }
                outcome.parsed
            })
            .collect();
        Reparsed { files, parsed }
    }
}

/// The link check's problems of one file, for the text they were found in.
#[derive(Debug)]
struct LinkAnswer {
    source: Arc<Source>,
    problems: Vec<Problem>,
}

/// A file's diagnostics with the text and problems they were made from.
#[derive(Debug)]
struct Located {
    source: Arc<Source>,
    problems: Vec<Problem>,
    diagnostics: Vec<Diagnostic>,
}

#[derive(Debug, Default)]
pub struct LoadCache {
    /// The languages every entry was made for.
    languages: Option<Languages>,
    pub(super) offers: RecordCache<Offer>,
    pub(super) partners: RecordCache<Partner>,
    /// Link problems of a record file's Markdown, by file, valid while the
    /// site's paths are the same (`links_fingerprint`).
    links: HashMap<String, LinkAnswer>,
    links_fingerprint: u64,
    /// Every site path the latest load let links lead to.
    link_targets: SitePaths,
    /// A file's diagnostics, by file.
    located: HashMap<String, Located>,
    /// What references and links could point at in the latest load, for
    /// re-checking one edited record on its own ([`super::quick`]).
    known: Option<Known>,
    /// How many record files the latest load had to parse.
    pub(super) parsed: usize,
    /// Keep nothing (a one-off `build` or `check`): the kept copies of every
    /// parsed record and its text were a third of a load's peak memory.
    pub(super) forget: bool,
}

impl LoadCache {
    /// A cache for one load only, which keeps nothing for a next one.
    pub fn forgetful() -> LoadCache {
        LoadCache {
            forget: true,
            ..LoadCache::default()
        }
    }

    /// How many record files the latest load parsed (the rest came from
    /// the cache).
    pub fn parsed(&self) -> usize {
        self.parsed
    }

    /// Every site path the latest load let a Markdown link lead to.
    pub fn link_targets(&self) -> &SitePaths {
        &self.link_targets
    }

    /// Keep what the latest load's references could point at (not for a
    /// load that keeps nothing).
    pub(super) fn remember_known(&mut self, known: Known) {
        self.known = (!self.forget).then_some(known);
    }

    /// The latest load's targets of references and the languages they were
    /// made for.
    pub(super) fn known(&self) -> Option<(&Known, &Languages)> {
        Some((self.known.as_ref()?, self.languages.as_ref()?))
    }

    /// Whether the latest load read an offer from this file.
    pub(super) fn has_offer_file(&self, path: &Path) -> bool {
        self.offers.files.contains_key(path)
    }

    /// Empty the cache unless it was made for these languages.
    pub(super) fn for_languages(&mut self, langs: &Languages) {
        if self.languages.as_ref() != Some(langs) {
            *self = LoadCache {
                languages: Some(langs.clone()),
                forget: self.forget,
                ..LoadCache::default()
            };
        }
    }

    /// Links now lead to `targets`; `fingerprint` sums up them and whatever
    /// else the link check depends on. Remembered answers go when it
    /// differs from the last load's.
    pub(super) fn links_lead_to(&mut self, targets: SitePaths, fingerprint: u64) {
        self.link_targets = targets;
        if self.links_fingerprint != fingerprint {
            self.links.clear();
            self.links_fingerprint = fingerprint;
        }
    }

    /// The link problems found in `state`'s text by an earlier load, when
    /// its text is still the same.
    pub(super) fn link_problems(&self, state: &FileState) -> Option<Vec<Problem>> {
        let text = state.source.as_ref()?;
        let answer = self.links.get(&state.rel)?;
        Arc::ptr_eq(&answer.source, text).then(|| answer.problems.clone())
    }

    pub(super) fn remember_link_problems(&mut self, state: &FileState, problems: &[Problem]) {
        if let Some(source) = state.source.as_ref().filter(|_| !self.forget) {
            self.links.insert(
                state.rel.clone(),
                LinkAnswer {
                    source: source.clone(),
                    problems: problems.to_vec(),
                },
            );
        }
    }

    /// Every file's diagnostics, in the files' order; a file whose text and
    /// problems are as in the previous load gets them from the cache rather
    /// than locating every problem again.
    pub(super) fn locate(&mut self, files: Vec<FileState>) -> Vec<Vec<Diagnostic>> {
        let previous = std::mem::take(&mut self.located);
        let forget = self.forget;
        struct Key {
            rel: String,
            source: Arc<Source>,
            problems: Vec<Problem>,
        }
        let located: Vec<(Option<Key>, Vec<Diagnostic>)> = files
            .into_par_iter()
            .map(|file| {
                // Without a key the file's text is dropped with its
                // diagnostics made, not kept for a next load.
                let key = file.source.clone().filter(|_| !forget).map(|source| Key {
                    rel: file.rel.clone(),
                    source,
                    problems: file.problems.clone(),
                });
                let reused = key.as_ref().and_then(|key| {
                    let then = previous.get(&key.rel)?;
                    (Arc::ptr_eq(&then.source, &key.source) && then.problems == key.problems)
                        .then(|| then.diagnostics.clone())
                });
                let diagnostics = reused.unwrap_or_else(|| locate::diagnostics(file));
                (key, diagnostics)
            })
            .collect();
        located
            .into_iter()
            .map(|(key, diagnostics)| {
                if let Some(key) = key
                    && !key.problems.is_empty()
                {
                    self.located.insert(
                        key.rel,
                        Located {
                            source: key.source,
                            problems: key.problems,
                            diagnostics: diagnostics.clone(),
                        },
                    );
                }
                diagnostics
            })
            .collect()
    }
}
