//! `offersite new`: bilingual scaffolds with every field.
//!
//! A scaffold lists every field of its kind with a one-line comment, in
//! every language of the site (`site.yaml`'s, or zh and en when it cannot
//! be read). What the editor must write is left **empty** (`""`, `[]`, a
//! `YYYY-MM-DD` date): `offersite check` (and the preview's overlay) then
//! reports each blank still to fill with its file, line and column, so a
//! half-written item can never be published with placeholder text in it.
//! Optional fields are there too, empty, with a comment saying they may be
//! deleted; flags get their default value.
//!
//! Exit status: 0 written; 2 for an invalid id (wrong usage); 1 when the
//! file already exists or cannot be written.

use std::io::Write as _;
use std::path::Path;
use std::process::ExitCode;

use crate::content::fields::{id_problem, suggest_id};
use crate::urls::RESERVED_PAGE_IDS;

/// The kinds `offersite new` can scaffold; kept here rather than in `cli` so
/// the command line depends on the scaffolder and not the other way round.
#[derive(Debug, Clone, Copy, clap::ValueEnum)]
pub enum NewKind {
    /// content/offers/ID.yaml
    Offer,
    /// content/partners/ID.yaml
    Partner,
    /// content/terms/ID.<lang>.md, one per language
    Term,
    /// content/pages/ID.<lang>.md, one per language
    Page,
}

pub fn run(kind: NewKind, id: &str, root: &Path) -> ExitCode {
    if let Some(why) = id_problem(id) {
        let suggestion = suggest_id(id);
        eprintln!("error: invalid id: {why}");
        if !suggestion.is_empty() && suggestion != id {
            eprintln!(
                "  = hint: ids use only lowercase ASCII letters, digits and `-`; try `{suggestion}`"
            );
        } else {
            eprintln!(
                "  = hint: ids use only lowercase ASCII letters, digits and `-`, e.g. `macys-spring-sale`"
            );
        }
        return ExitCode::from(2);
    }
    if matches!(kind, NewKind::Page) && RESERVED_PAGE_IDS.contains(&id) {
        eprintln!(
            "error: a page cannot be called `{id}`: /<lang>/{id}/ is already a section of the site"
        );
        eprintln!("  = hint: choose another id, e.g. `{id}-info`");
        return ExitCode::from(2);
    }
    if !root.join("content").is_dir() {
        eprintln!(
            "error: {} has no content/ directory",
            root.join("content").display()
        );
        eprintln!("  = hint: run this in the site's directory, or pass --root DIR");
        return ExitCode::from(2);
    }
    let langs = site_languages(root);
    let files = scaffold(kind, id, &langs);
    for (rel, _) in &files {
        if root.join(rel).exists() {
            eprintln!("error: {rel} already exists");
            eprintln!("  = hint: edit that file, or choose another id");
            return ExitCode::from(1);
        }
    }
    let mut written = Vec::new();
    for (rel, text) in &files {
        match write_new(&root.join(rel), text) {
            Ok(()) => written.push(rel.clone()),
            Err(err) => {
                for done in &written {
                    let _ = std::fs::remove_file(root.join(done));
                }
                eprintln!("error: cannot write {rel}: {err}");
                return ExitCode::from(1);
            }
        }
    }
    let mut out = std::io::stdout().lock();
    for rel in &written {
        let _ = writeln!(out, "created {rel}");
    }
    // The schema line at the top of the file points at ROOT/schemas/.
    let schemas = root.join(crate::schema::DEFAULT_DIR);
    let missing = written
        .iter()
        .any(|rel| crate::schema::schema_of(rel).is_some_and(|name| !schemas.join(name).exists()));
    if missing && crate::schema::write(root, &schemas).is_ok() {
        let _ = writeln!(
            out,
            "wrote the JSON Schemas to {}/ for editors' autocompletion",
            crate::schema::DEFAULT_DIR
        );
    }
    let _ = writeln!(
        out,
        "fill in the empty fields; `offersite check` lists the ones left"
    );
    ExitCode::SUCCESS
}

/// Create a file that must not exist yet (no race with another writer).
fn write_new(path: &Path, text: &str) -> std::io::Result<()> {
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent)?;
    }
    let mut file = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(path)?;
    file.write_all(text.as_bytes())
}

/// The site's language codes, or zh and en when `site.yaml` does not say.
fn site_languages(root: &Path) -> Vec<String> {
    let codes = std::fs::read_to_string(root.join("content/site.yaml"))
        .ok()
        .and_then(|t| serde_yaml::from_str::<serde_yaml::Value>(&t).ok())
        .map(|v| crate::content::config::languages(&v).codes)
        .unwrap_or_default();
    let valid: Vec<String> = codes
        .into_iter()
        .filter(|c| id_problem(c).is_none())
        .collect();
    if valid.is_empty() {
        vec!["zh".into(), "en".into()]
    } else {
        valid
    }
}

