//! Shared helpers of the render tests: render a site into a path → bytes map
//! and parse its pages.
#![allow(dead_code)]

use std::collections::BTreeMap;

use offersite::model::Site;
use offersite::output::Content;
use scraper::{Html, Selector};

#[allow(unused_imports)]
pub use offersite::render::testing::{offer, text, tiny_site, zh_only};

/// The shipped catalog (`content/`), loaded as on the e2e suite's date.
pub fn shipped() -> Site {
    let loaded = offersite::content::load(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")),
        &offersite::content::LoadOptions {
            now: jiff::civil::date(2026, 11, 26),
            drafts: false,
        },
    );
    loaded.site.expect("the shipped catalog loads")
}

/// Rendered files by path.
pub type Files = BTreeMap<String, Vec<u8>>;

/// The rendered files by path; copied media map to their source path.
pub fn render(site: &Site) -> Files {
    let files = match offersite::render::render(site) {
        Ok(files) => files,
        Err(diags) => panic!(
            "render failed:\n{}",
            diags.iter().map(|d| d.to_human()).collect::<String>()
        ),
    };
    files
        .into_iter()
        .map(|f| {
            let bytes = match f.content {
                Content::Bytes(b) => b,
                Content::Copy(p) | Content::Link(p) => {
                    p.to_string_lossy().into_owned().into_bytes()
                }
            };
            (f.path, bytes)
        })
        .collect()
}

pub fn text_of(files: &BTreeMap<String, Vec<u8>>, path: &str) -> String {
    let bytes = files.get(path).unwrap_or_else(|| {
        panic!(
            "no file {path}; have {:?}",
            files.keys().collect::<Vec<_>>()
        )
    });
    String::from_utf8(bytes.clone()).expect("UTF-8")
}

pub fn page(files: &BTreeMap<String, Vec<u8>>, path: &str) -> Html {
    Html::parse_document(&text_of(files, path))
}

pub fn sel(s: &str) -> Selector {
    Selector::parse(s).unwrap()
}

/// Every value of `attr` on elements matching `selector`.
pub fn attrs(doc: &Html, selector: &str, attr: &str) -> Vec<String> {
    doc.select(&sel(selector))
        .filter_map(|e| e.value().attr(attr).map(str::to_string))
        .collect()
}

pub fn attr(doc: &Html, selector: &str, attr_name: &str) -> Option<String> {
    attrs(doc, selector, attr_name).into_iter().next()
}

pub fn texts(doc: &Html, selector: &str) -> Vec<String> {
    doc.select(&sel(selector))
        .map(|e| e.text().collect::<String>())
        .collect()
}

/// Writes the rendered site under `dir` (for looking at it by hand).
pub fn dump(files: &BTreeMap<String, Vec<u8>>, dir: &std::path::Path) {
    for (path, bytes) in files {
        let p = dir.join(path);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(p, bytes).unwrap();
    }
}
