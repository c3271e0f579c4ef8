//! `offersite serve` over real HTTP: the binary is started on an ephemeral
//! port against a copy of the valid fixture, pages are fetched, files are
//! changed, and the server-sent events that open pages listen to are read.

use crate::common::*;

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::process::{Child, Stdio};
use std::sync::mpsc::{self, Receiver};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use reqwest::blocking::{Client, Response};
use reqwest::redirect::Policy;

/// A running `offersite serve`, killed when dropped.
struct Server {
    child: Child,
    base: String,
    stderr: Arc<Mutex<String>>,
    client: Client,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

const WAIT: Duration = Duration::from_secs(15);

impl Server {
    fn start(site: &SiteTest) -> Server {
        let mut child = site
            .command(&["serve", "--port", "0", "--now", NOW])
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let stderr = Arc::new(Mutex::new(String::new()));
        {
            let stderr = stderr.clone();
            let mut pipe = child.stderr.take().unwrap();
            std::thread::spawn(move || {
                let mut buf = [0u8; 4096];
                while let Ok(n) = pipe.read(&mut buf) {
                    if n == 0 {
                        break;
                    }
                    stderr
                        .lock()
                        .unwrap()
                        .push_str(&String::from_utf8_lossy(&buf[..n]));
                }
            });
        }
        let (tx, rx) = mpsc::channel();
        let stdout = child.stdout.take().unwrap();
        std::thread::spawn(move || {
            for line in BufReader::new(stdout).lines() {
                let Ok(line) = line else { break };
                if tx.send(line).is_err() {
                    break;
                }
            }
        });
        let started = Instant::now();
        let base = loop {
            let line = rx
                .recv_timeout(WAIT.saturating_sub(started.elapsed()))
                .unwrap_or_else(|_| {
                    panic!("no address printed; stderr: {}", stderr.lock().unwrap())
                });
            if let Some(rest) = line.strip_prefix("Serving at ") {
                break rest.trim_end_matches('/').to_string();
            }
        };
        // What the server prints later is read (and dropped), as a
        // terminal would.
        std::thread::spawn(move || for _ in rx {});
        assert!(base.starts_with("http://127.0.0.1:"), "{base}");
        let client = Client::builder()
            .redirect(Policy::none())
            .timeout(Duration::from_secs(10))
            .build()
            .unwrap();
        Server {
            child,
            base,
            stderr,
            client,
        }
    }

    fn get(&self, path: &str) -> Response {
        self.client
            .get(format!("{}{path}", self.base))
            .send()
            .unwrap()
    }

    fn text(&self, path: &str) -> String {
        let response = self.get(path);
        assert_eq!(response.status(), 200, "{path}");
        response.text().unwrap()
    }

    fn port(&self) -> u16 {
        self.base.rsplit(':').next().unwrap().parse().unwrap()
    }

    /// The status line's code for a request sent byte for byte as given,
    /// with none of a client library's path normalisation.
    fn raw_status(&self, target: &[u8]) -> (u16, String) {
        let mut stream = TcpStream::connect(("127.0.0.1", self.port())).unwrap();
        stream
            .set_read_timeout(Some(Duration::from_secs(5)))
            .unwrap();
        let mut request = b"GET ".to_vec();
        request.extend_from_slice(target);
        request.extend_from_slice(b" HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");
        stream.write_all(&request).unwrap();
        let mut response = Vec::new();
        let _ = stream.read_to_end(&mut response);
        let response = String::from_utf8_lossy(&response).into_owned();
        let code = response
            .split(' ')
            .nth(1)
            .and_then(|c| c.parse().ok())
            .unwrap_or(0);
        (code, response)
    }

