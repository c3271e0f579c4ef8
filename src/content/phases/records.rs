//! One-record files (partners, offers): read in parallel, or taken from the
//! load cache when unchanged, then checked for duplicate ids.

use std::collections::BTreeMap;

use serde_yaml::Value;

use crate::content::cache::{LoadCache, ParsedFile, ParsedRecord, RecordCache};
use crate::content::discover::{Found, Pending};
use crate::content::fields::Languages;
use crate::content::file::FileState;
use crate::content::items::{self, Extras, check_id};
use crate::content::problem::{Loc, Problem};
use crate::content::run::Run;
use crate::model::{Offer, Partner};

/// A valid record with the index of its file and what it refers to.
pub(in crate::content) struct RecordFile<T> {
    pub record: T,
    pub file: usize,
    pub extras: Extras,
}

/// What a record that failed to load refers to: still checked, so that all
/// of a file's mistakes are reported in one run.
pub(in crate::content) struct BrokenRecord {
    pub file: usize,
    pub extras: Extras,
}

/// A record file's references, valid record or not.
pub(in crate::content) struct References<'a> {
    pub file: usize,
    pub extras: &'a Extras,
}

/// The site's partners and offers, each sorted by id.
pub(in crate::content) struct Records {
    pub partners: Vec<RecordFile<Partner>>,
    pub offers: Vec<RecordFile<Offer>>,
    pub broken: Vec<BrokenRecord>,
}

impl Records {
    /// Every record file's references: partners', offers', then broken
    /// records'.
    pub fn references(&self) -> impl Iterator<Item = References<'_>> {
        self.partners
            .iter()
            .map(RecordFile::references)
            .chain(self.offers.iter().map(RecordFile::references))
            .chain(self.broken.iter().map(|r| References {
                file: r.file,
                extras: &r.extras,
            }))
    }
}

impl<T> RecordFile<T> {
    fn references(&self) -> References<'_> {
        References {
            file: self.file,
            extras: &self.extras,
        }
    }
}

pub(in crate::content) fn records(
    run: &mut Run,
    found: &Found,
    langs: &Languages,
    cache: &mut LoadCache,
) -> Records {
    let keep = !cache.forget;
    let partners = record_files(
        run,
        &found.partners,
        langs,
        items::partner,
        &mut cache.partners,
        keep,
    );
    let offers = record_files(
        run,
        &found.offers,
        langs,
        items::offer,
        &mut cache.offers,
        keep,
    );
    cache.parsed = partners.parsed + offers.parsed;
    let mut broken = partners.broken;
    broken.extend(offers.broken);
    let (mut partners, mut offers) = (partners.records, offers.records);
    partners.sort_by(|a, b| a.record.id.cmp(&b.record.id));
    offers.sort_by(|a, b| a.record.id.cmp(&b.record.id));
    Records {
        partners,
        offers,
        broken,
    }
}

/// One kind's record files, in the order they were found.
struct RecordFiles<T> {
    records: Vec<RecordFile<T>>,
    broken: Vec<BrokenRecord>,
    /// How many files were parsed rather than taken from the cache.
    parsed: usize,
}

/// Read and parse one record file: its state, and the record (when valid)
/// with what it refers to.
pub(in crate::content) fn parse<T>(
    p: &Pending,
    langs: &Languages,
    read: ReadRecord<T>,
) -> ParsedFile<T> {
    let mut state = FileState::read_yaml(p);
    let id_ok = check_id(&p.id, Loc::File, &mut state.problems);
    let Some(value) = state.parse_yaml() else {
        return ParsedFile {
            state,
            parsed: None,
        };
    };
    let mut extras = Extras::default();
    let record = read(&p.id, &value, langs, &mut state.problems, &mut extras);
    ParsedFile {
        state,
        parsed: Some(ParsedRecord {
            record: record.filter(|_| id_ok),
            extras,
        }),
    }
}

/// How a record file's YAML becomes a record: `(id, yaml, languages,
/// problems, references)`.
pub(in crate::content) type ReadRecord<T> =
    fn(&str, &Value, &Languages, &mut Vec<Problem>, &mut Extras) -> Option<T>;

fn record_files<T: Send + Sync + Clone>(
    run: &mut Run,
    pending: &[Pending],
    langs: &Languages,
    read: ReadRecord<T>,
    cache: &mut RecordCache<T>,
    keep: bool,
) -> RecordFiles<T> {
    let reparsed = cache.parse_all(pending, keep, |p| parse(p, langs, read));
    let mut out = Vec::new();
    let mut broken = Vec::new();
    let mut seen: BTreeMap<String, String> = BTreeMap::new();
    for (p, file) in pending.iter().zip(reparsed.files) {
        let ParsedFile { mut state, parsed } = file;
        let Some(ParsedRecord { record, extras }) = parsed else {
            run.push(state);
            continue;
        };
        let Some(record) = record else {
            let file = run.push(state);
            broken.push(BrokenRecord { file, extras });
            continue;
        };
        if let Some(other) = seen.get(&p.id) {
            state.problems.push(
                Problem::error(
                    Loc::File,
                    format!("duplicate id `{}`: {other} has the same id", p.id),
                )
                .hint(
                    "keep one of the two files (ids come from file names, whatever the extension)",
                ),
            );
            run.push(state);
            continue;
        }
        seen.insert(p.id.clone(), state.rel.clone());
        let file = run.push(state);
        out.push(RecordFile {
            record,
            file,
            extras,
        });
    }
    RecordFiles {
        records: out,
        broken,
        parsed: reparsed.parsed,
    }
}
