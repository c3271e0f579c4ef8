//! The offersite content: `DIR/content/` with site.yaml, taxonomies,
//! partners, terms, the about page and the offers.

use std::fmt::Write as _;
use std::fs;
use std::path::Path;

use crate::catalog::{Offer, Partner, lower};
use crate::data::{BRANCHES, CATEGORIES, DESTINATIONS, STREETS, TERMS};
use crate::dates::iso;
use crate::yaml::{block, q, write};

pub const SITE_TITLE: (&str, &str) = ("全球旅行卡海外优惠", "Global Travel Card Overseas Offers");
pub const SITE_DESC: (&str, &str) = (
    "全球旅行卡持卡人在海外商户享受的折扣与礼遇，涵盖购物、餐饮、酒店与景点。",
    "Discounts and perks for Global Travel Card holders at overseas partners: shopping, dining, hotels and attractions.",
);

pub fn about_body(lang: &str) -> String {
    if lang == "zh" {
        "全球旅行卡是与手机支付应用绑定的旅行支付卡。本站汇集持卡人在海外商户享受的各类优惠。\n\n\
         - [浏览全部优惠](/zh/offers/)\n- [查找我们的门店](/zh/branches/)\n- [阅读服务条款](/zh/terms/)\n\n\
         如有疑问，请致电卡背面的客服电话，我们提供全天候中文服务。\n"
            .to_string()
    } else {
        "The Global Travel Card is a travel payment card linked to a mobile-payment app. This site lists \
         the offers cardholders enjoy at overseas partners.\n\n\
         - [Browse all offers](/en/offers/)\n- [Find a branch](/en/branches/)\n- [Read the service terms](/en/terms/)\n\n\
         Questions? Call the number on the back of your card for help around the clock.\n"
            .to_string()
    }
}

pub fn term_body(t: usize, lang: &str) -> String {
    let (id, zh, en, szh, sen, _) = TERMS[t];
    let _ = id;
    if lang == "zh" {
        format!(
            "## {zh}\n\n{szh}\n\n\
             - 适用于所有通过全球旅行卡完成的海外消费。\n- 具体以交易当日的应用内公告为准。\n- 如有争议，请在交易后60天内联系客服。\n\n\
             本条款与[优惠券使用规则](/zh/terms/coupon-rules/)共同适用。返回[全部优惠](/zh/offers/)。\n"
        )
    } else {
        format!(
            "## {en}\n\n{sen}\n\n\
             - Applies to every overseas payment made with the Global Travel Card.\n- The notice in the app on the day of payment prevails.\n- Raise any dispute within 60 days of the payment.\n\n\
             These terms apply together with the [coupon rules](/en/terms/coupon-rules/). Back to [all offers](/en/offers/).\n"
        )
    }
}

pub fn write_offersite(dir: &Path, partners: &[Partner], offers: &[Offer]) -> std::io::Result<()> {
    let c = dir.join("content");
    for sub in ["partners", "offers", "terms", "pages"] {
        fs::create_dir_all(c.join(sub))?;
    }

    write(
        &c.join("site.yaml"),
        &format!(
            "base_url: https://offers.example.com\n\
             languages:\n  - {{code: zh, locale: zh-Hans, name: 中文}}\n  - {{code: en, locale: en, name: English}}\n\
             title: {{zh: {}, en: {}}}\n\
             description: {{zh: {}, en: {}}}\n\
             page_size: 24\n",
            q(SITE_TITLE.0),
            q(SITE_TITLE.1),
            q(SITE_DESC.0),
            q(SITE_DESC.1)
        ),
    )?;

    write_places(&c)?;
    write_partners(&c, partners)?;
    write_documents(&c)?;
    let mut s = String::with_capacity(8192);
    for o in offers {
        s.clear();
        let _ = write!(
            s,
            "partner: {}\ncategory: {}\ntitle:\n  zh: {}\n  en: {}\nsummary:\n  zh: {}\n  en: {}\nbody:\n  zh: ",
            partners[o.partner].id,
            CATEGORIES[o.category].id,
            q(&o.title.0),
            q(&o.title.1),
            q(&o.summary.0),
            q(&o.summary.1),
        );
        block(&mut s, 4, &o.body.0);
        s.push_str("  en: ");
        block(&mut s, 4, &o.body.1);
        s.push_str(&o.discount.yaml());
        if let Some(code) = &o.coupon {
            let _ = writeln!(s, "coupon_code: {code}");
        }
        let _ = writeln!(
            s,
            "valid_from: {}\nvalid_until: {}",
            iso(o.valid_from),
            iso(o.valid_until)
        );
        let ids: Vec<&str> = o.destinations.iter().map(|&d| DESTINATIONS[d].0).collect();
        let _ = writeln!(s, "destinations: [{}]", ids.join(", "));
        if !o.terms.is_empty() {
            let ids: Vec<&str> = o.terms.iter().map(|&t| TERMS[t].0).collect();
            let _ = writeln!(s, "terms: [{}]", ids.join(", "));
        }
        if o.featured {
            s.push_str("featured: true\n");
        }
        write(&c.join("offers").join(format!("{}.yaml", o.id)), &s)?;
    }
    Ok(())
}

