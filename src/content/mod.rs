//! Loading and validating the content tree into the model.
//!
//! Every file is read and checked on its own (in parallel), then the checks
//! that need the whole site run: references between records, duplicate ids,
//! media paths and links in Markdown. Problems are collected all the way and
//! only at the end turned into positioned diagnostics, so one run reports
//! every mistake. A site comes out only when there is no error.

pub mod app;
pub mod body_pictures;
pub mod codes;
pub mod config;
pub mod discount;
pub mod discover;
pub mod documents;
pub mod fields;
pub mod i18n;
pub mod items;
pub mod links;
pub mod locate;
pub mod problem;
pub mod references;
pub mod shapes;
pub mod slips;
pub mod source;
pub mod yaml;

use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use jiff::civil::Date;
use rayon::prelude::*;
use serde_yaml::Value;

use crate::diagnostics::{self, Diagnostic};
use crate::model::{Document, Offer, Partner, Site, Status, Theme, UiStrings};
use crate::theme;
use crate::urls::RESERVED_PAGE_IDS;
use links::SitePaths;

use discover::{Pending, discover};
use documents::DocumentPart;
use fields::Languages;
use items::{Extras, check_id};
use problem::{Loc, Problem};
use source::Source;
use yaml::YamlPath;

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

/// One file of the run: its text (when it could be read) and its problems.
#[derive(Debug, Default, Clone)]
pub struct FileState {
    pub rel: String,
    pub source: Option<Arc<Source>>,
    pub problems: Vec<Problem>,
}

impl FileState {
    fn new(rel: &str) -> Self {
        FileState {
            rel: rel.to_string(),
            ..FileState::default()
        }
    }

    /// Read a YAML file; a problem is recorded when it cannot be read.
    fn read_yaml(pending: &Pending) -> Self {
        let mut state = FileState::new(&pending.rel);
        match source::read_text(&pending.path) {
            Ok(text) => {
                state.source = Some(Arc::new(source::yaml_source(
                    pending.path.clone(),
                    pending.rel.clone(),
                    text,
                )))
            }
            Err(p) => state.problems.push(p),
        }
        state
    }

    /// Read a Markdown file; true when its front matter can be parsed.
    fn read_markdown(pending: &Pending) -> (Self, bool) {
        let mut state = FileState::new(&pending.rel);
        let mut ok = false;
        match source::read_text(&pending.path) {
            Ok(text) => {
                match source::markdown_source(pending.path.clone(), pending.rel.clone(), text) {
                    Ok(s) => {
                        state.source = Some(Arc::new(s));
                        ok = true;
                    }
                    Err(failed) => {
                        let (s, p) = *failed;
                        state.source = Some(Arc::new(s));
                        state.problems.push(p);
                    }
                }
            }
            Err(p) => state.problems.push(p),
        }
        (state, ok)
    }

