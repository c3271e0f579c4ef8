//! Writing the rendered site. Every output file of a build goes through a
//! [`Staging`] (fed by the build's render sink, `pipeline`), which writes
//! into a fresh staging directory beside the destination and swaps it in
//! only when everything was written, so a failed build leaves the previous
//! site untouched and files of earlier builds never survive.

mod dirs;
mod trash;

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, AtomicUsize};

/// What to put at one output path.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Content {
    Bytes(Vec<u8>),
    /// Copied as is from an editor's source file (media). Never linked: a
    /// tool that post-processes the output in place must not reach `content/`.
    Copy(PathBuf),
    /// A file the build made itself (a processed picture in the media cache),
    /// hard-linked where the file system allows, so a cached rebuild copies
    /// no photo.
    Link(PathBuf),
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
    #[error("{0}")]
    Destination(String),
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

/// A site being written: [`Staging::begin`] with every path the site will
/// have, then [`Staging::write`] each file (from any thread, in any order),
/// then [`Staging::finish`] to swap it in. Dropped unfinished, the staging
/// directory is removed and the previous output stays as it was.
#[derive(Debug)]
pub struct Staging {
    out: PathBuf,
    staging: PathBuf,
    dirs: dirs::Dirs,
    /// The new site is large, so the one it replaces goes in the background.
    large: bool,
    files: AtomicUsize,
    bytes: AtomicU64,
    finished: bool,
}

/// Every path stays inside the output and none repeats.
fn check_paths(paths: &[&str]) -> Result<(), WriteError> {
    let mut seen = std::collections::HashSet::with_capacity(paths.len());
    for &path in paths {
        if !is_safe(path) {
            return Err(WriteError::UnsafePath(path.to_string()));
        }
        if !seen.insert(path) {
            return Err(WriteError::Collision(path.to_string()));
        }
    }
    Ok(())
}

impl Staging {
    /// Checks every path and the destination, then creates the staging
    /// directory; the directories the paths need are made by the writers
    /// (see [`dirs`]).
    pub fn begin(out: &Path, paths: &[&str]) -> Result<Staging, WriteError> {
        check_paths(paths)?;
        let out = absolute(out);
        if let Some(why) = unsafe_destination(&out) {
            return Err(WriteError::Destination(why));
        }
        let parent = out.parent().unwrap_or(Path::new("/")).to_path_buf();
        std::fs::create_dir_all(&parent).map_err(io_error(&parent))?;
        remove_leftovers(&out);
        let staging = sibling(&out, "staging");
        if staging.exists() {
            std::fs::remove_dir_all(&staging).map_err(io_error(&staging))?;
        }
        std::fs::create_dir(&staging).map_err(io_error(&staging))?;
        Ok(Staging {
            dirs: dirs::Dirs::new(staging.clone(), paths),
            staging,
            out,
            large: paths.len() >= trash::BACKGROUND_FROM_FILES,
            files: AtomicUsize::default(),
            bytes: AtomicU64::default(),
            finished: false,
        })
    }

    /// More paths, after [`Staging::begin`] (files whose names are known
    /// only once made, like the search index's): checked the same way, and
    /// their directories made now. The caller makes sure none repeats one
    /// given before.
    pub fn extend(&self, paths: &[&str]) -> Result<(), WriteError> {
        check_paths(paths)?;
        self.dirs.extend(paths).map_err(io_error(&self.staging))
    }

    /// Writes one file; its path must be one given to [`Staging::begin`]
    /// or [`Staging::extend`].
    pub fn write(&self, file: &OutputFile) -> Result<(), WriteError> {
        use std::sync::atomic::Ordering::Relaxed;
        let target = self.staging.join(&file.path);
        self.dirs.prepare(&file.path).map_err(io_error(&target))?;
        let n = match &file.content {
            Content::Bytes(b) => {
                std::fs::write(&target, b).map_err(io_error(&target))?;
                b.len() as u64
            }
            Content::Copy(from) => std::fs::copy(from, &target).map_err(io_error(from))?,
            Content::Link(from) => match std::fs::hard_link(from, &target) {
                Ok(()) => std::fs::metadata(&target).map_err(io_error(from))?.len(),
                Err(_) => std::fs::copy(from, &target).map_err(io_error(from))?,
            },
        };
        self.files.fetch_add(1, Relaxed);
        self.bytes.fetch_add(n, Relaxed);
        Ok(())
    }

    /// Puts the written site in the place of the output.
    pub fn finish(mut self) -> Result<WriteStats, WriteError> {
        swap_in(&self.staging, &self.out, self.large)?;
        self.finished = true;
        Ok(WriteStats {
            files: self.files.load(std::sync::atomic::Ordering::Relaxed),
            bytes: self.bytes.load(std::sync::atomic::Ordering::Relaxed),
        })
    }
}