    /// Open pages' event stream: (event, data) pairs as they arrive.
    fn events(&self) -> Events {
        let response = Client::builder()
            .timeout(None)
            .build()
            .unwrap()
            .get(format!("{}/__offersite/events", self.base))
            .send()
            .unwrap();
        assert_eq!(response.status(), 200);
        assert!(
            response.headers()["content-type"]
                .to_str()
                .unwrap()
                .starts_with("text/event-stream")
        );
        let (tx, rx) = mpsc::channel();
        std::thread::spawn(move || {
            let mut event = String::new();
            let mut data = String::new();
            for line in BufReader::new(response).lines() {
                let Ok(line) = line else { break };
                if let Some(e) = line.strip_prefix("event:") {
                    event = e.trim().to_string();
                } else if let Some(d) = line.strip_prefix("data:") {
                    // Lines of data are joined with newlines, as in a
                    // browser.
                    if !data.is_empty() {
                        data.push('\n');
                    }
                    data.push_str(d.strip_prefix(' ').unwrap_or(d));
                } else if line.is_empty() && !event.is_empty() {
                    let pair = (std::mem::take(&mut event), std::mem::take(&mut data));
                    if tx.send(pair).is_err() {
                        break;
                    }
                }
            }
        });
        let events = Events(rx);
        let (name, _) = events.next(WAIT).expect("no hello event");
        assert_eq!(name, "hello");
        events
    }

    fn stderr(&self) -> String {
        self.stderr.lock().unwrap().clone()
    }
}

struct Events(Receiver<(String, String)>);

impl Events {
    fn next(&self, within: Duration) -> Option<(String, String)> {
        self.0.recv_timeout(within).ok()
    }

    /// The next event, which must be `name`; returns its data.
    fn expect(&self, name: &str) -> String {
        let (event, data) = self
            .next(WAIT)
            .unwrap_or_else(|| panic!("no {name} event within {WAIT:?}"));
        assert_eq!(event, name, "data: {data}");
        data
    }

