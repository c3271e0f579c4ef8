//! Save-to-reload latency of `offersite serve`.
//!
//! ```text
//! cargo build --release
//! cargo run --release --example serve_latency -- SITE_DIR [ROUNDS] [BINARY] [--site-wide]
//! ```
//!
//! Starts `BINARY serve --port 0` (default `target/release/offersite`) on a
//! site (e.g. a catalog from `gen_catalog 10000 DIR`), listens to the event
//! stream the way an open page does, then ROUNDS times (default 20) edits
//! one offer's English title and measures the wall time from the write to
//! the `reload` event of a site that shows the new title (a reload that
//! still serves the old title, e.g. one left over from an earlier save, is
//! not counted as the answer: the clock runs on to the next one), and once
//! breaks and fixes a file for the `errors` event. It also reports when
//! the search index followed (the `index` event).
//!
//! With `--site-wide` it then edits `content/site.yaml` (a comment, so no
//! page changes) and a template
//! three times each (the template is a copy of the built-in `base.html`
//! put into the site's `templates/` before the server starts) and times a
//! cold `build` of the site into an empty directory, for comparison.
//!
//! The site's files are restored at the end.

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

/// Puts a file back as it was (or removes it) when dropped.
struct Restore {
    path: PathBuf,
    text: Option<String>,
}

impl Restore {
    fn new(path: &Path) -> Restore {
        Restore {
            path: path.to_path_buf(),
            text: std::fs::read_to_string(path).ok(),
        }
    }
}

impl Drop for Restore {
    fn drop(&mut self) {
        match &self.text {
            Some(text) => {
                let _ = std::fs::write(&self.path, text);
            }
            None => {
                let _ = std::fs::remove_file(&self.path);
            }
        }
    }
}

type Events = mpsc::Receiver<(String, Instant)>;

/// Forget events that arrived before now (a late `index`, say).
fn drain(events: &Events) {
    while events.try_recv().is_ok() {}
}