impl Drop for Staging {
    fn drop(&mut self) {
        if !self.finished {
            let _ = std::fs::remove_dir_all(&self.staging);
        }
    }
}

fn absolute(path: &Path) -> PathBuf {
    let path = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
    // `a/../b` must not hide where the output really goes.
    let mut clean = PathBuf::new();
    for part in path.components() {
        match part {
            std::path::Component::ParentDir => {
                clean.pop();
            }
            std::path::Component::CurDir => {}
            other => clean.push(other),
        }
    }
    clean
}

/// Put `staging` in the place of `out` in one atomic step where the system
/// allows it (Linux's `renameat2` with `RENAME_EXCHANGE`), so a build killed
/// at any moment leaves either the old site or the new one. The old site,
/// now at the staging path, is removed afterwards, in the background when
/// `large` (see [`trash`]).
fn swap_in(staging: &Path, out: &Path, large: bool) -> Result<(), WriteError> {
    if !out.exists() {
        return std::fs::rename(staging, out).map_err(io_error(out));
    }
    if exchange(staging, out).is_ok() {
        trash::remove(staging, &sibling(out, trash::TRASH), large);
        return Ok(());
    }
    // No atomic exchange here: move the old site aside, then put the new
    // one in place; a crash in between leaves the old site beside `out`.
    let old = sibling(out, "old");
    std::fs::rename(out, &old).map_err(io_error(out))?;
    if let Err(err) = std::fs::rename(staging, out) {
        let _ = std::fs::rename(&old, out);
        return Err(io_error(out)(err));
    }
    trash::remove(&old, &sibling(out, trash::TRASH), large);
    Ok(())
}

#[cfg(target_os = "linux")]
fn exchange(a: &Path, b: &Path) -> std::io::Result<()> {
    use std::ffi::CString;
    use std::os::unix::ffi::OsStrExt;
    let a = CString::new(a.as_os_str().as_bytes())?;
    let b = CString::new(b.as_os_str().as_bytes())?;
    // SAFETY: both are valid NUL-terminated paths that outlive the call.
    let rc = unsafe {
        libc::renameat2(
            libc::AT_FDCWD,
            a.as_ptr(),
            libc::AT_FDCWD,
            b.as_ptr(),
            libc::RENAME_EXCHANGE,
        )
    };
    if rc == 0 {
        Ok(())
    } else {
        Err(std::io::Error::last_os_error())
    }
}

#[cfg(not(target_os = "linux"))]
fn exchange(_: &Path, _: &Path) -> std::io::Result<()> {
    Err(std::io::ErrorKind::Unsupported.into())
}

/// A hidden directory beside `out` for this process: `.public.staging-42`.
fn sibling(out: &Path, what: &str) -> PathBuf {
    let name = out
        .file_name()
        .map_or_else(|| "public".into(), |n| n.to_string_lossy().into_owned());
    out.with_file_name(format!(".{name}.{what}-{}", std::process::id()))
}

/// Remove what builds that were killed left beside `out`, and hand replaced
/// sites whose removal did not finish to a background removal again.
fn remove_leftovers(out: &Path) {
    let (Some(parent), Some(name)) = (out.parent(), out.file_name()) else {
        return;
    };
    let name = name.to_string_lossy();
    let Ok(entries) = std::fs::read_dir(parent) else {
        return;
    };
    for entry in entries.flatten() {
        let file = entry.file_name();
        let file = file.to_string_lossy();
        if trash::is_trash(&file, &name) {
            if !trash::in_background(&entry.path()) {
                let _ = std::fs::remove_dir_all(entry.path());
            }
            continue;
        }
        let Some(rest) = file.strip_prefix(&format!(".{name}.")) else {
            continue;
        };
        let pid = rest
            .strip_prefix("staging-")
            .or_else(|| rest.strip_prefix("old-"))
            .and_then(|p| p.parse::<u32>().ok());
        if let Some(pid) = pid
            && pid != std::process::id()
            && !process_alive(pid)
        {
            let _ = std::fs::remove_dir_all(entry.path());
        }
    }
}

fn process_alive(pid: u32) -> bool {
    if cfg!(target_os = "linux") {
        Path::new(&format!("/proc/{pid}")).exists()
    } else {
        true
    }
}

/// Why `out` must not be replaced: it is (or holds) a site's sources.
fn unsafe_destination(out: &Path) -> Option<String> {
    if out.join("content").join("site.yaml").exists() || out.join("Cargo.toml").exists() {
        return Some(format!(
            "{} holds a site's sources; refusing to replace it with the build output",
            out.display()
        ));
    }
    if out.exists() && !out.is_dir() {
        return Some(format!("{} exists and is not a directory", out.display()));
    }
    let cwd = std::env::current_dir().ok().map(|d| absolute(&d));
    if cwd.is_some_and(|d| d.starts_with(out)) {
        return Some(format!(
            "{} contains the current directory; refusing to replace it",
            out.display()
        ));
    }
    None
}

