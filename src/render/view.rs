//! What templates see: small, pre-formatted views of the model for one
//! language. Offer cards are built once per language and shared by every
//! list that shows them.

use serde::{Deserialize, Serialize};

use super::format;
use super::index::Index;
use crate::model::{DiscountKind, Language, LocalText, Offer, PictureVariant, Status, Text};
use crate::urls;

/// A text in the page's language. `lang` is set (to the locale of the text's
/// real language) only when a missing translation was filled in, so the
/// template can mark it up and say so.
#[derive(Debug, Clone, Serialize)]
pub struct TextView<'a> {
    pub text: &'a str,
    pub lang: Option<&'a str>,
}

impl<'a> TextView<'a> {
    pub fn of(text: &'a Text, lang: &str, index: &Index<'a>) -> TextView<'a> {
        match text.local(lang) {
            Some(local) => Self::local(local, index),
            None => TextView {
                text: "",
                lang: None,
            },
        }
    }

    pub fn local(local: &'a LocalText, index: &Index<'a>) -> TextView<'a> {
        TextView {
            text: &local.text,
            lang: if local.fallback {
                Some(index.locale(&local.lang))
            } else {
                None
            },
        }
    }
}

/// A Markdown text rendered to HTML, with the fallback marking of
/// [`TextView`].
#[derive(Debug, Clone, Serialize)]
pub struct HtmlView<'a> {
    pub html: String,
    pub lang: Option<&'a str>,
}

/// A named thing and where its page is.
#[derive(Debug, Clone, Serialize)]
pub struct LinkView<'a> {
    pub id: &'a str,
    pub name: TextView<'a>,
    pub url: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct DateView {
    /// `YYYY-MM-DD`, for `<time datetime>`.
    pub iso: String,
    /// As the language writes it.
    pub text: String,
}

