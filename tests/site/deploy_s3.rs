//! `offersite deploy` against a real S3-compatible server: moto's server
//! mode (PyPI `moto[server]`, see `tests/deploy/s3server.py`), started on
//! loopback by each test and stopped after it. It checks SigV4 signatures
//! against IAM keys, keeps Content-Type, Cache-Control and user metadata,
//! and logs every request, so the tests see what was really sent.
//!
//! Without moto these tests print why and pass, except where CI runs them
//! (`CI` or `OFFERSITE_S3_TESTS` set), where a missing server fails loudly:
//! `.ci/run` installs it first (`tests/deploy/requirements.txt`).

use crate::common::*;

use std::collections::{BTreeMap, BTreeSet};
use std::io::{BufRead, BufReader, Read, Write};
use std::net::{Shutdown, TcpListener, TcpStream};
use std::process::{Child, ChildStdin, ChildStdout, Command, Output, Stdio};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};

use offersite::fingerprint::sha256_hex;
use offersite::headers;
use serde_json::Value;

const MANIFEST: &str = ".offersite-deploy.json";

/// A running moto server with a bucket and an IAM user's key.
struct S3 {
    child: Child,
    stdin: ChildStdin,
    stdout: BufReader<ChildStdout>,
    endpoint: String,
    access_key: String,
    secret_key: String,
}

impl Drop for S3 {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl S3 {
    /// The server, or `None` (test skipped) where moto is not installed and
    /// this is not CI.
    fn start() -> Option<S3> {
        let script = repo().join("tests/deploy/s3server.py");
        let python = std::env::var("PYTHON").unwrap_or_else(|_| "python3".into());
        let required =
            std::env::var_os("CI").is_some() || std::env::var_os("OFFERSITE_S3_TESTS").is_some();
        let unavailable = |why: String| {
            let message = format!(
                "the S3 test server cannot start ({why}); install it: {python} -m pip install -r tests/deploy/requirements.txt"
            );
            assert!(!required, "{message}");
            eprintln!("skipped: {message}");
        };
        let mut child = match Command::new(&python)
            .arg(&script)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
        {
            Ok(c) => c,
            Err(e) => {
                unavailable(e.to_string());
                return None;
            }
        };
        let stdin = child.stdin.take().unwrap();
        let mut stdout = BufReader::new(child.stdout.take().unwrap());
        let mut line = String::new();
        stdout.read_line(&mut line).unwrap();
        let Ok(info) = serde_json::from_str::<Value>(&line) else {
            let mut err = String::new();
            let _ = child.stderr.take().unwrap().read_to_string(&mut err);
            let _ = child.kill();
            let _ = child.wait();
            unavailable(err.lines().last().unwrap_or("no output").to_string());
            return None;
        };
        let field = |k: &str| info[k].as_str().unwrap().to_string();
        Some(S3 {
            endpoint: field("endpoint"),
            access_key: field("access_key"),
            secret_key: field("secret_key"),
            child,
            stdin,
            stdout,
        })
    }

    fn ask(&mut self, command: &str) -> Value {
        writeln!(self.stdin, "{command}").unwrap();
        self.stdin.flush().unwrap();
        let mut line = String::new();
        self.stdout.read_line(&mut line).unwrap();
        serde_json::from_str(&line).unwrap()
    }

    /// Every object: key → (bytes, Content-Type, Cache-Control, sha256 metadata).
    fn objects(&mut self) -> BTreeMap<String, Object> {
        let dump = self.ask("dump");
        dump.as_object()
            .unwrap()
            .iter()
            .map(|(k, v)| {
                let text = |f: &str| v[f].as_str().map(str::to_string);
                let bytes = decode_base64(v["bytes"].as_str().unwrap());
                (
                    k.clone(),
                    Object {
                        bytes,
                        content_type: text("content_type"),
                        cache_control: text("cache_control"),
                        sha256: v["metadata"]["offersite-sha256"]
                            .as_str()
                            .map(str::to_string),
                    },
                )
            })
            .collect()
    }

    /// The requests served since the last call: (method, key).
    fn requests(&mut self) -> Vec<(String, String)> {
        self.ask("log")
            .as_array()
            .unwrap()
            .iter()
            .map(|r| {
                let path = r[1].as_str().unwrap();
                let key = path
                    .trim_start_matches("/offers-site")
                    .trim_start_matches('/');
                (r[0].as_str().unwrap().to_string(), percent_decode(key))
            })
            .collect()
    }