// The integration tests' reader of a written tree (kept out of the
// release library).
#[cfg(test)]
#[path = "../tests/site/common/on_disk.rs"]
mod on_disk;

#[cfg(test)]
mod tests {
    use super::on_disk::files_under;
    use super::*;

    /// `files` as the complete new content of `out`, the way a build's sink
    /// feeds a [`Staging`].
    fn write_site(files: &[OutputFile], out: &Path) -> Result<WriteStats, WriteError> {
        use rayon::prelude::*;
        let paths: Vec<&str> = files.iter().map(|f| f.path.as_str()).collect();
        let staging = Staging::begin(out, &paths)?;
        files.par_iter().try_for_each(|f| staging.write(f))?;
        staging.finish()
    }

    #[test]
    fn a_build_replaces_the_whole_previous_output() {
        let tmp = tempfile::tempdir().unwrap();
        let out = tmp.path().join("public");
        write_site(&[OutputFile::bytes("old/index.html", "old")], &out).unwrap();
        let stats = write_site(
            &[
                OutputFile::bytes("index.html", "new"),
                OutputFile::bytes("a/b.css", "x"),
            ],
            &out,
        )
        .unwrap();
        assert_eq!(stats, WriteStats { files: 2, bytes: 4 });
        assert_eq!(
            files_under(&out),
            vec![
                ("a/b.css".into(), b"x".to_vec()),
                ("index.html".into(), b"new".to_vec())
            ]
        );
        // Nothing is left beside the output either.
        let siblings: Vec<_> = std::fs::read_dir(tmp.path()).unwrap().flatten().collect();
        assert_eq!(siblings.len(), 1);
    }

    #[test]
    fn a_failed_write_leaves_the_previous_output_untouched() {
        let tmp = tempfile::tempdir().unwrap();
        let out = tmp.path().join("public");
        write_site(&[OutputFile::bytes("index.html", "old")], &out).unwrap();
        let missing = Content::Copy(tmp.path().join("no-such-file"));
        let files = [
            OutputFile::bytes("index.html", "new"),
            OutputFile {
                path: "media/x.png".into(),
                content: missing,
            },
        ];
        assert!(write_site(&files, &out).is_err());
        assert_eq!(
            files_under(&out),
            vec![("index.html".into(), b"old".to_vec())]
        );
        assert_eq!(std::fs::read_dir(tmp.path()).unwrap().count(), 1);
    }

    #[test]
    fn nothing_is_written_outside_the_output() {
        let tmp = tempfile::tempdir().unwrap();
        let out = tmp.path().join("public");
        for bad in [
            "../escape.html",
            "/etc/x",
            "a/../../x",
            "a\\..\\x",
            "a//b",
            "",
            "a/./b",
            "nul\0",
        ] {
            let err = write_site(&[OutputFile::bytes(bad, "x")], &out).unwrap_err();
            assert!(matches!(err, WriteError::UnsafePath(_)), "{bad:?}: {err}");
        }
        assert_eq!(std::fs::read_dir(tmp.path()).unwrap().count(), 0);
    }

    #[test]
    fn refuses_to_replace_a_site_directory() {
        let tmp = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(tmp.path().join("content")).unwrap();
        std::fs::write(tmp.path().join("content/site.yaml"), "x").unwrap();
        let err = write_site(&[OutputFile::bytes("index.html", "x")], tmp.path()).unwrap_err();
        assert!(matches!(err, WriteError::Destination(_)), "{err}");
        assert!(tmp.path().join("content/site.yaml").exists());
    }

    #[test]
    fn two_outputs_with_one_path_are_refused() {
        let tmp = tempfile::tempdir().unwrap();
        let files = [
            OutputFile::bytes("a.html", "1"),
            OutputFile::bytes("a.html", "2"),
        ];
        let err = write_site(&files, &tmp.path().join("out")).unwrap_err();
        assert!(matches!(err, WriteError::Collision(_)));
    }

    #[test]
    fn leftovers_of_killed_builds_are_removed() {
        let tmp = tempfile::tempdir().unwrap();
        // No process has pid 0x7fff_fff0 on Linux (pid_max is at most 2^22).
        let stale = tmp.path().join(".public.staging-2147483632");
        std::fs::create_dir_all(&stale).unwrap();
        write_site(
            &[OutputFile::bytes("index.html", "x")],
            &tmp.path().join("public"),
        )
        .unwrap();
        assert!(!stale.exists());
    }
}