    /// Read and parse the file's YAML part; problems are recorded (a
    /// syntax error as a positioned problem). Public for the fuzz targets.
    pub fn parse_yaml(&mut self) -> Option<Value> {
        let source = self.source.as_ref()?;
        match yaml::parse(source.yaml_text()) {
            Ok(v) => Some(v),
            Err(err) => {
                let line = err.line + source.yaml_line_offset;
                let tabbed = source
                    .text
                    .lines()
                    .nth(line.saturating_sub(1))
                    .is_some_and(|l| l.trim_start_matches(' ').starts_with('\t'));
                let duplicate = err
                    .message
                    .strip_prefix("duplicate entry with key \"")
                    .and_then(|k| k.strip_suffix('"'));
                let (line, column) = match duplicate {
                    // serde_yaml has no position for this one: find the
                    // second time the key starts a line.
                    Some(key) => source
                        .text
                        .lines()
                        .enumerate()
                        .filter(|(_, l)| {
                            l.trim_start()
                                .strip_prefix(key)
                                .is_some_and(|r| r.starts_with(':'))
                        })
                        .nth(1)
                        .map(|(i, l)| (i + 1, l.len() - l.trim_start().len() + 1))
                        .unwrap_or((line, err.column)),
                    None => (line, err.column),
                };
                let (message, hint) = if tabbed {
                    (
                        "a tab is used for indentation".to_string(),
                        "indent with spaces, not tabs".to_string(),
                    )
                } else {
                    (err.message.clone(), syntax_hint(&err.message).to_string())
                };
                // The parser notices a slip where the text stops making
                // sense, often lines later: report it where it is.
                let slip = match duplicate {
                    Some(_) => None,
                    // Without a position from the parser, look through the whole text.
                    None if err.line == 0 => slips::find(source.yaml_text(), usize::MAX),
                    None => slips::find(source.yaml_text(), err.line),
                };
                let (line, column, message, hint) = match slip {
                    Some(s) => (
                        s.line + source.yaml_line_offset,
                        s.column,
                        s.message,
                        s.hint,
                    ),
                    None => (line, column, message, hint),
                };
                self.problems.push(
                    Problem::error(
                        Loc::Text(line, column),
                        format!("YAML syntax error: {message}"),
                    )
                    .hint(hint),
                );
                None
            }
        }
    }
}

fn syntax_hint(message: &str) -> &'static str {
    if message.contains("tab") {
        "indent with spaces, not tabs"
    } else if message.contains("duplicate") {
        "each field may appear once; remove or rename the repeated one"
    } else if message.contains("recursion") || message.contains("repetition") {
        "the document nests or repeats too deeply; simplify it"
    } else {
        "check the indentation and quoting near this place (text containing `: ` or starting with a special character needs quotes)"
    }
}

/// A record read from its own file (a partner, an offer) with the index of
/// that file and what it refers to.
type Read<T> = (T, usize, Extras);

/// A record file after parsing: its state and, when its YAML parsed, the
/// record (if valid) and what it refers to.
type Parsed<T> = (FileState, Option<(Option<T>, Extras)>);

/// A file's diagnostics with the text and problems they were made from.
type Located = (Arc<Source>, Vec<Problem>, Vec<Diagnostic>);

/// What one record file's size and modification time were when it was
/// parsed.
type Stamp = (u64, Option<std::time::SystemTime>);

fn stamp(path: &Path) -> Option<Stamp> {
    let meta = std::fs::metadata(path).ok()?;
    Some((meta.len(), meta.modified().ok()))
}

/// Parse results of record files kept between loads, so that the preview
/// server's reload after a save re-reads only the files that changed.
/// Results depend on the configured languages, so a change of those
/// empties the cache.
#[derive(Debug, Default)]
pub struct LoadCache {
    languages: Option<(Vec<String>, bool)>,
    offers: HashMap<PathBuf, (Stamp, Parsed<Offer>)>,
    partners: HashMap<PathBuf, (Stamp, Parsed<Partner>)>,
    /// Link problems of a record file's Markdown, by file, for the text
    /// they were found in, valid while the site's paths are the same.
    links: HashMap<String, (Arc<Source>, Vec<Problem>)>,
    links_fingerprint: u64,
    /// Every site path the latest load let links lead to.
    link_targets: SitePaths,
    /// A file's diagnostics, for the text and problems they were made of.
    located: HashMap<String, Located>,
    /// How many record files the latest load had to parse.
    parsed: usize,
    /// Keep nothing (a one-off `build` or `check`): the kept copies of every
    /// parsed record and its text were a third of a load's peak memory.
    forget: bool,
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

