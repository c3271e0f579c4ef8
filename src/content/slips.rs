//! Where a YAML syntax error really is.
//!
//! The parser notices a slip only where the document stops making sense,
//! which is often lines later: an unclosed quote is reported at the end of
//! the file, `category:shopping` at the next line, `en:|` at the next field.
//! Once the parser has failed, the lines up to its position are scanned for
//! the common slips, and the first one found is reported at its own line
//! with a hint for that slip. Nothing here runs on a file that parses.

/// A slip found on a line: 1-based line and column within the YAML text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Slip {
    pub line: usize,
    pub column: usize,
    pub message: String,
    pub hint: String,
}

/// The first common slip on the lines up to `error_line` (1-based).
pub fn find(yaml: &str, error_line: usize) -> Option<Slip> {
    let lines: Vec<&str> = yaml.lines().collect();
    let last = error_line.min(lines.len());
    // While inside a `|` or `>` block: the indentation of its key's line.
    let mut block: Option<usize> = None;
    for i in 0..last {
        let line = lines[i].trim_end_matches('\r');
        let content = line.trim_start_matches([' ', '\t']);
        if content.is_empty() {
            continue;
        }
        let indent = line.len() - content.len();
        if let Some(key_indent) = block {
            if indent > key_indent && !line[..indent].contains('\t') {
                continue;
            }
            block = None;
        }
        if content.starts_with('#') {
            continue;
        }
        let n = i + 1;
        if let Some(tab) = line[..indent].find('\t') {
            return Some(Slip {
                line: n,
                column: tab + 1,
                message: "a tab is used for indentation".into(),
                hint: "indent with spaces, not tabs".into(),
            });
        }
        if let Some(slip) = missing_space(line, indent, n) {
            return Some(slip);
        }
        // A quote or bracket may legally continue on more indented lines.
        let continued = lines[i + 1..]
            .iter()
            .find(|l| !l.trim().is_empty())
            .is_some_and(|l| l.len() - l.trim_start_matches(' ').len() > indent);
        if !continued && let Some(slip) = unclosed(line, indent, n) {
            return Some(slip);
        }
        if opens_block(content) {
            // The block's text must be indented more than its key.
            let next = lines[i + 1..]
                .iter()
                .enumerate()
                .find(|(_, l)| !l.trim().is_empty());
            if let Some((j, text)) = next {
                let text_indent = text.len() - text.trim_start_matches(' ').len();
                if text_indent <= indent && !looks_like_field(text.trim_start()) {
                    let key = content
                        .split(':')
                        .next()
                        .unwrap_or("")
                        .trim_start_matches("- ");
                    return Some(Slip {
                        line: i + j + 2,
                        column: text_indent + 1,
                        message: format!("the text of `{key}: |` is not indented"),
                        hint: format!(
                            "indent every line of the text more than `{key}:`, e.g. {} spaces",
                            indent + 2
                        ),
                    });
                }
            }
            block = Some(indent);
        }
    }
    None
}

/// `key:value` where `key: value` was meant (a URL's `https:` aside).
fn missing_space(line: &str, indent: usize, n: usize) -> Option<Slip> {
    let rest = &line[indent..];
    let (dash, rest) = match rest.strip_prefix("- ") {
        Some(r) => {
            let r2 = r.trim_start();
            (2 + r.len() - r2.len(), r2)
        }
        None => (0, rest),
    };
    let key_len = rest
        .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_' || c == '-'))
        .unwrap_or(rest.len());
    if key_len == 0 {
        return None;
    }
    let after = &rest[key_len..];
    let next = after.strip_prefix(':')?.chars().next()?;
    if next == ' ' || next == '/' || next == ':' {
        return None;
    }
    let key = &rest[..key_len];
    let value = &after[1..];
    Some(Slip {
        line: n,
        column: indent + dash + key_len + 2,
        message: format!("no space after `{key}:`"),
        hint: format!("write a space after the colon: `{key}: {value}`"),
    })
}

