//! The pages of the URL contract: which exist ([`jobs`]), their site paths in
//! each language, and the small context each one is rendered from.

use serde::Serialize;
use tera::Context;

use super::engine::{Engine, RenderError};
use super::index::Index;
use super::json;
use super::lang::LangData;
use super::view::{DateView, HtmlView, ImageView, LinkView, OfferCard, TextView};
use crate::markdown::{self, MarkdownOptions};
use crate::model::{Document, Status, Text};
use crate::output::OutputFile;
use crate::urls;

/// One page that exists in every language (the URL contract's [`urls::Page`]).
pub use crate::urls::Page as Job;

/// The pages that are not per language.
#[derive(Debug, Clone, Copy)]
pub enum Special {
    Root,
    NotFound,
}

impl Special {
    /// The site path of the page.
    pub fn path(self) -> &'static str {
        match self {
            Special::Root => urls::ROOT,
            Special::NotFound => urls::NOT_FOUND,
        }
    }
}

/// The output file of `/<lang>/atom.xml`.
pub fn feed_file(lang: &str) -> String {
    urls::file_for(&urls::feed(lang))
}

/// Ended offers keep their page for the app's links, but search engines
/// are asked not to index it.
pub fn indexable(job: Job, index: &Index) -> bool {
    match job {
        Job::Offer(i) => index.status[i] != Status::Ended,
        // Its list lives on the phone: there is nothing to index.
        Job::Kept => false,
        // Result pages are not for search engines.
        Job::Search => false,
        _ => true,
    }
}

#[derive(Serialize)]
struct Alternate {
    hreflang: String,
    href: String,
}

#[derive(Serialize)]
struct Translation<'a> {
    code: &'a str,
    locale: &'a str,
    name: &'a str,
    url: String,
}

/// The head and language links of a page.
#[derive(Serialize)]
struct PageMeta<'a> {
    kind: &'static str,
    title: String,
    description: String,
    url: String,
    canonical: String,
    alternates: Vec<Alternate>,
    translations: Vec<Translation<'a>>,
    og_type: &'static str,
    image: Option<String>,
    noindex: bool,
}

fn alternates(index: &Index, path_in: impl Fn(&str) -> String) -> Vec<Alternate> {
    let languages = &index.site.config.languages;
    let mut out: Vec<Alternate> = languages
        .iter()
        .map(|l| Alternate {
            hreflang: l.locale.clone(),
            href: index.urls.abs(&path_in(&l.code)),
        })
        .collect();
    out.push(Alternate {
        hreflang: "x-default".into(),
        href: index.urls.abs(&path_in(&languages[0].code)),
    });
    out
}

/// A UI string with `{name}` placeholders filled (the same rule as the
/// templates' `t()`); the key itself if missing, which the loader prevents.
fn ui(index: &Index, lang: &str, key: &str, fills: &[(&str, &str)]) -> String {
    let mut s = index.site.ui.get(lang, key).unwrap_or(key).to_string();
    for (name, value) in fills {
        s = s.replace(&format!("{{{name}}}"), value);
    }
    s
}

fn with_page_number(index: &Index, lang: &str, title: String, page: usize) -> String {
    if page <= 1 {
        title
    } else {
        let n = page.to_string();
        format!("{title} · {}", ui(index, lang, "page_n", &[("n", &n)]))
    }
}

struct Page {
    template: &'static str,
    kind: &'static str,
    title: String,
    description: String,
    og_type: &'static str,
    image: Option<String>,
    noindex: bool,
    context: Context,
}

impl Page {
    fn new(template: &'static str, kind: &'static str, title: String, description: String) -> Self {
        Page {
            template,
            kind,
            title,
            description,
            og_type: "website",
            image: None,
            noindex: false,
            context: Context::new(),
        }
    }
}

fn md_options(index: &Index, top_heading: u8) -> MarkdownOptions {
    MarkdownOptions {
        allow_raw_html: index.site.config.allow_raw_html,
        base_path: index.urls.base_path().to_string(),
        top_heading,
    }
}

