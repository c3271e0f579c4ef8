//! The full-text search index: one Pagefind bundle under `/pagefind/` for
//! every language, built in process from the model (no HTML re-parsing, no
//! external binary) and written through the render sink like every other
//! file.
//!
//! Only active offers are records, so ended, upcoming and draft offers are
//! never found. Each record carries the offer's texts in its page language
//! plus *aliases*: the partner's, destinations' and category's names in the
//! other languages and their ids as words. That is what makes mixed queries
//! ("Macy's 纽约") work, and it works around Pagefind's Chinese segmentation
//! (index-time ICU/jieba words vs. an unsegmented query, Pagefind #1237):
//! every Chinese name is also indexed as its own unbroken word, so a query
//! that is exactly a name, or its prefix, finds it. The search page's script
//! splits Chinese queries the same way (see `templates/assets/search.js`).

use std::collections::{BTreeMap, HashMap, HashSet};
use std::sync::Mutex;

use super::index::Index;
use super::lang::LangData;
use crate::diagnostics::Diagnostic;
use crate::model::Text;
use crate::output::{Content, OutputFile};
use crate::urls::BUNDLE_DIR;

/// The bundle's entry file, which names each language's current chunks.
const ENTRY: &str = "pagefind-entry.json";

/// Files of the Pagefind bundle that the search page does not load (the
/// stock UIs and the highlighter): the site ships its own small UI.
const UNUSED: &[&str] = &[
    "pagefind-ui.js",
    "pagefind-ui.css",
    "pagefind-modular-ui.js",
    "pagefind-modular-ui.css",
    "pagefind-component-ui.js",
    "pagefind-component-ui.css",
    "pagefind-highlight.js",
];

/// One search record: what Pagefind indexes for one offer in one language.
#[derive(Debug, Clone, PartialEq)]
pub struct Record {
    pub url: String,
    /// The page's language code, Pagefind's index language.
    pub language: String,
    pub content: String,
    pub meta: BTreeMap<String, String>,
    pub filters: BTreeMap<String, Vec<String>>,
}

/// The records of every active offer in every language, in a stable order
/// (language, then offers newest first).
pub fn records(index: &Index, langs: &[LangData]) -> Vec<Record> {
    langs
        .iter()
        .flat_map(|d| language_records(index, d))
        .collect()
}

/// One language's records. The Markdown body is left out: the queries
/// tourists type are names, places and kinds of offer, which the title,
/// summary, names and aliases carry, and the body was three quarters of
/// every record (indexing time and each result's download).
pub fn language_records(index: &Index, data: &LangData) -> Vec<Record> {
    each_language_record(index, data).collect()
}

/// One language's records, each made when it is asked for.
fn each_language_record<'a>(
    index: &'a Index,
    data: &'a LangData,
) -> impl Iterator<Item = Record> + 'a {
    let site = index.site;
    let code = data.lang.code.as_str();
    // `build --drafts` previews drafts as pages, but search never finds them.
    let searchable = index.active.iter().filter(|&&i| !site.offers[i].draft);
    searchable.map(move |&i| {
        let offer = &site.offers[i];
        let card = &data.cards[i];
        let mut content: Vec<&str> = vec![card.title.text, card.summary.text];
        content.push(&card.discount.label);
        content.push(card.partner.name.text);
        content.push(card.category.name.text);
        content.extend(card.destinations.iter().map(|d| d.name.text));
        // The title in every language: brand and hotel names are often
        // typed in English on the Chinese page ("Waikiki").
        let mut aliases: Vec<String> = offer
            .title
            .0
            .iter()
            .filter(|(lang, _)| lang.as_str() != code)
            .map(|(_, t)| t.text.clone())
            .collect();
        if let Some(p) = index.partners.get(offer.partner.as_str()) {
            aliases.extend(names(&p.name));
        }
        if let Some(c) = index.categories.get(offer.category.as_str()) {
            aliases.extend(names(&c.name));
        }
        for d in &offer.destinations {
            if let Some(d) = index.destinations.get(d.as_str()) {
                aliases.extend(names(&d.name));
            }
        }
        aliases.extend(id_words(&offer.partner));
        for d in &offer.destinations {
            aliases.extend(id_words(d));
        }
        // Only what the record does not say already: a name in the page's
        // language is in the content, and an id as words is mostly a name
        // in lower case (Pagefind ignores case). Each repeat cost indexing
        // time and every result's download.
        let mut said: HashSet<String> = content.iter().map(|c| c.to_lowercase()).collect();
        aliases.sort();
        aliases.retain(|a| said.insert(a.to_lowercase()));
        let mut text = content.join("\n");
        text.push('\n');
        text.push_str(&aliases.join(" "));

        let destinations: Vec<String> = card
            .destinations
            .iter()
            .map(|d| d.name.text.to_string())
            .collect();
        let mut meta = BTreeMap::new();
        meta.insert("title".to_string(), card.title.text.to_string());
        meta.insert("discount".to_string(), card.discount.label.clone());
        meta.insert("partner".to_string(), card.partner.name.text.to_string());
        meta.insert("category".to_string(), card.category.name.text.to_string());
        meta.insert(
            "destination".to_string(),
            destinations.join(&ui_separator(index, code)),
        );
        let mut filters = BTreeMap::new();
        filters.insert(
            "category".to_string(),
            vec![card.category.name.text.to_string()],
        );
        filters.insert(
            "partner".to_string(),
            vec![card.partner.name.text.to_string()],
        );
        filters.insert("destination".to_string(), destinations);
        Record {
            url: card.url.clone(),
            language: code.to_string(),
            content: text,
            meta,
            filters,
        }
    })
}

