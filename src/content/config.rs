//! `content/site.yaml`: the base URL, the languages (the first is the
//! default), the site's title and description, and options.

mod deploy_targets;

use serde_yaml::Value;

use crate::content::fields::{Languages, Record, kind_of};
use crate::content::problem::{Loc, Problem};
use crate::content::yaml::YamlPath;
use crate::model::{Language, SiteConfig};

pub const DEFAULT_PAGE_SIZE: usize = 24;

// The fields are declared once, in `content::shapes::SiteFile`, which the
// JSON Schema of `offersite schema` comes from too.
use crate::content::shapes::{language_fields, site_fields};

/// The languages as far as `site.yaml` can tell, for checking every other
/// file even when the rest of `site.yaml` is broken.
pub fn languages(value: &Value) -> Languages {
    let mut codes = Vec::new();
    if let Some(Value::Sequence(items)) = value.get("languages") {
        for item in items {
            if let Some(Value::String(code)) = item.get("code") {
                codes.push(code.clone());
            }
        }
    }
    let fallback = matches!(value.get("translation_fallback"), Some(Value::Bool(true)));
    Languages { codes, fallback }
}

/// Read and check `site.yaml`.
pub fn parse(value: &Value, problems: &mut Vec<Problem>) -> Option<SiteConfig> {
    let langs = languages(value);
    let mut r = Record::open(
        value,
        YamlPath::root(),
        "site.yaml",
        site_fields(),
        problems,
    )?;
    let base_url = r.string("base_url", Some("https://offers.example.com"));
    if let Some(url) = &base_url
        && let Some(why) = base_url_problem(url)
    {
        let at = r.at("base_url");
        r.problems.push(
            Problem::error(Loc::Yaml(at), why)
                .hint("write an absolute URL such as `https://offers.example.com`"),
        );
    }
    let languages = read_languages(&mut r);
    let title = r.text("title", true, &langs);
    let description = r.text("description", true, &langs);
    let page_size = match r.integer("page_size") {
        None => DEFAULT_PAGE_SIZE,
        Some(n) if (1..=1000).contains(&n) => n as usize,
        Some(n) => {
            let at = r.at("page_size");
            r.problems.push(
                Problem::error(Loc::Yaml(at), format!("page_size {n} is out of range"))
                    .hint("use a number of offers per page from 1 to 1000 (the default is 24)"),
            );
            DEFAULT_PAGE_SIZE
        }
    };
    let translation_fallback = r.bool("translation_fallback");
    let allow_raw_html = r.bool("allow_raw_html");
    let app = crate::content::app::app(&mut r);
    let coupon_barcode = crate::content::app::barcode(&mut r);
    let headers_file = r.bool("headers_file");
    let deploy = deploy_targets::read(&mut r);
    let config = SiteConfig {
        base_url: base_url?.trim_end_matches('/').to_string(),
        languages: languages?,
        title: title?,
        description: description?,
        page_size,
        translation_fallback,
        allow_raw_html,
        app,
        coupon_barcode,
        headers_file,
        deploy,
    };
    base_url_problem(&config.base_url)
        .is_none()
        .then_some(config)
}

/// Why a base URL cannot be used, if it cannot.
#[must_use]
pub fn base_url_problem(url: &str) -> Option<String> {
    let rest = url
        .strip_prefix("https://")
        .or_else(|| url.strip_prefix("http://"));
    match rest {
        None => Some(format!(
            "base_url {url:?} must start with https:// or http://"
        )),
        Some(r) if r.is_empty() || r.starts_with('/') => {
            Some(format!("base_url {url:?} has no host"))
        }
        Some(r) if r.contains(['?', '#', ' ', '"', '<', '>', '\\']) => Some(format!(
            "base_url {url:?} must be a plain URL without query, fragment, spaces or quotes"
        )),
        Some(_) => None,
    }
}

fn read_languages(r: &mut Record) -> Option<Vec<Language>> {
    let value = r.required("languages", "[{code: zh, locale: zh-Hans, name: 中文}, …]")?;
    let path = r.at("languages");
    let Value::Sequence(items) = value else {
        r.problems.push(
            Problem::error(
                Loc::Yaml(path),
                format!("`languages` must be a list, found {}", kind_of(value)),
            )
            .hint("write `languages: [{code: zh, locale: zh-Hans, name: 中文}, {code: en, locale: en, name: English}]`"),
        );
        return None;
    };
    if items.is_empty() {
        r.problems.push(
            Problem::error(Loc::Yaml(path), "`languages` is empty")
                .hint("list at least one language; the first is the default"),
        );
        return None;
    }
    let mut languages = Vec::new();
    let mut ok = true;
    for (i, item) in items.iter().enumerate() {
        let at = path.index(i);
        let Some(mut lr) = Record::open(
            item,
            at.clone(),
            "a language",
            language_fields(),
            r.problems,
        ) else {
            ok = false;
            continue;
        };
        let code = lr.string("code", Some("zh"));
        let locale = lr.string("locale", Some("zh-Hans"));
        let name = lr.string("name", Some("中文"));
        if let Some(c) = &code {
            let valid = (2..=8).contains(&c.len()) && c.chars().all(|ch| ch.is_ascii_lowercase());
            if !valid {
                lr.problems.push(
                    Problem::error(
                        Loc::Yaml(at.field("code")),
                        format!("language code {c:?} must be 2 to 8 lowercase ASCII letters"),
                    )
                    .hint("use a short code such as `zh` or `en`: it is the URL prefix"),
                );
                ok = false;
            } else if languages.iter().any(|l: &Language| &l.code == c) {
                lr.problems.push(
                    Problem::error(
                        Loc::Yaml(at.field("code")),
                        format!("language `{c}` is listed twice"),
                    )
                    .hint("list each language once"),
                );
                ok = false;
            }
        }
        match (code, locale, name) {
            (Some(code), Some(locale), Some(name)) => {
                languages.push(Language { code, locale, name });
            }
            _ => ok = false,
        }
    }
    ok.then_some(languages)
}
