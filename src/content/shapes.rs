//! The shape of every content file, declared once.
//!
//! Each record's fields are written here as a Rust type. Two things come
//! from it: the list of known fields the loader checks records against
//! (`unknown field … did you mean …`), and the JSON Schema that
//! `offersite schema` writes for editors' autocompletion. A new field is
//! added here and nowhere else, so the loader and the schema cannot drift.
//! What a value *means* (references, dates in order, 折 and percent) is
//! still the loader's job; the schema only guides typing.
//!
//! These types are never built: they exist for their shape.
#![allow(dead_code)]

use std::borrow::Cow;
use std::sync::LazyLock;

use schemars::{JsonSchema, Schema, SchemaGenerator, generate::SchemaSettings, json_schema};

/// A text per language; `offersite schema` fills in the site's languages.
pub struct Text;

/// The name of [`Text`]'s definition in a generated schema.
pub const TEXT_DEF: &str = "Text";

impl JsonSchema for Text {
    fn schema_name() -> Cow<'static, str> {
        TEXT_DEF.into()
    }

    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "description": "A text per language, e.g. {zh: …, en: …}",
            "type": "object",
            "additionalProperties": {"type": ["string", "number"]},
            "minProperties": 1
        })
    }
}

/// Declares a string type by its pattern.
macro_rules! pattern_type {
    ($name:ident, $pattern:literal, $description:literal) => {
        pub struct $name;

        impl JsonSchema for $name {
            fn schema_name() -> Cow<'static, str> {
                stringify!($name).into()
            }

            fn inline_schema() -> bool {
                true
            }

            fn json_schema(_: &mut SchemaGenerator) -> Schema {
                json_schema!({
                    "description": $description,
                    "type": "string",
                    "pattern": $pattern
                })
            }
        }
    };
}

pattern_type!(
    Id,
    "^[a-z0-9]([a-z0-9-]*[a-z0-9])?$",
    "An id: lowercase ASCII letters, digits and `-`"
);
pattern_type!(Date, "^[0-9]{4}-[0-9]{2}-[0-9]{2}$", "A date, YYYY-MM-DD");
pattern_type!(
    WebAddress,
    "^https?://[^\\s]+$",
    "A full web address, https://…"
);
pattern_type!(
    CurrencyCode,
    "^[A-Z]{3}$",
    "An ISO 4217 currency code such as USD"
);
pattern_type!(
    CountryCode,
    "^[A-Z]{2}$",
    "An ISO 3166 two-letter country code such as US"
);

/// `content/site.yaml`
#[derive(JsonSchema)]
#[schemars(deny_unknown_fields)]
pub struct SiteFile {
    /// The address the site is published at, e.g. https://offers.example.com
    pub base_url: WebAddress,
    /// The site's languages; the first is the default
    #[schemars(length(min = 1))]
    pub languages: Vec<LanguageEntry>,
    /// The site's title per language
    pub title: Text,
    /// The site's description per language
    pub description: Text,
    /// Offers per listing page (default 24)
    #[schemars(range(min = 1, max = 1000))]
    pub page_size: Option<u32>,
    /// Show the default language's text where a translation is missing
    pub translation_fallback: Option<bool>,
    /// Pass raw HTML in Markdown through
    pub allow_raw_html: Option<bool>,
    /// The card's mobile apps, for iOS universal links and Android app links
    pub app: Option<AppSection>,
    /// How coupon codes are drawn for the till's scanner (default qr)
    pub coupon_barcode: Option<BarcodeShape>,
    /// Also write the cache headers as a `_headers` file (Netlify, Cloudflare Pages)
    pub headers_file: Option<bool>,
    /// Where `offersite deploy` publishes; the first is the default
    pub deploy: Option<Vec<DeployEntry>>,
}