/// A Markdown text rendered as HTML in language `lang`, or `None` when it
/// is blank there. `top_heading` is the level the text's own headings start
/// at: 2 right below the page's `<h1>`, 3 inside a titled section.
fn markdown_view<'a>(
    text: &'a Text,
    lang: &str,
    index: &Index<'a>,
    top_heading: u8,
) -> Option<HtmlView<'a>> {
    let local = text.local(lang)?;
    if local.text.trim().is_empty() {
        return None;
    }
    Some(HtmlView {
        html: markdown::to_html_with(&local.text, &md_options(index, top_heading), &|image| {
            super::picture::body(image, index)
        }),
        lang: TextView::local(local, index).lang,
    })
}

#[derive(Serialize)]
struct Counted<'a> {
    #[serde(flatten)]
    link: LinkView<'a>,
    count: usize,
}

#[derive(Serialize)]
struct DocSummary<'a> {
    #[serde(flatten)]
    link: LinkView<'a>,
    summary: TextView<'a>,
}

#[derive(Serialize)]
struct BranchView<'a> {
    id: &'a str,
    url: String,
    city: TextView<'a>,
    province: TextView<'a>,
    name: TextView<'a>,
    address: TextView<'a>,
    hours: TextView<'a>,
    /// "Nanjing, Jiangsu" / "南京（江苏省）"; the city alone where the city
    /// is its own province-level municipality (Beijing, 北京).
    place: String,
    /// As readers of the page's language dial it (025-0000 0000 at home).
    phone: String,
    /// `tel:` link in E.164.
    tel: String,
}

/// A municipality (北京市, Beijing) is its own province: naming it twice
/// reads "Beijing, Beijing".
fn same_place(city: &str, province: &str) -> bool {
    let bare = |s: &str| {
        s.trim()
            .trim_end_matches('市')
            .trim_end_matches(" Shi")
            .to_lowercase()
    };
    bare(city) == bare(province)
}

fn branch_view<'a>(i: usize, lang: &str, index: &Index<'a>) -> BranchView<'a> {
    let b = &index.site.branches[i];
    BranchView {
        id: &b.id,
        url: index.urls.rel(&urls::branch(lang, &b.id)),
        city: TextView::of(&b.city, lang, index),
        province: TextView::of(&b.province, lang, index),
        name: TextView::of(&b.name, lang, index),
        address: TextView::of(&b.address, lang, index),
        hours: TextView::of(&b.hours, lang, index),
        place: {
            let (city, province) = (b.city.get(lang), b.province.get(lang));
            if same_place(city, province) {
                city.to_string()
            } else {
                ui(
                    index,
                    lang,
                    "place",
                    &[("city", city), ("province", province)],
                )
            }
        },
        phone: crate::format::phone(&b.phone, lang),
        tel: crate::format::tel(&b.phone),
    }
}

fn doc_summaries<'a>(
    docs: &'a [Document],
    lang: &str,
    index: &Index<'a>,
    path: fn(&str, &str) -> String,
) -> Vec<DocSummary<'a>> {
    docs.iter()
        .map(|d| DocSummary {
            link: LinkView {
                id: &d.id,
                name: TextView::of(&d.title, lang, index),
                url: index.urls.rel(&path(lang, &d.id)),
            },
            summary: TextView::of(&d.summary, lang, index),
        })
        .collect()
}

/// Renders one page in one language.
pub fn render_page(
    job: &Job,
    data: &LangData,
    all: &[LangData],
    index: &Index,
    engine: &Engine,
) -> Result<OutputFile, (RenderError, String)> {
    let code = data.lang.code.as_str();
    let path = index.outline.path(*job, code);
    let page = build(job, data, index);
    let meta = PageMeta {
        kind: page.kind,
        title: page.title,
        description: page.description,
        url: index.urls.rel(&path),
        canonical: index.urls.abs(&path),
        alternates: alternates(index, |l| index.outline.path(*job, l)),
        translations: all
            .iter()
            .filter(|d| d.lang.code != code)
            .map(|d| Translation {
                code: &d.lang.code,
                locale: &d.lang.locale,
                name: &d.lang.name,
                url: index.urls.rel(&index.outline.path(*job, &d.lang.code)),
            })
            .collect(),
        og_type: page.og_type,
        image: page.image,
        noindex: page.noindex,
    };
    let mut context = data.base.clone();
    context.extend(page.context);
    context.insert("page", &meta);
    let file = urls::file_for(&path);
    match engine.render(code, page.template, &context) {
        Ok(html) => Ok(OutputFile::bytes(file, html)),
        Err(err) => Err((err, file)),
    }
}

