//! The HTTP headers of every output file, as data: one table says which
//! `Cache-Control` a file gets and one which `Content-Type`. `build` writes
//! them as a `_headers` file (when `site.yaml` sets `headers_file: true`),
//! `serve` sends them, and `deploy` stores them on every object, so the
//! three never disagree.

use std::collections::BTreeMap;
use std::fmt::Write as _;

use crate::fingerprint;

/// A file whose name carries its content hash never changes: a year, and
/// browsers need not even revalidate it.
pub const IMMUTABLE: &str = "public, max-age=31536000, immutable";
/// Pages, feeds, the sitemap and the app's JSON change with every deploy:
/// caches keep them but ask the server each time whether they changed, so
/// a deploy is seen at once (and the preview never shows a stale page).
pub const REVALIDATE: &str = "public, max-age=0, must-revalidate";
/// Editors' media keep their names when replaced: an hour.
pub const MEDIA: &str = "public, max-age=3600";

/// Which files a cache rule applies to.
#[derive(Debug, Clone, Copy)]
enum Match {
    /// Names with a content hash ([`fingerprint::hashed_name`]) outside
    /// `media/`, whose files keep the editors' names as the URL contract says.
    Hashed,
    /// Resized pictures: their names carry their cache key (`media::is_variant_path`).
    PictureVariant,
    /// The search index's chunks, named by their content by Pagefind
    /// ([`is_search_chunk`]).
    SearchChunk,
    Prefix(&'static str),
    Any,
}

/// The first rule that matches a file decides its `Cache-Control`.
const CACHE_RULES: &[(Match, &str)] = &[
    (Match::Hashed, IMMUTABLE),
    (Match::PictureVariant, IMMUTABLE),
    (Match::SearchChunk, IMMUTABLE),
    (Match::Prefix("media/"), MEDIA),
    // HTML, feeds, sitemap, JSON, robots.txt, .well-known/, unhashed assets
    (Match::Any, REVALIDATE),
];

/// Whether an output path is one of the search bundle's chunks, which Pagefind
/// names by their content (`pagefind.<lang>_<hash>.pf_meta`, and the
/// `index/`, `fragment/` and `filter/` files): cached for a year. The
/// scripts, the WebAssembly and the entry file keep their names.
fn is_search_chunk(path: &str) -> bool {
    let Some(rest) = path
        .strip_prefix(crate::urls::BUNDLE_DIR)
        .and_then(|r| r.strip_prefix('/'))
    else {
        return false;
    };
    match rest.split_once('/') {
        Some(("index" | "fragment" | "filter", file)) => {
            file.contains('_') && file.contains(".pf_")
        }
        Some(_) => false,
        None => rest.starts_with("pagefind.") && rest.ends_with(".pf_meta"),
    }
}

/// Media types by extension; text types carry their charset.
const CONTENT_TYPES: &[(&str, &str)] = &[
    ("html", "text/html; charset=utf-8"),
    ("htm", "text/html; charset=utf-8"),
    ("css", "text/css; charset=utf-8"),
    ("js", "text/javascript; charset=utf-8"),
    ("mjs", "text/javascript; charset=utf-8"),
    ("json", "application/json; charset=utf-8"),
    ("webmanifest", "application/manifest+json; charset=utf-8"),
    ("xml", "application/xml; charset=utf-8"),
    ("svg", "image/svg+xml; charset=utf-8"),
    ("txt", "text/plain; charset=utf-8"),
    ("md", "text/markdown; charset=utf-8"),
    ("png", "image/png"),
    ("jpg", "image/jpeg"),
    ("jpeg", "image/jpeg"),
    ("webp", "image/webp"),
    ("gif", "image/gif"),
    ("avif", "image/avif"),
    ("ico", "image/x-icon"),
    ("woff2", "font/woff2"),
    ("woff", "font/woff"),
    ("pdf", "application/pdf"),
    // The search index's chunks and WebAssembly: gzip data that Pagefind's
    // script inflates itself (so no Content-Encoding).
    ("pf_meta", "application/octet-stream"),
    ("pf_index", "application/octet-stream"),
    ("pf_fragment", "application/octet-stream"),
    ("pf_filter", "application/octet-stream"),
    ("pagefind", "application/octet-stream"),
];

/// Feeds are XML with a type of their own.
const ATOM: &str = "application/atom+xml; charset=utf-8";
/// Files with no extension (`_headers`, `.well-known/security.txt` has one).
const UNKNOWN: &str = "application/octet-stream";

/// The headers one output file is served with.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Headers {
    pub content_type: &'static str,
    pub cache_control: &'static str,
}

