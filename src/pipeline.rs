//! The stages run in order: load and validate, render, write. Shared by
//! `build`, `check` and `serve`, which differ only in what they keep.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use jiff::civil::Date;

use crate::content::config::base_url_problem;
use crate::content::{self, LoadCache, LoadOptions};
use crate::diagnostics::Diagnostic;
use crate::model::{Site, Status};
use crate::output::{self, OutputFile, Staging, WriteStats};
use crate::render;

#[derive(Debug, Clone)]
pub struct BuildOptions {
    pub root: PathBuf,
    pub now: Date,
    pub drafts: bool,
    /// Overrides `site.yaml`'s `base_url` (preview deploys, the dev server).
    pub base_url: Option<String>,
    /// Warnings fail the build as errors do (`--deny-warnings`).
    pub deny_warnings: bool,
}

/// Load, validate and render without keeping anything (`check`): every
/// problem found, errors and warnings alike.
pub fn check(options: &BuildOptions) -> Vec<Diagnostic> {
    let Loaded {
        site,
        mut diagnostics,
    } = match load_site(options, &mut LoadCache::forgetful()) {
        Ok(loaded) => loaded,
        Err(diagnostics) => return diagnostics,
    };
    let started = Instant::now();
    let rendered = render::check(&site);
    stage_time("render", started);
    if let Err(errors) = rendered {
        diagnostics.extend(errors);
    }
    diagnostics
}

/// A validated site with its warnings, ready to render.
#[derive(Debug)]
pub struct Loaded {
    pub site: Site,
    pub diagnostics: Vec<Diagnostic>,
}

/// Load and validate, re-reading only the content files that changed since
/// `cache` last saw them, and apply `--base-url`.
pub fn load_site(options: &BuildOptions, cache: &mut LoadCache) -> Result<Loaded, Vec<Diagnostic>> {
    if let Some(url) = &options.base_url
        && let Some(why) = base_url_problem(url)
    {
        return Err(vec![Diagnostic::error("--base-url", why).hint(
            "pass an absolute URL such as https://preview.example.com/pr-12",
        )]);
    }
    let started = Instant::now();
    let loaded = content::load_cached(
        &options.root,
        &LoadOptions {
            now: options.now,
            drafts: options.drafts,
        },
        cache,
    );
    stage_time("load", started);
    let Some(mut site) = loaded.site else {
        return Err(loaded.diagnostics);
    };
    let started = Instant::now();
    if let Err(mut errors) = crate::media::prepare(&options.root, &mut site) {
        errors.extend(loaded.diagnostics);
        return Err(errors);
    }
    stage_time("media", started);
    if let Some(url) = &options.base_url {
        site.config.base_url = url.trim_end_matches('/').to_string();
    }
    Ok(Loaded {
        site,
        diagnostics: loaded.diagnostics,
    })
}

/// What a finished build reports.
#[derive(Debug)]
pub struct Built {
    pub site: Site,
    /// Warnings that did not stop the build.
    pub diagnostics: Vec<Diagnostic>,
    /// Every file written, by path relative to the output.
    pub paths: Vec<String>,
    pub written: WriteStats,
    pub elapsed: Duration,
}

#[derive(Debug)]
pub enum BuildFailure {
    /// Content or template errors (with any warnings).
    Invalid(Vec<Diagnostic>),
    /// The site rendered but could not be written.
    Write(output::WriteError),
}

/// Rendered files go straight into the output's staging directory.
struct StagingSink<'a> {
    out: &'a Path,
    staging: Option<Staging>,
}

impl render::Sink for StagingSink<'_> {
    type Error = output::WriteError;

    fn start(&mut self, paths: &[&str]) -> Result<(), Self::Error> {
        self.staging = Some(Staging::begin(self.out, paths)?);
        Ok(())
    }

    fn extend(&self, paths: &[&str]) -> Result<(), Self::Error> {
        self.staging
            .as_ref()
            .expect("start() comes before extend()")
            .extend(paths)
    }

    fn put(&self, file: OutputFile) -> Result<(), Self::Error> {
        self.staging
            .as_ref()
            .expect("start() comes before put()")
            .write(&file)
    }
}