/// One target of `deploy:` in `site.yaml`. Credentials never go here: they
/// come from the `AWS_*` environment variables.
#[derive(JsonSchema)]
#[schemars(deny_unknown_fields)]
pub struct DeployEntry {
    /// What `--target` takes, e.g. production
    pub name: Id,
    /// s3://BUCKET/PREFIX or file:///PATH
    #[schemars(regex(pattern = "^(s3://[^/]+/?.*|file:///.*)$"))]
    pub url: String,
    /// An S3-compatible service's address, e.g. https://oss-cn-hangzhou.aliyuncs.com
    pub endpoint: Option<WebAddress>,
    /// The service's region, e.g. cn-hangzhou
    pub region: Option<String>,
    /// https://BUCKET.endpoint/ addressing (OSS and COS need it)
    pub virtual_hosted_style: Option<bool>,
}

/// `app:` of `site.yaml`.
#[derive(JsonSchema)]
#[schemars(deny_unknown_fields)]
pub struct AppSection {
    /// iOS apps
    pub ios: Option<Vec<IosApp>>,
    /// Android apps
    pub android: Option<Vec<AndroidApp>>,
    /// The site paths the apps open (default: every language's offer pages)
    pub paths: Option<Vec<String>>,
}

/// One iOS app of `app: ios:`.
#[derive(JsonSchema)]
#[schemars(deny_unknown_fields)]
pub struct IosApp {
    /// The Apple developer team id: ten upper-case letters and digits
    #[schemars(regex(pattern = "^[A-Z0-9]{10}$"))]
    pub team_id: String,
    /// The app's bundle id, e.g. com.example.card
    pub bundle_id: String,
}

/// One Android app of `app: android:`.
#[derive(JsonSchema)]
#[schemars(deny_unknown_fields)]
pub struct AndroidApp {
    /// The app's package name, e.g. com.example.card
    pub package: String,
    /// SHA-256 fingerprints of the app's signing certificates, AA:BB:…
    pub sha256_cert_fingerprints: Vec<String>,
}

/// `coupon_barcode:` of `site.yaml`.
#[derive(JsonSchema)]
#[schemars(rename_all = "lowercase")]
pub enum BarcodeShape {
    Qr,
    Code128,
    None,
}

/// One of `site.yaml`'s languages.
#[derive(JsonSchema)]
#[schemars(deny_unknown_fields)]
pub struct LanguageEntry {
    /// The URL prefix, e.g. zh
    #[schemars(regex(pattern = "^[a-z]{2,8}$"))]
    pub code: String,
    /// The BCP 47 locale of `<html lang>`, e.g. zh-Hans
    pub locale: String,
    /// The language's own name, e.g. 中文
    pub name: String,
}

/// An entry of `content/categories.yaml`
#[derive(JsonSchema)]
#[schemars(deny_unknown_fields)]
pub struct CategoryEntry {
    pub id: Id,
    pub name: Text,
    /// The category's page title where "<name> offers" would not read right,
    /// e.g. {en: Theme park offers}; only the languages that need it
    pub title_phrase: Option<PartialText>,
}

/// An entry of `content/destinations.yaml`
#[derive(JsonSchema)]
#[schemars(deny_unknown_fields)]
pub struct DestinationEntry {
    pub id: Id,
    pub name: Text,
    pub country: CountryCode,
}

/// An entry of `content/branches.yaml`
#[derive(JsonSchema)]
#[schemars(deny_unknown_fields)]
pub struct BranchEntry {
    pub id: Id,
    pub city: Text,
    pub province: Text,
    /// The branch's name
    pub name: Text,
    pub address: Text,
    /// Opening hours
    pub hours: Text,
    /// The phone number, quoted: "+86 25 0000 0000"
    pub phone: String,
}

/// `content/partners/<id>.yaml`
#[derive(JsonSchema)]
#[schemars(deny_unknown_fields)]
pub struct PartnerFile {
    /// The merchant's name per language
    pub name: Text,
    pub website: WebAddress,
    /// A path under content/media/, e.g. logos/macys.svg
    pub logo: Option<String>,
    /// About the partner, Markdown per language
    pub about: Option<Text>,
}

