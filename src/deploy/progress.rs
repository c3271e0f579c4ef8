//! What a running deploy shows: on a terminal, one line rewritten in place
//! (files and bytes sent); elsewhere (CI logs) nothing until the summary.

use std::io::{IsTerminal as _, Write as _};
use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering::Relaxed};
use std::sync::{Mutex, PoisonError};
use std::time::{Duration, Instant};

pub struct Progress {
    terminal: bool,
    files_total: usize,
    bytes_total: u64,
    files: AtomicUsize,
    bytes: AtomicU64,
    shown: Mutex<Option<Instant>>,
}

impl Progress {
    pub fn new(files_total: usize, bytes_total: u64) -> Progress {
        Progress {
            terminal: std::io::stderr().is_terminal(),
            files_total,
            bytes_total,
            files: AtomicUsize::new(0),
            bytes: AtomicU64::new(0),
            shown: Mutex::new(None),
        }
    }

    /// One more file sent.
    pub fn sent(&self, bytes: u64, phase: &str) {
        let files = self.files.fetch_add(1, Relaxed) + 1;
        let sent = self.bytes.fetch_add(bytes, Relaxed) + bytes;
        if !self.terminal {
            return;
        }
        let mut shown = self.shown.lock().unwrap_or_else(PoisonError::into_inner);
        let due = shown.is_none_or(|t| t.elapsed() >= Duration::from_millis(100));
        if due || files == self.files_total {
            *shown = Some(Instant::now());
            let mut err = std::io::stderr().lock();
            let _ = write!(
                err,
                "\r\x1b[Kuploading {phase}: {files}/{} files, {} / {}",
                self.files_total,
                megabytes(sent),
                megabytes(self.bytes_total)
            );
            let _ = err.flush();
        }
    }

    pub fn files_sent(&self) -> usize {
        self.files.load(Relaxed)
    }

    pub fn bytes_sent(&self) -> u64 {
        self.bytes.load(Relaxed)
    }

    /// Clears the progress line before anything else is printed.
    pub fn clear(&self) {
        if self.terminal && self.shown.lock().is_ok_and(|s| s.is_some()) {
            let mut err = std::io::stderr().lock();
            let _ = write!(err, "\r\x1b[K");
            let _ = err.flush();
        }
    }
}

pub fn megabytes(bytes: u64) -> String {
    format!("{:.1} MB", bytes as f64 / 1_000_000.0)
}