    /// Keys written (PUT) and deleted (DELETE, one by one or in a batch POST).
    fn writes(&mut self) -> (Vec<String>, usize) {
        let requests = self.requests();
        let puts = requests
            .iter()
            .filter(|(m, _)| m == "PUT")
            .map(|(_, k)| k.clone())
            .collect();
        let deletes = requests
            .iter()
            .filter(|(m, _)| m == "DELETE" || m == "POST")
            .count();
        (puts, deletes)
    }
}

#[derive(Debug, Clone, PartialEq)]
struct Object {
    bytes: Vec<u8>,
    content_type: Option<String>,
    cache_control: Option<String>,
    sha256: Option<String>,
}

fn decode_base64(text: &str) -> Vec<u8> {
    let value = |c: u8| match c {
        b'A'..=b'Z' => c - b'A',
        b'a'..=b'z' => c - b'a' + 26,
        b'0'..=b'9' => c - b'0' + 52,
        b'+' => 62,
        _ => 63,
    };
    let clean: Vec<u8> = text.bytes().filter(|&c| c != b'=').collect();
    let mut out = Vec::with_capacity(clean.len() * 3 / 4);
    for chunk in clean.chunks(4) {
        let mut n: u32 = 0;
        for (i, &c) in chunk.iter().enumerate() {
            n |= u32::from(value(c)) << (18 - 6 * i);
        }
        for i in 0..chunk.len().saturating_sub(1) {
            out.push((n >> (16 - 8 * i)) as u8);
        }
    }
    out
}

fn percent_decode(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' && i + 2 < bytes.len() {
            let hex = std::str::from_utf8(&bytes[i + 1..i + 3]).unwrap();
            out.push(u8::from_str_radix(hex, 16).unwrap());
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).unwrap()
}

/// The fixture site with a deploy target at `endpoint`, built.
fn site_for(endpoint: &str) -> SiteTest {
    let site = SiteTest::fixture("valid");
    let yaml = std::fs::read_to_string(site.root().join("content/site.yaml")).unwrap();
    site.write(
        "content/site.yaml",
        format!(
            "{yaml}deploy:\n  - name: production\n    url: s3://offers-site/\n    endpoint: {endpoint}\n    region: us-east-1\n"
        ),
    );
    site.build();
    site
}

/// `offersite deploy ARGS` with no `AWS_*` from the test's environment.
fn deploy_without_credentials(site: &SiteTest, args: &[&str]) -> Command {
    let mut cmd = site.command(&[&["deploy"], args].concat());
    for (k, _) in std::env::vars_os() {
        if k.to_string_lossy().starts_with("AWS_") {
            cmd.env_remove(k);
        }
    }
    cmd
}

/// `offersite deploy ARGS` with these credentials and no other `AWS_*`.
fn deploy(site: &SiteTest, key: &str, secret: &str, args: &[&str]) -> Output {
    deploy_without_credentials(site, args)
        .env("AWS_ACCESS_KEY_ID", key)
        .env("AWS_SECRET_ACCESS_KEY", secret)
        .output()
        .unwrap()
}