fn build<'a>(job: &Job, data: &'a LangData<'a>, index: &Index<'a>) -> Page {
    let site = index.site;
    let code = data.lang.code.as_str();
    let site_title = site.config.title.get(code);
    let site_description = site.config.description.get(code).to_string();
    match *job {
        Job::Home => {
            let (featured, latest) = index.home_offers();
            let mut p = Page::new(
                "home.html",
                "home",
                site_title.to_string(),
                site_description,
            );
            p.context.insert("offers", &data.cards(&featured));
            p.context.insert("offers_are_latest", &latest);
            p.context.insert("active_count", &index.active.len());
            let categories: Vec<Counted> = site
                .categories
                .iter()
                .map(|c| Counted {
                    link: index.category_link(&c.id, code),
                    count: index.by_category.get(c.id.as_str()).map_or(0, Vec::len),
                })
                .collect();
            p.context.insert("categories", &categories);
            let destinations: Vec<Counted> = site
                .destinations
                .iter()
                .map(|d| Counted {
                    link: index.destination_link(&d.id, code),
                    count: index.by_destination.get(d.id.as_str()).map_or(0, Vec::len),
                })
                .collect();
            p.context.insert("destinations", &destinations);
            let branches: Vec<BranchView> = (0..site.branches.len())
                .map(|i| branch_view(i, code, index))
                .collect();
            p.context.insert("branches", &branches);
            p.context.insert(
                "terms",
                &doc_summaries(&site.terms, code, index, urls::term),
            );
            p
        }
        Job::Offers(n) => {
            let title = ui(index, code, "all_offers", &[]);
            let description = ui(index, code, "all_offers_description", &[]);
            let mut p = Page::new(
                "offers.html",
                "offers",
                with_page_number(index, code, title, n),
                description,
            );
            p.context
                .insert("offers", &data.cards(index.page_slice(&index.active, n)));
            p.context.insert(
                "pager",
                &index.pager(&urls::offers(code), n, index.page_count(index.active.len())),
            );
            p.context.insert("active_count", &index.active.len());
            p
        }
        Job::Offer(i) => offer_page(i, data, index),
        Job::Category(i, n) => {
            let c = &site.categories[i];
            let link = index.category_link(&c.id, code);
            let list = listed(&index.by_category, &c.id);
            let path = urls::category(code, &c.id);
            let mut p = listing(data, index, "category", &link, list, n, &path);
            p.context.insert("category", &link);
            p
        }
        Job::Destination(i, n) => {
            let d = &site.destinations[i];
            let link = index.destination_link(&d.id, code);
            let list = listed(&index.by_destination, &d.id);
            let path = urls::destination(code, &d.id);
            let mut p = listing(data, index, "destination", &link, list, n, &path);
            p.context.insert("destination", &link);
            p.context.insert("country", &index.country_of(&d.id, code));
            p
        }
        Job::Partner(i, n) => {
            let partner = &site.partners[i];
            let link = index.partner_link(&partner.id, code);
            let list = listed(&index.by_partner, &partner.id);
            let logo = partner.logo.as_deref().map(|l| ImageView::new(l, index));
            let path = urls::partner(code, &partner.id);
            let mut p = listing(data, index, "partner", &link, list, n, &path);
            p.image = logo.as_ref().map(|l| l.abs.clone());
            p.context.insert("partner", &link);
            p.context.insert("website", &safe_url(&partner.website));
            p.context.insert("logo", &logo);
            p.context.insert(
                "about",
                &partner
                    .about
                    .as_ref()
                    .and_then(|a| markdown_view(a, code, index, 3)),
            );
            p
        }
        Job::Branches => {
            let mut p = Page::new(
                "branches.html",
                "branches",
                ui(index, code, "branches", &[]),
                ui(index, code, "branches_description", &[("site", site_title)]),
            );
            let branches: Vec<BranchView> = (0..site.branches.len())
                .map(|i| branch_view(i, code, index))
                .collect();
            p.context.insert("branches", &branches);
            p
        }
        Job::Branch(i) => {
            let b = branch_view(i, code, index);
            let mut p = Page::new(
                "branch.html",
                "branch",
                b.name.text.to_string(),
                format!("{} · {}", b.address.text, b.hours.text),
            );
            p.context.insert("branch", &b);
            p
        }
        Job::Terms => {
            let mut p = Page::new(
                "terms.html",
                "terms",
                ui(index, code, "terms", &[]),
                ui(index, code, "terms_description", &[("site", site_title)]),
            );
            p.context.insert(
                "terms",
                &doc_summaries(&site.terms, code, index, urls::term),
            );
            p
        }
        Job::Term(i) => document_page("term.html", "term", &site.terms[i], code, index),
        Job::Page(i) => document_page("page.html", "page", &site.pages[i], code, index),
        Job::Search => {
            let mut p = Page::new(
                "search.html",
                "search",
                ui(index, code, "search_title", &[]),
                ui(index, code, "search_description", &[("site", site_title)]),
            );
            p.noindex = true;
            super::search::page_context(&mut p.context, data, index);
            p
        }
        Job::Kept => {
            let mut p = Page::new(
                "kept.html",
                "kept",
                ui(index, code, "kept_title", &[]),
                ui(index, code, "kept_description", &[("site", site_title)]),
            );
            p.noindex = true;
            p.context
                .insert("offers_path", &index.urls.rel(&urls::offers(code)));
            p
        }
    }
}