/// A short hash of records: what the index built from them is known by, for
/// the in-process cache and as Pagefind's `metaCacheTag` (the search page
/// asks for `pagefind-entry.json?ts=<tag>`, which caches and the offline
/// worker can keep: it changes exactly when the index can).
///
/// The records are hashed as they are read, not first copied into one
/// buffer as large as all their text: a build made that buffer while the
/// app's files and the first language's index were at their largest. The
/// search page hashes them as they are made, never holding a language's
/// records at once.
pub fn records_key<R: std::borrow::Borrow<Record>>(records: impl IntoIterator<Item = R>) -> String {
    use sha2::Digest;
    let mut sha = sha2::Sha256::new();
    let mut put = |s: &str| {
        sha.update((s.len() as u64).to_le_bytes());
        sha.update(s.as_bytes());
    };
    for r in records {
        let r = r.borrow();
        put(&r.url);
        put(&r.language);
        put(&r.content);
        for (k, v) in &r.meta {
            put(k);
            put(v);
        }
        put("\u{0}filters");
        for (k, vs) in &r.filters {
            put(k);
            for v in vs {
                put(v);
            }
            put("\u{0}");
        }
    }
    crate::fingerprint::hex(&sha.finalize()[..8])
}

/// A name in every language, each also with its spaces and apostrophes
/// removed ("Macy's" → "Macys", "New York" → "NewYork") so either spelling
/// of a query matches.
fn names(text: &Text) -> Vec<String> {
    let mut out = Vec::new();
    for local in text.0.values() {
        let name = local.text.trim();
        out.push(name.to_string());
        let squashed: String = name
            .chars()
            .filter(|c| !c.is_whitespace() && !matches!(c, '\'' | '’' | '-' | '.'))
            .collect();
        if squashed != name {
            out.push(squashed);
        }
    }
    out
}

/// An id as words: `new-york` → `new york`.
fn id_words(id: &str) -> Vec<String> {
    vec![id.replace('-', " ")]
}

fn ui_separator(index: &Index, lang: &str) -> String {
    index
        .site
        .ui
        .get(lang, "list_separator")
        .unwrap_or(", ")
        .to_string()
}

/// The Pagefind bundle's files for the site's active offers, paths under
/// [`BUNDLE_DIR`].
pub fn files(index: &Index, langs: &[LangData]) -> Result<Vec<OutputFile>, Diagnostic> {
    bundle(records(index, langs))
}

/// The last bundle built per language in this process, by [`records_key`]:
/// `serve` rebuilds the site on every edit, and most edits (a template, a
/// page, an ended offer's text) leave the records as they were.
static BUILT: Mutex<BTreeMap<String, (String, Vec<OutputFile>)>> = Mutex::new(BTreeMap::new());

/// Empties the in-process cache of built indexes (for tests that index the
/// same records twice).
#[doc(hidden)]
pub fn forget_built() {
    if let Ok(mut built) = BUILT.lock() {
        built.clear();
    }
}