    /// The reload of the rebuild after an edit, past the preview's (the
    /// edited offer's own pages, shown first); returns its data.
    fn rebuilt(&self) -> String {
        loop {
            let data = self.expect("reload");
            if !data.ends_with(" preview") {
                return data;
            }
        }
    }
}

fn content_type(response: &Response) -> String {
    response.headers()["content-type"]
        .to_str()
        .unwrap()
        .to_string()
}

const OFFER: &str = "content/offers/macys-gift.yaml";
const OFFER_PAGE: &str = "/en/offers/macys-gift/";

fn edit(site: &SiteTest, rel: &str, from: &str, to: &str) {
    let path = site.root().join(rel);
    let text = std::fs::read_to_string(&path).unwrap();
    assert!(text.contains(from), "{from:?} not in {rel}");
    std::fs::write(path, text.replacen(from, to, 1)).unwrap();
}

#[test]
fn pages_are_served_with_types_index_404_and_head() {
    let site = SiteTest::fixture("valid");
    site.write("content/media/pics/a.png", b"\x89PNG\r\n\x1a\nfake");
    site.write("content/media/pics/b.jpeg", b"\xff\xd8\xff\xe0fake");
    site.write("content/media/pics/c.webp", b"RIFF\0\0\0\0WEBPfake");
    let server = Server::start(&site);

    // The language chooser and an offer page, with links at the local address.
    let home = server.get("/");
    assert_eq!(home.status(), 200);
    assert_eq!(content_type(&home), "text/html; charset=utf-8");
    let home = home.text().unwrap();
    assert!(home.contains("href=\"/en/\"") || home.contains(&format!("{}/en/", server.base)));
    let page = server.text(OFFER_PAGE);
    assert!(
        page.contains(&format!(
            "<link rel=\"canonical\" href=\"{}{OFFER_PAGE}\">",
            server.base
        )),
        "canonical not at the local address"
    );
    // The reload script, once, just before </body>.
    assert_eq!(page.matches("/__offersite/live.js").count(), 1);
    assert!(page.contains("<script src=\"/__offersite/live.js\" defer></script></body>"));
    let script = server.get("/__offersite/live.js");
    assert_eq!(content_type(&script), "text/javascript; charset=utf-8");
    assert!(script.text().unwrap().contains("EventSource"));

    for (path, expected) in [
        ("/assets/style.css", "text/css; charset=utf-8"),
        ("/sitemap.xml", "application/xml; charset=utf-8"),
        ("/en/atom.xml", "application/atom+xml; charset=utf-8"),
        ("/api/v1/offers.json", "application/json; charset=utf-8"),
        ("/media/logos/macys.svg", "image/svg+xml; charset=utf-8"),
        ("/media/pics/a.png", "image/png"),
        ("/media/pics/b.jpeg", "image/jpeg"),
        ("/media/pics/c.webp", "image/webp"),
        ("/robots.txt", "text/plain; charset=utf-8"),
    ] {
        let response = server.get(path);
        assert_eq!(response.status(), 200, "{path}");
        assert_eq!(content_type(&response), expected, "{path}");
        let body = response.bytes().unwrap();
        assert!(
            !String::from_utf8_lossy(&body).contains("__offersite"),
            "{path} got the script"
        );
    }
    assert_eq!(
        &server.get("/media/pics/a.png").bytes().unwrap()[..],
        b"\x89PNG\r\n\x1a\nfake"
    );

    // A directory without its slash is redirected to it.
    let moved = server.get("/en/offers/macys-gift");
    assert_eq!(moved.status(), 301);
    assert_eq!(moved.headers()["location"], OFFER_PAGE);

    // The site's own 404 page, with status 404.
    let not_found_page = server.text("/404.html");
    let missing = server.get("/en/offers/no-such-offer/");
    assert_eq!(missing.status(), 404);
    assert_eq!(content_type(&missing), "text/html; charset=utf-8");
    assert_eq!(missing.text().unwrap(), not_found_page);

    // HEAD: the headers of GET, no body.
    let head = server
        .client
        .head(format!("{}{OFFER_PAGE}", server.base))
        .send()
        .unwrap();
    assert_eq!(head.status(), 200);
    assert_eq!(
        head.headers()["content-length"].to_str().unwrap(),
        page.len().to_string()
    );
    assert!(head.bytes().unwrap().is_empty());
    let head404 = server
        .client
        .head(format!("{}/nope", server.base))
        .send()
        .unwrap();
    assert_eq!(head404.status(), 404);

    let post = server
        .client
        .post(format!("{}/", server.base))
        .send()
        .unwrap();
    assert_eq!(post.status(), 405);
}

#[test]
fn build_output_never_carries_the_reload_script() {
    let site = SiteTest::fixture("valid");
    let out = site.root().join("public");
    let status = site.run(&["build", "--now", NOW]);
    assert_eq!(status.status.code(), Some(0));
    let mut html = 0;
    for entry in walkdir::WalkDir::new(&out) {
        let entry = entry.unwrap();
        if entry.file_type().is_file() {
            let bytes = std::fs::read(entry.path()).unwrap();
            assert!(
                !String::from_utf8_lossy(&bytes).contains("__offersite"),
                "{}",
                entry.path().display()
            );
            html += usize::from(entry.path().extension().is_some_and(|e| e == "html"));
        }
    }
    assert!(html > 10);
}

#[test]
fn traversal_and_malformed_paths_are_refused() {
    let site = SiteTest::fixture("valid");
    site.write("secret.txt", "TOP SECRET");
    site.write("content/secret.txt", "TOP SECRET");
    #[cfg(unix)]
    std::os::unix::fs::symlink(
        site.root().join("secret.txt"),
        site.root().join("content/media/escape.txt"),
    )
    .unwrap();
    let server = Server::start(&site);
    let long = format!("/{}", "a/".repeat(1500));
    let targets: Vec<&[u8]> = vec![
        b"/../secret.txt",
        b"/en/../../secret.txt",
        b"/media/../../secret.txt",
        b"/%2e%2e/secret.txt",
        b"/%2E%2E/%2e%2e/secret.txt",
        b"/media/%2e%2e%2f%2e%2e%2fsecret.txt",
        b"/media%2f..%2f..%2fsecret.txt",
        b"/..%5csecret.txt",
        b"/media\\..\\..\\secret.txt",
        b"/%5c..%5c..%5csecret.txt",
        b"/media/logos/macys.svg%00.html",
        b"/%ff%fe/",
        b"/en//offers/",
        b"/./secret.txt",
        long.as_bytes(),
    ];
    for target in targets {
        let (code, response) = server.raw_status(target);
        assert!(
            [400, 404, 414].contains(&code),
            "{} answered {code}",
            String::from_utf8_lossy(target)
        );
        assert!(!response.contains("TOP SECRET"));
    }
    // A symlink out of the site is not followed (the loader skips it), and
    // nothing outside the rendered site is reachable.
    for path in ["/media/escape.txt", "/secret.txt", "/content/secret.txt"] {
        let response = server.get(path);
        assert_eq!(response.status(), 404, "{path}");
        assert!(!response.text().unwrap().contains("TOP SECRET"));
    }
    // The server is still fine.
    assert_eq!(server.get("/").status(), 200);
}

#[test]
fn a_saved_change_reloads_open_pages_with_the_new_content() {
    let site = SiteTest::fixture("valid");
    let server = Server::start(&site);
    let before = server.text(OFFER_PAGE);
    let events = server.events();

    // Editor litter is ignored: no rebuild.
    site.write("content/offers/.macys-gift.yaml.swp", "junk");
    site.write("content/offers/macys-gift.yaml~", "junk");
    assert!(events.next(Duration::from_millis(300)).is_none());

    let text = std::fs::read_to_string(site.root().join(OFFER)).unwrap();
    let title = text.lines().find(|l| l.starts_with("title:")).unwrap();
    edit(
        &site,
        OFFER,
        title,
        "title: {zh: 焕然一新的礼品, en: A brand new gift}",
    );
    let data = events.rebuilt();
    let head: Vec<&str> = data.lines().next().unwrap().split(' ').collect();
    assert!(
        head.len() >= 2 && head[..2].iter().all(|n| n.parse::<u64>().is_ok()),
        "{data}"
    );
    let after = server.text(OFFER_PAGE);
    assert_ne!(before, after);
    assert!(after.contains("A brand new gift"));
    assert!(
        server
            .text("/zh/offers/macys-gift/")
            .contains("焕然一新的礼品")
    );
    // Listings that show the offer changed with it.
    assert!(
        server
            .text("/api/v1/offers.json")
            .contains("A brand new gift")
    );
}

/// Story: an editor renames an offer in a large catalog and sees the new
/// title on its page, in the listings and in `offers.json` at once; the
/// search pages and their index follow (an `index` event tells open search
/// pages) and are then exactly what a full build serves.
#[test]
fn the_search_index_follows_an_edit_and_equals_a_full_build() {
    let site = SiteTest::fixture("valid");
    let server = Server::start(&site);
    let events = server.events();
    // An active offer, so that it is in the listings and the index.
    let offer = "content/offers/macys-herald-square.yaml";
    edit(
        &site,
        offer,
        "en: 10% off at Macy's Herald Square",
        "en: A brand new Herald Square deal",
    );
    let reload = events.rebuilt();
    let generation = reload.split(' ').next().unwrap().to_string();
    let new_title = "A brand new Herald Square deal";
    assert!(
        server
            .text("/en/offers/macys-herald-square/")
            .contains(new_title)
    );
    assert!(server.text("/en/offers/").contains(new_title));
    assert!(server.text("/api/v1/offers.json").contains(new_title));
    assert_eq!(events.expect("index"), generation);

    // What a full build of the edited site serves at the same address.
    let options = offersite::pipeline::BuildOptions {
        root: site.root().to_path_buf(),
        now: NOW.parse().unwrap(),
        drafts: false,
        base_url: Some(server.base.clone()),
        deny_warnings: false,
    };
    let loaded = offersite::pipeline::load_site(&options, &mut Default::default()).unwrap();
    let full = Files::of(offersite::render::render(&loaded.site).unwrap());
    let mut bundle = 0;
    for (path, bytes) in full.iter().filter(|(p, _)| p.starts_with("pagefind/")) {
        let served = server.get(&format!("/{path}"));
        assert_eq!(served.status(), 200, "/{path}");
        assert_eq!(served.bytes().unwrap()[..], bytes[..], "/{path}");
        bundle += 1;
    }
    assert!(bundle > 5, "{bundle} files in the index");
    for lang in ["zh", "en"] {
        let page = String::from_utf8(full[&format!("{lang}/search/index.html")].clone()).unwrap();
        let tag = page
            .split("data-tag=\"")
            .nth(1)
            .and_then(|t| t.split('"').next())
            .unwrap();
        assert!(
            server
                .text(&format!("/{lang}/search/"))
                .contains(&format!("data-tag=\"{tag}\"")),
            "{lang}: the search page names the new index"
        );
    }
}

/// A page served while the site is broken: the page without the server's
/// error panel, and the panel.
fn split_panel(html: &str) -> (String, String) {
    let (before, rest) = html
        .split_once("<div id=\"__offersite-errors\"")
        .unwrap_or_else(|| panic!("no error panel in {html}"));
    let (panel, after) = rest.split_once("<!--/__offersite-errors-->").unwrap();
    assert!(before.ends_with("<body>"), "the panel opens the body");
    (format!("{before}{after}"), panel.to_string())
}

#[test]
fn a_broken_edit_shows_the_overlay_keeps_the_site_and_clears_when_fixed() {
    let site = SiteTest::fixture("valid");
    let server = Server::start(&site);
    let good = server.text(OFFER_PAGE);
    let events = server.events();

    edit(&site, OFFER, "valid_until:", "valid_untill:");
    let data = events.expect("errors");
    let diagnostics: serde_json::Value = serde_json::from_str(&data).unwrap();
    let line = 1 + std::fs::read_to_string(site.root().join(OFFER))
        .unwrap()
        .lines()
        .position(|l| l.starts_with("valid_untill:"))
        .unwrap() as u64;
    let unknown = diagnostics
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["message"].as_str().unwrap().contains("valid_untill"))
        .unwrap_or_else(|| panic!("{diagnostics:#}"));
    assert_eq!(unknown["file"], OFFER);
    assert_eq!(unknown["line"].as_u64(), Some(line));
    assert_eq!(unknown["column"].as_u64(), Some(1));
    assert!(unknown["hint"].as_str().unwrap().contains("valid_until"));

