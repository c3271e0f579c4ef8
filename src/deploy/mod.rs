//! `offersite deploy`: publish a built site to a `deploy:` target of
//! `site.yaml` (S3 or any S3-compatible storage, or a directory), sending
//! only what changed. The targets are checked with the rest of `site.yaml`
//! (`content::config`) and arrive here as the model's [`DeployTarget`]s.
//!
//! - [`local`]: the built files, hashed;
//! - [`remote`]: the target, through `object_store`;
//! - [`manifest`]: what the last deploy left, to skip a request per object;
//! - [`plan`]: what to upload in which order and what to delete;
//! - [`progress`]: the progress line and sizes.
//!
//! Every object carries its SHA-256 in its metadata and its `Content-Type`
//! and `Cache-Control` from [`crate::headers`]. Uploads go in phases (media
//! and assets, then pages, then feeds, sitemap and JSON) and deletions come
//! last, so a visitor mid-deploy never meets a page whose files are not
//! there yet; a deploy that stops half-way is finished by the next run,
//! which finds what already arrived by its hash.

pub mod local;
pub mod manifest;
pub mod plan;
pub mod progress;
pub mod remote;

use std::collections::HashMap;
use std::io::Write as _;
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::{Mutex, PoisonError};
use std::time::Instant;

use futures::StreamExt as _;

use crate::diagnostics::{Verbosity, print_human};
use crate::model::DeployTarget;
use local::LocalFile;
use manifest::{Entry, Manifest, normalize_etag};
use plan::{Change, Known, Phase, Plan};
use progress::{Progress, megabytes};
use remote::{Remote, is_auth, scrub};

/// Requests in flight at once.
const PARALLEL: usize = 16;
/// The default of `--max-deletes`.
pub const MAX_DELETES: usize = 256;

#[derive(Debug, Clone)]
pub struct DeployOptions {
    pub root: PathBuf,
    /// The built site [default: ROOT/public].
    pub out: Option<PathBuf>,
    pub target: Option<String>,
    pub dry_run: bool,
    pub max_deletes: usize,
    /// Send every file, even those the target already holds.
    pub force: bool,
}

/// Why a deploy did not happen or did not finish.
#[derive(Debug)]
pub struct Failure {
    pub message: String,
    pub hint: Option<String>,
    /// 1: the deploy failed; 2: wrong usage.
    pub code: u8,
}

impl Failure {
    pub fn failed(message: impl Into<String>, hint: Option<String>) -> Failure {
        Failure {
            message: message.into(),
            hint,
            code: 1,
        }
    }

    pub fn usage(message: impl Into<String>, hint: impl Into<String>) -> Failure {
        Failure {
            message: message.into(),
            hint: Some(hint.into()),
            code: 2,
        }
    }
}

pub fn run(options: DeployOptions) -> ExitCode {
    match deploy(&options) {
        Ok(()) => ExitCode::SUCCESS,
        Err(f) => {
            let mut err = std::io::stderr().lock();
            let _ = writeln!(err, "error: {}", scrub(&f.message));
            if let Some(hint) = f.hint {
                let _ = writeln!(err, "  = hint: {}", scrub(&hint));
            }
            ExitCode::from(f.code)
        }
    }
}

fn deploy(options: &DeployOptions) -> Result<(), Failure> {
    let config = match crate::content::load_config(&options.root) {
        Ok(c) => c,
        Err(diagnostics) => {
            print_human(&diagnostics, Verbosity::Normal);
            return Err(Failure::failed(
                "site.yaml has errors; nothing was deployed",
                None,
            ));
        }
    };
    let target = choose(&config.deploy, options.target.as_deref())?;
    let out = options
        .out
        .clone()
        .unwrap_or_else(|| options.root.join("public"));
    if !out.join("index.html").is_file() {
        return Err(Failure::failed(
            format!("{} holds no built site", out.display()),
            Some(
                "run `offersite build` first, or pass --out with the built site's directory".into(),
            ),
        ));
    }
    let started = Instant::now();
    let mut local = local::scan(&out).map_err(|m| Failure::failed(m, None))?;
    for f in &mut local {
        // Keys as the store spells them, so listings compare.
        f.path = object_store::path::Path::from(f.path.as_str())
            .as_ref()
            .to_string();
    }
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .map_err(|e| Failure::failed(format!("cannot start: {e}"), None))?;
    runtime.block_on(publish(target, &local, options, started))
}

