//! The HTTP side: every request is answered from the in-memory site, with
//! the live-reload script put into HTML pages on the way out.

use std::convert::Infallible;
use std::sync::Arc;
use std::time::Duration;

use axum::Router;
use axum::body::{Body, Bytes};
use axum::extract::State as Extract;
use axum::http::{HeaderValue, Method, Request, StatusCode, header};
use axum::response::sse::{Event as SseEvent, KeepAlive, Sse};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use tokio_stream::StreamExt as _;
use tokio_stream::wrappers::BroadcastStream;

use super::state::{Event, State};

/// Where pages listen for rebuilds (server-sent events).
pub const EVENTS_PATH: &str = "/__offersite/events";
/// The live-reload and error-overlay script.
pub const SCRIPT_PATH: &str = "/__offersite/live.js";
/// Longer request paths are refused.
const MAX_PATH: usize = 2048;

const LIVE_JS: &str = include_str!("live.js");
/// Served instead of the site's offline worker (`sw.js`).
const PREVIEW_WORKER: &str = include_str!("preview-sw.js");

pub fn router(state: Arc<State>) -> Router {
    Router::new()
        .route(EVENTS_PATH, get(events))
        .route(SCRIPT_PATH, get(script))
        .fallback(site)
        .with_state(state)
}

async fn script() -> Response {
    let mut response = Bytes::from_static(LIVE_JS.as_bytes()).into_response();
    set_common(&mut response, "text/javascript; charset=utf-8");
    response
}

/// The event stream: first `hello` (with the current build's generation)
/// and, while the site is broken, its errors; then every rebuild's outcome.
async fn events(Extract(state): Extract<Arc<State>>) -> impl IntoResponse {
    let receiver = state.subscribe();
    let mut first = vec![Ok::<_, Infallible>(
        SseEvent::default()
            .event("hello")
            .data(state.site().generation.to_string()),
    )];
    if let Some(errors) = state.errors() {
        first.push(Ok(SseEvent::default()
            .event("errors")
            .data(errors.as_str())));
    }
    let updates = BroadcastStream::new(receiver).filter_map(|e| {
        let event = match e.ok()? {
            // `preview`: the edited offer's own pages, the rebuild follows;
            // `only`: the pages that changed follow, one per line.
            Event::Reload {
                generation,
                changed,
                preview,
                only,
            } => SseEvent::default()
                .event("reload")
                .data(match (preview, only) {
                    (true, _) => format!("{generation} {changed} preview"),
                    (false, Some(only)) => {
                        format!("{generation} {changed} only\n{}", only.join("\n"))
                    }
                    (false, None) => format!("{generation} {changed}"),
                }),
            Event::Errors(json) => SseEvent::default().event("errors").data(json.as_str()),
            Event::Index { generation } => SseEvent::default()
                .event("index")
                .data(generation.to_string()),
        };
        Some(Ok(event))
    });
    let mut response = Sse::new(tokio_stream::iter(first).chain(updates))
        .keep_alive(KeepAlive::new().interval(Duration::from_secs(15)))
        .into_response();
    response
        .headers_mut()
        .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    response
}

/// Why a request path cannot name a file of the site.
#[derive(Debug, PartialEq, Eq)]
pub enum BadPath {
    TooLong,
    /// Not valid percent-encoding of UTF-8, or a NUL, backslash, encoded
    /// slash, `.` or `..` segment, or an empty segment.
    Invalid,
}

/// The output path a request path names: `/en/offers/` → `en/offers/index.html`
/// (the raw, still percent-encoded path of the request line).
pub fn resolve(raw: &str) -> Result<String, BadPath> {
    if raw.len() > MAX_PATH {
        return Err(BadPath::TooLong);
    }
    if !raw.starts_with('/') || raw.contains('\\') {
        return Err(BadPath::Invalid);
    }
    let decoded = percent_encoding::percent_decode_str(raw)
        .decode_utf8()
        .map_err(|_| BadPath::Invalid)?;
    let mut segments = Vec::new();
    let body = &raw[1..];
    let (body, directory) = match body.strip_suffix('/') {
        Some(b) => (b, true),
        None => (body, body.is_empty()),
    };
    if decoded.contains('\0') || decoded.contains('\\') {
        return Err(BadPath::Invalid);
    }
    if !body.is_empty() {
        for raw_segment in body.split('/') {
            let segment = percent_encoding::percent_decode_str(raw_segment)
                .decode_utf8()
                .map_err(|_| BadPath::Invalid)?;
            if segment.is_empty()
                || segment == "."
                || segment == ".."
                || segment.contains('/')
                || segment.chars().any(char::is_control)
            {
                return Err(BadPath::Invalid);
            }
            segments.push(segment);
        }
    }
    if directory {
        segments.push("index.html".into());
    }
    Ok(segments.join("/"))
}

