//! The files for crawlers: `/sitemap.xml` and `/robots.txt`.

use std::fmt::Write as _;

use super::engine::escape;
use super::index::Index;
use super::pages::Job;
use crate::output::OutputFile;

/// Every indexable page in every language, each with its translations
/// (`xhtml:link rel="alternate"`) and `x-default`. Ended offers and the 404
/// page are left out.
pub fn sitemap(jobs: &[Job], index: &Index) -> OutputFile {
    let languages = &index.site.config.languages;
    let mut xml = String::with_capacity(jobs.len() * languages.len() * 400 + 512);
    xml.push_str("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    xml.push_str(
        "<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\" \
         xmlns:xhtml=\"http://www.w3.org/1999/xhtml\">\n",
    );
    // The language chooser: its alternates are the home pages.
    let homes: Vec<(String, String)> = languages
        .iter()
        .map(|l| (l.locale.clone(), index.urls.abs(&format!("/{}/", l.code))))
        .chain([("x-default".to_string(), index.urls.abs("/"))])
        .collect();
    url(&mut xml, &index.urls.abs("/"), &homes);
    for job in jobs.iter().filter(|j| j.indexable(index)) {
        let alternates: Vec<(String, String)> = languages
            .iter()
            .map(|l| (l.locale.clone(), index.urls.abs(&job.path(index, &l.code))))
            .chain([(
                "x-default".to_string(),
                index.urls.abs(&job.path(index, &languages[0].code)),
            )])
            .collect();
        for (_, loc) in alternates.iter().take(languages.len()) {
            url(&mut xml, loc, &alternates);
        }
    }
    xml.push_str("</urlset>\n");
    OutputFile::bytes("sitemap.xml", xml)
}

fn url(xml: &mut String, loc: &str, alternates: &[(String, String)]) {
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
}

pub fn robots(index: &Index) -> OutputFile {
    let body = format!(
        "User-agent: *\nAllow: /\n\nSitemap: {}\n",
        index.urls.abs("/sitemap.xml")
    );
    OutputFile::bytes("robots.txt", body)
}
