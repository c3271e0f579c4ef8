//! Rendering a large catalog: run with
//! `cargo test --release --test render_scale -- --ignored --nocapture`.

mod support;

use jiff::civil::date;

#[test]
#[ignore = "timing run, not a check"]
fn twenty_thousand_offers() {
    let mut site = support::tiny_site();
    site.config.page_size = 24;
    let template = site.offers[0].clone();
    site.offers = (0..20_000)
        .map(|i| {
            let mut o = template.clone();
            o.id = format!("offer-{i:05}");
            o.valid_from = date(2014, 1 + (i % 12) as i8, 1 + (i % 28) as i8);
            o.category = if i % 2 == 0 { "shopping" } else { "dining" }.into();
            o.featured = i % 100 == 0;
            o
        })
        .collect();
    let start = std::time::Instant::now();
    let files = offersite::render::render(&site).unwrap();
    let bytes: usize = files
        .iter()
        .map(|f| match &f.content {
            offersite::output::Content::Bytes(b) => b.len(),
            offersite::output::Content::Copy(_) | offersite::output::Content::Link(_) => 0,
        })
        .sum();
    eprintln!(
        "{} files, {} MB in {:?}",
        files.len(),
        bytes / 1_000_000,
        start.elapsed()
    );
}