/// The files of a scaffold: (path relative to the root, text).
pub fn scaffold(kind: NewKind, id: &str, langs: &[String]) -> Vec<(String, String)> {
    let files = match kind {
        NewKind::Offer => vec![(format!("content/offers/{id}.yaml"), offer(id, langs))],
        NewKind::Partner => vec![(format!("content/partners/{id}.yaml"), partner(id, langs))],
        NewKind::Term => document("terms", "term", id, langs),
        NewKind::Page => document("pages", "page", id, langs),
    };
    // YAML files name their JSON Schema first, for editors' autocompletion.
    files
        .into_iter()
        .map(|(rel, text)| match crate::schema::modeline(&rel) {
            Some(line) => (rel, format!("{line}{text}")),
            None => (rel, text),
        })
        .collect()
}

/// `{zh: "", en: ""}`
fn blank_text(langs: &[String]) -> String {
    let parts: Vec<String> = langs.iter().map(|l| format!("{l}: \"\"")).collect();
    format!("{{{}}}", parts.join(", "))
}

/// A block map of empty Markdown texts, one per language.
fn blank_markdown(langs: &[String]) -> String {
    langs
        .iter()
        .map(|l| format!("\n  {l}: \"\""))
        .collect::<String>()
}

/// Where a record is published in each language (`/zh/offers/x/ and …`).
fn urls(url: fn(&str, &str) -> String, id: &str, langs: &[String]) -> String {
    langs
        .iter()
        .map(|l| url(l, id))
        .collect::<Vec<_>>()
        .join(" and ")
}

fn offer(id: &str, langs: &[String]) -> String {
    let text = blank_text(langs);
    let markdown = blank_markdown(langs);
    format!(
        r#"# Offer `{id}`, published at {urls}.
# Fill in every empty value; `offersite check` reports each one left.
# Fields marked "optional" may be deleted instead.

# Id of the partner merchant: a file in content/partners/ (e.g. macys).
partner: ""
# Id of a category from content/categories.yaml (e.g. shopping).
category: ""
# Headline, per language (about 60 characters at most).
title: {text}
# One sentence for listings and search results, per language.
summary: {text}
# Optional: the full description in Markdown, per language.
body:{markdown}
# Exactly one of: {{percent: 10}} (10% off, 九折), or the same as 折 {{zhe: 9}}
# ({{zhe: 8.5}} is 八五折, 15% off), {{amount: {{value: 20, currency: USD}}}}
# (US$20 off, 立减20美元), or {{text: {text_example}}} for any other deal.
# Optional conditions beside the kind: min_spend: {{value: 200, currency: USD}}
# (满200美元) on percent or amount; per: night | ticket | person on amount.
discount: {{percent: ""}}
# Optional: the code the tourist uses (e.g. GTC-MACYS-10).
coupon_code: ""
# How the code is used: till (shown when paying), booking (quoted when
# booking), ticket-office (shown at the ticket window) or online.
redeem: till
# First day of the offer (YYYY-MM-DD, e.g. 2026-03-01).
valid_from: YYYY-MM-DD
# Last day of the offer, included (YYYY-MM-DD, on or after valid_from).
valid_until: YYYY-MM-DD
# Ids of destinations from content/destinations.yaml, at least one (e.g. [new-york]).
destinations: []
# Optional: ids of service terms from content/terms/ that apply (e.g. [exchange-rate-lock]).
terms: []
# Optional: a picture, a path under content/media/ (e.g. offers/{id}.jpg).
image: ""
# true shows the offer on the home page.
featured: false
# true keeps the offer off the site (it is built only with --drafts).
draft: false
"#,
        urls = urls(crate::urls::offer, id, langs),
        text_example = blank_text(langs),
    )
}

fn partner(id: &str, langs: &[String]) -> String {
    let text = blank_text(langs);
    let markdown = blank_markdown(langs);
    format!(
        r#"# Partner merchant `{id}`, published at {urls}.
# Offers name it with `partner: {id}`.
# Fill in every empty value; `offersite check` reports each one left.
# Fields marked "optional" may be deleted instead.

# The merchant's name, per language.
name: {text}
# The merchant's website, a full address (e.g. https://www.macys.com).
website: ""
# Optional: the logo, a path under content/media/ (e.g. logos/{id}.svg).
logo: ""
# Optional: a short introduction in Markdown, per language.
about:{markdown}
"#,
        urls = urls(crate::urls::partner, id, langs),
    )
}

fn document(dir: &str, kind: &str, id: &str, langs: &[String]) -> Vec<(String, String)> {
    let url = if kind == "term" {
        crate::urls::term
    } else {
        crate::urls::page
    };
    langs
        .iter()
        .map(|lang| {
            let url = url(lang, id);
            let text = format!(
                r#"---
# The {lang} version of the {kind} `{id}`, published at {url}.
# Fill in every empty value; `offersite check` reports each one left.
# The heading of the {kind}, in this file's language.
title: ""
# One sentence for listings and search results, in this file's language.
summary: ""
# Order in lists: lower comes first.
weight: 100
# true keeps the {kind} off the site (it is built only with --drafts).
draft: false
---
"#
            );
            (format!("content/{dir}/{id}.{lang}.md"), text)
        })
        .collect()
}
