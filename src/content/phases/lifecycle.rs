//! Drafts and the offers' lifecycle: drafts are left out unless asked for,
//! and an offer that has ended or not yet started gets a note.

use crate::content::LoadOptions;
use crate::content::problem::{Loc, Problem};
use crate::content::run::Run;
use crate::content::yaml::YamlPath;
use crate::model::{Offer, Status};

use super::documents::{Documents, Gathered};
use super::records::RecordFile;

/// Leave out draft offers unless `--drafts`, and note the lifecycle of the
/// rest.
pub(in crate::content) fn offers(
    run: &mut Run,
    offers: &mut Vec<RecordFile<Offer>>,
    options: &LoadOptions,
) {
    offers.retain(|o| options.drafts || !o.record.draft);
    for o in offers.iter() {
        run.files[o.file].problems.extend(note(&o.record, options));
    }
}

/// An offer's lifecycle is expected, not a mistake: a note, so that
/// `--deny-warnings` does not fail on it.
pub(in crate::content) fn note(offer: &Offer, options: &LoadOptions) -> Option<Problem> {
    match offer.status(options.now) {
        Status::Ended => Some(
            Problem::note(
                Loc::Yaml(YamlPath::root().field("valid_until")),
                format!(
                    "the offer ended on {}: its page says so and listings leave it out",
                    offer.valid_until
                ),
            )
            .hint("extend valid_until if the offer still runs"),
        ),
        Status::Upcoming => Some(
            Problem::note(
                Loc::Yaml(YamlPath::root().field("valid_from")),
                format!(
                    "the offer starts on {}: its page says so and listings leave it out until then",
                    offer.valid_from
                ),
            )
            .hint("move valid_from earlier if the offer already runs"),
        ),
        Status::Active => None,
    }
}

/// Leave out draft documents unless `--drafts`.
pub(in crate::content) fn documents(documents: Documents, options: &LoadOptions) -> Documents {
    let keep = |docs: Vec<Gathered>| -> Vec<Gathered> {
        docs.into_iter()
            .filter(|d| options.drafts || !d.draft)
            .collect()
    };
    Documents {
        terms: keep(documents.terms),
        pages: keep(documents.pages),
    }
}
