//! Pictures for phones on roaming data. Every raster picture (JPEG, PNG,
//! WebP) that an offer, a partner or a Markdown text shows is resized at
//! build time to a few widths ([`WIDTHS`], never wider than the source), in
//! WebP and in the source's own format as a fallback, turned upright, in
//! sRGB and without any metadata ([`process`]). The results are kept in a
//! cache keyed by the source's bytes and [`PARAMS`] ([`cache`]), so only
//! new or changed pictures cost anything; a cold build processes them in
//! parallel. SVG is served as it is.
//!
//! This stage runs after validation (`content`) and before `render`: it
//! fills [`Site::pictures`], which the renderer turns into `<picture>`
//! elements and output files.

pub mod cache;
pub mod probe;
mod process;

use std::collections::BTreeSet;
use std::path::Path;

use rayon::prelude::*;
use serde::{Deserialize, Serialize};

use crate::diagnostics::Diagnostic;
use crate::model::{Picture, PictureVariant, Site};

pub use process::widths_for;

/// Widths made of each picture. 720 is there for phones: a 375 px screen
/// at device scale 2 shows a full-width photo at 686 device pixels.
pub const WIDTHS: [u32; 4] = [480, 720, 960, 1440];
/// libwebp's lossy quality (0–100).
pub const WEBP_QUALITY: f32 = 72.0;
/// JPEG quality of the fallback of JPEG (and opaque WebP) sources.
pub const JPEG_QUALITY: u8 = 80;
/// A source file larger than this is refused: no phone photo needs it.
pub const MAX_BYTES: u64 = 30 * 1024 * 1024;
/// A source with more pixels than this is refused (decoding it would take
/// about 4 bytes a pixel of memory).
pub const MAX_PIXELS: u64 = 50_000_000;
/// The widest a photo is shown at by the default theme (an offer's
/// picture across the 60rem page, at device scale 1): a narrower source
/// looks blurred there, which earns a warning.
pub const MIN_WIDTH: u32 = 960;
/// The same for a partner's logo, shown 96 px wide (at device scale 2).
pub const MIN_LOGO_WIDTH: u32 = 192;
/// Everything that decides a variant's bytes, part of each cache key:
/// change a parameter (or an encoder) here and every picture is remade.
pub const PARAMS: &str = "v1 widths=480,720,960,1440 webp=libwebp-1.x/q72 jpeg=image-0.25/q80 png=image-0.25 srgb=moxcms-0.8 resize=catmullrom";

/// A picture format the pipeline resizes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Kind {
    Jpeg,
    Png,
    Webp,
}

impl Kind {
    /// By the file's extension; `None` for SVG and everything else, which
    /// are served as they are.
    pub fn of_path(path: &str) -> Option<Kind> {
        let ext = path.rsplit_once('.')?.1.to_ascii_lowercase();
        match ext.as_str() {
            "jpg" | "jpeg" => Some(Kind::Jpeg),
            "png" => Some(Kind::Png),
            "webp" => Some(Kind::Webp),
            _ => None,
        }
    }

    pub fn format(self) -> image::ImageFormat {
        match self {
            Kind::Jpeg => image::ImageFormat::Jpeg,
            Kind::Png => image::ImageFormat::Png,
            Kind::Webp => image::ImageFormat::WebP,
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            Kind::Jpeg => "JPEG",
            Kind::Png => "PNG",
            Kind::Webp => "WebP",
        }
    }

    pub fn ext(self) -> &'static str {
        match self {
            Kind::Jpeg => "jpg",
            Kind::Png => "png",
            Kind::Webp => "webp",
        }
    }

    pub fn mime(self) -> &'static str {
        match self {
            Kind::Jpeg => "image/jpeg",
            Kind::Png => "image/png",
            Kind::Webp => "image/webp",
        }
    }

    /// The format of the fallback of a source of this kind: its own, but a
    /// WebP source falls back to JPEG (or PNG with alpha), which every
    /// browser reads.
    #[must_use]
    pub fn fallback(self, alpha: bool) -> Kind {
        match self {
            Kind::Webp if alpha => Kind::Png,
            Kind::Webp => Kind::Jpeg,
            other => other,
        }
    }

    /// The encoding parameters, as the output file name carries them.
    fn params(self) -> String {
        match self {
            Kind::Webp => format!("q{WEBP_QUALITY}"),
            Kind::Jpeg => format!("q{JPEG_QUALITY}"),
            Kind::Png => "lossless".into(),
        }
    }
}

/// The media paths of the raster pictures the site shows: offers' images,
/// partners' logos and the pictures of Markdown texts (offer bodies,
/// partners' about texts, terms and pages).
pub fn used_pictures(site: &Site) -> BTreeSet<String> {
    let known: BTreeSet<&str> = site.media.iter().map(|m| m.path.as_str()).collect();
    let offers = site.offers.iter().filter_map(|o| o.image.as_deref());
    let logos = site.partners.iter().filter_map(|p| p.logo.as_deref());
    let texts = site
        .offers
        .iter()
        .filter_map(|o| o.body.as_ref())
        .chain(site.partners.iter().filter_map(|p| p.about.as_ref()))
        .chain(site.terms.iter().chain(&site.pages).map(|d| &d.body))
        .flat_map(|t| t.0.values());
    let mut used: BTreeSet<String> = offers
        .chain(logos)
        .filter(|p| Kind::of_path(p).is_some() && known.contains(p))
        .map(str::to_string)
        .collect();
    for text in texts {
        for (url, _) in body_pictures(&text.text) {
            if let Some(path) = body_picture(&url)
                && known.contains(path)
            {
                used.insert(path.to_string());
            }
        }
    }
    used
}

