//! Problems found in a site, reported to editors with the file, line and
//! column, the offending line quoted with a marker under the column, and a
//! hint saying what to do. Every stage collects these instead of stopping at
//! the first, so one run reports every mistake.

use std::fmt::Write as _;
use std::io::Write as _;
use std::path::Path;

use serde::Serialize;
use unicode_width::UnicodeWidthStr;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Error,
    Warning,
    /// Worth knowing, expected in a site's life (an offer that ended):
    /// shown, never counted as a warning nor failing `--deny-warnings`.
    Note,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Diagnostic {
    pub severity: Severity,
    /// Path relative to the site root, with `/` separators.
    pub file: String,
    /// 1-based; 0 when the problem concerns the file as a whole.
    pub line: usize,
    /// 1-based, counted in characters; 0 when the problem has no column.
    pub column: usize,
    pub message: String,
    pub hint: Option<String>,
    /// The quoted source line, when there is one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub source_line: Option<String>,
}

impl Diagnostic {
    pub fn error(file: impl Into<String>, message: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Error,
            file: file.into(),
            line: 0,
            column: 0,
            message: message.into(),
            hint: None,
            source_line: None,
        }
    }

    pub fn warning(file: impl Into<String>, message: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Warning,
            ..Diagnostic::error(file, message)
        }
    }

    pub fn note(file: impl Into<String>, message: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Note,
            ..Diagnostic::error(file, message)
        }
    }

    pub fn is_warning(&self) -> bool {
        self.severity == Severity::Warning
    }

    #[must_use]
    pub fn at(mut self, line: usize, column: usize) -> Self {
        self.line = line;
        self.column = column;
        self
    }

    #[must_use]
    pub fn hint(mut self, hint: impl Into<String>) -> Self {
        self.hint = Some(hint.into());
        self
    }

    /// Quote the diagnostic's line from the file's text.
    #[must_use]
    pub fn quoting(mut self, source: &str) -> Self {
        if self.line > 0 {
            self.source_line = source
                .lines()
                .nth(self.line - 1)
                .map(|l| l.trim_end_matches('\r').to_string());
        }
        self
    }

    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }

    /// The editor-facing form:
    ///
    /// ```text
    /// error: unknown field `valid_untill`
    ///   --> content/offers/x.yaml:9:1
    ///    |
    ///  9 | valid_untill: 2015-03-31
    ///    | ^
    ///    = hint: did you mean `valid_until`?
    /// ```
    pub fn to_human(&self) -> String {
        let mut out = String::new();
        let label = match self.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Note => "note",
        };
        let _ = writeln!(out, "{label}: {}", self.message);
        let location = match (self.line, self.column) {
            (0, _) => self.file.clone(),
            (l, 0) => format!("{}:{l}", self.file),
            (l, c) => format!("{}:{l}:{c}", self.file),
        };
        let gutter = " ".repeat(self.line.max(1).to_string().len());
        let _ = writeln!(out, "{gutter}--> {location}");
        if let Some(line) = &self.source_line {
            let (line, column) = window(line, self.column);
            let shown = line.replace('\t', "    ");
            let _ = writeln!(out, "{gutter} |");
            let _ = writeln!(out, "{} | {shown}", self.line);
            if column > 0 {
                let before: String = line
                    .chars()
                    .take(column - 1)
                    .collect::<String>()
                    .replace('\t', "    ");
                let pad = " ".repeat(UnicodeWidthStr::width(before.as_str()));
                let _ = writeln!(out, "{gutter} | {pad}^");
            }
        }
        if let Some(hint) = &self.hint {
            let _ = writeln!(out, "{gutter} = hint: {hint}");
        }
        out
    }

    /// A GitHub Actions workflow command, which the runner turns into an
    /// annotation on the file and line.
    pub fn to_github(&self) -> String {
        let command = match self.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Note => "notice",
        };
        let mut props = format!("file={}", github_escape(&self.file, true));
        if self.line > 0 {
            let _ = write!(props, ",line={}", self.line);
            if self.column > 0 {
                let _ = write!(props, ",col={}", self.column);
            }
        }
        let mut text = self.message.clone();
        if let Some(hint) = &self.hint {
            let _ = write!(text, "\nhint: {hint}");
        }
        format!("::{command} {props}::{}", github_escape(&text, false))
    }

    /// One JSON object on one line, for CI annotations.
    pub fn to_json(&self) -> String {
        serde_json::to_string(self).unwrap_or_default()
    }
}