/// Build the site into `out`, replacing it only when everything succeeded.
/// Pages are written as they are rendered, into a staging directory that
/// is swapped in at the end and discarded on any error.
pub fn build(options: &BuildOptions, out: &Path) -> Result<Built, BuildFailure> {
    let started = Instant::now();
    let Loaded {
        site,
        mut diagnostics,
    } = load_site(options, &mut LoadCache::forgetful()).map_err(BuildFailure::Invalid)?;
    if options.deny_warnings && diagnostics.iter().any(Diagnostic::is_warning) {
        return Err(BuildFailure::Invalid(diagnostics));
    }
    let render_started = Instant::now();
    let mut sink = StagingSink { out, staging: None };
    let rendered = render::render_with(&site, &mut sink);
    stage_time("render+write", render_started);
    let paths = match rendered {
        Ok(paths) => paths,
        Err(render::Failure::Invalid(errors)) => {
            diagnostics.extend(errors);
            return Err(BuildFailure::Invalid(diagnostics));
        }
        Err(render::Failure::Sink(err)) => return Err(BuildFailure::Write(err)),
    };
    let swap_started = Instant::now();
    let staging = sink.staging.take().expect("a rendered site was started");
    let written = staging.finish().map_err(BuildFailure::Write)?;
    stage_time("swap-in", swap_started);
    Ok(Built {
        site,
        diagnostics,
        paths,
        written,
        elapsed: started.elapsed(),
    })
}

impl Built {
    /// HTML pages per language, in the configured order.
    fn pages_per_language(&self) -> Vec<(&str, usize)> {
        self.site
            .config
            .languages
            .iter()
            .map(|l| {
                let prefix = format!("{}/", l.code);
                let n = self
                    .paths
                    .iter()
                    .filter(|p| p.starts_with(&prefix) && p.ends_with(".html"))
                    .count();
                (l.code.as_str(), n)
            })
            .collect()
    }

    fn offers_with(&self, status: Status) -> usize {
        let site = &self.site;
        site.offers
            .iter()
            .filter(|o| o.status(site.now) == status)
            .count()
    }

    /// The summary for machines (`build --format json`), as documented by
    /// `docs/build-summary.schema.json`.
    pub fn summary_json(&self, out: &Path) -> serde_json::Value {
        let per_lang: serde_json::Map<String, serde_json::Value> = self
            .pages_per_language()
            .into_iter()
            .map(|(code, n)| (code.to_string(), n.into()))
            .collect();
        let counts = crate::diagnostics::Counts::of(&self.diagnostics);
        serde_json::json!({
            "pages": self.paths.iter().filter(|p| p.ends_with(".html")).count(),
            "pages_by_language": per_lang,
            "offers": {
                "active": self.offers_with(Status::Active),
                "upcoming": self.offers_with(Status::Upcoming),
                "ended": self.offers_with(Status::Ended),
            },
            "files": self.written.files,
            "bytes": self.written.bytes,
            "time_ms": self.elapsed.as_millis() as u64,
            "now": self.site.now.to_string(),
            "next_change": render::next_change(&self.site.offers, self.site.now)
                .map(|d| d.to_string()),
            "warnings": counts.warnings,
            "notes": counts.notes,
            "out": out.display().to_string(),
        })
    }

    /// One line: pages per language, offers by status, size and time.
    pub fn summary(&self, out: &Path) -> String {
        let per_lang: Vec<String> = self
            .pages_per_language()
            .into_iter()
            .map(|(code, n)| format!("{code} {n}"))
            .collect();
        let count = |s: Status| self.offers_with(s);
        format!(
            "built {} pages ({}); offers: {} active, {} upcoming, {} ended; {} files, {:.1} MB in {} ms → {}",
            self.paths.iter().filter(|p| p.ends_with(".html")).count(),
            per_lang.join(", "),
            count(Status::Active),
            count(Status::Upcoming),
            count(Status::Ended),
            self.written.files,
            self.written.bytes as f64 / 1_000_000.0,
            self.elapsed.as_millis(),
            out.display()
        )
    }
}

pub use crate::timings::{set_verbose, stage_time};
