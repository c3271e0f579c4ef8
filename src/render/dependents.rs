//! Which pages show an offer: its own page, the listing pages its card is
//! on, the home page when it is there, and the pages of the offers that
//! suggest it. Kept beside the selections it mirrors (`Index::home_offers`,
//! `Index::related`, `Index::page_slice`) so that the two cannot drift.

use std::collections::HashSet;

use super::index::Index;
use super::pages::Job;

/// Whether `job`'s page shows any of the offers at these indices.
pub fn shows_any(job: &Job, index: &Index, targets: &HashSet<usize>) -> bool {
    let site = index.site;
    let on = |list: Option<&Vec<usize>>, page: usize| {
        list.is_some_and(|l| {
            index
                .page_slice(l, page)
                .iter()
                .any(|i| targets.contains(i))
        })
    };
    match *job {
        Job::Home => index.home_offers().0.iter().any(|i| targets.contains(i)),
        Job::Offers(n) => index
            .page_slice(&index.active, n)
            .iter()
            .any(|i| targets.contains(i)),
        Job::Offer(i) => {
            targets.contains(&i) || index.related(i).iter().any(|j| targets.contains(j))
        }
        Job::Category(c, n) => on(index.by_category.get(site.categories[c].id.as_str()), n),
        Job::Destination(d, n) => on(
            index.by_destination.get(site.destinations[d].id.as_str()),
            n,
        ),
        Job::Partner(p, n) => on(index.by_partner.get(site.partners[p].id.as_str()), n),
        Job::Branches | Job::Branch(_) | Job::Terms | Job::Term(_) | Job::Page(_) | Job::Kept => {
            false
        }
        // It names the search index's version (`metaCacheTag`), which an
        // edit of any active offer changes.
        Job::Search => !targets.is_empty(),
    }
}
