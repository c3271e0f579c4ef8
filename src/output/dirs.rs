//! The directories of a site being written, each created by the first
//! writer that needs it. Creating them all up front ran 24,000 `mkdir`s at
//! 10,000 offers on one core before the first page was rendered; made on
//! demand, they are spread over the parallel writers and overlap rendering,
//! and each is still made exactly once, with no lookup of what exists.

use std::collections::HashSet;
use std::io;
use std::path::PathBuf;
use std::sync::{Mutex, OnceLock};

/// Why a directory could not be made, kept for every writer that needs it
/// (an `io::Error` cannot be cloned).
type Made = Result<(), (io::ErrorKind, String)>;

#[derive(Debug)]
pub struct Dirs {
    root: PathBuf,
    /// Every directory the files need, their ancestors included, sorted.
    names: Vec<Box<str>>,
    made: Vec<OnceLock<Made>>,
    /// Directories of paths added later ([`Dirs::extend`]), made then.
    late: Mutex<HashSet<Box<str>>>,
}

/// The directories `paths` need, their ancestors included, sorted.
fn dirs_of<'a>(paths: &[&'a str]) -> Vec<&'a str> {
    let mut names: Vec<&str> = paths
        .iter()
        .filter_map(|p| p.rsplit_once('/').map(|(dir, _)| dir))
        .flat_map(|dir| dir.match_indices('/').map(|(i, _)| &dir[..i]).chain([dir]))
        .collect();
    names.sort_unstable();
    names.dedup();
    names
}

impl Dirs {
    /// The directories `paths` (relative, `/`-separated) need under `root`,
    /// which must exist.
    pub fn new(root: PathBuf, paths: &[&str]) -> Dirs {
        let names = dirs_of(paths);
        let made = names.iter().map(|_| OnceLock::new()).collect();
        Dirs {
            root,
            names: names.into_iter().map(Box::from).collect(),
            made,
            late: Mutex::default(),
        }
    }

    /// Makes the directories of more paths now (few, and known only once
    /// the others are being written), parents first.
    pub fn extend(&self, paths: &[&str]) -> io::Result<()> {
        let mut late = self.late.lock().unwrap_or_else(|e| e.into_inner());
        for dir in dirs_of(paths) {
            if self.names.binary_search_by(|n| (**n).cmp(dir)).is_ok() {
                self.make(dir)?;
            } else if !late.contains(dir) {
                std::fs::create_dir(self.root.join(dir))?;
                late.insert(Box::from(dir));
            }
        }
        Ok(())
    }

    /// Makes sure the directory holding `path` exists (and its ancestors).
    pub fn prepare(&self, path: &str) -> io::Result<()> {
        match path.rsplit_once('/') {
            Some((dir, _)) => self.make(dir),
            None => Ok(()),
        }
    }

    fn make(&self, dir: &str) -> io::Result<()> {
        let Ok(at) = self.names.binary_search_by(|n| (**n).cmp(dir)) else {
            if self.late.lock().is_ok_and(|late| late.contains(dir)) {
                return Ok(());
            }
            return Err(io::Error::other(format!(
                "{dir:?} is not a directory of the paths the site was started with"
            )));
        };
        let made = self.made[at].get_or_init(|| {
            if let Some((parent, _)) = dir.rsplit_once('/') {
                self.make(parent).map_err(|e| (e.kind(), e.to_string()))?;
            }
            let path = self.root.join(dir);
            std::fs::create_dir(&path).map_err(|e| (e.kind(), e.to_string()))
        });
        made.clone()
            .map_err(|(kind, message)| io::Error::new(kind, message))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_directory_is_made_once_with_its_ancestors() {
        let tmp = tempfile::tempdir().unwrap();
        let dirs = Dirs::new(
            tmp.path().to_path_buf(),
            &["a/b/c/x.html", "a/b/y.html", "a/z.html", "top.html"],
        );
        assert_eq!(
            dirs.names.iter().map(|n| &**n).collect::<Vec<_>>(),
            ["a", "a/b", "a/b/c"]
        );
        dirs.prepare("top.html").unwrap();
        assert!(std::fs::read_dir(tmp.path()).unwrap().next().is_none());
        dirs.prepare("a/b/c/x.html").unwrap();
        assert!(tmp.path().join("a/b/c").is_dir());
        // Made already: no second mkdir, which would fail with EEXIST.
        dirs.prepare("a/b/y.html").unwrap();
        dirs.prepare("a/z.html").unwrap();
    }

    #[test]
    fn directories_of_paths_added_later_are_made_then() {
        let tmp = tempfile::tempdir().unwrap();
        let dirs = Dirs::new(tmp.path().to_path_buf(), &["a/x.html", "b/c/y.html"]);
        assert!(dirs.prepare("a/n/z.bin").is_err());
        dirs.extend(&["a/n/z.bin", "b/c/w.bin", "d/e/v.bin"])
            .unwrap();
        for dir in ["a/n", "b/c", "d/e"] {
            assert!(tmp.path().join(dir).is_dir(), "{dir}");
        }
        dirs.prepare("a/n/z.bin").unwrap();
        dirs.prepare("d/e/v.bin").unwrap();
        // Known from the start and made already: no second mkdir.
        dirs.prepare("b/c/y.html").unwrap();
        assert!(dirs.prepare("f/u.bin").is_err());
    }

    #[test]
    fn an_unknown_directory_is_refused() {
        let tmp = tempfile::tempdir().unwrap();
        let dirs = Dirs::new(tmp.path().to_path_buf(), &["a/x.html"]);
        assert!(dirs.prepare("b/x.html").is_err());
        assert!(!tmp.path().join("b").exists());
    }

    #[test]
    fn a_directory_that_cannot_be_made_fails_every_writer_into_it() {
        let tmp = tempfile::tempdir().unwrap();
        std::fs::write(tmp.path().join("a"), "a file where a directory goes").unwrap();
        let dirs = Dirs::new(tmp.path().to_path_buf(), &["a/b/x.html", "a/y.html"]);
        assert!(dirs.prepare("a/b/x.html").is_err());
        assert!(dirs.prepare("a/y.html").is_err());
    }
}