fn ok(out: &Output) -> String {
    let stdout = String::from_utf8_lossy(&out.stdout).into_owned();
    assert_eq!(
        out.status.code(),
        Some(0),
        "stdout: {stdout}\nstderr: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    stdout
}

/// The bucket holds exactly the build: same bytes, and each object the
/// headers of the headers table and its hash in its metadata.
fn assert_mirrors(objects: &BTreeMap<String, Object>, files: &Files) {
    let built: BTreeSet<&str> = files.keys().map(String::as_str).collect();
    let stored: BTreeSet<&str> = objects
        .keys()
        .map(String::as_str)
        .filter(|k| *k != MANIFEST)
        .collect();
    assert_eq!(
        stored, built,
        "the bucket holds the build's files and no others"
    );
    for (path, bytes) in files {
        let o = &objects[path];
        let want = headers::for_path(path);
        assert!(o.bytes == *bytes, "{path}: bytes differ");
        assert_eq!(o.content_type.as_deref(), Some(want.content_type), "{path}");
        assert_eq!(
            o.cache_control.as_deref(),
            Some(want.cache_control),
            "{path}"
        );
        assert_eq!(
            o.sha256.as_deref(),
            Some(sha256_hex(bytes).as_str()),
            "{path}"
        );
    }
}

/// Story: CI publishes the site after `build`; a second deploy of the same
/// build sends nothing; an edit of one offer re-sends only the files whose
/// bytes changed; a removed offer's files are deleted, after the uploads.
#[test]
fn first_noop_edited_and_removed_offer_deploys() {
    let Some(mut s3) = S3::start() else { return };
    let site = site_for(&s3.endpoint);
    let (key, secret) = (s3.access_key.clone(), s3.secret_key.clone());
    s3.requests();

    // First deploy: everything, in order.
    let files = site.build();
    let out = ok(&deploy(&site, &key, &secret, &[]));
    assert!(out.contains(&format!("{} uploaded", files.len())), "{out}");
    let (puts, deletes) = s3.writes();
    assert_eq!(deletes, 0);
    let order: Vec<u8> = puts
        .iter()
        .filter(|k| *k != MANIFEST)
        .map(|k| {
            if k.starts_with("media/")
                || k.starts_with("assets/")
                || (k.starts_with("pagefind/") && !k.ends_with(".json"))
            {
                0
            } else if k.ends_with(".html") {
                1
            } else {
                2
            }
        })
        .collect();
    assert!(
        order.is_sorted(),
        "media, assets and the search index's files, then pages, then feeds and JSON: {puts:?}"
    );
    assert_mirrors(&s3.objects(), &files);

    // No-op: nothing sent, not even the manifest.
    let out = ok(&deploy(&site, &key, &secret, &[]));
    assert!(out.contains(" 0 uploaded"), "{out}");
    assert_eq!(s3.writes(), (vec![], 0), "a no-op deploy sends nothing");

    // One edited offer: exactly the files whose bytes changed.
    let offer = "content/offers/macys-gift.yaml";
    let text = std::fs::read_to_string(site.root().join(offer)).unwrap();
    let before = files;
    site.write(offer, text.replacen("en: ", "en: Edited ", 1));
    let files = site.build();
    let changed: BTreeSet<String> = files
        .iter()
        .filter(|(p, b)| before.get(*p) != Some(*b))
        .map(|(p, _)| p.clone())
        .collect();
    assert!(
        !changed.is_empty() && changed.len() < files.len() / 2,
        "{changed:?}"
    );
    ok(&deploy(&site, &key, &secret, &[]));
    let (puts, deletes) = s3.writes();
    let sent: BTreeSet<String> = puts.into_iter().filter(|k| k != MANIFEST).collect();
    assert_eq!(sent, changed, "only the changed files are re-sent");
    assert_eq!(deletes, 0);
    assert_mirrors(&s3.objects(), &files);

    // A removed offer: its pages and JSON are deleted, nothing else.
    std::fs::remove_file(site.root().join(offer)).unwrap();
    let files = site.build();
    let gone: BTreeSet<&str> = before
        .keys()
        .map(String::as_str)
        .filter(|p| !files.iter().any(|(f, _)| f == p))
        .collect();
    assert!(gone.iter().any(|p| p.contains("macys-gift")), "{gone:?}");
    let out = ok(&deploy(&site, &key, &secret, &[]));
    assert!(out.contains(&format!("{} deleted", gone.len())), "{out}");
    let requests = s3.requests();
    let first_delete = requests
        .iter()
        .position(|(m, k)| m == "DELETE" || (m == "POST" && k.is_empty()));
    let last_upload = requests
        .iter()
        .rposition(|(m, k)| m == "PUT" && k != MANIFEST);
    if let (Some(d), Some(u)) = (first_delete, last_upload) {
        assert!(u < d, "deletions come after every upload: {requests:?}");
    }
    assert_mirrors(&s3.objects(), &files);
}

/// Story: a deploy from the wrong directory would wipe the site; more
/// deletions than --max-deletes stop it before anything changes, and
/// --dry-run shows the plan without changing anything.
#[test]
fn too_many_deletions_stop_the_deploy_and_dry_run_changes_nothing() {
    let Some(mut s3) = S3::start() else { return };
    let site = site_for(&s3.endpoint);
    let (key, secret) = (s3.access_key.clone(), s3.secret_key.clone());
    ok(&deploy(&site, &key, &secret, &[]));
    let before = s3.objects();
    s3.requests();

    for offer in ["macys-gift", "aston-waikiki"] {
        std::fs::remove_file(site.root().join(format!("content/offers/{offer}.yaml"))).unwrap();
    }
    site.build();
    let out = deploy(&site, &key, &secret, &["--max-deletes", "2"]);
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("more than --max-deletes 2") && stderr.contains("nothing was changed"),
        "{stderr}"
    );
    assert_eq!(s3.writes(), (vec![], 0), "nothing was sent");
    assert_eq!(s3.objects(), before);

    let out = ok(&deploy(
        &site,
        &key,
        &secret,
        &["--dry-run", "--max-deletes", "2"],
    ));
    assert!(
        out.contains("delete  en/offers/macys-gift/index.html"),
        "{out}"
    );
    assert!(out.contains("nothing was changed"), "{out}");
    assert_eq!(s3.writes(), (vec![], 0));
    assert_eq!(s3.objects(), before);
}