    fn for_languages(&mut self, langs: &Languages) {
        let key = (langs.codes.clone(), langs.fallback);
        if self.languages.as_ref() != Some(&key) {
            *self = LoadCache {
                languages: Some(key),
                forget: self.forget,
                ..LoadCache::default()
            };
        }
    }
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
pub fn load_cached(root: &Path, options: &LoadOptions, cache: &mut LoadCache) -> Loaded {
    let mut run = Run::default();
    let Some(found) = discover(root, &mut run.extra) else {
        return run.finish(None);
    };

    // site.yaml first: its languages decide how every text is checked.
    let mut config = None;
    let mut langs = Languages {
        codes: Vec::new(),
        fallback: false,
    };
    match &found.site {
        Some(pending) => {
            let mut state = FileState::read_yaml(pending);
            if let Some(value) = state.parse_yaml() {
                langs = crate::content::config::languages(&value);
                config = crate::content::config::parse(&value, &mut state.problems);
            }
            run.files.push(state);
        }
        None => {
            let mut state = FileState::new("content/site.yaml");
            state.problems.push(
                Problem::error(Loc::File, "the site has no content/site.yaml")
                    .hint("create content/site.yaml with base_url, languages, title and description (see docs/content-model.md), or point --root at the site's directory"),
            );
            run.files.push(state);
        }
    }

    let (categories, categories_ids) = run.list(
        found.categories.as_ref(),
        "categories.yaml",
        &langs,
        items::category,
        |c| &c.id,
    );
    let (destinations, destinations_ids) = run.list(
        found.destinations.as_ref(),
        "destinations.yaml",
        &langs,
        items::destination,
        |d| &d.id,
    );
    let (branches, branches_ids) = run.list(
        found.branches.as_ref(),
        "branches.yaml",
        &langs,
        items::branch,
        |b| &b.id,
    );
    cache.for_languages(&langs);
    let keep = !cache.forget;
    let mut partners: Vec<Read<Partner>> = run.records(
        &found.partners,
        &langs,
        items::partner,
        &mut cache.partners,
        keep,
    );
    let mut offers: Vec<Read<Offer>> =
        run.records(&found.offers, &langs, items::offer, &mut cache.offers, keep);
    cache.parsed = run.parsed;
    partners.sort_by(|a, b| a.0.id.cmp(&b.0.id));
    offers.sort_by(|a, b| a.0.id.cmp(&b.0.id));
    let terms = run.documents(&found.terms, "term", "terms", &langs);
    let pages = run.documents(&found.pages, "page", "pages", &langs);

    let (theme, theme_diagnostics) = theme::load(root);
    run.extra.extend(theme_diagnostics);
    let ui = run.ui_strings(&theme, &langs);

    // Everything that exists, broken or not, so that one broken record
    // does not also make every reference and link to it an error.
    let ids = |pending: &[Pending]| pending.iter().map(|p| p.id.clone()).collect();
    let known = references::Known {
        languages: langs.codes.clone(),
        partners: ids(&found.partners),
        categories: categories_ids.into_iter().collect(),
        destinations: destinations_ids.into_iter().collect(),
        branches: branches_ids.into_iter().collect(),
        terms: ids(&found.terms),
        pages: ids(&found.pages),
        offers: {
            let drafts: std::collections::HashSet<&str> = offers
                .iter()
                .filter(|(o, _, _)| o.draft && !options.drafts)
                .map(|(o, _, _)| o.id.as_str())
                .collect();
            found
                .offers
                .iter()
                .filter(|p| !drafts.contains(p.id.as_str()))
                .map(|p| p.id.clone())
                .collect()
        },
        media: found.media.iter().map(|m| m.path.clone()).collect(),
        pictures: found
            .media
            .par_iter()
            .filter_map(|m| {
                let kind = crate::media::Kind::of_path(&m.path)?;
                Some((m.path.clone(), crate::media::probe::probe(&m.source, kind)))
            })
            .collect(),
        assets: theme.assets.iter().map(|a| a.path.clone()).collect(),
        listed: {
            let mut listed = references::Listed::default();
            for (o, _, _) in &offers {
                if (options.drafts || !o.draft) && o.status(options.now) == Status::Active {
                    listed.add(o);
                }
            }
            listed
        },
        page_size: config
            .as_ref()
            .map_or(crate::content::config::DEFAULT_PAGE_SIZE, |c| c.page_size),
    };
    let broken = std::mem::take(&mut run.broken);
    let records = || {
        partners
            .iter()
            .map(|(_, f, e)| (*f, e))
            .chain(offers.iter().map(|(_, f, e)| (*f, e)))
            .chain(broken.iter().map(|(f, e)| (*f, e)))
    };
    for (file, extras) in records() {
        references::check(&known, extras, &mut run.files[file].problems);
    }

    // Links in Markdown, against every path the build will write; a file
    // that did not change keeps its answer while the set of paths is the
    // same.
    cache.link_targets = references::site_paths(&known);
    let fingerprint =
        cache.link_targets.fingerprint() ^ body_pictures::fingerprint(&known.pictures);
    if cache.links_fingerprint != fingerprint {
        cache.links.clear();
        cache.links_fingerprint = fingerprint;
    }
    let paths = &cache.link_targets;
    let checked: Vec<(usize, Vec<Problem>)> = records()
        .collect::<Vec<_>>()
        .into_par_iter()
        .map(|(file, extras)| {
            let state = &run.files[file];
            let reuse = state.source.as_ref().and_then(|s| {
                let (source, problems) = cache.links.get(&state.rel)?;
                Arc::ptr_eq(source, s).then(|| problems.clone())
            });
            let problems = reuse.unwrap_or_else(|| {
                let mut problems = Vec::new();
                references::check_markdown_fields(&extras.markdown, paths, &mut problems);
                body_pictures::check_fields(&extras.markdown, &known.pictures, &mut problems);
                problems
            });
            (file, problems)
        })
        .collect();
    for (file, problems) in checked {
        let state = &mut run.files[file];
        if let Some(s) = state.source.as_ref().filter(|_| !cache.forget) {
            cache
                .links
                .insert(state.rel.clone(), (s.clone(), problems.clone()));
        }
        state.problems.extend(problems);
    }
    for doc in terms.iter().chain(pages.iter()) {
        for &file in &doc.files {
            let state = &mut run.files[file];
            if let Some(s) = &state.source {
                references::check_markdown_body(
                    s.body_text(),
                    s.body_line,
                    paths,
                    &mut state.problems,
                );
                body_pictures::check_body(
                    s.body_text(),
                    s.body_line,
                    &known.pictures,
                    &mut state.problems,
                );
            }
        }
    }

    offers.retain(|(o, _, _)| options.drafts || !o.draft);
    for (offer, file, _) in &offers {
        // An offer's lifecycle is expected, not a mistake: a note, so that
        // `--deny-warnings` does not fail on it.
        let note = match offer.status(options.now) {
            Status::Ended => Some(
                Problem::note(
                    Loc::Yaml(YamlPath::root().field("valid_until")),
                    format!(
                        "the offer ended on {}: its page says so and listings leave it out",
                        offer.valid_until
                    ),
                )
                .hint("extend valid_until if the offer still runs"),
            ),
            Status::Upcoming => Some(
                Problem::note(
                    Loc::Yaml(YamlPath::root().field("valid_from")),
                    format!(
                        "the offer starts on {}: its page says so and listings leave it out until then",
                        offer.valid_from
                    ),
                )
                .hint("move valid_from earlier if the offer already runs"),
            ),
            Status::Active => None,
        };
        run.files[*file].problems.extend(note);
    }
    let keep = |docs: Vec<Gathered>| -> Vec<Gathered> {
        docs.into_iter()
            .filter(|d| options.drafts || !d.draft)
            .collect()
    };
    let (terms, pages) = (keep(terms), keep(pages));

    let Some(config) = config else {
        return run.finish_cached(None, cache);
    };
    let site = Site {
        config,
        categories,
        destinations,
        branches,
        // Moved, not cloned: 10k offers' texts are most of the site.
        partners: partners.into_iter().map(|p| p.0).collect(),
        offers: offers.into_iter().map(|o| o.0).collect(),
        terms: terms.into_iter().map(|d| d.document).collect(),
        pages: pages.into_iter().map(|d| d.document).collect(),
        ui,
        theme,
        media: found.media,
        pictures: Default::default(),
        now: options.now,
    };

    run.finish_cached(Some(site), cache)
}

/// A document with its draft flag and the files it came from.
struct Gathered {
    document: Document,
    draft: bool,
    files: Vec<usize>,
}

#[derive(Default)]
struct Run {
    files: Vec<FileState>,
    /// Diagnostics that belong to no file read here (discovery, theme).
    extra: Vec<Diagnostic>,
    /// What records that failed to load refer to, by file.
    broken: Vec<(usize, Extras)>,
    /// Record files parsed (not taken from the cache).
    parsed: usize,
}

impl Run {
    fn push(&mut self, state: FileState) -> usize {
        self.files.push(state);
        self.files.len() - 1
    }

