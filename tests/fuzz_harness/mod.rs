//! The code paths the fuzz targets drive, shared by `fuzz/fuzz_targets/*`
//! (through `#[path]`) and by `tests/site/fuzz_regressions.rs`, so every input a
//! fuzzer kept is replayed by `cargo test` through exactly the same calls.
//!
//! Each function takes arbitrary bytes, runs one loader (or the Markdown
//! renderer) the way `offersite check`/`build` does, turns the problems into
//! diagnostics and renders them, and panics only when an invariant the code
//! promises does not hold.

// Each fuzz target uses one of these; the regression test uses them all.
#![allow(dead_code)]

use std::path::PathBuf;

use offersite::content::FileState;
use offersite::content::config;
use offersite::content::documents;
use offersite::content::fields::Languages;
use offersite::content::items::{self, Extras};
use offersite::content::links::{self, SitePaths};
use offersite::content::locate;
use offersite::content::problem::Loc;
use offersite::content::references::{self, Known};
use offersite::content::source::{self, Source};
use offersite::content::yaml;
use offersite::diagnostics::Diagnostic;
use offersite::markdown::{self, MarkdownOptions};

/// The text a content file would be read as: UTF-8 with a byte-order mark
/// dropped (what `source::read_text` does); `None` for other bytes, which
/// the loader reports without parsing.
fn text(data: &[u8]) -> Option<String> {
    let data = data.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(data);
    std::str::from_utf8(data).ok().map(str::to_string)
}

fn langs(codes: &[&str], fallback: bool) -> Languages {
    Languages {
        codes: codes.iter().map(ToString::to_string).collect(),
        fallback,
    }
}

/// The language settings the loader can be in: the usual two languages,
/// with translation fallback, and none (`site.yaml` too broken to say).
fn language_cases() -> [Languages; 3] {
    [
        langs(&["zh", "en"], false),
        langs(&["zh", "en"], true),
        langs(&[], false),
    ]
}

fn yaml_file(rel: &str, text: String) -> FileState {
    FileState {
        rel: rel.to_string(),
        source: Some(std::sync::Arc::new(source::yaml_source(
            PathBuf::from(rel),
            rel.to_string(),
            text,
        ))),
        problems: Vec::new(),
    }
}

/// Locate every structurally placed problem (the serde seed re-parse), then
/// turn the file into diagnostics and render each one for a terminal and as
/// JSON.
fn report(state: FileState) -> Vec<Diagnostic> {
    if let Some(s) = &state.source {
        for p in &state.problems {
            let path = match &p.loc {
                Loc::Yaml(path) | Loc::InYamlText(path, _, _) => path,
                _ => continue,
            };
            let (line, column) = yaml::locate_nearest(s.yaml_text(), path);
            assert!(line >= 1 && column >= 1, "position ({line}, {column})");
        }
    }
    let diagnostics = locate::diagnostics(state);
    for d in &diagnostics {
        let human = d.to_human();
        let first = d.message.lines().next().unwrap_or("");
        assert!(human.contains(first), "{human}");
        if d.source_line.is_some() && d.column > 0 {
            assert!(human.contains('^'), "no marker under the column:\n{human}");
        }
        assert!(!d.to_json().is_empty());
    }
    diagnostics
}

/// `content/offers/<id>.yaml`: parse, validate as an offer under each
/// language setting, check its references and the links of its Markdown
/// fields, and report.
pub fn load_offer(data: &[u8]) {
    let Some(text) = text(data) else { return };
    for langs in language_cases() {
        let mut state = yaml_file("content/offers/fuzz.yaml", text.clone());
        if let Some(value) = state.parse_yaml() {
            let mut extras = Extras::default();
            let _ = items::offer("fuzz", &value, &langs, &mut state.problems, &mut extras);
            let known = Known {
                languages: langs.codes.clone(),
                ..Known::default()
            };
            references::check(&known, &extras, &mut state.problems);
            let paths = references::site_paths(&known);
            references::check_markdown_fields(&extras.markdown, &paths, &mut state.problems);
        }
        report(state);
    }
}