fn choose<'a>(
    targets: &'a [DeployTarget],
    name: Option<&str>,
) -> Result<&'a DeployTarget, Failure> {
    let names = || {
        targets
            .iter()
            .map(|t| t.name.as_str())
            .collect::<Vec<_>>()
            .join(", ")
    };
    match name {
        None => targets.first().ok_or_else(|| {
            Failure::usage(
                "site.yaml has no deploy target",
                "add `deploy: [{name: production, url: s3://BUCKET/}]` to content/site.yaml",
            )
        }),
        Some(n) => targets.iter().find(|t| t.name == n).ok_or_else(|| {
            Failure::usage(
                format!("no deploy target named `{n}` in site.yaml"),
                if targets.is_empty() {
                    "add a `deploy:` list to content/site.yaml".to_string()
                } else {
                    format!("the targets are: {}", names())
                },
            )
        }),
    }
}

/// What to tell when the storage refused a request.
fn storage_failure(what: &str, remote: &Remote, e: &object_store::Error) -> Failure {
    if is_auth(e) {
        return Failure::failed(
            format!(
                "{} refused the credentials while {what}: {}",
                remote.shown,
                scrub(&e.to_string())
            ),
            Some("check AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY (and AWS_SESSION_TOKEN) and that the key may write to the bucket".into()),
        );
    }
    Failure::failed(
        format!(
            "{what} failed at {}: {}",
            remote.shown,
            scrub(&e.to_string())
        ),
        None,
    )
}

