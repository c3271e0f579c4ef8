//! The preview server's first answer to an edit of one offer: that offer's
//! own pages, in every language, rendered from a small site made of the
//! offer and the offers its page suggests, so that the answer costs the
//! same at 10,000 offers as at ten. The server then renders everything the
//! edit touched from the whole site ([`super::render_offers`]), which has
//! the last word.

use std::collections::BTreeSet;

use crate::media;
use crate::model::{Language, Offer, Site, Theme, UiStrings};
use crate::output::OutputFile;
use crate::urls::Urls;

use super::affected::placement;
use super::assets::Assets;
use super::engine::Engine;
use super::index::Index;
use super::lang::LangData;
use super::pages::{self, Job};

/// What the previews keep from one to the next: the parsed templates,
/// while what they are made from is the same. (Parsing them is most of a
/// preview's work.)
#[derive(Default)]
pub struct Cache {
    engine: Option<(EngineKey, Engine)>,
}

/// What an [`Engine`] is made from.
#[derive(PartialEq)]
struct EngineKey {
    theme: Theme,
    ui: UiStrings,
    languages: Vec<Language>,
    base_url: String,
}

impl EngineKey {
    fn of(site: &Site) -> EngineKey {
        EngineKey {
            theme: site.theme.clone(),
            ui: site.ui.clone(),
            languages: site.config.languages.clone(),
            base_url: site.config.base_url.clone(),
        }
    }
}

impl Cache {
    /// The engine for `site`: the kept one when made from the same.
    fn engine(&mut self, site: &Site) -> Option<&Engine> {
        let key = EngineKey::of(site);
        if self.engine.as_ref().is_none_or(|(kept, _)| *kept != key) {
            self.engine = None;
            let assets = Assets::new(site, &Urls::new(&site.config.base_url));
            self.engine = Some((key, Engine::new(site, &assets).ok()?));
        }
        self.engine.as_ref().map(|(_, engine)| engine)
    }

    /// Make what the next preview of `site`'s offers needs now, after a
    /// rebuild, rather than after the next save.
    pub fn prepare(&mut self, site: &Site) {
        let _ = self.engine(site);
    }
}

/// The pages of `offer` (an edit of the offer with its id in `site`) in
/// every language, as a render of `site` with the offer replaced makes
/// them. `None` when the small site cannot tell (the offer is new, moved
/// between listings, or shows other pictures) or a template fails: then
/// only the whole site can, and a render of it reports the errors.
pub fn offer_pages(site: &Site, offer: &Offer, cache: &mut Cache) -> Option<Vec<OutputFile>> {
    let i = site
        .offers
        .binary_search_by(|o| o.id.as_str().cmp(&offer.id))
        .ok()?;
    let old = &site.offers[i];
    if placement(old) != placement(offer) || pictures(old) != pictures(offer) {
        return None;
    }
    let index = Index::new(site);
    let related = index.related(i);
    let mut shown: Vec<usize> = related.iter().copied().chain([i]).collect();
    shown.sort_unstable();
    let small = Site {
        config: site.config.clone(),
        categories: site.categories.clone(),
        destinations: site.destinations.clone(),
        branches: site.branches.clone(),
        partners: site.partners.clone(),
        offers: shown
            .iter()
            .map(|&j| if j == i { offer } else { &site.offers[j] }.clone())
            .collect(),
        terms: site.terms.clone(),
        pages: site.pages.clone(),
        ui: site.ui.clone(),
        theme: site.theme.clone(),
        media: site.media.clone(),
        pictures: site.pictures.clone(),
        now: site.now,
    };
    let at = |j: usize| shown.binary_search(&j).unwrap_or(usize::MAX);
    let small_index = Index::new(&small);
    let k = at(i);
    // The suggestions of an offer that is not listed start at a place
    // that depends on its category's length: the small site cannot say.
    let same: Vec<usize> = related.iter().map(|&j| at(j)).collect();
    if small_index.related(k) != same || small_index.status[k] != index.status[i] {
        return None;
    }
    drop(index);
    let engine = cache.engine(&small)?;
    let langs: Vec<LangData> = small
        .config
        .languages
        .iter()
        .map(|l| LangData::new(l, &small_index, engine, false))
        .collect();
    let job = Job::Offer(k);
    langs
        .iter()
        .map(|lang| pages::render_page(&job, lang, &langs, &small_index, engine).ok())
        .collect()
}

/// The pictures an offer shows: they are prepared for the whole site.
fn pictures(offer: &Offer) -> BTreeSet<String> {
    let bodies = offer.body.iter().flat_map(|t| t.0.values());
    offer
        .image
        .iter()
        .cloned()
        .chain(bodies.flat_map(|t| {
            media::body_pictures(&t.text)
                .into_iter()
                .map(|(url, _)| url)
        }))
        .collect()
}
