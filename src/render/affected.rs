//! What an edit means for the pages. The preview server compares the site
//! before and after a save and re-renders only the pages that show what
//! changed, so a save costs in proportion to the edit.

use crate::model::{Offer, Site};

/// The pages an edit can change.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Affected {
    /// No page shows anything different.
    Nothing,
    /// These offers changed what their pages and cards say (title, text,
    /// discount, coupon, image, terms) but not where they are listed, so
    /// only the pages showing them change.
    Offers(Vec<String>),
    /// Anything else (site settings, theme, lists, partners, documents,
    /// offers added, removed or moved between listings): every page.
    Everything,
}

/// Where an offer is listed and in which order: when any of this changes,
/// listings, pagination and the sitemap move.
pub(super) fn placement(o: &Offer) -> impl PartialEq + '_ {
    (
        &o.id,
        &o.partner,
        &o.category,
        &o.destinations,
        o.valid_from,
        o.valid_until,
        o.featured,
        o.draft,
    )
}

pub fn affected(old: &Site, new: &Site) -> Affected {
    let same_frame = old.now == new.now
        && old.config == new.config
        && old.categories == new.categories
        && old.destinations == new.destinations
        && old.branches == new.branches
        && old.partners == new.partners
        && old.terms == new.terms
        && old.pages == new.pages
        && old.ui == new.ui
        && old.theme == new.theme
        && old.media == new.media
        && old.pictures == new.pictures
        && old.offers.len() == new.offers.len();
    if !same_frame {
        return Affected::Everything;
    }
    let mut changed = Vec::new();
    for (a, b) in old.offers.iter().zip(&new.offers) {
        if placement(a) != placement(b) {
            return Affected::Everything;
        }
        if a != b {
            changed.push(b.id.clone());
        }
    }
    if changed.is_empty() {
        Affected::Nothing
    } else {
        Affected::Offers(changed)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::render::testing::tiny_site as sample_site;

    #[test]
    fn text_edits_touch_only_that_offer() {
        let old = sample_site();
        assert_eq!(affected(&old, &old.clone()), Affected::Nothing);

        let mut new = old.clone();
        let id = new.offers[0].id.clone();
        new.offers[0]
            .title
            .0
            .get_mut("zh")
            .unwrap()
            .text
            .push_str("（新）");
        new.offers[0].coupon_code = Some("NEW-CODE".into());
        assert_eq!(affected(&old, &new), Affected::Offers(vec![id]));
    }

    #[test]
    fn moves_and_site_wide_edits_touch_everything() {
        let old = sample_site();
        let mut moved = old.clone();
        moved.offers[0].valid_until = moved.offers[0].valid_from;
        assert_eq!(affected(&old, &moved), Affected::Everything);

        let mut retitled = old.clone();
        retitled
            .config
            .title
            .0
            .get_mut("en")
            .unwrap()
            .text
            .push('!');
        assert_eq!(affected(&old, &retitled), Affected::Everything);

        let mut fewer = old.clone();
        fewer.offers.pop();
        assert_eq!(affected(&old, &fewer), Affected::Everything);
    }
}
