//! The one test helper: a site to test, told as a story.
//!
//! A [`SiteTest`] starts from a site — a fixture under `tests/fixtures/`
//! copied to a scratch directory, a broken case laid over the valid
//! fixture, the shipped catalog, or a site built in Rust — and is then
//! either rendered **in process** or handed to **the real binary**, the way
//! an editor or CI runs it:
//!
//! ```ignore
//! use crate::common::*;
//!
//! // In process: content/ loaded and rendered by the library.
//! SiteTest::fixture("valid")
//!     .render()
//!     .check_file("zh/offers/index.html", |html| assert!(html.contains("优惠")));
//! // A site built in Rust, edited first.
//! let mut site = SiteTest::tiny_site();
//! site.config.page_size = 1;
//! let files = SiteTest::model(site).render();
//! // The binary: `offersite build --now NOW`, which must succeed.
//! let built = SiteTest::fixture("valid").now("2026-11-26").build();
//! // The binary: `offersite check --format json`, then what it reported.
//! let offer = "content/offers/macys-herald-square.yaml";
//! SiteTest::broken("unknown-field").check().assert_error(offer, 7, 1, "unknown field");
//! // Any other command line (`--root ROOT` is added).
//! let out = SiteTest::fixture("valid").run(&["new", "offer", "macys-spring-sale"]);
//! ```
//!
//! The names say which is which: `render`/`load` run in process; `build`,
//! `check`, `check_human`, `run` and `command` run the binary.
//! [`Files`] is a rendered or built site by path, with
//! `text`/`page`/`json`/`check_file` to look into it; [`Checked`] is what
//! `check --format json` said.
//!
//! Every suite is a module of the one test binary `tests/site/main.rs`
//! (one link of the library instead of one per file): a new suite is a file
//! `tests/site/<suite>.rs` that starts with `use crate::common::*;` and a
//! line `mod <suite>;` in `main.rs`.

// Each suite takes a part of it.
#![allow(dead_code)]

mod on_disk;
mod tiny;

use std::collections::BTreeMap;
use std::ops::Deref;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

pub use offersite::model;
pub use scraper::{Html, Selector};
pub use serde_json::Value;
#[allow(unused_imports)] // no suite builds offers one by one yet
pub use tiny::{offer, text, zh_only};

/// The date every test judges offers on unless it says otherwise (the e2e
/// suite's date too).
pub const NOW: &str = "2026-11-26";

/// The repository (the shipped catalog's root).
pub fn repo() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// `tests/fixtures`.
pub fn fixtures() -> PathBuf {
    repo().join("tests/fixtures")
}

/// The built `offersite` binary, with no arguments yet.
pub fn offersite() -> Command {
    Command::new(env!("CARGO_BIN_EXE_offersite"))
}

/// `offersite ARGS` (no `--root` added).
pub fn run_offersite(args: &[&str]) -> Output {
    offersite().args(args).output().unwrap()
}

/// A site to test; see the module comment.
pub struct SiteTest {
    source: Source,
    now: String,
}

enum Source {
    /// A scratch copy, which the test may edit and the binary may build in.
    Scratch(tempfile::TempDir),
    /// The shipped catalog, read in place; builds go to `out`.
    Shipped { out: tempfile::TempDir },
    /// A site built in Rust: rendered in process only.
    Model(Box<model::Site>),
}

fn copy_tree(from: &Path, to: &Path) {
    for entry in walkdir::WalkDir::new(from) {
        let entry = entry.unwrap();
        let rel = entry.path().strip_prefix(from).unwrap();
        let target = to.join(rel);
        if entry.file_type().is_dir() {
            std::fs::create_dir_all(&target).unwrap();
        } else {
            std::fs::create_dir_all(target.parent().unwrap()).unwrap();
            std::fs::copy(entry.path(), &target).unwrap();
        }
    }
}

impl SiteTest {
    /// A copy of `tests/fixtures/<name>`.
    pub fn fixture(name: &str) -> Self {
        let dir = tempfile::tempdir().unwrap();
        let from = fixtures().join(name);
        assert!(from.is_dir(), "no fixture {name}");
        copy_tree(&from, dir.path());
        SiteTest::scratch(dir)
    }

    /// An empty scratch directory (for `init`, or a site written file by
    /// file).
    pub fn empty() -> Self {
        SiteTest::scratch(tempfile::tempdir().unwrap())
    }

