//! The files of one load, each with its problems, and the diagnostics that
//! belong to no file read here; turned into the load's outcome at the end.

use crate::diagnostics::{self, Diagnostic};
use crate::model::Site;

use super::Loaded;
use super::cache::LoadCache;
use super::file::FileState;

#[derive(Default)]
pub(super) struct Run {
    /// Every file read, in the order the phases read them; a file's index
    /// here is how records and documents name the file they came from.
    pub files: Vec<FileState>,
    /// Diagnostics that belong to no file read here (discovery, theme).
    pub extra: Vec<Diagnostic>,
}

impl Run {
    /// Add a file; returns its index.
    pub fn push(&mut self, state: FileState) -> usize {
        self.files.push(state);
        self.files.len() - 1
    }

    /// Turn problems into diagnostics, sorted by file and position, with
    /// `cache`'s help; the site is kept only when there is no error.
    pub fn finish(self, site: Option<Site>, cache: &mut LoadCache) -> Loaded {
        let mut all: Vec<Diagnostic> = self.extra;
        for diagnostics in cache.locate(self.files) {
            all.extend(diagnostics);
        }
        diagnostics::sort(&mut all);
        let failed = all.iter().any(Diagnostic::is_error);
        Loaded {
            site: if failed { None } else { site },
            diagnostics: all,
        }
    }
}
