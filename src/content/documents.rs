//! Service terms and free pages: one Markdown file per language
//! (`<id>.<lang>.md`) with front matter, gathered into one document.

use std::collections::BTreeMap;

use serde_yaml::Value;

use crate::model::{Document, LocalText, Text};

use super::fields::{Languages, Record, fill_translations};
use super::problem::{Loc, Problem};
use super::yaml::YamlPath;

/// One language's file of a document.
#[derive(Debug, Clone)]
pub struct DocumentPart {
    pub id: String,
    pub lang: String,
    /// Index of the file, for problems found when gathering.
    pub file: usize,
    pub title: String,
    pub summary: String,
    pub weight: i64,
    pub draft: bool,
    pub body: String,
}

/// Read one file's front matter; the body is passed in as is.
pub fn part(
    id: &str,
    lang: &str,
    file: usize,
    front_matter: &Value,
    body: &str,
    problems: &mut Vec<Problem>,
) -> Option<DocumentPart> {
    let mut r = Record::open(
        front_matter,
        YamlPath::root(),
        "front matter",
        super::shapes::front_matter_fields(),
        problems,
    )?;
    let title = r.string("title", Some("…"));
    let summary = r.string("summary", Some("…"));
    let weight = r.integer("weight").unwrap_or(0);
    let draft = r.bool("draft");
    Some(DocumentPart {
        id: id.to_string(),
        lang: lang.to_string(),
        file,
        title: title?,
        summary: summary?,
        weight,
        draft,
        body: body.to_string(),
    })
}

/// Gather the parts of each id into documents; a missing language is an
/// error on the files that exist (or filled from the default language when
/// `translation_fallback` is on). Returns `(document, draft, files)`.
pub fn gather(
    parts: Vec<DocumentPart>,
    kind: &str,
    dir: &str,
    langs: &Languages,
    problems: &mut Vec<(usize, Problem)>,
) -> Vec<(Document, bool)> {
    let mut by_id: BTreeMap<String, Vec<DocumentPart>> = BTreeMap::new();
    for p in parts {
        by_id.entry(p.id.clone()).or_default().push(p);
    }
    let mut documents = Vec::new();
    for (id, parts) in by_id {
        let mut title = Text::default();
        let mut summary = Text::default();
        let mut body = Text::default();
        let local = |text: &str, lang: &str| LocalText {
            text: text.to_string(),
            lang: lang.to_string(),
            fallback: false,
        };
        for p in &parts {
            title.0.insert(p.lang.clone(), local(&p.title, &p.lang));
            summary.0.insert(p.lang.clone(), local(&p.summary, &p.lang));
            body.0.insert(p.lang.clone(), local(&p.body, &p.lang));
        }
        let mut missing = Vec::new();
        let title = fill_translations(title, &YamlPath::root(), "title", langs, &mut missing);
        let summary = fill_translations(
            summary,
            &YamlPath::root(),
            "summary",
            langs,
            &mut Vec::new(),
        );
        let body = fill_translations(body, &YamlPath::root(), "body", langs, &mut Vec::new());
        let first = parts[0].file;
        if !missing.is_empty() {
            for lang in &langs.codes {
                if !parts.iter().any(|p| &p.lang == lang) {
                    let default = &langs.codes[0];
                    problems.push((
                        first,
                        Problem::error(Loc::File, format!("the {kind} `{id}` is missing its `{lang}` translation"))
                            .hint(format!(
                                "translate it: add content/{dir}/{id}.{lang}.md; only if the whole site may show `{default}` text where a translation is missing, set `translation_fallback: true` in site.yaml"
                            )),
                    ));
                }
            }
            continue;
        }
        let weight = parts
            .iter()
            .find(|p| Some(&p.lang) == langs.codes.first())
            .unwrap_or(&parts[0])
            .weight;
        let draft = parts.iter().all(|p| p.draft);
        if let (Some(title), Some(summary), Some(body)) = (title, summary, body) {
            documents.push((
                Document {
                    id,
                    title,
                    summary,
                    weight,
                    body,
                },
                draft,
            ));
        }
    }
    documents.sort_by(|a, b| (a.0.weight, &a.0.id).cmp(&(b.0.weight, &b.0.id)));
    documents
}
