//! Loading `site.yaml`.