/// Builds the bundle from records: one Pagefind index per language, each on
/// a thread of its own (Pagefind indexes a language's records one at a
/// time behind one lock, and compresses its chunks on one thread), merged
/// into one bundle with one `pagefind-entry.json` listing every language.
/// Pagefind's service is async; each index runs on a runtime of its own,
/// so this works from any caller (a `build`, or `serve`'s rebuild thread
/// inside its server runtime). The bundles are kept for the next call
/// ([`BUILT`]).
pub fn bundle(records: Vec<Record>) -> Result<Vec<OutputFile>, Diagnostic> {
    let mut by_lang: BTreeMap<String, Vec<Record>> = BTreeMap::new();
    for r in records {
        by_lang.entry(r.language.clone()).or_default().push(r);
    }
    let mut merger = Merger::default();
    let mut files = Vec::new();
    each_on_a_thread(
        by_lang
            .into_iter()
            .map(|(lang, rs)| move || language_bundle(&lang, rs, Keep::Yes)),
        |part| {
            files.extend(merger.add(part?)?);
            Ok::<(), Diagnostic>(())
        },
    )?;
    files.extend(merger.finish()?);
    files.sort_by(|a, b| a.path.cmp(&b.path));
    Ok(files)
}

/// Runs each job on a thread of its own and hands their results to `take`
/// in the jobs' order, each as soon as it and those before it are done (a
/// language's files are written while the next is still indexed); a job
/// that panicked counts as a failed index. Stops at `take`'s first error.
fn each_on_a_thread<T: Send, F, E>(
    jobs: impl Iterator<Item = F>,
    mut take: impl FnMut(Result<T, Diagnostic>) -> Result<(), E>,
) -> Result<(), E>
where
    F: FnOnce() -> Result<T, Diagnostic> + Send,
{
    std::thread::scope(|s| {
        let (done, results) = std::sync::mpsc::channel();
        for (i, job) in jobs.enumerate() {
            let done = done.clone();
            s.spawn(move || {
                let result = std::panic::catch_unwind(std::panic::AssertUnwindSafe(job))
                    .unwrap_or_else(|_| Err(failed("the indexer stopped unexpectedly".into())));
                // The receiver is gone only after `take` failed.
                let _ = done.send((i, result));
            });
        }
        drop(done);
        let mut waiting = BTreeMap::new();
        let mut next = 0;
        for (i, result) in results {
            waiting.insert(i, result);
            while let Some(result) = waiting.remove(&next) {
                take(result)?;
                next += 1;
            }
        }
        Ok(())
    })
}

/// Whether a language's bundle stays in [`BUILT`] for the next render in
/// this process: `serve` renders again on every edit, a `build` or `check`
/// never does (and at 100,000 offers a bundle is hundreds of megabytes).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Keep {
    Yes,
    No,
}

/// Above this many active offers the languages are indexed one after the
/// other rather than each on a thread of its own: Pagefind's state for a
/// language grows with its records (about 1 GB at 80,000), and two at once
/// would double the build's peak memory; below it, both cores' worth of
/// indexing keeps the index off the build's critical path.
pub const CONCURRENT_UP_TO: usize = 20_000;

/// The bundle of the site's active offers, handed to `deliver` language by
/// language in code order (the files that are new to the bundle), and the
/// merged `pagefind-entry.json` last: the bundle [`bundle`] makes, byte for
/// byte. Each language's records are made and indexed, its Pagefind state
/// dropped and its files delivered before the next language starts, or,
/// for a catalog of at most [`CONCURRENT_UP_TO`] active offers, all
/// languages at once on threads of their own.
pub fn deliver_each(
    index: &Index,
    langs: &[LangData],
    keep: Keep,
    mut deliver: impl FnMut(Vec<OutputFile>) -> Result<(), Vec<Diagnostic>>,
) -> Result<(), Vec<Diagnostic>> {
    let mut order: Vec<&LangData> = langs.iter().collect();
    order.sort_by(|a, b| a.lang.code.cmp(&b.lang.code));
    let build = |data: &LangData| -> Result<Option<Vec<OutputFile>>, Diagnostic> {
        if keep == Keep::No {
            // Nothing is kept to compare the records with next time, so
            // they are made as Pagefind takes them, never all at once
            // (0.17 GB a language at 100,000 offers). Their URLs are the
            // offers' pages, each once.
            let mut records = each_language_record(index, data).peekable();
            if records.peek().is_none() {
                return Ok(None);
            }
            return on_runtime(index_records(records)).map(Some);
        }
        let records = language_records(index, data);
        if records.is_empty() {
            return Ok(None);
        }
        language_bundle(&data.lang.code, records, keep).map(Some)
    };
    let mut merger = Merger::default();
    let mut add = |part: Result<Option<Vec<OutputFile>>, Diagnostic>| match part {
        Ok(Some(files)) => deliver(merger.add(files).map_err(|d| vec![d])?),
        Ok(None) => Ok(()),
        Err(d) => Err(vec![d]),
    };
    // Pagefind compresses its files on rayon's pool. On the global one,
    // busy with the pages, those steps would wait for every page to be
    // rendered (its workers take their own queued pages first) and the
    // index would be finished and written alone at the end; on a pool of
    // its own the system shares the cores between index and pages.
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(rayon::current_num_threads())
        .thread_name(|i| format!("offersite-search-{i}"))
        .build()
        .ok();
    let build = |data: &LangData| match &pool {
        Some(pool) => pool.install(|| build(data)),
        None => build(data),
    };
    if index.active.len() <= CONCURRENT_UP_TO {
        each_on_a_thread(order.iter().map(|&data| move || build(data)), &mut add)?;
    } else {
        for data in order {
            add(build(data))?;
        }
    }
    deliver(merger.finish().map_err(|d| vec![d])?.into_iter().collect())
}

