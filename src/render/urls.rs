//! Where things live: the URL contract's paths, and how they become links.
//!
//! Paths here are "site paths": they start with `/` and ignore the base URL
//! (`/zh/offers/x/`). Links in pages are root-relative with the base URL's
//! path in front (`/preview/zh/offers/x/`), so a site works both deployed and
//! on a local server; canonical, feed, sitemap and JSON URLs are absolute.

use percent_encoding::{AsciiSet, CONTROLS, utf8_percent_encode};

/// Characters that cannot stand in a path segment of an `href` as is.
const PATH: &AsciiSet = &CONTROLS
    .add(b' ')
    .add(b'"')
    .add(b'#')
    .add(b'%')
    .add(b'<')
    .add(b'>')
    .add(b'?')
    .add(b'`')
    .add(b'{')
    .add(b'}')
    .add(b'\\')
    .add(b'^')
    .add(b'|')
    .add(b'[')
    .add(b']');

#[derive(Debug, Clone)]
pub struct Urls {
    /// Absolute base URL without a trailing slash.
    base_url: String,
    /// The base URL's path without a trailing slash, or empty.
    base_path: String,
}

impl Urls {
    pub fn new(base_url: &str) -> Self {
        let base_url = base_url.trim_end_matches('/').to_string();
        let after_scheme = base_url.find("://").map(|i| i + 3).unwrap_or(0);
        let base_path = match base_url[after_scheme..].find('/') {
            Some(i) => base_url[after_scheme + i..].to_string(),
            None => String::new(),
        };
        Urls {
            base_url,
            base_path,
        }
    }

    pub fn base_path(&self) -> &str {
        &self.base_path
    }

    /// A link to a site path, for use inside pages.
    pub fn rel(&self, path: &str) -> String {
        format!("{}{}", self.base_path, path)
    }

    /// The absolute URL of a site path.
    pub fn abs(&self, path: &str) -> String {
        format!("{}{}", self.base_url, path)
    }
}

/// The output file of a site path: directories get their `index.html`.
pub fn file_for(path: &str) -> String {
    let trimmed = path.trim_start_matches('/');
    if trimmed.is_empty() || trimmed.ends_with('/') {
        format!("{trimmed}index.html")
    } else {
        trimmed.to_string()
    }
}

/// An output path as it stands in a URL (`a b/图.png` → `a%20b/%E5%9B%BE.png`).
pub fn encode_path(path: &str) -> String {
    utf8_percent_encode(path, PATH).to_string()
}

/// The site path of a media file (`logos/a b.svg` → `/media/logos/a%20b.svg`).
pub fn media(path: &str) -> String {
    format!("/media/{}", utf8_percent_encode(path, PATH))
}

pub fn home(lang: &str) -> String {
    format!("/{lang}/")
}

/// A paginated list: page 1 is the list's own path, page n is `page/<n>/`
/// below it.
pub fn paged(list: &str, page: usize) -> String {
    if page <= 1 {
        list.to_string()
    } else {
        format!("{list}page/{page}/")
    }
}

pub fn offers(lang: &str) -> String {
    format!("/{lang}/offers/")
}

pub fn offer(lang: &str, id: &str) -> String {
    format!("/{lang}/offers/{id}/")
}

pub fn category(lang: &str, id: &str) -> String {
    format!("/{lang}/categories/{id}/")
}

pub fn destination(lang: &str, id: &str) -> String {
    format!("/{lang}/destinations/{id}/")
}

pub fn partner(lang: &str, id: &str) -> String {
    format!("/{lang}/partners/{id}/")
}

pub fn branches(lang: &str) -> String {
    format!("/{lang}/branches/")
}

pub fn branch(lang: &str, id: &str) -> String {
    format!("/{lang}/branches/{id}/")
}

pub fn terms(lang: &str) -> String {
    format!("/{lang}/terms/")
}

pub fn term(lang: &str, id: &str) -> String {
    format!("/{lang}/terms/{id}/")
}

pub fn page(lang: &str, id: &str) -> String {
    format!("/{lang}/{id}/")
}

pub fn search(lang: &str) -> String {
    format!("/{lang}/search/")
}

pub fn feed(lang: &str) -> String {
    format!("/{lang}/atom.xml")
}

/// The app's API (`docs/offers-json.md`); the version is part of the path.
pub fn api_offers() -> String {
    "/api/v1/offers.json".to_string()
}

pub fn api_offer(id: &str) -> String {
    format!("/api/v1/offers/{id}.json")
}

pub fn api_index() -> String {
    "/api/v1/index.json".to_string()
}

pub fn api_category(id: &str) -> String {
    format!("/api/v1/categories/{id}.json")
}

pub fn api_destination(id: &str) -> String {
    format!("/api/v1/destinations/{id}.json")
}
/// The site path of a theme asset (`style.css` → `/assets/style.css`): the
/// one place that names an asset's URL, for pages and the offline worker
/// alike.
pub fn asset(name: &str) -> String {
    format!("/assets/{name}")
}

/// The offers kept on this phone for reading offline.
pub fn kept(lang: &str) -> String {
    format!("/{lang}/kept/")
}

/// The web app manifest of a language.
pub fn manifest(lang: &str) -> String {
    format!("/{lang}/manifest.webmanifest")
}

/// The offline service worker; at the root so that its scope is the site.
pub const SERVICE_WORKER: &str = "/sw.js";

/// iOS universal links and Android app links; hosts serve them from the
/// domain's root whatever the base URL's path.
pub const APPLE_APP_SITE_ASSOCIATION: &str = "/.well-known/apple-app-site-association";
pub const ASSETLINKS: &str = "/.well-known/assetlinks.json";

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base_path_is_taken_from_the_base_url() {
        let u = Urls::new("https://example.com/preview/");
        assert_eq!(u.base_path(), "/preview");
        assert_eq!(u.rel("/zh/"), "/preview/zh/");
        assert_eq!(u.abs("/zh/"), "https://example.com/preview/zh/");
        let u = Urls::new("http://127.0.0.1:1111");
        assert_eq!(u.base_path(), "");
        assert_eq!(u.rel("/zh/"), "/zh/");
        assert_eq!(u.abs("/"), "http://127.0.0.1:1111/");
    }

    #[test]
    fn files_of_paths() {
        assert_eq!(file_for("/"), "index.html");
        assert_eq!(
            file_for("/zh/offers/page/2/"),
            "zh/offers/page/2/index.html"
        );
        assert_eq!(file_for("/zh/atom.xml"), "zh/atom.xml");
        assert_eq!(paged("/zh/offers/", 1), "/zh/offers/");
        assert_eq!(paged("/zh/offers/", 3), "/zh/offers/page/3/");
    }

    #[test]
    fn media_paths_are_encoded() {
        assert_eq!(media("logos/a b.svg"), "/media/logos/a%20b.svg");
        assert_eq!(media("x/图.png"), "/media/x/%E5%9B%BE.png");
    }
}