    // The terminal shows it the way `check` does.
    let deadline = Instant::now() + WAIT;
    // (The summary line follows the errors: wait for both.)
    while !(server
        .stderr()
        .contains("--> content/offers/macys-gift.yaml:")
        && server.stderr().contains("still serving the last good site"))
    {
        assert!(Instant::now() < deadline, "stderr: {}", server.stderr());
        std::thread::sleep(Duration::from_millis(20));
    }

    // The last good site is still served, with the errors at the top of
    // every page for readers without JavaScript: the same content as the
    // overlay, quoted line included...
    let (shown, panel) = split_panel(&server.text(OFFER_PAGE));
    assert_eq!(shown, good);
    assert!(panel.contains("unknown field `valid_untill`"), "{panel}");
    assert!(
        panel.contains(&format!("{line} | valid_untill: ")),
        "{panel}"
    );
    assert!(
        panel.contains("hint: did you mean `valid_until`?"),
        "{panel}"
    );
    assert_eq!(
        unknown["source_line"]
            .as_str()
            .map(|l| l.starts_with("valid_untill: ")),
        Some(true)
    );
    // ...and a page opened now is told about the errors at once.
    let late = server.events();
    let late_data = late.expect("errors");
    assert_eq!(late_data, data);

    // Fixing the file reloads (which clears the overlay); pages opened
    // afterwards get no errors.
    edit(&site, OFFER, "valid_untill:", "valid_until:");
    events.expect("reload");
    late.expect("reload");
    let fresh = server.events();
    assert!(fresh.next(Duration::from_millis(300)).is_none());
    assert_eq!(server.text(OFFER_PAGE), good);
}

