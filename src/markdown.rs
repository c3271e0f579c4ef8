//! Markdown to HTML, shared by the renderer.
//!
//! Editors write Markdown for offer bodies, partner descriptions, terms and
//! free pages. The output is embedded into pages whose own `<h1>` is the
//! item's title, so headings are shifted down; raw HTML is shown as text
//! unless the site allows it, and links to site paths are made to work when
//! the site is served under a sub-path.

use pulldown_cmark::{CowStr, Event, HeadingLevel, LinkType, Options, Parser, Tag, TagEnd};

/// How to turn one Markdown text into HTML.
#[derive(Debug, Clone, Default)]
pub struct MarkdownOptions {
    /// Pass raw HTML through (`site.yaml: allow_raw_html`); otherwise it is
    /// escaped and shows as text.
    pub allow_raw_html: bool,
    /// The path of the base URL without a trailing slash (`/preview`, or
    /// empty): prefixed to links and images that start with `/`.
    pub base_path: String,
    /// The level the document's highest heading becomes (2 below a page's
    /// `<h1>`), the others keeping their distance to it, so headings nest
    /// in order inside the page; 0 or 1 keep headings as written.
    pub top_heading: u8,
}

/// The Markdown dialect: the renderer and the link check parse with the
/// same options, so they see the same links.
pub fn parser_options() -> Options {
    Options::ENABLE_TABLES | Options::ENABLE_FOOTNOTES | Options::ENABLE_STRIKETHROUGH
}

/// Renders `markdown` to HTML.
pub fn to_html(markdown: &str, options: &MarkdownOptions) -> String {
    to_html_with(markdown, options, &|_: &Image| None)
}

/// An image of a Markdown text, as the page will link it (the base path
/// already in front of a site path).
#[derive(Debug, Clone, Copy)]
pub struct Image<'a> {
    pub url: &'a str,
    /// The alt text, as plain text.
    pub alt: &'a str,
    pub title: &'a str,
}

/// [`to_html`], with `picture` giving the markup of an image instead of a
/// plain `<img>` when it returns some (the renderer's resized pictures).
pub fn to_html_with(
    markdown: &str,
    options: &MarkdownOptions,
    picture: &dyn Fn(&Image) -> Option<String>,
) -> String {
    let events: Vec<Event> = Parser::new_ext(markdown, parser_options()).collect();
    let shift = heading_shift(&events, options.top_heading);
    let mut out = String::with_capacity(markdown.len() * 3 / 2);
    // Links cannot nest in CommonMark, so one flag tracks a dropped link.
    let mut dropped_link = false;
    let mut dropped_image_depth = 0usize;
    let events = events.into_iter().filter_map(|event| match event {
        Event::Html(html) | Event::InlineHtml(html) if !options.allow_raw_html => {
            Some(Event::Text(html))
        }
        Event::Start(Tag::Heading {
            level,
            id,
            classes,
            attrs,
        }) => Some(Event::Start(Tag::Heading {
            level: shifted(level, shift),
            id,
            classes,
            attrs,
        })),
        Event::End(TagEnd::Heading(level)) => {
            Some(Event::End(TagEnd::Heading(shifted(level, shift))))
        }
        Event::Start(Tag::Link {
            link_type,
            dest_url,
            title,
            id,
        }) => {
            if is_dangerous(&dest_url) {
                dropped_link = true;
                return None;
            }
            Some(Event::Start(Tag::Link {
                link_type,
                dest_url: rewrite(dest_url, &options.base_path),
                title,
                id,
            }))
        }
        Event::End(TagEnd::Link) if dropped_link => {
            dropped_link = false;
            None
        }
        Event::Start(Tag::Image {
            link_type,
            dest_url,
            title,
            id,
        }) => {
            if dropped_image_depth > 0 || is_dangerous(&dest_url) {
                // The image's alt text still shows, as plain text.
                dropped_image_depth += 1;
                return None;
            }
            Some(Event::Start(Tag::Image {
                link_type,
                dest_url: rewrite(dest_url, &options.base_path),
                title,
                id,
            }))
        }
        Event::End(TagEnd::Image) if dropped_image_depth > 0 => {
            dropped_image_depth -= 1;
            None
        }
        other => Some(other),
    });
    pulldown_cmark::html::push_html(&mut out, with_pictures(events, picture));
    out
}

