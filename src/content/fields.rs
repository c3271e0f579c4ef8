//! Reading the fields of one YAML record (an offer, a list entry, front
//! matter) tolerantly: every problem is recorded and reading goes on, so one
//! run reports every mistake of a file rather than the first.

use jiff::civil::Date;
use serde_yaml::{Mapping, Value};

use crate::diagnostics::did_you_mean;
use crate::model::{LocalText, Text};

use super::problem::{Loc, Problem};
use super::yaml::YamlPath;

/// What text fields are checked against: the configured languages.
#[derive(Debug, Clone, PartialEq)]
pub struct Languages {
    /// Codes in order; the first is the default. Empty when `site.yaml` is
    /// too broken to say, and then translations are not checked.
    pub codes: Vec<String>,
    pub fallback: bool,
}

/// A short name of a YAML value's kind, for "expected X, found Y".
pub fn kind_of(value: &Value) -> &'static str {
    match value {
        Value::Null => "nothing",
        Value::Bool(_) => "true/false",
        Value::Number(_) => "a number",
        Value::String(_) => "text",
        Value::Sequence(_) => "a list",
        Value::Mapping(_) => "a mapping",
        Value::Tagged(_) => "a tagged value",
    }
}

/// One record's fields, with the problems found so far.
pub struct Record<'a> {
    map: &'a Mapping,
    /// Known fields that an unknown one is a misspelling of: their absence
    /// is the same mistake, already reported at the misspelled key.
    misspelled: Vec<String>,
    pub path: YamlPath,
    pub problems: &'a mut Vec<Problem>,
}

