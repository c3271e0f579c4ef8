//! The media cache: the variants of each processed picture, kept between
//! builds (and shared by `build`, `check` and `serve`) in
//! `ROOT/.offersite-cache/media/` (or `$OFFERSITE_CACHE_DIR/media/`).
//!
//! An entry is a directory named by the hash of the source's bytes and of
//! [`PARAMS`]; it is written under a temporary name and renamed into place
//! when complete, so a killed build never leaves half an entry, and two
//! builds at once at worst both do the work. `index.json` remembers, per
//! source path, the size and modification time the bytes were last hashed
//! at (so an unchanged photo is not read again) and each entry's variants
//! (so an unchanged site needs one small read, not one per picture). It is
//! only a shortcut: losing it costs a re-hash, never a wrong picture.

use std::collections::BTreeMap;
use std::hash::Hasher;
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};

use serde::{Deserialize, Serialize};

use super::process::{self, Output};
use super::{Kind, PARAMS};

/// A source as last hashed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
struct Stamp {
    size: u64,
    mtime_ns: i128,
    digest: u128,
}

/// A processed picture as the cache keeps it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Entry {
    pub width: u32,
    pub height: u32,
    pub variants: Vec<StoredVariant>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StoredVariant {
    /// File name inside the entry's directory.
    pub file: String,
    pub width: u32,
    pub height: u32,
    pub kind: Kind,
}

#[derive(Debug, Default, Serialize, Deserialize)]
struct Index {
    sources: BTreeMap<String, Stamp>,
    entries: BTreeMap<String, Entry>,
}

pub struct Cache {
    dir: PathBuf,
    index: Mutex<Index>,
    dirty: AtomicBool,
    /// How many pictures were processed (not found in the cache) this run.
    pub processed: AtomicU64,
}

/// The cache directory of a site.
pub fn dir_for(root: &Path) -> PathBuf {
    match std::env::var_os("OFFERSITE_CACHE_DIR") {
        Some(dir) if !dir.is_empty() => PathBuf::from(dir).join("media"),
        _ => root.join(".offersite-cache").join("media"),
    }
}

/// 128-bit SipHash with fixed keys: stable across runs and platforms, fast
/// on multi-megabyte photos; collisions are not a concern for a cache key
/// (nobody attacks their own build).
fn hash128(parts: &[&[u8]]) -> u128 {
    let mut h =
        siphasher::sip128::SipHasher13::new_with_keys(0x6f66_6665_7273_6974, 0x006d_6564_6961);
    for p in parts {
        h.write_usize(p.len());
        h.write(p);
    }
    siphasher::sip128::Hasher128::finish128(&h).as_u128()
}

impl Cache {
    pub fn open(dir: PathBuf) -> Cache {
        let index = std::fs::read(dir.join("index.json"))
            .ok()
            .and_then(|b| serde_json::from_slice(&b).ok())
            .unwrap_or_default();
        Cache {
            dir,
            index: Mutex::new(index),
            dirty: AtomicBool::new(false),
            processed: AtomicU64::new(0),
        }
    }

    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// The processed picture of `source` (a media file named `rel`), from
    /// the cache or made now. Returns the entry's key and directory.
    pub fn get(&self, rel: &str, source: &Path, kind: Kind) -> Result<(String, Entry), String> {
        let meta = std::fs::metadata(source).map_err(|e| e.to_string())?;
        let mtime_ns = meta
            .modified()
            .ok()
            .and_then(|t| t.duration_since(std::time::UNIX_EPOCH).ok())
            .map_or(0, |d| d.as_nanos() as i128);
        let known = self.index.lock().unwrap().sources.get(rel).copied();
        let mut bytes = None;
        let digest = match known {
            Some(s) if s.size == meta.len() && s.mtime_ns == mtime_ns => s.digest,
            _ => {
                let b = std::fs::read(source).map_err(|e| e.to_string())?;
                let digest = hash128(&[&b]);
                bytes = Some(b);
                let stamp = Stamp {
                    size: meta.len(),
                    mtime_ns,
                    digest,
                };
                self.index
                    .lock()
                    .unwrap()
                    .sources
                    .insert(rel.to_string(), stamp);
                self.dirty.store(true, Ordering::Relaxed);
                digest
            }
        };
        let key = format!(
            "{:032x}",
            hash128(&[&digest.to_le_bytes(), PARAMS.as_bytes()])
        );
        let entry_dir = self.dir.join(&key);
        let indexed = self.index.lock().unwrap().entries.get(&key).cloned();
        if let Some(entry) = indexed
            && entry_dir.is_dir()
        {
            return Ok((key, entry));
        }
        if let Some(entry) = read_entry(&entry_dir) {
            self.remember(&key, &entry);
            return Ok((key, entry));
        }
        let bytes = match bytes {
            Some(b) => b,
            None => std::fs::read(source).map_err(|e| e.to_string())?,
        };
        let output = process::process(&bytes, kind)?;
        drop(bytes);
        let entry = self.store(&entry_dir, output)?;
        self.processed.fetch_add(1, Ordering::Relaxed);
        self.remember(&key, &entry);
        Ok((key, entry))
    }