impl DateView {
    pub fn new(date: jiff::civil::Date, lang: &str) -> DateView {
        DateView {
            iso: format::iso(date),
            text: format::date(date, lang),
        }
    }
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct ImageView {
    /// Link for `src`: the file as it is, or for a resized picture its
    /// fallback variant nearest 960 px wide.
    pub url: String,
    /// Absolute URL of the file as it is, for Open Graph and JSON.
    pub abs: String,
    /// The real size of the `src` file (resized pictures only; every
    /// variant has its aspect ratio).
    pub width: Option<u32>,
    pub height: Option<u32>,
    /// `srcset` of the fallback variants and of the WebP ones.
    pub srcset: Option<String>,
    pub webp_srcset: Option<String>,
    /// The same up to [`CARD_WIDTH`] only, for offer cards: a card is never
    /// shown wider than that many device pixels, and listings show many.
    pub card_srcset: Option<String>,
    pub card_webp_srcset: Option<String>,
}

/// The widest an offer card's picture is shown, in device pixels: one
/// column on a phone, 343 CSS px at device scale 2 (686); two columns on a
/// tablet; three of 19rem on a desktop.
pub const CARD_WIDTH: u32 = 720;

impl ImageView {
    pub fn new(path: &str, index: &Index) -> ImageView {
        let site_path = urls::media(path);
        let abs = index.urls.abs(&site_path);
        let Some(picture) = index.site.pictures.get(path) else {
            return ImageView {
                url: index.urls.rel(&site_path),
                abs,
                width: None,
                height: None,
                srcset: None,
                webp_srcset: None,
                card_srcset: None,
                card_webp_srcset: None,
            };
        };
        let url = |v: &PictureVariant| {
            let media_path = v.path.strip_prefix("media/").unwrap_or(&v.path);
            index.urls.rel(&urls::media(media_path))
        };
        let srcset = |webp: bool, max: u32| {
            picture
                .variants
                .iter()
                .filter(|v| (v.mime == "image/webp") == webp && v.width <= max)
                .map(|v| format!("{} {}w", url(v), v.width))
                .collect::<Vec<_>>()
                .join(", ")
        };
        let fallbacks: Vec<&PictureVariant> = picture
            .variants
            .iter()
            .filter(|v| v.mime != "image/webp")
            .collect();
        // For browsers without srcset: a size that suits most screens.
        let src = fallbacks
            .iter()
            .rev()
            .find(|v| v.width <= 960)
            .or(fallbacks.first())
            .copied();
        ImageView {
            url: src.map_or_else(|| index.urls.rel(&site_path), url),
            abs,
            width: src.map(|v| v.width),
            height: src.map(|v| v.height),
            srcset: Some(srcset(false, u32::MAX)),
            webp_srcset: Some(srcset(true, u32::MAX)),
            // A source narrower than every width has one variant, below it.
            card_srcset: Some(srcset(false, CARD_WIDTH)),
            card_webp_srcset: Some(srcset(true, CARD_WIDTH)),
        }
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct DiscountView<'a> {
    /// `percent`, `amount` or `text`.
    pub kind: &'static str,
    pub label: String,
    /// Set when a text discount is a fallback translation.
    pub lang: Option<&'a str>,
}

/// One offer as lists and its own page show it.
#[derive(Debug, Clone, Serialize)]
pub struct OfferCard<'a> {
    pub id: &'a str,
    pub url: String,
    pub abs_url: String,
    pub title: TextView<'a>,
    pub summary: TextView<'a>,
    pub discount: DiscountView<'a>,
    pub partner: LinkView<'a>,
    pub category: LinkView<'a>,
    pub destinations: Vec<LinkView<'a>>,
    /// The destinations' countries by name, each once, in the page's language.
    pub countries: Vec<String>,
    pub valid_from: DateView,
    pub valid_until: DateView,
    pub status: &'static str,
    pub coupon_code: Option<&'a str>,
    /// How the code is used (`till`, `booking`, `ticket-office`, `online`).
    pub redeem: &'static str,
    /// The UI string that tells how to use the code, `coupon_hint_<redeem>`.
    pub coupon_hint: String,
    pub image: Option<ImageView>,
    pub featured: bool,
}

/// An offer card in a page's list (`offers`, `related`). A card whose
/// HTML the engine kept ([`CardHtml`]) is listed by its id alone when every
/// template is the built-in one: the built-in `cards` macro reads nothing
/// else of it, and building and dropping each listed card's whole context
/// cost more than rendering the page (issue 13). A site's own template sees
/// every card whole.
#[derive(Serialize)]
#[serde(untagged)]
pub enum ListedCard<'c, 'a> {
    Whole(&'c OfferCard<'a>),
    Kept { id: &'a str },
}

/// A card as the built-in `card` macro renders it, rendered once per
/// language (active offers only: lists show no others) at heading level 2.
/// Templates use it through the built-in `cards` macro, which asks the
/// engine's `card_html()` for it at the list's heading level. The macro
/// writes the level only in the title's tags, and a card's texts are
/// escaped, so no other `<h2` can be in it: any level is level 2 with
/// those tags changed.
/// (A full render, whose lists use these, is held equal to a partial one,
/// whose template renders each level itself:
/// `tests/site/render_incremental.rs`.)
#[derive(Debug, Clone)]
pub struct CardHtml {
    level2: String,
}

impl CardHtml {
    pub fn of_builtin_card(level2: String) -> Self {
        CardHtml { level2 }
    }