/// `content/site.yaml`: parse, read the languages and the configuration,
/// and report.
pub fn load_site(data: &[u8]) {
    let Some(text) = text(data) else { return };
    let mut state = yaml_file("content/site.yaml", text);
    if let Some(value) = state.parse_yaml() {
        let langs = config::languages(&value);
        let config = config::parse(&value, &mut state.problems);
        if let Some(config) = config {
            // A configuration comes out only with usable languages.
            assert!(!config.languages.is_empty());
            assert_eq!(langs.codes.len(), config.languages.len());
        }
    }
    report(state);
}

/// A term or page file (`content/terms/<id>.<lang>.md`): split the front
/// matter, parse and read it, check the body's links, gather the document,
/// and report.
pub fn front_matter(data: &[u8]) {
    let Some(text) = text(data) else { return };
    let rel = "content/terms/fuzz.zh.md";
    let mut state = FileState {
        rel: rel.to_string(),
        ..FileState::default()
    };
    let parsed = match source::markdown_source(PathBuf::from(rel), rel.to_string(), text) {
        Ok(s) => {
            check_split(&s);
            state.source = Some(std::sync::Arc::new(s));
            true
        }
        Err(failed) => {
            let (s, p) = *failed;
            state.source = Some(std::sync::Arc::new(s));
            state.problems.push(p);
            false
        }
    };
    if parsed && let Some(value) = state.parse_yaml() {
        let body = state
            .source
            .as_ref()
            .map(|s| s.body_text().to_string())
            .unwrap_or_default();
        let part = documents::part("fuzz", "zh", 0, &value, &body, &mut state.problems);
        for langs in language_cases() {
            let mut gathered = Vec::new();
            let _ = documents::gather(
                part.clone().into_iter().collect(),
                "term",
                "terms",
                &langs,
                &mut gathered,
            );
        }
        let s = state.source.as_ref().expect("source");
        let paths = SitePaths::default();
        for lp in links::check(s.body_text(), &paths) {
            assert!(lp.column >= 1, "{lp:?}");
        }
        let (body, line) = (s.body_text().to_string(), s.body_line);
        references::check_markdown_body(&body, line, &paths, &mut state.problems);
    }
    report(state);
}

/// The front matter and body are slices of the text, in order.
fn check_split(s: &Source) {
    assert!(s.yaml.end <= s.body.start && s.body.end == s.text.len());
    assert!(s.text.is_char_boundary(s.yaml.start) && s.text.is_char_boundary(s.body.start));
}

/// The tags and attributes pulldown-cmark writes for the Markdown the site
/// enables; with raw HTML not allowed, nothing else may appear.
const TAGS: &[&str] = &[
    "a",
    "blockquote",
    "br",
    "code",
    "dd",
    "del",
    "div",
    "dl",
    "dt",
    "em",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "hr",
    "img",
    "input",
    "li",
    "ol",
    "p",
    "pre",
    "span",
    "strong",
    "sub",
    "sup",
    "table",
    "tbody",
    "td",
    "th",
    "thead",
    "tr",
    "ul",
];
const ATTRIBUTES: &[&str] = &[
    "href", "src", "alt", "title", "class", "id", "start", "style", "disabled", "type", "checked",
];

/// Markdown to HTML with raw HTML escaped (with and without a base path)
/// and allowed. With raw HTML escaped the renderer promises: only its own
/// markup (no `<script>`, no event handler, no unknown attribute); no link
/// or image a browser would run as `javascript:`, `vbscript:` or `data:`;
/// headings start below the page's `<h1>`; site paths carry the base path.
pub fn markdown(data: &[u8]) {
    let Some(text) = text(data) else { return };
    for base_path in ["", "/preview"] {
        let options = MarkdownOptions {
            allow_raw_html: false,
            base_path: base_path.to_string(),
            top_heading: 2,
        };
        let html = markdown::to_html(&text, &options);
        check_html(&html, base_path);
    }
    let raw = MarkdownOptions {
        allow_raw_html: true,
        base_path: "/preview".into(),
        top_heading: 0,
    };
    let _ = markdown::to_html(&text, &raw);
    for (dest, offset) in markdown::links(&text) {
        assert!(offset <= text.len());
        let _ = markdown::is_dangerous(&dest);
    }
}

