//! Reading each kind of content record into the model, noting the ids it
//! refers to and its Markdown for the checks that need the whole site.

use serde_yaml::Value;

use crate::model::{Branch, Category, Destination, Offer, Partner, Redeem, Text};

use super::codes;
use super::discount;
use super::fields::{Languages, Record, id_problem, kind_of, suggest_id};
use super::problem::{Loc, Problem};
use super::shapes;
use super::yaml::YamlPath;

/// What a reference points at.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RefKind {
    Partner,
    Category,
    Destination,
    Term,
    /// A path under `content/media/`.
    Media,
}

impl RefKind {
    pub fn noun(self) -> &'static str {
        match self {
            RefKind::Partner => "partner",
            RefKind::Category => "category",
            RefKind::Destination => "destination",
            RefKind::Term => "term",
            RefKind::Media => "media file",
        }
    }
}

#[derive(Debug, Clone)]
pub struct Reference {
    pub kind: RefKind,
    pub id: String,
    pub path: YamlPath,
}

/// A Markdown text of a YAML field, kept for the link check.
#[derive(Debug, Clone)]
pub struct MarkdownField {
    pub path: YamlPath,
    pub text: String,
}

/// What reading one record gives besides the item itself.
#[derive(Debug, Default, Clone)]
pub struct Extras {
    pub references: Vec<Reference>,
    pub markdown: Vec<MarkdownField>,
}

impl Extras {
    fn refer(&mut self, kind: RefKind, id: String, path: YamlPath) {
        self.references.push(Reference { kind, id, path });
    }

    fn markdown_of(&mut self, text: &Text, path: &YamlPath) {
        for (lang, local) in &text.0 {
            if !local.fallback {
                self.markdown.push(MarkdownField {
                    path: path.field(lang),
                    text: local.text.clone(),
                });
            }
        }
    }
}

/// Check an id (a file stem or an `id:` entry).
pub fn check_id(id: &str, loc: Loc, problems: &mut Vec<Problem>) -> bool {
    match id_problem(id) {
        None => true,
        Some(why) => {
            let suggestion = suggest_id(id);
            let hint = if suggestion.is_empty() {
                "use lowercase ASCII letters, digits and `-`, e.g. `macys-herald-square`"
                    .to_string()
            } else {
                format!("use lowercase ASCII letters, digits and `-`, e.g. `{suggestion}`")
            };
            problems.push(Problem::error(loc, why).hint(hint));
            false
        }
    }
}

/// The `id` of a list entry.
fn entry_id(r: &mut Record) -> Option<String> {
    let id = r.string("id", Some("some-id"))?;
    let at = r.at("id");
    check_id(&id, Loc::Yaml(at), r.problems).then_some(id)
}

/// A text given only in the languages that need it (no translation is
/// required, none is filled in).
fn partial_text(
    value: &Value,
    path: YamlPath,
    name: &str,
    langs: &Languages,
    problems: &mut Vec<Problem>,
) -> Option<Text> {
    let Value::Mapping(map) = value else {
        problems.push(
            Problem::error(
                Loc::Yaml(path),
                format!(
                    "`{name}` must give the text per language, found {}",
                    kind_of(value)
                ),
            )
            .hint(format!("write e.g. `{name}: {{en: Theme park offers}}`")),
        );
        return None;
    };
    let mut text = Text::default();
    let mut ok = true;
    for (key, v) in map {
        let (Value::String(lang), Value::String(s)) = (key, v) else {
            problems.push(
                Problem::error(
                    Loc::Yaml(path.clone()),
                    format!("`{name}` maps a language code to text"),
                )
                .hint(format!("write e.g. `{name}: {{en: Theme park offers}}`")),
            );
            ok = false;
            continue;
        };
        if !langs.codes.is_empty() && !langs.codes.contains(lang) {
            problems.push(
                Problem::error(
                    Loc::Yaml(path.field(lang).at_key()),
                    format!("`{name}` has text for `{lang}`, which is not a language of the site"),
                )
                .hint(format!(
                    "the site's languages are: {}",
                    langs.codes.join(", ")
                )),
            );
            ok = false;
            continue;
        }
        if s.trim().is_empty() {
            problems.push(
                Problem::error(
                    Loc::Yaml(path.field(lang)),
                    format!("the `{lang}` text of `{name}` is empty"),
                )
                .hint(format!(
                    "write the phrase, or remove `{lang}` from `{name}`"
                )),
            );
            ok = false;
            continue;
        }
        text.0.insert(
            lang.clone(),
            crate::model::LocalText {
                text: s.clone(),
                lang: lang.clone(),
                fallback: false,
            },
        );
    }
    ok.then_some(text)
}

