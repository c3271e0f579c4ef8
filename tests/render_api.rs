//! The payment app's sync API (issue 19): an app fetches one offer's
//! document, keeps the index's hashes and fetches again only what changed,
//! or fetches the one shard of the place it is in. Each test names the app
//! story it checks.

mod support;

use std::collections::{BTreeMap, BTreeSet};

use offersite::model::Site;
use serde_json::Value;
use sha2::{Digest, Sha256};
use support::{Files, shipped, text_of};

fn json(files: &Files, path: &str) -> Value {
    serde_json::from_str(&text_of(files, path)).unwrap_or_else(|e| panic!("{path}: {e}"))
}

/// The `offers` of `offers.json`, by id.
fn feed_offers(files: &Files) -> BTreeMap<String, Value> {
    json(files, "api/v1/offers.json")["offers"]
        .as_array()
        .unwrap()
        .iter()
        .map(|o| (o["id"].as_str().unwrap().to_string(), o.clone()))
        .collect()
}

/// The index's rows as maps of its `fields`, by id.
fn index_rows(files: &Files) -> BTreeMap<String, BTreeMap<String, Value>> {
    let index = json(files, "api/v1/index.json");
    let fields: Vec<String> = index["fields"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f.as_str().unwrap().to_string())
        .collect();
    index["offers"]
        .as_array()
        .unwrap()
        .iter()
        .map(|row| {
            let row: BTreeMap<String, Value> = fields
                .iter()
                .cloned()
                .zip(row.as_array().unwrap().iter().cloned())
                .collect();
            (row["id"].as_str().unwrap().to_string(), row)
        })
        .collect()
}

