//! The integration tests, as one test binary: each suite is a module, and
//! all share the one helper, [`common`] (its module comment says how to
//! use it and how to add a suite). One binary links the library once
//! instead of once per suite.
//!
//! Run one suite with `cargo test --test site <suite>::`, e.g.
//! `cargo test --test site check::`.

mod common;

mod bad_input;
mod build;
mod cache_headers;
mod check;
mod ci;
mod deploy_s3;
mod fuzz_regressions;
mod killed_build;
mod load_cache;
mod media;
mod offline;
mod render_api;
mod render_idioms;
mod render_incremental;
mod render_pages;
mod render_safety;
mod render_scale;
mod render_search;
mod render_site;
mod scaffold;
mod schema;
mod serve;
mod shipped_catalog;
