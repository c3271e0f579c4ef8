//! The search index after an edit, off the save-to-reload path.
//!
//! Re-indexing a language takes seconds at 10,000 offers, while the pages
//! an edit touches render in milliseconds. So after a partial rebuild the
//! pages are served (and open pages reload) at once, and the search pages
//! and the index they name follow together when the index is ready: until
//! then a search page and its index are both the previous ones, never a
//! mix. Open search pages are told to reload when the new ones are in.
//!
//! Requests that arrive while an index is being built are coalesced: only
//! the latest site is indexed, and a result for a site that a later
//! rebuild replaced is dropped (that rebuild asked for its own).

use std::sync::{Arc, mpsc};

use axum::body::Bytes;

use crate::model::Site;
use crate::render;

use super::state::State;

/// The site a publish served, with its search pages held back.
struct Request {
    generation: u64,
    site: Arc<Site>,
    pages: Vec<(String, Bytes)>,
}

/// Builds search indexes on a thread of its own; dropping it stops the
/// thread once its current index is done.
pub struct SearchRefresh {
    requests: mpsc::Sender<Request>,
}

impl SearchRefresh {
    pub fn start(state: Arc<State>) -> SearchRefresh {
        let (requests, incoming) = mpsc::channel::<Request>();
        let spawned = std::thread::Builder::new()
            .name("offersite-search".into())
            .spawn(move || {
                while let Ok(mut request) = incoming.recv() {
                    while let Ok(later) = incoming.try_recv() {
                        request = later;
                    }
                    refresh(&state, request);
                }
            });
        if let Err(err) = spawned {
            eprintln!("warning: cannot start the search indexer: {err}");
        }
        SearchRefresh { requests }
    }

    /// Index `site`, the one served as `generation`, and then serve its
    /// search `pages` with the index.
    pub fn request(&self, generation: u64, site: Arc<Site>, pages: Vec<(String, Bytes)>) {
        let _ = self.requests.send(Request {
            generation,
            site,
            pages,
        });
    }
}

fn refresh(state: &State, request: Request) {
    if state.site().generation != request.generation {
        return;
    }
    match render::search_files(&request.site) {
        Ok(index) => {
            state.swap_search(request.generation, request.pages, index);
        }
        Err(diagnostics) => {
            // What a full rebuild would have reported.
            if state.site().generation == request.generation {
                state.fail(&diagnostics);
            }
        }
    }
}
