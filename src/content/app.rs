//! `site.yaml`'s `app:` section (the mobile app allowed to open the site's
//! links) and `coupon_barcode:`. Ids and fingerprints are checked here, with
//! their positions, because a wrong one only shows on a phone, silently:
//! the link opens the browser instead of the app.

use serde_yaml::Value;

use super::fields::{Record, kind_of};
use super::problem::{Loc, Problem};
use super::shapes;
use super::yaml::YamlPath;
use crate::model::{AndroidApp, AppLinks, Barcode};

/// `coupon_barcode: qr | code128 | none` (default `qr`).
pub fn barcode(r: &mut Record) -> Barcode {
    let Some(value) = r.get("coupon_barcode") else {
        return Barcode::default();
    };
    match value.as_str() {
        Some("qr") => Barcode::Qr,
        Some("code128") => Barcode::Code128,
        Some("none") => Barcode::None,
        _ => {
            let at = r.at("coupon_barcode");
            r.problems.push(
                Problem::error(
                    Loc::Yaml(at),
                    format!(
                        "`coupon_barcode` must be qr, code128 or none, found {}",
                        shown(value)
                    ),
                )
                .hint("write `coupon_barcode: qr` (the default) or `coupon_barcode: code128`"),
            );
            Barcode::default()
        }
    }
}

/// The `app:` section, if present. `None` also when it has errors (they are
/// in `r.problems`).
pub fn app(r: &mut Record) -> Option<AppLinks> {
    let value = r.get("app")?;
    let path = r.at("app");
    let problems = &mut *r.problems;
    let before = problems.len();
    let mut a = Record::open(value, path.clone(), "`app`", shapes::app_fields(), problems)?;
    let mut links = AppLinks::default();
    for (item, at) in list(&mut a, "ios") {
        let Some(mut ir) = Record::open(
            item,
            at.clone(),
            "an iOS app",
            shapes::ios_app_fields(),
            a.problems,
        ) else {
            continue;
        };
        let team = ir.string("team_id", Some("ABCDE12345"));
        let bundle = ir.string("bundle_id", Some("com.example.travelcard"));
        if let Some(t) = &team
            && !(t.len() == 10
                && t.bytes()
                    .all(|b| b.is_ascii_uppercase() || b.is_ascii_digit()))
        {
            let at = ir.at("team_id");
            ir.problems.push(
                Problem::error(Loc::Yaml(at), format!("team_id {t:?} is not an Apple team id"))
                    .hint("a team id is 10 upper-case letters and digits, e.g. ABCDE12345 (Apple Developer account, Membership details)"),
            );
        }
        if let Some(b) = &bundle
            && !is_bundle_id(b)
        {
            let at = ir.at("bundle_id");
            ir.problems.push(
                Problem::error(Loc::Yaml(at), format!("bundle_id {b:?} is not a bundle id"))
                    .hint("a bundle id is reverse-DNS: letters, digits, `-` and `.`, e.g. com.example.travelcard"),
            );
        }
        if let (Some(t), Some(b)) = (team, bundle) {
            links.ios.push(format!("{t}.{b}"));
        }
    }
    for (item, at) in list(&mut a, "android") {
        let Some(mut ar) = Record::open(
            item,
            at.clone(),
            "an Android app",
            shapes::android_app_fields(),
            a.problems,
        ) else {
            continue;
        };
        let package = ar.string("package", Some("com.example.travelcard"));
        if let Some(p) = &package
            && !is_package(p)
        {
            let at = ar.at("package");
            ar.problems.push(
                Problem::error(Loc::Yaml(at), format!("package {p:?} is not an Android package name"))
                    .hint("a package name has at least two `.`-separated parts, each a letter then letters, digits or `_`, e.g. com.example.travelcard"),
            );
        }
        let mut sha256 = Vec::new();
        for (print, at) in list(&mut ar, "sha256_cert_fingerprints") {
            match print.as_str().and_then(fingerprint) {
                Some(f) => sha256.push(f),
                None => ar.problems.push(
                    Problem::error(
                        Loc::Yaml(at),
                        format!("{} is not a SHA-256 certificate fingerprint", shown(print)),
                    )
                    .hint("write the 32 bytes as hex pairs joined by `:`, as `keytool -list -v` prints after SHA256: (e.g. 14:6D:E9:…)"),
                ),
            }
        }
        if !ar.has("sha256_cert_fingerprints") {
            ar.required("sha256_cert_fingerprints", "[\"14:6D:E9:…\"]");
        }
        if let Some(package) = package {
            links.android.push(AndroidApp { package, sha256 });
        }
    }
    for (p, at) in list(&mut a, "paths") {
        match p.as_str() {
            Some(s) if s.starts_with('/') && !s.contains([' ', '?', '#', '"', '\\', '<', '>']) => {
                links.paths.push(s.to_string());
            }
            _ => a.problems.push(
                Problem::error(Loc::Yaml(at), format!("{} is not a site path", shown(p))).hint(
                    "write a path from the site's root, `*` for any part, e.g. \"/*/offers/*\"",
                ),
            ),
        }
    }
    if links.ios.is_empty() && links.android.is_empty() && a.problems.len() == before {
        a.problems.push(
            Problem::error(Loc::Yaml(path), "`app` names no app")
                .hint("add `ios: [{team_id: …, bundle_id: …}]` or `android: [{package: …, sha256_cert_fingerprints: […]}]`, or remove `app`"),
        );
    }
    (a.problems.len() == before).then_some(links)
}

