//! The theme's UI strings (`templates/i18n/<lang>.yaml`) for every
//! configured language, checked like content files.

use std::collections::BTreeMap;
use std::sync::Arc;

use crate::content::discover;
use crate::content::fields::Languages;
use crate::content::file::FileState;
use crate::content::i18n;
use crate::content::problem::{Loc, Problem};
use crate::content::run::Run;
use crate::content::source;
use crate::model::{Theme, UiStrings};

pub(in crate::content) fn ui_strings(run: &mut Run, theme: &Theme, langs: &Languages) -> UiStrings {
    let mut ui = UiStrings::default();
    let mut files = BTreeMap::new();
    for file in &theme.i18n {
        let Some(lang) = file
            .path
            .strip_prefix("i18n/")
            .and_then(discover::yaml_stem)
        else {
            continue;
        };
        if !langs.codes.is_empty() && !langs.codes.iter().any(|c| c == lang) {
            continue;
        }
        let rel = format!("templates/{}", file.path);
        let mut state = FileState::new(&rel);
        match String::from_utf8(file.bytes.clone()) {
            Ok(text) => {
                let text = text
                    .strip_prefix('\u{feff}')
                    .map(str::to_string)
                    .unwrap_or(text);
                state.source = Some(Arc::new(source::yaml_source(
                    file.path.clone().into(),
                    rel.clone(),
                    text,
                )));
            }
            Err(_) => state.problems.push(
                Problem::error(Loc::File, "the file is not valid UTF-8 text")
                    .hint("save the file as UTF-8"),
            ),
        }
        if let Some(value) = state.parse_yaml() {
            let strings = i18n::strings(&value, &mut state.problems);
            ui.0.insert(lang.to_string(), strings);
        }
        files.insert(lang.to_string(), run.push(state));
    }
    for lang in &langs.codes {
        if !files.contains_key(lang) {
            let mut state = FileState::new(&format!("templates/i18n/{lang}.yaml"));
            state.problems.push(
                Problem::error(Loc::File, format!("the theme has no UI strings for `{lang}`"))
                    .hint(format!("create templates/i18n/{lang}.yaml with the same keys as the other languages' files")),
            );
            run.push(state);
        }
    }
    let mut problems = Vec::new();
    i18n::complete(&ui, &langs.codes, &files, &mut problems);
    for (file, p) in problems {
        run.files[file].problems.push(p);
    }
    ui
}
