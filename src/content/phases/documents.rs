//! Markdown documents (terms, free pages): one file per language, gathered
//! into one document per id.

use crate::content::discover::{Found, Pending};
use crate::content::documents::{self, DocumentPart};
use crate::content::fields::Languages;
use crate::content::file::{FileState, MarkdownFile};
use crate::content::items::check_id;
use crate::content::problem::{Loc, Problem};
use crate::content::run::Run;
use crate::model::Document;
use crate::urls::RESERVED_PAGE_IDS;

/// A document with its draft flag and the files it came from.
pub(in crate::content) struct Gathered {
    pub document: Document,
    pub draft: bool,
    pub files: Vec<usize>,
}

/// The site's service terms and free pages.
pub(in crate::content) struct Documents {
    pub terms: Vec<Gathered>,
    pub pages: Vec<Gathered>,
}

impl Documents {
    pub fn iter(&self) -> impl Iterator<Item = &Gathered> {
        self.terms.iter().chain(self.pages.iter())
    }
}

pub(in crate::content) fn documents(run: &mut Run, found: &Found, langs: &Languages) -> Documents {
    Documents {
        terms: kind(run, &found.terms, "term", "terms", langs),
        pages: kind(run, &found.pages, "page", "pages", langs),
    }
}

/// One kind of document (`term` in `terms/`, `page` in `pages/`).
fn kind(
    run: &mut Run,
    pending: &[Pending],
    kind: &str,
    dir: &str,
    langs: &Languages,
) -> Vec<Gathered> {
    let mut parts: Vec<DocumentPart> = Vec::new();
    for p in pending {
        let MarkdownFile {
            mut state,
            front_matter_ok,
        } = FileState::read_markdown(p);
        let mut id_ok = check_id(&p.id, Loc::File, &mut state.problems);
        // A free page lives at /<lang>/<id>/, beside the site's sections.
        if dir == "pages" && RESERVED_PAGE_IDS.contains(&p.id.as_str()) {
            state.problems.push(
                Problem::error(
                    Loc::File,
                    format!(
                        "a page cannot be called `{}`: /<lang>/{}/ is a section of the site",
                        p.id, p.id
                    ),
                )
                .hint(format!(
                    "rename the file, e.g. pages/{}-info.{}.md",
                    p.id, p.lang
                )),
            );
            id_ok = false;
        }
        let lang_ok = if langs.codes.is_empty() || langs.codes.contains(&p.lang) {
            true
        } else {
            state.problems.push(
                Problem::error(
                    Loc::File,
                    if p.lang.is_empty() {
                        "the file name does not say its language".to_string()
                    } else {
                        format!("`{}` is not a language of the site", p.lang)
                    },
                )
                .hint(format!(
                    "name the file {dir}/<id>.<lang>.md with lang one of: {}",
                    langs.codes.join(", ")
                )),
            );
            false
        };
        let value = if front_matter_ok {
            state.parse_yaml()
        } else {
            None
        };
        let body = state
            .source
            .as_ref()
            .map(|s| s.body_text().to_string())
            .unwrap_or_default();
        let file = run.files.len();
        if let Some(v) = value {
            let part = documents::part(&p.id, &p.lang, file, &v, &body, &mut state.problems);
            if let Some(part) = part.filter(|_| id_ok && lang_ok) {
                parts.push(part);
            }
        }
        run.push(state);
    }
    let files_of = |id: &str, parts: &[DocumentPart]| {
        parts
            .iter()
            .filter(|p| p.id == id)
            .map(|p| p.file)
            .collect::<Vec<_>>()
    };
    let mut problems = Vec::new();
    let gathered = documents::gather(parts.clone(), kind, dir, langs, &mut problems);
    for (file, p) in problems {
        run.files[file].problems.push(p);
    }
    gathered
        .into_iter()
        .map(|(document, draft)| Gathered {
            files: files_of(&document.id, &parts),
            document,
            draft,
        })
        .collect()
}
