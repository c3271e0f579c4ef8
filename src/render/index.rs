//! Lookups and orderings computed once per render, so no page searches a
//! list: id → item maps, each offer's status, and the active offers newest
//! first, overall and per category, destination and partner.

use std::collections::HashMap;

use super::assets::Assets;
use crate::model::{Category, Destination, Document, Offer, Partner, Site, Status};
use crate::urls::{self, Outline, Urls};

/// How many offers the home page shows at most.
pub const HOME_OFFERS: usize = 12;
/// How many other offers an offer's page suggests.
pub const RELATED_OFFERS: usize = 6;
/// How many of the newest active offers the Atom feeds carry: a feed
/// reader wants what is new, and the app has the JSON for everything.
pub const FEED_OFFERS: usize = 50;

pub struct Index<'a> {
    pub site: &'a Site,
    pub urls: Urls,
    /// The theme's assets under fingerprinted names.
    pub assets: Assets,
    pub partners: HashMap<&'a str, &'a Partner>,
    pub categories: HashMap<&'a str, &'a Category>,
    pub destinations: HashMap<&'a str, &'a Destination>,
    pub terms: HashMap<&'a str, &'a Document>,
    locales: HashMap<&'a str, &'a str>,
    /// Status of `site.offers[i]`.
    pub status: Vec<Status>,
    /// Indices of active offers, newest first (`valid_from` descending, then id).
    pub active: Vec<usize>,
    pub by_category: HashMap<&'a str, Vec<usize>>,
    pub by_destination: HashMap<&'a str, Vec<usize>>,
    pub by_partner: HashMap<&'a str, Vec<usize>>,
    /// Which pages the site has, and their paths.
    pub outline: Outline<'a>,
}

impl<'a> Index<'a> {
    pub fn new(site: &'a Site) -> Index<'a> {
        let status: Vec<Status> = site.offers.iter().map(|o| o.status(site.now)).collect();
        let mut active: Vec<usize> = (0..site.offers.len())
            .filter(|&i| status[i] == Status::Active)
            .collect();
        active.sort_by(|&a, &b| newest_first(&site.offers[a], &site.offers[b]));
        let mut by_category: HashMap<&str, Vec<usize>> = HashMap::new();
        let mut by_destination: HashMap<&str, Vec<usize>> = HashMap::new();
        let mut by_partner: HashMap<&str, Vec<usize>> = HashMap::new();
        for &i in &active {
            let o = &site.offers[i];
            by_category.entry(&o.category).or_default().push(i);
            by_partner.entry(&o.partner).or_default().push(i);
            for d in o.listed_destinations() {
                by_destination.entry(d).or_default().push(i);
            }
        }
        let urls = Urls::new(&site.config.base_url);
        let size = site.config.page_size;
        let paged = |id: &'a str, lists: &HashMap<&str, Vec<usize>>| {
            (
                id,
                urls::page_count(lists.get(id).map_or(0, Vec::len), size),
            )
        };
        let outline = Outline {
            offer_list_pages: urls::page_count(active.len(), size),
            offers: site.offers.iter().map(|o| o.id.as_str()).collect(),
            categories: site
                .categories
                .iter()
                .map(|c| paged(&c.id, &by_category))
                .collect(),
            destinations: site
                .destinations
                .iter()
                .map(|d| paged(&d.id, &by_destination))
                .collect(),
            partners: site
                .partners
                .iter()
                .map(|p| paged(&p.id, &by_partner))
                .collect(),
            branches: site.branches.iter().map(|b| b.id.as_str()).collect(),
            terms: site.terms.iter().map(|d| d.id.as_str()).collect(),
            pages: site.pages.iter().map(|d| d.id.as_str()).collect(),
        };
        Index {
            site,
            assets: Assets::new(site, &urls),
            urls,
            partners: site.partners.iter().map(|p| (p.id.as_str(), p)).collect(),
            categories: site.categories.iter().map(|c| (c.id.as_str(), c)).collect(),
            destinations: site
                .destinations
                .iter()
                .map(|d| (d.id.as_str(), d))
                .collect(),
            terms: site.terms.iter().map(|d| (d.id.as_str(), d)).collect(),
            locales: site
                .config
                .languages
                .iter()
                .map(|l| (l.code.as_str(), l.locale.as_str()))
                .collect(),
            status,
            active,
            by_category,
            by_destination,
            by_partner,
            outline,
        }
    }

