//! The built site on disk: every file with its size, SHA-256 and headers.

use std::path::{Path, PathBuf};

use rayon::prelude::*;
use walkdir::WalkDir;

use crate::fingerprint::sha256_hex;
use crate::headers::{self, Headers};

#[derive(Debug, Clone)]
pub struct LocalFile {
    /// Relative to the output, `/`-separated: the object's key below the prefix.
    pub path: String,
    pub full: PathBuf,
    pub size: u64,
    pub sha256: String,
    pub headers: Headers,
}

/// Files of a build that are not published: `_headers` instructs other
/// hosts and means nothing in a bucket.
fn published(path: &str) -> bool {
    path != headers::HEADERS_FILE
}

/// Every file under `out`, sorted by path, hashed in parallel.
pub fn scan(out: &Path) -> Result<Vec<LocalFile>, String> {
    let mut found: Vec<(String, PathBuf)> = Vec::new();
    for entry in WalkDir::new(out).sort_by_file_name() {
        let entry = entry.map_err(|e| format!("cannot read {}: {e}", out.display()))?;
        if !entry.file_type().is_file() {
            continue;
        }
        let rel = entry
            .path()
            .strip_prefix(out)
            .map_err(|e| e.to_string())?
            .components()
            .map(|c| c.as_os_str().to_string_lossy().into_owned())
            .collect::<Vec<_>>()
            .join("/");
        if published(&rel) {
            found.push((rel, entry.path().to_path_buf()));
        }
    }
    found
        .into_par_iter()
        .map(|(path, full)| {
            let bytes =
                std::fs::read(&full).map_err(|e| format!("cannot read {}: {e}", full.display()))?;
            Ok(LocalFile {
                headers: headers::for_path(&path),
                sha256: sha256_hex(&bytes),
                size: bytes.len() as u64,
                path,
                full,
            })
        })
        .collect()
}