impl<'a> Record<'a> {
    /// Open `value` as a record with the `known` fields; unknown fields are
    /// reported (with a did-you-mean hint) and otherwise ignored.
    pub fn open(
        value: &'a Value,
        path: YamlPath,
        what: &str,
        known: &[&str],
        problems: &'a mut Vec<Problem>,
    ) -> Option<Record<'a>> {
        let Value::Mapping(map) = value else {
            let message = if value.is_null() && path.segments.is_empty() {
                format!("the file is empty: expected the fields of {what}")
            } else {
                format!("expected the fields of {what}, found {}", kind_of(value))
            };
            problems.push(
                Problem::error(Loc::Yaml(path.clone()), message)
                    .hint("write one `field: value` per line"),
            );
            return None;
        };
        let mut misspelled = Vec::new();
        for key in map.keys() {
            let name = match key {
                Value::String(s) => s.as_str(),
                other => {
                    problems.push(Problem::error(
                        Loc::Yaml(path.clone()),
                        format!("a field name must be text, found {}", kind_of(other)),
                    ));
                    continue;
                }
            };
            if !known.contains(&name) {
                let hint = match did_you_mean(name, known.iter().copied()) {
                    Some(close) => {
                        if !map.contains_key(close) {
                            misspelled.push(close.to_string());
                        }
                        format!("did you mean `{close}`?")
                    }
                    None => format!("the fields of {what} are: {}", known.join(", ")),
                };
                problems.push(
                    Problem::error(
                        Loc::Yaml(path.field(name).at_key()),
                        format!("unknown field `{name}` in {what}"),
                    )
                    .hint(hint),
                );
            }
        }
        Some(Record {
            map,
            misspelled,
            path,
            problems,
        })
    }

    pub fn at(&self, name: &str) -> YamlPath {
        self.path.field(name)
    }

    fn error(&mut self, loc: YamlPath, message: String, hint: Option<String>) {
        self.problems
            .push(Problem::error(Loc::Yaml(loc), message).maybe_hint(hint));
    }

    /// The value of a field; null counts as absent.
    pub fn get(&self, name: &str) -> Option<&'a Value> {
        match self.map.get(name) {
            None | Some(Value::Null) => None,
            Some(v) => Some(v),
        }
    }

    pub fn has(&self, name: &str) -> bool {
        self.get(name).is_some()
    }

    /// The value of a field that must be there.
    pub fn required(&mut self, name: &str, example: &str) -> Option<&'a Value> {
        let value = self.get(name);
        if value.is_none() && !self.misspelled.iter().any(|m| m == name) {
            // At the empty field, or else at the record's first field: the
            // place to add it (not a comment header at 1:1).
            let loc = if self.map.contains_key(name) {
                self.at(name)
            } else {
                match self.map.keys().next() {
                    Some(Value::String(first)) => self.path.field(first).at_key(),
                    _ => self.path.clone(),
                }
            };
            self.error(
                loc,
                format!("missing required field `{name}`"),
                Some(format!("add `{name}: {example}`")),
            );
        }
        value
    }

    pub fn string(&mut self, name: &str, required: Option<&str>) -> Option<String> {
        let value = match required {
            Some(example) => self.required(name, example)?,
            None => self.get(name)?,
        };
        match value {
            Value::String(s) if !s.trim().is_empty() => Some(s.clone()),
            Value::String(_) => {
                let hint = match required {
                    Some(example) => format!("write a value: `{name}: {example}`"),
                    None => "write a value or remove the field".into(),
                };
                self.error(self.at(name), format!("`{name}` is empty"), Some(hint));
                None
            }
            Value::Number(n) => Some(n.to_string()),
            other => {
                self.error(
                    self.at(name),
                    format!("`{name}` must be text, found {}", kind_of(other)),
                    Some("quote the value: `\"…\"`".into()),
                );
                None
            }
        }
    }

    pub fn bool(&mut self, name: &str) -> bool {
        match self.get(name) {
            None => false,
            Some(Value::Bool(b)) => *b,
            Some(other) => {
                self.error(
                    self.at(name),
                    format!("`{name}` must be true or false, found {}", kind_of(other)),
                    Some(format!("write `{name}: true` or `{name}: false`")),
                );
                false
            }
        }
    }

    pub fn integer(&mut self, name: &str) -> Option<i64> {
        match self.get(name)? {
            Value::Number(n) if n.as_i64().is_some() => n.as_i64(),
            other => {
                self.error(
                    self.at(name),
                    format!("`{name}` must be a whole number, found {}", kind_of(other)),
                    Some(format!("write e.g. `{name}: 10`")),
                );
                None
            }
        }
    }

    /// A calendar date written `YYYY-MM-DD`.
    pub fn date(&mut self, name: &str) -> Option<Date> {
        let value = self.required(name, "YYYY-MM-DD")?;
        let text = match value {
            Value::String(s) => s.as_str(),
            other => {
                self.error(
                    self.at(name),
                    format!("`{name}` must be a date, found {}", kind_of(other)),
                    Some("write the date as YYYY-MM-DD, e.g. 2014-10-01".into()),
                );
                return None;
            }
        };
        match parse_date(text) {
            Ok(d) => Some(d),
            Err(why) => {
                self.error(
                    self.at(name),
                    format!("`{name}`: {text:?} is not a real date ({why})"),
                    Some("write the date as YYYY-MM-DD, e.g. 2014-10-01".into()),
                );
                None
            }
        }
    }

    /// A text per language, checked against the configured languages.
    pub fn text(&mut self, name: &str, required: bool, langs: &Languages) -> Option<Text> {
        let value = if required {
            self.required(name, "{zh: …, en: …}")?
        } else {
            self.get(name)?
        };
        read_text(value, &self.at(name), name, required, langs, self.problems)
    }

    /// A list of ids with the path of each, for reference checks.
    pub fn id_list(&mut self, name: &str, required: bool) -> Vec<(String, YamlPath)> {
        let value = if required {
            match self.required(name, "[id, …]") {
                Some(v) => v,
                None => return Vec::new(),
            }
        } else {
            match self.get(name) {
                Some(v) => v,
                None => return Vec::new(),
            }
        };
        let path = self.at(name);
        let items = match value {
            Value::Sequence(items) => items,
            Value::String(s) => {
                // A single id written without brackets is what was meant.
                return vec![(s.clone(), path)];
            }
            other => {
                self.error(
                    path,
                    format!("`{name}` must be a list of ids, found {}", kind_of(other)),
                    Some(format!("write `{name}: [first-id, second-id]`")),
                );
                return Vec::new();
            }
        };
        if items.is_empty() && required {
            self.error(
                path.clone(),
                format!("`{name}` needs at least one id"),
                Some(format!("write `{name}: [some-id]`")),
            );
        }
        let mut ids = Vec::new();
        for (i, item) in items.iter().enumerate() {
            match item {
                Value::String(s) => ids.push((s.clone(), path.index(i))),
                other => self.error(
                    path.index(i),
                    format!(
                        "an entry of `{name}` must be an id, found {}",
                        kind_of(other)
                    ),
                    None,
                ),
            }
        }
        ids
    }
}

