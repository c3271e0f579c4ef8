//! Pictures in Markdown texts: each raster picture an image names must be
//! one the media pipeline can resize (readable, within the limits) and
//! wide enough for the text column, like an offer's picture. A missing
//! one is the link check's (`links`) to report.

use std::collections::HashMap;

use crate::media::{self, probe};

use super::items::MarkdownField;
use super::links::position;
use super::problem::{Loc, Problem};

/// What the headers of the site's raster pictures say, by media path.
pub type Facts = HashMap<String, Result<probe::Facts, String>>;

/// One picture problem, positioned within the Markdown text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PictureProblem {
    /// 0-based line within the text.
    pub line: usize,
    /// 1-based column, in characters.
    pub column: usize,
    pub finding: probe::Finding,
}

/// The problems of the pictures `markdown` shows.
pub fn check(markdown: &str, pictures: &Facts) -> Vec<PictureProblem> {
    let mut out = Vec::new();
    for (url, offset) in media::body_pictures(markdown) {
        let Some(path) = media::body_picture(&url) else {
            continue;
        };
        let (Some(kind), Some(facts)) = (media::Kind::of_path(path), pictures.get(path)) else {
            continue;
        };
        let (line, column) = position(markdown, offset);
        for finding in probe::judge(facts, kind, media::MIN_WIDTH) {
            out.push(PictureProblem {
                line,
                column,
                finding,
            });
        }
    }
    out
}

fn problem(loc: Loc, p: PictureProblem) -> Problem {
    let problem = if p.finding.warning {
        Problem::warning(loc, p.finding.message)
    } else {
        Problem::error(loc, p.finding.message)
    };
    problem.hint(p.finding.hint)
}

/// Check the pictures of Markdown held in YAML fields.
pub fn check_fields(fields: &[MarkdownField], pictures: &Facts, problems: &mut Vec<Problem>) {
    for field in fields {
        for p in check(&field.text, pictures) {
            let loc = Loc::InYamlText(field.path.clone(), p.line, p.column);
            problems.push(problem(loc, p));
        }
    }
}

/// Check the pictures of a Markdown file's body, which starts on
/// `body_line`.
pub fn check_body(body: &str, body_line: usize, pictures: &Facts, problems: &mut Vec<Problem>) {
    for p in check(body, pictures) {
        let loc = Loc::Text(body_line + p.line, p.column);
        problems.push(problem(loc, p));
    }
}

/// A fingerprint of the pictures' facts: link answers kept between checks
/// (which carry these problems) stay valid while it does not change.
pub fn fingerprint(pictures: &Facts) -> u64 {
    use std::hash::{BuildHasher, BuildHasherDefault, DefaultHasher};
    let hasher = BuildHasherDefault::<DefaultHasher>::default();
    pictures
        .iter()
        .map(|(path, facts)| {
            hasher.hash_one((path, facts.as_ref().map(|f| (f.bytes, f.width, f.height))))
        })
        .fold(pictures.len() as u64, u64::wrapping_add)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn facts(width: u32) -> Facts {
        let mut f = Facts::new();
        f.insert(
            "a.jpg".into(),
            Ok(probe::Facts {
                bytes: 1000,
                width,
                height: 100,
            }),
        );
        f.insert("bad.png".into(), Err("not a PNG".into()));
        f
    }

    #[test]
    fn problems_sit_where_the_image_is_named() {
        let md =
            "Intro\n\nSee ![narrow](/media/a.jpg) and\n![x](/media/bad.png)\n![svg](/media/s.svg)";
        let found = check(md, &facts(500));
        assert_eq!(found.len(), 2, "{found:?}");
        assert_eq!((found[0].line, found[0].column), (2, 5));
        assert!(found[0].finding.warning);
        assert_eq!((found[1].line, found[1].column), (3, 1));
        assert!(!found[1].finding.warning);
        assert!(check(md.split("\n![x]").next().unwrap(), &facts(2000)).is_empty());
    }
}
