//! The shipped catalog reads as native readers expect (#11): no country
//! code shown as a name, no municipality named twice, no spaced Latin dash
//! between Chinese dates, no "Theme parks offers"; and every offer uses the
//! discount condition and the way to redeem that its own body describes.

mod support;

use offersite::model::{DiscountKind, Per, Redeem};
use support::{Files, shipped};

/// Every HTML page's visible text (tags dropped), by path.
fn pages(files: &Files) -> Vec<(String, String)> {
    files
        .iter()
        .filter(|(p, _)| p.ends_with(".html"))
        .map(|(p, bytes)| {
            let doc = scraper::Html::parse_document(std::str::from_utf8(bytes).unwrap());
            let body = support::texts(&doc, "body").join(" ");
            (p.clone(), body)
        })
        .collect()
}

#[test]
fn no_page_shows_what_a_native_reader_would_stumble_on() {
    let site = shipped();
    let files = support::render(&site);
    let pages = pages(&files);
    assert!(pages.len() > 100);
    let codes: Vec<&str> = site
        .destinations
        .iter()
        .map(|d| d.country.as_str())
        .collect();
    for (path, text) in &pages {
        // A country code shown where its name belongs.
        for code in &codes {
            for shown in [format!("· {code}"), format!("{code} ·")] {
                assert!(!text.contains(&shown), "{path} shows {shown:?}");
            }
        }
        // Municipalities named twice.
        for b in &site.branches {
            for lang in ["zh", "en"] {
                let city = b.city.get(lang);
                for doubled in [
                    format!("{city}, {city}"),
                    format!("{city}、{city}"),
                    format!("{city}（{city}市）"),
                    format!("{city}（{city}）"),
                ] {
                    assert!(!text.contains(&doubled), "{path} shows {doubled:?}");
                }
            }
        }
        // A spaced Latin dash between Chinese dates.
        let chars: Vec<char> = text.chars().collect();
        for (i, w) in chars.windows(3).enumerate() {
            if w[0] == '日' && w[1] == ' ' && matches!(w[2], '–' | '-' | '—') {
                let around: String = chars[i.saturating_sub(12)..(i + 16).min(chars.len())]
                    .iter()
                    .collect();
                panic!("{path} joins Chinese dates with a dash: {around}");
            }
        }
        for wrong in [
            "Theme parks offers",
            "Hotels offers",
            "More offers in Theme parks",
        ] {
            assert!(!text.contains(wrong), "{path} says {wrong:?}");
        }
    }
    // The destination pages name the country.
    let ny = &pages
        .iter()
        .find(|(p, _)| p == "zh/destinations/new-york/index.html")
        .unwrap()
        .1;
    assert!(ny.contains("美国"));
}

/// What the body of an offer says the tourist does, and the condition it
/// states, must be what the offer's fields say.
#[test]
fn offers_use_the_condition_and_redeem_method_their_bodies_describe() {
    let site = shipped();
    let mut seen_spend = 0;
    let mut seen_per = 0;
    for o in &site.offers {
        let body = o.body.as_ref().map_or("", |b| b.get("zh"));
        let title = o.title.get("zh");
        let redeem = if body.contains("售票窗口") {
            Redeem::TicketOffice
        } else if body.contains("预订") {
            Redeem::Booking
        } else {
            Redeem::Till
        };
        assert_eq!(o.redeem, redeem, "{}: the body says {redeem:?}", o.id);
        if matches!(o.discount.kind, DiscountKind::Text(_)) {
            continue;
        }
        let says_spend = title.contains('满') || body.contains("单笔消费满");
        assert_eq!(
            o.discount.min_spend.is_some(),
            says_spend,
            "{}: min_spend and the wording disagree",
            o.id
        );
        seen_spend += usize::from(says_spend);
        let per = if title.contains("每晚") {
            Some(Per::Night)
        } else if title.contains("每张") {
            Some(Per::Ticket)
        } else if title.contains("每人") {
            Some(Per::Person)
        } else {
            None
        };
        assert_eq!(o.discount.per, per, "{}: per and the title disagree", o.id);
        seen_per += usize::from(per.is_some());
    }
    assert!(seen_spend >= 2 && seen_per >= 3, "{seen_spend} {seen_per}");
}

#[test]
fn the_ended_offer_reads_as_over_and_has_no_live_code() {
    let site = shipped();
    let now = site.now;
    let ended: Vec<_> = site
        .offers
        .iter()
        .filter(|o| o.status(now) == offersite::model::Status::Ended)
        .collect();
    assert!(!ended.is_empty());
    for o in ended {
        assert_eq!(o.coupon_code, None, "{}", o.id);
        let body = o.body.as_ref().unwrap();
        assert!(
            !body.get("zh").contains('`'),
            "{}: a code in the body",
            o.id
        );
        assert!(
            !body.get("en").contains('`'),
            "{}: a code in the body",
            o.id
        );
        assert!(body.get("zh").contains("结束"));
        assert!(body.get("en").contains("ended"));
    }
}