#[derive(Serialize)]
struct DocView<'a> {
    id: &'a str,
    title: TextView<'a>,
    summary: TextView<'a>,
    body: Option<HtmlView<'a>>,
}

fn document_page<'a>(
    template: &'static str,
    kind: &'static str,
    doc: &'a Document,
    code: &str,
    index: &Index<'a>,
) -> Page {
    let view = DocView {
        id: &doc.id,
        title: TextView::of(&doc.title, code, index),
        summary: TextView::of(&doc.summary, code, index),
        body: markdown_view(&doc.body, code, index, 2),
    };
    let mut p = Page::new(
        template,
        kind,
        view.title.text.to_string(),
        view.summary.text.to_string(),
    );
    p.og_type = "article";
    p.context.insert("doc", &view);
    p
}

/// The active offers listed under `id` (a category, destination or partner).
fn listed<'l>(lists: &'l std::collections::HashMap<&str, Vec<usize>>, id: &str) -> &'l [usize] {
    lists.get(id).map_or(&[][..], Vec::as_slice)
}

/// Page `n` of a paginated listing of active offers: a category's, a
/// destination's or a partner's (`kind` names its template and UI strings).
fn listing<'a>(
    data: &'a LangData<'a>,
    index: &Index<'a>,
    kind: &'static str,
    link: &LinkView<'a>,
    list: &[usize],
    n: usize,
    path: &str,
) -> Page {
    let code = data.lang.code.as_str();
    let name = link.name.text;
    let site_title = index.site.config.title.get(code);
    let phrase = match kind {
        "category" => index
            .site
            .category(link.id)
            .and_then(|c| c.title_phrase.local(code)),
        _ => None,
    };
    let title = match phrase {
        Some(p) => p.text.clone(),
        None => ui(index, code, &format!("{kind}_title"), &[("name", name)]),
    };
    let mut p = Page::new(
        template_of(kind),
        kind,
        with_page_number(index, code, title, n),
        ui(
            index,
            code,
            &format!("{kind}_description"),
            &[("name", name), ("site", site_title)],
        ),
    );
    p.context
        .insert("offers", &data.cards(index.page_slice(list, n)));
    p.context
        .insert("pager", &index.pager(path, n, index.page_count(list.len())));
    p.context.insert("count", &list.len());
    p
}

