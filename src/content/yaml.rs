//! YAML parsing with editor-grade positions.
//!
//! Files are parsed once with `serde_yaml` into a [`Value`]; validation
//! then works on values and records *where* a problem is as a [`YamlPath`].
//! Only when there is a problem to report is the file read again to turn the
//! path into a line and column: a seed walks down the path and fails on
//! purpose at the target node, and `serde_yaml` stamps that error with the
//! node's position. The happy path pays for one parse, and positions come
//! from the same parser that read the file.

use std::fmt;

use serde::de::{self, DeserializeSeed, Deserializer, IgnoredAny, MapAccess, SeqAccess, Visitor};
use serde_yaml::Value;

/// One step into a YAML document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Segment {
    Key(String),
    Index(usize),
}

/// Where in a document a problem is: a path of steps, pointing either at a
/// mapping key itself or at the value under it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct YamlPath {
    pub segments: Vec<Segment>,
    /// Point at the key of the last segment rather than at its value.
    pub key: bool,
}

impl YamlPath {
    pub fn root() -> Self {
        YamlPath::default()
    }

    #[must_use]
    pub fn field(&self, name: &str) -> Self {
        let mut p = self.clone();
        p.segments.push(Segment::Key(name.to_string()));
        p.key = false;
        p
    }

    #[must_use]
    pub fn index(&self, i: usize) -> Self {
        let mut p = self.clone();
        p.segments.push(Segment::Index(i));
        p.key = false;
        p
    }

    /// The same place, but pointing at the key (for unknown fields).
    #[must_use]
    pub fn at_key(mut self) -> Self {
        self.key = true;
        self
    }
}

/// A YAML syntax error with its 1-based position.
#[derive(Debug)]
pub struct SyntaxError {
    pub line: usize,
    pub column: usize,
    pub message: String,
}

/// Parse a document. An empty document is `Value::Null`.
pub fn parse(text: &str) -> Result<Value, SyntaxError> {
    serde_yaml::from_str::<Value>(text).map_err(|err| {
        let (line, column) = err.location().map_or((0, 0), |l| (l.line(), l.column()));
        // serde_yaml appends " at line X column Y" to its message; the
        // position is reported separately, so drop it from the text.
        let mut message = err.to_string();
        if let Some(i) = message.find(" at line ") {
            message.truncate(i);
        }
        SyntaxError {
            line,
            column,
            message,
        }
    })
}

/// The 1-based line and column of the node at `path`, or `None` when the
/// path does not lead anywhere (then the caller reports the nearest parent).
pub fn locate(text: &str, path: &YamlPath) -> Option<(usize, usize)> {
    if path.segments.is_empty() {
        return Some((1, 1));
    }
    let de = serde_yaml::Deserializer::from_str(text);
    let seed = Seek {
        rest: &path.segments,
        key: path.key,
    };
    match seed.deserialize(de) {
        Ok(()) => None,
        Err(err) => {
            if err.to_string().contains(FOUND) {
                err.location().map(|l| (l.line(), l.column()))
            } else {
                None
            }
        }
    }
}

/// Locate `path`, falling back to its nearest parent that exists.
pub fn locate_nearest(text: &str, path: &YamlPath) -> (usize, usize) {
    let mut p = path.clone();
    loop {
        if let Some(pos) = locate(text, &p) {
            return pos;
        }
        if p.key {
            p.key = false;
        } else if p.segments.pop().is_none() {
            return (1, 1);
        }
    }
}

const FOUND: &str = "offersite-locate: found";

struct Seek<'p> {
    rest: &'p [Segment],
    key: bool,
}

impl<'de> DeserializeSeed<'de> for Seek<'_> {
    type Value = ();

    fn deserialize<D: Deserializer<'de>>(self, de: D) -> Result<(), D::Error> {
        if self.rest.is_empty() {
            // The target node: fail here so the error carries its position.
            return de.deserialize_any(Found);
        }
        de.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for Seek<'_> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a collection on the path")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        let Some((Segment::Key(want), rest)) = self.rest.split_first() else {
            while map.next_entry::<IgnoredAny, IgnoredAny>()?.is_some() {}
            return Ok(());
        };
        let last = rest.is_empty();
        loop {
            let key = if last && self.key {
                match map.next_key_seed(KeyProbe { want })? {
                    None => return Ok(()),
                    Some(k) => k,
                }
            } else {
                match map.next_key::<Value>()? {
                    None => return Ok(()),
                    Some(k) => k,
                }
            };
            if key_matches(&key, want) {
                return map.next_value_seed(Seek {
                    rest,
                    key: self.key,
                });
            }
            map.next_value::<IgnoredAny>()?;
        }
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
        let Some((Segment::Index(want), rest)) = self.rest.split_first() else {
            while seq.next_element::<IgnoredAny>()?.is_some() {}
            return Ok(());
        };
        let mut i = 0;
        loop {
            if i == *want {
                return seq
                    .next_element_seed(Seek {
                        rest,
                        key: self.key,
                    })
                    .map(|_| ());
            }
            if seq.next_element::<IgnoredAny>()?.is_none() {
                return Ok(());
            }
            i += 1;
        }
    }

    fn visit_bool<E: de::Error>(self, _: bool) -> Result<(), E> {
        Ok(())
    }
    fn visit_i64<E: de::Error>(self, _: i64) -> Result<(), E> {
        Ok(())
    }
    fn visit_u64<E: de::Error>(self, _: u64) -> Result<(), E> {
        Ok(())
    }
    fn visit_f64<E: de::Error>(self, _: f64) -> Result<(), E> {
        Ok(())
    }
    fn visit_str<E: de::Error>(self, _: &str) -> Result<(), E> {
        Ok(())
    }
    fn visit_unit<E: de::Error>(self) -> Result<(), E> {
        Ok(())
    }
}

