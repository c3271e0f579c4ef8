//! The checks that need the whole site: references between records, and
//! links and pictures in Markdown against every path the build will write.
//! They run on everything that exists, broken or not, so that one broken
//! record does not also make every reference and link to it an error.

use std::collections::HashSet;

use rayon::prelude::*;

use crate::content::LoadOptions;
use crate::content::body_pictures;
use crate::content::cache::LoadCache;
use crate::content::config::DEFAULT_PAGE_SIZE;
use crate::content::discover::{Found, Pending};
use crate::content::problem::Problem;
use crate::content::references::{self, Known, Listed};
use crate::content::run::Run;
use crate::model::{Status, Theme};

use super::documents::Documents;
use super::lists::ListIds;
use super::records::Records;
use super::settings::Settings;

/// What references and links may point at.
pub(in crate::content) fn known(
    found: &Found,
    settings: &Settings,
    ids: ListIds,
    records: &Records,
    theme: &Theme,
    options: &LoadOptions,
) -> Known {
    let ids_of = |pending: &[Pending]| pending.iter().map(|p| p.id.clone()).collect();
    Known {
        languages: settings.langs.codes.clone(),
        partners: ids_of(&found.partners),
        categories: ids.categories.into_iter().collect(),
        destinations: ids.destinations.into_iter().collect(),
        branches: ids.branches.into_iter().collect(),
        terms: ids_of(&found.terms),
        pages: ids_of(&found.pages),
        offers: {
            let drafts: HashSet<&str> = records
                .offers
                .iter()
                .filter(|o| o.record.draft && !options.drafts)
                .map(|o| o.record.id.as_str())
                .collect();
            found
                .offers
                .iter()
                .filter(|p| !drafts.contains(p.id.as_str()))
                .map(|p| p.id.clone())
                .collect()
        },
        media: found.media.iter().map(|m| m.path.clone()).collect(),
        pictures: found
            .media
            .par_iter()
            .filter_map(|m| {
                let kind = crate::media::Kind::of_path(&m.path)?;
                Some((m.path.clone(), crate::media::probe::probe(&m.source, kind)))
            })
            .collect(),
        assets: theme.assets.iter().map(|a| a.path.clone()).collect(),
        listed: {
            let mut listed = Listed::default();
            for o in &records.offers {
                let o = &o.record;
                if (options.drafts || !o.draft) && o.status(options.now) == Status::Active {
                    listed.add(o);
                }
            }
            listed
        },
        page_size: settings
            .config
            .as_ref()
            .map_or(DEFAULT_PAGE_SIZE, |c| c.page_size),
    }
}

/// Every record's references resolve.
pub(in crate::content) fn check_references(run: &mut Run, known: &Known, records: &Records) {
    for r in records.references() {
        references::check(known, r.extras, &mut run.files[r.file].problems);
    }
}

/// Links and pictures in Markdown, against every path the build will write.
/// A record file that did not change keeps its answer while the set of
/// paths is the same.
pub(in crate::content) fn check_markdown(
    run: &mut Run,
    known: &Known,
    records: &Records,
    documents: &Documents,
    cache: &mut LoadCache,
) {
    let targets = references::site_paths(known);
    let fingerprint = targets.fingerprint() ^ body_pictures::fingerprint(&known.pictures);
    cache.links_lead_to(targets, fingerprint);
    let paths = cache.link_targets();
    struct Answer {
        file: usize,
        problems: Vec<Problem>,
    }
    let answers: Vec<Answer> = records
        .references()
        .collect::<Vec<_>>()
        .into_par_iter()
        .map(|r| {
            let problems = cache.link_problems(&run.files[r.file]).unwrap_or_else(|| {
                let mut problems = Vec::new();
                references::check_markdown_fields(&r.extras.markdown, paths, &mut problems);
                body_pictures::check_fields(&r.extras.markdown, &known.pictures, &mut problems);
                problems
            });
            Answer {
                file: r.file,
                problems,
            }
        })
        .collect();
    for answer in answers {
        let state = &mut run.files[answer.file];
        cache.remember_link_problems(state, &answer.problems);
        state.problems.extend(answer.problems);
    }
    let paths = cache.link_targets();
    for doc in documents.iter() {
        for &file in &doc.files {
            let state = &mut run.files[file];
            if let Some(s) = &state.source {
                references::check_markdown_body(
                    s.body_text(),
                    s.body_line,
                    paths,
                    &mut state.problems,
                );
                body_pictures::check_body(
                    s.body_text(),
                    s.body_line,
                    &known.pictures,
                    &mut state.problems,
                );
            }
        }
    }
}