#[test]
fn a_site_broken_from_the_start_shows_its_errors_then_the_site() {
    let site = SiteTest::fixture("valid");
    edit(&site, OFFER, "partner: macys", "partner: macy");
    let server = Server::start(&site);
    let page = server.get(OFFER_PAGE);
    assert_eq!(page.status(), 503);
    let page = page.text().unwrap();
    assert!(
        page.contains("content/offers/macys-gift.yaml:1:10"),
        "{page}"
    );
    assert!(page.contains("/__offersite/live.js"));
    let events = server.events();
    events.expect("errors");
    edit(&site, OFFER, "partner: macy", "partner: macys");
    events.expect("reload");
    assert_eq!(server.get(OFFER_PAGE).status(), 200);
}

#[test]
fn a_taken_port_is_a_clear_error() {
    let taken = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = taken.local_addr().unwrap().port().to_string();
    let site = SiteTest::fixture("valid");
    let out = site.run(&["serve", "--port", &port]);
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains(&format!(
            "port {port} on 127.0.0.1 is already in use; pass --port N"
        )),
        "{stderr}"
    );
    let bad = site.run(&["serve", "--bind", "not-an-ip"]);
    assert_eq!(bad.status.code(), Some(2));
}

/// A burst of requests all sent at once from many connections: pages,
/// assets, missing pages and hostile targets, while a rebuild fails.
#[test]
fn a_thousand_concurrent_requests_while_a_rebuild_fails() {
    let site = SiteTest::fixture("valid");
    let server = Server::start(&site);
    let events = server.events();
    let page = server.text("/zh/offers/macys-herald-square/");
    // Break the site: the rebuild fails and the last good site stays served.
    edit(
        &site,
        "content/offers/macys-herald-square.yaml",
        "partner: macys",
        "partner: macy",
    );
    events.expect("errors");

    let overlong = format!("/{}", "x".repeat(4000));
    let targets: Vec<(Vec<u8>, &[u16])> = vec![
        (b"/zh/offers/macys-herald-square/".to_vec(), &[200]),
        (b"/en/".to_vec(), &[200]),
        (b"/assets/style.css".to_vec(), &[200]),
        (b"/api/v1/offers.json".to_vec(), &[200]),
        (b"/no/such/page/".to_vec(), &[404]),
        (b"/../../etc/passwd".to_vec(), &[400, 404]),
        (b"/%2e%2e/%2e%2e/etc/passwd".to_vec(), &[400, 404]),
        (b"/\xff\xfe/".to_vec(), &[400, 404]),
        (overlong.into_bytes(), &[400, 414]),
    ];
    const REQUESTS: usize = 1000;
    let port = server.port();
    let barrier = Arc::new(std::sync::Barrier::new(REQUESTS));
    let threads: Vec<_> = (0..REQUESTS)
        .map(|i| {
            let (target, allowed) = targets[i % targets.len()].clone();
            let barrier = barrier.clone();
            std::thread::spawn(move || {
                barrier.wait();
                let mut stream =
                    TcpStream::connect(("127.0.0.1", port)).map_err(|e| format!("connect: {e}"))?;
                stream
                    .set_read_timeout(Some(Duration::from_secs(30)))
                    .unwrap();
                let mut request = b"GET ".to_vec();
                request.extend_from_slice(&target);
                request.extend_from_slice(
                    b" HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n",
                );
                stream
                    .write_all(&request)
                    .map_err(|e| format!("write: {e}"))?;
                let mut response = Vec::new();
                stream
                    .read_to_end(&mut response)
                    .map_err(|e| format!("read: {e}"))?;
                let head =
                    String::from_utf8_lossy(&response[..response.len().min(64)]).into_owned();
                let code: u16 = head
                    .split(' ')
                    .nth(1)
                    .and_then(|c| c.parse().ok())
                    .unwrap_or(0);
                if allowed.contains(&code) {
                    Ok(())
                } else {
                    Err(format!(
                        "{} answered {code}: {head}",
                        String::from_utf8_lossy(&target[..target.len().min(40)])
                    ))
                }
            })
        })
        .collect();
    let failures: Vec<String> = threads
        .into_iter()
        .filter_map(|t| t.join().unwrap().err())
        .collect();
    assert!(
        failures.is_empty(),
        "{} of {REQUESTS} failed, e.g. {:?}",
        failures.len(),
        &failures[..failures.len().min(5)]
    );
    // Still the last good site (with the error panel), and still serving
    // after the burst.
    let (shown, panel) = split_panel(&server.text("/zh/offers/macys-herald-square/"));
    assert_eq!(shown, page);
    assert!(panel.contains("unknown partner"), "{panel}");
}

