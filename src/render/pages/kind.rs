//! What a page is, in one enum: it names the page's template and the
//! `page.kind` templates test (the menu marks the current section with it,
//! and `<title>` leaves the site's name off the pages that are the site's
//! own front doors).

use serde::{Serialize, Serializer};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Home,
    Offers,
    Offer,
    Category,
    Destination,
    Partner,
    Branches,
    Branch,
    Terms,
    Term,
    Page,
    Search,
    Kept,
    /// The language chooser at `/`.
    Root,
    /// `/404.html`.
    NotFound,
}

impl Kind {
    /// `page.kind` in templates.
    pub fn name(self) -> &'static str {
        match self {
            Kind::Home => "home",
            Kind::Offers => "offers",
            Kind::Offer => "offer",
            Kind::Category => "category",
            Kind::Destination => "destination",
            Kind::Partner => "partner",
            Kind::Branches => "branches",
            Kind::Branch => "branch",
            Kind::Terms => "terms",
            Kind::Term => "term",
            Kind::Page => "page",
            Kind::Search => "search",
            Kind::Kept => "kept",
            Kind::Root => "root",
            Kind::NotFound => "404",
        }
    }

    /// The theme's template that renders it.
    pub fn template(self) -> &'static str {
        match self {
            Kind::Home => "home.html",
            Kind::Offers => "offers.html",
            Kind::Offer => "offer.html",
            Kind::Category => "category.html",
            Kind::Destination => "destination.html",
            Kind::Partner => "partner.html",
            Kind::Branches => "branches.html",
            Kind::Branch => "branch.html",
            Kind::Terms => "terms.html",
            Kind::Term => "term.html",
            Kind::Page => "page.html",
            Kind::Search => "search.html",
            Kind::Kept => "kept.html",
            Kind::Root => "root.html",
            Kind::NotFound => "404.html",
        }
    }
}

impl Serialize for Kind {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.name())
    }
}

/// The paginated lists of one thing's active offers: their page kind and
/// the UI strings (`{name}` the thing's name, `{site}` the site's title)
/// that title and describe them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Listing {
    Category,
    Destination,
    Partner,
}

impl Listing {
    pub fn kind(self) -> Kind {
        match self {
            Listing::Category => Kind::Category,
            Listing::Destination => Kind::Destination,
            Listing::Partner => Kind::Partner,
        }
    }

    pub fn title_key(self) -> &'static str {
        match self {
            Listing::Category => "category_title",
            Listing::Destination => "destination_title",
            Listing::Partner => "partner_title",
        }
    }

    pub fn description_key(self) -> &'static str {
        match self {
            Listing::Category => "category_description",
            Listing::Destination => "destination_description",
            Listing::Partner => "partner_description",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Each template is named after the `page.kind` it renders, and
    /// templates see the kind as that word.
    #[test]
    fn a_kind_is_its_template_stem() {
        let all = [
            Kind::Home,
            Kind::Offers,
            Kind::Offer,
            Kind::Category,
            Kind::Destination,
            Kind::Partner,
            Kind::Branches,
            Kind::Branch,
            Kind::Terms,
            Kind::Term,
            Kind::Page,
            Kind::Search,
            Kind::Kept,
            Kind::Root,
            Kind::NotFound,
        ];
        for kind in all {
            assert_eq!(kind.template(), format!("{}.html", kind.name()));
            assert_eq!(
                serde_json::to_string(&kind).unwrap(),
                format!("\"{}\"", kind.name())
            );
        }
    }
}