/// Story: a CI secret was rotated or mistyped: the deploy says the
/// credentials were refused, prints no secret, and changes nothing.
#[test]
fn wrong_credentials_are_a_clear_error_and_change_nothing() {
    let Some(mut s3) = S3::start() else { return };
    let site = site_for(&s3.endpoint);
    let (key, secret) = (s3.access_key.clone(), s3.secret_key.clone());
    ok(&deploy(&site, &key, &secret, &[]));
    let before = s3.objects();
    site.write(
        "content/offers/macys-gift.yaml",
        std::fs::read_to_string(site.root().join("content/offers/macys-gift.yaml"))
            .unwrap()
            .replacen("en: ", "en: Changed ", 1),
    );
    site.build();
    s3.requests();

    let wrong = "wJalrXUtnFEMIK7MDENGbPxRfiCYWRONGKEY";
    let out = deploy(&site, &key, wrong, &[]);
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("refused the credentials"), "{stderr}");
    assert!(stderr.contains("AWS_SECRET_ACCESS_KEY"), "{stderr}");
    assert!(
        !stderr.contains(wrong) && !stderr.contains(&key),
        "no secret printed: {stderr}"
    );
    assert_eq!(s3.writes(), (vec![], 0));
    assert_eq!(s3.objects(), before);

    // No credentials at all: told how to give them, before any request.
    let out = deploy_without_credentials(&site, &[]).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("AWS_ACCESS_KEY_ID"));
    assert!(s3.requests().is_empty());
}

/// A TCP relay in front of the server, that dies (closing every
/// connection and refusing new ones) after relaying `limit` uploads: to
/// the deploy, the server went away mid-deploy.
struct Relay {
    port: u16,
    dead: Arc<AtomicBool>,
}

impl Relay {
    fn start(port: u16, upstream: u16, limit: usize) -> Relay {
        let listener = TcpListener::bind(("127.0.0.1", port)).unwrap();
        let port = listener.local_addr().unwrap().port();
        let dead = Arc::new(AtomicBool::new(false));
        let puts = Arc::new(AtomicUsize::new(0));
        let conns: Arc<Mutex<Vec<TcpStream>>> = Arc::default();
        let d = dead.clone();
        std::thread::spawn(move || {
            for client in listener.incoming() {
                if d.load(Ordering::SeqCst) {
                    break;
                }
                let Ok(client) = client else { break };
                let Ok(server) = TcpStream::connect(("127.0.0.1", upstream)) else {
                    break;
                };
                conns
                    .lock()
                    .unwrap()
                    .extend([client.try_clone().unwrap(), server.try_clone().unwrap()]);
                let (d2, puts2, conns2) = (d.clone(), puts.clone(), conns.clone());
                let (mut c_read, mut s_write) =
                    (client.try_clone().unwrap(), server.try_clone().unwrap());
                std::thread::spawn(move || {
                    let mut buf = [0u8; 16384];
                    while let Ok(n) = c_read.read(&mut buf) {
                        if n == 0 || d2.load(Ordering::SeqCst) {
                            break;
                        }
                        let chunk = &buf[..n];
                        let started = chunk.windows(4).filter(|w| w == b"PUT ").count();
                        if started > 0
                            && puts2.fetch_add(started, Ordering::SeqCst) + started > limit
                        {
                            // The server dies: every connection is cut.
                            d2.store(true, Ordering::SeqCst);
                            for c in conns2.lock().unwrap().iter() {
                                let _ = c.shutdown(Shutdown::Both);
                            }
                            // Unblock accept() so the listener closes.
                            let _ = TcpStream::connect(("127.0.0.1", port));
                            break;
                        }
                        if s_write.write_all(chunk).is_err() {
                            break;
                        }
                    }
                });
                let (mut s_read, mut c_write) = (server, client);
                std::thread::spawn(move || {
                    let _ = std::io::copy(&mut s_read, &mut c_write);
                });
            }
        });
        Relay { port, dead }
    }
}

