//! The phases of a load, in the order [`super::load_cached`] runs them:
//!
//! 1. [`settings`]: `site.yaml`, whose languages decide how every text is
//!    checked;
//! 2. [`lists`]: `categories.yaml`, `destinations.yaml`, `branches.yaml`;
//! 3. [`records`]: one file per partner and offer, from the cache when
//!    unchanged;
//! 4. [`documents`]: terms and free pages, one Markdown file per language;
//! 5. [`ui`]: the theme's UI strings;
//! 6. [`checks`]: what needs the whole site (references between records,
//!    links and pictures in Markdown);
//! 7. [`lifecycle`]: drafts left out, notes on ended and upcoming offers.
//!
//! Each phase adds the files it reads to the [`super::run::Run`] and hands
//! on what it made in a named struct.

pub(super) mod checks;
pub(super) mod documents;
pub(super) mod lifecycle;
pub(super) mod lists;
pub(super) mod records;
pub(super) mod settings;
pub(super) mod ui;