/// One language's bundle files (with its own entry file), from [`BUILT`]
/// when its records are the ones last indexed.
fn language_bundle(
    lang: &str,
    records: Vec<Record>,
    keep: Keep,
) -> Result<Vec<OutputFile>, Diagnostic> {
    let key = records_key(&records);
    let cached = BUILT.lock().ok().and_then(|b| {
        b.get(lang)
            .filter(|(k, _)| *k == key)
            .map(|(_, f)| f.clone())
    });
    let files = match cached {
        Some(files) => files,
        None => on_runtime(index_records(once_per_url(records).into_iter()))?,
    };
    if keep == Keep::Yes
        && let Ok(mut built) = BUILT.lock()
    {
        built.insert(lang.to_string(), (key, files.clone()));
    }
    Ok(files)
}

/// Runs one of Pagefind's futures to its end on a runtime of its own.
fn on_runtime<T>(
    future: impl std::future::Future<Output = Result<T, Diagnostic>>,
) -> Result<T, Diagnostic> {
    tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .map_err(|e| failed(e.to_string()))?
        .block_on(future)
}

/// One bundle from per-language bundles, added one language at a time:
/// their chunks have language-named files, the scripts and WebAssembly are
/// the same bytes in each (the first language's are kept), and the entry
/// files' language lists are joined into one entry file, made at the end.
#[derive(Default)]
struct Merger {
    seen: HashSet<String>,
    entry: Option<serde_json::Value>,
    entry_languages: serde_json::Map<String, serde_json::Value>,
}

impl Merger {
    /// The files of one more language that the bundle does not have yet,
    /// without its entry file.
    fn add(&mut self, files: Vec<OutputFile>) -> Result<Vec<OutputFile>, Diagnostic> {
        let entry_path = format!("{BUNDLE_DIR}/{ENTRY}");
        let mut new = Vec::with_capacity(files.len());
        for file in files {
            if file.path == entry_path {
                let Content::Bytes(bytes) = &file.content else {
                    continue;
                };
                let mut value: serde_json::Value =
                    serde_json::from_slice(bytes).map_err(|e| failed(e.to_string()))?;
                if let Some(serde_json::Value::Object(langs)) = value.get_mut("languages") {
                    self.entry_languages.append(langs);
                }
                self.entry.get_or_insert(value);
            } else if self.seen.insert(file.path.clone()) {
                new.push(file);
            }
        }
        Ok(new)
    }

    /// The entry file listing every language added (none if none was).
    fn finish(self) -> Result<Option<OutputFile>, Diagnostic> {
        let Some(mut entry) = self.entry else {
            return Ok(None);
        };
        let entry_path = format!("{BUNDLE_DIR}/{ENTRY}");
        let mut sorted: Vec<(String, serde_json::Value)> =
            self.entry_languages.into_iter().collect();
        sorted.sort_by(|a, b| a.0.cmp(&b.0));
        entry["languages"] = serde_json::Value::Object(sorted.into_iter().collect());
        let bytes = serde_json::to_vec(&entry).map_err(|e| failed(e.to_string()))?;
        Ok(Some(OutputFile::bytes(entry_path, bytes)))
    }
}