fn sha256_prefix(bytes: &[u8]) -> String {
    Sha256::digest(bytes)
        .iter()
        .take(8)
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// Story: the app deep-links one offer and fetches its document alone; it
/// must read exactly like that offer's entry in `offers.json`.
#[test]
fn each_offer_document_is_its_entry_in_offers_json() {
    for site in [support::tiny_site(), shipped()] {
        let files = support::render(&site);
        let feed = text_of(&files, "api/v1/offers.json");
        let offers = feed_offers(&files);
        assert_eq!(offers.len(), site.offers.len());
        for (id, entry) in &offers {
            let path = format!("api/v1/offers/{id}.json");
            let doc = text_of(&files, &path);
            assert_eq!(&json(&files, &path), entry, "{path}");
            // The very bytes, not only the same data: one serializer.
            let record = doc.strip_suffix('\n').expect("ends with a newline");
            assert!(
                feed.contains(record),
                "{path} is not verbatim in offers.json"
            );
        }
        let documents = files
            .keys()
            .filter(|p| p.starts_with("api/v1/offers/"))
            .count();
        assert_eq!(documents, offers.len(), "one document per offer, no more");
    }
}

/// Story: the app keeps the index's hashes and fetches a document only
/// when its hash changed, and drops ids the index no longer lists.
#[test]
fn index_lists_every_offer_with_the_hash_of_its_document() {
    let files = support::render(&support::tiny_site());
    let index = json(&files, "api/v1/index.json");
    let feed = json(&files, "api/v1/offers.json");
    assert_eq!(index["version"], 1);
    assert_eq!(index["generated"], feed["generated"]);
    assert_eq!(index["next_change"], feed["next_change"]);
    assert_eq!(
        index["fields"],
        serde_json::json!(["id", "status", "valid_until", "hash"])
    );
    let rows = index_rows(&files);
    let offers = feed_offers(&files);
    assert_eq!(
        rows.keys().collect::<Vec<_>>(),
        offers.keys().collect::<Vec<_>>()
    );
    let ids: Vec<&str> = index["offers"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r[0].as_str().unwrap())
        .collect();
    assert!(ids.is_sorted(), "rows sorted by id");
    for (id, row) in &rows {
        let doc = &files[&format!("api/v1/offers/{id}.json")];
        assert_eq!(row["hash"], sha256_prefix(doc), "{id}");
        assert_eq!(row["status"], offers[id]["status"], "{id}");
        assert_eq!(row["valid_until"], offers[id]["valid_until"], "{id}");
    }
    let statuses: BTreeSet<&str> = rows
        .values()
        .map(|r| r["status"].as_str().unwrap())
        .collect();
    assert_eq!(statuses, BTreeSet::from(["active", "ended", "upcoming"]));
}

/// Story: the app opened in one city fetches that destination's shard (or
/// one category's) and gets its active offers in full, as on the site's
/// listing page; a place with none still answers, with an empty list.
#[test]
fn shards_carry_the_active_offers_of_each_place() {
    let mut site = support::tiny_site();
    site.destinations.push(offersite::model::Destination {
        id: "tokyo".into(),
        name: support::text("东京", "Tokyo"),
        country: "JP".into(),
    });
    let files = support::render(&site);
    let offers = feed_offers(&files);
    let check = |kind: &str, key: &str, id: &str, in_place: &dyn Fn(&Value) -> bool| {
        let path = format!("api/v1/{kind}/{id}.json");
        let shard = json(&files, &path);
        assert_eq!(shard["version"], 1, "{path}");
        assert_eq!(shard[key], id, "{path}");
        assert_eq!(
            shard["languages"],
            serde_json::json!(["zh", "en"]),
            "{path}"
        );
        let listed: Vec<&Value> = shard["offers"].as_array().unwrap().iter().collect();
        let mut want: Vec<&Value> = offers
            .values()
            .filter(|o| o["status"] == "active" && in_place(o))
            .collect();
        // Newest first, as on the place's page.
        want.sort_by(|a, b| {
            b["valid_from"]
                .as_str()
                .cmp(&a["valid_from"].as_str())
                .then(a["id"].as_str().cmp(&b["id"].as_str()))
        });
        assert_eq!(listed, want, "{path}");
        listed.len()
    };
    let mut listed = 0;
    for d in &site.destinations {
        listed += check("destinations", "destination", &d.id, &|o: &Value| {
            o["destinations"]
                .as_array()
                .unwrap()
                .contains(&d.id.as_str().into())
        });
    }
    for c in &site.categories {
        listed += check("categories", "category", &c.id, &|o: &Value| {
            o["category"] == c.id.as_str()
        });
    }
    assert!(listed > 0);
    assert_eq!(
        json(&files, "api/v1/destinations/tokyo.json")["offers"],
        serde_json::json!([])
    );
    let shards = files
        .keys()
        .filter(|p| p.starts_with("api/v1/destinations/") || p.starts_with("api/v1/categories/"))
        .count();
    assert_eq!(shards, site.destinations.len() + site.categories.len());
}

/// The API files whose bytes differ between two renders.
fn changed_api_files(before: &Files, after: &Files) -> BTreeSet<String> {
    before
        .keys()
        .chain(after.keys())
        .filter(|p| p.starts_with("api/"))
        .filter(|p| before.get(*p) != after.get(*p))
        .cloned()
        .collect()
}

/// What an edit of offer `i` may change in the API: its document, the
/// index, `offers.json`, and the shards it is listed in before or after.
fn allowed(site: &Site, i: usize, files: &[&Files]) -> BTreeSet<String> {
    let o = &site.offers[i];
    let mut allowed: BTreeSet<String> = [
        "api/v1/offers.json".to_string(),
        "api/v1/index.json".to_string(),
        format!("api/v1/offers/{}.json", o.id),
    ]
    .into();
    for f in files {
        for (path, bytes) in f.iter() {
            let shard =
                path.starts_with("api/v1/destinations/") || path.starts_with("api/v1/categories/");
            if shard && String::from_utf8_lossy(bytes).contains(&format!("\"id\":\"{}\"", o.id)) {
                allowed.insert(path.clone());
            }
        }
    }
    allowed
}

/// Story: an editor fixes one offer's text; the app syncing afterwards
/// finds one changed hash and fetches that one document. The preview's
/// partial render writes exactly those API files and they equal a full
/// render's.
#[test]
fn a_text_edit_changes_only_that_offers_document_index_entry_and_shards() {
    let before = shipped();
    let full_before = support::render(&before);
    let rows_before = index_rows(&full_before);
    for i in 0..before.offers.len() {
        let mut after = before.clone();
        after.offers[i]
            .summary
            .0
            .get_mut("en")
            .unwrap()
            .text
            .push_str(" Updated.");
        let id = after.offers[i].id.clone();
        let full_after = support::render(&after);
        let changed = changed_api_files(&full_before, &full_after);
        let doc = format!("api/v1/offers/{id}.json");
        assert!(changed.contains(&doc) && changed.contains("api/v1/index.json"));
        let allowed = allowed(&after, i, &[&full_before, &full_after]);
        assert!(
            changed.is_subset(&allowed),
            "{id}: {changed:?} beyond {allowed:?}"
        );
        let active = json(&full_after, &doc)["status"] == "active";
        assert_eq!(
            active,
            changed.len() > 3,
            "{id}: shards change iff it is active"
        );

        let rows_after = index_rows(&full_after);
        for (other, row) in &rows_after {
            assert_eq!(
                other == &id,
                rows_before[other] != *row,
                "index row of {other}"
            );
        }

        let partial = offersite::render::render_offers(&after, std::slice::from_ref(&id)).unwrap();
        let partial_api: BTreeSet<String> = partial
            .iter()
            .map(|f| f.path.clone())
            .filter(|p| p.starts_with("api/"))
            .collect();
        assert_eq!(partial_api, changed, "{id}: the preview writes just these");
    }
}

/// Story: an editor moves an offer's end date, which re-renders the whole
/// site; other offers' documents and the shards it is not in stay as they
/// were, so syncing apps fetch just the one document.
#[test]
fn a_date_edit_leaves_other_documents_and_shards_alone() {
    let before = shipped();
    let full_before = support::render(&before);
    let active = before
        .offers
        .iter()
        .position(|o| o.status(before.now) == offersite::model::Status::Active)
        .expect("an active offer");
    let mut after = before.clone();
    after.offers[active].valid_until += jiff::Span::new().years(1);
    let full_after = support::render(&after);
    let changed = changed_api_files(&full_before, &full_after);
    let allowed = allowed(&after, active, &[&full_before, &full_after]);
    assert!(
        changed.is_subset(&allowed),
        "{changed:?} beyond {allowed:?}"
    );
    let changed_docs: Vec<&String> = changed
        .iter()
        .filter(|p| p.starts_with("api/v1/offers/"))
        .collect();
    assert_eq!(changed_docs.len(), 1);
}

/// Story: a phone on roaming data reads the index of a 100,000-offer
/// catalog; each entry costs at most 100 bytes. Ids here are as long as
/// the benchmark catalog's longest (`<partner>-<destination>-<n>`).
#[test]
fn index_entries_stay_under_100_bytes() {
    let mut site = support::tiny_site();
    let template = site.offers[0].clone();
    let n = 300;
    site.offers = (0..n)
        .map(|k| {
            let mut o = template.clone();
            o.id = format!("golden-gate-department-store-rio-de-janeiro-{}", 99_000 + k);
            o
        })
        .collect();
    let files = support::render(&site);
    let index = &files["api/v1/index.json"];
    let head = text_of(&files, "api/v1/index.json")
        .find("\"offers\":[")
        .unwrap();
    let per_offer = (index.len() - head) / n;
    assert!(per_offer <= 100, "{per_offer} bytes per offer");
}
