//! What a deploy does, decided before it does anything: which files to
//! upload in which order, which objects to delete, which are up to date.

use std::collections::{BTreeMap, HashMap};

use super::local::LocalFile;

/// Uploads go in phases, each finished before the next starts, so that a
/// visitor mid-deploy never gets a page whose stylesheet or image is not
/// there yet, nor a feed or sitemap that links to a page not yet there.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Phase {
    /// Media, assets and the search index's scripts and chunks: what pages
    /// refer to (the index's entry file, which names the chunks, is JSON
    /// and comes last).
    Files,
    /// HTML pages (and anything else not listed below).
    Pages,
    /// Feeds, sitemaps, the app's JSON, robots.txt, `.well-known/`, the web
    /// app manifests and the offline worker (which stores pages when it
    /// installs): what points at pages.
    Indexes,
}

impl Phase {
    pub fn of(path: &str) -> Phase {
        let file = path.rsplit('/').next().unwrap_or(path);
        let search_file = path
            .strip_prefix(crate::urls::BUNDLE_DIR)
            .is_some_and(|rest| rest.starts_with('/') && !file.ends_with(".json"));
        if path.starts_with("media/") || path.starts_with("assets/") || search_file {
            Phase::Files
        } else if path.starts_with(".well-known/")
            || path.starts_with("api/")
            || path.starts_with("sitemaps/")
            || file == "atom.xml"
            || file == "sitemap.xml"
            || file == "robots.txt"
            || file.ends_with(".json")
            || file.ends_with(".webmanifest")
            || path == "sw.js"
        {
            Phase::Indexes
        } else {
            Phase::Pages
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            Phase::Files => "media and assets",
            Phase::Pages => "pages",
            Phase::Indexes => "feeds, sitemap and JSON",
        }
    }
}

/// What the target holds at a key, as far as listing it tells.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Listed {
    pub size: u64,
    pub etag: Option<String>,
}

/// What is known of an object's content: its hash (from its metadata, the
/// deploy manifest, or its bytes) and the headers it is served with
/// (`None` where the target keeps no headers, a directory).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Known {
    pub sha256: String,
    pub content_type: Option<String>,
    pub cache_control: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Change {
    New,
    Update,
}

#[derive(Debug, Default)]
pub struct Plan {
    /// Indices into the local files, by phase then path.
    pub uploads: Vec<(usize, Change)>,
    /// Keys of objects no longer in the build, sorted.
    pub deletes: Vec<String>,
    /// Indices of files the target already holds as they are.
    pub unchanged: Vec<usize>,
}

impl Plan {
    pub fn count(&self, change: Change) -> usize {
        self.uploads.iter().filter(|(_, c)| *c == change).count()
    }

    pub fn upload_bytes(&self, local: &[LocalFile]) -> u64 {
        self.uploads.iter().map(|(i, _)| local[*i].size).sum()
    }
}

/// Decide the plan. `known` holds what is known of listed objects'
/// content; a listed object missing from it is re-sent. `force` re-sends
/// everything.
pub fn decide(
    local: &[LocalFile],
    listed: &BTreeMap<String, Listed>,
    known: &HashMap<String, Known>,
    force: bool,
) -> Plan {
    let mut plan = Plan::default();
    for (i, file) in local.iter().enumerate() {
        let Some(there) = listed.get(&file.path) else {
            plan.uploads.push((i, Change::New));
            continue;
        };
        let same = !force
            && known.get(&file.path).is_some_and(|k| {
                k.sha256 == file.sha256
                    && there.size == file.size
                    && k.content_type
                        .as_deref()
                        .is_none_or(|t| t == file.headers.content_type)
                    && k.cache_control
                        .as_deref()
                        .is_none_or(|c| c == file.headers.cache_control)
            });
        if same {
            plan.unchanged.push(i);
        } else {
            plan.uploads.push((i, Change::Update));
        }
    }
    plan.uploads.sort_by(|a, b| {
        (Phase::of(&local[a.0].path), &local[a.0].path)
            .cmp(&(Phase::of(&local[b.0].path), &local[b.0].path))
    });
    let wanted: std::collections::HashSet<&str> = local.iter().map(|f| f.path.as_str()).collect();
    plan.deletes = listed
        .keys()
        .filter(|k| !wanted.contains(k.as_str()) && !super::manifest::is_manifest(k))
        .cloned()
        .collect();
    plan
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::headers;

    fn file(path: &str, body: &str) -> LocalFile {
        LocalFile {
            path: path.into(),
            full: path.into(),
            size: body.len() as u64,
            sha256: crate::fingerprint::sha256_hex(body.as_bytes()),
            headers: headers::for_path(path),
        }
    }

    fn as_known(f: &LocalFile) -> Known {
        Known {
            sha256: f.sha256.clone(),
            content_type: Some(f.headers.content_type.into()),
            cache_control: Some(f.headers.cache_control.into()),
        }
    }

    #[test]
    fn pages_come_after_what_they_show_and_before_what_lists_them() {
        let local = vec![
            file("api/v1/offers.json", "{}"),
            file("en/atom.xml", "<feed/>"),
            file("en/index.html", "<p>"),
            file("index.html", "<p>"),
            file("media/a.png", "png"),
            file("assets/style.0123abcd.css", "css"),
            file("robots.txt", "x"),
            file("sitemap.xml", "x"),
        ];
        let plan = decide(&local, &BTreeMap::new(), &HashMap::new(), false);
        let order: Vec<&str> = plan
            .uploads
            .iter()
            .map(|(i, _)| local[*i].path.as_str())
            .collect();
        assert_eq!(
            order,
            [
                "assets/style.0123abcd.css",
                "media/a.png",
                "en/index.html",
                "index.html",
                "api/v1/offers.json",
                "en/atom.xml",
                "robots.txt",
                "sitemap.xml",
            ]
        );
        assert!(plan.uploads.iter().all(|(_, c)| *c == Change::New));
    }

    #[test]
    fn only_changed_files_are_sent_and_stale_objects_deleted() {
        let local = vec![
            file("a.html", "same"),
            file("b.html", "new text"),
            file("c.html", "x"),
        ];
        let mut listed = BTreeMap::new();
        let mut known = HashMap::new();
        for f in [
            file("a.html", "same"),
            file("b.html", "old text"),
            file("gone.html", "bye"),
        ] {
            listed.insert(
                f.path.clone(),
                Listed {
                    size: f.size,
                    etag: None,
                },
            );
            known.insert(f.path.clone(), as_known(&f));
        }
        listed.insert(
            super::super::manifest::MANIFEST.into(),
            Listed {
                size: 1,
                etag: None,
            },
        );
        let plan = decide(&local, &listed, &known, false);
        let paths = |v: &[(usize, Change)]| -> Vec<(String, Change)> {
            v.iter()
                .map(|(i, c)| (local[*i].path.clone(), *c))
                .collect()
        };
        assert_eq!(
            paths(&plan.uploads),
            [
                ("b.html".to_string(), Change::Update),
                ("c.html".to_string(), Change::New)
            ]
        );
        assert_eq!(plan.unchanged, [0]);
        assert_eq!(plan.deletes, ["gone.html"]);
        // Changed headers alone are a change too.
        let mut k = as_known(&local[0]);
        k.cache_control = Some("no-store".into());
        known.insert("a.html".into(), k);
        assert_eq!(
            decide(&local, &listed, &known, false).unchanged,
            Vec::<usize>::new()
        );
        // --force re-sends everything.
        assert_eq!(
            decide(&local, &listed, &HashMap::new(), true).uploads.len(),
            3
        );
    }
}
