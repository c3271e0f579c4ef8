//! Search indexing benchmark (issue 16): how long the Pagefind index takes
//! next to the rest of the render, fed from the model (what `build` does)
//! versus from the rendered HTML pages (Pagefind's usual way), and how big
//! the bundle is.
//!
//! ```text
//! cargo run --release --example search_bench -- ROOT [NOW] [BUILDS]
//! ```
//!
//! ROOT is a site (e.g. one written by `gen_catalog`); NOW the build date
//! (default 2026-11-26, the benchmarks' date). With BUILDS, it also times
//! that many whole builds (load, render, write into a fresh directory, swap
//! in) with the search index and as many without it, alternating, and
//! prints the medians of wall and CPU time (user + system, every thread)
//! and what indexing adds. Prints figures, not verdicts.

use std::process::ExitCode;
use std::time::Instant;

use offersite::content::LoadCache;
use offersite::model::Status;
use offersite::output::{Content, OutputFile, Staging};
use offersite::pipeline::{self, BuildOptions};
use offersite::render;

fn main() -> ExitCode {
    let mut args = std::env::args().skip(1);
    let Some(root) = args.next() else {
        eprintln!("usage: search_bench ROOT [NOW]");
        return ExitCode::from(2);
    };
    let now = args.next().unwrap_or_else(|| "2026-11-26".into());
    let builds: usize = args
        .next()
        .map_or(0, |n| n.parse().expect("BUILDS is a number"));
    let options = BuildOptions {
        root: root.into(),
        now: now.parse().expect("NOW is YYYY-MM-DD"),
        drafts: false,
        base_url: None,
        deny_warnings: false,
    };
    let loaded = match pipeline::load_site(&options, &mut LoadCache::default()) {
        Ok(l) => l,
        Err(d) => {
            eprintln!("{} error(s) loading the site", d.len());
            return ExitCode::FAILURE;
        }
    };
    let site = loaded.site;
    if builds > 0 {
        time_builds(&options, builds);
    }

    let started = Instant::now();
    let files = render::render(&site).expect("renders");
    let render_ms = started.elapsed().as_millis();

    let (bundle, model) = render::search::site_files(&site).expect("indexes");
    let model_ms = model.as_millis();

    let active: Vec<&str> = site
        .offers
        .iter()
        .filter(|o| o.status(site.now) == Status::Active)
        .map(|o| o.id.as_str())
        .collect();
    let mut pages: Vec<(String, String)> = Vec::new();
    for lang in &site.config.languages {
        for id in &active {
            let path = format!("{}/offers/{id}/index.html", lang.code);
            if let Some(OutputFile {
                content: Content::Bytes(b),
                ..
            }) = files.iter().find(|f| f.path == path)
            {
                pages.push((
                    format!("/{}/offers/{id}/", lang.code),
                    String::from_utf8_lossy(b).into_owned(),
                ));
            }
        }
    }
    let html_pages = pages.len();
    let started = Instant::now();
    let from_html = render::search::bundle_from_html(pages).expect("indexes HTML");
    let html_ms = started.elapsed().as_millis();

    let size = |fs: &[OutputFile]| -> u64 {
        fs.iter()
            .map(|f| match &f.content {
                Content::Bytes(b) => b.len() as u64,
                Content::Copy(_) | Content::Link(_) => 0,
            })
            .sum()
    };
    println!(
        "offers: {} active of {}; records: {}",
        active.len(),
        site.offers.len(),
        active.len() * site.config.languages.len()
    );
    println!("full render (pages + search index, in memory): {render_ms} ms");
    println!(
        "search index from the model: {model_ms} ms ({:.0}% of the rest of the render); bundle {} files, {} KB",
        100.0 * model_ms as f64 / (render_ms.saturating_sub(model_ms)).max(1) as f64,
        bundle.len(),
        size(&bundle) / 1024
    );
    println!(
        "search index from {html_pages} HTML pages: {html_ms} ms; bundle {} files, {} KB",
        from_html.len(),
        size(&from_html) / 1024
    );
    ExitCode::SUCCESS
}

/// Whole builds with and without the search index, alternating so that
/// the machine's load falls on both alike.
fn time_builds(options: &BuildOptions, builds: usize) {
    let dir = tempfile::tempdir().expect("a temporary directory");
    let mut times: [Vec<(f64, f64)>; 2] = [Vec::new(), Vec::new()];
    for round in 0..builds {
        for (i, search) in [true, false].into_iter().enumerate() {
            let out = dir.path().join(format!("out-{round}-{search}"));
            let (wall, cpu) = (Instant::now(), cpu_seconds());
            build(options, &out, search);
            let t = (wall.elapsed().as_secs_f64(), cpu_seconds() - cpu);
            println!(
                "build {} search: {:.2} s wall, {:.2} s CPU",
                if search { "with" } else { "without" },
                t.0,
                t.1
            );
            times[i].push(t);
            std::fs::remove_dir_all(&out).expect("removes the build");
        }
    }
    let median = |v: &mut Vec<f64>| {
        v.sort_by(f64::total_cmp);
        v[v.len() / 2]
    };
    let [with, without] = times.map(|t| {
        let (mut wall, mut cpu): (Vec<f64>, Vec<f64>) = t.into_iter().unzip();
        (median(&mut wall), median(&mut cpu))
    });
    println!(
        "median of {builds}: with search {:.2} s wall, {:.2} s CPU; without {:.2} s wall, {:.2} s CPU; indexing adds {:.0}% wall, {:.0}% CPU",
        with.0,
        with.1,
        without.0,
        without.1,
        100.0 * (with.0 / without.0 - 1.0),
        100.0 * (with.1 / without.1 - 1.0)
    );
}

/// One build as `offersite build` makes it, with or without the index.
fn build(options: &BuildOptions, out: &std::path::Path, search: bool) {
    let loaded = pipeline::load_site(options, &mut LoadCache::default()).expect("loads");
    let mut sink = StagingSink { out, staging: None };
    let rendered = if search {
        render::render_with(&loaded.site, &mut sink)
    } else {
        render::render_without_search(&loaded.site, &mut sink)
    };
    rendered.expect("renders");
    sink.staging.expect("started").finish().expect("swaps in");
}

/// Writes files as `build` does, into a staging directory swapped in at the end.
struct StagingSink<'a> {
    out: &'a std::path::Path,
    staging: Option<Staging>,
}

impl render::Sink for StagingSink<'_> {
    type Error = offersite::output::WriteError;
    fn start(&mut self, paths: &[&str]) -> Result<(), Self::Error> {
        self.staging = Some(Staging::begin(self.out, paths)?);
        Ok(())
    }
    fn extend(&self, paths: &[&str]) -> Result<(), Self::Error> {
        self.staging.as_ref().expect("started").extend(paths)
    }
    fn put(&self, file: OutputFile) -> Result<(), Self::Error> {
        self.staging.as_ref().expect("started").write(&file)
    }
}

/// CPU time of the whole process so far (every thread, user + system), from
/// `/proc/self/stat`, in seconds (Linux).
fn cpu_seconds() -> f64 {
    let stat = std::fs::read_to_string("/proc/self/stat").expect("/proc/self/stat");
    // The fields after the command name (which may hold spaces): utime and
    // stime are the 14th and 15th of the whole line, in clock ticks.
    let rest = &stat[stat.rfind(')').expect("a command name") + 2..];
    let fields: Vec<&str> = rest.split_whitespace().collect();
    let ticks: f64 = fields[11].parse::<f64>().unwrap() + fields[12].parse::<f64>().unwrap();
    ticks / 100.0
}
