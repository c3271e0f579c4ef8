//! Discounts, amounts, dates and phone numbers the way each language says
//! them. Shared by the renderer and by `content`'s messages to editors.
//!
//! Chinese and English have their own wording; any other configured language
//! gets the English number forms and ISO dates, which read correctly
//! everywhere, until someone adds its rules here.

use std::fmt::Write as _;

use jiff::civil::Date;

use crate::model::{Discount, DiscountKind, Money, Per};

const ZH_DIGITS: [&str; 10] = ["零", "一", "二", "三", "四", "五", "六", "七", "八", "九"];

fn is_zh(lang: &str) -> bool {
    lang == "zh" || lang.starts_with("zh-")
}

fn is_en(lang: &str) -> bool {
    lang == "en" || lang.starts_with("en-")
}

/// Percent off in Chinese "折" wording: the price paid, in tenths.
///
/// `percent` off means paying `100 − percent` percent: 10 → 九折 (90 %),
/// 15 → 八五折 (85 %), 50 → 五折. The trailing zero of a whole tenth is
/// dropped (八折, not 八零折). Values of 91–99 % off leave less than a tenth
/// to pay and are written the way shops write them, with a decimal:
/// 95 → 0.5折. 0 and 100 are not valid discounts (validation keeps percent
/// in 1–99); they read 不打折 and 免费 so nothing panics.
pub fn zh_percent(percent: u8) -> String {
    if percent == 0 {
        return "不打折".to_string();
    }
    if percent >= 100 {
        return "免费".to_string();
    }
    let paid = 100 - u32::from(percent);
    let (tens, ones) = ((paid / 10) as usize, (paid % 10) as usize);
    if tens == 0 {
        format!("0.{ones}折")
    } else if ones == 0 {
        format!("{}折", ZH_DIGITS[tens])
    } else {
        format!("{}{}折", ZH_DIGITS[tens], ZH_DIGITS[ones])
    }
}

/// How a currency is written: symbol before the number in English, unit
/// word after it in Chinese.
struct Currency {
    code: &'static str,
    en_symbol: &'static str,
    zh_unit: &'static str,
}

// US$ and CN¥ rather than bare $ and ¥: the readers are travellers comparing
// currencies, so the symbol must not be ambiguous.
const CURRENCIES: &[Currency] = &[
    Currency {
        code: "AUD",
        en_symbol: "A$",
        zh_unit: "澳元",
    },
    Currency {
        code: "CAD",
        en_symbol: "C$",
        zh_unit: "加元",
    },
    Currency {
        code: "CHF",
        en_symbol: "CHF ",
        zh_unit: "瑞士法郎",
    },
    Currency {
        code: "CNY",
        en_symbol: "CN¥",
        zh_unit: "元",
    },
    Currency {
        code: "EUR",
        en_symbol: "€",
        zh_unit: "欧元",
    },
    Currency {
        code: "GBP",
        en_symbol: "£",
        zh_unit: "英镑",
    },
    Currency {
        code: "HKD",
        en_symbol: "HK$",
        zh_unit: "港币",
    },
    Currency {
        code: "JPY",
        en_symbol: "¥",
        zh_unit: "日元",
    },
    Currency {
        code: "KRW",
        en_symbol: "₩",
        zh_unit: "韩元",
    },
    Currency {
        code: "MOP",
        en_symbol: "MOP$",
        zh_unit: "澳门元",
    },
    Currency {
        code: "MYR",
        en_symbol: "RM",
        zh_unit: "林吉特",
    },
    Currency {
        code: "NZD",
        en_symbol: "NZ$",
        zh_unit: "新西兰元",
    },
    Currency {
        code: "SGD",
        en_symbol: "S$",
        zh_unit: "新加坡元",
    },
    Currency {
        code: "THB",
        en_symbol: "฿",
        zh_unit: "泰铢",
    },
    Currency {
        code: "TWD",
        en_symbol: "NT$",
        zh_unit: "新台币",
    },
    Currency {
        code: "USD",
        en_symbol: "US$",
        zh_unit: "美元",
    },
];

