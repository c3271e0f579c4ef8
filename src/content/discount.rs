//! Reading an offer's `discount` (its kind and its conditions) and checking
//! it against the 折 and "% off" wording of the offer's own title and
//! summary: a `percent: 85` under a title that says 八五折 is the costliest
//! slip an editor can make, since the site would publish 一五折.

use serde_yaml::Value;

use crate::diagnostics::did_you_mean;
use crate::format;
use crate::model::{Discount, DiscountKind, Money, Per, Text};

use super::codes;
use super::fields::{Languages, Record, kind_of, read_text};
use super::problem::{Loc, Problem};
use super::shapes;
use super::yaml::YamlPath;

/// How the editor wrote a percent discount, to echo it back in messages.
#[derive(Debug, Clone, PartialEq)]
enum Written {
    Percent,
    /// 折 as written, e.g. `8.5`.
    Zhe(String),
}

/// A discount as read, with where its percent (if any) was written.
#[derive(Debug, Clone)]
pub struct ReadDiscount {
    pub discount: Discount,
    percent_at: Option<(Written, YamlPath)>,
}

const ONE_KIND_HINT: &str = "write exactly one of `{percent: 10}`, `{zhe: 9}`, `{amount: {value: 20, currency: USD}}` or `{text: {zh: …, en: …}}`";

/// Read the `discount` mapping at `path`.
pub fn read(
    value: &Value,
    path: YamlPath,
    langs: &Languages,
    problems: &mut Vec<Problem>,
) -> Option<ReadDiscount> {
    let mut r = Record::open(
        value,
        path.clone(),
        "a discount",
        shapes::discount_fields(),
        problems,
    )?;
    let present: Vec<&str> = shapes::DISCOUNT_KINDS
        .iter()
        .copied()
        .filter(|k| r.has(k))
        .collect();
    let kind = match present.as_slice() {
        [one] => *one,
        [] => {
            r.problems.push(
                Problem::error(Loc::Yaml(path), "the discount has no kind").hint(ONE_KIND_HINT),
            );
            return None;
        }
        several => {
            let hint = if several == ["percent", "zhe"] {
                "`zhe` is another way to write `percent` (`zhe: 8.5` is `percent: 15`): keep one of them"
            } else {
                "keep one of `percent`, `zhe`, `amount` or `text`"
            };
            r.problems.push(
                Problem::error(
                    Loc::Yaml(path),
                    format!(
                        "the discount has {} kinds ({}); it must have one",
                        several.len(),
                        several.join(", ")
                    ),
                )
                .hint(hint),
            );
            return None;
        }
    };
    let mut percent_at = None;
    let read_kind = match kind {
        "percent" => percent(&mut r).map(|p| {
            percent_at = Some((Written::Percent, r.at("percent")));
            DiscountKind::Percent(p)
        }),
        "zhe" => zhe(&mut r).map(|(p, written)| {
            percent_at = Some((Written::Zhe(written), r.at("zhe")));
            DiscountKind::Percent(p)
        }),
        "amount" => {
            let at = r.at("amount");
            money(r.get("amount")?, at, "an amount", "taken off", r.problems)
                .map(DiscountKind::Amount)
        }
        _ => {
            let at = r.at("text");
            read_text(
                r.get("text")?,
                &at,
                "discount text",
                true,
                langs,
                r.problems,
            )
            .map(DiscountKind::Text)
        }
    };
    let min_spend = match r.get("min_spend") {
        Some(v) => {
            let at = r.at("min_spend");
            if kind == "text" {
                r.problems.push(
                    Problem::error(Loc::Yaml(at.at_key()), "a text discount cannot have `min_spend`")
                        .hint("say the condition in the text itself, or use `percent` or `amount` with `min_spend`"),
                );
                return None;
            }
            Some(money(v, at, "the minimum spend", "to spend", r.problems)?)
        }
        None => None,
    };
    let per = match r.get("per") {
        Some(v) => {
            let at = r.at("per");
            if kind != "amount" {
                r.problems.push(
                    Problem::error(
                        Loc::Yaml(at.at_key()),
                        format!("`per` applies only to an amount discount, not to `{kind}`"),
                    )
                    .hint("remove `per`, or take a fixed amount off each night, ticket or person with `amount: {value: …, currency: …}`"),
                );
                return None;
            }
            Some(per(v, at, r.problems)?)
        }
        None => None,
    };
    let kind = read_kind?;
    if let (DiscountKind::Amount(amount), Some(spend)) = (&kind, &min_spend) {
        let at = r.at("min_spend");
        if !spend.currency.eq_ignore_ascii_case(&amount.currency) {
            r.problems.push(
                Problem::error(
                    Loc::Yaml(at.field("currency")),
                    format!(
                        "the minimum spend is in {} but the amount taken off is in {}",
                        spend.currency, amount.currency
                    ),
                )
                .hint("write both in the currency the tourist pays in"),
            );
            return None;
        }
        if spend.value <= amount.value {
            r.problems.push(
                Problem::error(
                    Loc::Yaml(at.field("value")),
                    format!(
                        "min_spend {} is not above the amount taken off ({})",
                        format::money(spend, "en"),
                        format::money(amount, "en")
                    ),
                )
                .hint("the spend needed must be more than the discount, e.g. `min_spend: {value: 200, currency: USD}` for US$20 off"),
            );
            return None;
        }
    }
    Some(ReadDiscount {
        discount: Discount {
            kind,
            min_spend,
            per,
        },
        percent_at,
    })
}

