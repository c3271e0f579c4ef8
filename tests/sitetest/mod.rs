//! Running offersite against fixture sites the way an editor or CI would:
//! a fixture under `tests/fixtures/` is copied to a scratch directory,
//! optionally overlaid with a broken case's files, and the real binary is
//! run on it.
#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use serde_json::Value;

pub const NOW: &str = "2026-11-26";

pub fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures")
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

/// A site in a scratch directory.
pub struct SiteTest {
    pub dir: tempfile::TempDir,
}

impl SiteTest {
    /// A copy of `tests/fixtures/<name>`.
    pub fn fixture(name: &str) -> Self {
        let dir = tempfile::tempdir().unwrap();
        copy_tree(&fixtures().join(name), dir.path());
        SiteTest { dir }
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

    pub fn root(&self) -> &Path {
        self.dir.path()
    }

    pub fn write(&self, rel: &str, text: impl AsRef<[u8]>) -> &Self {
        let p = self.root().join(rel);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(p, text).unwrap();
        self
    }

    pub fn run(&self, args: &[&str]) -> Output {
        Command::new(env!("CARGO_BIN_EXE_offersite"))
            .args(args)
            .arg("--root")
            .arg(self.root())
            .output()
            .unwrap()
    }

    /// `offersite build --now NOW`, which must succeed; the built site's
    /// files (`ROOT/public`).
    pub fn build(&self) -> Vec<(String, Vec<u8>)> {
        let out = self.run(&["build", "--now", NOW]);
        assert_eq!(
            out.status.code(),
            Some(0),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        snapshot(&self.root().join("public"))
    }

    /// `offersite check --format json`.
    pub fn check(&self) -> Checked {
        let output = self.run(&["check", "--now", NOW, "--format", "json"]);
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

    /// `offersite check` for people.
    pub fn check_human(&self) -> (Option<i32>, String) {
        let output = self.run(&["check", "--now", NOW]);
        (
            output.status.code(),
            String::from_utf8_lossy(&output.stderr).into_owned(),
        )
    }
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
    pub fn errors(&self) -> Vec<&Value> {
        self.diagnostics
            .iter()
            .filter(|d| d["severity"] == "error")
            .collect()
    }

    pub fn warnings(&self) -> Vec<&Value> {
        self.diagnostics
            .iter()
            .filter(|d| d["severity"] == "warning")
            .collect()
    }

    pub fn notes(&self) -> Vec<&Value> {
        self.diagnostics
            .iter()
            .filter(|d| d["severity"] == "note")
            .collect()
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

    /// Exactly one error, at `file:line:column`, whose message contains
    /// `message`; returns it for further checks (hint).
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

pub fn hint(d: &Value) -> &str {
    d["hint"].as_str().unwrap_or("")
}

/// Every file under `dir` with its bytes, sorted: two snapshots are equal
/// exactly when the trees are.
pub fn snapshot(dir: &Path) -> Vec<(String, Vec<u8>)> {
    let mut files: Vec<_> = walkdir::WalkDir::new(dir)
        .into_iter()
        .flatten()
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            let rel = e
                .path()
                .strip_prefix(dir)
                .unwrap()
                .to_string_lossy()
                .into_owned();
            (rel, std::fs::read(e.path()).unwrap())
        })
        .collect();
    files.sort();
    files
}
