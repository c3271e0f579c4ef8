//! One content file of a load: its text, once read, and the problems found
//! in it, kept together until they are turned into positioned diagnostics.

use std::sync::Arc;

use serde_yaml::Value;

use super::discover::Pending;
use super::problem::{Loc, Problem};
use super::slips;
use super::source::{self, Source};
use super::yaml;

/// One file of the run: its text (when it could be read) and its problems.
#[derive(Debug, Default, Clone)]
pub struct FileState {
    pub rel: String,
    pub source: Option<Arc<Source>>,
    pub problems: Vec<Problem>,
}

impl FileState {
    pub(super) fn new(rel: &str) -> Self {
        FileState {
            rel: rel.to_string(),
            ..FileState::default()
        }
    }

    /// Read a YAML file; a problem is recorded when it cannot be read.
    pub(super) fn read_yaml(pending: &Pending) -> Self {
        let mut state = FileState::new(&pending.rel);
        match source::read_text(&pending.path) {
            Ok(text) => {
                state.source = Some(Arc::new(source::yaml_source(
                    pending.path.clone(),
                    pending.rel.clone(),
                    text,
                )))
            }
            Err(p) => state.problems.push(p),
        }
        state
    }

    /// Read a Markdown file, telling whether its front matter can be
    /// parsed.
    pub(super) fn read_markdown(pending: &Pending) -> MarkdownFile {
        let mut state = FileState::new(&pending.rel);
        let mut ok = false;
        match source::read_text(&pending.path) {
            Ok(text) => {
                match source::markdown_source(pending.path.clone(), pending.rel.clone(), text) {
                    Ok(s) => {
                        state.source = Some(Arc::new(s));
                        ok = true;
                    }
                    Err(failed) => {
                        let (s, p) = *failed;
                        state.source = Some(Arc::new(s));
                        state.problems.push(p);
                    }
                }
            }
            Err(p) => state.problems.push(p),
        }
        MarkdownFile {
            state,
            front_matter_ok: ok,
        }
    }

    /// Read and parse the file's YAML part; problems are recorded (a
    /// syntax error as a positioned problem). Public for the fuzz targets.
    pub fn parse_yaml(&mut self) -> Option<Value> {
        let source = self.source.as_ref()?;
        match yaml::parse(source.yaml_text()) {
            Ok(v) => Some(v),
            Err(err) => {
                let line = err.line + source.yaml_line_offset;
                let tabbed = source
                    .text
                    .lines()
                    .nth(line.saturating_sub(1))
                    .is_some_and(|l| l.trim_start_matches(' ').starts_with('\t'));
                let duplicate = err
                    .message
                    .strip_prefix("duplicate entry with key \"")
                    .and_then(|k| k.strip_suffix('"'));
                let (line, column) = match duplicate {
                    // serde_yaml has no position for this one: find the
                    // second time the key starts a line.
                    Some(key) => source
                        .text
                        .lines()
                        .enumerate()
                        .filter(|(_, l)| {
                            l.trim_start()
                                .strip_prefix(key)
                                .is_some_and(|r| r.starts_with(':'))
                        })
                        .nth(1)
                        .map(|(i, l)| (i + 1, l.len() - l.trim_start().len() + 1))
                        .unwrap_or((line, err.column)),
                    None => (line, err.column),
                };
                let (message, hint) = if tabbed {
                    (
                        "a tab is used for indentation".to_string(),
                        "indent with spaces, not tabs".to_string(),
                    )
                } else {
                    (err.message.clone(), syntax_hint(&err.message).to_string())
                };
                // The parser notices a slip where the text stops making
                // sense, often lines later: report it where it is.
                let slip = match duplicate {
                    Some(_) => None,
                    // Without a position from the parser, look through the whole text.
                    None if err.line == 0 => slips::find(source.yaml_text(), usize::MAX),
                    None => slips::find(source.yaml_text(), err.line),
                };
                let (line, column, message, hint) = match slip {
                    Some(s) => (
                        s.line + source.yaml_line_offset,
                        s.column,
                        s.message,
                        s.hint,
                    ),
                    None => (line, column, message, hint),
                };
                self.problems.push(
                    Problem::error(
                        Loc::Text(line, column),
                        format!("YAML syntax error: {message}"),
                    )
                    .hint(hint),
                );
                None
            }
        }
    }
}

fn syntax_hint(message: &str) -> &'static str {
    if message.contains("tab") {
        "indent with spaces, not tabs"
    } else if message.contains("duplicate") {
        "each field may appear once; remove or rename the repeated one"
    } else if message.contains("recursion") || message.contains("repetition") {
        "the document nests or repeats too deeply; simplify it"
    } else {
        "check the indentation and quoting near this place (text containing `: ` or starting with a special character needs quotes)"
    }
}

/// A Markdown file as read: its state, and whether its front matter (the
/// YAML between `---` lines) can be parsed at all.
pub(super) struct MarkdownFile {
    pub state: FileState,
    pub front_matter_ok: bool,
}