fn check_html(html: &str, base_path: &str) {
    for tag in tags(html) {
        let Tag { name, attributes } = tag;
        assert!(TAGS.contains(&name.as_str()), "tag <{name}> in\n{html}");
        assert!(name != "h1", "an <h1> under the page title in\n{html}");
        for (attribute, value) in attributes {
            assert!(
                ATTRIBUTES.contains(&attribute.as_str()),
                "attribute {attribute} on <{name}> in\n{html}"
            );
            if attribute == "href" || attribute == "src" {
                let url = decode_entities(&value);
                if let Some(scheme) = browser_scheme(&url) {
                    assert!(
                        !matches!(scheme.as_str(), "javascript" | "vbscript" | "data"),
                        "{attribute}={value:?} runs as {scheme}: in\n{html}"
                    );
                }
                if !base_path.is_empty() && url.starts_with('/') && !url.starts_with("//") {
                    assert!(
                        url.starts_with(&format!("{base_path}/")),
                        "{attribute}={value:?} misses the base path in\n{html}"
                    );
                }
            }
        }
    }
}

#[derive(Debug)]
struct Tag {
    name: String,
    attributes: Vec<(String, String)>,
}

/// Every tag of `html`, read strictly: a `<` that does not start a
/// well-formed tag fails (text must have it escaped as `&lt;`).
fn tags(html: &str) -> Vec<Tag> {
    let mut out = Vec::new();
    let mut rest = html;
    while let Some(i) = rest.find('<') {
        let mut s = &rest[i + 1..];
        s = s.strip_prefix('/').unwrap_or(s);
        let name_len = s
            .find(|c: char| !c.is_ascii_alphanumeric())
            .unwrap_or(s.len());
        assert!(name_len > 0, "a bare `<` in\n{html}");
        let name = s[..name_len].to_string();
        s = &s[name_len..];
        let mut attributes = Vec::new();
        loop {
            s = s.trim_start_matches(' ');
            if let Some(r) = s.strip_prefix('>').or_else(|| s.strip_prefix("/>")) {
                s = r;
                break;
            }
            let len = s
                .find(|c: char| !(c.is_ascii_alphanumeric() || c == '-'))
                .unwrap_or(s.len());
            assert!(len > 0, "a malformed <{name}> tag in\n{html}");
            let attribute = s[..len].to_string();
            s = &s[len..];
            let value = match s.strip_prefix("=\"") {
                Some(r) => {
                    let end = r
                        .find('"')
                        .unwrap_or_else(|| panic!("unclosed value in\n{html}"));
                    s = &r[end + 1..];
                    r[..end].to_string()
                }
                None => String::new(),
            };
            attributes.push((attribute, value));
        }
        out.push(Tag { name, attributes });
        rest = s;
    }
    out
}

/// An attribute value as a browser reads it (the character references
/// pulldown-cmark writes, and numeric ones).
fn decode_entities(value: &str) -> String {
    let mut out = String::new();
    let mut rest = value;
    while let Some(i) = rest.find('&') {
        out.push_str(&rest[..i]);
        rest = &rest[i..];
        let end = rest.find(';').filter(|e| *e <= 10);
        let decoded = end.and_then(|e| {
            let name = &rest[1..e];
            let c = match name {
                "amp" => Some('&'),
                "lt" => Some('<'),
                "gt" => Some('>'),
                "quot" => Some('"'),
                "apos" => Some('\''),
                _ => {
                    let n = name.strip_prefix('#')?;
                    let code = match n.strip_prefix(['x', 'X']) {
                        Some(h) => u32::from_str_radix(h, 16).ok()?,
                        None => n.parse().ok()?,
                    };
                    char::from_u32(code)
                }
            }?;
            Some((c, e + 1))
        });
        match decoded {
            Some((c, len)) => {
                out.push(c);
                rest = &rest[len..];
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

/// The scheme a browser's URL parser finds in `url` (WHATWG URL: leading
/// and trailing C0 controls and spaces stripped, tabs and newlines removed
/// anywhere, then `alpha *(alnum / "+" / "-" / ".") ":"`), lowercased.
fn browser_scheme(url: &str) -> Option<String> {
    let url: String = url
        .trim_matches(|c: char| c <= ' ')
        .chars()
        .filter(|c| !matches!(c, '\t' | '\n' | '\r'))
        .collect();
    let mut chars = url.chars();
    let first = chars.next()?;
    if !first.is_ascii_alphabetic() {
        return None;
    }
    let mut scheme = String::from(first);
    for c in chars {
        if c == ':' {
            return Some(scheme.to_ascii_lowercase());
        }
        if c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.') {
            scheme.push(c);
        } else {
            return None;
        }
    }
    None
}
