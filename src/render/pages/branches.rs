//! The service branches: their view, the list page and each branch's page.

use serde::Serialize;

use super::context::{Page, ui};
use super::kind::Kind;
use crate::render::index::Index;
use crate::render::view::TextView;
use crate::urls;

#[derive(Serialize)]
pub struct BranchView<'a> {
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

/// Every branch, in the site's order (the home page lists them too).
pub fn all<'a>(lang: &str, index: &Index<'a>) -> Vec<BranchView<'a>> {
    (0..index.site.branches.len())
        .map(|i| branch_view(i, lang, index))
        .collect()
}

/// `/<lang>/branches/`.
pub fn list_page(lang: &str, index: &Index) -> Page {
    let mut p = Page::worded(
        Kind::Branches,
        "branches",
        "branches_description",
        lang,
        index,
    );
    p.context.insert("branches", &all(lang, index));
    p
}

/// `/<lang>/branches/<id>/`.
pub fn page(i: usize, lang: &str, index: &Index) -> Page {
    let b = branch_view(i, lang, index);
    let mut p = Page::new(
        Kind::Branch,
        b.name.text.to_string(),
        format!("{} · {}", b.address.text, b.hours.text),
    );
    p.context.insert("branch", &b);
    p
}
