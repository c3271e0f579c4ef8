//! Removing a replaced site. Once the new site is swapped in, the old one is
//! garbage that nothing reads again, and removing it (at 10,000 offers:
//! 34,000 files in 24,000 directories, one `unlinkat` each plus a
//! `getdents64` and an `openat` per directory) cost a large site's build as
//! much as a quarter of its time. A large tree is therefore moved to a
//! hidden name beside the output and removed by a detached `rm -rf` that
//! outlives the build; the next build hands any such tree it finds, say of
//! a removal that was interrupted, to another one. A small tree is removed
//! at once, which is quicker than starting a process.

use std::path::Path;

/// Trees with at least this many files (judged by the new site, which
/// replaces one of about its size) are removed in the background.
pub const BACKGROUND_FROM_FILES: usize = 2_000;

/// The name a replaced site waits under for its removal, by the process
/// that replaced it: `.public.trash-42`.
pub const TRASH: &str = "trash";

/// Removes `garbage`: now when `large` is false or no background removal
/// can be started, else in a detached process after moving it to `trash`.
pub fn remove(garbage: &Path, trash: &Path, large: bool) {
    if large && std::fs::rename(garbage, trash).is_ok() {
        if in_background(trash) {
            return;
        }
        let _ = std::fs::remove_dir_all(trash);
        return;
    }
    let _ = std::fs::remove_dir_all(garbage);
}

/// Starts `rm -rf` on `tree` without waiting for it; false when it cannot
/// be started (no `rm` on this system).
pub fn in_background(tree: &Path) -> bool {
    if !cfg!(unix) {
        return false;
    }
    let spawned = std::process::Command::new("rm")
        .arg("-rf")
        .arg("--")
        .arg(tree)
        .stdin(std::process::Stdio::null())
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn();
    match spawned {
        Ok(mut child) => {
            // Reaped here while this process lives (`serve`, tests); after
            // a build exits, by the system.
            std::thread::spawn(move || child.wait());
            true
        }
        Err(_) => false,
    }
}

/// Whether `name` (a file name beside the output `out_name`) is a replaced
/// site of some earlier build waiting for removal.
pub fn is_trash(name: &str, out_name: &str) -> bool {
    name.strip_prefix(&format!(".{out_name}.{TRASH}-"))
        .is_some_and(|pid| pid.parse::<u32>().is_ok())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_large_tree_is_gone_after_its_background_removal() {
        let tmp = tempfile::tempdir().unwrap();
        let garbage = tmp.path().join("old");
        std::fs::create_dir_all(garbage.join("a/b")).unwrap();
        std::fs::write(garbage.join("a/b/x.html"), "x").unwrap();
        let trash = tmp.path().join(".public.trash-1");
        remove(&garbage, &trash, true);
        assert!(!garbage.exists());
        // The detached removal runs beside this test: wait for it (a
        // correctness check, not a timing one).
        let mut waited = 0;
        while trash.exists() && waited < 600 {
            std::thread::sleep(std::time::Duration::from_millis(100));
            waited += 1;
        }
        assert!(!trash.exists());
    }

    #[test]
    fn a_small_tree_is_removed_at_once() {
        let tmp = tempfile::tempdir().unwrap();
        let garbage = tmp.path().join("old");
        std::fs::create_dir_all(garbage.join("a")).unwrap();
        remove(&garbage, &tmp.path().join(".public.trash-1"), false);
        assert_eq!(std::fs::read_dir(tmp.path()).unwrap().count(), 0);
    }

    #[test]
    fn trash_names_are_recognised() {
        assert!(is_trash(".public.trash-42", "public"));
        assert!(!is_trash(".public.trash-x", "public"));
        assert!(!is_trash(".public.staging-42", "public"));
        assert!(!is_trash(".out.trash-42", "public"));
    }
}
