//! `offersite schema`: JSON Schemas of the content files, for editors'
//! autocompletion and checking as they type (VS Code's YAML extension and
//! any editor using yaml-language-server).
//!
//! The schemas are generated from the shapes the loader itself reads
//! records by (`content::shapes`), never written by hand; a text per
//! language is narrowed to the site's own languages from `site.yaml`.

use std::io::Write as _;
use std::path::Path;
use std::process::ExitCode;

use schemars::JsonSchema;
use serde_json::{Value, json};

use crate::content::fields::Languages;
use crate::content::shapes::{self, TEXT_DEF};
use crate::diagnostics::Verbosity;

/// The directory `offersite schema` writes to by default, under the root.
pub const DEFAULT_DIR: &str = "schemas";

/// Which schema each content file follows: (file name, what it checks).
const FILES: &[(&str, &str)] = &[
    ("site.schema.json", "content/site.yaml"),
    ("categories.schema.json", "content/categories.yaml"),
    ("destinations.schema.json", "content/destinations.yaml"),
    ("branches.schema.json", "content/branches.yaml"),
    ("partner.schema.json", "content/partners/<id>.yaml"),
    ("offer.schema.json", "content/offers/<id>.yaml"),
];

/// The schema file a content file (path relative to the site root, with
/// `/`) follows, if any.
pub fn schema_of(rel: &str) -> Option<&'static str> {
    let in_dir = |dir: &str| {
        rel.strip_prefix(dir)
            .is_some_and(|f| !f.contains('/') && f.ends_with(".yaml"))
    };
    match rel {
        "content/site.yaml" => Some("site.schema.json"),
        "content/categories.yaml" => Some("categories.schema.json"),
        "content/destinations.yaml" => Some("destinations.schema.json"),
        "content/branches.yaml" => Some("branches.schema.json"),
        _ if in_dir("content/partners/") => Some("partner.schema.json"),
        _ if in_dir("content/offers/") => Some("offer.schema.json"),
        _ => None,
    }
}

/// The first line of a scaffolded content file: tells the editor's YAML
/// language server which schema (in the default directory) it follows.
pub fn modeline(rel: &str) -> Option<String> {
    let schema = schema_of(rel)?;
    let depth = rel.matches('/').count();
    Some(format!(
        "# yaml-language-server: $schema={}{DEFAULT_DIR}/{schema}\n",
        "../".repeat(depth)
    ))
}

/// Every schema, by file name, for a site with `langs`.
pub fn schemas(langs: &Languages) -> Vec<(&'static str, Value)> {
    FILES
        .iter()
        .map(|(name, what)| {
            let mut schema = match *name {
                "site.schema.json" => root::<shapes::SiteFile>(),
                "categories.schema.json" => root::<Vec<shapes::CategoryEntry>>(),
                "destinations.schema.json" => root::<Vec<shapes::DestinationEntry>>(),
                "branches.schema.json" => root::<Vec<shapes::BranchEntry>>(),
                "partner.schema.json" => root::<shapes::PartnerFile>(),
                _ => root::<shapes::OfferFile>(),
            };
            schema["title"] = json!(format!("offersite {what}"));
            narrow_text(&mut schema, langs);
            (*name, schema)
        })
        .collect()
}

fn root<T: JsonSchema>() -> Value {
    shapes::generator().into_root_schema_for::<T>().to_value()
}

/// A text per language has exactly the site's languages (all required,
/// or only the default one with `translation_fallback`).
fn narrow_text(schema: &mut Value, langs: &Languages) {
    let codes: Vec<String> = if langs.codes.is_empty() {
        vec!["zh".into(), "en".into()]
    } else {
        langs.codes.clone()
    };
    let required: Vec<&String> = if langs.fallback {
        codes.iter().take(1).collect()
    } else {
        codes.iter().collect()
    };
    let properties: serde_json::Map<String, Value> = codes
        .iter()
        .map(|c| {
            let text = json!({"type": ["string", "number"], "minLength": 1});
            (c.clone(), text)
        })
        .collect();
    let example: Vec<String> = codes.iter().map(|c| format!("{c}: …")).collect();
    let text = json!({
        "description": format!("A text per language: {{{}}}", example.join(", ")),
        "type": "object",
        "properties": properties,
        "required": required,
        "additionalProperties": false,
    });
    if let Some(defs) = schema.get_mut("definitions").and_then(Value::as_object_mut)
        && defs.contains_key(TEXT_DEF)
    {
        defs.insert(TEXT_DEF.into(), text);
    }
}

/// The languages of the site at `root`, as far as its site.yaml says.
pub fn site_languages(root: &Path) -> Languages {
    std::fs::read_to_string(root.join("content/site.yaml"))
        .ok()
        .and_then(|text| serde_yaml::from_str::<serde_yaml::Value>(&text).ok())
        .map_or(
            Languages {
                codes: Vec::new(),
                fallback: false,
            },
            |v| crate::content::config::languages(&v),
        )
}

/// Write every schema into `out`.
pub fn write(root: &Path, out: &Path) -> std::io::Result<Vec<String>> {
    std::fs::create_dir_all(out)?;
    let mut written = Vec::new();
    for (name, schema) in schemas(&site_languages(root)) {
        let mut text = serde_json::to_string_pretty(&schema).map_err(std::io::Error::other)?;
        text.push('\n');
        let path = out.join(name);
        std::fs::write(&path, text)?;
        written.push(path.display().to_string());
    }
    Ok(written)
}

pub fn run(root: &Path, out: &Path, verbosity: Verbosity) -> ExitCode {
    match write(root, out) {
        Ok(written) => {
            if verbosity != Verbosity::Quiet {
                let mut stdout = std::io::stdout().lock();
                for w in &written {
                    let _ = writeln!(stdout, "wrote {w}");
                }
                let _ = writeln!(
                    stdout,
                    "start a content file with `# yaml-language-server: $schema=<path to its schema>` (as `offersite new` does) for autocompletion"
                );
            }
            ExitCode::SUCCESS
        }
        Err(err) => {
            eprintln!(
                "error: cannot write the schemas to {}: {err}",
                out.display()
            );
            ExitCode::from(1)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn modelines_point_up_to_the_schemas() {
        assert_eq!(
            modeline("content/offers/x.yaml").unwrap(),
            "# yaml-language-server: $schema=../../schemas/offer.schema.json\n"
        );
        assert_eq!(
            modeline("content/site.yaml").unwrap(),
            "# yaml-language-server: $schema=../schemas/site.schema.json\n"
        );
        assert!(modeline("content/terms/x.en.md").is_none());
    }

    #[test]
    fn text_lists_the_site_languages() {
        let langs = Languages {
            codes: vec!["zh".into(), "en".into(), "ja".into()],
            fallback: true,
        };
        let all = schemas(&langs);
        let offer = &all
            .iter()
            .find(|(n, _)| *n == "offer.schema.json")
            .unwrap()
            .1;
        let text = &offer["definitions"][TEXT_DEF];
        assert_eq!(text["required"], json!(["zh"]));
        assert!(text["properties"]["ja"].is_object());
        assert_eq!(offer["properties"]["title"]["$ref"], "#/definitions/Text");
    }
}