fn percent(r: &mut Record) -> Option<u8> {
    let at = r.at("percent");
    match r.get("percent") {
        Some(Value::Number(n)) if n.as_i64().is_some_and(|p| (1..=99).contains(&p)) => {
            n.as_i64().and_then(|p| u8::try_from(p).ok())
        }
        Some(Value::Number(n)) => {
            r.problems.push(
                Problem::error(Loc::Yaml(at), format!("percent {n} is outside 1–99"))
                    .hint("write the percentage off as a whole number from 1 to 99, e.g. `percent: 15` for 15% off (八五折)"),
            );
            None
        }
        other => {
            let found = other.map_or("nothing", kind_of);
            r.problems.push(
                Problem::error(
                    Loc::Yaml(at),
                    format!("percent must be a whole number, found {found}"),
                )
                .hint("write e.g. `percent: 15` for 15% off"),
            );
            None
        }
    }
}

/// `zhe: 8.5` (八五折, 85 % paid) is 15 % off.
fn zhe(r: &mut Record) -> Option<(u8, String)> {
    let at = r.at("zhe");
    let hint = "write 折 as the share paid in tenths, e.g. `zhe: 8.5` for 八五折 (15% off) or `zhe: 9` for 九折";
    let n = match r.get("zhe") {
        Some(Value::Number(n)) => n.clone(),
        other => {
            let found = other.map_or("nothing", kind_of);
            r.problems.push(
                Problem::error(
                    Loc::Yaml(at),
                    format!("zhe must be a number, found {found}"),
                )
                .hint(hint),
            );
            return None;
        }
    };
    let value = n.as_f64().unwrap_or(f64::NAN);
    let tenths = (value * 10.0).round();
    let whole_tenths = (value * 10.0 - tenths).abs() < 1e-6;
    if whole_tenths && (1.0..=99.0).contains(&tenths) {
        return Some((100 - tenths as u8, n.to_string()));
    }
    let hint = if whole_tenths && (11.0..=990.0).contains(&tenths) && value.fract() == 0.0 {
        // 85 for 八五折: the digits are right, the point is missing.
        format!(
            "did you mean `zhe: {}`? Write 折 as the share paid in tenths, e.g. `zhe: 8.5` for 八五折 (15% off)",
            value / 10.0
        )
    } else {
        hint.to_string()
    };
    let message = if whole_tenths {
        format!("zhe {n} is outside 0.1–9.9")
    } else {
        format!("zhe {n} has more than one decimal")
    };
    r.problems
        .push(Problem::error(Loc::Yaml(at), message).hint(hint));
    None
}

fn per(value: &Value, at: YamlPath, problems: &mut Vec<Problem>) -> Option<Per> {
    let names = Per::ALL.map(Per::as_str);
    let text = match value {
        Value::String(s) => s.as_str(),
        other => {
            problems.push(
                Problem::error(
                    Loc::Yaml(at),
                    format!(
                        "`per` must be one of night, ticket, person, found {}",
                        kind_of(other)
                    ),
                )
                .hint("write e.g. `per: night`"),
            );
            return None;
        }
    };
    if let Some(p) = Per::ALL.into_iter().find(|p| p.as_str() == text) {
        return Some(p);
    }
    let hint = match did_you_mean(&text.to_ascii_lowercase(), names.iter().copied()) {
        Some(close) => format!("did you mean `{close}`? `per` is one of: night, ticket, person"),
        None => "`per` is one of: night, ticket, person".to_string(),
    };
    problems
        .push(Problem::error(Loc::Yaml(at), format!("unknown `per` value {text:?}")).hint(hint));
    None
}

