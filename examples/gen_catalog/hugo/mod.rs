//! The Hugo twin: the same pages in both languages at the same URLs, with
//! markup like offersite's default theme, so the benchmarks compare like
//! with like.

mod templates;

use std::fmt::Write as _;
use std::fs;
use std::path::Path;

use crate::catalog::{Offer, Partner, lower};
use crate::data::{BRANCHES, CATEGORIES, DESTINATIONS, STREETS, TERMS};
use crate::dates::iso;
use crate::offersite_site::{SITE_TITLE, about_body, term_body};
use crate::yaml::{q, write};
use templates::FILES;

/// A Hugo content file: YAML front matter then a Markdown body.
pub fn hugo_page(path: &Path, front: &str, body: &str) -> std::io::Result<()> {
    let mut s = String::with_capacity(front.len() + body.len() + 16);
    s.push_str("---\n");
    s.push_str(front);
    s.push_str("---\n");
    s.push_str(body);
    write(path, &s)
}

pub fn write_hugo(dir: &Path, partners: &[Partner], offers: &[Offer]) -> std::io::Result<()> {
    for (path, text) in FILES {
        let path = dir.join(path);
        fs::create_dir_all(path.parent().expect("a file in a directory"))?;
        write(&path, text)?;
    }
    let c = dir.join("content");
    for sub in [
        "offers",
        "branches",
        "terms",
        "categories",
        "destinations",
        "partners",
    ] {
        fs::create_dir_all(c.join(sub))?;
    }
    write_pages(&c, partners)?;
    write_offers(&c, partners, offers)
}

/// Home, sections, taxonomy terms, branches, partners, terms and the
/// about page, in both languages.
fn write_pages(c: &Path, partners: &[Partner]) -> std::io::Result<()> {
    let langs = ["zh", "en"];
    for (k, lang) in langs.iter().enumerate() {
        let pick = |zh: &str, en: &str| {
            if k == 0 {
                zh.to_string()
            } else {
                en.to_string()
            }
        };
        hugo_page(
            &c.join(format!("_index.{lang}.md")),
            &format!("title: {}\n", q(&pick(SITE_TITLE.0, SITE_TITLE.1))),
            "",
        )?;
        for (sec, zh, en) in [
            ("offers", "全部优惠", "All offers"),
            ("branches", "门店", "Branches"),
            ("terms", "服务条款", "Service terms"),
        ] {
            hugo_page(
                &c.join(sec).join(format!("_index.{lang}.md")),
                &format!("title: {}\n", q(&pick(zh, en))),
                "",
            )?;
        }
        hugo_page(
            &c.join(format!("about.{lang}.md")),
            &format!(
                "title: {}\ndescription: {}\nweight: 10\n",
                q(&pick("关于我们", "About")),
                q(&pick(
                    "全球旅行卡海外优惠简介。",
                    "About the Global Travel Card overseas offers."
                ))
            ),
            &about_body(lang),
        )?;
        for (t, (id, zh, en, szh, sen, weight)) in TERMS.iter().enumerate() {
            hugo_page(
                &c.join("terms").join(format!("{id}.{lang}.md")),
                &format!(
                    "title: {}\ndescription: {}\nweight: {weight}\n",
                    q(&pick(zh, en)),
                    q(&pick(szh, sen))
                ),
                &term_body(t, lang),
            )?;
        }
        for cat in &CATEGORIES {
            let d = c.join("categories").join(cat.id);
            fs::create_dir_all(&d)?;
            hugo_page(
                &d.join(format!("_index.{lang}.md")),
                &format!("title: {}\n", q(&pick(cat.zh, cat.en))),
                "",
            )?;
        }
        for (id, zh, en, country) in DESTINATIONS {
            let d = c.join("destinations").join(id);
            fs::create_dir_all(&d)?;
            hugo_page(
                &d.join(format!("_index.{lang}.md")),
                &format!("title: {}\ncountry: {country}\n", q(&pick(zh, en))),
                "",
            )?;
        }
        for p in partners {
            let d = c.join("partners").join(&p.id);
            fs::create_dir_all(&d)?;
            let cat = &CATEGORIES[p.category];
            let about = pick(
                &format!(
                    "{}是全球旅行卡在海外的{}合作商户，持卡人在其门店消费可享专属优惠。\n",
                    p.zh, cat.zh
                ),
                &format!(
                    "{} is a Global Travel Card {} partner overseas: cardholders get exclusive offers in its stores.\n",
                    p.en,
                    lower(cat.en)
                ),
            );
            hugo_page(
                &d.join(format!("_index.{lang}.md")),
                &format!(
                    "title: {}\nwebsite: {}\n",
                    q(&pick(&p.zh, &p.en)),
                    p.website
                ),
                &about,
            )?;
        }
        for (i, b) in BRANCHES.iter().enumerate() {
            let (id, czh, cen, pzh, pen, dzh, den, area) = *b;
            let (stzh, sten) = STREETS[i % STREETS.len()];
            let no = 18 + i * 7;
            let phone = if area.len() == 2 {
                format!("+86 {area} 8{:03} {:04}", 100 + i * 37, 1000 + i * 411)
            } else {
                format!("+86 {area} 8{:03} {:04}", 200 + i * 29, 2000 + i * 307)
            };
            hugo_page(
                &c.join("branches").join(format!("{id}.{lang}.md")),
                &format!(
                    "title: {}\ncity: {}\nprovince: {}\naddress: {}\nhours: {}\nphone: {}\nweight: {}\n",
                    q(&pick(
                        &format!("全球旅行{czh}分社"),
                        &format!("Global Travel {cen} Branch")
                    )),
                    q(&pick(czh, cen)),
                    q(&pick(pzh, pen)),
                    q(&pick(
                        &format!("{czh}市{dzh}{stzh}{no}号"),
                        &format!("{no} {sten}, {den}, {cen}")
                    )),
                    q(&pick(
                        "周一至周五 9:00–18:00，周六 10:00–16:00",
                        "Mon–Fri 9:00–18:00, Sat 10:00–16:00"
                    )),
                    q(&phone),
                    i + 1
                ),
                "",
            )?;
        }
    }
    Ok(())
}