/// The entries of a list file (`categories.yaml` and the like).
pub fn list_entries<'v>(value: &'v Value, what: &str, problems: &mut Vec<Problem>) -> &'v [Value] {
    match value {
        Value::Sequence(items) => items,
        Value::Null => &[],
        other => {
            problems.push(
                Problem::error(
                    Loc::Yaml(YamlPath::root()),
                    format!("{what} must be a list, found {}", kind_of(other)),
                )
                .hint("start each entry with `- id: …`"),
            );
            &[]
        }
    }
}

pub fn category(
    value: &Value,
    path: YamlPath,
    langs: &Languages,
    problems: &mut Vec<Problem>,
) -> Option<Category> {
    let fields = shapes::category_fields();
    let mut r = Record::open(value, path, "a category", fields, problems)?;
    let id = entry_id(&mut r);
    let name = r.text("name", true, langs);
    let title_phrase = match r.get("title_phrase") {
        Some(v) => partial_text(v, r.at("title_phrase"), "title_phrase", langs, r.problems)?,
        None => Text::default(),
    };
    Some(Category {
        id: id?,
        name: name?,
        title_phrase,
    })
}

pub fn destination(
    value: &Value,
    path: YamlPath,
    langs: &Languages,
    problems: &mut Vec<Problem>,
) -> Option<Destination> {
    let mut r = Record::open(
        value,
        path,
        "a destination",
        shapes::destination_fields(),
        problems,
    )?;
    let id = entry_id(&mut r);
    let name = r.text("name", true, langs);
    let country = r.string("country", Some("US"));
    if let Some(c) = &country
        && !codes::is_country(c)
    {
        let upper = c.to_ascii_uppercase();
        let hint = if codes::is_country(&upper) {
            format!("country codes are upper case: `{upper}`")
        } else {
            "use an ISO 3166 two-letter country code such as `US`, `JP` or `FR`".to_string()
        };
        let at = r.at("country");
        r.problems
            .push(Problem::error(Loc::Yaml(at), format!("unknown country code {c:?}")).hint(hint));
        return None;
    }
    Some(Destination {
        id: id?,
        name: name?,
        country: country?,
    })
}

pub fn branch(
    value: &Value,
    path: YamlPath,
    langs: &Languages,
    problems: &mut Vec<Problem>,
) -> Option<Branch> {
    let mut r = Record::open(value, path, "a branch", shapes::branch_fields(), problems)?;
    let id = entry_id(&mut r);
    let city = r.text("city", true, langs);
    let province = r.text("province", true, langs);
    let name = r.text("name", true, langs);
    let address = r.text("address", true, langs);
    let hours = r.text("hours", true, langs);
    let phone = r.string("phone", Some("\"+86 25 0000 0000\""));
    Some(Branch {
        id: id?,
        city: city?,
        province: province?,
        name: name?,
        address: address?,
        hours: hours?,
        phone: phone?,
    })
}

pub fn partner(
    id: &str,
    value: &Value,
    langs: &Languages,
    problems: &mut Vec<Problem>,
    extras: &mut Extras,
) -> Option<Partner> {
    let fields = shapes::partner_fields();
    let mut r = Record::open(value, YamlPath::root(), "a partner", fields, problems)?;
    let name = r.text("name", true, langs);
    let website = r.string("website", Some("https://www.example.com"));
    if let Some(w) = &website
        && (!(w.starts_with("https://") || w.starts_with("http://"))
            || w.contains(char::is_whitespace))
    {
        let at = r.at("website");
        r.problems.push(
            Problem::error(Loc::Yaml(at), format!("website {w:?} is not a web address"))
                .hint("write the full address, e.g. `https://www.macys.com`"),
        );
    }
    let logo = r.string("logo", None);
    if let Some(l) = &logo {
        extras.refer(RefKind::Media, l.clone(), r.at("logo"));
    }
    let about = r.text("about", false, langs);
    if let Some(a) = &about {
        extras.markdown_of(a, &r.at("about"));
    }
    Some(Partner {
        id: id.to_string(),
        name: name?,
        website: website?,
        logo,
        about,
    })
}

/// Longer titles are cut off on a phone's screen and in search results.
const LONG_TITLE: usize = 120;

