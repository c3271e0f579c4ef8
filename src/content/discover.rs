//! Walking `content/` (with walkdir, never following symlinks) and sorting
//! its files by what the contract says they are.

use std::path::{Path, PathBuf};

use walkdir::WalkDir;

use crate::diagnostics::{Diagnostic, display_path};
use crate::model::MediaFile;
use crate::theme::is_editor_litter;

/// A content file waiting to be read.
#[derive(Debug, Clone)]
pub struct Pending {
    pub path: PathBuf,
    /// Relative to the site root: `content/offers/x.yaml`.
    pub rel: String,
    /// The id from the file name, for one-record files.
    pub id: String,
    /// The language from the file name, for Markdown documents.
    pub lang: String,
}

/// The files of a site by kind.
#[derive(Debug, Default)]
pub struct Found {
    pub site: Option<Pending>,
    pub categories: Option<Pending>,
    pub destinations: Option<Pending>,
    pub branches: Option<Pending>,
    pub partners: Vec<Pending>,
    pub offers: Vec<Pending>,
    pub terms: Vec<Pending>,
    pub pages: Vec<Pending>,
    pub media: Vec<MediaFile>,
}

/// The stem of a `.yaml` or `.yml` file name.
pub fn yaml_stem(name: &str) -> Option<&str> {
    name.strip_suffix(".yaml")
        .or_else(|| name.strip_suffix(".yml"))
}

/// Find the site's files. `None` when there is no `content/` at all.
pub fn discover(root: &Path, diagnostics: &mut Vec<Diagnostic>) -> Option<Found> {
    let content = root.join("content");
    if !content.is_dir() {
        diagnostics.push(
            Diagnostic::error(
                display_path(root, &content),
                format!("no content/ directory in {}", root.display()),
            )
            .hint("run offersite in the site's directory, or pass --root DIR"),
        );
        return None;
    }
    let mut found = Found::default();
    let walker = WalkDir::new(&content)
        .follow_links(false)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|e| {
            let name = e.file_name().to_string_lossy();
            e.depth() == 0
                || !is_editor_litter(&name)
                || (e.file_type().is_file() && is_hidden_content(&name))
        });
    for entry in walker {
        let entry = match entry {
            Ok(e) => e,
            Err(err) => {
                let file = err
                    .path()
                    .map_or_else(|| "content".into(), |p| display_path(root, p));
                diagnostics.push(
                    Diagnostic::error(file, format!("cannot read: {err}"))
                        .hint("check the permissions of this file or folder"),
                );
                continue;
            }
        };
        let rel = display_path(root, entry.path());
        let inner = display_path(&content, entry.path());
        if entry.file_type().is_symlink() {
            diagnostics.push(
                Diagnostic::warning(
                    rel,
                    "symbolic link ignored: offersite does not follow links in content/",
                )
                .hint("copy the file into the site instead of linking to it"),
            );
            continue;
        }
        if !entry.file_type().is_file() {
            continue;
        }
        let pending = |id: &str, lang: &str| Pending {
            path: entry.path().to_path_buf(),
            rel: rel.clone(),
            id: id.to_string(),
            lang: lang.to_string(),
        };
        let parts: Vec<&str> = inner.split('/').collect();
        let name = parts[parts.len() - 1];
        if is_hidden_content(name) {
            diagnostics.push(
                Diagnostic::warning(rel, "ignored: a hidden file (its name starts with a dot)")
                    .hint(format!(
                        "rename it to `{}` to publish it, or delete it",
                        name.trim_start_matches('.')
                    )),
            );
            continue;
        }
        match parts.as_slice() {
            ["site.yaml" | "site.yml"] => found.site = Some(pending("", "")),
            ["categories.yaml" | "categories.yml"] => found.categories = Some(pending("", "")),
            ["destinations.yaml" | "destinations.yml"] => {
                found.destinations = Some(pending("", ""));
            }
            ["branches.yaml" | "branches.yml"] => found.branches = Some(pending("", "")),
            ["media", ..] => found.media.push(MediaFile {
                path: parts[1..].join("/"),
                source: entry.path().to_path_buf(),
            }),
            ["partners", _] if yaml_stem(name).is_some() => found
                .partners
                .push(pending(yaml_stem(name).unwrap_or(""), "")),
            ["offers", _] if yaml_stem(name).is_some() => found
                .offers
                .push(pending(yaml_stem(name).unwrap_or(""), "")),
            [dir @ ("terms" | "pages"), _] if name.ends_with(".md") => {
                let stem = &name[..name.len() - 3];
                let (id, lang) = stem.rsplit_once('.').unwrap_or((stem, ""));
                let list = if *dir == "terms" {
                    &mut found.terms
                } else {
                    &mut found.pages
                };
                list.push(pending(id, lang));
            }
            _ => diagnostics.push(
                Diagnostic::warning(rel, "ignored: offersite does not know this file")
                    .hint(expected_here(&parts)),
            ),
        }
    }
    Some(found)
}

/// A content file an editor may mean to publish but whose name starts with
/// a dot (`.draft.yaml`, `..grand.yaml`), which the site skips. Editors'
/// swap, backup and lock files (`.x.yaml.swp`, `x.yaml~`, `.#x.yaml`) are
/// not: they end otherwise or start with `.#`.
fn is_hidden_content(name: &str) -> bool {
    name.starts_with('.')
        && !name.starts_with(".#")
        && [".yaml", ".yml", ".md"]
            .iter()
            .any(|ext| name.ends_with(ext))
}

fn expected_here(parts: &[&str]) -> String {
    match parts.first() {
        Some(&"offers") => "offers are content/offers/<id>.yaml".into(),
        Some(&"partners") => "partners are content/partners/<id>.yaml".into(),
        Some(&"terms") => "terms are content/terms/<id>.<lang>.md".into(),
        Some(&"pages") => "free pages are content/pages/<id>.<lang>.md".into(),
        _ => "content/ holds site.yaml, categories.yaml, destinations.yaml, branches.yaml and the folders partners/, offers/, terms/, pages/ and media/".into(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hidden_content_files_are_told_apart_from_editor_litter() {
        for name in [".draft.yaml", "..grand.yaml", ".about.zh.md", ".x.yml"] {
            assert!(is_hidden_content(name), "{name}");
        }
        for name in [
            "x.yaml",
            ".x.yaml.swp",
            ".#x.yaml",
            "x.yaml~",
            ".DS_Store",
            ".x.yaml.tmp",
        ] {
            assert!(!is_hidden_content(name), "{name}");
        }
    }
}