/// Replaces each image `picture` has markup for (its events from start to
/// end, the alt text among them) by that markup.
fn with_pictures<'a>(
    events: impl Iterator<Item = Event<'a>>,
    picture: &dyn Fn(&Image) -> Option<String>,
) -> impl Iterator<Item = Event<'a>> {
    let mut out = Vec::new();
    let mut events = events.peekable();
    while let Some(event) = events.next() {
        let Event::Start(Tag::Image {
            dest_url, title, ..
        }) = &event
        else {
            out.push(event);
            continue;
        };
        // The alt text: the text of everything up to the matching end.
        let mut inner = Vec::new();
        let mut depth = 1usize;
        for e in events.by_ref() {
            match &e {
                Event::Start(Tag::Image { .. }) => depth += 1,
                Event::End(TagEnd::Image) => depth -= 1,
                _ => {}
            }
            inner.push(e);
            if depth == 0 {
                break;
            }
        }
        let alt: String = inner
            .iter()
            .filter_map(|e| match e {
                Event::Text(t) | Event::Code(t) | Event::InlineMath(t) | Event::DisplayMath(t) => {
                    Some(t.as_ref())
                }
                Event::SoftBreak | Event::HardBreak => Some(" "),
                _ => None,
            })
            .collect();
        let image = Image {
            url: dest_url,
            alt: &alt,
            title,
        };
        match picture(&image) {
            Some(html) => out.push(Event::InlineHtml(html.into())),
            None => {
                out.push(event);
                out.append(&mut inner);
            }
        }
    }
    out.into_iter()
}

/// Every link and image target in `markdown`, in document order, with the
/// byte offset of the construct: the link check walks these, so it sees the
/// links the renderer does. Email autolinks are left out (their targets can
/// hold no `:` or leading `/`, so there is nothing to check).
pub fn links(markdown: &str) -> Vec<(String, usize)> {
    Parser::new_ext(markdown, parser_options())
        .into_offset_iter()
        .filter_map(|(event, range)| match event {
            Event::Start(Tag::Link {
                link_type,
                dest_url,
                ..
            }) if link_type != LinkType::Email => Some((dest_url.to_string(), range.start)),
            Event::Start(Tag::Image { dest_url, .. }) => Some((dest_url.to_string(), range.start)),
            _ => None,
        })
        .collect()
}

/// Every image target in `markdown`, in document order, with the byte
/// offset of the construct.
pub fn images(markdown: &str) -> Vec<(String, usize)> {
    Parser::new_ext(markdown, parser_options())
        .into_offset_iter()
        .filter_map(|(event, range)| match event {
            Event::Start(Tag::Image { dest_url, .. }) => Some((dest_url.to_string(), range.start)),
            _ => None,
        })
        .collect()
}

fn heading_shift(events: &[Event], top: u8) -> i32 {
    if top <= 1 {
        return 0;
    }
    let highest = events
        .iter()
        .filter_map(|e| match e {
            Event::Start(Tag::Heading { level, .. }) => Some(*level as i32),
            _ => None,
        })
        .min();
    match highest {
        Some(h) => i32::from(top) - h,
        None => 0,
    }
}

fn shifted(level: HeadingLevel, shift: i32) -> HeadingLevel {
    let n = (level as i32 + shift).clamp(1, 6);
    HeadingLevel::try_from(n as usize).unwrap_or(HeadingLevel::H6)
}

/// The one safe-link rule, for the renderer (which drops such links) and
/// the checker (which reports them): true for targets a browser would run
/// or render inline instead of navigating to — `javascript:`, `vbscript:`
/// and `data:`, in any case. Browsers drop tabs and newlines anywhere in a
/// URL and spaces and control characters around it; this drops every
/// whitespace and control character anywhere, non-ASCII ones too, so no
/// spelling a browser might accept slips through (`java\tscript:`,
/// `\u{3000}data:`). Refusing a harmless oddity only costs an editor a fix.
#[must_use]
pub fn is_dangerous(url: &str) -> bool {
    const SCHEMES: [&str; 3] = ["javascript:", "vbscript:", "data:"];
    let longest = SCHEMES.iter().map(|s| s.len()).max().unwrap_or(0);
    let start: String = url
        .chars()
        .filter(|c| !c.is_whitespace() && !c.is_control())
        .take(longest)
        .map(|c| c.to_ascii_lowercase())
        .collect();
    SCHEMES.iter().any(|s| start.starts_with(s))
}