/// Categories, destinations and branches: the site's fixed lists.
fn write_places(c: &Path) -> std::io::Result<()> {
    let mut s = String::new();
    for cat in &CATEGORIES {
        let _ = writeln!(
            s,
            "- {{id: {}, name: {{zh: {}, en: {}}}}}",
            cat.id,
            q(cat.zh),
            q(cat.en)
        );
    }
    write(&c.join("categories.yaml"), &s)?;

    s.clear();
    for (id, zh, en, country) in DESTINATIONS {
        let _ = writeln!(
            s,
            "- {{id: {id}, name: {{zh: {}, en: {}}}, country: {country}}}",
            q(zh),
            q(en)
        );
    }
    write(&c.join("destinations.yaml"), &s)?;

    s.clear();
    for (i, b) in BRANCHES.iter().enumerate() {
        let (id, czh, cen, pzh, pen, dzh, den, area) = *b;
        let (stzh, sten) = STREETS[i % STREETS.len()];
        let no = 18 + i * 7;
        let _ = write!(
            s,
            "- id: {id}\n  city: {{zh: {}, en: {}}}\n  province: {{zh: {}, en: {}}}\n  name: {{zh: {}, en: {}}}\n  address: {{zh: {}, en: {}}}\n  hours: {{zh: {}, en: {}}}\n  phone: \"+86 {area} {}\"\n",
            q(czh),
            q(cen),
            q(pzh),
            q(pen),
            q(&format!("全球旅行{czh}分社")),
            q(&format!("Global Travel {cen} Branch")),
            q(&format!("{czh}市{dzh}{stzh}{no}号")),
            q(&format!("{no} {sten}, {den}, {cen}")),
            q("周一至周五 9:00–18:00，周六 10:00–16:00"),
            q("Mon–Fri 9:00–18:00, Sat 10:00–16:00"),
            if area.len() == 2 {
                format!("8{:03} {:04}", 100 + i * 37, 1000 + i * 411)
            } else {
                format!("8{:03} {:04}", 200 + i * 29, 2000 + i * 307)
            },
        );
    }
    write(&c.join("branches.yaml"), &s)?;
    Ok(())
}

fn write_partners(c: &Path, partners: &[Partner]) -> std::io::Result<()> {
    for p in partners {
        let cat = &CATEGORIES[p.category];
        let text = format!(
            "name: {{zh: {}, en: {}}}\nwebsite: {}\nabout:\n  zh: {}\n  en: {}\n",
            q(&p.zh),
            q(&p.en),
            p.website,
            q(&format!(
                "{}是全球旅行卡在海外的{}合作商户，持卡人在其门店消费可享专属优惠。",
                p.zh, cat.zh
            )),
            q(&format!(
                "{} is a Global Travel Card {} partner overseas: cardholders get exclusive offers in its stores.",
                p.en,
                lower(cat.en)
            )),
        );
        write(&c.join("partners").join(format!("{}.yaml", p.id)), &text)?;
    }
    Ok(())
}

/// The service terms and the about page, a Markdown file per language.
fn write_documents(c: &Path) -> std::io::Result<()> {
    for (t, (id, zh, en, szh, sen, weight)) in TERMS.iter().enumerate() {
        for (lang, title, summary) in [("zh", zh, szh), ("en", en, sen)] {
            let text = format!(
                "---\ntitle: {}\nsummary: {}\nweight: {weight}\n---\n{}",
                q(title),
                q(summary),
                term_body(t, lang)
            );
            write(&c.join("terms").join(format!("{id}.{lang}.md")), &text)?;
        }
    }
    for (lang, title, summary) in [
        ("zh", "关于我们", "全球旅行卡海外优惠简介。"),
        (
            "en",
            "About",
            "About the Global Travel Card overseas offers.",
        ),
    ] {
        let text = format!(
            "---\ntitle: {}\nsummary: {}\nweight: 10\n---\n{}",
            q(title),
            q(summary),
            about_body(lang)
        );
        write(&c.join("pages").join(format!("about.{lang}.md")), &text)?;
    }
    Ok(())
}
