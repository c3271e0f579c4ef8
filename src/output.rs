//! Writing the rendered site. Every output file goes through [`write_site`],
//! which writes into a fresh staging directory beside the destination and
//! swaps it in only when everything was written, so a failed build leaves
//! the previous site untouched and files of earlier builds never survive.

use std::path::PathBuf;

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
