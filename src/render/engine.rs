//! The template engine: the theme's Tera templates parsed once per render,
//! one engine per language whose `t()` function looks up that language's UI
//! strings, and Tera's errors turned into editor-facing diagnostics.

use std::collections::{BTreeMap, HashMap};
use std::error::Error as _;
use std::sync::{Arc, RwLock};

use tera::{Context, Tera, Value};

use super::assets::{AssetUrl, Assets};
use super::view::CardHtml;
use crate::diagnostics::Diagnostic;
use crate::html::escape;
use crate::model::{Origin, Site, ThemeFile};

/// The parsed theme with one Tera instance per language.
pub struct Engine {
    by_lang: HashMap<String, Tera>,
    /// Where each template came from, for diagnostics.
    origins: HashMap<String, Origin>,
    /// Template sources, to find which parent an error happened in.
    sources: HashMap<String, String>,
    /// Whether offer cards can be rendered once each ([`Engine::card`]).
    cards_once: bool,
    /// Whether every template is the built-in one.
    builtin_theme: bool,
    /// Each language's cards rendered once, as `card_html()` gives them.
    kept_cards: HashMap<String, KeptCards>,
}

/// Offer id → the card's HTML, in one language.
type KeptCards = Arc<RwLock<HashMap<String, CardHtml>>>;

/// Renders the built-in theme's card macro for one offer, so that lists
/// can paste it instead of evaluating the macro for every appearance.
const CARD_TEMPLATE: &str = "__offersite/card.html";
const CARD_SOURCE: &str = r#"{% import "macros.html" as m %}{{ m::card(o=o, level=level) }}"#;

/// `t(key="offers")`: the UI string `key` in the page's language, or in
/// `lang="en"` when given (the bilingual root and 404 pages). Any other
/// argument fills a `{name}` placeholder in the string.
struct Translate {
    lang: String,
    strings: Arc<BTreeMap<String, BTreeMap<String, String>>>,
}

impl tera::Function for Translate {
    fn call(&self, args: &HashMap<String, Value>) -> tera::Result<Value> {
        let Some(Value::String(key)) = args.get("key") else {
            return Err("t() needs a string argument `key`, e.g. t(key=\"offers\")".into());
        };
        let lang = match args.get("lang") {
            Some(Value::String(l)) => l.as_str(),
            Some(_) => return Err("t(): `lang` must be a language code string".into()),
            None => self.lang.as_str(),
        };
        let Some(strings) = self.strings.get(lang) else {
            return Err(format!("t(): `{lang}` is not a configured language").into());
        };
        let Some(text) = strings.get(key.as_str()) else {
            return Err(format!(
                "unknown UI string `{key}`: add it to templates/i18n/{lang}.yaml and the other languages' files"
            )
            .into());
        };
        if args.len() <= 1 + usize::from(args.contains_key("lang")) {
            return Ok(Value::String(text.clone()));
        }
        // Sorted so replacement does not depend on hash order.
        let mut fills: Vec<(&String, &Value)> = args
            .iter()
            .filter(|(k, _)| *k != "key" && *k != "lang")
            .collect();
        fills.sort_by(|a, b| a.0.cmp(b.0));
        let mut out = text.clone();
        for (name, value) in fills {
            let value = match value {
                Value::String(s) => s.clone(),
                other => other.to_string(),
            };
            out = out.replace(&format!("{{{name}}}"), &value);
        }
        Ok(Value::String(out))
    }
}

/// `card_html(id="…", level=2)`: the card of offer `id` with its title at
/// heading `level` as [`Engine::card`] rendered it once for this language,
/// or `""` when it was not (`is kept_card(level)` says which; the `cards`
/// macro renders the others itself). A function rather than a field of the
/// card, so that a page's context does not carry a copy of the HTML of
/// every card it lists.
struct KeptCardHtml(KeptCards);

impl tera::Function for KeptCardHtml {
    fn call(&self, args: &HashMap<String, Value>) -> tera::Result<Value> {
        let Some(Value::String(id)) = args.get("id") else {
            return Err("card_html() needs a string argument `id`, an offer's id".into());
        };
        let level = args.get("level").and_then(Value::as_u64);
        let html = match (read(&self.0).get(id), level) {
            (Some(card), Some(level)) => card.at_level(level),
            _ => String::new(),
        };
        Ok(Value::String(html))
    }

