//! The validated, typed model of a site: what `content` produces and `render`
//! consumes. Nothing in here reads files or knows about YAML; every value has
//! already been checked, so renderers can rely on references resolving and
//! every configured language being present.

use std::collections::BTreeMap;
use std::path::PathBuf;

use jiff::civil::Date;
use serde::Serialize;

/// A language configured in `site.yaml`; the first one is the default.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Language {
    /// URL prefix and key of text maps, e.g. `zh`.
    pub code: String,
    /// BCP 47 tag for `<html lang>` and hreflang, e.g. `zh-Hans`.
    pub locale: String,
    /// The language's name in itself, e.g. `中文`.
    pub name: String,
}

/// One language's version of a text a reader sees.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct LocalText {
    pub text: String,
    /// Code of the language the text is written in: differs from the language
    /// of the page when `translation_fallback` filled a missing translation.
    pub lang: String,
    /// True when this is the default language's text standing in for a
    /// missing translation; the page must say so visibly.
    pub fallback: bool,
}

/// A text a reader sees, resolved for every configured language.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
#[serde(transparent)]
pub struct Text(pub BTreeMap<String, LocalText>);

impl Text {
    /// The text for `lang`. Validation guarantees every configured language is
    /// present; an unknown code gives an empty text rather than a panic.
    pub fn get(&self, lang: &str) -> &str {
        self.0.get(lang).map_or("", |t| t.text.as_str())
    }

    pub fn local(&self, lang: &str) -> Option<&LocalText> {
        self.0.get(lang)
    }
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SiteConfig {
    /// Absolute base URL without a trailing slash; may carry a sub-path
    /// (`https://example.com/preview`).
    pub base_url: String,
    pub languages: Vec<Language>,
    pub title: Text,
    pub description: Text,
    pub page_size: usize,
    pub translation_fallback: bool,
    pub allow_raw_html: bool,
    /// `app:`: the mobile app that opens the site's links (deep links).
    pub app: Option<AppLinks>,
    /// How coupon codes are drawn for scanning at the till.
    pub coupon_barcode: Barcode,
    /// Write `_headers` (Netlify, Cloudflare Pages) into the output.
    pub headers_file: bool,
    /// Where `offersite deploy` publishes; the first is the default.
    pub deploy: Vec<DeployTarget>,
}

/// The symbology a coupon code is drawn in (`coupon_barcode:`).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Barcode {
    #[default]
    Qr,
    Code128,
    None,
}

/// The apps allowed to open the site's links, from `site.yaml`'s `app:`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct AppLinks {
    /// iOS app ids, `TEAMID.bundle.id`.
    pub ios: Vec<String>,
    pub android: Vec<AndroidApp>,
    /// Site paths the app handles, `*` as a wildcard (`/*/offers/*`).
    pub paths: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct AndroidApp {
    pub package: String,
    /// Upper-case hex pairs joined by `:`, as `assetlinks.json` wants them.
    pub sha256: Vec<String>,
}

/// One `deploy:` entry of `site.yaml`. Credentials are never here: they
/// come from the `AWS_*` environment variables.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DeployTarget {
    pub name: String,
    pub location: DeployLocation,
    /// An S3-compatible service's address (OSS, COS, MinIO, Garage…).
    pub endpoint: Option<String>,
    pub region: Option<String>,
    /// `https://BUCKET.endpoint/` rather than `https://endpoint/BUCKET/`.
    pub virtual_hosted_style: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub enum DeployLocation {
    /// `s3://BUCKET/PREFIX`; the prefix has no leading or trailing `/`.
    S3 { bucket: String, prefix: String },
    /// `file:///PATH`: a directory on this machine.
    Directory(std::path::PathBuf),
}

impl SiteConfig {
    pub fn default_language(&self) -> &Language {
        &self.languages[0]
    }