#[test]
fn the_preview_installs_no_caching_worker_and_serves_app_links_as_json() {
    // Story: an editor's preview is never cached on their phone, and the
    // app-link files are served as the platforms want them.
    let site = SiteTest::fixture("valid");
    let yaml = std::fs::read_to_string(site.root().join("content/site.yaml")).unwrap();
    site.write(
        "content/site.yaml",
        format!(
            "{yaml}app:\n  ios: [{{team_id: ABCDE12345, bundle_id: com.example.card}}]\n  android:\n    - package: com.example.card\n      sha256_cert_fingerprints: [\"146de983c5730650d8eeb9f2f82810c73bde5765eb89d3753b697651452c5a0d\"]\n"
        ),
    );
    let server = Server::start(&site);
    let worker = server.get("/sw.js");
    assert_eq!(worker.status(), 200);
    assert_eq!(content_type(&worker), "text/javascript; charset=utf-8");
    let worker = worker.text().unwrap();
    assert!(worker.contains("unregister()"), "{worker}");
    assert!(
        !worker.contains("'fetch'") && !worker.contains("cache.put") && !worker.contains("addAll"),
        "the preview's worker must cache nothing: {worker}"
    );
    for path in [
        "/.well-known/apple-app-site-association",
        "/.well-known/assetlinks.json",
    ] {
        let response = server.get(path);
        assert_eq!(response.status(), 200, "{path}");
        assert_eq!(content_type(&response), "application/json", "{path}");
        let body: serde_json::Value = serde_json::from_slice(&response.bytes().unwrap()).unwrap();
        assert!(body.is_object() || body.is_array(), "{path}");
    }
}