/// Errors, warnings and notes counted apart.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct Counts {
    pub errors: usize,
    pub warnings: usize,
    pub notes: usize,
}

impl Counts {
    pub fn of(diagnostics: &[Diagnostic]) -> Self {
        let mut c = Counts::default();
        for d in diagnostics {
            match d.severity {
                Severity::Error => c.errors += 1,
                Severity::Warning => c.warnings += 1,
                Severity::Note => c.notes += 1,
            }
        }
        c
    }

    /// Whether the run fails: on errors, and on warnings when denied.
    #[must_use]
    pub fn fails(&self, deny_warnings: bool) -> bool {
        self.errors > 0 || (deny_warnings && self.warnings > 0)
    }
}

/// How much to print besides errors and warnings.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Verbosity {
    Quiet,
    Normal,
    Verbose,
}

/// Print diagnostics for people, on standard error, with the counts;
/// notes are left out when quiet.
pub fn print_human(diagnostics: &[Diagnostic], verbosity: Verbosity) {
    let mut err = std::io::stderr().lock();
    for d in diagnostics {
        if verbosity == Verbosity::Quiet && d.severity == Severity::Note {
            continue;
        }
        let _ = writeln!(err, "{}", d.to_human());
    }
    let c = Counts::of(diagnostics);
    if c.errors > 0 || c.warnings > 0 {
        let _ = write!(err, "{} error(s), {} warning(s)", c.errors, c.warnings);
        if c.notes > 0 && verbosity != Verbosity::Quiet {
            let _ = write!(err, " ({} note(s))", c.notes);
        }
        let _ = writeln!(err);
    }
}

/// GitHub's escaping of workflow command data (and, more strictly, of
/// property values).
fn github_escape(text: &str, property: bool) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '%' => out.push_str("%25"),
            '\r' => out.push_str("%0D"),
            '\n' => out.push_str("%0A"),
            ':' if property => out.push_str("%3A"),
            ',' if property => out.push_str("%2C"),
            c => out.push(c),
        }
    }
    out
}

/// At most about 100 characters of a long line, around the column, so a
/// 10,000-character title does not flood the terminal. Returns the shown
/// text and the column within it.
fn window(line: &str, column: usize) -> (String, usize) {
    const WIDTH: usize = 100;
    let count = line.chars().count();
    if count <= WIDTH {
        return (line.to_string(), column);
    }
    let start = column.saturating_sub(WIDTH / 2).min(count - WIDTH);
    let mut shown: String = line.chars().skip(start).take(WIDTH).collect();
    let mut col = column.saturating_sub(start);
    if start > 0 {
        shown.insert(0, '…');
        col += 1;
    }
    if start + WIDTH < count {
        shown.push('…');
    }
    (shown, if column == 0 { 0 } else { col })
}

/// The display form of a path relative to the site root.
pub fn display_path(root: &Path, path: &Path) -> String {
    let rel = path.strip_prefix(root).unwrap_or(path);
    let shown = rel.to_string_lossy();
    // Only Windows separates with `\`; elsewhere it is part of a name.
    if cfg!(windows) {
        shown.replace('\\', "/")
    } else {
        shown.into_owned()
    }
}

/// Sort for stable, readable output: by file, then position, errors first
/// within a place.
pub fn sort(diagnostics: &mut [Diagnostic]) {
    diagnostics.sort_by(|a, b| {
        (&a.file, a.line, a.column, a.severity, &a.message)
            .cmp(&(&b.file, b.line, b.column, b.severity, &b.message))
    });
}

/// The closest of `candidates` to `wrong`, if one is close enough to be what
/// the editor meant.
pub fn did_you_mean<'a>(
    wrong: &str,
    candidates: impl IntoIterator<Item = &'a str>,
) -> Option<&'a str> {
    candidates
        .into_iter()
        .map(|c| (strsim::jaro_winkler(wrong, c), c))
        .filter(|(score, _)| *score > 0.8)
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, c)| c)
}
