//! Checks that need the whole site: references between records resolve,
//! media paths exist inside `content/media/`, and site paths linked from
//! Markdown will be written.

use std::collections::{HashMap, HashSet};

use crate::media::{self, probe};
use crate::urls;

use crate::diagnostics::did_you_mean;

use super::items::{Extras, MarkdownField, RefKind};
use super::links::{self, SitePaths};
use super::problem::{Loc, Problem};

/// What the site has (its records, including broken ones), for references
/// and links to point at.
#[derive(Debug, Default)]
pub struct Known {
    pub languages: Vec<String>,
    pub partners: HashSet<String>,
    pub categories: HashSet<String>,
    pub destinations: HashSet<String>,
    pub branches: HashSet<String>,
    pub terms: HashSet<String>,
    pub pages: HashSet<String>,
    /// Offers that will have pages (drafts only with `--drafts`).
    pub offers: HashSet<String>,
    pub media: HashSet<String>,
    /// What the headers of the raster pictures among the media say.
    pub pictures: HashMap<String, Result<probe::Facts, String>>,
    pub assets: HashSet<String>,
    /// The offers each listing will show, to count its pages.
    pub listed: Listed,
    pub page_size: usize,
}

/// How many offers the listings will show: the offers listing, and each
/// category's, destination's and partner's (keyed by id).
#[derive(Debug, Default)]
pub struct Listed {
    pub offers: usize,
    pub categories: HashMap<String, usize>,
    pub destinations: HashMap<String, usize>,
    pub partners: HashMap<String, usize>,
}

impl Listed {
    /// Count an offer the listings will show (an active, published one).
    pub fn add(&mut self, offer: &crate::model::Offer) {
        self.offers += 1;
        *self.categories.entry(offer.category.clone()).or_default() += 1;
        *self.partners.entry(offer.partner.clone()).or_default() += 1;
        for d in offer.listed_destinations() {
            *self.destinations.entry(d.to_string()).or_default() += 1;
        }
    }
}

impl Known {
    fn of(&self, kind: RefKind) -> &HashSet<String> {
        match kind {
            RefKind::Partner => &self.partners,
            RefKind::Category => &self.categories,
            RefKind::Destination => &self.destinations,
            RefKind::Term => &self.terms,
            RefKind::Media => &self.media,
        }
    }
}

/// Check one record's references.
pub fn check(targets: &Known, extras: &Extras, problems: &mut Vec<Problem>) {
    for r in &extras.references {
        let loc = Loc::Yaml(r.path.clone());
        if r.kind == RefKind::Media
            && let Some(why) = media_path_problem(&r.id)
        {
            problems.push(
                Problem::error(loc, why)
                    .hint("give a path under content/media/, e.g. `logos/macys.svg`"),
            );
            continue;
        }
        let known = targets.of(r.kind);
        if known.contains(&r.id) {
            if r.kind == RefKind::Media {
                check_picture(targets, r, &mut *problems);
            }
            continue;
        }
        let noun = r.kind.noun();
        let mut sorted: Vec<&str> = known.iter().map(String::as_str).collect();
        sorted.sort_unstable();
        let hint = match did_you_mean(&r.id, sorted.iter().copied()) {
            Some(close) => format!("did you mean `{close}`?"),
            None if r.kind == RefKind::Media => format!("add the file content/media/{}", r.id),
            None if sorted.is_empty() => format!("no {noun} is defined yet"),
            None if sorted.len() <= 12 => format!("known {noun} ids: {}", sorted.join(", ")),
            None => format!("check the {noun} ids in the content folder"),
        };
        let message = if r.kind == RefKind::Media {
            format!("media file content/media/{} does not exist", r.id)
        } else {
            format!("unknown {noun} `{}`", r.id)
        };
        problems.push(Problem::error(loc, message).hint(hint));
    }
}

/// A raster picture that exists: readable, within the limits, wide enough
/// for where the theme shows it (a logo, or an offer's picture).
fn check_picture(targets: &Known, r: &super::items::Reference, problems: &mut Vec<Problem>) {
    let (Some(kind), Some(facts)) = (media::Kind::of_path(&r.id), targets.pictures.get(&r.id))
    else {
        return;
    };
    let logo = matches!(r.path.segments.last(), Some(super::yaml::Segment::Key(k)) if k == "logo");
    let min_width = if logo {
        media::MIN_LOGO_WIDTH
    } else {
        media::MIN_WIDTH
    };
    for f in probe::judge(facts, kind, min_width) {
        let loc = Loc::Yaml(r.path.clone());
        let problem = if f.warning {
            Problem::warning(loc, f.message)
        } else {
            Problem::error(loc, f.message)
        };
        problems.push(problem.hint(f.hint));
    }
}

