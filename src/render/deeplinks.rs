//! The files that let the card's app open the site's links itself: iOS
//! universal links (`/.well-known/apple-app-site-association`, JSON without
//! an extension) and Android app links (`/.well-known/assetlinks.json`).
//! Written only when `site.yaml` has an `app:` section.

use serde_json::{Value, json};

use super::index::Index;
use crate::model::AppLinks;
use crate::output::OutputFile;
use crate::urls;

/// Both files, or none without `app:`.
pub fn files(index: &Index) -> Vec<OutputFile> {
    let Some(app) = &index.site.config.app else {
        return Vec::new();
    };
    let paths = handled_paths(app, index);
    let mut out = Vec::new();
    if !app.ios.is_empty() {
        out.push(file(
            urls::APPLE_APP_SITE_ASSOCIATION,
            &apple_app_site_association(app, &paths),
        ));
    }
    if !app.android.is_empty() {
        out.push(file(urls::ASSETLINKS, &assetlinks(app)));
    }
    out
}

fn file(path: &str, value: &Value) -> OutputFile {
    let mut text = serde_json::to_string_pretty(value).expect("JSON values serialise");
    text.push('\n');
    OutputFile::bytes(urls::file_for(path), text)
}

/// The paths the app opens, as links in pages are written (with the base
/// URL's path): `app.paths`, or every language's offer pages.
fn handled_paths(app: &AppLinks, index: &Index) -> Vec<String> {
    if app.paths.is_empty() {
        index
            .site
            .config
            .languages
            .iter()
            .map(|l| index.urls.rel(&format!("{}*", urls::offers(&l.code))))
            .collect()
    } else {
        app.paths.iter().map(|p| index.urls.rel(p)).collect()
    }
}

/// Apple's format: `applinks.details[]` with `appIDs` and `components` (iOS
/// 13 and later) and the older `appID` and `paths` beside them, so that
/// every iOS version the app supports reads it.
fn apple_app_site_association(app: &AppLinks, paths: &[String]) -> Value {
    let details: Vec<Value> = app
        .ios
        .iter()
        .map(|id| {
            json!({
                "appID": id,
                "appIDs": [id],
                "paths": paths,
                "components": paths.iter().map(|p| json!({"/": p})).collect::<Vec<_>>(),
            })
        })
        .collect();
    json!({"applinks": {"apps": [], "details": details}})
}

/// Google's Digital Asset Links statement list: one `handle_all_urls`
/// grant per Android package.
fn assetlinks(app: &AppLinks) -> Value {
    Value::Array(
        app.android
            .iter()
            .map(|a| {
                json!({
                    "relation": ["delegate_permission/common.handle_all_urls"],
                    "target": {
                        "namespace": "android_app",
                        "package_name": a.package,
                        "sha256_cert_fingerprints": a.sha256,
                    }
                })
            })
            .collect(),
    )
}
