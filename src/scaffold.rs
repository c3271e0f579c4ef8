//! `offersite new`: bilingual scaffolds with every field.

use std::path::Path;
use std::process::ExitCode;

use crate::cli::NewKind;

pub fn run(_kind: NewKind, _id: &str, _root: &Path) -> ExitCode {
    eprintln!("error: `offersite new` is not available yet");
    ExitCode::from(2)
}