/// Why a media path is not a plain path inside `content/media/`.
pub fn media_path_problem(path: &str) -> Option<String> {
    if path.starts_with('/') || path.contains('\\') || path.contains(':') {
        return Some(format!(
            "media path {path:?} must be relative to content/media/"
        ));
    }
    if path
        .split('/')
        .any(|part| part == ".." || part == "." || part.is_empty())
    {
        return Some(format!(
            "media path {path:?} escapes content/media/ or is not a plain path"
        ));
    }
    None
}

/// Every site path a link may lead to: the pages, feeds and files the build
/// will write, from the URL contract's one list ([`urls::Outline`]), plus
/// media and the theme's assets under their plain names.
pub fn site_paths(known: &Known) -> SitePaths {
    let outline = urls::Outline {
        offer_list_pages: urls::page_count(known.listed.offers, known.page_size),
        offers: sorted(&known.offers),
        categories: paged(&known.categories, &known.listed.categories, known.page_size),
        destinations: paged(
            &known.destinations,
            &known.listed.destinations,
            known.page_size,
        ),
        partners: paged(&known.partners, &known.listed.partners, known.page_size),
        branches: sorted(&known.branches),
        terms: sorted(&known.terms),
        pages: sorted(&known.pages),
    };
    let mut paths = SitePaths::default();
    for p in outline.link_targets(known.languages.iter().map(String::as_str)) {
        paths.insert(p);
    }
    for m in &known.media {
        paths.insert(format!("/media/{m}"));
    }
    for a in &known.assets {
        paths.insert(urls::asset(a.strip_prefix("assets/").unwrap_or(a)));
    }
    paths
}

/// Check the links of Markdown held in YAML fields.
pub fn check_markdown_fields(
    fields: &[MarkdownField],
    paths: &SitePaths,
    problems: &mut Vec<Problem>,
) {
    for field in fields {
        for lp in links::check(&field.text, paths) {
            problems.push(
                Problem::error(
                    Loc::InYamlText(field.path.clone(), lp.line, lp.column),
                    lp.message,
                )
                .hint(lp.hint),
            );
        }
    }
}

/// Check the links of a Markdown file's body, which starts on `body_line`.
pub fn check_markdown_body(
    body: &str,
    body_line: usize,
    paths: &SitePaths,
    problems: &mut Vec<Problem>,
) {
    for lp in links::check(body, paths) {
        problems.push(
            Problem::error(Loc::Text(body_line + lp.line, lp.column), lp.message).hint(lp.hint),
        );
    }
}

/// Ids in a stable order.
fn sorted(ids: &HashSet<String>) -> Vec<&str> {
    let mut v: Vec<&str> = ids.iter().map(String::as_str).collect();
    v.sort_unstable();
    v
}

/// Ids in a stable order, each with the number of pages its listing takes.
fn paged<'k>(
    ids: &'k HashSet<String>,
    counts: &HashMap<String, usize>,
    page_size: usize,
) -> Vec<(&'k str, usize)> {
    let mut v: Vec<(&str, usize)> = ids
        .iter()
        .map(|id| {
            let n = counts.get(id).copied().unwrap_or(0);
            (id.as_str(), urls::page_count(n, page_size))
        })
        .collect();
    v.sort_unstable();
    v
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markdown_may_link_the_apps_documents() {
        let mut known = Known::default();
        known.offers.insert("a".into());
        known.categories.insert("shopping".into());
        known.destinations.insert("maui".into());
        let paths = site_paths(&known);
        for p in [
            "/api/v1/offers.json",
            "/api/v1/index.json",
            "/api/v1/offers/a.json",
            "/api/v1/categories/shopping.json",
            "/api/v1/destinations/maui.json",
        ] {
            assert!(paths.contains(p), "{p}");
        }
        assert!(!paths.contains("/api/v1/offers/b.json"));
    }
}
