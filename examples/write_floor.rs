//! offersite's own writer with nothing to render (issue 13): how long
//! `build`'s output stage takes to write a site, the part of a build that
//! `cp -r` of its output also does.
//!
//! ```text
//! cargo run --release --example write_floor -- SRC DEST
//! ```
//!
//! SRC is a built site (`offersite build`'s output); DEST is where the copy
//! goes, through the same [`Staging`] a build uses: every path checked,
//! directories made on demand by the writers, files written on rayon's pool
//! in pieces of 16 (the files of the build's pieces of 8 pages in two
//! languages), then swapped in. Each file is read from SRC just before it
//! is written, as `cp -r` reads it, so the copy holds no more than a few
//! files in memory at once.
//! `benches/compare_hugo.py --write-floor` times it beside the build and
//! `cp -r`: the build's time above this floor is rendering and indexing.

use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;

use offersite::output::{OutputFile, Staging};
use rayon::prelude::*;

type Error = Box<dyn std::error::Error + Send + Sync>;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [src, dest] = args.as_slice() else {
        eprintln!("usage: write_floor SRC DEST");
        return ExitCode::from(2);
    };
    match copy(Path::new(src), Path::new(dest)) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("write_floor: {e}");
            ExitCode::FAILURE
        }
    }
}

fn copy(src: &Path, dest: &Path) -> Result<(), Error> {
    let started = Instant::now();
    let files = list_tree(src)?;
    let paths: Vec<&str> = files.iter().map(|(rel, _)| rel.as_str()).collect();
    let staging = Staging::begin(dest, &paths)?;
    files
        .par_iter()
        .with_max_len(16)
        .try_for_each(|(rel, path)| -> Result<(), Error> {
            let bytes = std::fs::read(path)?;
            Ok(staging.write(&OutputFile::bytes(rel.as_str(), bytes))?)
        })?;
    let stats = staging.finish()?;
    eprintln!(
        "wrote {} files ({:.1} MB) in {} ms",
        stats.files,
        stats.bytes as f64 / 1e6,
        started.elapsed().as_millis()
    );
    Ok(())
}

/// Every file under `root`: its `/`-separated path relative to `root`, and
/// where it is.
fn list_tree(root: &Path) -> Result<Vec<(String, PathBuf)>, Error> {
    let mut files = Vec::new();
    for entry in walkdir::WalkDir::new(root) {
        let entry = entry?;
        if entry.file_type().is_file() {
            let rel = entry.path().strip_prefix(root)?;
            let rel = rel.to_str().ok_or("a path that is not UTF-8")?;
            files.push((
                rel.replace(std::path::MAIN_SEPARATOR, "/"),
                entry.into_path(),
            ));
        }
    }
    Ok(files)
}