    /// The BCP 47 locale of a language code (the code itself if unknown).
    pub fn locale(&self, code: &'a str) -> &'a str {
        self.locales.get(code).copied().unwrap_or(code)
    }

    /// Like [`Index::locale`], for a code borrowed only briefly.
    pub fn locale_of(&self, code: &str) -> String {
        self.locales.get(code).copied().unwrap_or(code).to_string()
    }

    /// The CLDR name of destination `id`'s country in language `lang`.
    pub fn country_of(&self, id: &str, lang: &str) -> Option<String> {
        let d = self.destinations.get(id)?;
        Some(crate::countries::name(
            &d.country,
            &self.locale_of(lang),
            lang,
        ))
    }

    /// The offers on the home page: the featured active ones, or the newest
    /// when none is featured (then the flag is true).
    pub fn home_offers(&self) -> (Vec<usize>, bool) {
        let featured: Vec<usize> = self
            .active
            .iter()
            .copied()
            .filter(|&i| self.site.offers[i].featured)
            .take(HOME_OFFERS)
            .collect();
        if featured.is_empty() {
            (
                self.active.iter().copied().take(HOME_OFFERS).collect(),
                true,
            )
        } else {
            (featured, false)
        }
    }

    /// The offers of the Atom feeds: the newest active ones.
    pub fn feed_offers(&self) -> &[usize] {
        &self.active[..self.active.len().min(FEED_OFFERS)]
    }

    /// Other active offers of offer `i`'s category for its page: the ones
    /// that follow it in the category's newest-first order, wrapping round.
    /// Each offer is thus shown on a few other offers' pages only (not on
    /// every page of its category), which keeps the reader moving through
    /// the catalog and lets a preview re-render few pages after an edit.
    pub fn related(&self, i: usize) -> Vec<usize> {
        let offers = &self.site.offers;
        let Some(list) = self.by_category.get(offers[i].category.as_str()) else {
            return Vec::new();
        };
        // Where `i` is; an ended or upcoming offer starts at a place of its
        // own, so that they do not all suggest the same few offers.
        let start = match self.status[i] {
            Status::Active => list.partition_point(|&j| {
                newest_first(&offers[j], &offers[i]) == std::cmp::Ordering::Less
            }),
            _ => (fnv1a(offers[i].id.as_bytes()) % list.len() as u64) as usize,
        };
        list.iter()
            .cycle()
            .skip(start)
            .take(list.len())
            .copied()
            .filter(|&j| j != i)
            .take(RELATED_OFFERS)
            .collect()
    }

    /// How many pages a list of `len` items takes (an empty list still has
    /// its first page).
    pub fn page_count(&self, len: usize) -> usize {
        urls::page_count(len, self.page_size())
    }

    pub fn page_size(&self) -> usize {
        self.site.config.page_size.max(1)
    }

    /// The items of page `page` (1-based).
    pub fn page_slice<'l>(&self, list: &'l [usize], page: usize) -> &'l [usize] {
        let size = self.page_size();
        let start = ((page - 1) * size).min(list.len());
        let end = (start + size).min(list.len());
        &list[start..end]
    }
}

/// A small, stable hash (FNV-1a): the same id gives the same number on
/// every machine and Rust version, so output stays byte-identical.
fn fnv1a(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |h, &b| {
        (h ^ u64::from(b)).wrapping_mul(0x0000_0100_0000_01b3)
    })
}

pub fn newest_first(a: &Offer, b: &Offer) -> std::cmp::Ordering {
    b.valid_from
        .cmp(&a.valid_from)
        .then_with(|| a.id.cmp(&b.id))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pager_window_stays_short() {
        let site = crate::render::testing::tiny_site();
        let index = Index::new(&site);
        let p = index.pager("/zh/offers/", 50, 100);
        let numbers: Vec<usize> = p.pages.iter().map(|l| l.number).collect();
        assert_eq!(numbers, vec![1, 0, 48, 49, 50, 51, 52, 0, 100]);
        let p = index.pager("/zh/offers/", 1, 3);
        let numbers: Vec<usize> = p.pages.iter().map(|l| l.number).collect();
        assert_eq!(numbers, vec![1, 2, 3]);
        assert_eq!(p.prev, None);
        assert_eq!(p.next.as_deref(), Some("/zh/offers/page/2/"));
        let p = index.pager("/zh/offers/", 2, 3);
        assert_eq!(p.prev.as_deref(), Some("/zh/offers/"));
    }

    fn many_offers(n: usize) -> Site {
        use crate::render::testing::{offer, tiny_site};
        let mut site = tiny_site();
        let day = |d: i16| jiff::civil::Date::new(2026, 1, 1).unwrap() + jiff::Span::new().days(d);
        site.offers = (0..n)
            .map(|k| {
                // Every tenth offer has ended; the rest are active.
                let from = day(k as i16);
                let until = if k % 10 == 0 {
                    day(k as i16 + 1)
                } else {
                    day(600)
                };
                offer(&format!("o{k:03}"), from, until)
            })
            .collect();
        site.now = day(400);
        site
    }

    #[test]
    fn feeds_carry_the_newest_active_offers() {
        let site = many_offers(120);
        let index = Index::new(&site);
        let feed = index.feed_offers();
        assert_eq!(feed.len(), FEED_OFFERS);
        assert_eq!(feed, &index.active[..FEED_OFFERS]);
        assert_eq!(site.offers[feed[0]].id, "o119");
    }

    #[test]
    fn each_offer_is_suggested_on_a_few_pages_only() {
        let site = many_offers(120);
        let index = Index::new(&site);
        let mut shown_on = vec![0usize; site.offers.len()];
        for i in 0..site.offers.len() {
            let related = index.related(i);
            assert_eq!(related.len(), RELATED_OFFERS);
            assert!(!related.contains(&i));
            assert!(related.iter().all(|&j| index.status[j] == Status::Active));
            for j in related {
                shown_on[j] += 1;
            }
        }
        // Active offers are suggested by the few before them, plus a few
        // ended ones; never by every page of the category.
        let most = shown_on.iter().max().copied().unwrap_or(0);
        assert!(
            most <= RELATED_OFFERS + 6,
            "an offer is suggested on {most} pages"
        );
    }
}
