//! What every page shares: the head and language links ([`PageMeta`]), the
//! page being built ([`Page`]), UI strings with their placeholders filled,
//! and Markdown rendered with the site's options.

use serde::Serialize;
use tera::Context;

use super::kind::Kind;
use crate::markdown::{self, MarkdownOptions};
use crate::model::{Language, Text};
use crate::render::index::Index;
use crate::render::picture;
use crate::render::view::{HtmlView, TextView};

#[derive(Serialize)]
pub struct Alternate {
    pub hreflang: String,
    pub href: String,
}

/// A language and the page's link in it.
#[derive(Serialize)]
pub struct Translation<'a> {
    code: &'a str,
    locale: &'a str,
    name: &'a str,
    url: String,
}

impl<'a> Translation<'a> {
    pub fn new(lang: &'a Language, url: String) -> Self {
        Translation {
            code: &lang.code,
            locale: &lang.locale,
            name: &lang.name,
            url,
        }
    }
}

/// The head and language links of a page: `page` in templates.
#[derive(Serialize)]
pub struct PageMeta<'a> {
    pub kind: Kind,
    pub title: String,
    pub description: String,
    pub url: String,
    pub canonical: String,
    pub alternates: Vec<Alternate>,
    pub translations: Vec<Translation<'a>>,
    pub og_type: &'static str,
    pub image: Option<String>,
    pub noindex: bool,
}

/// The `hreflang` links of a page that exists in every language at
/// `path_in(code)`; the first language's is also the `x-default`.
pub fn alternates(index: &Index, path_in: impl Fn(&str) -> String) -> Vec<Alternate> {
    let languages = &index.site.config.languages;
    let mut out: Vec<Alternate> = languages
        .iter()
        .map(|l| Alternate {
            hreflang: l.locale.clone(),
            href: index.urls.abs(&path_in(&l.code)),
        })
        .collect();
    out.push(Alternate {
        hreflang: "x-default".into(),
        href: index.urls.abs(&path_in(&languages[0].code)),
    });
    out
}

/// A UI string with `{name}` placeholders filled (the same rule as the
/// templates' `t()`); the key itself if missing, which the loader prevents.
pub fn ui(index: &Index, lang: &str, key: &str, fills: &[(&str, &str)]) -> String {
    let mut s = index.site.ui.get(lang, key).unwrap_or(key).to_string();
    for (name, value) in fills {
        s = s.replace(&format!("{{{name}}}"), value);
    }
    s
}

/// A listing's title on its page `page` ("… · Page 2" after the first).
pub fn with_page_number(index: &Index, lang: &str, title: String, page: usize) -> String {
    if page <= 1 {
        title
    } else {
        let n = page.to_string();
        format!("{title} · {}", ui(index, lang, "page_n", &[("n", &n)]))
    }
}

/// A page in one language as its builder leaves it: what goes into its
/// [`PageMeta`], and the template context of its own.
pub struct Page {
    pub kind: Kind,
    pub title: String,
    pub description: String,
    pub og_type: &'static str,
    pub image: Option<String>,
    pub noindex: bool,
    pub context: Context,
}

impl Page {
    pub fn new(kind: Kind, title: String, description: String) -> Self {
        Page {
            kind,
            title,
            description,
            og_type: "website",
            image: None,
            noindex: false,
            context: Context::new(),
        }
    }

    /// A page of the site's own (the branches, the terms, search) titled
    /// by the UI string `title_key` and described by `description_key`,
    /// whose `{site}` is the site's title.
    pub fn worded(
        kind: Kind,
        title_key: &str,
        description_key: &str,
        lang: &str,
        index: &Index,
    ) -> Self {
        let site_title = index.site.config.title.get(lang);
        Page::new(
            kind,
            ui(index, lang, title_key, &[]),
            ui(index, lang, description_key, &[("site", site_title)]),
        )
    }
}

fn md_options(index: &Index, top_heading: u8) -> MarkdownOptions {
    MarkdownOptions {
        allow_raw_html: index.site.config.allow_raw_html,
        base_path: index.urls.base_path().to_string(),
        top_heading,
    }
}

/// A Markdown text rendered as HTML in language `lang`, or `None` when it
/// is blank there. `top_heading` is the level the text's own headings start
/// at: 2 right below the page's `<h1>`, 3 inside a titled section.
pub fn markdown_view<'a>(
    text: &'a Text,
    lang: &str,
    index: &Index<'a>,
    top_heading: u8,
) -> Option<HtmlView<'a>> {
    let local = text.local(lang)?;
    if local.text.trim().is_empty() {
        return None;
    }
    Some(HtmlView {
        html: markdown::to_html_with(&local.text, &md_options(index, top_heading), &|image| {
            picture::body(image, index)
        }),
        lang: TextView::local(local, index).lang,
    })
}

/// A partner's website as a link target, unless it is a scripting URL (the
/// loader rejects those; this keeps a page safe regardless).
pub fn safe_url(url: &str) -> String {
    if markdown::is_dangerous(url) {
        String::new()
    } else {
        url.to_string()
    }
}
