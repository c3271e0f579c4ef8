//! An editor saves an offer in the preview: only the pages that show it are
//! rendered again, and together with the last full render they are exactly
//! the site a full render gives.

use crate::common::*;

use offersite::render::affected::{Affected, affected};
use offersite::render::{render, render_offers, search_files};

#[test]
fn editing_any_offer_rerenders_exactly_what_shows_it() {
    partial_renders_complete_the_full_one(SiteTest::shipped().load());
}

/// The same with the built-in theme, whose lists paste each card as a full
/// render made it once (at heading level 2, level 3 derived from it), while
/// a partial render has the template render the few it shows.
#[test]
fn editing_any_offer_rerenders_exactly_what_shows_it_with_the_built_in_theme() {
    let mut site = SiteTest::shipped().load();
    let no_templates = tempfile::tempdir().unwrap();
    let (theme, diagnostics) = offersite::theme::load(no_templates.path());
    assert!(diagnostics.is_empty());
    site.theme = theme;
    partial_renders_complete_the_full_one(site);
}

fn partial_renders_complete_the_full_one(before: offersite::model::Site) {
    let full_before = Files::of(render(&before).unwrap());
    for i in 0..before.offers.len() {
        let mut after = before.clone();
        let offer = &mut after.offers[i];
        offer
            .title
            .0
            .get_mut("zh")
            .unwrap()
            .text
            .push_str("（已更新）");
        offer
            .summary
            .0
            .get_mut("en")
            .unwrap()
            .text
            .push_str(" Updated.");
        let id = offer.id.clone();
        assert_eq!(
            affected(&before, &after),
            Affected::Offers(vec![id.clone()])
        );

        let full_after = Files::of(render(&after).unwrap());
        let partial = Files::of(render_offers(&after, std::slice::from_ref(&id)).unwrap());
        // The search index is as big as the catalog: a partial render leaves
        // it to `search_files`, which the server swaps in after the pages.
        let index = Files::of(search_files(&after).unwrap());
        let full_index: Files = full_after
            .iter()
            .filter(|(p, _)| p.starts_with("pagefind/"))
            .map(|(p, b)| (p.clone(), b.clone()))
            .collect();
        assert_eq!(
            *index, *full_index,
            "editing {id}: the refreshed search index"
        );
        for (path, bytes) in &full_after {
            // The offline worker's cache version sums up a full build; the
            // preview, the only user of partial renders, serves a worker of
            // its own instead.
            if path == "sw.js" || path.starts_with("pagefind/") {
                continue;
            }
            if full_before.get(path) != Some(bytes) {
                assert_eq!(
                    partial.get(path),
                    Some(bytes),
                    "editing {id} changed /{path}, which was not re-rendered"
                );
            }
        }
        for (path, bytes) in &partial {
            assert_eq!(
                full_after.get(path),
                Some(bytes),
                "/{path} differs from a full render"
            );
        }
        // Proportional: far fewer pages than the whole site.
        assert!(
            partial.len() * 3 < full_after.len(),
            "{id}: {} of {}",
            partial.len(),
            full_after.len()
        );
    }
}
