//! The one HTML/XML escaper: templates (through Tera's autoescape), the
//! sitemap and the preview server's error panel all escape text with it, so
//! every output agrees on which characters are special.

/// Escapes text for HTML and XML alike. Tera's default also escapes `/`,
/// which only bloats every URL without making anything safer.
#[must_use]
pub fn escape(input: &str) -> String {
    let bytes = input.as_bytes();
    let Some(first) = bytes.iter().position(|&b| needs_escape(b)) else {
        return input.to_string();
    };
    let mut out = String::with_capacity(input.len() + input.len() / 8 + 8);
    out.push_str(&input[..first]);
    let mut start = first;
    for (i, &b) in bytes.iter().enumerate().skip(first) {
        let entity = match b {
            b'&' => "&amp;",
            b'<' => "&lt;",
            b'>' => "&gt;",
            b'"' => "&quot;",
            b'\'' => "&#39;",
            _ => continue,
        };
        // Specials are ASCII, so `start..i` is on character boundaries.
        out.push_str(&input[start..i]);
        out.push_str(entity);
        start = i + 1;
    }
    out.push_str(&input[start..]);
    out
}

fn needs_escape(b: u8) -> bool {
    matches!(b, b'&' | b'<' | b'>' | b'"' | b'\'')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escape_covers_html_and_xml_specials() {
        assert_eq!(escape("&"), "&amp;");
        assert_eq!(escape("<"), "&lt;");
        assert_eq!(escape(">"), "&gt;");
        assert_eq!(escape("\""), "&quot;");
        assert_eq!(escape("'"), "&#39;");
        assert_eq!(
            escape(r#"<a href="x">'&'</a>"#),
            "&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;"
        );
    }

    #[test]
    fn escape_leaves_urls_and_other_text_alone() {
        assert_eq!(escape("https://e.com/a/b"), "https://e.com/a/b");
        assert_eq!(escape("九折 · 10% off"), "九折 · 10% off");
        assert_eq!(escape("九<折>"), "九&lt;折&gt;");
    }
}
