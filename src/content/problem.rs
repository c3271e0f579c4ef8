//! A problem found while validating one file, located by structure (a YAML
//! path) until the end of the run turns it into a positioned diagnostic.

use crate::diagnostics::Severity;

use super::yaml::YamlPath;

/// Where in its file a problem is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Loc {
    /// The file as a whole (its name, its presence).
    File,
    /// A node of the file's YAML (the whole file, or a Markdown file's front
    /// matter).
    Yaml(YamlPath),
    /// Inside a YAML string (a Markdown field): 0-based line within the
    /// string's text and 1-based column within that line.
    InYamlText(YamlPath, usize, usize),
    /// A 1-based line and column of the file itself (a Markdown body).
    Text(usize, usize),
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    pub severity: Severity,
    pub loc: Loc,
    pub message: String,
    pub hint: Option<String>,
}

impl Problem {
    pub fn error(loc: Loc, message: impl Into<String>) -> Self {
        Problem {
            severity: Severity::Error,
            loc,
            message: message.into(),
            hint: None,
        }
    }

    pub fn warning(loc: Loc, message: impl Into<String>) -> Self {
        Problem {
            severity: Severity::Warning,
            ..Problem::error(loc, message)
        }
    }

    /// Expected in a site's life; shown but not a warning.
    pub fn note(loc: Loc, message: impl Into<String>) -> Self {
        Problem {
            severity: Severity::Note,
            ..Problem::error(loc, message)
        }
    }

    #[must_use]
    pub fn hint(mut self, hint: impl Into<String>) -> Self {
        self.hint = Some(hint.into());
        self
    }

    #[must_use]
    pub fn maybe_hint(mut self, hint: Option<String>) -> Self {
        self.hint = hint;
        self
    }
}