/// `content/offers/<id>.yaml`
#[derive(JsonSchema)]
#[schemars(deny_unknown_fields)]
pub struct OfferFile {
    /// The id of a partner (content/partners/<id>.yaml)
    pub partner: Id,
    /// The id of a category (content/categories.yaml)
    pub category: Id,
    pub title: Text,
    pub summary: Text,
    /// Markdown per language
    pub body: Option<Text>,
    pub discount: DiscountShape,
    /// The code shown to the tourist
    pub coupon_code: Option<String>,
    /// How the tourist uses the code (default till)
    pub redeem: Option<RedeemShape>,
    pub valid_from: Date,
    pub valid_until: Date,
    /// Ids of destinations (content/destinations.yaml), at least one
    #[schemars(length(min = 1))]
    pub destinations: Vec<Id>,
    /// Ids of service terms that apply (content/terms/)
    pub terms: Option<Vec<Id>>,
    /// A path under content/media/
    pub image: Option<String>,
    /// Shown on the home page
    pub featured: Option<bool>,
    /// Not built unless --drafts
    pub draft: Option<bool>,
}

/// The kinds of discount; an offer's discount has exactly one.
pub const DISCOUNT_KINDS: &[&str] = &["percent", "zhe", "amount", "text"];

/// An offer's discount: exactly one of the [`DISCOUNT_KINDS`].
#[derive(JsonSchema)]
#[schemars(deny_unknown_fields, transform = exactly_one_kind)]
pub struct DiscountShape {
    /// Percent off, 1 to 99: 10 is 10% off, 九折
    #[schemars(range(min = 1, max = 99))]
    pub percent: Option<u8>,
    /// 折, the share paid in tenths: 8.5 is 八五折 (15% off); instead of percent
    #[schemars(range(min = 0.1, max = 9.9))]
    pub zhe: Option<f64>,
    /// An amount off
    pub amount: Option<Money>,
    /// Any other discount, per language
    pub text: Option<Text>,
    /// The least the tourist must spend (percent or amount discounts)
    pub min_spend: Option<Money>,
    /// What an amount discount is counted by (amount discounts)
    pub per: Option<PerShape>,
}

/// `per:` of an amount discount.
#[derive(JsonSchema)]
#[schemars(rename_all = "kebab-case")]
pub enum PerShape {
    Night,
    Ticket,
    Person,
}

/// `redeem:` of an offer.
#[derive(JsonSchema)]
#[schemars(rename_all = "kebab-case")]
pub enum RedeemShape {
    Till,
    Booking,
    TicketOffice,
    Online,
}

/// A text in some of the site's languages.
pub struct PartialText;

impl JsonSchema for PartialText {
    fn schema_name() -> Cow<'static, str> {
        "PartialText".into()
    }

    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "description": "A text in some of the site's languages, e.g. {en: …}",
            "type": "object",
            "additionalProperties": {"type": ["string", "number"]}
        })
    }
}

fn exactly_one_kind(schema: &mut Schema) {
    let one_of: Vec<serde_json::Value> = DISCOUNT_KINDS
        .iter()
        .map(|k| serde_json::json!({"required": [k]}))
        .collect();
    schema.insert("oneOf".into(), one_of.into());
}

/// A sum of money.
#[derive(JsonSchema)]
#[schemars(deny_unknown_fields)]
pub struct Money {
    #[schemars(range(min = 0.01))]
    pub value: f64,
    pub currency: CurrencyCode,
}

/// The front matter of `content/terms/` and `content/pages/` files.
#[derive(JsonSchema)]
#[schemars(deny_unknown_fields)]
pub struct FrontMatter {
    pub title: String,
    pub summary: String,
    /// Ordering: lower comes first
    pub weight: Option<i64>,
    pub draft: Option<bool>,
}

/// How schemas are generated: draft-07, which every YAML editor reads.
pub fn generator() -> SchemaGenerator {
    SchemaSettings::draft07().into_generator()
}

