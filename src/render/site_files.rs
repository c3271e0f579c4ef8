//! The files for crawlers: `/sitemap.xml` and `/robots.txt`.

use std::fmt::Write as _;

use super::engine::escape;
use super::index::Index;
use super::pages::{self, Job};
use crate::output::OutputFile;

/// The sitemaps protocol allows at most 50,000 URLs in one file.
const URLS_PER_SITEMAP: usize = 50_000;

/// Every indexable page in every language, each with its translations
/// (`xhtml:link rel="alternate"`) and `x-default`. Ended offers and the 404
/// page are left out. A catalog with more URLs than one sitemap may hold
/// gets `/sitemap.xml` as a sitemap index of `/sitemaps/<n>.xml` files.
pub fn sitemap(jobs: &[Job], index: &Index) -> Vec<OutputFile> {
    let languages = &index.site.config.languages;
    let mut entries: Vec<String> = Vec::with_capacity(jobs.len() * languages.len() + 1);
    // The language chooser: its alternates are the home pages.
    let homes: Vec<(String, String)> = languages
        .iter()
        .map(|l| (l.locale.clone(), index.urls.abs(&format!("/{}/", l.code))))
        .chain([("x-default".to_string(), index.urls.abs("/"))])
        .collect();
    entries.push(url(&index.urls.abs("/"), &homes));
    for job in jobs.iter().filter(|&&j| pages::indexable(j, index)) {
        let alternates: Vec<(String, String)> = languages
            .iter()
            .map(|l| {
                (
                    l.locale.clone(),
                    index.urls.abs(&index.outline.path(*job, &l.code)),
                )
            })
            .chain([(
                "x-default".to_string(),
                index
                    .urls
                    .abs(&index.outline.path(*job, &languages[0].code)),
            )])
            .collect();
        for (_, loc) in alternates.iter().take(languages.len()) {
            entries.push(url(loc, &alternates));
        }
    }
    split(&entries, URLS_PER_SITEMAP, |p| index.urls.abs(p))
}

/// One sitemap, or an index of sitemaps of at most `limit` URLs each.
fn split(entries: &[String], limit: usize, abs: impl Fn(&str) -> String) -> Vec<OutputFile> {
    if entries.len() <= limit {
        return vec![OutputFile::bytes("sitemap.xml", urlset(entries))];
    }
    let mut files = Vec::new();
    let mut sitemap_index = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n\
         <sitemapindex xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n",
    );
    for (n, chunk) in entries.chunks(limit).enumerate() {
        let path = format!("sitemaps/{}.xml", n + 1);
        let _ = writeln!(
            sitemap_index,
            "  <sitemap>\n    <loc>{}</loc>\n  </sitemap>",
            escape(&abs(&format!("/{path}")))
        );
        files.push(OutputFile::bytes(path, urlset(chunk)));
    }
    sitemap_index.push_str("</sitemapindex>\n");
    files.push(OutputFile::bytes("sitemap.xml", sitemap_index));
    files
}

fn urlset(entries: &[String]) -> String {
    let mut xml = String::with_capacity(entries.iter().map(String::len).sum::<usize>() + 256);
    xml.push_str("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    xml.push_str(
        "<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\" \
         xmlns:xhtml=\"http://www.w3.org/1999/xhtml\">\n",
    );
    for e in entries {
        xml.push_str(e);
    }
    xml.push_str("</urlset>\n");
    xml
}

fn url(loc: &str, alternates: &[(String, String)]) -> String {
    let mut xml = String::with_capacity(120 + alternates.len() * 120);
    let _ = writeln!(xml, "  <url>\n    <loc>{}</loc>", escape(loc));
    for (hreflang, href) in alternates {
        let _ = writeln!(
            xml,
            "    <xhtml:link rel=\"alternate\" hreflang=\"{}\" href=\"{}\"/>",
            escape(hreflang),
            escape(href)
        );
    }
    xml.push_str("  </url>\n");
    xml
}

pub fn robots(index: &Index) -> OutputFile {
    let body = format!(
        "User-agent: *\nAllow: /\n\nSitemap: {}\n",
        index.urls.abs("/sitemap.xml")
    );
    OutputFile::bytes("robots.txt", body)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::output::Content;

    fn text(f: &OutputFile) -> &str {
        match &f.content {
            Content::Bytes(b) => std::str::from_utf8(b).unwrap(),
            Content::Copy(_) | Content::Link(_) => panic!("not generated"),
        }
    }

    #[test]
    fn large_catalogs_get_a_sitemap_index() {
        let entries: Vec<String> = (0..5)
            .map(|i| url(&format!("https://x.test/{i}/"), &[]))
            .collect();
        let abs = |p: &str| format!("https://x.test{p}");
        let one = split(&entries, 5, abs);
        assert_eq!(one.len(), 1);
        assert!(text(&one[0]).contains("<urlset") && text(&one[0]).matches("<url>").count() == 5);

        let files = split(&entries, 2, abs);
        let paths: Vec<&str> = files.iter().map(|f| f.path.as_str()).collect();
        assert_eq!(
            paths,
            [
                "sitemaps/1.xml",
                "sitemaps/2.xml",
                "sitemaps/3.xml",
                "sitemap.xml"
            ]
        );
        assert_eq!(text(&files[2]).matches("<url>").count(), 1);
        let index = text(&files[3]);
        assert!(index.contains("<sitemapindex"));
        assert!(index.contains("<loc>https://x.test/sitemaps/3.xml</loc>"));
    }
}
