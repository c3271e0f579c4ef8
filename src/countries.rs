//! Country names in each language, from CLDR's territory display names
//! (`data/cldr/territories.tsv`, generated from the CLDR JSON release by
//! `data/cldr/territories.py`; no name is typed by hand).

use std::collections::HashMap;
use std::sync::OnceLock;

const TABLE: &str = include_str!("../data/cldr/territories.tsv");

struct Names {
    /// Column of each language in a row.
    columns: HashMap<&'static str, usize>,
    rows: HashMap<&'static str, Vec<&'static str>>,
}

fn names() -> &'static Names {
    static NAMES: OnceLock<Names> = OnceLock::new();
    NAMES.get_or_init(|| {
        let mut lines = TABLE.lines().filter(|l| !l.starts_with('#'));
        let header: Vec<&str> = lines.next().unwrap_or("").split('\t').collect();
        let columns = header
            .iter()
            .enumerate()
            .skip(1)
            .map(|(i, lang)| (*lang, i - 1))
            .collect();
        let rows = lines
            .filter_map(|l| {
                let mut cells = l.split('\t');
                let code = cells.next()?;
                Some((code, cells.collect()))
            })
            .collect();
        Names { columns, rows }
    })
}

/// The CLDR column for a language: its locale (`zh-Hant`), then shorter
/// prefixes of it (`zh-Hans` → `zh`), then its site code, else English.
fn column(names: &Names, locale: &str, code: &str) -> usize {
    let mut tag = locale;
    loop {
        // CLDR's `zh` is Simplified Chinese; `zh-Hans` has no column of its own.
        if let Some(&c) = names.columns.get(tag) {
            return c;
        }
        match tag.rfind(['-', '_']) {
            Some(i) => tag = &tag[..i],
            None => break,
        }
    }
    names
        .columns
        .get(code)
        .or_else(|| names.columns.get("en"))
        .copied()
        .unwrap_or(0)
}

/// The name of the country `iso` (ISO 3166-1 alpha-2) for readers of the
/// language with BCP 47 `locale` and site code `code`; the code itself when
/// CLDR does not know it.
pub fn name(iso: &str, locale: &str, code: &str) -> String {
    let names = names();
    let upper = iso.to_ascii_uppercase();
    match names.rows.get(upper.as_str()) {
        Some(row) => row
            .get(column(names, locale, code))
            .copied()
            .unwrap_or(upper.as_str())
            .to_string(),
        None => upper,
    }
}

#[cfg(test)]
mod tests {
    use super::name;

    #[test]
    fn names_come_from_cldr_in_each_language() {
        assert_eq!(name("US", "en", "en"), "United States");
        assert_eq!(name("US", "zh-Hans", "zh"), "美国");
        assert_eq!(name("FR", "zh-Hans", "zh"), "法国");
        assert_eq!(name("JP", "zh-Hant", "zh"), "日本");
        assert_eq!(name("GB", "en-GB", "en"), "United Kingdom");
        assert_eq!(name("TW", "zh-Hant", "tw"), "台灣");
        assert_eq!(name("DE", "fr", "fr"), "Allemagne");
        // A language without CLDR names here reads English.
        assert_eq!(name("DE", "xx", "xx"), "Germany");
    }

    #[test]
    fn every_country_code_has_a_name() {
        for code in crate::content::codes::countries() {
            let en = name(code, "en", "en");
            let zh = name(code, "zh-Hans", "zh");
            assert_ne!(en, code, "{code} has no English name");
            assert_ne!(zh, code, "{code} has no Chinese name");
        }
    }
}