/// An offer page per language.
fn write_offers(c: &Path, partners: &[Partner], offers: &[Offer]) -> std::io::Result<()> {
    let langs = ["zh", "en"];
    let mut front = String::with_capacity(2048);
    for o in offers {
        for (k, lang) in langs.iter().enumerate() {
            front.clear();
            let (title, summary, body) = if k == 0 {
                (&o.title.0, &o.summary.0, &o.body.0)
            } else {
                (&o.title.1, &o.summary.1, &o.body.1)
            };
            let dests: Vec<&str> = o.destinations.iter().map(|&d| DESTINATIONS[d].0).collect();
            let _ = write!(
                front,
                "title: {}\ndescription: {}\ndate: {}\ncategories: [{}]\ndestinations: [{}]\npartners: [{}]\nstatus: {}\nvalid_from: \"{}\"\nvalid_until: \"{}\"\n",
                q(title),
                q(summary),
                iso(o.valid_from),
                CATEGORIES[o.category].id,
                dests.join(", "),
                partners[o.partner].id,
                o.status.as_str(),
                iso(o.valid_from),
                iso(o.valid_until),
            );
            front.push_str(&o.discount.yaml());
            // The badge as offersite words it: the twin formats nothing itself.
            let _ = writeln!(front, "badge: {}", q(&o.discount.label(lang)));
            if let Some(code) = &o.coupon {
                let _ = writeln!(front, "coupon_code: {code}");
            }
            if !o.terms.is_empty() {
                let ids: Vec<&str> = o.terms.iter().map(|&t| TERMS[t].0).collect();
                let _ = writeln!(front, "terms: [{}]", ids.join(", "));
            }
            if o.featured {
                front.push_str("featured: true\n");
            }
            hugo_page(
                &c.join("offers").join(format!("{}.{lang}.md", o.id)),
                &front,
                body,
            )?;
        }
    }
    Ok(())
}
