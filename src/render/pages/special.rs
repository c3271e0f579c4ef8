//! The pages that are not per language: the language chooser at `/` and
//! the bilingual `/404.html`.

use serde::Serialize;

use super::context::{Alternate, PageMeta, Translation, alternates, ui};
use super::kind::Kind;
use crate::output::OutputFile;
use crate::render::engine::{Engine, RenderError};
use crate::render::index::Index;
use crate::render::lang::LangData;
use crate::urls;

/// The pages that are not per language.
#[derive(Debug, Clone, Copy)]
pub enum Special {
    Root,
    NotFound,
}

impl Special {
    /// The site path of the page.
    pub fn path(self) -> &'static str {
        match self {
            Special::Root => urls::ROOT,
            Special::NotFound => urls::NOT_FOUND,
        }
    }

    fn kind(self) -> Kind {
        match self {
            Special::Root => Kind::Root,
            Special::NotFound => Kind::NotFound,
        }
    }
}

/// A language's home, with the site's title and description in it.
#[derive(Serialize)]
struct LanguageEntry<'a> {
    #[serde(flatten)]
    home: Translation<'a>,
    title: &'a str,
    description: &'a str,
}

/// The language chooser at `/` and the bilingual `/404.html`: both speak
/// every language at once, so they get every language's home and titles.
pub fn render_special(
    special: Special,
    all: &[LangData],
    index: &Index,
    engine: &Engine,
) -> Result<OutputFile, (RenderError, String)> {
    let site = index.site;
    let default = &all[0];
    let languages: Vec<LanguageEntry> = all
        .iter()
        .map(|d| LanguageEntry {
            home: home_of(d, index),
            title: site.config.title.get(&d.lang.code),
            description: site.config.description.get(&d.lang.code),
        })
        .collect();
    let path = special.path();
    // Titles join every language's wording, the page being all of them.
    let joined = |wording: &dyn Fn(&str) -> String| -> String {
        dedup_join(all.iter().map(|d| wording(&d.lang.code)).collect())
    };
    let (title, description) = match special {
        Special::Root => (
            joined(&|l| site.config.title.get(l).to_string()),
            joined(&|l| site.config.description.get(l).to_string()),
        ),
        Special::NotFound => {
            let title = joined(&|l| ui(index, l, "not_found_title", &[]));
            (title.clone(), title)
        }
    };
    let alternates = match special {
        // The chooser is the x-default of the home pages' set.
        Special::Root => {
            let mut a: Vec<Alternate> = all
                .iter()
                .map(|d| Alternate {
                    hreflang: d.lang.locale.clone(),
                    href: index.urls.abs(&urls::home(&d.lang.code)),
                })
                .collect();
            a.push(Alternate {
                hreflang: "x-default".into(),
                href: index.urls.abs(path),
            });
            a
        }
        Special::NotFound => alternates(index, |_| path.to_string()),
    };
    let meta = PageMeta {
        kind: special.kind(),
        title,
        description,
        url: index.urls.rel(path),
        canonical: index.urls.abs(path),
        alternates,
        translations: all[1..].iter().map(|d| home_of(d, index)).collect(),
        og_type: "website",
        image: None,
        noindex: matches!(special, Special::NotFound),
    };
    let mut context = default.base.clone();
    context.insert("page", &meta);
    context.insert("languages", &languages);
    let file = urls::file_for(path);
    match engine.render(&default.lang.code, special.kind().template(), &context) {
        Ok(html) => Ok(OutputFile::bytes(file, html)),
        Err(err) => Err((err, file)),
    }
}

/// A language and its home page.
fn home_of<'a>(data: &LangData<'a>, index: &Index) -> Translation<'a> {
    Translation::new(data.lang, index.urls.rel(&urls::home(&data.lang.code)))
}

/// `parts` joined by " | ", each wording once (two languages may share a
/// site title).
fn dedup_join(mut parts: Vec<String>) -> String {
    let mut seen = Vec::new();
    parts.retain(|p| {
        if seen.contains(p) {
            false
        } else {
            seen.push(p.clone());
            true
        }
    });
    parts.join(" | ")
}
