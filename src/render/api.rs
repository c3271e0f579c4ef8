//! The app's sync API beside `offers.json` (`docs/offers-json.md`): one
//! document per offer, an index of their hashes, and shards of the active
//! offers per destination and category.
//!
//! Every document is made of the records of [`json::records`], so an offer
//! reads the same byte for byte wherever it appears. Nothing here depends
//! on offers other than the ones a file shows (shards carry no build-wide
//! date), so an edit of one offer changes its document, its index entry and
//! its shards, and nothing else.

use std::collections::{BTreeSet, HashSet};

use rayon::prelude::*;
use serde::Serialize;
use sha2::{Digest, Sha256};

use super::index::Index;
use super::json::{self, VERSION};
use crate::model::Status;
use crate::output::OutputFile;
use crate::urls;

/// Hex digits of a document's hash in the index: 64 bits, so an app that
/// compares the hash it holds with the index's misses a change with a
/// chance of 2⁻⁶⁴, while 100,000 entries stay under 100 bytes each.
pub const HASH_HEX: usize = 16;

/// The columns of each row of the index's `offers`.
const INDEX_FIELDS: [&str; 4] = ["id", "status", "valid_until", "hash"];

#[derive(Serialize)]
struct IndexDoc<'a> {
    version: u32,
    generated: String,
    next_change: Option<String>,
    fields: [&'static str; 4],
    /// Rows rather than objects: the keys would double the index's size.
    offers: Vec<(&'a str, &'static str, String, String)>,
}

#[derive(Serialize)]
struct ShardHead<'a> {
    version: u32,
    #[serde(skip_serializing_if = "Option::is_none")]
    destination: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    category: Option<&'a str>,
    languages: Vec<&'a str>,
}

/// One file of the API (`offers.json` included), made only when it is
/// written ([`ApiFile::make`]): at 100,000 offers the documents and shards
/// are hundreds of megabytes, and none needs to wait for another.
#[derive(Debug, Clone, Copy)]
pub enum ApiFile<'a> {
    /// `offers.json`.
    Offers,
    /// The sync index.
    Index,
    /// The document of the offer at this index of `site.offers`.
    Document(usize),
    Category(&'a str),
    Destination(&'a str),
}

/// The API files: every one (`targets` is `None`), or those an edit of the
/// offers at these indices can change (`offers.json`, their documents, the
/// index, and the shards they are listed in; see [`super::render_offers`]).
pub fn files<'a>(index: &Index<'a>, targets: Option<&HashSet<usize>>) -> Vec<ApiFile<'a>> {
    let site = index.site;
    let mut out = vec![ApiFile::Offers, ApiFile::Index];
    let wanted = |i: usize| targets.is_none_or(|t| t.contains(&i));
    out.extend(
        (0..site.offers.len())
            .filter(|&i| wanted(i))
            .map(ApiFile::Document),
    );
    let (categories, destinations): (BTreeSet<&str>, BTreeSet<&str>) = match targets {
        None => (
            site.categories.iter().map(|c| c.id.as_str()).collect(),
            site.destinations.iter().map(|d| d.id.as_str()).collect(),
        ),
        // Only active offers are in shards, and an edit that changes an
        // offer's status or places renders everything.
        Some(t) => {
            let listed = || {
                t.iter()
                    .filter(|&&i| index.status[i] == Status::Active)
                    .map(|&i| &site.offers[i])
            };
            (
                listed().map(|o| o.category.as_str()).collect(),
                listed()
                    .flat_map(|o| o.destinations.iter().map(String::as_str))
                    .collect(),
            )
        }
    };
    out.extend(categories.into_iter().map(ApiFile::Category));
    out.extend(destinations.into_iter().map(ApiFile::Destination));
    out
}

impl ApiFile<'_> {
    pub fn path(&self, index: &Index) -> String {
        urls::file_for(&match *self {
            ApiFile::Offers => urls::api_offers(),
            ApiFile::Index => urls::api_index(),
            ApiFile::Document(i) => urls::api_offer(&index.site.offers[i].id),
            ApiFile::Category(id) => urls::api_category(id),
            ApiFile::Destination(id) => urls::api_destination(id),
        })
    }

    /// The file, from the records of [`json::records`].
    pub fn make(&self, index: &Index, records: &[Vec<u8>]) -> OutputFile {
        let shard = |head: ShardHead, list: Option<&Vec<usize>>| {
            let items = list.into_iter().flatten().map(|&i| records[i].as_slice());
            OutputFile::bytes(self.path(index), json::with_offers(&head, items))
        };
        let head = |destination, category| ShardHead {
            version: VERSION,
            destination,
            category,
            languages: json::language_codes(index),
        };
        match *self {
            ApiFile::Offers => json::offers_file(index, records),
            ApiFile::Index => index_file(index, records),
            ApiFile::Document(i) => OutputFile::bytes(self.path(index), document(&records[i])),
            ApiFile::Category(id) => shard(head(None, Some(id)), index.by_category.get(id)),
            ApiFile::Destination(id) => shard(head(Some(id), None), index.by_destination.get(id)),
        }
    }
}

/// `/api/v1/offers/<id>.json`: the record as it stands in `offers.json`.
fn document(record: &[u8]) -> Vec<u8> {
    let mut bytes = Vec::with_capacity(record.len() + 1);
    bytes.extend_from_slice(record);
    bytes.push(b'\n');
    bytes
}

/// The short hash of a document's bytes, given in parts (a document is
/// its record and a newline, hashed without being put together): the
/// first [`HASH_HEX`] hex digits of its SHA-256, which any client can
/// compute to check what it fetched.
fn hash_parts(parts: &[&[u8]]) -> String {
    let mut sha = Sha256::new();
    for part in parts {
        sha.update(part);
    }
    crate::fingerprint::hex(&sha.finalize()[..HASH_HEX / 2])
}

/// `/api/v1/index.json`: per published offer, by id, what a client needs
/// to decide whether to fetch its document again (the hash of its
/// [`document`]).
fn index_file(index: &Index, records: &[Vec<u8>]) -> OutputFile {
    let site = index.site;
    let hashes: Vec<String> = records
        .par_iter()
        .map(|r| hash_parts(&[r, b"\n"]))
        .collect();
    let mut order: Vec<usize> = (0..site.offers.len()).collect();
    order.sort_by(|&a, &b| site.offers[a].id.cmp(&site.offers[b].id));
    let doc = IndexDoc {
        version: VERSION,
        generated: super::format::iso(site.now),
        next_change: json::next_change(&site.offers, site.now).map(super::format::iso),
        fields: INDEX_FIELDS,
        offers: order
            .into_iter()
            .map(|i| {
                let o = &site.offers[i];
                (
                    o.id.as_str(),
                    index.status[i].as_str(),
                    super::format::iso(o.valid_until),
                    hashes[i].clone(),
                )
            })
            .collect(),
    };
    let mut bytes = serde_json::to_vec(&doc).expect("JSON of plain data");
    bytes.push(b'\n');
    OutputFile::bytes(urls::file_for(&urls::api_index()), bytes)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hashes_are_short_sha256_prefixes() {
        // SHA-256("abc") = ba7816bf8f01cfea414140de5dae2223…
        assert_eq!(hash_parts(&[b"abc"]), "ba7816bf8f01cfea");
        assert_eq!(hash_parts(&[b"ab", b"c"]), "ba7816bf8f01cfea");
        assert_eq!(hash_parts(&[]).len(), HASH_HEX);
        assert_ne!(hash_parts(&[b"abc", b"\n"]), hash_parts(&[b"abc"]));
    }
}