/// Story: a page served by the preview carries the caching and media type
/// the deployed site will have (one headers table for serve, build and
/// deploy): fingerprinted assets for a year, pages revalidated.
#[test]
fn the_preview_sends_the_headers_of_the_deployed_site() {
    let site = SiteTest::fixture("valid");
    let server = Server::start(&site);
    let home = server.text("/en/");
    let css = home
        .split("rel=\"stylesheet\" href=\"")
        .nth(1)
        .and_then(|s| s.split('"').next())
        .expect("a stylesheet link")
        .to_string();
    assert!(
        offersite::fingerprint::is_hashed(&css),
        "the page links a fingerprinted stylesheet: {css}"
    );
    for path in ["/en/", css.as_str(), "/api/v1/offers.json", "/en/atom.xml"] {
        let response = server.get(path);
        assert_eq!(response.status(), 200, "{path}");
        let file = offersite::serve::http::resolve(path).unwrap();
        let want = offersite::headers::for_path(&file);
        let got = |h: &str| response.headers()[h].to_str().unwrap().to_string();
        assert_eq!(got("cache-control"), want.cache_control, "{path}");
        assert_eq!(got("content-type"), want.content_type, "{path}");
    }
    let css_headers = server.get(&css);
    assert_eq!(
        css_headers.headers()["cache-control"],
        offersite::headers::IMMUTABLE
    );
}

/// Every file a full render of the site as it is now makes, at the
/// server's address, with the bytes the server sends for it (its reload
/// script in pages; media read from their source).
fn full_render(site: &SiteTest, base: &str) -> Vec<(String, Vec<u8>)> {
    use offersite::output::Content;
    let options = offersite::pipeline::BuildOptions {
        root: site.root().to_path_buf(),
        now: NOW.parse().unwrap(),
        drafts: false,
        base_url: Some(base.to_string()),
        deny_warnings: false,
    };
    let loaded = offersite::pipeline::load_site(&options, &mut Default::default()).unwrap();
    offersite::render::render(&loaded.site)
        .unwrap()
        .into_iter()
        .map(|f| {
            let bytes = match f.content {
                Content::Bytes(b) => b,
                Content::Copy(p) | Content::Link(p) => std::fs::read(p).unwrap(),
            };
            let html = offersite::headers::for_path(&f.path)
                .content_type
                .starts_with("text/html");
            let bytes = if html {
                offersite::serve::http::inject(&bytes)
            } else {
                bytes
            };
            (f.path, bytes)
        })
        .collect()
}