async fn index_records(
    records: impl Iterator<Item = Record>,
) -> Result<Vec<OutputFile>, Diagnostic> {
    index_into(index_with(true)?, records).await
}

/// The bundle of `index` with the records added.
async fn index_into(
    mut index: pagefind::api::PagefindIndex,
    records: impl Iterator<Item = Record>,
) -> Result<Vec<OutputFile>, Diagnostic> {
    let started = std::time::Instant::now();
    for r in records {
        index
            .add_custom_record(
                r.url,
                r.content,
                r.language,
                Some(r.meta),
                Some(r.filters),
                None,
            )
            .await
            .map_err(|e| failed(e.to_string()))?;
    }
    crate::timings::stage_time("render: search: records added (a language)", started);
    let files = finish(index).await;
    crate::timings::stage_time("render: search: index built (a language)", started);
    files
}

/// The records with each URL once, where it first came, holding the text it
/// came with last: Pagefind's rule for a page added again, which an index
/// that folds each record in as it is added (`index_as_added`, the memory
/// of a 100,000-offer build) can no longer apply itself.
fn once_per_url(mut records: Vec<Record>) -> Vec<Record> {
    let mut first: HashMap<String, usize> = HashMap::with_capacity(records.len());
    let mut repeats = Vec::new();
    for (i, r) in records.iter().enumerate() {
        if let Some(&at) = first.get(&r.url) {
            repeats.push((at, i));
        } else {
            first.insert(r.url.clone(), i);
        }
    }
    if repeats.is_empty() {
        return records;
    }
    for &(at, i) in &repeats {
        records.swap(at, i);
    }
    let dropped: HashSet<usize> = repeats.into_iter().map(|(_, i)| i).collect();
    records
        .into_iter()
        .enumerate()
        .filter(|(i, _)| !dropped.contains(i))
        .map(|(_, r)| r)
        .collect()
}

/// An empty index; `as_added`: whether it folds each record in as it is
/// added (the patch's `index_as_added`) or builds from all at the end.
fn index_with(as_added: bool) -> Result<pagefind::api::PagefindIndex, Diagnostic> {
    let options = pagefind::options::PagefindServiceConfig::builder()
        .keep_index_url(false)
        .index_as_added(as_added)
        .build();
    pagefind::api::PagefindIndex::new(Some(options)).map_err(|e| failed(e.to_string()))
}

/// The bundle's files, sorted by path, the unused ones left out.
async fn finish(mut index: pagefind::api::PagefindIndex) -> Result<Vec<OutputFile>, Diagnostic> {
    let files = index.get_files().await.map_err(|e| failed(e.to_string()))?;
    // Its state (every record's fragment, the word index) is as big as
    // the files: gone before they are sorted and handed on.
    drop(index);
    let mut out: Vec<OutputFile> = files
        .into_iter()
        .filter_map(|f| {
            let name = bundle_path(&f.filename)?;
            (!UNUSED.contains(&name.as_str()))
                .then(|| OutputFile::bytes(format!("{BUNDLE_DIR}/{name}"), f.contents))
        })
        .collect();
    out.sort_by(|a, b| a.path.cmp(&b.path));
    Ok(out)
}

/// A synthetic file's path inside the bundle: Pagefind prefixes its own
/// default output directory, which is not where the site puts it.
fn bundle_path(filename: &std::path::Path) -> Option<String> {
    let parts: Vec<String> = filename
        .components()
        .filter_map(|c| match c {
            std::path::Component::Normal(p) => Some(p.to_string_lossy().into_owned()),
            _ => None,
        })
        .collect();
    let start = parts
        .iter()
        .rposition(|p| p == BUNDLE_DIR)
        .map_or(0, |i| i + 1);
    let rest = &parts[start..];
    (!rest.is_empty()).then(|| rest.join("/"))
}

/// Runs `f` on a site's index and per-language data, built as a render
/// builds them (for the test and benchmark entry points below).
fn with_langs<T>(
    site: &crate::model::Site,
    f: impl FnOnce(&Index, &[LangData]) -> T,
) -> Result<T, Vec<Diagnostic>> {
    let index = Index::new(site);
    let engine = super::engine::Engine::new(site, &index.assets)?;
    let langs: Vec<LangData> = site
        .config
        .languages
        .iter()
        .map(|l| LangData::new(l, &index, &engine, false))
        .collect();
    Ok(f(&index, &langs))
}

