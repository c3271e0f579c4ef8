//! offersite turns a travel-card programme's partner offers, branch cities
//! and service terms (YAML and Markdown) into a bilingual static site.
//!
//! Data flows one way through the stages:
//! files → [`content`] (load and validate, with [`content::config`] and [`theme`]) →
//! [`model::Site`] → [`media`] (pictures resized, cached) → [`render`] (pages in memory) → [`output`] (written site).
//! [`serve`] and [`cli`] drive those stages; [`diagnostics`] carries problems.

// Lets code shared with the integration tests (`tests/site/common/tiny.rs`)
// name this crate `offersite` in the unit tests too.
#[cfg(test)]
extern crate self as offersite;

pub mod cli;
pub mod content;
pub mod countries;
pub mod deploy;
pub mod diagnostics;
pub mod fingerprint;
pub mod format;
pub mod headers;
pub mod html;
pub mod init;
pub mod markdown;
pub mod media;
pub mod model;
pub mod output;
pub mod pipeline;
pub mod render;
pub mod scaffold;
pub mod schema;
pub mod serve;
pub mod theme;
pub mod timings;
pub mod urls;
