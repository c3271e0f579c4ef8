//! Reading one content file as text: UTF-8 checked (with the position of the
//! first bad byte), a byte-order mark dropped, and for Markdown files the
//! front matter split from the body.

use std::ops::Range;
use std::path::{Path, PathBuf};

use super::problem::{Loc, Problem};

/// Larger content files are refused: a page that big is of no use on a
/// phone over roaming data, and it would slow every build.
pub const MAX_FILE_BYTES: u64 = 4_000_000;

/// A content file's text and where its YAML lies within it.
#[derive(Debug, Clone)]
pub struct Source {
    pub path: PathBuf,
    /// Path relative to the site root, with `/` separators.
    pub rel: String,
    pub text: String,
    /// The YAML part: the whole file, or a Markdown file's front matter.
    pub yaml: Range<usize>,
    /// Lines before the YAML part starts (1 for front matter).
    pub yaml_line_offset: usize,
    /// A Markdown file's body and the 1-based line it starts on.
    pub body: Range<usize>,
    pub body_line: usize,
}

impl Source {
    pub fn yaml_text(&self) -> &str {
        &self.text[self.yaml.clone()]
    }

    pub fn body_text(&self) -> &str {
        &self.text[self.body.clone()]
    }
}

/// Read a file's text; a problem when it cannot be read or is not UTF-8.
pub fn read_text(path: &Path) -> Result<String, Problem> {
    if let Ok(meta) = std::fs::metadata(path)
        && meta.len() > MAX_FILE_BYTES
    {
        return Err(Problem::error(
                Loc::File,
                format!(
                    "the file is {:.1} MB; a content file may be at most {} MB",
                    meta.len() as f64 / 1_000_000.0,
                    MAX_FILE_BYTES / 1_000_000
                ),
            )
            .hint("tourists read these pages over roaming data: shorten the text, and put pictures in content/media/"));
    }
    let bytes = std::fs::read(path).map_err(|err| {
        Problem::error(Loc::File, format!("cannot read the file: {err}"))
            .hint("check that the file exists and is readable")
    })?;
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(&bytes);
    match std::str::from_utf8(bytes) {
        Ok(s) => Ok(s.to_string()),
        Err(err) => {
            let good = &bytes[..err.valid_up_to()];
            // Valid up to here, so this cannot fail.
            let good = std::str::from_utf8(good).unwrap_or("");
            let line = good.matches('\n').count() + 1;
            let column = good.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
            Err(
                Problem::error(Loc::Text(line, column), "the file is not valid UTF-8 text").hint(
                    "save the file as UTF-8 (most editors offer this under \"Save with encoding\")",
                ),
            )
        }
    }
}

/// A YAML file: all of it is YAML.
pub fn yaml_source(path: PathBuf, rel: String, text: String) -> Source {
    let len = text.len();
    Source {
        path,
        rel,
        text,
        yaml: 0..len,
        yaml_line_offset: 0,
        body: len..len,
        body_line: 0,
    }
}

/// A Markdown file with `---` front matter; a problem when the front matter
/// is missing or not closed.
pub fn markdown_source(
    path: PathBuf,
    rel: String,
    text: String,
) -> Result<Source, Box<(Source, Problem)>> {
    let len = text.len();
    let first_end = text.find('\n').map_or(len, |i| i + 1);
    let opened = text[..first_end].trim_end() == "---";
    if !opened {
        let source = yaml_source(path, rel, text);
        let problem = Problem::error(Loc::Text(1, 1), "missing front matter")
            .hint("start the file with a `---` line, then `title: …`, `summary: …`, `weight: …`, then another `---` line");
        return Err(Box::new((
            Source {
                yaml: 0..0,
                ..source
            },
            problem,
        )));
    }
    let mut offset = first_end;
    let mut line = 2;
    while offset < len {
        let end = text[offset..].find('\n').map_or(len, |i| offset + i + 1);
        if text[offset..end].trim_end() == "---" {
            return Ok(Source {
                path,
                rel,
                yaml: first_end..offset,
                yaml_line_offset: 1,
                body: end..len,
                body_line: line + 1,
                text,
            });
        }
        offset = end;
        line += 1;
    }
    let source = yaml_source(path, rel, text);
    let problem = Problem::error(Loc::Text(1, 1), "the front matter is never closed")
        .hint("end the front matter with a line of just `---`");
    Err(Box::new((
        Source {
            yaml: 0..0,
            ..source
        },
        problem,
    )))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_front_matter() {
        let text = "---\r\ntitle: T\r\n---\r\nBody\r\n".to_string();
        let s = markdown_source("x".into(), "x".into(), text).unwrap();
        assert_eq!(s.yaml_text(), "title: T\r\n");
        assert_eq!(s.body_text(), "Body\r\n");
        assert_eq!(s.body_line, 4);
    }

    #[test]
    fn reports_unclosed_front_matter() {
        let text = "---\ntitle: T\nBody\n".to_string();
        assert!(markdown_source("x".into(), "x".into(), text).is_err());
    }
}
