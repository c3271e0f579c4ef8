//! The preview server reloads content after every save: only the files
//! that changed are parsed again, and the result is what a fresh load
//! gives.

use crate::common::*;

use offersite::content::{self, LoadCache, LoadOptions};

fn options() -> LoadOptions {
    LoadOptions {
        now: NOW.parse().unwrap(),
        drafts: false,
    }
}

fn summary(loaded: &content::Loaded) -> (Vec<String>, Vec<String>) {
    let titles = loaded
        .site
        .as_ref()
        .map(|s| {
            s.offers
                .iter()
                .map(|o| format!("{}={}", o.id, o.title.get("zh")))
                .collect()
        })
        .unwrap_or_default();
    let diagnostics = loaded
        .diagnostics
        .iter()
        .map(offersite::diagnostics::Diagnostic::to_human)
        .collect();
    (titles, diagnostics)
}

#[test]
fn a_reload_parses_only_changed_files_and_matches_a_fresh_load() {
    let site = SiteTest::fixture("valid");
    let mut cache = LoadCache::default();
    let first = content::load_cached(site.root(), &options(), &mut cache);
    assert!(first.site.is_some());
    assert_eq!(cache.parsed(), 5, "3 offers and 2 partners");

    let again = content::load_cached(site.root(), &options(), &mut cache);
    assert_eq!(cache.parsed(), 0);
    assert_eq!(summary(&again), summary(&first));

    // Edit one offer: one file parsed, the new title in the model.
    let rel = "content/offers/aston-waikiki.yaml";
    let text = std::fs::read_to_string(site.root().join(rel)).unwrap();
    site.write(
        rel,
        text.replace("阿斯顿威基基立减20美元", "阿斯顿威基基新标题"),
    );
    let edited = content::load_cached(site.root(), &options(), &mut cache);
    assert_eq!(cache.parsed(), 1);
    assert_eq!(
        summary(&edited),
        summary(&content::load(site.root(), &options()))
    );
    assert!(
        summary(&edited)
            .0
            .contains(&"aston-waikiki=阿斯顿威基基新标题".to_string())
    );

    // Break it, then delete it: errors and references as a fresh load has them.
    site.write(rel, text.replace("partner: aston-hotels", "partner: aston"));
    let broken = content::load_cached(site.root(), &options(), &mut cache);
    assert!(broken.site.is_none());
    assert_eq!(
        summary(&broken),
        summary(&content::load(site.root(), &options()))
    );
    std::fs::remove_file(site.root().join(rel)).unwrap();
    let removed = content::load_cached(site.root(), &options(), &mut cache);
    assert_eq!(
        summary(&removed),
        summary(&content::load(site.root(), &options()))
    );
    assert_eq!(removed.site.unwrap().offers.len(), 2);

    // A change of languages empties the cache: every text is checked anew.
    let config = std::fs::read_to_string(site.root().join("content/site.yaml")).unwrap();
    site.write(
        "content/site.yaml",
        config.replace("page_size: 2", "page_size: 2\ntranslation_fallback: true"),
    );
    content::load_cached(site.root(), &options(), &mut cache);
    assert_eq!(cache.parsed(), 4);
}