/// The entries of a list field with their paths; anything else is reported.
fn list<'v>(r: &mut Record<'v>, name: &str) -> Vec<(&'v Value, YamlPath)> {
    let Some(value) = r.get(name) else {
        return Vec::new();
    };
    let path = r.at(name);
    match value {
        Value::Sequence(items) => items
            .iter()
            .enumerate()
            .map(|(i, v)| (v, path.index(i)))
            .collect(),
        other => {
            r.problems.push(
                Problem::error(
                    Loc::Yaml(path),
                    format!("`{name}` must be a list, found {}", kind_of(other)),
                )
                .hint(format!(
                    "write `{name}:` followed by lines starting with `- `"
                )),
            );
            Vec::new()
        }
    }
}

fn shown(value: &Value) -> String {
    match value {
        Value::String(s) => format!("{s:?}"),
        other => kind_of(other).to_string(),
    }
}

fn is_bundle_id(id: &str) -> bool {
    !id.is_empty()
        && !id.starts_with('.')
        && !id.ends_with('.')
        && !id.contains("..")
        && id
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'.')
}

fn is_package(name: &str) -> bool {
    let parts: Vec<&str> = name.split('.').collect();
    parts.len() >= 2
        && parts.iter().all(|p| {
            let mut bytes = p.bytes();
            bytes.next().is_some_and(|b| b.is_ascii_alphabetic())
                && bytes.all(|b| b.is_ascii_alphanumeric() || b == b'_')
        })
}

/// A SHA-256 fingerprint as `assetlinks.json` wants it (`AB:CD:…`, upper
/// case), from that form in any case or from 64 bare hex digits.
pub fn fingerprint(text: &str) -> Option<String> {
    let text = text.trim();
    let pairs: Vec<&str> = if text.contains(':') {
        text.split(':').collect()
    } else if text.len() == 64 && text.is_ascii() {
        (0..32).map(|i| &text[2 * i..2 * i + 2]).collect()
    } else {
        return None;
    };
    let ok = pairs.len() == 32
        && pairs
            .iter()
            .all(|p| p.len() == 2 && p.bytes().all(|b| b.is_ascii_hexdigit()));
    ok.then(|| pairs.join(":").to_ascii_uppercase())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fingerprints_are_normalised_or_refused() {
        let bare = "146de983c5730650ee1c15d1c0a8e2d19e6fa1b2c3d4e5f60718293a4b5c6d7e";
        let f = fingerprint(bare).unwrap();
        assert_eq!(f.len(), 95);
        assert!(f.starts_with("14:6D:E9:83:"));
        assert_eq!(fingerprint(&f.to_lowercase()).as_deref(), Some(f.as_str()));
        assert_eq!(fingerprint("14:6D:E9"), None);
        assert_eq!(fingerprint(&bare.replace('1', "g")), None);
    }

    #[test]
    fn ids_follow_the_platforms_rules() {
        assert!(is_bundle_id("com.example.travel-card"));
        assert!(!is_bundle_id("com..example"));
        assert!(!is_bundle_id("com example"));
        assert!(is_package("com.example.travel_card"));
        assert!(!is_package("travelcard"));
        assert!(!is_package("com.1example"));
        assert!(!is_package("com.example-card"));
    }
}
