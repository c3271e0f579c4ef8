//! Save-to-reload latency of `offersite serve`.
//!
//! ```text
//! cargo build --release
//! cargo run --release --example serve_latency -- SITE_DIR [ROUNDS] [BINARY]
//! ```
//!
//! Starts `BINARY serve --port 0` (default `target/release/offersite`) on a
//! site (e.g. a catalog from `gen_catalog 10000 DIR`), listens to the event
//! stream the way an open page does, then ROUNDS times (default 10) edits
//! one offer's English title and measures the wall time from the write to
//! the `reload` event, and once breaks and fixes a file for the `errors`
//! event. The site's files are restored at the end.

use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant};

struct Kill(Child);

impl Drop for Kill {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let Some(site) = args.first().map(PathBuf::from) else {
        eprintln!("usage: serve_latency SITE_DIR [ROUNDS] [BINARY]");
        std::process::exit(2);
    };
    let rounds: usize = args.get(1).and_then(|r| r.parse().ok()).unwrap_or(10);
    let binary = args.get(2).map_or_else(
        || Path::new(env!("CARGO_MANIFEST_DIR")).join("target/release/offersite"),
        PathBuf::from,
    );

    let offers = site.join("content/offers");
    let mut names: Vec<PathBuf> = std::fs::read_dir(&offers)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "yaml"))
        .collect();
    names.sort();
    println!("site: {} ({} offers)", site.display(), names.len());
    let target = names[names.len() / 2].clone();
    let original = std::fs::read_to_string(&target).unwrap();

    let started = Instant::now();
    let mut child = Kill(
        Command::new(&binary)
            .args(["serve", "--port", "0", "--now", "2026-11-26", "--root"])
            .arg(&site)
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .unwrap_or_else(|e| panic!("cannot run {}: {e}", binary.display())),
    );
    let (lines_tx, lines) = mpsc::channel();
    let stdout = child.0.stdout.take().unwrap();
    std::thread::spawn(move || {
        for line in BufReader::new(stdout).lines().map_while(Result::ok) {
            if lines_tx.send(line).is_err() {
                break;
            }
        }
    });
    let base = loop {
        let line = lines.recv().expect("the server exited");
        if let Some(url) = line.strip_prefix("Serving at ") {
            break url.trim_end_matches('/').to_string();
        }
    };
    println!(
        "initial build and start: {} ms",
        started.elapsed().as_millis()
    );
    std::thread::spawn(move || for _ in lines {});

    let response = reqwest::blocking::Client::builder()
        .timeout(None)
        .build()
        .unwrap()
        .get(format!("{base}/__offersite/events"))
        .send()
        .unwrap();
    let (tx, events) = mpsc::channel::<(String, Instant)>();
    std::thread::spawn(move || {
        for line in BufReader::new(response).lines().map_while(Result::ok) {
            if let Some(e) = line.strip_prefix("event:") {
                let _ = tx.send((e.trim().to_string(), Instant::now()));
            }
        }
    });
    let wait = |name: &str| -> Instant {
        loop {
            let (event, at) = events
                .recv_timeout(Duration::from_secs(60))
                .unwrap_or_else(|_| panic!("no {name} event"));
            if event == name {
                return at;
            }
        }
    };
    wait("hello");

    let title_line = original
        .lines()
        .position(|l| l.trim_start().starts_with("en:"))
        .unwrap();
    let mut times = Vec::new();
    for round in 0..rounds {
        let edited: Vec<String> = original
            .lines()
            .enumerate()
            .map(|(i, l)| {
                if i == title_line {
                    format!("  en: \"Edited title, round {round}\"")
                } else {
                    l.to_string()
                }
            })
            .collect();
        std::thread::sleep(Duration::from_millis(200));
        let saved = Instant::now();
        std::fs::write(&target, edited.join("\n") + "\n").unwrap();
        let at = wait("reload");
        times.push(at.duration_since(saved));
    }
    std::thread::sleep(Duration::from_millis(200));
    let saved = Instant::now();
    std::fs::write(&target, original.replace("valid_until:", "valid_untill:")).unwrap();
    let broken = wait("errors").duration_since(saved);
    std::thread::sleep(Duration::from_millis(200));
    let saved = Instant::now();
    std::fs::write(&target, &original).unwrap();
    let fixed = wait("reload").duration_since(saved);

    let ms = |d: Duration| d.as_secs_f64() * 1000.0;
    let mut sorted: Vec<f64> = times.iter().map(|d| ms(*d)).collect();
    sorted.sort_by(f64::total_cmp);
    println!(
        "edit one offer -> reload event, {rounds} rounds: min {:.0} ms, median {:.0} ms, max {:.0} ms",
        sorted[0],
        sorted[sorted.len() / 2],
        sorted[sorted.len() - 1]
    );
    println!(
        "break the offer -> errors event: {:.0} ms; fix it -> reload event: {:.0} ms",
        ms(broken),
        ms(fixed)
    );
    println!(
        "({} CPUs)",
        std::thread::available_parallelism().map_or(0, std::num::NonZero::get)
    );
}
