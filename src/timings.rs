//! Stage timings for profiling and the benchmarks (`OFFERSITE_TIMINGS`, or
//! `-v`): how long each stage took and, on Linux, the process's resident
//! memory then and at its peak so far, so a large build shows which stage
//! its memory goes to. Never part of normal output. Its own module so that
//! every stage can report, the renderer's inner steps too.

use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Instant;

static VERBOSE: AtomicBool = AtomicBool::new(false);

/// `-v`: print stage timings as `OFFERSITE_TIMINGS` does.
pub fn set_verbose(on: bool) {
    VERBOSE.store(on, Ordering::Relaxed);
}

fn on() -> bool {
    VERBOSE.load(Ordering::Relaxed) || std::env::var_os("OFFERSITE_TIMINGS").is_some()
}

/// With `OFFERSITE_TIMINGS` set (or `-v`), print how long a stage took.
pub fn stage_time(stage: &str, started: Instant) {
    if on() {
        eprintln!(
            "timing: {stage} {} ms{}",
            started.elapsed().as_millis(),
            memory()
        );
    }
}

/// `, rss N MB, peak N MB` from `/proc/self/status` (nothing elsewhere).
fn memory() -> String {
    let Ok(status) = std::fs::read_to_string("/proc/self/status") else {
        return String::new();
    };
    let kb = |key: &str| {
        status
            .lines()
            .find_map(|l| l.strip_prefix(key))
            .and_then(|rest| {
                rest.trim()
                    .trim_end_matches("kB")
                    .trim()
                    .parse::<u64>()
                    .ok()
            })
    };
    match (kb("VmRSS:"), kb("VmHWM:")) {
        (Some(rss), Some(peak)) => format!(", rss {} MB, peak {} MB", rss / 1024, peak / 1024),
        _ => String::new(),
    }
}