    /// A list file (`categories.yaml`, …): entries in the editor's order,
    /// with duplicate ids reported.
    fn list<T>(
        &mut self,
        pending: Option<&Pending>,
        what: &str,
        langs: &Languages,
        read: fn(&Value, YamlPath, &Languages, &mut Vec<Problem>) -> Option<T>,
        id_of: fn(&T) -> &String,
    ) -> (Vec<T>, Vec<String>) {
        let Some(pending) = pending else {
            let mut state = FileState::new(&format!("content/{what}"));
            state.problems.push(
                Problem::error(Loc::File, format!("the site has no content/{what}"))
                    .hint("create it as a YAML list, one `- id: …` entry per item (see docs/content-model.md)"),
            );
            self.push(state);
            return (Vec::new(), Vec::new());
        };
        let mut state = FileState::read_yaml(pending);
        let mut out: Vec<T> = Vec::new();
        let mut ids = Vec::new();
        if let Some(value) = state.parse_yaml() {
            let mut first_seen: BTreeMap<String, usize> = BTreeMap::new();
            for (i, entry) in items::list_entries(&value, what, &mut state.problems)
                .iter()
                .enumerate()
            {
                let path = YamlPath::root().index(i);
                // Entries that fail still name an id: references to it must
                // not add errors of their own.
                if let Some(Value::String(id)) = entry.get("id") {
                    ids.push(id.clone());
                }
                let Some(item) = read(entry, path.clone(), langs, &mut state.problems) else {
                    continue;
                };
                let id = id_of(&item).clone();
                if let Some(first) = first_seen.get(&id) {
                    state.problems.push(
                        Problem::error(Loc::Yaml(path.field("id")), format!("duplicate id `{id}`"))
                            .hint(format!(
                                "entry {} of this list already uses it; ids must be unique",
                                first + 1
                            )),
                    );
                    continue;
                }
                first_seen.insert(id, i);
                out.push(item);
            }
        }
        self.push(state);
        (out, ids)
    }

