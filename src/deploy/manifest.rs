//! The deploy manifest: one small object beside the site recording, for
//! each file the last deploy left, its hash, headers and the ETag the
//! storage gave it. A later deploy trusts an entry only while the object's
//! listed ETag is still that one, so a no-op deploy needs one listing and
//! one read instead of a request per object; any object the manifest cannot
//! vouch for (a deploy that died before writing it, an object changed by
//! hand) is asked for the hash in its own metadata.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

/// Its key below the target's prefix; never part of a build (a hidden
/// name `build` does not write), never deleted as stale.
pub const MANIFEST: &str = ".offersite-deploy.json";

pub fn is_manifest(key: &str) -> bool {
    key == MANIFEST
}

#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct Manifest {
    pub version: u32,
    pub files: BTreeMap<String, Entry>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Entry {
    pub sha256: String,
    pub etag: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub content_type: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cache_control: Option<String>,
}

pub const VERSION: u32 = 1;

impl Manifest {
    /// A manifest of another version, or unreadable, vouches for nothing.
    pub fn parse(bytes: &[u8]) -> Manifest {
        match serde_json::from_slice::<Manifest>(bytes) {
            Ok(m) if m.version == VERSION => m,
            _ => Manifest::default(),
        }
    }

    pub fn to_bytes(&self) -> Vec<u8> {
        let mut m = self.clone();
        m.version = VERSION;
        serde_json::to_vec(&m).unwrap_or_default()
    }
}

/// ETags compare without quotes or a weak marker (stores differ in how
/// they return them from a listing and from an upload).
pub fn normalize_etag(etag: &str) -> String {
    etag.trim_start_matches("W/")
        .trim_matches('"')
        .to_ascii_lowercase()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_foreign_or_broken_manifest_vouches_for_nothing() {
        assert!(Manifest::parse(b"not json").files.is_empty());
        assert!(
            Manifest::parse(br#"{"version": 99, "files": {"a": {"sha256": "x", "etag": "y"}}}"#)
                .files
                .is_empty()
        );
        let mut m = Manifest::default();
        m.files.insert(
            "a.html".into(),
            Entry {
                sha256: "x".into(),
                etag: "y".into(),
                content_type: None,
                cache_control: None,
            },
        );
        assert_eq!(Manifest::parse(&m.to_bytes()).files, m.files);
        assert_eq!(normalize_etag("W/\"AbC\""), "abc");
    }
}