/// Read a text per language at `path`.
pub fn read_text(
    value: &Value,
    path: &YamlPath,
    name: &str,
    required: bool,
    langs: &Languages,
    problems: &mut Vec<Problem>,
) -> Option<Text> {
    let example = if langs.codes.is_empty() {
        "{zh: …, en: …}".to_string()
    } else {
        let parts: Vec<String> = langs.codes.iter().map(|c| format!("{c}: …")).collect();
        format!("{{{}}}", parts.join(", "))
    };
    let Value::Mapping(map) = value else {
        problems.push(
            Problem::error(
                Loc::Yaml(path.clone()),
                format!(
                    "`{name}` must give the text per language, found {}",
                    kind_of(value)
                ),
            )
            .hint(format!("write `{name}: {example}`")),
        );
        return None;
    };
    let mut text = Text::default();
    let mut ok = true;
    for (key, v) in map {
        let Value::String(lang) = key else {
            problems.push(Problem::error(
                Loc::Yaml(path.clone()),
                format!("a language code in `{name}` must be text"),
            ));
            ok = false;
            continue;
        };
        if !langs.codes.is_empty() && !langs.codes.contains(lang) {
            let hint = match did_you_mean(lang, langs.codes.iter().map(String::as_str)) {
                Some(close) => format!("did you mean `{close}`?"),
                None => format!("the site's languages are: {}", langs.codes.join(", ")),
            };
            problems.push(
                Problem::error(
                    Loc::Yaml(path.field(lang).at_key()),
                    format!("`{name}` has text for `{lang}`, which is not a language of the site"),
                )
                .hint(hint),
            );
            ok = false;
            continue;
        }
        let s = match v {
            Value::String(s) => s.clone(),
            Value::Number(n) => n.to_string(),
            other => {
                problems.push(
                    Problem::error(
                        Loc::Yaml(path.field(lang)),
                        format!(
                            "the `{lang}` text of `{name}` must be text, found {}",
                            kind_of(other)
                        ),
                    )
                    .hint("quote the text: `\"…\"`"),
                );
                ok = false;
                continue;
            }
        };
        if s.trim().is_empty() {
            let hint = if required {
                format!("write the `{lang}` text of `{name}`")
            } else {
                format!("write the `{lang}` text, or remove `{name}` (it is optional)")
            };
            problems.push(
                Problem::error(
                    Loc::Yaml(path.field(lang)),
                    format!("the `{lang}` text of `{name}` is empty"),
                )
                .hint(hint),
            );
            ok = false;
            continue;
        }
        text.0.insert(
            lang.clone(),
            LocalText {
                text: s,
                lang: lang.clone(),
                fallback: false,
            },
        );
    }
    if !ok {
        return None;
    }
    fill_translations(text, path, name, langs, problems)
}