fn template_of(kind: &str) -> &'static str {
    match kind {
        "category" => "category.html",
        "destination" => "destination.html",
        _ => "partner.html",
    }
}

fn offer_page<'a>(i: usize, data: &'a LangData<'a>, index: &Index<'a>) -> Page {
    let site = index.site;
    let code = data.lang.code.as_str();
    let offer = &site.offers[i];
    let card = &data.cards[i];
    let status = index.status[i];
    let mut p = Page::new(
        "offer.html",
        "offer",
        card.title.text.to_string(),
        format!("{} · {}", card.discount.label, card.summary.text),
    );
    p.og_type = "article";
    p.noindex = status == Status::Ended;
    p.image = card.image.as_ref().map(|im| im.abs.clone());
    let partner = index.partners.get(offer.partner.as_str());
    let logo = partner
        .and_then(|p| p.logo.as_deref())
        .map(|l| ImageView::new(l, index));
    let terms: Vec<LinkView> = offer
        .terms
        .iter()
        .map(|t| index.term_link(t, code))
        .collect();
    // Other active offers of the same category: for an ended offer the
    // replacement the reader came for, otherwise "more like this".
    let related: Vec<&OfferCard> = index
        .related(i)
        .into_iter()
        .map(|j| &data.cards[j])
        .collect();
    p.context.insert("offer", card);
    p.context.insert(
        "body",
        &offer
            .body
            .as_ref()
            .and_then(|b| markdown_view(b, code, index, 3)),
    );
    p.context.insert("terms", &terms);
    p.context.insert("related", &related);
    p.context.insert("logo", &logo);
    p.context.insert(
        "website",
        &partner.map(|p| safe_url(&p.website)).unwrap_or_default(),
    );
    p.context
        .insert("starts", &DateView::new(offer.valid_from, code));
    let barcode = offer
        .coupon_code
        .as_deref()
        .filter(|_| status != Status::Ended)
        .and_then(|c| super::barcode::svg(c, site.config.coupon_barcode));
    p.context.insert("coupon_barcode", &barcode);
    p.context.insert(
        "jsonld",
        &json::offer_jsonld(offer, card, status, index, code),
    );
    p
}

/// A partner's website as a link target, unless it is a scripting URL (the
/// loader rejects those; this keeps a page safe regardless).
fn safe_url(url: &str) -> String {
    if markdown::is_dangerous(url) {
        String::new()
    } else {
        url.to_string()
    }
}

#[derive(Serialize)]
struct FeedEntry<'a> {
    id: &'a str,
    url: &'a str,
    title: &'a str,
    summary: String,
    category: &'a str,
    category_id: &'a str,
    /// RFC 3339, from the offer's start date.
    updated: String,
}

/// Renders `/<lang>/atom.xml`. The feed's `updated` is the newest entry's
/// start date (the build date when there are none), so the same site and
/// date give the same bytes.
pub fn render_feed(
    data: &LangData,
    index: &Index,
    engine: &Engine,
) -> Result<OutputFile, (RenderError, String)> {
    let code = data.lang.code.as_str();
    let site = index.site;
    let entries: Vec<FeedEntry> = index
        .feed_offers()
        .iter()
        .map(|&i| {
            let card = &data.cards[i];
            FeedEntry {
                id: &card.abs_url,
                url: &card.abs_url,
                title: card.title.text,
                summary: format!("{} · {}", card.discount.label, card.summary.text),
                category: card.category.name.text,
                category_id: card.category.id,
                updated: rfc3339(site.offers[i].valid_from),
            }
        })
        .collect();
    let updated = index
        .active
        .iter()
        .map(|&i| site.offers[i].valid_from)
        .max()
        .unwrap_or(site.now);
    let path = urls::feed(code);
    debug_assert_eq!(urls::file_for(&path), feed_file(code));
    let mut context = data.base.clone();
    context.insert(
        "feed",
        &serde_json::json!({
            "id": index.urls.abs(&path),
            "self": index.urls.abs(&path),
            "html": index.urls.abs(&urls::offers(code)),
            "title": site.config.title.get(code),
            "subtitle": site.config.description.get(code),
            "updated": rfc3339(updated),
        }),
    );
    context.insert("entries", &entries);
    let file = urls::file_for(&path);
    match engine.render(code, "atom.xml", &context) {
        Ok(xml) => Ok(OutputFile::bytes(file, xml)),
        Err(err) => Err((err, file)),
    }
}

