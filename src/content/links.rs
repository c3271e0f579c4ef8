//! Links in Markdown: site paths must lead to a page the build will write,
//! and `javascript:`, `vbscript:` or `data:` targets are refused — by
//! [`markdown::is_dangerous`], the rule the renderer drops them by, over the
//! links [`markdown::links`] finds with the renderer's parser options.

use std::collections::HashSet;

use crate::diagnostics::did_you_mean;
use crate::markdown;

/// Every path the build will write, as `/zh/offers/x/` or `/sitemap.xml`.
#[derive(Debug, Default)]
pub struct SitePaths {
    paths: HashSet<String>,
}

impl SitePaths {
    pub fn insert(&mut self, path: String) {
        self.paths.insert(path);
    }

    /// Whether a root-relative link (query and fragment already removed)
    /// leads to a written page or file; `x`, `x/` and `x/index.html` all
    /// name the page `x/`.
    pub fn contains(&self, path: &str) -> bool {
        if self.paths.contains(path) {
            return true;
        }
        let dir = path.strip_suffix("index.html").unwrap_or(path);
        let dir = if dir.ends_with('/') {
            dir.to_string()
        } else {
            format!("{dir}/")
        };
        self.paths.contains(&dir)
    }

    /// A fingerprint of the whole set, the same for the same paths in any
    /// order: answers about links stay valid while it does not change.
    pub fn fingerprint(&self) -> u64 {
        use std::hash::{BuildHasher, BuildHasherDefault, DefaultHasher};
        let hasher = BuildHasherDefault::<DefaultHasher>::default();
        self.paths
            .iter()
            .map(|p| hasher.hash_one(p))
            .fold(self.paths.len() as u64, u64::wrapping_add)
    }

    /// The paths, in no particular order.
    pub fn iter(&self) -> impl Iterator<Item = &str> {
        self.paths.iter().map(String::as_str)
    }

    pub fn closest(&self, path: &str) -> Option<&str> {
        did_you_mean(path, self.paths.iter().map(String::as_str))
    }
}

/// A problem with one link, positioned within the Markdown text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LinkProblem {
    /// 0-based line within the text.
    pub line: usize,
    /// 1-based column, in characters.
    pub column: usize,
    pub message: String,
    pub hint: String,
}

/// Check every link and image of a Markdown text.
pub fn check(text: &str, paths: &SitePaths) -> Vec<LinkProblem> {
    let mut problems = Vec::new();
    for (dest, offset) in markdown::links(text) {
        let dest = dest.as_str();
        let (line, column) = position(text, offset);
        if markdown::is_dangerous(dest) {
            problems.push(LinkProblem {
                line,
                column,
                message: format!("link target {:?} is not allowed", truncate(dest)),
                hint: "link to a web address (https://…) or a site path (/zh/offers/…/)".into(),
            });
            continue;
        }
        if !dest.starts_with('/') || dest.starts_with("//") {
            continue;
        }
        let path = dest.split(['#', '?']).next().unwrap_or("");
        if !paths.contains(path) {
            let hint = match paths.closest(path) {
                Some(close) => format!("did you mean `{close}`?"),
                None => "link to a page that exists, e.g. /zh/offers/<offer-id>/".into(),
            };
            problems.push(LinkProblem {
                line,
                column,
                message: format!("link to {path} which the site will not have"),
                hint,
            });
        }
    }
    problems
}

fn truncate(s: &str) -> String {
    if s.chars().count() > 40 {
        format!("{}…", s.chars().take(40).collect::<String>())
    } else {
        s.to_string()
    }
}

/// The 0-based line and 1-based character column of a byte offset.
pub(crate) fn position(text: &str, offset: usize) -> (usize, usize) {
    let before = &text[..offset.min(text.len())];
    let line = before.matches('\n').count();
    let column = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    (line, column)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn paths() -> SitePaths {
        let mut p = SitePaths::default();
        p.insert("/zh/offers/a/".into());
        p.insert("/sitemap.xml".into());
        p
    }

    #[test]
    fn site_paths_must_exist() {
        let md = "See [a](/zh/offers/a/) and [a2](/zh/offers/a#x).\n\n[b](/zh/offers/b/)";
        let found = check(md, &paths());
        assert_eq!(found.len(), 1);
        assert_eq!((found[0].line, found[0].column), (2, 1));
        assert!(found[0].message.contains("/zh/offers/b/"));
        assert!(found[0].hint.contains("/zh/offers/a/"));
    }

    #[test]
    fn script_targets_are_refused() {
        let found = check(
            "[x](javascript:alert(1)) ![y](data:image/png;base64,AAA)",
            &paths(),
        );
        assert_eq!(found.len(), 2);
        assert_eq!((found[0].line, found[0].column), (0, 1));
        assert_eq!((found[1].line, found[1].column), (0, 26));
    }
}