/// The records of a site, as a render indexes them (for tests).
#[doc(hidden)]
pub fn records_for_site(site: &crate::model::Site) -> Result<Vec<Record>, Vec<Diagnostic>> {
    with_langs(site, records)
}

/// The bundle from the model, as a render builds it, and how long the
/// indexing itself took (records and Pagefind, not the cards they are made
/// from, which every render builds anyway; the benchmark reports it).
pub fn site_files(
    site: &crate::model::Site,
) -> Result<(Vec<OutputFile>, std::time::Duration), Vec<Diagnostic>> {
    with_langs(site, |index, langs| {
        let started = std::time::Instant::now();
        let files = files(index, langs).map_err(|d| vec![d])?;
        Ok((files, started.elapsed()))
    })?
}

/// The bundle built by parsing rendered HTML pages instead of the model
/// (Pagefind's usual way), for the benchmark that compares the two.
#[doc(hidden)]
pub fn bundle_from_html(pages: Vec<(String, String)>) -> Result<Vec<OutputFile>, Diagnostic> {
    std::thread::scope(|s| {
        s.spawn(move || {
            on_runtime(async move {
                let mut index = index_with(true)?;
                for (url, html) in pages {
                    index
                        .add_html_file(None, Some(url), html)
                        .await
                        .map_err(|e| failed(e.to_string()))?;
                }
                finish(index).await
            })
        })
        .join()
        .unwrap_or_else(|_| Err(failed("the indexer stopped unexpectedly".into())))
    })
}

/// What the search page shows besides the form: where the bundle and the
/// page's script are, and, for readers without JavaScript, every category
/// and destination to browse instead.
pub fn page_context(context: &mut tera::Context, data: &LangData, index: &Index) {
    let site = index.site;
    let lang = data.lang.code.as_str();
    context.insert(
        "search",
        &serde_json::json!({
            "bundle": index.urls.rel(&format!("/{BUNDLE_DIR}/")),
            "script": index.assets.link("search.js", &index.urls),
            "tag": records_key(each_language_record(index, data)),
        }),
    );
    let categories: Vec<_> = site
        .categories
        .iter()
        .map(|c| index.category_link(&c.id, lang))
        .collect();
    context.insert("categories", &categories);
    let destinations: Vec<_> = site
        .destinations
        .iter()
        .map(|d| index.destination_link(&d.id, lang))
        .collect();
    context.insert("destinations", &destinations);
    context.insert("search_words", &known_words(index).join(" "));
}

/// The words of every partner, destination and category name (Latin
/// script, lower case, four letters or more), for the search page's
/// one-typo correction: Pagefind itself matches prefixes, not typos.
pub fn known_words(index: &Index) -> Vec<String> {
    let site = index.site;
    let texts = site
        .partners
        .iter()
        .map(|p| &p.name)
        .chain(site.destinations.iter().map(|d| &d.name))
        .chain(site.categories.iter().map(|c| &c.name));
    let mut words: Vec<String> = texts
        .flat_map(|t| t.0.values())
        .flat_map(|local| {
            local
                .text
                .split(|c: char| !c.is_alphanumeric() && c != '\'' && c != '’')
                .map(|w| {
                    w.chars()
                        .filter(|c| c.is_alphanumeric())
                        .collect::<String>()
                        .to_lowercase()
                })
                .collect::<Vec<_>>()
        })
        .filter(|w| w.chars().count() >= 4 && w.chars().all(|c| c.is_ascii_alphanumeric()))
        .collect();
    words.sort();
    words.dedup();
    words
}

