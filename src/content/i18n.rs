//! The theme's UI strings, `templates/i18n/<lang>.yaml`: a flat mapping of
//! key to text, one file per language, every language with every key.

use std::collections::{BTreeMap, BTreeSet};

use serde_yaml::Value;

use crate::model::UiStrings;

use super::fields::kind_of;
use super::problem::{Loc, Problem};
use super::yaml::YamlPath;

/// Read one language's strings.
pub fn strings(value: &Value, problems: &mut Vec<Problem>) -> BTreeMap<String, String> {
    let mut out = BTreeMap::new();
    let Value::Mapping(map) = value else {
        problems.push(
            Problem::error(
                Loc::Yaml(YamlPath::root()),
                format!(
                    "UI strings must be a mapping of key to text, found {}",
                    kind_of(value)
                ),
            )
            .hint("write one `key: text` per line"),
        );
        return out;
    };
    for (k, v) in map {
        let Value::String(key) = k else {
            problems.push(Problem::error(
                Loc::Yaml(YamlPath::root()),
                "a UI string's key must be text",
            ));
            continue;
        };
        match v {
            Value::String(s) => {
                out.insert(key.clone(), s.clone());
            }
            Value::Number(n) => {
                out.insert(key.clone(), n.to_string());
            }
            other => problems.push(
                Problem::error(
                    Loc::Yaml(YamlPath::root().field(key)),
                    format!("UI string `{key}` must be text, found {}", kind_of(other)),
                )
                .hint("quote the text: `\"…\"`"),
            ),
        }
    }
    out
}

/// Check that every language has every key any language has. `files` maps a
/// language to the index of its file; problems go to that file.
pub fn complete(
    ui: &UiStrings,
    languages: &[String],
    files: &BTreeMap<String, usize>,
    problems: &mut Vec<(usize, Problem)>,
) {
    let all: BTreeSet<&String> = ui.0.values().flat_map(|m| m.keys()).collect();
    for lang in languages {
        let Some(file) = files.get(lang) else {
            continue;
        };
        let have = ui.0.get(lang);
        for key in &all {
            if !have.is_some_and(|m| m.contains_key(*key)) {
                let other =
                    ui.0.iter()
                        .find(|(_, m)| m.contains_key(*key))
                        .map_or("another language", |(l, _)| l.as_str());
                problems.push((
                    *file,
                    Problem::error(
                        Loc::File,
                        format!("UI string `{key}` has no `{lang}` translation"),
                    )
                    .hint(format!(
                        "add `{key}: …` to templates/i18n/{lang}.yaml (the `{other}` file has it)"
                    )),
                ));
            }
        }
    }
}
