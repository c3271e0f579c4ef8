//! Every file under a directory with its bytes, by path relative to it, in
//! path order: what a build wrote. The integration helper's
//! `Files::read_dir` and `output`'s unit tests (which cannot reach the
//! integration helper, and include this file as `output::on_disk`) both
//! read trees with it.

use std::path::Path;

pub fn files_under(dir: &Path) -> Vec<(String, Vec<u8>)> {
    let mut files: Vec<(String, Vec<u8>)> = walkdir::WalkDir::new(dir)
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