/// Site paths (`/zh/offers/x/`) get the base URL's path in front; other
/// targets (absolute URLs, `#fragments`, relative paths) are left alone.
fn rewrite<'a>(url: CowStr<'a>, base_path: &str) -> CowStr<'a> {
    if !base_path.is_empty() && url.starts_with('/') && !url.starts_with("//") {
        CowStr::from(format!("{base_path}{url}"))
    } else {
        url
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn opts() -> MarkdownOptions {
        MarkdownOptions {
            allow_raw_html: false,
            base_path: String::new(),
            top_heading: 2,
        }
    }

    #[test]
    fn raw_html_is_escaped_by_default() {
        let html = to_html("Hi <script>alert(1)</script>\n\n<div>x</div>\n", &opts());
        assert!(!html.contains("<script>"), "{html}");
        assert!(
            html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"),
            "{html}"
        );
        assert!(html.contains("&lt;div&gt;"), "{html}");
    }

    #[test]
    fn raw_html_passes_when_allowed() {
        let o = MarkdownOptions {
            allow_raw_html: true,
            ..opts()
        };
        let html = to_html("<div class=\"x\">y</div>\n", &o);
        assert!(html.contains("<div class=\"x\">y</div>"), "{html}");
    }

    #[test]
    fn tables_footnotes_strikethrough() {
        let md = "| a | b |\n|---|---|\n| 1 | 2 |\n\n~~old~~ new[^1]\n\n[^1]: note\n";
        let html = to_html(md, &opts());
        assert!(html.contains("<table>"), "{html}");
        assert!(html.contains("<del>old</del>"), "{html}");
        assert!(html.contains("footnote-definition"), "{html}");
    }

    #[test]
    fn site_links_get_the_base_path() {
        let o = MarkdownOptions {
            base_path: "/preview".into(),
            ..opts()
        };
        let html = to_html(
            "[a](/zh/offers/x/) [b](https://e.com/x) [c](#top) ![i](/media/a.png)",
            &o,
        );
        assert!(html.contains("href=\"/preview/zh/offers/x/\""), "{html}");
        assert!(html.contains("href=\"https://e.com/x\""), "{html}");
        assert!(html.contains("href=\"#top\""), "{html}");
        assert!(html.contains("src=\"/preview/media/a.png\""), "{html}");
        let root = to_html("[a](/zh/)", &opts());
        assert!(root.contains("href=\"/zh/\""), "{root}");
    }

    #[test]
    fn scripting_links_are_not_clickable() {
        let html = to_html(
            "[x](javascript:alert(1)) [y](JaVaScRiPt:x) [z]( data:text/html,hi) ![p](data:image/png;base64,AA)",
            &opts(),
        );
        assert!(!html.to_ascii_lowercase().contains("javascript:"), "{html}");
        assert!(!html.contains("data:"), "{html}");
        assert!(html.contains('x') && html.contains('p'), "{html}");
    }

    #[test]
    fn the_safe_link_rule() {
        for bad in [
            "javascript:alert(1)",
            "JAVASCRIPT:x",
            "JaVaScRiPt:x",
            " java\tscript:alert(1)",
            "java\nscript:x",
            "\u{0}javascript:x",
            "\u{3000}javascript:x",
            "java\u{a0}script:x",
            "vbscript:msgbox(1)",
            "data:text/html,<script>alert(1)</script>",
            " DATA:text/html,x",
            "data:image/png;base64,AA",
        ] {
            assert!(is_dangerous(bad), "{bad:?} should be refused");
        }
        for good in [
            "/zh/offers/x/",
            "https://example.com/a",
            "https://example.com/javascript:",
            "/data:x",
            "#data:x",
            "?javascript:x",
            "mailto:a@example.com",
            "javascript",
            "datafile.txt",
            "",
        ] {
            assert!(!is_dangerous(good), "{good:?} should be allowed");
        }
    }

    #[test]
    fn headings_start_below_the_page_title() {
        let html = to_html("# A\n\n## B\n", &opts());
        assert!(
            html.contains("<h2>A</h2>") && html.contains("<h3>B</h3>"),
            "{html}"
        );
        let html = to_html("### C\n", &opts());
        assert!(html.contains("<h2>C</h2>"), "{html}");
    }

    #[test]
    fn links_are_listed() {
        let l = links("see [a](/zh/x/) and ![b](/media/b.png)");
        assert_eq!(l.len(), 2);
        assert_eq!(l[0].0, "/zh/x/");
        assert_eq!(l[1].0, "/media/b.png");
    }
}
