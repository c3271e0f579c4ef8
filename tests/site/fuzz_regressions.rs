//! Replays what the fuzzers found (`fuzz/`, see `fuzz/README.md`): every
//! file in `tests/fuzz_regressions/<target>/` goes through the same code
//! path as fuzz target `<target>` (`tests/fuzz_harness`), so `cargo test`
//! keeps every crash fixed without cargo-fuzz. The site's own content and
//! the test fixtures, the fuzzers' seeds, are replayed too.

use crate::common::*;

#[path = "../fuzz_harness/mod.rs"]
mod fuzz_harness;

use std::path::{Path, PathBuf};

fn files(dir: &Path, keep: &dyn Fn(&Path) -> bool) -> Vec<PathBuf> {
    let mut out: Vec<PathBuf> = walkdir::WalkDir::new(dir)
        .into_iter()
        .flatten()
        .filter(|e| e.file_type().is_file() && keep(e.path()))
        .map(walkdir::DirEntry::into_path)
        .collect();
    out.sort();
    out
}

fn replay(target: &str, run: fn(&[u8])) {
    let dir = repo().join("tests/fuzz_regressions").join(target);
    let inputs = files(&dir, &|_| true);
    assert!(!inputs.is_empty(), "no inputs in {}", dir.display());
    for input in inputs {
        let data = std::fs::read(&input).unwrap();
        let outcome = std::panic::catch_unwind(|| run(&data));
        assert!(outcome.is_ok(), "{target} panics on {}", input.display());
    }
}

/// The seeds: the repository's content and fixtures with the given
/// extension.
fn seeds(ext: &str, run: fn(&[u8])) -> usize {
    let root = repo();
    let mut n = 0;
    for dir in ["content", "tests/fixtures"] {
        for input in files(&root.join(dir), &|p| {
            p.extension().is_some_and(|e| e == ext)
        }) {
            run(&std::fs::read(&input).unwrap());
            n += 1;
        }
    }
    n
}

#[test]
fn load_offer() {
    replay("load_offer", fuzz_harness::load_offer);
    assert!(seeds("yaml", fuzz_harness::load_offer) > 10);
}

#[test]
fn load_site() {
    replay("load_site", fuzz_harness::load_site);
    assert!(seeds("yaml", fuzz_harness::load_site) > 10);
}

#[test]
fn front_matter() {
    replay("front_matter", fuzz_harness::front_matter);
    assert!(seeds("md", fuzz_harness::front_matter) > 5);
}

#[test]
fn markdown() {
    replay("markdown", fuzz_harness::markdown);
    assert!(seeds("md", fuzz_harness::markdown) > 5);
}