/// `{value, currency}`: an amount taken off, or a minimum spend.
fn money(
    value: &Value,
    path: YamlPath,
    what: &str,
    purpose: &str,
    problems: &mut Vec<Problem>,
) -> Option<Money> {
    let mut r = Record::open(value, path, what, shapes::money_fields(), problems)?;
    let number = r.required("value", "20").cloned();
    let currency = r.string("currency", Some("USD"));
    let value = match number {
        Some(Value::Number(n)) => match n.as_f64() {
            Some(v) if v > 0.0 && v.is_finite() => Some(v),
            _ => {
                let at = r.at("value");
                r.problems.push(
                    Problem::error(Loc::Yaml(at), format!("the amount {n} must be more than 0"))
                        .hint(format!("write the amount {purpose}, e.g. `value: 20`")),
                );
                None
            }
        },
        Some(other) => {
            let at = r.at("value");
            r.problems.push(
                Problem::error(
                    Loc::Yaml(at),
                    format!("the amount must be a number, found {}", kind_of(&other)),
                )
                .hint(format!("write the amount {purpose}, e.g. `value: 20`")),
            );
            None
        }
        None => None,
    };
    if let Some(c) = &currency
        && !codes::is_currency(c)
    {
        let upper = c.to_ascii_uppercase();
        let hint = if codes::is_currency(&upper) {
            format!("currency codes are upper case: `{upper}`")
        } else {
            match did_you_mean(&upper, codes::currencies()) {
                Some(close) => format!("did you mean `{close}`? Use an ISO 4217 code"),
                None => "use an ISO 4217 currency code such as `USD`, `EUR` or `JPY`".to_string(),
            }
        };
        let at = r.at("currency");
        r.problems
            .push(Problem::error(Loc::Yaml(at), format!("unknown currency code {c:?}")).hint(hint));
        return None;
    }
    Some(Money {
        value: value?,
        currency: currency?,
    })
}

/// Every 折 or "% off" expression of the offer's title and summary must
/// say the percent the discount takes off.
pub fn check_wording(
    read: &ReadDiscount,
    texts: &[(&str, &Text, YamlPath)],
    problems: &mut Vec<Problem>,
) {
    let (DiscountKind::Percent(percent), Some((written, at))) =
        (&read.discount.kind, &read.percent_at)
    else {
        return;
    };
    let percent = *percent;
    for (field, text, _) in texts {
        for (lang, local) in &text.0 {
            if local.fallback {
                continue;
            }
            for said in percents_said(&local.text) {
                if said.percent == percent {
                    continue;
                }
                let ours = match written {
                    Written::Percent => {
                        format!("`percent: {percent}` ({})", format::zh_percent(percent))
                    }
                    Written::Zhe(z) => format!("`zhe: {z}` ({percent}% off)"),
                };
                let right = match written {
                    Written::Percent => format!("`percent: {}`", said.percent),
                    Written::Zhe(_) => format!("`zhe: {}`", zhe_of(said.percent)),
                };
                let other = match written {
                    Written::Percent => format!("`zhe: {}`", zhe_of(said.percent)),
                    Written::Zhe(_) => format!("`percent: {}`", said.percent),
                };
                problems.push(
                    Problem::error(
                        Loc::Yaml(at.clone()),
                        format!(
                            "the `{lang}` {field} says {} but the discount is {ours}",
                            said.text
                        ),
                    )
                    .hint(format!(
                        "{} is {}: write {right} (or {other}), or correct the {field}",
                        said.text,
                        if said.text.contains('%') {
                            format::zh_percent(said.percent)
                        } else {
                            format!("{}% off", said.percent)
                        },
                    )),
                );
                // One report per text is enough to send the editor there.
                break;
            }
        }
    }
}

/// The `zhe` value of a percent off: 15 → `8.5`, 10 → `9`.
fn zhe_of(percent: u8) -> String {
    let paid = 100 - u32::from(percent);
    if paid % 10 == 0 {
        (paid / 10).to_string()
    } else {
        format!("{}.{}", paid / 10, paid % 10)
    }
}

/// A discount a text states, with the words that state it.
#[derive(Debug, Clone, PartialEq)]
pub struct Said {
    pub text: String,
    pub percent: u8,
}

fn zh_digit(c: char) -> Option<u32> {
    match c {
        '一' => Some(1),
        '二' | '两' => Some(2),
        '三' => Some(3),
        '四' => Some(4),
        '五' => Some(5),
        '六' => Some(6),
        '七' => Some(7),
        '八' => Some(8),
        '九' => Some(9),
        _ => c.to_digit(10).filter(|d| *d > 0),
    }
}