    fn is_safe(&self) -> bool {
        true
    }
}

/// `o.id is kept_card(level)`: whether `card_html()` has the card of offer
/// `o.id` at heading `level` (a whole number) in the page's language.
struct IsKeptCard(KeptCards);

impl tera::Test for IsKeptCard {
    fn test(&self, value: Option<&Value>, args: &[Value]) -> tera::Result<bool> {
        let (Some(Value::String(id)), Some(_)) = (value, args.first().and_then(Value::as_u64))
        else {
            return Ok(false);
        };
        Ok(read(&self.0).contains_key(id))
    }
}

/// The kept cards, even after a panic elsewhere: they are only ever
/// replaced whole.
fn read(kept: &KeptCards) -> std::sync::RwLockReadGuard<'_, HashMap<String, CardHtml>> {
    kept.read().unwrap_or_else(|poisoned| poisoned.into_inner())
}

/// Templates read the environment nowhere: output must depend on the site
/// alone.
fn no_env(_: &HashMap<String, Value>) -> tera::Result<Value> {
    Err("get_env() is disabled: a build must depend only on the site's files".into())
}

impl Engine {
    pub fn new(site: &Site, assets: &Assets) -> Result<Engine, Vec<Diagnostic>> {
        let mut diagnostics = Vec::new();
        let mut sources: Vec<(String, String)> = Vec::new();
        let mut origins = HashMap::new();
        for file in &site.theme.templates {
            origins.insert(file.path.clone(), file.origin.clone());
            match std::str::from_utf8(&file.bytes) {
                Ok(text) => sources.push((file.path.clone(), text.to_string())),
                Err(_) => diagnostics.push(
                    theme_diagnostic(file, "the template is not valid UTF-8")
                        .hint("save the file as UTF-8"),
                ),
            }
        }
        // Parse each file on its own first, so every syntax error is
        // reported, not only the first Tera stops at.
        for (name, text) in &sources {
            if let Err(err) = tera::Template::new(name, None, text) {
                let chain = error_chain(&err);
                let (line, column) = position(&chain).unwrap_or((0, 0));
                diagnostics.push(
                    Diagnostic::error(format!("templates/{name}"), syntax_message(&chain))
                        .at(line, column)
                        .quoting(text)
                        .hint(origin_hint(origins.get(name))),
                );
            }
        }
        if !diagnostics.is_empty() {
            return Err(diagnostics);
        }
        let mut tera = Tera::default();
        tera.autoescape_on(vec![".html", ".xml"]);
        tera.set_escape_fn(escape);
        tera.register_function("get_env", no_env);
        tera.register_function("asset_url", AssetUrl(assets.map().clone()));
        tera.register_function("picture_html", super::picture::tera_function);
        // Only the built-in macros.html is known to have `card(o, level)` and
        // a `cards` macro that uses what it renders.
        let cards_once = matches!(origins.get("macros.html"), Some(Origin::Builtin));
        let builtin_theme = origins.values().all(|o| matches!(o, Origin::Builtin));
        let card = cards_once.then_some((CARD_TEMPLATE, CARD_SOURCE));
        let all = sources.iter().map(|(n, t)| (n.as_str(), t.as_str()));
        if let Err(err) = tera.add_raw_templates(all.chain(card)) {
            let chain = error_chain(&err);
            let name = template_named(&chain, &origins).unwrap_or_default();
            return Err(vec![
                Diagnostic::error(format!("templates/{name}"), chain.join(": "))
                    .hint("check the names in {% extends %}, {% include %} and {% import %}"),
            ]);
        }
        let strings = Arc::new(site.ui.0.clone());
        let mut kept_cards = HashMap::new();
        let by_lang = site
            .config
            .languages
            .iter()
            .map(|l| {
                let mut t = tera.clone();
                t.register_function(
                    "t",
                    Translate {
                        lang: l.code.clone(),
                        strings: Arc::clone(&strings),
                    },
                );
                let kept = KeptCards::default();
                t.register_function("card_html", KeptCardHtml(Arc::clone(&kept)));
                t.register_tester("kept_card", IsKeptCard(Arc::clone(&kept)));
                kept_cards.insert(l.code.clone(), kept);
                (l.code.clone(), t)
            })
            .collect();
        Ok(Engine {
            by_lang,
            origins,
            sources: sources.into_iter().collect(),
            cards_once,
            builtin_theme,
            kept_cards,
        })
    }