    /// The card with its title at heading `level`.
    pub fn at_level(&self, level: u64) -> String {
        if level == 2 {
            return self.level2.clone();
        }
        let mut html = String::with_capacity(self.level2.len());
        let mut rest = self.level2.as_str();
        for (two, open) in [("<h2", "<h"), ("</h2", "</h")] {
            if let Some(at) = rest.find(two) {
                html.push_str(&rest[..at]);
                html.push_str(open);
                html.push_str(&level.to_string());
                rest = &rest[at + two.len()..];
            }
        }
        html.push_str(rest);
        html
    }
}

impl<'a> OfferCard<'a> {
    pub fn new(offer: &'a Offer, status: Status, lang: &Language, index: &Index<'a>) -> Self {
        let code = lang.code.as_str();
        let path = urls::offer(code, &offer.id);
        let discount = DiscountView {
            kind: offer.discount.kind.as_str(),
            label: format::discount(&offer.discount, code),
            lang: match &offer.discount.kind {
                DiscountKind::Text(t) => TextView::of(t, code, index).lang,
                _ => None,
            },
        };
        OfferCard {
            id: &offer.id,
            url: index.urls.rel(&path),
            abs_url: index.urls.abs(&path),
            title: TextView::of(&offer.title, code, index),
            summary: TextView::of(&offer.summary, code, index),
            discount,
            partner: index.partner_link(&offer.partner, code),
            category: index.category_link(&offer.category, code),
            destinations: offer
                .destinations
                .iter()
                .map(|d| index.destination_link(d, code))
                .collect(),
            countries: {
                let mut names: Vec<String> = Vec::new();
                for d in &offer.destinations {
                    if let Some(n) = index.country_of(d, code)
                        && !names.contains(&n)
                    {
                        names.push(n);
                    }
                }
                names
            },
            valid_from: DateView::new(offer.valid_from, code),
            valid_until: DateView::new(offer.valid_until, code),
            status: status.as_str(),
            coupon_code: offer.coupon_code.as_deref(),
            redeem: offer.redeem.as_str(),
            coupon_hint: format!("coupon_hint_{}", offer.redeem.as_str().replace('-', "_")),
            image: offer.image.as_deref().map(|p| ImageView::new(p, index)),
            featured: offer.featured,
        }
    }
}

/// Page-number navigation of a paginated list.
#[derive(Debug, Clone, Serialize)]
pub struct Pager {
    pub current: usize,
    pub total: usize,
    pub prev: Option<String>,
    pub next: Option<String>,
    /// Numbered links: the first, the last and those near the current one.
    pub pages: Vec<PagerLink>,
}

#[derive(Debug, Clone, Serialize)]
pub struct PagerLink {
    /// 0 marks a gap (an ellipsis) in the navigation.
    pub number: usize,
    pub url: Option<String>,
    pub current: bool,
}

// The link and pager builders are `Index` methods written here, next to the
// views they build, so that `view` depends on `index` and not both ways.
impl<'a> Index<'a> {
    pub fn partner_link(&self, id: &'a str, lang: &str) -> LinkView<'a> {
        LinkView {
            id,
            name: match self.partners.get(id) {
                Some(p) => TextView::of(&p.name, lang, self),
                None => plain(id),
            },
            url: self.urls.rel(&urls::partner(lang, id)),
        }
    }

    pub fn category_link(&self, id: &'a str, lang: &str) -> LinkView<'a> {
        LinkView {
            id,
            name: match self.categories.get(id) {
                Some(c) => TextView::of(&c.name, lang, self),
                None => plain(id),
            },
            url: self.urls.rel(&urls::category(lang, id)),
        }
    }

    pub fn destination_link(&self, id: &'a str, lang: &str) -> LinkView<'a> {
        LinkView {
            id,
            name: match self.destinations.get(id) {
                Some(d) => TextView::of(&d.name, lang, self),
                None => plain(id),
            },
            url: self.urls.rel(&urls::destination(lang, id)),
        }
    }

    pub fn term_link(&self, id: &'a str, lang: &str) -> LinkView<'a> {
        LinkView {
            id,
            name: match self.terms.get(id) {
                Some(t) => TextView::of(&t.title, lang, self),
                None => plain(id),
            },
            url: self.urls.rel(&urls::term(lang, id)),
        }
    }

    /// Navigation for page `current` of `total` of the list at `list_path`:
    /// first, last and two either side of the current one, so it stays
    /// short however long the list.
    pub fn pager(&self, list_path: &str, current: usize, total: usize) -> Pager {
        let link = |n: usize| self.urls.rel(&urls::paged(list_path, n));
        let mut numbers = vec![1, total];
        numbers.extend(current.saturating_sub(2).max(1)..=(current + 2).min(total));
        numbers.sort_unstable();
        numbers.dedup();
        let mut pages = Vec::with_capacity(numbers.len() + 2);
        let mut last = 0;
        for n in numbers {
            if last != 0 && n > last + 1 {
                pages.push(PagerLink {
                    number: 0,
                    url: None,
                    current: false,
                });
            }
            pages.push(PagerLink {
                number: n,
                url: Some(link(n)),
                current: n == current,
            });
            last = n;
        }
        Pager {
            current,
            total,
            prev: (current > 1).then(|| link(current - 1)),
            next: (current < total).then(|| link(current + 1)),
            pages,
        }
    }
}

fn plain(id: &str) -> TextView<'_> {
    TextView {
        text: id,
        lang: None,
    }
}

#[cfg(test)]
mod tests {
    use super::CardHtml;

    /// A listing shows each card at the level its template asks for: the
    /// card kept as level 2 must give level 3 exactly.
    #[test]
    fn a_card_kept_once_gives_every_heading_level() {
        let html = |level: u8| {
            format!(
                "<article class=\"card l2\"><h{level} class=\"card-title\"><a href=\"/zh/offers/o-2/\">满200减30 h2</a></h{level}></article>"
            )
        };
        let card = CardHtml::of_builtin_card(html(2));
        for level in 1..=6 {
            assert_eq!(card.at_level(level), html(level as u8));
        }
    }
}