    /// One-record files (partners, offers), read in parallel; files whose
    /// size and modification time are as `cache` saw them are not re-read.
    fn records<T: Send + Sync + Clone>(
        &mut self,
        pending: &[Pending],
        langs: &Languages,
        read: fn(&str, &Value, &Languages, &mut Vec<Problem>, &mut Extras) -> Option<T>,
        cache: &mut HashMap<PathBuf, (Stamp, Parsed<T>)>,
        keep: bool,
    ) -> Vec<Read<T>> {
        let parse = |p: &Pending| -> Parsed<T> {
            let mut state = FileState::read_yaml(p);
            let id_ok = check_id(&p.id, Loc::File, &mut state.problems);
            let Some(value) = state.parse_yaml() else {
                return (state, None);
            };
            let mut extras = Extras::default();
            let item = read(&p.id, &value, langs, &mut state.problems, &mut extras);
            (state, Some((item.filter(|_| id_ok), extras)))
        };
        let seen_before: &HashMap<PathBuf, (Stamp, Parsed<T>)> = cache;
        let results: Vec<(Parsed<T>, Option<Stamp>, bool)> = pending
            .par_iter()
            .map(|p| {
                let now = if keep { stamp(&p.path) } else { None };
                match seen_before.get(&p.path) {
                    Some((then, parsed)) if Some(*then) == now => (parsed.clone(), now, false),
                    _ => (parse(p), now, true),
                }
            })
            .collect();
        let mut parsed_count = 0;
        let present: std::collections::HashSet<&PathBuf> =
            pending.iter().map(|p| &p.path).collect();
        cache.retain(|path, _| present.contains(path));
        let results: Vec<Parsed<T>> = pending
            .iter()
            .zip(results)
            .map(|(p, (parsed, now, fresh))| {
                if fresh {
                    parsed_count += 1;
                    if let Some(now) = now {
                        cache.insert(p.path.clone(), (now, parsed.clone()));
                    }
                }
                parsed
            })
            .collect();
        self.parsed += parsed_count;
        let mut out = Vec::new();
        let mut seen: BTreeMap<String, String> = BTreeMap::new();
        for (p, (mut state, read)) in pending.iter().zip(results) {
            let Some((item, extras)) = read else {
                self.push(state);
                continue;
            };
            // A broken record's references are still checked: all of a
            // file's mistakes are reported in one run.
            let Some(item) = item else {
                let file = self.push(state);
                self.broken.push((file, extras));
                continue;
            };
            if let Some(other) = seen.get(&p.id) {
                state.problems.push(
                    Problem::error(Loc::File, format!("duplicate id `{}`: {other} has the same id", p.id))
                        .hint("keep one of the two files (ids come from file names, whatever the extension)"),
                );
                self.push(state);
                continue;
            }
            seen.insert(p.id.clone(), state.rel.clone());
            let file = self.push(state);
            out.push((item, file, extras));
        }
        out
    }

