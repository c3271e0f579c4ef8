//! Where rendered files go. Every render streams into a [`Sink`]: `build`
//! writes each file as it is ready (`pipeline`'s staging sink), `serve`
//! keeps them in memory ([`Memory`]), `check` drops them ([`Discard`]) and
//! reads only the diagnostics, so it never holds the site.

use std::sync::{Mutex, PoisonError};

use crate::output::OutputFile;

/// Where rendered files go as soon as each is ready, from any thread and in
/// no particular order.
pub trait Sink: Sync {
    type Error: Send;
    /// Called once before any [`Sink::put`], with every path the site will
    /// have, sorted and free of clashes.
    fn start(&mut self, paths: &[&str]) -> Result<(), Self::Error>;
    /// Paths that become known while the others render (the search
    /// index's, which Pagefind names by their content), before any file at
    /// them is put; sorted, and none of them given before.
    fn extend(&self, _paths: &[&str]) -> Result<(), Self::Error> {
        Ok(())
    }
    fn put(&self, file: OutputFile) -> Result<(), Self::Error>;
}

/// Every file in memory; [`Memory::into_sorted`] hands them over by path.
#[derive(Debug, Default)]
pub struct Memory(Mutex<Vec<OutputFile>>);

impl Memory {
    pub fn into_sorted(self) -> Vec<OutputFile> {
        let mut files = self.0.into_inner().unwrap_or_else(PoisonError::into_inner);
        files.sort_unstable_by(|a, b| a.path.cmp(&b.path));
        files
    }
}

impl Sink for Memory {
    type Error = std::convert::Infallible;
    fn start(&mut self, paths: &[&str]) -> Result<(), Self::Error> {
        self.0
            .get_mut()
            .unwrap_or_else(|e| e.into_inner())
            .reserve(paths.len());
        Ok(())
    }
    fn put(&self, file: OutputFile) -> Result<(), Self::Error> {
        self.0
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .push(file);
        Ok(())
    }
}

/// Drops every file: a render only for its diagnostics.
#[derive(Debug, Default)]
pub struct Discard;

impl Sink for Discard {
    type Error = std::convert::Infallible;
    fn start(&mut self, _paths: &[&str]) -> Result<(), Self::Error> {
        Ok(())
    }
    fn put(&self, _file: OutputFile) -> Result<(), Self::Error> {
        Ok(())
    }
}