    pub fn language(&self, code: &str) -> Option<&Language> {
        self.languages.iter().find(|l| l.code == code)
    }
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Category {
    pub id: String,
    pub name: Text,
    /// The category's page title where "<name> offers" would not read
    /// right (`{en: Theme park offers}`); only the languages that need it.
    pub title_phrase: Text,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Destination {
    pub id: String,
    pub name: Text,
    /// ISO 3166-1 alpha-2 code, upper case.
    pub country: String,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Branch {
    pub id: String,
    pub city: Text,
    pub province: Text,
    pub name: Text,
    pub address: Text,
    pub hours: Text,
    pub phone: String,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Partner {
    pub id: String,
    pub name: Text,
    pub website: String,
    /// Path under `content/media/`, e.g. `logos/macys.svg`.
    pub logo: Option<String>,
    /// Markdown per language.
    pub about: Option<Text>,
}

/// An amount of money; `currency` is an ISO 4217 code.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Money {
    pub value: f64,
    pub currency: String,
}

/// What an offer takes off, and on what condition. Editors may write a
/// percent as `zhe` (折, the share paid); it arrives here as percent off.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Discount {
    pub kind: DiscountKind,
    /// The spend the discount needs (percent and amount discounts only).
    pub min_spend: Option<Money>,
    /// What an amount is taken off each of (amount discounts only).
    pub per: Option<Per>,
}

impl Discount {
    /// A discount without conditions.
    pub fn plain(kind: DiscountKind) -> Discount {
        Discount {
            kind,
            min_spend: None,
            per: None,
        }
    }

    pub fn percent(p: u8) -> Discount {
        Discount::plain(DiscountKind::Percent(p))
    }

    pub fn amount(value: f64, currency: &str) -> Discount {
        Discount::plain(DiscountKind::Amount(Money {
            value,
            currency: currency.to_string(),
        }))
    }
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum DiscountKind {
    /// Percent off, 1–99.
    Percent(u8),
    /// A fixed amount off.
    Amount(Money),
    /// Free wording per language, e.g. a gift with purchase.
    Text(Text),
}

impl DiscountKind {
    pub fn as_str(&self) -> &'static str {
        match self {
            DiscountKind::Percent(_) => "percent",
            DiscountKind::Amount(_) => "amount",
            DiscountKind::Text(_) => "text",
        }
    }
}

/// The unit an amount discount applies to, once each.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Per {
    Night,
    Ticket,
    Person,
}

impl Per {
    pub const ALL: [Per; 3] = [Per::Night, Per::Ticket, Per::Person];

    pub fn as_str(self) -> &'static str {
        match self {
            Per::Night => "night",
            Per::Ticket => "ticket",
            Per::Person => "person",
        }
    }
}

/// How the tourist uses the coupon code; each has its own hint.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Redeem {
    /// Shown at the till when paying.
    #[default]
    Till,
    /// Quoted when booking (hotels).
    Booking,
    /// Shown at the ticket window (parks, attractions).
    TicketOffice,
    /// Entered when paying online.
    Online,
}

impl Redeem {
    pub const ALL: [Redeem; 4] = [
        Redeem::Till,
        Redeem::Booking,
        Redeem::TicketOffice,
        Redeem::Online,
    ];

    /// The value editors write.
    pub fn as_str(self) -> &'static str {
        match self {
            Redeem::Till => "till",
            Redeem::Booking => "booking",
            Redeem::TicketOffice => "ticket-office",
            Redeem::Online => "online",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    Upcoming,
    Active,
    Ended,
}

impl Status {
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Upcoming => "upcoming",
            Status::Active => "active",
            Status::Ended => "ended",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Offer {
    pub id: String,
    pub partner: String,
    pub category: String,
    pub title: Text,
    pub summary: Text,
    /// Markdown per language.
    pub body: Option<Text>,
    pub discount: Discount,
    pub coupon_code: Option<String>,
    pub redeem: Redeem,
    pub valid_from: Date,
    pub valid_until: Date,
    pub destinations: Vec<String>,
    pub terms: Vec<String>,
    /// Path under `content/media/`.
    pub image: Option<String>,
    pub featured: bool,
    pub draft: bool,
}

impl Offer {
    /// Status on the build date: both ends of the validity are inclusive.
    pub fn status(&self, now: Date) -> Status {
        if now < self.valid_from {
            Status::Upcoming
        } else if now > self.valid_until {
            Status::Ended
        } else {
            Status::Active
        }
    }