/// The images of a Markdown text, with their byte offsets; none without
/// parsing when the text has no image syntax at all (most texts).
pub fn body_pictures(markdown: &str) -> Vec<(String, usize)> {
    if !markdown.contains("![") {
        return Vec::new();
    }
    crate::markdown::images(markdown)
}

/// The media path of a raster picture an image of a Markdown text shows
/// (`/media/offers/x.jpg` → `offers/x.jpg`), the only form PRODUCT.md
/// gives for media; `None` for SVG, other sites' pictures and other paths,
/// which stay plain `<img>`s.
pub fn body_picture(url: &str) -> Option<&str> {
    let path = url.strip_prefix("/media/")?;
    Kind::of_path(path)?;
    (!path.contains(['?', '#'])).then_some(path)
}

/// Make (or find in the cache) the variants of every picture the site
/// shows, and record them in `site.pictures`. A picture that cannot be
/// processed is an error naming its file.
pub fn prepare(root: &Path, site: &mut Site) -> Result<(), Vec<Diagnostic>> {
    let used = used_pictures(site);
    if used.is_empty() {
        return Ok(());
    }
    let cache = cache::Cache::open(cache::dir_for(root));
    let sources: std::collections::HashMap<&str, &Path> = site
        .media
        .iter()
        .map(|m| (m.path.as_str(), m.source.as_path()))
        .collect();
    let results: Vec<(String, Result<Picture, String>)> = used
        .into_par_iter()
        .map(|path| {
            let kind = Kind::of_path(&path).expect("only raster pictures are used");
            let source = sources[path.as_str()];
            let result = cache
                .get(&path, source, kind)
                .map(|(key, entry)| picture(&path, &key, &entry, &cache));
            (path, result)
        })
        .collect();
    cache.save();
    let mut errors = Vec::new();
    for (path, result) in results {
        match result {
            Ok(p) => {
                site.pictures.insert(path, p);
            }
            Err(why) => errors.push(
                Diagnostic::error(
                    format!("content/media/{path}"),
                    format!("cannot process this picture: {why}"),
                )
                .hint("save it again as a JPEG, PNG or WebP file, e.g. by exporting it from a photo editor"),
            ),
        }
    }
    if errors.is_empty() {
        Ok(())
    } else {
        Err(errors)
    }
}

/// How many hex digits of the cache key a variant's name carries.
const NAME_KEY_LEN: usize = 10;

/// Whether an output path is a processed picture's variant, as [`picture`]
/// names them (`media/x.960w.q72.5f0d3cee09.webp`): its name changes with
/// its bytes, so caches may keep it for good.
pub fn is_variant_path(path: &str) -> bool {
    let Some(file) = path.strip_prefix("media/") else {
        return false;
    };
    let file = file.rsplit('/').next().unwrap_or(file);
    let parts: Vec<&str> = file.rsplitn(5, '.').collect();
    let [_ext, key, _params, width, stem] = parts.as_slice() else {
        return false;
    };
    key.len() == NAME_KEY_LEN
        && key.bytes().all(|b| b.is_ascii_hexdigit())
        && width
            .strip_suffix('w')
            .is_some_and(|w| !w.is_empty() && w.bytes().all(|b| b.is_ascii_digit()))
        && !stem.is_empty()
}

/// The model's view of a cache entry: output paths carry the width, the
/// encoding parameters and (a prefix of) the cache key, which hashes the
/// source's bytes and every parameter, so a changed picture gets new URLs.
fn picture(path: &str, key: &str, entry: &cache::Entry, cache: &cache::Cache) -> Picture {
    let stem = path.rsplit_once('.').map_or(path, |(s, _)| s);
    let dir = cache.dir().join(key);
    Picture {
        width: entry.width,
        height: entry.height,
        variants: entry
            .variants
            .iter()
            .map(|v| PictureVariant {
                path: format!(
                    "media/{stem}.{}w.{}.{}.{}",
                    v.width,
                    v.kind.params(),
                    &key[..NAME_KEY_LEN],
                    v.kind.ext()
                ),
                width: v.width,
                height: v.height,
                mime: v.kind.mime(),
                source: dir.join(&v.file),
            })
            .collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn variant_paths_are_told_from_editors_media() {
        assert!(is_variant_path("media/offers/a.960w.q72.5f0d3cee09.webp"));
        assert!(!is_variant_path("media/offers/a.jpg"));
        assert!(!is_variant_path("media/logos/x.svg"));
        assert!(!is_variant_path("assets/a.960w.q72.5f0d3cee09.webp"));
    }
}