    fn remember(&self, key: &str, entry: &Entry) {
        self.index
            .lock()
            .unwrap()
            .entries
            .insert(key.to_string(), entry.clone());
        self.dirty.store(true, Ordering::Relaxed);
    }

    /// Writes the variants into a temporary directory and renames it into
    /// place: an entry directory is complete or absent.
    fn store(&self, entry_dir: &Path, output: Output) -> Result<Entry, String> {
        static NEXT: AtomicU64 = AtomicU64::new(0);
        let tmp = self.dir.join(format!(
            ".tmp-{}-{}",
            std::process::id(),
            NEXT.fetch_add(1, Ordering::Relaxed)
        ));
        let io = |e: std::io::Error| format!("cannot write the media cache {}: {e}", tmp.display());
        std::fs::create_dir_all(&tmp).map_err(io)?;
        let mut variants = Vec::with_capacity(output.variants.len());
        for v in output.variants {
            let file = format!("{}w.{}", v.width, v.kind.ext());
            std::fs::write(tmp.join(&file), &v.bytes).map_err(io)?;
            variants.push(StoredVariant {
                file,
                width: v.width,
                height: v.height,
                kind: v.kind,
            });
        }
        let entry = Entry {
            width: output.width,
            height: output.height,
            variants,
        };
        let meta = serde_json::to_vec(&entry).expect("an entry serialises");
        std::fs::write(tmp.join("entry.json"), meta).map_err(io)?;
        if std::fs::rename(&tmp, entry_dir).is_err() {
            // Another build stored the same entry meanwhile: keep theirs.
            let _ = std::fs::remove_dir_all(&tmp);
            if !entry_dir.join("entry.json").is_file() {
                return Err(format!(
                    "cannot write the media cache {}",
                    entry_dir.display()
                ));
            }
        }
        Ok(entry)
    }

    /// Writes the index if anything was added (atomically: a temporary
    /// file renamed over the old one). Failing is harmless: the next run
    /// hashes again.
    pub fn save(&self) {
        if !self.dirty.swap(false, Ordering::Relaxed) {
            return;
        }
        let bytes = serde_json::to_vec(&*self.index.lock().unwrap()).expect("the index serialises");
        let tmp = self.dir.join(format!(".index-{}.json", std::process::id()));
        if std::fs::create_dir_all(&self.dir).is_ok() && std::fs::write(&tmp, bytes).is_ok() {
            let _ = std::fs::rename(&tmp, self.dir.join("index.json"));
        }
    }
}

fn read_entry(dir: &Path) -> Option<Entry> {
    let bytes = std::fs::read(dir.join("entry.json")).ok()?;
    serde_json::from_slice(&bytes).ok()
}
