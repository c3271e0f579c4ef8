//! Reading the catalog without signal: a web app manifest per language and
//! the service worker (`/sw.js`, from the theme's `sw.js` template) that
//! keeps the pages a tourist needs at the till. Both are progressive
//! enhancement: every page works the same without them.
//!
//! The worker's cache version is a hash of every other file of the build,
//! so a rebuild that changes anything gets a new worker (which deletes the
//! old caches) and an unchanged rebuild keeps the same bytes.

use std::sync::atomic::{AtomicU64, Ordering};

use serde_json::json;
use tera::Context;

use super::engine::{Engine, RenderError};
use super::index::Index;
use crate::output::{Content, OutputFile};
use crate::urls;

/// The template the worker is rendered from.
const TEMPLATE: &str = "sw.js";
/// The theme colour of the browser's toolbar, as in the pages' `theme-color`.
const THEME_COLOR: &str = "#9b1c1c";

/// An order-independent hash of the files of a build (they are rendered in
/// parallel, in no fixed order): the sum of each file's own hash.
#[derive(Default)]
pub struct Version(AtomicU64);

impl Version {
    pub fn add(&self, file: &OutputFile) {
        let mut h = Fx::default();
        h.write(file.path.as_bytes());
        h.write(&[0xff]);
        match &file.content {
            Content::Bytes(bytes) => h.write(bytes),
            // Media are copied later; the worker fetches them network-first,
            // so their names are enough here.
            Content::Copy(_) | Content::Link(_) => h.write(b"copy"),
        }
        self.0.fetch_add(h.0, Ordering::Relaxed);
    }

    fn text(&self) -> String {
        format!("{:016x}", self.0.load(Ordering::Relaxed))
    }
}

/// A fast, stable hash (FxHash's mixing over 8-byte words): the version
/// must be the same on every machine for the same site, and hashing every
/// page must not slow the build down.
#[derive(Default)]
struct Fx(u64);

impl Fx {
    const K: u64 = 0x517c_c1b7_2722_0a95;

    fn mix(&mut self, word: u64) {
        self.0 = (self.0.rotate_left(5) ^ word).wrapping_mul(Self::K);
    }

    fn write(&mut self, bytes: &[u8]) {
        let mut chunks = bytes.chunks_exact(8);
        for c in &mut chunks {
            self.mix(u64::from_le_bytes(c.try_into().expect("8 bytes")));
        }
        let rest = chunks.remainder();
        let mut last = [0u8; 8];
        last[..rest.len()].copy_from_slice(rest);
        self.mix(u64::from_le_bytes(last) ^ ((bytes.len() as u64) << 56));
    }
}

/// The file paths the offline feature adds besides its pages: the worker
/// and one manifest per language.
pub fn worker_file() -> String {
    urls::file_for(urls::SERVICE_WORKER)
}

/// What every page links to: its language's manifest, the worker and the
/// script that registers it and checks offer dates on the phone.
#[derive(serde::Serialize)]
pub struct PageLinks {
    manifest: String,
    script: String,
    worker: String,
    scope: String,
}

pub fn page_links(index: &Index, lang: &str) -> PageLinks {
    PageLinks {
        manifest: index.urls.rel(&urls::manifest(lang)),
        script: index.assets.link("offline.js", &index.urls),
        worker: index.urls.rel(urls::SERVICE_WORKER),
        scope: index.urls.rel("/"),
    }
}

/// `/<lang>/manifest.webmanifest`: the site's name in that language,
/// started at that language's home.
pub fn manifests(index: &Index) -> Vec<OutputFile> {
    let site = index.site;
    site.config
        .languages
        .iter()
        .map(|l| {
            let title = site.config.title.get(&l.code);
            let manifest = json!({
                "name": title,
                "short_name": title,
                "description": site.config.description.get(&l.code),
                "lang": l.locale,
                "id": index.urls.rel(&urls::home(&l.code)),
                "start_url": index.urls.rel(&urls::home(&l.code)),
                "scope": index.urls.rel("/"),
                "display": "standalone",
                "theme_color": THEME_COLOR,
                "background_color": "#ffffff",
                "icons": [{
                    "src": index.assets.link("icon.svg", &index.urls),
                    "sizes": "any",
                    "type": "image/svg+xml",
                    "purpose": "any",
                }],
            });
            let mut text = serde_json::to_string_pretty(&manifest).expect("JSON values serialise");
            text.push('\n');
            OutputFile::bytes(urls::file_for(&urls::manifest(&l.code)), text)
        })
        .collect()
}

/// What the worker stores when it installs: the theme's assets, the
/// language chooser, and in every language the home page, the kept-offers
/// page, the manifest and the service terms (lost card, medical help, the
/// 24-hour number: what a tourist in trouble needs without signal).
pub fn precache(index: &Index) -> Vec<String> {
    let site = index.site;
    let mut paths = vec!["/".to_string()];
    for l in &site.config.languages {
        let code = l.code.as_str();
        paths.push(urls::home(code));
        paths.push(urls::kept(code));
        paths.push(urls::manifest(code));
        paths.push(urls::terms(code));
        paths.extend(site.terms.iter().map(|t| urls::term(code, &t.id)));
    }
    let mut links: Vec<String> = paths.iter().map(|p| index.urls.rel(p)).collect();
    // The fingerprinted names pages link to.
    links.extend(site.theme.assets.iter().map(|asset| {
        let name = asset.path.strip_prefix("assets/").unwrap_or(&asset.path);
        index.assets.link(name, &index.urls)
    }));
    links.sort();
    links.dedup();
    links
}

/// Renders `/sw.js` once every other file is known (`version` has seen
/// them all).
pub fn render_worker(
    index: &Index,
    engine: &Engine,
    version: &Version,
) -> Result<OutputFile, (RenderError, String)> {
    let site = index.site;
    let lang = &site.config.default_language().code;
    let languages: Vec<&str> = site
        .config
        .languages
        .iter()
        .map(|l| l.code.as_str())
        .collect();
    let mut context = Context::new();
    context.insert("version", &version.text());
    context.insert("base", index.urls.base_path());
    context.insert("precache", &json(&precache(index)));
    context.insert("languages", &json(&languages));
    context.insert("assets", &json(&index.urls.rel(&urls::asset(""))));
    let kept: Vec<String> = languages
        .iter()
        .map(|l| index.urls.rel(&urls::kept(l)))
        .collect();
    context.insert("kept", &json(&kept));
    let search_pages: Vec<String> = languages
        .iter()
        .map(|l| index.urls.rel(&urls::search(l)))
        .collect();
    context.insert("search_pages", &json(&search_pages));
    context.insert(
        "search_index",
        &json(&index.urls.rel(&format!("/{}/", urls::BUNDLE_DIR))),
    );
    let file = worker_file();
    match engine.render(lang, TEMPLATE, &context) {
        Ok(js) => Ok(OutputFile::bytes(file, js)),
        Err(err) => Err((err, file)),
    }
}

/// A value as a JavaScript literal, pasted into the script.
fn json(value: &impl serde::Serialize) -> String {
    serde_json::to_string(value).expect("JSON values serialise")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn version_ignores_order_but_not_content() {
        let a = OutputFile::bytes("a.html", "one");
        let b = OutputFile::bytes("b.html", "two");
        let (x, y) = (Version::default(), Version::default());
        x.add(&a);
        x.add(&b);
        y.add(&b);
        y.add(&a);
        assert_eq!(x.text(), y.text());
        let z = Version::default();
        z.add(&a);
        z.add(&OutputFile::bytes("b.html", "twO"));
        assert_ne!(x.text(), z.text());
    }
}