    /// The destinations whose listings show this offer: each once, in the
    /// order given.
    pub fn listed_destinations(&self) -> impl Iterator<Item = &str> {
        self.destinations
            .iter()
            .enumerate()
            .filter(|&(i, d)| !self.destinations[..i].contains(d))
            .map(|(_, d)| d.as_str())
    }
}

/// A service term or a free page: Markdown with front matter, one file per
/// language, gathered into one document.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Document {
    pub id: String,
    pub title: Text,
    pub summary: Text,
    pub weight: i64,
    /// Markdown per language.
    pub body: Text,
}

/// UI strings of the theme (`templates/i18n/<lang>.yaml`): language code →
/// key → string. Validation guarantees every language has every key.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct UiStrings(pub BTreeMap<String, BTreeMap<String, String>>);

impl UiStrings {
    pub fn get(&self, lang: &str, key: &str) -> Option<&str> {
        self.0.get(lang)?.get(key).map(String::as_str)
    }
}

/// Where a theme file came from: built into the binary or the site's own
/// `templates/` directory (which overrides the built-in file of that name).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Origin {
    Builtin,
    Site(PathBuf),
}

/// One file of the theme, by its path relative to `templates/`.
#[derive(Debug, Clone, PartialEq)]
pub struct ThemeFile {
    pub path: String,
    pub bytes: Vec<u8>,
    pub origin: Origin,
}

/// The theme after overrides: templates (every file outside `assets/` and
/// `i18n/`), assets (copied to `/assets/`) and the UI strings' sources.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Theme {
    pub templates: Vec<ThemeFile>,
    pub assets: Vec<ThemeFile>,
    pub i18n: Vec<ThemeFile>,
}

/// A file under `content/media/`, copied to `/media/<path>` as is.
#[derive(Debug, Clone, PartialEq)]
pub struct MediaFile {
    /// Relative path with `/` separators.
    pub path: String,
    pub source: PathBuf,
}

/// A raster picture of `content/media/` made ready for the web by the
/// `media` stage: upright, in sRGB, without metadata, in a few widths.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Picture {
    /// Of the upright source.
    pub width: u32,
    pub height: u32,
    /// Narrowest first; each width in WebP and in the source's format.
    pub variants: Vec<PictureVariant>,
}

/// One resized file of a [`Picture`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PictureVariant {
    /// Output path, `media/offers/dune.960w-q72.1a2b3c4d5e.webp`.
    pub path: String,
    pub width: u32,
    pub height: u32,
    /// `image/webp`, `image/jpeg` or `image/png`.
    pub mime: &'static str,
    /// The processed file in the media cache.
    pub source: PathBuf,
}

/// Everything a renderer needs, validated. Lists are sorted in a stable order
/// (by id, or weight then id for documents) so output is deterministic.
#[derive(Debug, Clone)]
pub struct Site {
    pub config: SiteConfig,
    pub categories: Vec<Category>,
    pub destinations: Vec<Destination>,
    pub branches: Vec<Branch>,
    pub partners: Vec<Partner>,
    /// Every offer that is published (drafts only when asked for).
    pub offers: Vec<Offer>,
    pub terms: Vec<Document>,
    pub pages: Vec<Document>,
    pub ui: UiStrings,
    pub theme: Theme,
    pub media: Vec<MediaFile>,
    /// Resized variants of the raster pictures the content shows, by media
    /// path; filled by [`crate::media::prepare`] after validation.
    pub pictures: BTreeMap<String, Picture>,
    /// The build date that offer status is judged against.
    pub now: Date,
}

impl Site {
    pub fn partner(&self, id: &str) -> Option<&Partner> {
        self.partners.iter().find(|p| p.id == id)
    }

    pub fn category(&self, id: &str) -> Option<&Category> {
        self.categories.iter().find(|c| c.id == id)
    }

    pub fn destination(&self, id: &str) -> Option<&Destination> {
        self.destinations.iter().find(|d| d.id == id)
    }

    pub fn term(&self, id: &str) -> Option<&Document> {
        self.terms.iter().find(|d| d.id == id)
    }
}