/// The headers of the output file at `path` (relative, `/`-separated).
pub fn for_path(path: &str) -> Headers {
    Headers {
        content_type: content_type(path),
        cache_control: cache_control(path),
    }
}

pub fn cache_control(path: &str) -> &'static str {
    let matches = |m: Match| match m {
        Match::Hashed => !path.starts_with("media/") && fingerprint::is_hashed(path),
        Match::PictureVariant => crate::media::is_variant_path(path),
        Match::SearchChunk => is_search_chunk(path),
        Match::Prefix(p) => path.starts_with(p),
        Match::Any => true,
    };
    CACHE_RULES
        .iter()
        .find(|(m, _)| matches(*m))
        .map_or(REVALIDATE, |(_, cc)| cc)
}

/// The media type of an output path, with a charset for text.
pub fn content_type(path: &str) -> &'static str {
    let file = path.rsplit('/').next().unwrap_or(path);
    if file == "atom.xml" {
        return ATOM;
    }
    // The app-link files: the platforms want exactly `application/json`,
    // and Apple's has no extension to go by.
    if path.ends_with(".well-known/apple-app-site-association")
        || path.ends_with(".well-known/assetlinks.json")
    {
        return "application/json";
    }
    let Some((_, ext)) = file.rsplit_once('.') else {
        return UNKNOWN;
    };
    let ext = ext.to_ascii_lowercase();
    CONTENT_TYPES
        .iter()
        .find(|(e, _)| *e == ext)
        .map_or(UNKNOWN, |(_, t)| t)
}

/// The output path of the `_headers` file.
pub const HEADERS_FILE: &str = "_headers";

/// The `_headers` file (Netlify's and Cloudflare Pages' format) for a site
/// of these output files. A directory whose files all share headers gets
/// one `/dir/*` rule, so a site of any size needs a few dozen rules, not
/// one per file; rules never overlap. `encode` turns an output path into
/// the URL path it is requested at.
pub fn headers_file(paths: &[&str], encode: impl Fn(&str) -> String) -> String {
    let mut rules: Vec<(String, Headers)> = Vec::new();
    let files: Vec<&str> = paths
        .iter()
        .copied()
        .filter(|p| *p != HEADERS_FILE)
        .collect();
    collect_rules("", &files, &encode, &mut rules);
    let mut out = String::from(
        "# Response headers for every file of the site, written by offersite\n\
         # from its headers table (the same ones `offersite serve` sends and\n\
         # `offersite deploy` stores).\n",
    );
    for (url, h) in rules {
        let _ = write!(
            out,
            "{url}\n  Cache-Control: {}\n  Content-Type: {}\n",
            h.cache_control, h.content_type
        );
    }
    out
}

