//! Turning a file's problems into positioned, quoted diagnostics.

use crate::diagnostics::Diagnostic;

use super::file::FileState;
use super::problem::{Loc, Problem};
use super::source::Source;
use super::yaml;

/// The diagnostics of one file.
pub fn diagnostics(file: FileState) -> Vec<Diagnostic> {
    let FileState {
        rel,
        source,
        problems,
    } = file;
    merge_missing_fields(problems)
        .into_iter()
        .map(|p| diagnostic(&rel, source.as_deref(), p))
        .collect()
}

fn diagnostic(rel: &str, source: Option<&Source>, p: Problem) -> Diagnostic {
    let Problem {
        severity,
        loc,
        message,
        hint,
    } = p;
    let (line, column) = match (&loc, source) {
        (Loc::Text(l, c), _) => (*l, *c),
        (Loc::File, _) | (_, None) => (0, 0),
        (Loc::Yaml(path), Some(s)) => {
            let (l, c) = yaml::locate_nearest(s.yaml_text(), path);
            (l + s.yaml_line_offset, c)
        }
        (Loc::InYamlText(path, line, col), Some(s)) => {
            let (l, c) = yaml::locate_nearest(s.yaml_text(), path);
            in_scalar(s.yaml_text(), l, c, *line, *col, s.yaml_line_offset)
        }
    };
    let mut d = Diagnostic {
        severity,
        file: rel.to_string(),
        line,
        column,
        message,
        hint,
        source_line: None,
    };
    if let Some(s) = source {
        d = d.quoting(&s.text);
    }
    d
}

/// The file position of a place inside a YAML string that starts at
/// (`line`, `column`). A block scalar (`|` or `>`) starts on the next line,
/// indented; a quoted one a character after its quote.
fn in_scalar(
    yaml: &str,
    line: usize,
    column: usize,
    inner_line: usize,
    inner_col: usize,
    offset: usize,
) -> (usize, usize) {
    let start = yaml.lines().nth(line.saturating_sub(1)).unwrap_or("");
    let first = start.chars().nth(column.saturating_sub(1));
    if matches!(first, Some('|' | '>')) {
        let target = line + 1 + inner_line;
        let text_line = yaml.lines().nth(target - 1).unwrap_or("");
        let indent = text_line.chars().take_while(|c| *c == ' ').count();
        return (target + offset, indent + inner_col);
    }
    let quote = usize::from(matches!(first, Some('"' | '\'')));
    if inner_line == 0 {
        (line + offset, column + quote + inner_col - 1)
    } else {
        (line + inner_line + offset, inner_col)
    }
}

const MISSING: &str = "missing required field `";

/// Several missing fields of one record read better as one diagnostic.
fn merge_missing_fields(problems: Vec<Problem>) -> Vec<Problem> {
    let mut out: Vec<Problem> = Vec::with_capacity(problems.len());
    let mut merged: Vec<(usize, Vec<String>, Vec<String>)> = Vec::new();
    for p in problems {
        let same_place = |q: &Problem| match (&q.loc, &p.loc) {
            (Loc::Yaml(a), Loc::Yaml(b)) => a == b,
            _ => false,
        };
        if let Some(name) = p
            .message
            .strip_prefix(MISSING)
            .and_then(|r| r.strip_suffix('`'))
        {
            if let Some(entry) = merged.iter_mut().find(|(i, _, _)| same_place(&out[*i])) {
                entry.1.push(name.to_string());
                entry.2.extend(p.hint.clone());
                continue;
            }
            merged.push((
                out.len(),
                vec![name.to_string()],
                p.hint.clone().into_iter().collect(),
            ));
        }
        out.push(p);
    }
    for (i, names, hints) in merged {
        if names.len() > 1 {
            let list: Vec<String> = names.iter().map(|n| format!("`{n}`")).collect();
            out[i].message = format!("missing required fields {}", list.join(", "));
            let adds: Vec<String> = hints
                .iter()
                .map(|h| h.trim_start_matches("add ").to_string())
                .collect();
            out[i].hint = Some(format!("add {}", adds.join(", ")));
        }
    }
    out
}
