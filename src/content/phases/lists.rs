//! The list files (`categories.yaml`, `destinations.yaml`,
//! `branches.yaml`): entries in the editor's order, duplicate ids reported.

use std::collections::BTreeMap;

use serde_yaml::Value;

use crate::content::discover::{Found, Pending};
use crate::content::fields::Languages;
use crate::content::file::FileState;
use crate::content::items;
use crate::content::problem::{Loc, Problem};
use crate::content::run::Run;
use crate::content::yaml::YamlPath;
use crate::model::{Branch, Category, Destination};

/// The valid entries of every list, and every id the lists name.
pub(in crate::content) struct Lists {
    pub categories: Vec<Category>,
    pub destinations: Vec<Destination>,
    pub branches: Vec<Branch>,
    pub ids: ListIds,
}

/// Every id a list names, the broken entries' too: references to an entry
/// that failed must not add errors of their own.
pub(in crate::content) struct ListIds {
    pub categories: Vec<String>,
    pub destinations: Vec<String>,
    pub branches: Vec<String>,
}

/// One list file's valid entries and named ids.
struct List<T> {
    items: Vec<T>,
    ids: Vec<String>,
}

pub(in crate::content) fn lists(run: &mut Run, found: &Found, langs: &Languages) -> Lists {
    let categories = list(
        run,
        found.categories.as_ref(),
        "categories.yaml",
        langs,
        items::category,
        |c| &c.id,
    );
    let destinations = list(
        run,
        found.destinations.as_ref(),
        "destinations.yaml",
        langs,
        items::destination,
        |d| &d.id,
    );
    let branches = list(
        run,
        found.branches.as_ref(),
        "branches.yaml",
        langs,
        items::branch,
        |b| &b.id,
    );
    Lists {
        categories: categories.items,
        destinations: destinations.items,
        branches: branches.items,
        ids: ListIds {
            categories: categories.ids,
            destinations: destinations.ids,
            branches: branches.ids,
        },
    }
}

fn list<T>(
    run: &mut Run,
    pending: Option<&Pending>,
    what: &str,
    langs: &Languages,
    read: fn(&Value, YamlPath, &Languages, &mut Vec<Problem>) -> Option<T>,
    id_of: fn(&T) -> &String,
) -> List<T> {
    let Some(pending) = pending else {
        let mut state = FileState::new(&format!("content/{what}"));
        state.problems.push(
            Problem::error(Loc::File, format!("the site has no content/{what}"))
                .hint("create it as a YAML list, one `- id: …` entry per item (see docs/content-model.md)"),
        );
        run.push(state);
        return List {
            items: Vec::new(),
            ids: Vec::new(),
        };
    };
    let mut state = FileState::read_yaml(pending);
    let mut out: Vec<T> = Vec::new();
    let mut ids = Vec::new();
    if let Some(value) = state.parse_yaml() {
        let mut first_seen: BTreeMap<String, usize> = BTreeMap::new();
        for (i, entry) in items::list_entries(&value, what, &mut state.problems)
            .iter()
            .enumerate()
        {
            let path = YamlPath::root().index(i);
            if let Some(Value::String(id)) = entry.get("id") {
                ids.push(id.clone());
            }
            let Some(item) = read(entry, path.clone(), langs, &mut state.problems) else {
                continue;
            };
            let id = id_of(&item).clone();
            if let Some(first) = first_seen.get(&id) {
                state.problems.push(
                    Problem::error(Loc::Yaml(path.field("id")), format!("duplicate id `{id}`"))
                        .hint(format!(
                            "entry {} of this list already uses it; ids must be unique",
                            first + 1
                        )),
                );
                continue;
            }
            first_seen.insert(id, i);
            out.push(item);
        }
    }
    run.push(state);
    List { items: out, ids }
}