    fn scratch(dir: tempfile::TempDir) -> Self {
        SiteTest {
            source: Source::Scratch(dir),
            now: NOW.to_string(),
        }
    }

    /// The valid fixture with `tests/fixtures/broken/<case>` laid over it;
    /// a `DELETE` file in the case lists paths to remove.
    pub fn broken(case: &str) -> Self {
        let site = SiteTest::fixture("valid");
        let overlay = fixtures().join("broken").join(case);
        assert!(overlay.is_dir(), "no broken case {case}");
        copy_tree(&overlay, site.root());
        let delete = site.root().join("DELETE");
        if let Ok(list) = std::fs::read_to_string(&delete) {
            for path in list.lines().filter(|l| !l.trim().is_empty()) {
                let p = site.root().join(path.trim());
                if p.is_dir() {
                    std::fs::remove_dir_all(p).unwrap();
                } else {
                    std::fs::remove_file(p).unwrap();
                }
            }
            std::fs::remove_file(delete).unwrap();
        }
        site
    }

    /// The shipped catalog (the repository's `content/`), read in place:
    /// it is never written to; `build` writes to a scratch directory.
    pub fn shipped() -> Self {
        SiteTest {
            source: Source::Shipped {
                out: tempfile::tempdir().unwrap(),
            },
            now: NOW.to_string(),
        }
    }

    /// A site built in Rust, rendered in process only.
    pub fn model(site: model::Site) -> Self {
        SiteTest {
            source: Source::Model(Box::new(site)),
            now: NOW.to_string(),
        }
    }

    /// The small site built in Rust (`common/tiny.rs`), judged on
    /// 2015-01-15: one offer of each status, two languages, two of each
    /// taxonomy.
    pub fn tiny() -> Self {
        SiteTest::model(SiteTest::tiny_site())
    }

    /// The model of [`SiteTest::tiny`], to edit before `SiteTest::model`.
    pub fn tiny_site() -> model::Site {
        tiny::tiny_site()
    }

    /// Judge offers on `date` (`YYYY-MM-DD`) instead of [`NOW`].
    pub fn now(mut self, date: &str) -> Self {
        self.now = date.to_string();
        self
    }

    /// The site's root directory.
    pub fn root(&self) -> &Path {
        match &self.source {
            Source::Scratch(dir) => dir.path(),
            Source::Shipped { .. } => repo(),
            Source::Model(_) => panic!("a site built in Rust has no directory"),
        }
    }

    /// Where `build` writes the site.
    pub fn public(&self) -> PathBuf {
        match &self.source {
            Source::Shipped { out } => out.path().join("public"),
            _ => self.root().join("public"),
        }
    }

    fn scratch_root(&self) -> &Path {
        assert!(
            matches!(self.source, Source::Scratch(_)),
            "only a scratch copy may be edited"
        );
        self.root()
    }

    /// Writes `ROOT/rel`, creating its directories.
    pub fn write(&self, rel: &str, text: impl AsRef<[u8]>) -> &Self {
        let p = self.scratch_root().join(rel);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(p, text).unwrap();
        self
    }

    /// Removes the file `ROOT/rel`.
    pub fn remove(&self, rel: &str) -> &Self {
        std::fs::remove_file(self.scratch_root().join(rel)).unwrap();
        self
    }

    /// `ROOT/rel` as text.
    pub fn read(&self, rel: &str) -> String {
        std::fs::read_to_string(self.root().join(rel)).unwrap_or_else(|e| panic!("{rel}: {e}"))
    }

    // In process.

    fn date(&self) -> jiff::civil::Date {
        self.now.parse().expect("now is YYYY-MM-DD")
    }

    /// The site's model, loaded by the library as `check`/`build` would
    /// (for a site built in Rust: a copy of it); the load must succeed.
    pub fn load(&self) -> model::Site {
        if let Source::Model(site) = &self.source {
            return (**site).clone();
        }
        let loaded = offersite::content::load(
            self.root(),
            &offersite::content::LoadOptions {
                now: self.date(),
                drafts: false,
            },
        );
        match loaded.site {
            Some(site) => site,
            None => panic!(
                "{} does not load:\n{}",
                self.root().display(),
                loaded
                    .diagnostics
                    .iter()
                    .map(offersite::diagnostics::Diagnostic::to_human)
                    .collect::<String>()
            ),
        }
    }