fn currency(code: &str) -> Option<&'static Currency> {
    CURRENCIES
        .iter()
        .find(|c| c.code.eq_ignore_ascii_case(code))
}

/// A number as people write prices: no decimals when whole, else two.
fn number(value: f64, group: bool) -> String {
    let cents = (value.abs() * 100.0).round() as u64;
    let (whole, frac) = (cents / 100, cents % 100);
    let digits = whole.to_string();
    let mut out = String::new();
    if value < 0.0 && cents > 0 {
        out.push('-');
    }
    if group {
        for (i, c) in digits.chars().enumerate() {
            if i > 0 && (digits.len() - i) % 3 == 0 {
                out.push(',');
            }
            out.push(c);
        }
    } else {
        out.push_str(&digits);
    }
    if frac != 0 {
        let _ = write!(out, ".{frac:02}");
    }
    out
}

/// An amount of money: en "US$20", zh "20美元". Unknown currencies fall
/// back to their ISO code ("20 XYZ").
pub fn money(m: &Money, lang: &str) -> String {
    let known = currency(&m.currency);
    let code = m.currency.to_ascii_uppercase();
    if is_zh(lang) {
        let n = number(m.value, false);
        match known {
            Some(c) => format!("{n}{}", c.zh_unit),
            None => format!("{n} {code}"),
        }
    } else {
        let n = number(m.value, true);
        match known {
            Some(c) => format!("{}{n}", c.en_symbol),
            None => format!("{n} {code}"),
        }
    }
}

/// An amount off: en "US$20 off", zh "立减20美元".
pub fn amount(value: f64, code: &str, lang: &str) -> String {
    let m = Money {
        value,
        currency: code.to_string(),
    };
    discount(&Discount::plain(DiscountKind::Amount(m)), lang)
}

fn zh_per(per: Per) -> &'static str {
    match per {
        Per::Night => "每晚",
        Per::Ticket => "每张门票",
        Per::Person => "每人",
    }
}

fn en_per(per: Per) -> &'static str {
    match per {
        Per::Night => "per night",
        Per::Ticket => "per ticket",
        Per::Person => "per person",
    }
}

/// The discount's label in `lang`, conditions included: "九折",
/// "满100美元享九折", "10% off US$100", "立减20美元", "满200美元减20美元",
/// "US$20 off US$200", "每晚立减30美元", "US$30 off per night", or the
/// editor's own text.
pub fn discount(discount: &Discount, lang: &str) -> String {
    let spend = discount.min_spend.as_ref().map(|m| money(m, lang));
    let zh = is_zh(lang);
    match &discount.kind {
        DiscountKind::Text(text) => text.get(lang).to_string(),
        DiscountKind::Percent(p) if zh => match spend {
            Some(s) => format!("满{s}享{}", zh_percent(*p)),
            None => zh_percent(*p),
        },
        DiscountKind::Percent(p) => match spend {
            Some(s) => format!("{p}% off {s}"),
            None => format!("{p}% off"),
        },
        DiscountKind::Amount(m) if zh => {
            let a = money(m, lang);
            let per = discount.per.map_or("", zh_per);
            match spend {
                Some(s) => format!("{per}满{s}减{a}"),
                None => format!("{per}立减{a}"),
            }
        }
        DiscountKind::Amount(m) => {
            let mut out = format!("{} off", money(m, lang));
            if let Some(s) = spend {
                out.push(' ');
                out.push_str(&s);
            }
            if let Some(per) = discount.per {
                out.push(' ');
                out.push_str(en_per(per));
            }
            out
        }
    }
}

const EN_MONTHS: [&str; 12] = [
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
];

/// A date as a reader of `lang` writes it: zh "2014年10月1日", en
/// "Oct 1, 2014", others ISO "2014-10-01".
pub fn date(date: Date, lang: &str) -> String {
    let (y, m, d) = (date.year(), date.month(), date.day());
    if is_zh(lang) {
        format!("{y}年{m}月{d}日")
    } else if is_en(lang) {
        format!("{} {d}, {y}", EN_MONTHS[(m - 1) as usize])
    } else {
        iso(date)
    }
}