    /// Renders `template` for `lang`; an error names the template it
    /// happened in and the page being rendered.
    pub fn render(
        &self,
        lang: &str,
        template: &str,
        context: &Context,
    ) -> Result<Vec<u8>, RenderError> {
        let tera = self
            .by_lang
            .get(lang)
            .or_else(|| self.by_lang.values().next())
            .expect("a site has at least one language");
        // Straight into bytes: Tera's `render` would validate the whole
        // page as UTF-8 again, though it only ever writes strings.
        let mut out = Vec::with_capacity(16 * 1024);
        tera.render_to(template, context, &mut out).map_err(|err| {
            let chain = error_chain(&err);
            let mut file =
                template_named(&chain, &self.origins).unwrap_or_else(|| template.to_string());
            if let Some(better) = self.locate(tera, template, &file, &chain) {
                file = better;
            }
            RenderError {
                template: file,
                message: render_message(&chain),
            }
        })?;
        Ok(out)
    }

    /// The HTML of the card macro for `card` at heading levels 2 and 3,
    /// when the theme's macros are the built-in ones; `None` otherwise or on
    /// any error (the page then renders the macro itself and reports it).
    pub fn card(&self, lang: &str, card: &impl serde::Serialize) -> Option<CardHtml> {
        if !self.cards_once {
            return None;
        }
        let mut context = Context::new();
        context.insert("o", card);
        context.insert("level", &2);
        let mut bytes = self.render(lang, CARD_TEMPLATE, &context).ok()?;
        // Kept for the whole render: drop the page-sized buffer's slack.
        bytes.shrink_to_fit();
        Some(CardHtml::of_builtin_card(String::from_utf8(bytes).ok()?))
    }

    /// Whether a page's list may hold a card that [`Engine::card`] rendered
    /// by its id alone ([`super::view::ListedCard`]): only when no template
    /// of the site's own could read the rest.
    pub fn lists_kept_cards_by_id(&self) -> bool {
        self.cards_once && self.builtin_theme
    }

    /// Keeps the cards of language `lang` rendered by [`Engine::card`] for
    /// the templates' `card_html()`, in place of any kept before.
    pub fn keep_cards(&self, lang: &str, cards: HashMap<String, CardHtml>) {
        if let Some(kept) = self.kept_cards.get(lang) {
            *kept
                .write()
                .unwrap_or_else(|poisoned| poisoned.into_inner()) = cards;
        }
    }

    /// Tera names the rendered template, and the parent only sometimes
    /// ("a parent template", or nothing when the error is outside blocks).
    /// The template to fix is the one whose source holds the failing name:
    /// the macro being rendered, else the named template, else its parents,
    /// nearest first.
    fn locate(&self, tera: &Tera, template: &str, named: &str, chain: &[String]) -> Option<String> {
        let needle = chain.iter().find_map(|m| failing_name(m))?;
        let holds = |name: &str| {
            self.sources
                .get(name)
                .is_some_and(|src| src.contains(needle.as_str()))
        };
        if let Some(mac) = chain.iter().find_map(|m| macro_name(m)) {
            let definition = format!("macro {mac}(");
            let mut files: Vec<&String> = self
                .sources
                .iter()
                .filter(|(_, src)| src.contains(&definition))
                .map(|(name, _)| name)
                .collect();
            files.sort();
            if let Some(file) = files.first() {
                return Some((*file).clone());
            }
        }
        if holds(named) {
            return None;
        }
        let parents = &tera.get_template(template).ok()?.parents;
        parents.iter().find(|p| holds(p)).cloned()
    }

    pub fn hint_for(&self, template: &str) -> String {
        origin_hint(self.origins.get(template))
    }
}