pub(super) fn failed(message: String) -> Diagnostic {
    Diagnostic::error(
        "search",
        format!("cannot build the search index: {message}"),
    )
    .hint("this is a bug in offersite's search indexing; please report it")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bundle_paths_drop_pagefinds_own_directory() {
        use std::path::Path;
        assert_eq!(
            bundle_path(Path::new("/x/pagefind/fragment/zh_1.pf_fragment")).as_deref(),
            Some("fragment/zh_1.pf_fragment")
        );
        assert_eq!(
            bundle_path(Path::new("pagefind.js")).as_deref(),
            Some("pagefind.js")
        );
    }

    /// Upstream Pagefind's rule for a record added again under its URL,
    /// which the vendored patch's URL map must keep: the new text replaces
    /// the old one in place.
    #[test]
    fn a_record_added_again_under_its_url_replaces_the_first() {
        let record = |url: &str, content: &str| Record {
            url: url.into(),
            language: "en".into(),
            content: content.into(),
            meta: BTreeMap::from([("title".to_string(), content.to_string())]),
            filters: BTreeMap::new(),
        };
        let files = |records: Vec<Record>| language_bundle("en", records, Keep::No).unwrap();
        let replaced = files(vec![
            record("/en/offers/a/", "alpha"),
            record("/en/offers/b/", "beta"),
            record("/en/offers/a/", "gamma"),
        ]);
        assert_eq!(
            replaced,
            files(vec![
                record("/en/offers/a/", "gamma"),
                record("/en/offers/b/", "beta"),
            ])
        );
        assert_ne!(
            replaced,
            files(vec![
                record("/en/offers/a/", "alpha"),
                record("/en/offers/b/", "beta"),
            ])
        );
    }

    /// The vendored patch's `index_as_added` folds each record into its
    /// index as it comes (the memory of a 100,000-offer build); the bundle
    /// must be the one Pagefind builds from all records at the end, also
    /// when records differ in their meta fields (numbered per record until
    /// the end) and in their words' accents (variants merged in order).
    #[test]
    fn an_index_built_as_records_are_added_is_the_one_built_at_the_end() {
        let records: Vec<Record> = (0..40)
            .map(|i| {
                let mut meta = BTreeMap::from([("title".to_string(), format!("Café {i}"))]);
                if i % 3 == 0 {
                    meta.insert("discount".into(), format!("{i}% off"));
                }
                if i % 7 == 0 {
                    meta.insert("area".into(), "Zürich".into());
                }
                Record {
                    url: format!("/en/offers/o{i}/"),
                    language: "en".into(),
                    content: format!("Cafe café résumé resume offer {i} at Zürich and Zurich"),
                    meta,
                    filters: BTreeMap::from([("n".to_string(), vec![format!("{}", i % 4)])]),
                }
            })
            .collect();
        let bundle = |as_added: bool| {
            on_runtime(async {
                index_into(index_with(as_added)?, records.clone().into_iter()).await
            })
            .unwrap()
        };
        let at_the_end = bundle(false);
        assert!(at_the_end.len() > 40, "{} files", at_the_end.len());
        assert_eq!(bundle(true), at_the_end);
    }

    #[test]
    fn names_are_also_indexed_without_spaces_and_apostrophes() {
        let mut t = Text::default();
        for (lang, s) in [("en", "Macy's"), ("zh", "梅西百货")] {
            t.0.insert(
                lang.into(),
                crate::model::LocalText {
                    text: s.into(),
                    lang: lang.into(),
                    fallback: false,
                },
            );
        }
        assert_eq!(names(&t), vec!["Macy's", "Macys", "梅西百货"]);
    }

    /// Languages are delivered in their order however their indexes finish,
    /// each as soon as those before it are in, and a failed one stops the
    /// delivery.
    #[test]
    fn indexes_are_taken_in_order_as_they_finish() {
        use std::sync::mpsc;
        use std::time::Duration;
        // The first job waits until the second has finished.
        let (second_done, wait_for_second) = mpsc::channel::<()>();
        let jobs: Vec<Box<dyn FnOnce() -> Result<u32, Diagnostic> + Send>> = vec![
            Box::new(move || {
                wait_for_second
                    .recv_timeout(Duration::from_secs(10))
                    .unwrap();
                Ok(1)
            }),
            Box::new(move || {
                second_done.send(()).unwrap();
                Ok(2)
            }),
            Box::new(|| Ok(3)),
        ];
        let mut taken = Vec::new();
        let done: Result<(), ()> = super::each_on_a_thread(jobs.into_iter(), |r| {
            taken.push(r.unwrap());
            Ok(())
        });
        assert_eq!((done, taken), (Ok(()), vec![1, 2, 3]));

        let jobs: Vec<Box<dyn FnOnce() -> Result<u32, Diagnostic> + Send>> = vec![
            Box::new(|| Ok(1)),
            Box::new(|| panic!("indexer bug")),
            Box::new(|| Ok(3)),
        ];
        let mut taken = Vec::new();
        let done = super::each_on_a_thread(jobs.into_iter(), |r| {
            taken.push(r.map_err(|d| d.message)?);
            Ok::<(), String>(())
        });
        assert_eq!(taken, vec![1]);
        assert!(done.unwrap_err().contains("stopped unexpectedly"));
    }
}