fn collect_rules(
    dir: &str,
    files: &[&str],
    encode: &impl Fn(&str) -> String,
    rules: &mut Vec<(String, Headers)>,
) {
    let Some(first) = files.first() else {
        return;
    };
    let shared = for_path(first);
    if files.iter().all(|f| for_path(f) == shared) {
        rules.push((format!("{}*", encode(&format!("/{dir}"))), shared));
        return;
    }
    let mut subdirs: BTreeMap<&str, Vec<&str>> = BTreeMap::new();
    for &f in files {
        let rest = &f[dir.len()..];
        match rest.split_once('/') {
            Some((sub, _)) => subdirs.entry(sub).or_default().push(f),
            None => {
                // A directory's index is requested as the directory.
                let url = match rest {
                    "index.html" => format!("/{dir}"),
                    _ => format!("/{f}"),
                };
                rules.push((encode(&url), for_path(f)));
            }
        }
    }
    for (sub, inner) in subdirs {
        collect_rules(&format!("{dir}{sub}/"), &inner, encode, rules);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hashed_files_are_immutable_and_documents_revalidate() {
        let css = fingerprint::hashed_name("assets/style.css", b"x");
        assert_eq!(cache_control(&css), IMMUTABLE);
        for path in [
            "index.html",
            "en/offers/x/index.html",
            "en/atom.xml",
            "sitemap.xml",
            "api/v1/offers.json",
            "robots.txt",
            "assets/style.css",
            ".well-known/security.txt",
        ] {
            assert_eq!(cache_control(path), REVALIDATE, "{path}");
        }
        // The search index: chunks are named by content, the scripts, the
        // WebAssembly and the entry file that names the chunks are not.
        for chunk in [
            "pagefind/pagefind.zh_9dcc6d3162.pf_meta",
            "pagefind/index/en_11833a6.pf_index",
            "pagefind/fragment/en_01db37c.pf_fragment",
            "pagefind/filter/zh_2d2a163.pf_filter",
        ] {
            assert_eq!(cache_control(chunk), IMMUTABLE, "{chunk}");
        }
        for file in [
            "pagefind/pagefind.js",
            "pagefind/pagefind-worker.js",
            "pagefind/pagefind-entry.json",
            "pagefind/wasm.en.pagefind",
        ] {
            assert_eq!(cache_control(file), REVALIDATE, "{file}");
        }
        // Editors' media keep their names, even one that looks hashed.
        assert_eq!(cache_control("media/logos/a.png"), MEDIA);
        assert_eq!(cache_control("media/a.deadbeef.png"), MEDIA);
    }

    #[test]
    fn text_types_carry_a_charset() {
        assert_eq!(content_type("a/index.html"), "text/html; charset=utf-8");
        assert_eq!(content_type("assets/site.css"), "text/css; charset=utf-8");
        assert_eq!(
            content_type("sitemap.xml"),
            "application/xml; charset=utf-8"
        );
        assert_eq!(content_type("en/atom.xml"), ATOM);
        assert_eq!(
            content_type("api/v1/offers.json"),
            "application/json; charset=utf-8"
        );
        assert_eq!(content_type("media/x.svg"), "image/svg+xml; charset=utf-8");
        assert_eq!(content_type("media/x.PNG"), "image/png");
        assert_eq!(content_type("_headers"), UNKNOWN);
    }

    #[test]
    fn the_headers_file_groups_directories_of_alike_files() {
        let css = fingerprint::hashed_name("assets/style.css", b"x");
        let mut paths = vec![
            "404.html",
            "api/v1/offers.json",
            "api/v1/offers/a.json",
            css.as_str(),
            "assets/style.css",
            "en/atom.xml",
            "en/index.html",
            "en/offers/a/index.html",
            "en/offers/index.html",
            "index.html",
            "media/a b.png",
            "media/x.svg",
            "_headers",
        ];
        paths.sort_unstable();
        let text = headers_file(&paths, |p| p.replace(' ', "%20"));
        let mut urls: Vec<&str> = text.lines().filter(|l| l.starts_with('/')).collect();
        urls.sort_unstable();
        let hashed = format!("/{css}");
        let mut want = vec![
            "/",
            "/404.html",
            "/api/*",
            hashed.as_str(),
            "/assets/style.css",
            "/en/",
            "/en/atom.xml",
            "/en/offers/*",
            "/media/a%20b.png",
            "/media/x.svg",
        ];
        want.sort_unstable();
        assert_eq!(urls, want);
        let css_rule = text.split(&format!("{hashed}\n")).nth(1).unwrap();
        assert!(css_rule.starts_with(&format!(
            "  Cache-Control: {IMMUTABLE}\n  Content-Type: text/css; charset=utf-8\n"
        )));
        assert!(!text.contains("_headers\n"));
    }
}
