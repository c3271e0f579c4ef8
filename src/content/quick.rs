//! One saved offer file, re-read and re-checked on its own against what the
//! latest load knew, for the preview server's first answer to a save (its
//! pages shown before the whole site is loaded again).
//!
//! It runs the checks a full load runs on that file: its YAML and fields,
//! its references and Markdown links against the latest load's targets,
//! and the lifecycle note. It answers only when that is enough: the file
//! was an offer of the latest load, it is valid, and it is not a draft
//! that a load would leave out. Whether the offer moved (which changes
//! what references may point at) is the caller's to tell, by comparing it
//! with the one it replaces; the full load that follows decides in any
//! case.

use std::path::Path;

use crate::diagnostics::Diagnostic;
use crate::model::Offer;

use super::LoadOptions;
use super::cache::{LoadCache, ParsedRecord};
use super::discover::{Pending, yaml_stem};
use super::phases::{lifecycle, records};
use super::{body_pictures, items, locate, references};

/// An edited offer as a full load would read it, with its file's
/// diagnostics (warnings and notes only).
#[derive(Debug)]
pub struct Reread {
    pub offer: Offer,
    pub diagnostics: Vec<Diagnostic>,
}

/// Re-read `content/offers/<id>.yaml` (`rel`, relative to `root`) after a
/// save; `None` whenever a full load is needed to say what it means.
pub fn offer(root: &Path, rel: &str, cache: &LoadCache, options: &LoadOptions) -> Option<Reread> {
    let name = rel.strip_prefix("content/offers/")?;
    if name.contains('/') {
        return None;
    }
    let id = yaml_stem(name)?;
    let pending = Pending {
        path: root.join(rel),
        rel: rel.to_string(),
        id: id.to_string(),
        lang: String::new(),
    };
    if !cache.has_offer_file(&pending.path) {
        return None;
    }
    let (known, langs) = cache.known()?;
    let parsed = records::parse(&pending, langs, items::offer);
    let mut state = parsed.state;
    let ParsedRecord { record, extras } = parsed.parsed?;
    let offer = record?;
    if offer.draft && !options.drafts {
        return None;
    }
    references::check(known, &extras, &mut state.problems);
    references::check_markdown_fields(&extras.markdown, cache.link_targets(), &mut state.problems);
    body_pictures::check_fields(&extras.markdown, &known.pictures, &mut state.problems);
    state.problems.extend(lifecycle::note(&offer, options));
    let diagnostics = locate::diagnostics(state);
    if diagnostics.iter().any(Diagnostic::is_error) {
        return None;
    }
    Some(Reread { offer, diagnostics })
}