    /// Markdown documents (terms, pages): one file per language.
    fn documents(
        &mut self,
        pending: &[Pending],
        kind: &str,
        dir: &str,
        langs: &Languages,
    ) -> Vec<Gathered> {
        let mut parts: Vec<DocumentPart> = Vec::new();
        for p in pending {
            let (mut state, front_matter_ok) = FileState::read_markdown(p);
            let mut id_ok = check_id(&p.id, Loc::File, &mut state.problems);
            // A free page lives at /<lang>/<id>/, beside the site's sections.
            if dir == "pages" && RESERVED_PAGE_IDS.contains(&p.id.as_str()) {
                state.problems.push(
                    Problem::error(
                        Loc::File,
                        format!(
                            "a page cannot be called `{}`: /<lang>/{}/ is a section of the site",
                            p.id, p.id
                        ),
                    )
                    .hint(format!(
                        "rename the file, e.g. pages/{}-info.{}.md",
                        p.id, p.lang
                    )),
                );
                id_ok = false;
            }
            let lang_ok = if langs.codes.is_empty() || langs.codes.contains(&p.lang) {
                true
            } else {
                state.problems.push(
                    Problem::error(
                        Loc::File,
                        if p.lang.is_empty() {
                            "the file name does not say its language".to_string()
                        } else {
                            format!("`{}` is not a language of the site", p.lang)
                        },
                    )
                    .hint(format!(
                        "name the file {dir}/<id>.<lang>.md with lang one of: {}",
                        langs.codes.join(", ")
                    )),
                );
                false
            };
            let value = if front_matter_ok {
                state.parse_yaml()
            } else {
                None
            };
            let body = state
                .source
                .as_ref()
                .map(|s| s.body_text().to_string())
                .unwrap_or_default();
            let file = self.files.len();
            if let Some(v) = value {
                let part = documents::part(&p.id, &p.lang, file, &v, &body, &mut state.problems);
                if let Some(part) = part.filter(|_| id_ok && lang_ok) {
                    parts.push(part);
                }
            }
            self.push(state);
        }
        let files_of = |id: &str, parts: &[DocumentPart]| {
            parts
                .iter()
                .filter(|p| p.id == id)
                .map(|p| p.file)
                .collect::<Vec<_>>()
        };
        let mut problems = Vec::new();
        let gathered = documents::gather(parts.clone(), kind, dir, langs, &mut problems);
        for (file, p) in problems {
            self.files[file].problems.push(p);
        }
        gathered
            .into_iter()
            .map(|(document, draft)| Gathered {
                files: files_of(&document.id, &parts),
                document,
                draft,
            })
            .collect()
    }