    /// Every file the library renders for the site, by path (copied media
    /// map to their source path); rendering must succeed.
    pub fn render(&self) -> Files {
        Files::rendered(&self.load())
    }

    // The binary.

    /// `offersite ARGS --root ROOT`, not run yet (for stdin, spawning, or
    /// the environment).
    pub fn command(&self, args: &[&str]) -> Command {
        let mut command = offersite();
        command.args(args).arg("--root").arg(self.root());
        command
    }

    /// `offersite ARGS --root ROOT`.
    pub fn run(&self, args: &[&str]) -> Output {
        self.command(args).output().unwrap()
    }

    /// `offersite build --now NOW`, which must succeed; the built site.
    pub fn build(&self) -> Files {
        let mut args = vec!["build", "--now", &self.now];
        let public = self.public();
        if let Source::Shipped { .. } = self.source {
            args.extend(["--out", public.to_str().unwrap()]);
        }
        let out = self.run(&args);
        assert_eq!(
            out.status.code(),
            Some(0),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        Files::read_dir(&public)
    }

    /// `offersite check --now NOW --format json`.
    pub fn check(&self) -> Checked {
        let output = self.run(&["check", "--now", &self.now, "--format", "json"]);
        let stdout = String::from_utf8(output.stdout).unwrap();
        let mut diagnostics: Vec<Value> = stdout
            .lines()
            .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("not JSON ({e}): {l}")))
            .collect();
        // The last record is the run's summary.
        let summary = diagnostics
            .pop()
            .filter(|s| s.get("summary").is_some())
            .unwrap_or_else(|| panic!("no summary record last: {stdout}"));
        Checked {
            code: output.status.code(),
            diagnostics,
            summary,
            stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
        }
    }

    /// `offersite check --now NOW` for people: exit code and stderr.
    pub fn check_human(&self) -> (Option<i32>, String) {
        let output = self.run(&["check", "--now", &self.now]);
        (
            output.status.code(),
            String::from_utf8_lossy(&output.stderr).into_owned(),
        )
    }
}

/// A site's files by path: rendered in process or read back from a
/// directory. Two are equal exactly when the trees are.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Files(pub BTreeMap<String, Vec<u8>>);

impl Deref for Files {
    type Target = BTreeMap<String, Vec<u8>>;
    fn deref(&self) -> &Self::Target {
        &self.0
    }
}

impl IntoIterator for Files {
    type Item = (String, Vec<u8>);
    type IntoIter = std::collections::btree_map::IntoIter<String, Vec<u8>>;
    fn into_iter(self) -> Self::IntoIter {
        self.0.into_iter()
    }
}

impl<'a> IntoIterator for &'a Files {
    type Item = (&'a String, &'a Vec<u8>);
    type IntoIter = std::collections::btree_map::Iter<'a, String, Vec<u8>>;
    fn into_iter(self) -> Self::IntoIter {
        self.0.iter()
    }
}

impl FromIterator<(String, Vec<u8>)> for Files {
    fn from_iter<I: IntoIterator<Item = (String, Vec<u8>)>>(iter: I) -> Self {
        Files(iter.into_iter().collect())
    }
}

impl Files {
    /// Everything the library renders for `site`; copied media map to
    /// their source path.
    pub fn rendered(site: &model::Site) -> Files {
        match offersite::render::render(site) {
            Ok(files) => Files::of(files),
            Err(diags) => panic!(
                "render failed:\n{}",
                diags
                    .iter()
                    .map(offersite::diagnostics::Diagnostic::to_human)
                    .collect::<String>()
            ),
        }
    }

    /// Rendered output files by path; copied media map to their source
    /// path.
    pub fn of(files: Vec<offersite::output::OutputFile>) -> Files {
        use offersite::output::Content;
        files
            .into_iter()
            .map(|f| {
                let bytes = match f.content {
                    Content::Bytes(b) => b,
                    Content::Copy(p) | Content::Link(p) => {
                        p.to_string_lossy().into_owned().into_bytes()
                    }
                };
                (f.path, bytes)
            })
            .collect()
    }

    /// Every file under `dir` with its bytes.
    pub fn read_dir(dir: &Path) -> Files {
        on_disk::files_under(dir).into_iter().collect()
    }