/// The time of the next `name` event.
fn wait(events: &Events, name: &str) -> Instant {
    loop {
        let (event, at) = events
            .recv_timeout(Duration::from_secs(600))
            .unwrap_or_else(|_| panic!("no {name} event within 10 minutes"));
        if event == name {
            return at;
        }
    }
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

fn summary(label: &str, mut times: Vec<f64>) -> String {
    times.sort_by(f64::total_cmp);
    format!(
        "{label}, {} rounds: min {:.0} ms, median {:.0} ms, max {:.0} ms",
        times.len(),
        times[0],
        times[times.len() / 2],
        times[times.len() - 1]
    )
}

fn load_average() -> String {
    std::fs::read_to_string("/proc/loadavg")
        .map(|l| l.split_whitespace().take(3).collect::<Vec<_>>().join(" "))
        .unwrap_or_else(|_| "unknown".into())
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let site_wide = args.iter().any(|a| a == "--site-wide");
    let args: Vec<&String> = args.iter().filter(|a| !a.starts_with("--")).collect();
    let Some(site) = args.first().map(PathBuf::from) else {
        eprintln!("usage: serve_latency SITE_DIR [ROUNDS] [BINARY] [--site-wide]");
        std::process::exit(2);
    };
    let rounds: usize = args.get(1).and_then(|r| r.parse().ok()).unwrap_or(20);
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
    let id = target.file_stem().unwrap().to_string_lossy().into_owned();
    let _restore_offer = Restore::new(&target);
    let original = std::fs::read_to_string(&target).unwrap();
    let config = site.join("content/site.yaml");
    let _restore_config = Restore::new(&config);
    let template = site.join("templates/base.html");
    let _restore_template = Restore::new(&template);
    let made_templates = !site.join("templates").exists();
    if site_wide {
        std::fs::create_dir_all(site.join("templates")).unwrap();
        let builtin = Path::new(env!("CARGO_MANIFEST_DIR")).join("templates/base.html");
        std::fs::copy(builtin, &template).unwrap();
    }

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

    let client = reqwest::blocking::Client::builder()
        .timeout(None)
        .build()
        .unwrap();
    let response = client
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
    wait(&events, "hello");
    let page = format!("{base}/en/offers/{id}/");
    let shows = |title: &str| -> bool {
        client
            .get(&page)
            .send()
            .and_then(|r| r.text())
            .is_ok_and(|html| html.contains(title))
    };

    let title_line = original
        .lines()
        .position(|l| l.trim_start().starts_with("en:"))
        .unwrap();
    println!("load average before the edits: {}", load_average());
    let mut times = Vec::new();
    let mut index_times = Vec::new();
    let mut expect_index = true;
    for round in 0..rounds {
        let title = format!("Edited title, round {round}");
        let edited: Vec<String> = original
            .lines()
            .enumerate()
            .map(|(i, l)| {
                if i == title_line {
                    format!("  en: \"{title}\"")
                } else {
                    l.to_string()
                }
            })
            .collect();
        std::thread::sleep(Duration::from_millis(200));
        drain(&events);
        let saved = Instant::now();
        std::fs::write(&target, edited.join("\n") + "\n").unwrap();
        let at = loop {
            let at = wait(&events, "reload");
            if shows(&title) {
                break at;
            }
        };
        times.push(ms(at.duration_since(saved)));
        // The search index follows on its own; wait for it so that the
        // next round starts from a quiet server. (A server that indexes
        // before the reload sends no `index` event.)
        if expect_index {
            let indexed = loop {
                match events.recv_timeout(Duration::from_secs(30)) {
                    Ok((e, at)) if e == "index" => break Some(at),
                    Ok(_) => {}
                    Err(_) => break None,
                }
            };
            match indexed {
                Some(at) => index_times.push(ms(at.duration_since(saved))),
                None => expect_index = false,
            }
        }
    }
    println!("load average after the edits: {}", load_average());
    std::thread::sleep(Duration::from_millis(200));
    drain(&events);
    let saved = Instant::now();
    std::fs::write(&target, original.replace("valid_until:", "valid_untill:")).unwrap();
    let broken = wait(&events, "errors").duration_since(saved);
    std::thread::sleep(Duration::from_millis(200));
    drain(&events);
    let saved = Instant::now();
    std::fs::write(&target, &original).unwrap();
    let fixed = wait(&events, "reload").duration_since(saved);

    println!(
        "{}",
        summary("edit one offer's title -> reload event showing it", times)
    );
    if !index_times.is_empty() {
        println!(
            "{}",
            summary("edit one offer's title -> search index in", index_times)
        );
    }
    println!(
        "break the offer -> errors event: {:.0} ms; fix it -> reload event: {:.0} ms",
        ms(broken),
        ms(fixed)
    );

    if site_wide {
        let config_text = std::fs::read_to_string(&config).unwrap();
        let template_text = std::fs::read_to_string(&template).unwrap();
        let mut config_times = Vec::new();
        let mut template_times = Vec::new();
        for round in 0..3 {
            std::thread::sleep(Duration::from_secs(1));
            drain(&events);
            let saved = Instant::now();
            std::fs::write(&config, format!("{config_text}\n# edit {round}\n")).unwrap();
            config_times.push(ms(wait(&events, "reload").duration_since(saved)));
            std::thread::sleep(Duration::from_secs(1));
            drain(&events);
            let saved = Instant::now();
            let marker = format!("<!-- edit {round} -->");
            std::fs::write(
                &template,
                template_text.replace("</body>", &format!("{marker}</body>")),
            )
            .unwrap();
            let at = loop {
                let at = wait(&events, "reload");
                if shows(&marker) {
                    break at;
                }
            };
            template_times.push(ms(at.duration_since(saved)));
        }
        println!(
            "{}",
            summary(
                "edit site.yaml (a comment: no page changes) -> reload event",
                config_times
            )
        );
        println!(
            "{}",
            summary("edit base.html -> reload event showing it", template_times)
        );
        drop(child);
        let out = std::env::temp_dir().join(format!("serve-latency-cold-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&out);
        let started = Instant::now();
        let status = Command::new(&binary)
            .args(["build", "--quiet", "--now", "2026-11-26", "--root"])
            .arg(&site)
            .arg("--out")
            .arg(&out)
            .status()
            .unwrap();
        let cold = started.elapsed();
        assert!(status.success(), "the cold build failed");
        let _ = std::fs::remove_dir_all(&out);
        println!(
            "cold build into an empty directory: {:.0} ms (load average {})",
            ms(cold),
            load_average()
        );
        if made_templates {
            let _ = std::fs::remove_file(&template);
            let _ = std::fs::remove_dir(site.join("templates"));
        }
    }
    println!(
        "({} CPUs)",
        std::thread::available_parallelism().map_or(0, std::num::NonZero::get)
    );
}