/// Reads a key, failing on the wanted one itself so the error carries the
/// key's position; other keys pass through to be skipped.
struct KeyProbe<'a> {
    want: &'a str,
}

impl<'de> DeserializeSeed<'de> for KeyProbe<'_> {
    type Value = Value;

    fn deserialize<D: Deserializer<'de>>(self, de: D) -> Result<Value, D::Error> {
        // The comparison happens inside the visitor so that serde_yaml
        // stamps the error with the key's own position.
        de.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for KeyProbe<'_> {
    type Value = Value;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a mapping key")
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<Value, E> {
        if v == self.want {
            return Err(E::custom(FOUND));
        }
        Ok(Value::String(v.to_string()))
    }
    fn visit_bool<E: de::Error>(self, v: bool) -> Result<Value, E> {
        self.visit_str(&v.to_string())
    }
    fn visit_i64<E: de::Error>(self, v: i64) -> Result<Value, E> {
        self.visit_str(&v.to_string())
    }
    fn visit_u64<E: de::Error>(self, v: u64) -> Result<Value, E> {
        self.visit_str(&v.to_string())
    }
    fn visit_f64<E: de::Error>(self, v: f64) -> Result<Value, E> {
        self.visit_str(&v.to_string())
    }
    fn visit_unit<E: de::Error>(self) -> Result<Value, E> {
        Ok(Value::Null)
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Value, A::Error> {
        while map.next_entry::<IgnoredAny, IgnoredAny>()?.is_some() {}
        Ok(Value::Null)
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Value, A::Error> {
        while seq.next_element::<IgnoredAny>()?.is_some() {}
        Ok(Value::Null)
    }
}

fn key_matches(key: &Value, want: &str) -> bool {
    match key {
        Value::String(s) => s == want,
        Value::Number(n) => n.to_string() == want,
        Value::Bool(b) => b.to_string() == want,
        _ => false,
    }
}

struct Found;

impl<'de> Visitor<'de> for Found {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("the located node")
    }

    fn visit_map<A: MapAccess<'de>>(self, _: A) -> Result<(), A::Error> {
        Err(de::Error::custom(FOUND))
    }
    fn visit_seq<A: SeqAccess<'de>>(self, _: A) -> Result<(), A::Error> {
        Err(de::Error::custom(FOUND))
    }
    fn visit_bool<E: de::Error>(self, _: bool) -> Result<(), E> {
        Err(E::custom(FOUND))
    }
    fn visit_i64<E: de::Error>(self, _: i64) -> Result<(), E> {
        Err(E::custom(FOUND))
    }
    fn visit_u64<E: de::Error>(self, _: u64) -> Result<(), E> {
        Err(E::custom(FOUND))
    }
    fn visit_f64<E: de::Error>(self, _: f64) -> Result<(), E> {
        Err(E::custom(FOUND))
    }
    fn visit_str<E: de::Error>(self, _: &str) -> Result<(), E> {
        Err(E::custom(FOUND))
    }
    fn visit_unit<E: de::Error>(self) -> Result<(), E> {
        Err(E::custom(FOUND))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const DOC: &str = "partner: macys\ntitle: {zh: 标题, en: Title}\nvalid_untill: 2015-03-31\ndestinations:\n  - new-york\n  - orlando\nbody:\n  en: |\n    text\n";

    fn at(segments: &[&str], key: bool) -> Option<(usize, usize)> {
        let segments = segments
            .iter()
            .map(|s| match s.parse::<usize>() {
                Ok(i) => Segment::Index(i),
                Err(_) => Segment::Key(s.to_string()),
            })
            .collect();
        locate(DOC, &YamlPath { segments, key })
    }

    #[test]
    fn locates_keys_values_and_list_items() {
        assert_eq!(at(&["valid_untill"], true), Some((3, 1)));
        assert_eq!(at(&["valid_untill"], false), Some((3, 15)));
        assert_eq!(at(&["partner"], false), Some((1, 10)));
        // Columns count characters, not bytes: 标题 is two columns.
        assert_eq!(at(&["title", "en"], false), Some((2, 21)));
        assert_eq!(at(&["title", "en"], true), Some((2, 17)));
        assert_eq!(at(&["destinations", "1"], false), Some((6, 5)));
        assert_eq!(at(&["body", "en"], false), Some((8, 7)));
        assert_eq!(at(&["missing"], false), None);
    }

    #[test]
    fn syntax_errors_carry_positions() {
        let err = parse("a: [1, 2\nb: 3\n").unwrap_err();
        assert!(err.line >= 1, "{err:?}");
        assert!(!err.message.contains(" at line "));
    }
}
