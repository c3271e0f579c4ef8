//! The theme's assets under fingerprinted names (`assets/style.3f9a1c2e.css`),
//! and the one mapping from an asset's own path to the URL pages use: the
//! templates' `asset_url(path="assets/style.css")` and the `assets` map in
//! every page's context (for whatever needs the whole list, e.g. a service
//! worker's precache) both read it.
//!
//! Other generated files that should be cached for a year (processed
//! images) can be added with [`Assets::add`] and get the same treatment.

use std::collections::{BTreeMap, HashMap};

use tera::Value;

use crate::fingerprint;
use crate::model::Site;
use crate::output::OutputFile;
use crate::urls::Urls;

#[derive(Debug, Clone, Default)]
pub struct Assets {
    /// Own output path (`assets/style.css`) → link to the hashed file.
    urls: BTreeMap<String, String>,
    /// The hashed files to write.
    files: Vec<OutputFile>,
}

impl Assets {
    /// Every file of the theme's `assets/`.
    pub fn new(site: &Site, urls: &Urls) -> Assets {
        let mut assets = Assets::default();
        for a in &site.theme.assets {
            assets.add(&a.path, a.bytes.clone(), urls);
        }
        assets
    }

    /// Adds a file to be written under its fingerprinted name; returns the
    /// link to it.
    pub fn add(&mut self, path: &str, bytes: Vec<u8>, urls: &Urls) -> String {
        let hashed = fingerprint::hashed_name(path, &bytes);
        let url = urls.rel(&format!("/{}", crate::urls::encode_path(&hashed)));
        self.urls.insert(path.to_string(), url.clone());
        self.files.push(OutputFile::bytes(hashed, bytes));
        url
    }

    /// The link to the fingerprinted copy of `path` (`assets/style.css`).
    pub fn url(&self, path: &str) -> Option<&str> {
        self.urls.get(path).map(String::as_str)
    }

    /// The link pages use for the theme's `assets/<name>`: its fingerprinted
    /// copy, or the plain name for a file the theme does not have.
    pub fn link(&self, name: &str, urls: &Urls) -> String {
        self.url(&format!("assets/{name}"))
            .map_or_else(|| urls.rel(&crate::urls::asset(name)), str::to_string)
    }

    /// Own path → link, for templates.
    pub fn map(&self) -> &BTreeMap<String, String> {
        &self.urls
    }

    /// The fingerprinted files, for the output.
    pub fn files(&self) -> &[OutputFile] {
        &self.files
    }
}

/// The templates' `asset_url(path="assets/icon.svg")`.
pub struct AssetUrl(pub BTreeMap<String, String>);

impl tera::Function for AssetUrl {
    fn call(&self, args: &HashMap<String, Value>) -> tera::Result<Value> {
        let Some(Value::String(path)) = args.get("path") else {
            return Err(
                "asset_url() needs a string argument `path`, e.g. asset_url(path=\"assets/style.css\")"
                    .into(),
            );
        };
        let path = path.trim_start_matches('/');
        match self.0.get(path) {
            Some(url) => Ok(Value::String(url.clone())),
            None => Err(format!(
                "asset_url(): there is no theme file `{path}`; the theme's assets are: {}",
                self.0.keys().cloned().collect::<Vec<_>>().join(", ")
            )
            .into()),
        }
    }

    fn is_safe(&self) -> bool {
        false
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn links_point_at_the_hashed_copy() {
        let urls = Urls::new("https://x.example/preview");
        let mut assets = Assets::default();
        let url = assets.add("assets/style.css", b"body{}".to_vec(), &urls);
        let hashed = fingerprint::hashed_name("assets/style.css", b"body{}");
        assert_eq!(url, format!("/preview/{hashed}"));
        assert_eq!(assets.url("assets/style.css"), Some(url.as_str()));
        assert_eq!(assets.files()[0].path, hashed);
        let f = AssetUrl(assets.map().clone());
        let mut args = HashMap::new();
        args.insert(
            "path".to_string(),
            Value::String("/assets/style.css".into()),
        );
        assert_eq!(tera::Function::call(&f, &args).unwrap(), Value::String(url));
        args.insert("path".to_string(), Value::String("assets/nope.css".into()));
        let err = tera::Function::call(&f, &args).unwrap_err().to_string();
        assert!(err.contains("assets/style.css"), "{err}");
    }
}