/// The property names of `T`'s schema, in declaration order.
fn property_names<T: JsonSchema>() -> Vec<&'static str> {
    let schema = generator().into_root_schema_for::<T>();
    let names: Vec<String> = schema
        .get("properties")
        .and_then(|p| p.as_object())
        .map(|p| p.keys().cloned().collect())
        .unwrap_or_default();
    // Computed once per record type and kept for the run.
    names
        .into_iter()
        .map(|n| &*Box::leak(n.into_boxed_str()))
        .collect()
}

macro_rules! known_fields {
    ($($fn:ident: $t:ty;)*) => {
        $(
            /// The fields the loader accepts, from the type's schema.
            pub fn $fn() -> &'static [&'static str] {
                static NAMES: LazyLock<Vec<&'static str>> = LazyLock::new(property_names::<$t>);
                NAMES.as_slice()
            }
        )*
    };
}

known_fields! {
    site_fields: SiteFile;
    app_fields: AppSection;
    deploy_fields: DeployEntry;
    ios_app_fields: IosApp;
    android_app_fields: AndroidApp;
    language_fields: LanguageEntry;
    category_fields: CategoryEntry;
    destination_fields: DestinationEntry;
    branch_fields: BranchEntry;
    partner_fields: PartnerFile;
    offer_fields: OfferFile;
    discount_fields: DiscountShape;
    money_fields: Money;
    front_matter_fields: FrontMatter;
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fields_come_in_declaration_order() {
        assert_eq!(category_fields(), ["id", "name", "title_phrase"]);
        assert_eq!(offer_fields()[..3], ["partner", "category", "title"]);
        assert!(DISCOUNT_KINDS.iter().all(|k| discount_fields().contains(k)));
        assert_eq!(money_fields(), ["value", "currency"]);
    }

    fn schema_required<T: JsonSchema>() -> Vec<String> {
        let schema = generator().into_root_schema_for::<T>().to_value();
        let mut names: Vec<String> = schema["required"]
            .as_array()
            .map(|a| {
                a.iter()
                    .filter_map(|v| v.as_str().map(String::from))
                    .collect()
            })
            .unwrap_or_default();
        names.sort();
        names
    }

    /// The fields the loader reports missing from an empty record.
    fn loader_required(
        read: impl FnOnce(&serde_yaml::Value, &mut Vec<super::super::problem::Problem>),
    ) -> Vec<String> {
        let empty = serde_yaml::Value::Mapping(Default::default());
        let mut problems = Vec::new();
        read(&empty, &mut problems);
        let mut names: Vec<String> = problems
            .iter()
            .filter_map(|p| p.message.strip_prefix("missing required field `"))
            .map(|n| n.trim_end_matches('`').to_string())
            .collect();
        names.sort();
        names
    }

    #[test]
    fn the_schema_requires_what_the_loader_requires() {
        use super::super::fields::Languages;
        use super::super::items::{self, Extras};
        use super::super::yaml::YamlPath;
        let langs = Languages {
            codes: vec!["zh".into(), "en".into()],
            fallback: false,
        };
        let mut extras = Extras::default();
        assert_eq!(
            loader_required(|v, p| {
                items::offer("x", v, &langs, p, &mut extras);
            }),
            schema_required::<OfferFile>()
        );
        assert_eq!(
            loader_required(|v, p| {
                items::partner("x", v, &langs, p, &mut Extras::default());
            }),
            schema_required::<PartnerFile>()
        );
        assert_eq!(
            loader_required(|v, p| {
                items::branch(v, YamlPath::root(), &langs, p);
            }),
            schema_required::<BranchEntry>()
        );
        assert_eq!(
            loader_required(|v, p| {
                items::destination(v, YamlPath::root(), &langs, p);
            }),
            schema_required::<DestinationEntry>()
        );
        assert_eq!(
            loader_required(|v, p| {
                items::category(v, YamlPath::root(), &langs, p);
            }),
            schema_required::<CategoryEntry>()
        );
        assert_eq!(
            loader_required(|v, p| {
                crate::content::config::parse(v, p);
            }),
            schema_required::<SiteFile>()
        );
    }
}
