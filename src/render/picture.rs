//! The one place a picture's markup is written: the theme's `picture`
//! macro calls it (as the Tera function `picture_html`), and so do
//! pictures in Markdown texts, so offer pictures, logos and body
//! pictures all get the same `<picture>`, `srcset`, real size and lazy
//! loading.

use std::collections::HashMap;

use tera::Value;

use super::view::ImageView;
use crate::html::escape;

/// How wide the default theme shows a picture in a Markdown text: the
/// whole text column (`.wrap`: 60rem less 1rem padding each side), the
/// screen less the padding on narrower screens.
pub const BODY_SIZES: &str = "(min-width: 60rem) 58rem, calc(100vw - 2rem)";

/// Where and how one picture is shown.
#[derive(Debug, Clone, Copy)]
pub struct Placement<'a> {
    pub class: &'a str,
    pub alt: &'a str,
    /// Markdown's optional image title; empty for none.
    pub title: &'a str,
    /// The `sizes` attribute: how wide the theme shows it.
    pub sizes: &'a str,
    /// Below the first screen: the browser fetches it when it comes near.
    pub lazy: bool,
    /// For an SVG (not resized): the size to reserve.
    pub width: &'a str,
    pub height: &'a str,
    /// Offer cards take only the widths a card needs.
    pub card: bool,
}

/// The markup of `img` placed as `at` says: resized pictures get WebP
/// and fallback `srcset`s and their real size; an SVG keeps the given one.
pub fn html(img: &ImageView, at: &Placement) -> String {
    let title = if at.title.is_empty() {
        String::new()
    } else {
        format!(" title=\"{}\"", escape(at.title))
    };
    let lazy = if at.lazy { " loading=\"lazy\"" } else { "" };
    // Tera's `if img.srcset` was false for an empty one too.
    let set = |s: &Option<String>| s.clone().filter(|s| !s.is_empty());
    let (Some(srcset), Some(webp)) = (set(&img.srcset), set(&img.webp_srcset)) else {
        return format!(
            "<img class=\"{}\" src=\"{}\" alt=\"{}\"{title} width=\"{}\" height=\"{}\"{lazy} decoding=\"async\">",
            escape(at.class),
            escape(&img.url),
            escape(at.alt),
            escape(at.width),
            escape(at.height),
        );
    };
    let (srcset, webp) = match (at.card, &img.card_srcset, &img.card_webp_srcset) {
        (true, Some(s), Some(w)) => (s.clone(), w.clone()),
        _ => (srcset, webp),
    };
    let number = |n: Option<u32>| n.map_or_else(String::new, |n| n.to_string());
    let sizes = escape(at.sizes);
    format!(
        "<picture><source type=\"image/webp\" srcset=\"{}\" sizes=\"{sizes}\"><img class=\"{}\" src=\"{}\" srcset=\"{}\" sizes=\"{sizes}\" alt=\"{}\"{title} width=\"{}\" height=\"{}\"{lazy} decoding=\"async\"></picture>",
        escape(&webp),
        escape(at.class),
        escape(&img.url),
        escape(&srcset),
        escape(at.alt),
        number(img.width),
        number(img.height),
    )
}

/// `picture_html(img=…, class=…, alt=…, sizes=…, lazy=…, width=…,
/// height=…, card=…)`: [`html`] for templates (the theme's `picture`
/// macro), with the arguments of that macro.
pub fn tera_function(args: &HashMap<String, Value>) -> tera::Result<Value> {
    let img: ImageView = match args.get("img") {
        Some(v) => serde_json::from_value(v.clone())
            .map_err(|e| format!("picture_html(): `img` is not a picture: {e}"))?,
        None => return Err("picture_html() needs `img`".into()),
    };
    let text = |name: &str| -> String {
        match args.get(name) {
            Some(Value::String(s)) => s.clone(),
            Some(Value::Null) | None => String::new(),
            Some(other) => other.to_string(),
        }
    };
    let flag = |name: &str| matches!(args.get(name), Some(Value::Bool(true)));
    let (class, alt, title, sizes, width, height) = (
        text("class"),
        text("alt"),
        text("title"),
        text("sizes"),
        text("width"),
        text("height"),
    );
    Ok(Value::String(html(
        &img,
        &Placement {
            class: &class,
            alt: &alt,
            title: &title,
            sizes: &sizes,
            lazy: flag("lazy"),
            width: &width,
            height: &height,
            card: flag("card"),
        },
    )))
}

/// The markup of a Markdown text's image when it shows a resized picture
/// (`/media/….jpg`): the whole text column wide, below the first screen.
/// `None` leaves it a plain `<img>` (SVG, other sites' pictures).
pub fn body(image: &crate::markdown::Image, index: &super::index::Index) -> Option<String> {
    // Markdown has put the base path in front of site paths already.
    let url = image.url.strip_prefix(index.urls.base_path())?;
    let path = crate::media::body_picture(url)?;
    index.site.pictures.get(path)?;
    let view = ImageView::new(path, index);
    Some(html(
        &view,
        &Placement {
            class: "body-img",
            alt: image.alt,
            title: image.title,
            sizes: BODY_SIZES,
            lazy: true,
            width: "",
            height: "",
            card: false,
        },
    ))
}
