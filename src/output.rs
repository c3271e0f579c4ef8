//! Writing the rendered site. Every output file goes through [`write_site`],
//! which writes into a fresh staging directory beside the destination and
//! swaps it in only when everything was written, so a failed build leaves
//! the previous site untouched and files of earlier builds never survive.

use std::path::{Path, PathBuf};

/// What to put at one output path.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Content {
    Bytes(Vec<u8>),
    /// Copied as is from a source file (media).
    Copy(PathBuf),
}

/// One file of the site, by its path relative to the output root with `/`
/// separators (`en/offers/x/index.html`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutputFile {
    pub path: String,
    pub content: Content,
}

impl OutputFile {
    pub fn bytes(path: impl Into<String>, bytes: impl Into<Vec<u8>>) -> Self {
        OutputFile {
            path: path.into(),
            content: Content::Bytes(bytes.into()),
        }
    }
}

/// What a write produced, for the summary line.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct WriteStats {
    pub files: usize,
    pub bytes: u64,
}

#[derive(Debug, thiserror::Error)]
pub enum WriteError {
    #[error("output path {0:?} is not a plain relative path")]
    UnsafePath(String),
    #[error("two outputs want the same path {0:?}")]
    Collision(String),
    #[error("cannot write {path}: {source}")]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
}

fn io_error(path: &Path) -> impl FnOnce(std::io::Error) -> WriteError + '_ {
    move |source| WriteError::Io {
        path: path.to_path_buf(),
        source,
    }
}

/// A relative output path that cannot leave the output directory.
fn is_safe(path: &str) -> bool {
    !path.is_empty()
        && !path.starts_with('/')
        && !path.contains('\\')
        && !path.contains('\0')
        && path
            .split('/')
            .all(|part| !part.is_empty() && part != "." && part != "..")
}

/// Write `files` as the complete new content of `out`.
///
/// Everything goes into a staging directory beside `out` first; only when
/// every file is written is the staging directory swapped in and the old
/// output removed. On any error the staging directory is removed and `out`
/// is as it was.
pub fn write_site(files: &[OutputFile], out: &Path) -> Result<WriteStats, WriteError> {
    let mut seen = std::collections::HashSet::with_capacity(files.len());
    for f in files {
        if !is_safe(&f.path) {
            return Err(WriteError::UnsafePath(f.path.clone()));
        }
        if !seen.insert(f.path.as_str()) {
            return Err(WriteError::Collision(f.path.clone()));
        }
    }
    let out = absolute(out);
    let parent = out.parent().unwrap_or(Path::new("/")).to_path_buf();
    std::fs::create_dir_all(&parent).map_err(io_error(&parent))?;
    let name = out
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "public".into());
    let staging = parent.join(format!(".{name}.staging-{}", std::process::id()));
    let result = write_tree(files, &staging).and_then(|stats| {
        swap_in(&staging, &out)?;
        Ok(stats)
    });
    if result.is_err() {
        let _ = std::fs::remove_dir_all(&staging);
    }
    result
}

fn absolute(path: &Path) -> PathBuf {
    std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf())
}

fn write_tree(files: &[OutputFile], staging: &Path) -> Result<WriteStats, WriteError> {
    use rayon::prelude::*;
    if staging.exists() {
        std::fs::remove_dir_all(staging).map_err(io_error(staging))?;
    }
    std::fs::create_dir_all(staging).map_err(io_error(staging))?;
    // Directories first, once each, so parallel writers never race on them.
    let mut dirs: Vec<PathBuf> = files
        .iter()
        .filter_map(|f| Path::new(&f.path).parent().map(|p| staging.join(p)))
        .collect();
    dirs.sort();
    dirs.dedup();
    for d in &dirs {
        std::fs::create_dir_all(d).map_err(io_error(d))?;
    }
    let bytes = files
        .par_iter()
        .map(|f| {
            let target = staging.join(&f.path);
            match &f.content {
                Content::Bytes(b) => {
                    std::fs::write(&target, b).map_err(io_error(&target))?;
                    Ok(b.len() as u64)
                }
                Content::Copy(from) => std::fs::copy(from, &target).map_err(io_error(from)),
            }
        })
        .try_reduce(|| 0, |a, b| Ok(a + b))?;
    Ok(WriteStats {
        files: files.len(),
        bytes,
    })
}

/// Put `staging` in the place of `out`. The old output is moved aside first
/// and removed only after the new one is in place.
fn swap_in(staging: &Path, out: &Path) -> Result<(), WriteError> {
    let old = out.with_file_name(format!(
        ".{}.old-{}",
        out.file_name()
            .map(|n| n.to_string_lossy())
            .unwrap_or_default(),
        std::process::id()
    ));
    let had_old = out.exists();
    if had_old {
        std::fs::rename(out, &old).map_err(io_error(out))?;
    }
    if let Err(err) = std::fs::rename(staging, out) {
        if had_old {
            let _ = std::fs::rename(&old, out);
        }
        return Err(io_error(out)(err));
    }
    if had_old {
        let _ = std::fs::remove_dir_all(&old);
    }
    Ok(())
}