/// Every file of a full render of the site now is served, byte for byte.
fn assert_serves_a_full_render(server: &Server, site: &SiteTest, after: &str) {
    let full = full_render(site, &server.base);
    assert!(full.len() > 50, "{} files", full.len());
    for (path, bytes) in &full {
        // The preview serves a worker of its own, which caches nothing.
        if path == "sw.js" {
            continue;
        }
        let served = server.get(&format!("/{path}"));
        assert_eq!(served.status(), 200, "after {after}: /{path}");
        let served = served.bytes().unwrap();
        assert!(
            served[..] == bytes[..],
            "after {after}: /{path} is not what a full render makes:\n{}",
            String::from_utf8_lossy(&served)
        );
    }
}

/// Story: an editor makes a series of edits while the preview is open (a
/// new title, an offer moved to another category, a broken file fixed
/// again, an offer deleted, a new one) and after each one the preview
/// serves exactly what a build of the content would publish. The edited
/// offer's own pages, which are shown first (a `preview` reload), are
/// already those of a full render.
#[test]
fn after_a_series_of_edits_every_served_file_equals_a_full_render() {
    let site = SiteTest::fixture("valid");
    let server = Server::start(&site);
    let events = server.events();
    assert_serves_a_full_render(&server, &site, "the start");

    // A new title: the offer's pages first, then the listings and the
    // JSON, then the search index.
    let herald = "content/offers/macys-herald-square.yaml";
    edit(
        &site,
        herald,
        "en: 10% off at Macy's Herald Square",
        "en: Herald Square retitled",
    );
    let first = events.expect("reload");
    assert!(first.ends_with(" preview"), "{first}");
    let full: std::collections::BTreeMap<String, Vec<u8>> =
        full_render(&site, &server.base).into_iter().collect();
    for lang in ["zh", "en"] {
        let path = format!("{lang}/offers/macys-herald-square/index.html");
        let served = server.get(&format!("/{path}")).bytes().unwrap();
        assert!(
            served[..] == full[&path][..],
            "the preview of /{path} is not what a full render makes"
        );
    }
    // The rebuild names the pages that changed since the preview, for
    // them alone to reload: the listing and the JSON, not the offer's own
    // pages, which show the new title already.
    let rebuilt = events.rebuilt();
    let mut lines = rebuilt.lines();
    let head: Vec<&str> = lines.next().unwrap().split(' ').collect();
    assert_eq!(head.get(2), Some(&"only"), "{rebuilt}");
    let named: Vec<&str> = lines.collect();
    assert!(named.contains(&"/en/offers/"), "{rebuilt}");
    assert!(named.contains(&"/api/v1/offers.json"), "{rebuilt}");
    assert!(
        !named
            .iter()
            .any(|a| a.starts_with("/en/offers/macys-herald-square")),
        "{rebuilt}"
    );
    assert_eq!(events.expect("index"), head[0]);
    assert_serves_a_full_render(&server, &site, "a new title");

    // Moved to another category: its listings change.
    let aston = "content/offers/aston-waikiki.yaml";
    edit(&site, aston, "category: hotels", "category: shopping");
    events.rebuilt();
    assert_serves_a_full_render(&server, &site, "a move between listings");

    // Broken, then fixed.
    edit(&site, herald, "partner: macys", "partner: macy");
    events.expect("errors");
    edit(&site, herald, "partner: macy", "partner: macys");
    events.rebuilt();
    assert_serves_a_full_render(&server, &site, "a broken file fixed");

    // Deleted: its pages are gone.
    let text = std::fs::read_to_string(site.root().join(aston)).unwrap();
    std::fs::remove_file(site.root().join(aston)).unwrap();
    events.rebuilt();
    assert_serves_a_full_render(&server, &site, "a deleted file");
    for lang in ["zh", "en"] {
        let gone = server.get(&format!("/{lang}/offers/aston-waikiki/"));
        assert_eq!(gone.status(), 404, "{lang}");
    }

    // A new offer.
    site.write("content/offers/aston-again.yaml", text);
    events.rebuilt();
    assert!(
        server
            .text("/en/offers/aston-again/")
            .contains("US$20 off at Aston Waikiki")
    );
    assert_serves_a_full_render(&server, &site, "a new file");
}
