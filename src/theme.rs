//! The theme: the default one built into the binary, overridden file by file
//! by a site's own `templates/` directory.

use std::collections::BTreeMap;
use std::path::Path;

use walkdir::WalkDir;

use crate::diagnostics::{Diagnostic, display_path};
use crate::model::{Origin, Theme, ThemeFile};

include!(concat!(env!("OUT_DIR"), "/builtin_theme.rs"));

/// Files an editor's tools leave behind, never part of a theme or content.
pub fn is_editor_litter(name: &str) -> bool {
    name.starts_with('.') || name.ends_with('~') || name.ends_with(".swp") || name.ends_with(".tmp")
}

/// The built-in theme with the site's `templates/` laid over it.
pub fn load(root: &Path) -> (Theme, Vec<Diagnostic>) {
    let mut files: BTreeMap<String, ThemeFile> = BUILTIN_THEME
        .iter()
        .map(|(path, bytes)| {
            let file = ThemeFile {
                path: path.to_string(),
                bytes: bytes.to_vec(),
                origin: Origin::Builtin,
            };
            (path.to_string(), file)
        })
        .collect();
    let mut diagnostics = Vec::new();
    let dir = root.join("templates");
    if dir.is_dir() {
        // Symlinks are not followed: a theme must not read outside the site.
        for entry in WalkDir::new(&dir).sort_by_file_name() {
            let entry = match entry {
                Ok(e) => e,
                Err(err) => {
                    let path = err
                        .path()
                        .map(|p| display_path(root, p))
                        .unwrap_or_default();
                    diagnostics.push(
                        Diagnostic::error(path, format!("cannot read the theme: {err}"))
                            .hint("check the file's permissions"),
                    );
                    continue;
                }
            };
            if !entry.file_type().is_file() {
                continue;
            }
            let name = entry.file_name().to_string_lossy();
            if is_editor_litter(&name) {
                continue;
            }
            let rel = display_path(&dir, entry.path());
            match std::fs::read(entry.path()) {
                Ok(bytes) => {
                    files.insert(
                        rel.clone(),
                        ThemeFile {
                            path: rel,
                            bytes,
                            origin: Origin::Site(entry.path().to_path_buf()),
                        },
                    );
                }
                Err(err) => diagnostics.push(
                    Diagnostic::error(
                        display_path(root, entry.path()),
                        format!("cannot read: {err}"),
                    )
                    .hint("check the file's permissions"),
                ),
            }
        }
    }
    let mut theme = Theme::default();
    for (path, file) in files {
        if path.starts_with("assets/") {
            theme.assets.push(file);
        } else if path.starts_with("i18n/") {
            theme.i18n.push(file);
        } else {
            theme.templates.push(file);
        }
    }
    (theme, diagnostics)
}