fn rfc3339(date: jiff::civil::Date) -> String {
    format!("{}T00:00:00Z", super::format::iso(date))
}

#[derive(Serialize)]
struct LanguageEntry<'a> {
    code: &'a str,
    locale: &'a str,
    name: &'a str,
    url: String,
    title: &'a str,
    description: &'a str,
}

/// The language chooser at `/` and the bilingual `/404.html`: both speak
/// every language at once, so they get every language's home and titles.
pub fn render_special(
    special: Special,
    all: &[LangData],
    index: &Index,
    engine: &Engine,
) -> Result<OutputFile, (RenderError, String)> {
    let site = index.site;
    let default = &all[0];
    let languages: Vec<LanguageEntry> = all
        .iter()
        .map(|d| LanguageEntry {
            code: &d.lang.code,
            locale: &d.lang.locale,
            name: &d.lang.name,
            url: index.urls.rel(&urls::home(&d.lang.code)),
            title: site.config.title.get(&d.lang.code),
            description: site.config.description.get(&d.lang.code),
        })
        .collect();
    let path = special.path();
    let (template, kind) = match special {
        Special::Root => ("root.html", "root"),
        Special::NotFound => ("404.html", "404"),
    };
    // Titles join every language's wording, the page being all of them.
    let joined = |key: &str| -> String {
        let parts: Vec<String> = all
            .iter()
            .map(|d| match special {
                Special::Root => site.config.title.get(&d.lang.code).to_string(),
                Special::NotFound => ui(index, &d.lang.code, key, &[]),
            })
            .collect();
        dedup_join(parts)
    };
    let title = joined("not_found_title");
    let description = match special {
        Special::Root => dedup_join(
            all.iter()
                .map(|d| site.config.description.get(&d.lang.code).to_string())
                .collect(),
        ),
        Special::NotFound => joined("not_found_title"),
    };
    let alternates = match special {
        // The chooser is the x-default of the home pages' set.
        Special::Root => {
            let mut a: Vec<Alternate> = all
                .iter()
                .map(|d| Alternate {
                    hreflang: d.lang.locale.clone(),
                    href: index.urls.abs(&urls::home(&d.lang.code)),
                })
                .collect();
            a.push(Alternate {
                hreflang: "x-default".into(),
                href: index.urls.abs("/"),
            });
            a
        }
        Special::NotFound => alternates(index, |_| "/404.html".to_string()),
    };
    let meta = PageMeta {
        kind,
        title,
        description,
        url: index.urls.rel(path),
        canonical: index.urls.abs(path),
        alternates,
        translations: all[1..]
            .iter()
            .map(|d| Translation {
                code: &d.lang.code,
                locale: &d.lang.locale,
                name: &d.lang.name,
                url: index.urls.rel(&urls::home(&d.lang.code)),
            })
            .collect(),
        og_type: "website",
        image: None,
        noindex: matches!(special, Special::NotFound),
    };
    let mut context = default.base.clone();
    context.insert("page", &meta);
    context.insert("languages", &languages);
    let file = urls::file_for(path);
    match engine.render(&default.lang.code, template, &context) {
        Ok(html) => Ok(OutputFile::bytes(file, html)),
        Err(err) => Err((err, file)),
    }
}

fn dedup_join(mut parts: Vec<String>) -> String {
    let mut seen = Vec::new();
    parts.retain(|p| {
        if seen.contains(p) {
            false
        } else {
            seen.push(p.clone());
            true
        }
    });
    parts.join(" | ")
}