pub fn offer(
    id: &str,
    value: &Value,
    langs: &Languages,
    problems: &mut Vec<Problem>,
    extras: &mut Extras,
) -> Option<Offer> {
    let mut r = Record::open(
        value,
        YamlPath::root(),
        "an offer",
        shapes::offer_fields(),
        problems,
    )?;
    let partner = r.string("partner", Some("partner-id"));
    if let Some(p) = &partner {
        extras.refer(RefKind::Partner, p.clone(), r.at("partner"));
    }
    let category = r.string("category", Some("category-id"));
    if let Some(c) = &category {
        extras.refer(RefKind::Category, c.clone(), r.at("category"));
    }
    let title = r.text("title", true, langs);
    if let Some(t) = &title {
        for (lang, local) in &t.0 {
            let n = local.text.chars().count();
            if n > LONG_TITLE && !local.fallback {
                let at = r.at("title").field(lang);
                r.problems.push(
                    Problem::warning(
                        Loc::Yaml(at),
                        format!("the `{lang}` title is {n} characters long"),
                    )
                    .hint(format!(
                        "keep titles under {LONG_TITLE} characters: phones cut them off"
                    )),
                );
            }
        }
    }
    let summary = r.text("summary", true, langs);
    let body = r.text("body", false, langs);
    if let Some(b) = &body {
        extras.markdown_of(b, &r.at("body"));
    }
    let discount = match r.required("discount", "{percent: 10}") {
        Some(v) => discount::read(v, r.at("discount"), langs, r.problems),
        None => None,
    };
    if let Some(d) = &discount {
        let mut texts = Vec::new();
        if let Some(t) = &title {
            texts.push(("title", t, r.at("title")));
        }
        if let Some(s) = &summary {
            texts.push(("summary", s, r.at("summary")));
        }
        discount::check_wording(d, &texts, r.problems);
    }
    let coupon_code = r.string("coupon_code", None);
    let redeem = redeem(&mut r);
    let valid_from = r.date("valid_from");
    let valid_until = r.date("valid_until");
    if let (Some(from), Some(until)) = (valid_from, valid_until)
        && from > until
    {
        let at = r.at("valid_until");
        r.problems.push(
            Problem::error(
                Loc::Yaml(at),
                format!("valid_until {until} is before valid_from {from}"),
            )
            .hint("the offer must start on or before the day it ends; swap or correct the dates"),
        );
    }
    let destinations = r.id_list("destinations", true);
    for (d, p) in &destinations {
        extras.refer(RefKind::Destination, d.clone(), p.clone());
    }
    let terms = r.id_list("terms", false);
    for (t, p) in &terms {
        extras.refer(RefKind::Term, t.clone(), p.clone());
    }
    let image = r.string("image", None);
    if let Some(i) = &image {
        extras.refer(RefKind::Media, i.clone(), r.at("image"));
    }
    let featured = r.bool("featured");
    let draft = r.bool("draft");
    let (valid_from, valid_until) = (valid_from?, valid_until?);
    if valid_from > valid_until || destinations.is_empty() {
        return None;
    }
    Some(Offer {
        id: id.to_string(),
        partner: partner?,
        category: category?,
        title: title?,
        summary: summary?,
        body,
        discount: discount?.discount,
        coupon_code,
        redeem: redeem?,
        valid_from,
        valid_until,
        destinations: destinations.into_iter().map(|(d, _)| d).collect(),
        terms: terms.into_iter().map(|(t, _)| t).collect(),
        image,
        featured,
        draft,
    })
}

/// `redeem: till | booking | ticket-office | online`, `till` when absent.
fn redeem(r: &mut Record) -> Option<Redeem> {
    let Some(text) = r.string("redeem", None) else {
        return (!r.has("redeem")).then_some(Redeem::Till);
    };
    if let Some(found) = Redeem::ALL.into_iter().find(|m| m.as_str() == text) {
        return Some(found);
    }
    let names = Redeem::ALL.map(Redeem::as_str);
    let hint =
        match crate::diagnostics::did_you_mean(&text.to_ascii_lowercase(), names.iter().copied()) {
            Some(close) => format!(
                "did you mean `{close}`? `redeem` is one of: {}",
                names.join(", ")
            ),
            None => format!(
                "`redeem` is one of: {} (how the tourist uses the code)",
                names.join(", ")
            ),
        };
    let at = r.at("redeem");
    r.problems
        .push(Problem::error(Loc::Yaml(at), format!("unknown `redeem` value {text:?}")).hint(hint));
    None
}