async fn publish(
    target: &DeployTarget,
    local: &[LocalFile],
    options: &DeployOptions,
    started: Instant,
) -> Result<(), Failure> {
    let remote = Remote::open(target)?;
    let listed = remote
        .list()
        .await
        .map_err(|e| storage_failure("listing the target", &remote, &e))?;
    let previous = if listed.contains_key(manifest::MANIFEST) {
        remote.read_manifest().await
    } else {
        Manifest::default()
    };

    // What each listed object holds: vouched for by the manifest while its
    // ETag is unchanged, else asked of the object itself.
    let mut known: HashMap<String, Known> = HashMap::new();
    let mut ask: Vec<&str> = Vec::new();
    for f in local {
        let Some(there) = listed.get(&f.path) else {
            continue;
        };
        let vouched = previous.files.get(&f.path).filter(|e| {
            there
                .etag
                .as_deref()
                .is_some_and(|t| normalize_etag(t) == normalize_etag(&e.etag))
        });
        match vouched {
            Some(e) => {
                known.insert(
                    f.path.clone(),
                    Known {
                        sha256: e.sha256.clone(),
                        content_type: e.content_type.clone(),
                        cache_control: e.cache_control.clone(),
                    },
                );
            }
            None if !options.force => ask.push(&f.path),
            None => {}
        }
    }
    let asked: Vec<(&str, Result<Option<Known>, object_store::Error>)> =
        futures::stream::iter(ask.iter().map(|&key| {
            let remote = &remote;
            async move { (key, remote.probe(key).await) }
        }))
        .buffer_unordered(PARALLEL)
        .collect()
        .await;
    for (key, result) in asked {
        match result {
            Ok(Some(k)) => {
                known.insert(key.to_string(), k);
            }
            Ok(None) => {}
            Err(e) => return Err(storage_failure(&format!("reading {key}"), &remote, &e)),
        }
    }
    let plan = plan::decide(local, &listed, &known, options.force);

    if options.dry_run {
        print_plan(&plan, local, &remote, target, options);
        return Ok(());
    }
    if plan.deletes.len() > options.max_deletes {
        let shown: Vec<&str> = plan.deletes.iter().take(5).map(String::as_str).collect();
        return Err(Failure::failed(
            format!(
                "the deploy would delete {} files from {} (more than --max-deletes {}), e.g. {}; nothing was changed",
                plan.deletes.len(),
                remote.shown,
                options.max_deletes,
                shown.join(", ")
            ),
            Some(format!(
                "check that --out is the right build (`--dry-run` lists every file); if the deletions are meant, pass --max-deletes {}",
                plan.deletes.len()
            )),
        ));
    }

    // The manifest being built: what is certainly on the target now.
    let after: Mutex<Manifest> = Mutex::new(Manifest::default());
    let record = |f: &LocalFile, etag: Option<&str>| {
        if let Some(etag) = etag {
            after
                .lock()
                .unwrap_or_else(PoisonError::into_inner)
                .files
                .insert(
                    f.path.clone(),
                    Entry {
                        sha256: f.sha256.clone(),
                        etag: etag.to_string(),
                        content_type: Some(f.headers.content_type.to_string()),
                        cache_control: Some(f.headers.cache_control.to_string()),
                    },
                );
        }
    };
    for &i in &plan.unchanged {
        let f = &local[i];
        record(f, listed.get(&f.path).and_then(|l| l.etag.as_deref()));
    }

    let progress = Progress::new(plan.uploads.len(), plan.upload_bytes(local));
    let mut failure = None;
    for phase in [Phase::Files, Phase::Pages, Phase::Indexes] {
        let batch: Vec<usize> = plan
            .uploads
            .iter()
            .filter(|(i, _)| Phase::of(&local[*i].path) == phase)
            .map(|(i, _)| *i)
            .collect();
        let results: Vec<Result<(), (String, object_store::Error)>> =
            futures::stream::iter(batch.into_iter().map(|i| {
                let (remote, progress, record) = (&remote, &progress, &record);
                async move {
                    let f = &local[i];
                    let bytes = tokio::fs::read(&f.full).await.map_err(|e| {
                        (
                            f.path.clone(),
                            object_store::Error::Generic {
                                store: "local",
                                source: Box::new(e),
                            },
                        )
                    })?;
                    let etag = remote
                        .put(&f.path, bytes, f.headers, &f.sha256)
                        .await
                        .map_err(|e| (f.path.clone(), e))?;
                    record(f, etag.as_deref());
                    progress.sent(f.size, phase.name());
                    Ok(())
                }
            }))
            .buffer_unordered(PARALLEL)
            .collect()
            .await;
        if let Some(Err((path, e))) = results.into_iter().find(Result::is_err) {
            failure = Some(storage_failure(&format!("uploading {path}"), &remote, &e));
            break;
        }
    }
    progress.clear();
    let mut deleted = 0;
    if failure.is_none() {
        let results: Vec<Result<(), (String, object_store::Error)>> =
            futures::stream::iter(plan.deletes.iter().map(|key| {
                let remote = &remote;
                async move { remote.delete(key).await.map_err(|e| (key.clone(), e)) }
            }))
            .buffer_unordered(PARALLEL)
            .collect()
            .await;
        deleted = results.iter().filter(|r| r.is_ok()).count();
        if let Some(Err((key, e))) = results.into_iter().find(Result::is_err) {
            failure = Some(storage_failure(&format!("deleting {key}"), &remote, &e));
        }
    }
    // Even a stopped deploy records what arrived, so the next run need
    // not ask for it (it would find it by its metadata all the same).
    let manifest = after.into_inner().unwrap_or_else(PoisonError::into_inner);
    // A deploy that changed nothing sends nothing, not even the manifest.
    let manifest_written = if manifest.files == previous.files {
        Ok(())
    } else {
        remote.write_manifest(&manifest).await
    };
    if let Some(mut f) = failure {
        f.message = format!(
            "{}\ndeploy to {} stopped after sending {} of {} files; what arrived stays, and the site may mix old and new files",
            f.message,
            remote.shown,
            progress.files_sent(),
            plan.uploads.len()
        );
        if f.hint.is_none() {
            f.hint = Some("run the same deploy again: it sends only what did not arrive".into());
        }
        return Err(f);
    }
    manifest_written.map_err(|e| storage_failure("writing the deploy manifest", &remote, &e))?;
    println!(
        "deployed to {} ({}): {} uploaded ({} new, {} updated, {}), {} deleted, {} unchanged in {:.1} s",
        target.name,
        remote.shown,
        progress.files_sent(),
        plan.count(Change::New),
        plan.count(Change::Update),
        megabytes(progress.bytes_sent()),
        deleted,
        plan.unchanged.len(),
        started.elapsed().as_secs_f64()
    );
    Ok(())
}

fn print_plan(
    plan: &Plan,
    local: &[LocalFile],
    remote: &Remote,
    target: &DeployTarget,
    options: &DeployOptions,
) {
    let mut out = std::io::stdout().lock();
    for (i, change) in &plan.uploads {
        let word = match change {
            Change::New => "upload",
            Change::Update => "update",
        };
        let _ = writeln!(out, "{word}  {}", local[*i].path);
    }
    for key in &plan.deletes {
        let _ = writeln!(out, "delete  {key}");
    }
    let _ = writeln!(
        out,
        "dry run for {} ({}): would upload {} new and {} updated files ({}), delete {}, leave {} unchanged; nothing was changed",
        target.name,
        remote.shown,
        plan.count(Change::New),
        plan.count(Change::Update),
        megabytes(plan.upload_bytes(local)),
        plan.deletes.len(),
        plan.unchanged.len()
    );
    if plan.deletes.len() > options.max_deletes {
        let _ = writeln!(
            out,
            "note: {} deletions are more than --max-deletes {}: the deploy would stop before changing anything",
            plan.deletes.len(),
            options.max_deletes
        );
    }
}