/// The name an error message complains about: a variable, a function, a
/// filter, or a UI string key.
fn failing_name(message: &str) -> Option<String> {
    for (open, close) in [
        ("Variable `", "`"),
        ("Function '", "'"),
        ("function `", "`"),
        ("Filter '", "'"),
        ("unknown UI string `", "`"),
    ] {
        if let Some(at) = message.find(open) {
            let rest = &message[at + open.len()..];
            if let Some(end) = rest.find(close) {
                return Some(rest[..end].to_string());
            }
        }
    }
    None
}

/// The macro a Tera error names: ``error while rendering macro `m::card` ``
/// → `card`.
fn macro_name(message: &str) -> Option<String> {
    let at = message.find("error while rendering macro `")?;
    let rest = &message[at + "error while rendering macro `".len()..];
    let full = &rest[..rest.find('`')?];
    Some(full.rsplit("::").next()?.to_string())
}

/// A failed page: grouped by template and message so one broken template
/// gives one diagnostic, not one per page.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct RenderError {
    pub template: String,
    pub message: String,
}

fn theme_diagnostic(file: &ThemeFile, message: &str) -> Diagnostic {
    Diagnostic::error(format!("templates/{}", file.path), message)
}

fn origin_hint(origin: Option<&Origin>) -> String {
    match origin {
        Some(Origin::Site(_)) | None => {
            "fix the template; Tera's syntax is described at https://keats.github.io/tera/docs/"
                .to_string()
        }
        Some(Origin::Builtin) => {
            "this is the built-in theme: override the file in the site's templates/ directory"
                .to_string()
        }
    }
}

fn error_chain(err: &tera::Error) -> Vec<String> {
    let mut chain = vec![err.to_string()];
    let mut source = err.source();
    while let Some(s) = source {
        chain.push(s.to_string());
        source = s.source();
    }
    chain
}

/// Pest reports positions as ` --> line:column`.
fn position(chain: &[String]) -> Option<(usize, usize)> {
    chain.iter().find_map(|m| {
        let at = m.find("--> ")?;
        let rest = &m[at + 4..];
        let end = rest
            .find(|c: char| !c.is_ascii_digit() && c != ':')
            .unwrap_or(rest.len());
        let (line, column) = rest[..end].split_once(':')?;
        Some((line.parse().ok()?, column.parse().ok()?))
    })
}

/// Pest's report quotes the line itself; keep only what it expected.
fn syntax_message(chain: &[String]) -> String {
    let detail = chain.last().map_or("", String::as_str);
    let expected = detail
        .lines()
        .find_map(|l| l.trim().strip_prefix("= "))
        .unwrap_or_else(|| detail.lines().next().unwrap_or(""));
    format!("template syntax error: {expected}")
}

/// Tera names the innermost template as `(error happened in 'x')` or, when it
/// is the rendered one, `Failed to render 'x'`.
fn template_named(chain: &[String], origins: &HashMap<String, Origin>) -> Option<String> {
    let quoted = |m: &str, marker: &str| -> Option<String> {
        let start = m.find(marker)? + marker.len();
        let end = m[start..].find('\'')?;
        Some(m[start..start + end].to_string())
    };
    for marker in [
        "error happened in '",
        "while rendering '",
        "Failed to render '",
        "Failed to parse '",
        "Template '",
    ] {
        for m in chain {
            if let Some(name) = quoted(m, marker)
                && origins.contains_key(&name)
            {
                return Some(name);
            }
        }
    }
    None
}

fn render_message(chain: &[String]) -> String {
    // The first link only says which template failed, which the diagnostic's
    // file already says; the rest explains why.
    let specific: Vec<&str> = chain.iter().skip(1).map(String::as_str).collect();
    if specific.is_empty() {
        chain.join(": ")
    } else {
        specific.join(": ")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn positions_are_dug_out_of_pest_reports() {
        let chain = vec![
            "Failed to parse 'offer.html'".to_string(),
            " --> 3:14\n  |\n3 | {{ foo(\n  |              ^---\n  |\n  = expected a value"
                .to_string(),
        ];
        assert_eq!(position(&chain), Some((3, 14)));
        assert_eq!(
            syntax_message(&chain),
            "template syntax error: expected a value"
        );
    }
}
