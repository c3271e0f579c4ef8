//! Checks that need the whole site: references between records resolve,
//! media paths exist inside `content/media/`, and site paths linked from
//! Markdown will be written.

use std::collections::HashSet;

use crate::diagnostics::did_you_mean;
use crate::model::{Site, Status};

use super::items::{Extras, MarkdownField, RefKind};
use super::links::{self, SitePaths};
use super::problem::{Loc, Problem};

/// The ids that references may point at.
pub struct Targets {
    pub partners: HashSet<String>,
    pub categories: HashSet<String>,
    pub destinations: HashSet<String>,
    pub terms: HashSet<String>,
    pub media: HashSet<String>,
}

impl Targets {
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
pub fn check(targets: &Targets, extras: &Extras, problems: &mut Vec<Problem>) {
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

/// Every path the build will write for this site.
pub fn site_paths(site: &Site) -> SitePaths {
    let mut paths = SitePaths::default();
    for p in [
        "/",
        "/sitemap.xml",
        "/robots.txt",
        "/404.html",
        "/api/v1/offers.json",
    ] {
        paths.insert(p.to_string());
    }
    let active = site
        .offers
        .iter()
        .filter(|o| o.status(site.now) == Status::Active)
        .count();
    let pages = active.div_ceil(site.config.page_size.max(1)).max(1);
    for lang in &site.config.languages {
        let l = &lang.code;
        paths.insert(format!("/{l}/"));
        paths.insert(format!("/{l}/atom.xml"));
        paths.insert(format!("/{l}/offers/"));
        paths.insert(format!("/{l}/branches/"));
        paths.insert(format!("/{l}/terms/"));
        for n in 2..=pages {
            paths.insert(format!("/{l}/offers/page/{n}/"));
        }
        for o in &site.offers {
            paths.insert(format!("/{l}/offers/{}/", o.id));
        }
        for c in &site.categories {
            paths.insert(format!("/{l}/categories/{}/", c.id));
        }
        for d in &site.destinations {
            paths.insert(format!("/{l}/destinations/{}/", d.id));
        }
        for p in &site.partners {
            paths.insert(format!("/{l}/partners/{}/", p.id));
        }
        for b in &site.branches {
            paths.insert(format!("/{l}/branches/{}/", b.id));
        }
        for t in &site.terms {
            paths.insert(format!("/{l}/terms/{}/", t.id));
        }
        for p in &site.pages {
            paths.insert(format!("/{l}/{}/", p.id));
        }
    }
    for m in &site.media {
        paths.insert(format!("/media/{}", m.path));
    }
    for a in &site.theme.assets {
        paths.insert(format!("/{}", a.path));
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
