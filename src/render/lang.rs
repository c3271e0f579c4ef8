//! What every page of one language shares: offer cards and the base
//! template context. Its own module so that the JSON, search and page
//! renderers all build on it without depending on one another.

use std::collections::HashMap;

use serde::Serialize;
use tera::Context;

use super::engine::Engine;
use super::index::Index;
use super::view::{CardHtml, LinkView, ListedCard, OfferCard, TextView};
use crate::model::{Language, Status};
use crate::urls;

/// What every page of one language shares, built once.
pub struct LangData<'a> {
    pub lang: &'a Language,
    /// Cards of `site.offers`, same order.
    pub cards: Vec<OfferCard<'a>>,
    /// Which cards lists may hold by id ([`ListedCard`]); empty when none.
    listed_by_id: Vec<bool>,
    pub(super) base: Context,
}

#[derive(Serialize)]
struct LangView<'a> {
    code: &'a str,
    locale: &'a str,
    name: &'a str,
    /// Open Graph's form, e.g. `zh_CN`.
    og_locale: String,
}

#[derive(Serialize)]
struct Nav {
    root: String,
    home: String,
    offers: String,
    branches: String,
    terms: String,
    feed: String,
    css: String,
    search: String,
    kept: String,
}

impl<'a> LangData<'a> {
    /// `prerender`: render each active offer's card HTML once up front
    /// (worth it when every listing page is rendered; a partial render of a
    /// few pages lets the template render the few cards it shows).
    pub fn new(
        lang: &'a Language,
        index: &Index<'a>,
        engine: &Engine,
        prerender: bool,
    ) -> LangData<'a> {
        use rayon::prelude::*;
        let site = index.site;
        let code = lang.code.as_str();
        let (cards, html): (Vec<OfferCard>, Vec<Option<CardHtml>>) = site
            .offers
            .par_iter()
            .enumerate()
            .map(|(i, o)| {
                let card = OfferCard::new(o, index.status[i], lang, index);
                let html = (prerender && index.status[i] == Status::Active)
                    .then(|| engine.card(code, &card))
                    .flatten();
                (card, html)
            })
            .unzip();
        let listed_by_id: Vec<bool> = if engine.lists_kept_cards_by_id() {
            html.iter().map(Option::is_some).collect()
        } else {
            Vec::new()
        };
        let kept: HashMap<String, CardHtml> = site
            .offers
            .iter()
            .zip(html)
            .filter_map(|(o, html)| Some((o.id.clone(), html?)))
            .collect();
        engine.keep_cards(code, kept);
        let mut base = Context::new();
        base.insert("lang", &lang_view(lang));
        base.insert(
            "site",
            &serde_json::json!({
                "title": site.config.title.get(code),
                "description": site.config.description.get(code),
            }),
        );
        base.insert("base", index.urls.base_path());
        base.insert("nav", &nav(index, code));
        base.insert("offline", &super::offline::page_links(index, code));
        base.insert("assets", index.assets.map());
        let footer_pages: Vec<LinkView> = site
            .pages
            .iter()
            .map(|p| LinkView {
                id: &p.id,
                name: TextView::of(&p.title, code, index),
                url: index.urls.rel(&urls::page(code, &p.id)),
            })
            .collect();
        base.insert("footer_pages", &footer_pages);
        LangData {
            lang,
            cards,
            listed_by_id,
            base,
        }
    }

    /// The cards of offers `list`, in order, as a page's list holds them.
    pub(super) fn cards(&self, list: &[usize]) -> Vec<ListedCard<'_, 'a>> {
        list.iter()
            .map(|&i| match self.listed_by_id.get(i) {
                Some(true) => ListedCard::Kept {
                    id: self.cards[i].id,
                },
                _ => ListedCard::Whole(&self.cards[i]),
            })
            .collect()
    }
}

fn lang_view(lang: &Language) -> LangView<'_> {
    LangView {
        code: &lang.code,
        locale: &lang.locale,
        name: &lang.name,
        og_locale: og_locale(&lang.locale, &lang.code),
    }
}

fn nav(index: &Index, code: &str) -> Nav {
    Nav {
        root: index.urls.rel("/"),
        home: index.urls.rel(&urls::home(code)),
        offers: index.urls.rel(&urls::offers(code)),
        branches: index.urls.rel(&urls::branches(code)),
        terms: index.urls.rel(&urls::terms(code)),
        feed: index.urls.rel(&urls::feed(code)),
        css: index.assets.link("style.css", &index.urls),
        kept: index.urls.rel(&urls::kept(code)),
        search: index.urls.rel(&urls::search(code)),
    }
}

/// Open Graph wants `language_TERRITORY`; BCP 47 scripts map to the usual
/// territory (zh-Hans → `zh_CN`, zh-Hant → `zh_TW`).
pub fn og_locale(locale: &str, code: &str) -> String {
    let mut parts = locale.split(['-', '_']);
    let language = parts.next().unwrap_or(code).to_ascii_lowercase();
    let rest: Vec<&str> = parts.collect();
    if let Some(region) = rest.iter().find(|p| p.len() == 2) {
        return format!("{language}_{}", region.to_ascii_uppercase());
    }
    let region = match (language.as_str(), rest.first().copied()) {
        ("zh", Some(s)) if s.eq_ignore_ascii_case("hant") => "TW",
        ("zh", _) => "CN",
        ("en", _) => "US",
        ("ja", _) => "JP",
        ("ko", _) => "KR",
        ("fr", _) => "FR",
        ("de", _) => "DE",
        _ => return language,
    };
    format!("{language}_{region}")
}

#[cfg(test)]
mod tests {
    use super::og_locale;

    #[test]
    fn og_locales() {
        assert_eq!(og_locale("zh-Hans", "zh"), "zh_CN");
        assert_eq!(og_locale("zh-Hant", "zh"), "zh_TW");
        assert_eq!(og_locale("en", "en"), "en_US");
        assert_eq!(og_locale("en-GB", "en"), "en_GB");
        assert_eq!(og_locale("zh-Hans-SG", "zh"), "zh_SG");
    }
}
