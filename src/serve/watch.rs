//! Watching `content/` and `templates/` for saves, debounced, with the
//! litter editors leave (swap files, backups, hidden files) ignored.

use std::path::{Component, Path, PathBuf};
use std::sync::mpsc;
use std::time::{Duration, Instant};

use notify::event::{AccessKind, AccessMode, MetadataKind, ModifyKind};
use notify::{Event, EventKind, RecommendedWatcher, RecursiveMode, Watcher as _};

use crate::theme::is_editor_litter;

/// How long a burst of file events must be quiet before a rebuild. Editors
/// save with a few events within a millisecond or two (write, rename).
pub const DEBOUNCE: Duration = Duration::from_millis(30);
/// A burst that never goes quiet (a long copy) still rebuilds this often.
const MAX_WAIT: Duration = Duration::from_millis(500);

/// The directories whose changes trigger a rebuild.
const WATCHED: [&str; 2] = ["content", "templates"];

/// A batch of changed paths and when the first of them was reported.
#[derive(Debug)]
pub struct Change {
    pub paths: Vec<PathBuf>,
    pub at: Instant,
}

/// Watches the site; dropping it stops the watching.
pub struct Watcher {
    watcher: RecommendedWatcher,
    root: PathBuf,
    watching: Vec<PathBuf>,
}

impl Watcher {
    /// Start watching `root`'s content and templates; debounced batches of
    /// changes arrive on the returned channel.
    ///
    /// notify-debouncer-mini is not used: it forgets what kind an event was,
    /// and inotify reports every *open* of a file, so the rebuild's own
    /// reading would trigger the next rebuild, forever. Reads are dropped
    /// here before debouncing.
    pub fn start(root: &Path) -> Result<(Watcher, mpsc::Receiver<Change>), String> {
        let root = std::path::absolute(root).unwrap_or_else(|_| root.to_path_buf());
        let (raw_tx, raw_rx) = mpsc::channel::<(Instant, Vec<PathBuf>)>();
        let filter_root = root.clone();
        let watcher = notify::recommended_watcher(move |event: notify::Result<Event>| {
            // Events were lost (the kernel's queue overflowed) or the
            // watcher failed: rebuild from what is on disk. The content
            // directory stands for "anything", which no preview takes.
            let event = match event {
                Ok(event) if !event.need_rescan() => event,
                _ => {
                    let _ = raw_tx.send((Instant::now(), vec![filter_root.join(WATCHED[0])]));
                    return;
                }
            };
            if !is_change(&event.kind) {
                return;
            }
            let paths: Vec<PathBuf> = event
                .paths
                .into_iter()
                .filter(|p| relevant(&filter_root, p))
                .collect();
            if !paths.is_empty() {
                let _ = raw_tx.send((Instant::now(), paths));
            }
        })
        .map_err(|e| format!("cannot watch {}: {e}", root.display()))?;
        let (tx, rx) = mpsc::channel();
        std::thread::Builder::new()
            .name("offersite-debounce".into())
            .spawn(move || debounce(raw_rx, tx))
            .map_err(|e| format!("cannot watch {}: {e}", root.display()))?;
        let mut watcher = Watcher {
            watcher,
            root,
            watching: Vec::new(),
        };
        // The root itself, not recursively: to notice `templates/` (or
        // `content/`) appearing after the start.
        let root = watcher.root.clone();
        watcher
            .watcher
            .watch(&root, RecursiveMode::NonRecursive)
            .map_err(|e| format!("cannot watch {}: {e}", root.display()))?;
        watcher.refresh();
        Ok((watcher, rx))
    }

    /// Watch the directories that exist now and were not watched yet.
    pub fn refresh(&mut self) {
        for dir in WATCHED {
            let path = self.root.join(dir);
            if path.is_dir() && !self.watching.contains(&path) {
                if self.watcher.watch(&path, RecursiveMode::Recursive).is_ok() {
                    self.watching.push(path);
                }
            } else if !path.is_dir() && self.watching.contains(&path) {
                let _ = self.watcher.unwatch(&path);
                self.watching.retain(|p| p != &path);
            }
        }
    }
}

/// Whether an event can mean new content: not a read, not an access time.
fn is_change(kind: &EventKind) -> bool {
    match kind {
        EventKind::Access(AccessKind::Close(AccessMode::Write)) => true,
        EventKind::Access(_) => false,
        EventKind::Modify(ModifyKind::Metadata(MetadataKind::AccessTime)) => false,
        _ => true,
    }
}

/// Pass on batches of paths once they have been quiet for [`DEBOUNCE`].
fn debounce(raw: mpsc::Receiver<(Instant, Vec<PathBuf>)>, out: mpsc::Sender<Change>) {
    while let Ok((at, mut paths)) = raw.recv() {
        loop {
            let waited = at.elapsed();
            if waited >= MAX_WAIT {
                break;
            }
            match raw.recv_timeout(DEBOUNCE.min(MAX_WAIT - waited)) {
                Ok((_, more)) => paths.extend(more),
                Err(mpsc::RecvTimeoutError::Timeout) => break,
                Err(mpsc::RecvTimeoutError::Disconnected) => return,
            }
        }
        paths.sort();
        paths.dedup();
        if out.send(Change { paths, at }).is_err() {
            return;
        }
    }
}

/// Whether a changed path can affect the site: under `content/` or
/// `templates/` (or one of those directories itself), and no part of it
/// an editor's swap, backup or hidden file.
pub fn relevant(root: &Path, path: &Path) -> bool {
    let Ok(rel) = path.strip_prefix(root) else {
        return false;
    };
    let mut parts = rel.components();
    match parts.next() {
        Some(Component::Normal(first)) if WATCHED.iter().any(|w| first == *w) => {}
        _ => return false,
    }
    rel.components().all(|c| match c {
        Component::Normal(name) => !is_editor_litter(&name.to_string_lossy()),
        _ => false,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_site_sources_count() {
        let root = Path::new("/site");
        assert!(relevant(root, Path::new("/site/content/offers/a.yaml")));
        assert!(relevant(root, Path::new("/site/templates/base.html")));
        assert!(relevant(root, Path::new("/site/content")));
        assert!(!relevant(root, Path::new("/site/public/index.html")));
        assert!(!relevant(
            root,
            Path::new("/site/content/offers/.a.yaml.swp")
        ));
        assert!(!relevant(root, Path::new("/site/content/offers/a.yaml~")));
        assert!(!relevant(root, Path::new("/site/content/.git/x")));
        assert!(!relevant(root, Path::new("/elsewhere/content/a.yaml")));
    }
}