    /// The file at `path` (which must exist) as text.
    pub fn text(&self, path: &str) -> String {
        let bytes = self.0.get(path).unwrap_or_else(|| {
            panic!(
                "no file {path}; have {:?}",
                self.0.keys().collect::<Vec<_>>()
            )
        });
        String::from_utf8(bytes.clone()).expect("UTF-8")
    }

    /// The page at `path`, parsed.
    pub fn page(&self, path: &str) -> Html {
        Html::parse_document(&self.text(path))
    }

    /// The JSON file at `path`, parsed.
    pub fn json(&self, path: &str) -> Value {
        serde_json::from_str(&self.text(path)).unwrap_or_else(|e| panic!("{path}: {e}"))
    }

    /// Runs `check` on the text of the file at `path`.
    pub fn check_file(&self, path: &str, check: impl FnOnce(&str)) -> &Self {
        check(&self.text(path));
        self
    }

    /// Runs `check` on the parsed page at `path`.
    pub fn check_page(&self, path: &str, check: impl FnOnce(&Html)) -> &Self {
        check(&self.page(path));
        self
    }

    /// Writes the files under `dir` (for looking at a site by hand).
    pub fn dump(&self, dir: &Path) {
        for (path, bytes) in &self.0 {
            let p = dir.join(path);
            std::fs::create_dir_all(p.parent().unwrap()).unwrap();
            std::fs::write(p, bytes).unwrap();
        }
    }
}

pub fn sel(s: &str) -> Selector {
    Selector::parse(s).unwrap()
}

/// Every value of `attr` on elements matching `selector`.
pub fn attrs(doc: &Html, selector: &str, attr: &str) -> Vec<String> {
    doc.select(&sel(selector))
        .filter_map(|e| e.value().attr(attr).map(str::to_string))
        .collect()
}

/// The first value of `attr_name` on an element matching `selector`.
pub fn attr(doc: &Html, selector: &str, attr_name: &str) -> Option<String> {
    attrs(doc, selector, attr_name).into_iter().next()
}

/// The text of each element matching `selector`.
pub fn texts(doc: &Html, selector: &str) -> Vec<String> {
    doc.select(&sel(selector))
        .map(|e| e.text().collect::<String>())
        .collect()
}

/// The outcome of `check --format json`.
#[derive(Debug)]
pub struct Checked {
    pub code: Option<i32>,
    pub diagnostics: Vec<Value>,
    /// `{"summary": {"errors", "warnings", "notes", "passed"}}`
    pub summary: Value,
    pub stderr: String,
}

impl Checked {
    fn of_severity(&self, severity: &str) -> Vec<&Value> {
        self.diagnostics
            .iter()
            .filter(|d| d["severity"] == severity)
            .collect()
    }

    pub fn errors(&self) -> Vec<&Value> {
        self.of_severity("error")
    }

    pub fn warnings(&self) -> Vec<&Value> {
        self.of_severity("warning")
    }

    pub fn notes(&self) -> Vec<&Value> {
        self.of_severity("note")
    }

    pub fn assert_clean(&self) -> &Self {
        assert_eq!(
            self.errors().len(),
            0,
            "unexpected errors: {:#?}",
            self.diagnostics
        );
        assert_eq!(self.code, Some(0));
        self
    }

    /// The check failed, with an error at `file:line:column` whose message
    /// contains `message` (other errors may be there too); returns that
    /// error for further checks (hint).
    pub fn assert_error(&self, file: &str, line: u64, column: u64, message: &str) -> &Value {
        assert_eq!(
            self.code,
            Some(1),
            "check must fail: {:#?}",
            self.diagnostics
        );
        let found = self.errors().into_iter().find(|d| {
            d["file"] == file && d["message"].as_str().is_some_and(|m| m.contains(message))
        });
        let Some(d) = found else {
            panic!(
                "no error in {file} containing {message:?}; got {:#?}",
                self.diagnostics
            );
        };
        assert_eq!(
            (d["line"].as_u64(), d["column"].as_u64()),
            (Some(line), Some(column)),
            "wrong position for {d:#}"
        );
        d
    }
}

/// A diagnostic's hint ("" when it has none).
pub fn hint(d: &Value) -> &str {
    d["hint"].as_str().unwrap_or("")
}