/// The media type of an output path, with a charset for text (the
/// headers table's, so the preview serves what a deploy stores).
pub fn content_type(path: &str) -> &'static str {
    crate::headers::content_type(path)
}

fn set_common(response: &mut Response, content_type: &'static str) {
    let headers = response.headers_mut();
    headers.insert(header::CONTENT_TYPE, HeaderValue::from_static(content_type));
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    headers.insert(
        "x-content-type-options",
        HeaderValue::from_static("nosniff"),
    );
}

fn plain(status: StatusCode, text: &'static str) -> Response {
    let mut response = (status, text).into_response();
    set_common(&mut response, "text/plain; charset=utf-8");
    response
}

/// The script tag that live reload needs, before `</body>` (or at the end).
pub fn inject(html: &[u8]) -> Vec<u8> {
    let tag = format!("<script src=\"{SCRIPT_PATH}\" defer></script>");
    let at = find_last_body_close(html).unwrap_or(html.len());
    let mut out = Vec::with_capacity(html.len() + tag.len());
    out.extend_from_slice(&html[..at]);
    out.extend_from_slice(tag.as_bytes());
    out.extend_from_slice(&html[at..]);
    out
}

fn find_last_body_close(html: &[u8]) -> Option<usize> {
    const NEEDLE: &[u8] = b"</body";
    (0..html.len().saturating_sub(NEEDLE.len() - 1))
        .rev()
        .find(|&i| html[i..i + NEEDLE.len()].eq_ignore_ascii_case(NEEDLE))
}

/// A page for when there is no good site yet (the first build failed): the
/// errors as text, and the script that reloads once they are fixed.
fn broken_page(errors: &str) -> Vec<u8> {
    let page = format!(
        "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\">\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\
         <title>The site has errors</title></head><body>\
         <h1>The site has errors</h1><p>Fix them and this page reloads.</p>\
         {}</body></html>",
        super::panel::render(errors)
    );
    inject(page.as_bytes())
}

/// `errors`: the diagnostics of a failed rebuild, shown at the top of HTML
/// pages (without JavaScript too) while the last good site is served.
fn respond(
    status: StatusCode,
    path: &str,
    bytes: Bytes,
    head: bool,
    errors: Option<&str>,
) -> Response {
    let content_type = content_type(path);
    let bytes = if content_type.starts_with("text/html") {
        let panel = errors.map(super::panel::render).unwrap_or_default();
        if panel.is_empty() {
            Bytes::from(inject(&bytes))
        } else {
            Bytes::from(inject(&super::panel::insert(&bytes, &panel)))
        }
    } else {
        bytes
    };
    let length = bytes.len();
    let body = if head {
        Body::empty()
    } else {
        Body::from(bytes)
    };
    let mut response = Response::new(body);
    *response.status_mut() = status;
    set_common(&mut response, content_type);
    // The site's own files get the caching they get when deployed.
    response.headers_mut().insert(
        header::CACHE_CONTROL,
        HeaderValue::from_static(crate::headers::cache_control(path)),
    );
    response
        .headers_mut()
        .insert(header::CONTENT_LENGTH, HeaderValue::from(length));
    response
}