    /// The theme's UI strings for every configured language.
    fn ui_strings(&mut self, theme: &Theme, langs: &Languages) -> UiStrings {
        let mut ui = UiStrings::default();
        let mut files = BTreeMap::new();
        for file in &theme.i18n {
            let Some(lang) = file
                .path
                .strip_prefix("i18n/")
                .and_then(discover::yaml_stem)
            else {
                continue;
            };
            if !langs.codes.is_empty() && !langs.codes.iter().any(|c| c == lang) {
                continue;
            }
            let rel = format!("templates/{}", file.path);
            let mut state = FileState::new(&rel);
            match String::from_utf8(file.bytes.clone()) {
                Ok(text) => {
                    let text = text
                        .strip_prefix('\u{feff}')
                        .map(str::to_string)
                        .unwrap_or(text);
                    state.source = Some(Arc::new(source::yaml_source(
                        file.path.clone().into(),
                        rel.clone(),
                        text,
                    )));
                }
                Err(_) => state.problems.push(
                    Problem::error(Loc::File, "the file is not valid UTF-8 text")
                        .hint("save the file as UTF-8"),
                ),
            }
            if let Some(value) = state.parse_yaml() {
                let strings = i18n::strings(&value, &mut state.problems);
                ui.0.insert(lang.to_string(), strings);
            }
            files.insert(lang.to_string(), self.push(state));
        }
        for lang in &langs.codes {
            if !files.contains_key(lang) {
                let mut state = FileState::new(&format!("templates/i18n/{lang}.yaml"));
                state.problems.push(
                    Problem::error(Loc::File, format!("the theme has no UI strings for `{lang}`"))
                        .hint(format!("create templates/i18n/{lang}.yaml with the same keys as the other languages' files")),
                );
                self.push(state);
            }
        }
        let mut problems = Vec::new();
        i18n::complete(&ui, &langs.codes, &files, &mut problems);
        for (file, p) in problems {
            self.files[file].problems.push(p);
        }
        ui
    }

    fn finish(self, site: Option<Site>) -> Loaded {
        self.finish_cached(site, &mut LoadCache::default())
    }

    /// Turn problems into diagnostics; a file whose text and problems are
    /// as in the previous load gets its diagnostics from `cache` rather than
    /// locating every problem again.
    fn finish_cached(self, site: Option<Site>, cache: &mut LoadCache) -> Loaded {
        let mut all: Vec<Diagnostic> = self.extra;
        let previous = std::mem::take(&mut cache.located);
        type Key = (String, Arc<Source>, Vec<Problem>);
        let forget = cache.forget;
        let located: Vec<(Option<Key>, Vec<Diagnostic>)> = self
            .files
            .into_par_iter()
            .map(|file| {
                let key = file
                    .source
                    .clone()
                    .filter(|_| !forget)
                    .map(|s| (file.rel.clone(), s, file.problems.clone()));
                let reused = key.as_ref().and_then(|(rel, s, problems)| {
                    let (then_source, then_problems, diagnostics) = previous.get(rel)?;
                    (Arc::ptr_eq(then_source, s) && then_problems == problems)
                        .then(|| diagnostics.clone())
                });
                let diagnostics = reused.unwrap_or_else(|| locate::diagnostics(file));
                (key, diagnostics)
            })
            .collect();
        for (key, diagnostics) in located {
            if let Some((rel, source, problems)) = key
                && !problems.is_empty()
            {
                cache
                    .located
                    .insert(rel, (source, problems, diagnostics.clone()));
            }
            all.extend(diagnostics);
        }
        diagnostics::sort(&mut all);
        let failed = all.iter().any(Diagnostic::is_error);
        Loaded {
            site: if failed { None } else { site },
            diagnostics: all,
        }
    }
}