/// A quote or bracket opened on the line and not closed on it.
fn unclosed(line: &str, indent: usize, n: usize) -> Option<Slip> {
    let mut stack: Vec<(char, usize)> = Vec::new();
    let mut quote: Option<(char, usize)> = None;
    let mut prev = ' ';
    let mut value_start = true;
    let chars: Vec<char> = line.chars().collect();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        let column = i + 1;
        if let Some((q, _)) = quote {
            if c == q {
                if q == '\'' && chars.get(i + 1) == Some(&'\'') {
                    i += 2;
                    continue;
                }
                quote = None;
            } else if c == '\\' && q == '"' {
                i += 1;
            }
            i += 1;
            prev = c;
            continue;
        }
        match c {
            '#' if prev == ' ' => break,
            '"' | '\'' if value_start => quote = Some((c, column)),
            '[' | '{' if value_start => stack.push((c, column)),
            ']' | '}' => {
                stack.pop();
            }
            _ => {}
        }
        // A value (or flow item) starts after `: `, `- `, `[`, `{` and `,`.
        value_start = match c {
            ' ' => value_start || matches!(prev, ':' | '-' | ',' | '[' | '{'),
            '[' | '{' | ',' => true,
            _ => false,
        };
        if i < indent {
            value_start = true;
        }
        prev = c;
        i += 1;
    }
    if let Some((q, column)) = quote {
        return Some(Slip {
            line: n,
            column,
            message: format!("the quote `{q}` here is never closed"),
            hint: format!("end the quoted text with `{q}` on the same line"),
        });
    }
    let (open, column) = stack.first().copied()?;
    let close = if open == '[' { ']' } else { '}' };
    Some(Slip {
        line: n,
        column,
        message: format!("the `{open}` here is never closed"),
        hint: format!("close it with `{close}` on the same line"),
    })
}

/// `key: |`, `key: >-` and the like.
fn opens_block(content: &str) -> bool {
    let Some((_, value)) = content.split_once(": ") else {
        return false;
    };
    let value = value.split(" #").next().unwrap_or("").trim();
    let mut chars = value.chars();
    matches!(chars.next(), Some('|' | '>'))
        && chars.all(|c| matches!(c, '-' | '+') || c.is_ascii_digit())
}

fn looks_like_field(content: &str) -> bool {
    content.starts_with("- ")
        || content.starts_with('#')
        || content
            .split_once(':')
            .is_some_and(|(k, v)| !k.contains(' ') && (v.is_empty() || v.starts_with(' ')))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(yaml: &str) -> Option<(usize, usize)> {
        find(yaml, yaml.lines().count()).map(|s| (s.line, s.column))
    }

    #[test]
    fn finds_each_common_slip_on_its_line() {
        assert_eq!(at("a: 1\ncategory:shopping\nb: 2\n"), Some((2, 10)));
        assert_eq!(at("a: 1\nbody:\n  en:|\n    text\n"), Some((3, 6)));
        assert_eq!(at("a: {zh: x, en: \"y}\nb: 2\n"), Some((1, 16)));
        assert_eq!(at("a: 'it''s\nb: 2\n"), Some((1, 4)));
        assert_eq!(at("a: [x, y\nb: 2\n"), Some((1, 4)));
        assert_eq!(at("a:\n\t- x\n"), Some((2, 1)));
        assert_eq!(at("body:\n  en: |\n  text\n  more\n"), Some((3, 3)));
    }

    #[test]
    fn leaves_sound_lines_alone() {
        assert_eq!(at("url: https://x.com/a\nt: {zh: \"a\", en: 'b'}\n"), None);
        assert_eq!(at("t: Macy's: \"x\"\n"), None);
        assert_eq!(at("body: |\n  note:this is text\n  [not a list\n"), None);
        assert_eq!(at("title: 'it''s'\nd: [a, b]  # [\n"), None);
        assert_eq!(at("t: {zh: a,\n    en: b}\nd: [x,\n  y]\n"), None);
    }

    #[test]
    fn never_panics_on_odd_text() {
        let odd = [
            "",
            "\n\n",
            "\t",
            "é:ü",
            "- ",
            "-",
            ":",
            "a:",
            "a:\t|",
            "\u{3000}a: [\"",
            "a: |\n",
            "a: >-\n\tb",
            "中文:值",
            "a: '\n'",
            "a: \"\\\"",
            "\r\n\r\n",
            "- - a:b",
            "a: {b: [c: 'd",
        ];
        for text in odd {
            let _ = find(text, usize::MAX);
            let _ = find(text, 1);
        }
    }
}