/// Everything that is not the script or the event stream: the site.
async fn site(Extract(state): Extract<Arc<State>>, request: Request<Body>) -> Response {
    let head = request.method() == Method::HEAD;
    if !head && request.method() != Method::GET {
        let mut response = plain(StatusCode::METHOD_NOT_ALLOWED, "method not allowed\n");
        response
            .headers_mut()
            .insert(header::ALLOW, HeaderValue::from_static("GET, HEAD"));
        return response;
    }
    let raw = request.uri().path();
    let path = match resolve(raw) {
        Ok(p) => p,
        Err(BadPath::TooLong) => return plain(StatusCode::URI_TOO_LONG, "path too long\n"),
        Err(BadPath::Invalid) => return plain(StatusCode::BAD_REQUEST, "bad path\n"),
    };
    let site = state.site();
    if site.generation == 0 {
        let errors = state.errors();
        let page = match &errors {
            Some(e) => broken_page(e),
            None => inject(
                b"<!doctype html><title>Building</title><p>Building the site\xe2\x80\xa6</p>",
            ),
        };
        let length = page.len();
        let mut response = Response::new(if head {
            Body::empty()
        } else {
            Body::from(page)
        });
        *response.status_mut() = StatusCode::SERVICE_UNAVAILABLE;
        set_common(&mut response, "text/html; charset=utf-8");
        response
            .headers_mut()
            .insert(header::CONTENT_LENGTH, HeaderValue::from(length));
        return response;
    }
    let errors = state.errors();
    let errors = errors.as_deref().map(String::as_str);
    if path == "sw.js" {
        let worker = Bytes::from_static(PREVIEW_WORKER.as_bytes());
        return respond(StatusCode::OK, &path, worker, head, None);
    }
    if let Some(bytes) = site.get(&path) {
        return respond(StatusCode::OK, &path, bytes.clone(), head, errors);
    }
    // A directory asked for without its slash: send the browser to it, so
    // that relative links in the page resolve.
    if !raw.ends_with('/') {
        let index = format!("{path}/index.html");
        if site.contains(&index) {
            let mut location = raw.to_string();
            location.push('/');
            if let Some(q) = request.uri().query() {
                location.push('?');
                location.push_str(q);
            }
            let mut response = Response::new(Body::empty());
            *response.status_mut() = StatusCode::MOVED_PERMANENTLY;
            if let Ok(value) = HeaderValue::from_str(&location) {
                response.headers_mut().insert(header::LOCATION, value);
            }
            return response;
        }
    }
    match site.get("404.html") {
        Some(bytes) => respond(
            StatusCode::NOT_FOUND,
            "404.html",
            bytes.clone(),
            head,
            errors,
        ),
        None => plain(StatusCode::NOT_FOUND, "not found\n"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_resolve_to_output_files() {
        assert_eq!(resolve("/").unwrap(), "index.html");
        assert_eq!(resolve("/en/offers/").unwrap(), "en/offers/index.html");
        assert_eq!(resolve("/en/atom.xml").unwrap(), "en/atom.xml");
        assert_eq!(resolve("/en/offers").unwrap(), "en/offers");
        assert_eq!(resolve("/media/a%20b.png").unwrap(), "media/a b.png");
    }

    #[test]
    fn traversal_is_refused() {
        for bad in [
            "/../etc/passwd",
            "/en/../../etc/passwd",
            "/%2e%2e/etc/passwd",
            "/%2E%2E/%2e%2e/etc/passwd",
            "/en/%2e%2e%2fetc",
            "/en%2f..%2f..%2fetc",
            "/..%5c..%5cetc",
            "/..\\..\\etc",
            "/en/./offers/",
            "/en//offers/",
            "/a%00b",
            "/%ff%fe",
            "relative",
        ] {
            assert_eq!(resolve(bad), Err(BadPath::Invalid), "{bad}");
        }
        assert_eq!(
            resolve(&format!("/{}", "a".repeat(3000))),
            Err(BadPath::TooLong)
        );
    }

    #[test]
    fn script_goes_before_the_last_body_close() {
        let out = inject(b"<html><body><p>x</p></BODY></html>");
        let out = String::from_utf8(out).unwrap();
        assert_eq!(
            out,
            format!(
                "<html><body><p>x</p><script src=\"{SCRIPT_PATH}\" defer></script></BODY></html>"
            )
        );
        let out = String::from_utf8(inject(b"<p>no body")).unwrap();
        assert!(out.ends_with("defer></script>"));
    }

    #[test]
    fn the_overlay_sets_text_never_markup() {
        assert!(LIVE_JS.contains("textContent"));
        assert!(!LIVE_JS.contains("innerHTML"));
        assert!(!LIVE_JS.contains("insertAdjacentHTML"));
        assert!(LIVE_JS.contains(EVENTS_PATH));
        // The overlay quotes the line, and replaces the server's panel.
        assert!(LIVE_JS.contains("d.source_line"));
        assert!(LIVE_JS.contains(&format!("\"{}\"", super::super::panel::PANEL_ID)));
    }

    #[test]
    fn text_types_carry_a_charset() {
        assert_eq!(content_type("a/index.html"), "text/html; charset=utf-8");
        assert_eq!(content_type("assets/site.css"), "text/css; charset=utf-8");
        assert_eq!(
            content_type(".well-known/apple-app-site-association"),
            "application/json"
        );
        assert_eq!(
            content_type(".well-known/assetlinks.json"),
            "application/json"
        );
        assert_eq!(
            content_type("sitemap.xml"),
            "application/xml; charset=utf-8"
        );
        assert_eq!(
            content_type("en/atom.xml"),
            "application/atom+xml; charset=utf-8"
        );
        assert_eq!(
            content_type("api/v1/offers.json"),
            "application/json; charset=utf-8"
        );
        assert_eq!(content_type("media/x.svg"), "image/svg+xml; charset=utf-8");
        assert_eq!(content_type("media/x.PNG"), "image/png");
        assert_eq!(content_type("media/x.jpg"), "image/jpeg");
        assert_eq!(content_type("media/x.webp"), "image/webp");
    }
}
