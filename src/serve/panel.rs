//! The error panel of the preview, rendered by the server: while the site
//! is broken, every served HTML page carries it at the top of its body, so
//! the errors show without JavaScript too. `live.js` shows the same content
//! as an overlay (and takes this panel away when it does).

use crate::render::escape;

/// The panel's element id; `live.js` removes the element by it.
pub const PANEL_ID: &str = "__offersite-errors";
/// Ends the panel's markup (lets tests and tools cut it out again).
pub const PANEL_END: &str = "<!--/__offersite-errors-->";

/// The panel for the diagnostics of a failed rebuild (the JSON array the
/// overlay gets); errors only, as in the overlay. Empty when there are none.
pub fn render(errors_json: &str) -> String {
    let list: Vec<serde_json::Value> = serde_json::from_str(errors_json).unwrap_or_default();
    let errors: Vec<&serde_json::Value> =
        list.iter().filter(|d| d["severity"] == "error").collect();
    if errors.is_empty() {
        return String::new();
    }
    let mut items = String::new();
    for d in &errors {
        let file = d["file"].as_str().unwrap_or("");
        let line = d["line"].as_u64().unwrap_or(0);
        let column = d["column"].as_u64().unwrap_or(0);
        let at = match (line, column) {
            (0, _) => file.to_string(),
            (l, 0) => format!("{file}:{l}"),
            (l, c) => format!("{file}:{l}:{c}"),
        };
        items.push_str("<li style=\"margin:0 0 1.2em;padding-left:.8em;border-left:3px solid #f87171;list-style:none\">");
        items.push_str(&format!(
            "<div style=\"color:#93c5fd\">{}</div><div style=\"font-weight:bold;white-space:pre-wrap\">{}</div>",
            escape(&at),
            escape(d["message"].as_str().unwrap_or(""))
        ));
        if let Some(quoted) = d["source_line"].as_str() {
            items.push_str(&format!(
                "<pre style=\"margin:.3em 0;white-space:pre-wrap;color:#e4e4e7\">{line} | {}</pre>",
                escape(quoted)
            ));
        }
        if let Some(hint) = d["hint"].as_str() {
            items.push_str(&format!(
                "<div style=\"color:#d4d4d8;white-space:pre-wrap\">hint: {}</div>",
                escape(hint)
            ));
        }
        items.push_str("</li>");
    }
    let n = errors.len();
    let noun = if n == 1 { "error" } else { "errors" };
    format!(
        "<div id=\"{PANEL_ID}\" role=\"alert\" lang=\"en\" style=\"padding:1em 1.5em;background:#141418;color:#f4f4f5;font:14px/1.5 ui-monospace,Menlo,Consolas,monospace;overflow-wrap:anywhere\">\
         <h2 style=\"margin:0 0 1em;font-size:1.1em;color:#fca5a5\">{n} {noun} \u{2014} the last good version of the site is shown</h2>\
         <ul style=\"margin:0;padding:0\">{items}</ul></div>{PANEL_END}"
    )
}

/// `html` with `panel` at the top of its body.
pub fn insert(html: &[u8], panel: &str) -> Vec<u8> {
    let at = body_start(html).unwrap_or(0);
    let mut out = Vec::with_capacity(html.len() + panel.len());
    out.extend_from_slice(&html[..at]);
    out.extend_from_slice(panel.as_bytes());
    out.extend_from_slice(&html[at..]);
    out
}

/// Just after the `<body …>` tag.
fn body_start(html: &[u8]) -> Option<usize> {
    const NEEDLE: &[u8] = b"<body";
    let open = html
        .windows(NEEDLE.len())
        .position(|w| w.eq_ignore_ascii_case(NEEDLE))?;
    let close = html[open..].iter().position(|&b| b == b'>')?;
    Some(open + close + 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    const ERRORS: &str = r#"[{"severity":"error","file":"content/offers/x.yaml","line":9,"column":1,"message":"unknown field `valid_untill` <b>","hint":"did you mean `valid_until`?","source_line":"valid_untill: 2027-03-31"},{"severity":"warning","file":"a","line":0,"column":0,"message":"w","hint":null}]"#;

    #[test]
    fn the_panel_quotes_the_line_and_escapes_text() {
        let panel = render(ERRORS);
        assert!(panel.contains("1 error \u{2014}"));
        assert!(panel.contains("content/offers/x.yaml:9:1"));
        assert!(panel.contains("9 | valid_untill: 2027-03-31"));
        assert!(panel.contains("`valid_untill` &lt;b&gt;"));
        assert!(panel.contains("hint: did you mean `valid_until`?"));
        assert!(!panel.contains(">w<"), "warnings stay out: {panel}");
        assert_eq!(render("[]"), "");
    }

    #[test]
    fn the_panel_goes_first_in_the_body() {
        let html = b"<html><BODY class=x><p>hi</p></body></html>";
        let out = String::from_utf8(insert(html, "<div>P</div>")).unwrap();
        assert_eq!(
            out,
            "<html><BODY class=x><div>P</div><p>hi</p></body></html>"
        );
    }
}