/// Check every configured language is present, filling missing ones from the
/// default language when `translation_fallback` allows it.
pub fn fill_translations(
    mut text: Text,
    path: &YamlPath,
    name: &str,
    langs: &Languages,
    problems: &mut Vec<Problem>,
) -> Option<Text> {
    let Some(default) = langs.codes.first() else {
        return Some(text);
    };
    let mut ok = true;
    for lang in &langs.codes {
        if text.0.contains_key(lang) {
            continue;
        }
        match text.0.get(default).cloned() {
            Some(d) if langs.fallback => {
                text.0.insert(
                    lang.clone(),
                    LocalText {
                        fallback: true,
                        ..d
                    },
                );
            }
            _ => {
                problems.push(
                    Problem::error(
                        Loc::Yaml(path.clone()),
                        format!("`{name}` is missing its `{lang}` translation"),
                    )
                    .hint(format!(
                        "translate it: add `{lang}: …` to `{name}`; only if the whole site may show `{default}` text where a translation is missing, set `translation_fallback: true` in site.yaml"
                    )),
                );
                ok = false;
            }
        }
    }
    ok.then_some(text)
}

/// Parse a strict `YYYY-MM-DD` date.
pub fn parse_date(text: &str) -> Result<Date, String> {
    let bytes = text.as_bytes();
    let shaped = bytes.len() == 10
        && bytes[4] == b'-'
        && bytes[7] == b'-'
        && bytes
            .iter()
            .enumerate()
            .all(|(i, b)| i == 4 || i == 7 || b.is_ascii_digit());
    if !shaped {
        return Err("expected YYYY-MM-DD".into());
    }
    let num = |r: std::ops::Range<usize>| text[r].parse::<i16>().unwrap_or(0);
    let (y, m, d) = (num(0..4), num(5..7) as i8, num(8..10) as i8);
    if !(1..=12).contains(&m) {
        return Err(format!("there is no month {m}"));
    }
    Date::new(y, m, d).map_err(|_| format!("{} has no day {d}", month_name(m)))
}

fn month_name(m: i8) -> &'static str {
    [
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ][(m - 1) as usize]
}

/// Ids are URL slugs and the app's keys: lowercase ASCII letters, digits and
/// `-`, not starting or ending with `-`.
#[must_use]
pub fn id_problem(id: &str) -> Option<String> {
    if id.is_empty() {
        return Some("an id cannot be empty".into());
    }
    if let Some(bad) = id
        .chars()
        .find(|c| !(c.is_ascii_lowercase() || c.is_ascii_digit() || *c == '-'))
    {
        return Some(format!(
            "id {id:?} contains {bad:?}: ids use only lowercase ASCII letters, digits and `-`"
        ));
    }
    if id.starts_with('-') || id.ends_with('-') {
        return Some(format!("id {id:?} cannot start or end with `-`"));
    }
    None
}

/// A suggested id for an invalid one.
pub fn suggest_id(id: &str) -> String {
    let mut out = String::new();
    for c in id.chars() {
        if c.is_ascii_alphanumeric() {
            out.push(c.to_ascii_lowercase());
        } else if !out.ends_with('-') {
            out.push('-');
        }
    }
    out.trim_matches('-').to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_must_be_real() {
        assert!(parse_date("2014-10-01").is_ok());
        assert!(parse_date("2016-02-29").is_ok());
        assert_eq!(
            parse_date("2015-02-30").unwrap_err(),
            "February has no day 30"
        );
        assert_eq!(
            parse_date("2015-13-01").unwrap_err(),
            "there is no month 13"
        );
        assert!(parse_date("2015-1-01").is_err());
        assert!(parse_date("01/10/2014").is_err());
    }

    #[test]
    fn ids_are_slugs() {
        assert!(id_problem("macys-herald-square").is_none());
        assert!(id_problem("Macys").is_some());
        assert!(id_problem("a..b").is_some());
        assert!(id_problem("a/b").is_some());
        assert!(id_problem("南京").is_some());
        assert!(id_problem("-a").is_some());
        assert_eq!(suggest_id("Macy's Herald Sq"), "macy-s-herald-sq");
    }
}
