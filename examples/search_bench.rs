//! Search indexing benchmark (issue 16): how long the Pagefind index takes
//! next to the rest of the render, fed from the model (what `build` does)
//! versus from the rendered HTML pages (Pagefind's usual way), and how big
//! the bundle is.
//!
//! ```text
//! cargo run --release --example search_bench -- ROOT [NOW]
//! ```
//!
//! ROOT is a site (e.g. one written by `gen_catalog`); NOW the build date
//! (default 2026-11-26, the benchmarks' date). Prints figures, not verdicts.

use std::process::ExitCode;
use std::time::Instant;

use offersite::content::LoadCache;
use offersite::model::Status;
use offersite::output::{Content, OutputFile};
use offersite::pipeline::{self, BuildOptions};
use offersite::render;

fn main() -> ExitCode {
    let mut args = std::env::args().skip(1);
    let Some(root) = args.next() else {
        eprintln!("usage: search_bench ROOT [NOW]");
        return ExitCode::from(2);
    };
    let now = args.next().unwrap_or_else(|| "2026-11-26".into());
    let options = BuildOptions {
        root: root.into(),
        now: now.parse().expect("NOW is YYYY-MM-DD"),
        drafts: false,
        base_url: None,
        deny_warnings: false,
    };
    let loaded = match pipeline::load_site(&options, &mut LoadCache::default()) {
        Ok(l) => l,
        Err(d) => {
            eprintln!("{} error(s) loading the site", d.len());
            return ExitCode::FAILURE;
        }
    };
    let site = loaded.site;

    let started = Instant::now();
    let files = render::render(&site).expect("renders");
    let render_ms = started.elapsed().as_millis();

    let (bundle, model) = render::search::site_files(&site).expect("indexes");
    let model_ms = model.as_millis();

    let active: Vec<&str> = site
        .offers
        .iter()
        .filter(|o| o.status(site.now) == Status::Active)
        .map(|o| o.id.as_str())
        .collect();
    let mut pages: Vec<(String, String)> = Vec::new();
    for lang in &site.config.languages {
        for id in &active {
            let path = format!("{}/offers/{id}/index.html", lang.code);
            if let Some(OutputFile {
                content: Content::Bytes(b),
                ..
            }) = files.iter().find(|f| f.path == path)
            {
                pages.push((
                    format!("/{}/offers/{id}/", lang.code),
                    String::from_utf8_lossy(b).into_owned(),
                ));
            }
        }
    }
    let html_pages = pages.len();
    let started = Instant::now();
    let from_html = render::search::bundle_from_html(pages).expect("indexes HTML");
    let html_ms = started.elapsed().as_millis();

    let size = |fs: &[OutputFile]| -> u64 {
        fs.iter()
            .map(|f| match &f.content {
                Content::Bytes(b) => b.len() as u64,
                Content::Copy(_) | Content::Link(_) => 0,
            })
            .sum()
    };
    println!(
        "offers: {} active of {}; records: {}",
        active.len(),
        site.offers.len(),
        active.len() * site.config.languages.len()
    );
    println!("full render (pages + search index, in memory): {render_ms} ms");
    println!(
        "search index from the model: {model_ms} ms ({:.0}% of the rest of the render); bundle {} files, {} KB",
        100.0 * model_ms as f64 / (render_ms.saturating_sub(model_ms)).max(1) as f64,
        bundle.len(),
        size(&bundle) / 1024
    );
    println!(
        "search index from {html_pages} HTML pages: {html_ms} ms; bundle {} files, {} KB",
        from_html.len(),
        size(&from_html) / 1024
    );
    ExitCode::SUCCESS
}
