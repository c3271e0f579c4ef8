//! Writing YAML by hand: quoting and block scalars.

use std::fmt::Write as _;
use std::fs;
use std::path::Path;

/// A double-quoted YAML scalar.
pub fn q(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            c if (c as u32) < 0x20 => {
                let _ = write!(out, "\\x{:02x}", c as u32);
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// A literal block scalar indented by `indent` spaces (text ends with `\n`).
pub fn block(out: &mut String, indent: usize, text: &str) {
    out.push_str("|\n");
    for line in text.lines() {
        if !line.is_empty() {
            for _ in 0..indent {
                out.push(' ');
            }
            out.push_str(line);
        }
        out.push('\n');
    }
}

pub fn write(path: &Path, text: &str) -> std::io::Result<()> {
    fs::write(path, text)
}