/// The discounts a text states: 折 expressions (八五折, 九折, 8.5折, 半价)
/// and "N% off" / "save N%". "Up to" wording (低至五折, 五折起, "up to 50%
/// off") states a best case, not this discount, and is skipped.
pub fn percents_said(text: &str) -> Vec<Said> {
    let chars: Vec<char> = text.chars().collect();
    let mut out = Vec::new();
    let before = |i: usize, n: usize| -> String { chars[i.saturating_sub(n)..i].iter().collect() };
    for (i, &c) in chars.iter().enumerate() {
        if c == '折' && i > 0 {
            // Digits before 折: 八五 / 九 / 8.5 / 8
            let mut start = i;
            let mut paid_digits: Vec<u32> = Vec::new();
            let mut j = i;
            while j > 0 && paid_digits.len() < 2 {
                let p = chars[j - 1];
                if let Some(d) = zh_digit(p) {
                    paid_digits.insert(0, d);
                    j -= 1;
                    start = j;
                } else if p == '.'
                    && j >= 2
                    && zh_digit(chars[j - 2]).is_some()
                    && paid_digits.len() == 1
                {
                    j -= 1;
                } else {
                    break;
                }
            }
            if paid_digits.is_empty() {
                continue;
            }
            // "10折" or "100折" is no discount wording.
            if start > 0 && chars[start - 1].is_ascii_digit() {
                continue;
            }
            let paid = match paid_digits.as_slice() {
                [t] => t * 10,
                [t, o] => t * 10 + o,
                _ => continue,
            };
            if !(1..=99).contains(&paid)
                || before(start, 2) == "低至"
                || chars.get(i + 1) == Some(&'起')
            {
                continue;
            }
            out.push(Said {
                text: chars[start..=i].iter().collect(),
                percent: (100 - paid) as u8,
            });
        } else if c == '半' && chars.get(i + 1) == Some(&'价') {
            if before(i, 2) == "低至" || chars.get(i + 2) == Some(&'起') {
                continue;
            }
            out.push(Said {
                text: "半价".into(),
                percent: 50,
            });
        } else if c == '%' {
            let mut start = i;
            while start > 0 && chars[start - 1].is_ascii_digit() {
                start -= 1;
            }
            if start == i || i - start > 2 {
                continue;
            }
            let number: u32 = chars[start..i]
                .iter()
                .collect::<String>()
                .parse()
                .unwrap_or(0);
            if !(1..=99).contains(&number) {
                continue;
            }
            let after: String = chars[i + 1..]
                .iter()
                .take(4)
                .collect::<String>()
                .to_lowercase();
            let lead: String = before(start, 8).to_lowercase();
            let up_to = lead.ends_with("up to ") || lead.ends_with("save up to ");
            let off = after.starts_with(" off") || after.starts_with("off");
            let save = lead.ends_with("save ");
            if up_to || !(off || save) {
                continue;
            }
            let words = if off {
                format!("{number}% off")
            } else {
                format!("save {number}%")
            };
            out.push(Said {
                text: words,
                percent: number as u8,
            });
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn said(text: &str) -> Vec<(String, u8)> {
        percents_said(text)
            .into_iter()
            .map(|s| (s.text, s.percent))
            .collect()
    }

    #[test]
    fn zhe_expressions_are_read_as_percent_off() {
        assert_eq!(said("门票九五折"), [("九五折".into(), 5)]);
        assert_eq!(said("会员八八折优惠"), [("八八折".into(), 12)]);
        assert_eq!(said("全场七折"), [("七折".into(), 30)]);
        assert_eq!(said("周末五折"), [("五折".into(), 50)]);
        assert_eq!(said("第二件半价"), [("半价".into(), 50)]);
        assert_eq!(said("服饰鞋包八五折"), [("八五折".into(), 15)]);
        assert_eq!(said("打8.5折"), [("8.5折".into(), 15)]);
        assert_eq!(said("打8折"), [("8折".into(), 20)]);
    }

    #[test]
    fn percent_off_in_english() {
        assert_eq!(said("15% off at Macy's"), [("15% off".into(), 15)]);
        assert_eq!(
            said("pay by phone and save 20% on"),
            [("save 20%".into(), 20)]
        );
        assert_eq!(said("10 % off"), Vec::<(String, u8)>::new());
    }

    #[test]
    fn other_wording_is_not_a_discount() {
        assert!(said("折扣多多，打折季").is_empty());
        assert!(said("低至五折").is_empty());
        assert!(said("五折起").is_empty());
        assert!(said("up to 50% off").is_empty());
        assert!(said("100% cotton").is_empty());
        assert!(said("满200美元立减20美元").is_empty());
        assert!(said("连住4晚，第4晚免费").is_empty());
    }

    #[test]
    fn zhe_values() {
        assert_eq!(zhe_of(15), "8.5");
        assert_eq!(zhe_of(10), "9");
        assert_eq!(zhe_of(95), "0.5");
    }
}