/// Story: the storage went away half-way through a deploy: the deploy
/// fails and says so; the next run completes it without re-sending what
/// had arrived, and the site ends up exactly the build.
#[test]
fn a_deploy_cut_off_mid_way_is_completed_by_the_next_run() {
    let Some(mut s3) = S3::start() else { return };
    let upstream: u16 = s3.endpoint.rsplit(':').next().unwrap().parse().unwrap();
    let relay = Relay::start(0, upstream, 20);
    let site = site_for(&format!("http://127.0.0.1:{}", relay.port));
    let (key, secret) = (s3.access_key.clone(), s3.secret_key.clone());
    let files = site.build();
    s3.requests();

    let out = deploy(&site, &key, &secret, &[]);
    assert_eq!(
        out.status.code(),
        Some(1),
        "{}",
        String::from_utf8_lossy(&out.stdout)
    );
    assert!(relay.dead.load(Ordering::SeqCst));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("run the same deploy again"), "{stderr}");
    let arrived: BTreeMap<String, Object> = s3.objects();
    assert!(
        !arrived.is_empty() && arrived.len() < files.len(),
        "{} of {}",
        arrived.len(),
        files.len()
    );
    s3.requests();

    // The server is back (at the same address).
    let relay = Relay::start(relay.port, upstream, usize::MAX);
    let out = ok(&deploy(&site, &key, &secret, &[]));
    let (puts, _) = s3.writes();
    for key in puts.iter().filter(|k| *k != MANIFEST) {
        let had = arrived
            .get(key)
            .is_some_and(|o| Some(&o.bytes) == files.get(key.as_str()));
        assert!(!had, "{key} had arrived and was sent again");
    }
    let missing = files
        .iter()
        .filter(|(p, b)| arrived.get(*p).is_none_or(|o| o.bytes != **b))
        .count();
    assert_eq!(
        puts.iter().filter(|k| *k != MANIFEST).count(),
        missing,
        "{out}"
    );
    assert_mirrors(&s3.objects(), &files);
    drop(relay);
}

/// Story: a site published by copying into a directory a web server
/// serves (`file://`): the same incremental deploy, no S3 needed.
#[test]
fn a_directory_target_mirrors_the_build_incrementally() {
    let site = SiteTest::fixture("valid");
    let target = tempfile::tempdir().unwrap();
    let yaml = std::fs::read_to_string(site.root().join("content/site.yaml")).unwrap();
    site.write(
        "content/site.yaml",
        format!(
            "{yaml}deploy:\n  - name: mirror\n    url: file://{}\n",
            target.path().display()
        ),
    );
    let mirrored = |files: &Files| {
        let mut there = Files::read_dir(target.path());
        there.0.remove(MANIFEST);
        assert!(there == *files, "the directory holds exactly the build");
    };
    let files = site.build();
    let wrong = deploy(&site, "", "", &["--target", "nope"]);
    assert_eq!(wrong.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&wrong.stderr).contains("the targets are: mirror"));
    let out = ok(&deploy(&site, "", "", &[]));
    assert!(out.contains(&format!("{} uploaded", files.len())), "{out}");
    mirrored(&files);
    let out = ok(&deploy(&site, "", "", &[]));
    assert!(
        out.contains(" 0 uploaded") && out.contains(" 0 deleted"),
        "{out}"
    );

    std::fs::remove_file(site.root().join("content/offers/macys-gift.yaml")).unwrap();
    let files = site.build();
    let out = ok(&deploy(&site, "", "", &[]));
    assert!(!out.contains(" 0 deleted"), "{out}");
    mirrored(&files);
}
