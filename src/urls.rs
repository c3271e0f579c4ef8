//! Where things live: the URL contract's paths, and how they become links.
//! The one list of the site's URLs: the renderer's output paths, the link
//! check's targets (`content::references`), the page ids a free page may not
//! take and the addresses `offersite new` names all come from here, so this
//! module sits below both `content` and `render`.
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
        let after_scheme = base_url.find("://").map_or(0, |i| i + 3);
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

/// A free page (`content/pages/<id>.md`), right below the language.
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
/// The page that answers `/` (a language chooser).
pub const ROOT: &str = "/";
/// The page hosts serve for a path the site does not have.
pub const NOT_FOUND: &str = "/404.html";
pub const SITEMAP: &str = "/sitemap.xml";
pub const ROBOTS: &str = "/robots.txt";
/// The search index's directory (Pagefind's bundle) in the output, below
/// the base path.
pub const BUNDLE_DIR: &str = "pagefind";

/// The first path segments of a language's built-in sections (and `page`,
/// kept free for pagination): a free page (`/<lang>/<id>/`) with one of these
/// ids would collide with a section.
pub const RESERVED_PAGE_IDS: &[&str] = &[
    "offers",
    "categories",
    "destinations",
    "partners",
    "branches",
    "terms",
    "page",
    "kept",
    "search",
];

/// How many pages a list of `len` items takes with `page_size` items a page
/// (an empty list still has its first page).
pub fn page_count(len: usize, page_size: usize) -> usize {
    len.div_ceil(page_size.max(1)).max(1)
}

/// One page that exists in every language; numbers are indices into an
/// [`Outline`]'s lists and 1-based page numbers of paginated lists.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Page {
    Home,
    Offers(usize),
    Offer(usize),
    Category(usize, usize),
    Destination(usize, usize),
    Partner(usize, usize),
    Branches,
    Branch(usize),
    Terms,
    Term(usize),
    Page(usize),
    /// The offers kept on this phone (filled in by the offline worker).
    Kept,
    /// The search page, `/<lang>/search/`.
    Search,
}

/// What decides which pages a site has: the ids of each section in the
/// site's order, and how many pages each paginated list takes. The renderer
/// builds one from the validated site, the link check from what the content
/// holds; both then ask it for the same pages and paths.
#[derive(Debug, Clone, Default)]
pub struct Outline<'a> {
    /// Pages of the offers listing.
    pub offer_list_pages: usize,
    pub offers: Vec<&'a str>,
    /// Each category's id and number of listing pages.
    pub categories: Vec<(&'a str, usize)>,
    pub destinations: Vec<(&'a str, usize)>,
    pub partners: Vec<(&'a str, usize)>,
    pub branches: Vec<&'a str>,
    pub terms: Vec<&'a str>,
    pub pages: Vec<&'a str>,
}

impl Outline<'_> {
    /// Every page of the site, in a stable order.
    pub fn pages(&self) -> Vec<Page> {
        let mut pages = vec![
            Page::Home,
            Page::Branches,
            Page::Terms,
            Page::Kept,
            Page::Search,
        ];
        pages.extend((1..=self.offer_list_pages).map(Page::Offers));
        pages.extend((0..self.offers.len()).map(Page::Offer));
        let paged = |list: &[(&str, usize)], page: fn(usize, usize) -> Page| {
            list.iter()
                .enumerate()
                .flat_map(move |(i, &(_, n))| (1..=n).map(move |p| page(i, p)))
                .collect::<Vec<_>>()
        };
        pages.extend(paged(&self.categories, Page::Category));
        pages.extend(paged(&self.destinations, Page::Destination));
        pages.extend(paged(&self.partners, Page::Partner));
        pages.extend((0..self.branches.len()).map(Page::Branch));
        pages.extend((0..self.terms.len()).map(Page::Term));
        pages.extend((0..self.pages.len()).map(Page::Page));
        pages
    }

    /// The site path of `page` in language `lang`.
    pub fn path(&self, which: Page, lang: &str) -> String {
        match which {
            Page::Home => home(lang),
            Page::Offers(n) => paged(&offers(lang), n),
            Page::Offer(i) => offer(lang, self.offers[i]),
            Page::Category(i, n) => paged(&category(lang, self.categories[i].0), n),
            Page::Destination(i, n) => paged(&destination(lang, self.destinations[i].0), n),
            Page::Partner(i, n) => paged(&partner(lang, self.partners[i].0), n),
            Page::Branches => branches(lang),
            Page::Branch(i) => branch(lang, self.branches[i]),
            Page::Terms => terms(lang),
            Page::Term(i) => term(lang, self.terms[i]),
            Page::Page(i) => page(lang, self.pages[i]),
            Page::Kept => kept(lang),
            Page::Search => search(lang),
        }
    }

    /// Every site path a link in the site's own Markdown may lead to: the
    /// pages in every language, the feeds, the special pages, the crawler
    /// files and the app's JSON; media and the theme's assets under their
    /// plain names are added by the caller, who knows them.
    pub fn link_targets<'l>(&self, languages: impl IntoIterator<Item = &'l str>) -> Vec<String> {
        let mut out: Vec<String> = [ROOT, NOT_FOUND, SITEMAP, ROBOTS]
            .into_iter()
            .map(str::to_string)
            .chain([api_offers(), api_index()])
            .collect();
        out.extend(self.offers.iter().map(|id| api_offer(id)));
        out.extend(self.categories.iter().map(|(id, _)| api_category(id)));
        out.extend(self.destinations.iter().map(|(id, _)| api_destination(id)));
        let pages = self.pages();
        for lang in languages {
            out.push(feed(lang));
            out.extend(pages.iter().map(|&p| self.path(p, lang)));
        }
        out
    }
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