/// `YYYY-MM-DD`, for machines (JSON, JSON-LD, `<time datetime>`).
pub fn iso(date: Date) -> String {
    format!("{:04}-{:02}-{:02}", date.year(), date.month(), date.day())
}

/// A phone number written in international form (`+86 25 0000 0000`) as a
/// reader of `lang` dials it: Chinese readers at home dial a mainland
/// number with the trunk 0 and a hyphen after the area code
/// (`025-0000 0000`); everyone else gets the international form.
pub fn phone(international: &str, lang: &str) -> String {
    let trimmed = international.trim();
    if is_zh(lang)
        && let Some(rest) = trimmed.strip_prefix("+86 ")
        && let Some((area, number)) = rest.trim().split_once(' ')
        && !area.is_empty()
        && area.chars().all(|c| c.is_ascii_digit())
    {
        // Mobile numbers (13x, 15x, …) take no trunk prefix; Beijing's
        // area code 10 does.
        return if area.len() == 3 && area.starts_with('1') {
            format!("{area} {}", number.trim())
        } else {
            format!("0{area}-{}", number.trim())
        };
    }
    trimmed.to_string()
}

/// A `tel:` link target in E.164: `+` and digits only.
pub fn tel(international: &str) -> String {
    let digits: String = international.chars().filter(char::is_ascii_digit).collect();
    if international.trim_start().starts_with('+') {
        format!("+{digits}")
    } else {
        digits
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{LocalText, Text};
    use jiff::civil::date as d;

    #[test]
    fn zh_percent_examples_from_the_contract() {
        assert_eq!(zh_percent(10), "九折");
        assert_eq!(zh_percent(15), "八五折");
        assert_eq!(zh_percent(25), "七五折");
        assert_eq!(zh_percent(30), "七折");
        assert_eq!(zh_percent(20), "八折");
        assert_eq!(zh_percent(5), "九五折");
        assert_eq!(zh_percent(50), "五折");
        assert_eq!(zh_percent(90), "一折");
        assert_eq!(zh_percent(1), "九九折");
        assert_eq!(zh_percent(9), "九一折");
        assert_eq!(zh_percent(95), "0.5折");
        assert_eq!(zh_percent(99), "0.1折");
        assert_eq!(zh_percent(91), "0.9折");
    }

    #[test]
    fn zh_percent_is_well_formed_for_every_valid_value() {
        for p in 1..=99u8 {
            let s = zh_percent(p);
            assert!(s.ends_with('折'), "{p}: {s}");
            assert!(!s.contains('零'), "{p}: {s}");
            let paid = 100 - u32::from(p);
            let digits: String = s
                .trim_end_matches('折')
                .chars()
                .map(|c| match ZH_DIGITS.iter().position(|z| z.starts_with(c)) {
                    Some(i) => char::from_digit(i as u32, 10).unwrap(),
                    None => c,
                })
                .collect();
            // Read back: "85" → 85, "8" → 80, "0.5" → 5.
            let back: u32 = if let Some(rest) = digits.strip_prefix("0.") {
                rest.parse().unwrap()
            } else if digits.len() == 1 {
                digits.parse::<u32>().unwrap() * 10
            } else {
                digits.parse().unwrap()
            };
            assert_eq!(back, paid, "{p}: {s}");
        }
    }

    #[test]
    fn percent_labels_per_language() {
        assert_eq!(discount(&Discount::percent(10), "en"), "10% off");
        assert_eq!(discount(&Discount::percent(10), "zh"), "九折");
        assert_eq!(discount(&Discount::percent(25), "zh"), "七五折");
    }

    #[test]
    fn amounts_per_language() {
        assert_eq!(amount(20.0, "USD", "en"), "US$20 off");
        assert_eq!(amount(20.0, "USD", "zh"), "立减20美元");
        assert_eq!(amount(12.5, "EUR", "en"), "€12.50 off");
        assert_eq!(amount(12.5, "EUR", "zh"), "立减12.50欧元");
        assert_eq!(amount(5000.0, "JPY", "en"), "¥5,000 off");
        assert_eq!(amount(5000.0, "JPY", "zh"), "立减5000日元");
        assert_eq!(amount(100.0, "HKD", "zh"), "立减100港币");
        assert_eq!(amount(100.0, "gbp", "en"), "£100 off");
        assert_eq!(amount(1234567.0, "USD", "en"), "US$1,234,567 off");
        assert_eq!(amount(30.0, "XYZ", "en"), "30 XYZ off");
        assert_eq!(amount(30.0, "XYZ", "zh"), "立减30 XYZ");
    }

    #[test]
    fn text_discounts_use_the_editors_words() {
        let mut t = Text::default();
        for (l, s) in [("zh", "赠送礼品"), ("en", "Free gift")] {
            t.0.insert(
                l.into(),
                LocalText {
                    text: s.into(),
                    lang: l.into(),
                    fallback: false,
                },
            );
        }
        assert_eq!(
            discount(&Discount::plain(DiscountKind::Text(t.clone())), "zh"),
            "赠送礼品"
        );
        assert_eq!(
            discount(&Discount::plain(DiscountKind::Text(t)), "en"),
            "Free gift"
        );
    }

    fn usd(value: f64) -> Money {
        Money {
            value,
            currency: "USD".into(),
        }
    }

    /// The contract's examples of conditions, in both languages.
    #[test]
    fn conditions_are_part_of_the_label() {
        let mut spend = Discount::amount(20.0, "USD");
        spend.min_spend = Some(usd(200.0));
        assert_eq!(discount(&spend, "zh"), "满200美元减20美元");
        assert_eq!(discount(&spend, "en"), "US$20 off US$200");

        let mut night = Discount::amount(30.0, "USD");
        night.per = Some(Per::Night);
        assert_eq!(discount(&night, "zh"), "每晚立减30美元");
        assert_eq!(discount(&night, "en"), "US$30 off per night");

        let mut ticket = Discount::amount(20.0, "USD");
        ticket.per = Some(Per::Ticket);
        assert_eq!(discount(&ticket, "zh"), "每张门票立减20美元");
        assert_eq!(discount(&ticket, "en"), "US$20 off per ticket");

        let mut person = Discount::amount(15.0, "EUR");
        person.per = Some(Per::Person);
        assert_eq!(discount(&person, "zh"), "每人立减15欧元");
        assert_eq!(discount(&person, "en"), "€15 off per person");

        let mut percent = Discount::percent(10);
        percent.min_spend = Some(usd(100.0));
        assert_eq!(discount(&percent, "zh"), "满100美元享九折");
        assert_eq!(discount(&percent, "en"), "10% off US$100");

        let mut both = Discount::amount(30.0, "USD");
        both.min_spend = Some(usd(200.0));
        both.per = Some(Per::Night);
        assert_eq!(discount(&both, "zh"), "每晚满200美元减30美元");
        assert_eq!(discount(&both, "en"), "US$30 off US$200 per night");
    }

    #[test]
    fn phones_per_language() {
        assert_eq!(phone("+86 25 0000 0000", "zh"), "025-0000 0000");
        assert_eq!(phone("+86 773 000 0000", "zh"), "0773-000 0000");
        assert_eq!(phone("+86 138 0000 0000", "zh"), "138 0000 0000");
        assert_eq!(phone("+86 10 0000 0000", "zh"), "010-0000 0000");
        assert_eq!(phone("+86 25 0000 0000", "en"), "+86 25 0000 0000");
        assert_eq!(phone("+1 212 000 0000", "zh"), "+1 212 000 0000");
        assert_eq!(tel("+86 25 0000 0000"), "+862500000000");
        assert_eq!(tel("+86 (25) 0000-0000"), "+862500000000");
    }

    #[test]
    fn dates_per_language() {
        assert_eq!(date(d(2014, 10, 1), "zh"), "2014年10月1日");
        assert_eq!(date(d(2014, 10, 1), "en"), "Oct 1, 2014");
        assert_eq!(date(d(2015, 3, 31), "en"), "Mar 31, 2015");
        assert_eq!(date(d(2015, 12, 25), "zh"), "2015年12月25日");
        assert_eq!(date(d(2015, 1, 5), "fr"), "2015-01-05");
        assert_eq!(iso(d(2015, 1, 5)), "2015-01-05");
    }
}
