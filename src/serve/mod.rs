//! The editors' preview server: `offersite serve`.
//!
//! It builds the site in memory with the base URL pointed at the local
//! address, serves it over HTTP, watches `content/` and `templates/`, and
//! after each save rebuilds and tells open pages over server-sent events to
//! reload — or, when the edit broke the site, to show its errors in an
//! overlay while the last good site stays served.
//!
//! - [`state`]: the in-memory site and the event channel;
//! - [`http`]: requests, paths, media types, the injected script;
//! - [`watch`]: the debounced file watcher;
//! - [`rebuild`]: building and rebuilding, with what is printed;
//! - [`search`]: the search index after an edit, off the reload's path.

pub mod http;
pub mod panel;
pub mod rebuild;
pub mod search;
pub mod state;
pub mod watch;

use std::io::Write as _;
use std::net::{IpAddr, Ipv4Addr, Ipv6Addr, SocketAddr};
use std::process::ExitCode;
use std::sync::Arc;

use crate::pipeline::BuildOptions;

use rebuild::Builder;
use state::State;
use watch::Watcher;

pub fn run(options: BuildOptions, bind: &str, port: u16) -> ExitCode {
    let ip: IpAddr = match bind {
        "localhost" => IpAddr::V4(Ipv4Addr::LOCALHOST),
        other => match other.trim_matches(['[', ']']).parse() {
            Ok(ip) => ip,
            Err(_) => {
                eprintln!(
                    "error: --bind {bind:?} is not an IP address; pass one such as 127.0.0.1 (the default) or 0.0.0.0"
                );
                return ExitCode::from(2);
            }
        },
    };
    if !options.root.join("content").is_dir() {
        eprintln!(
            "error: {} has no content/ directory; pass --root with the site's directory",
            options.root.display()
        );
        return ExitCode::from(2);
    }
    let runtime = match tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
    {
        Ok(r) => r,
        Err(err) => {
            eprintln!("error: cannot start the server: {err}");
            return ExitCode::from(1);
        }
    };
    let code = runtime.block_on(serve(options, ip, port));
    // Open event streams never finish on their own; do not wait for them.
    runtime.shutdown_background();
    code
}

/// The address pages link to: the bound one, or loopback when bound to
/// every interface.
fn local_base_url(addr: SocketAddr) -> String {
    let ip = match addr.ip() {
        IpAddr::V4(v4) if v4.is_unspecified() => IpAddr::V4(Ipv4Addr::LOCALHOST),
        IpAddr::V6(v6) if v6.is_unspecified() => IpAddr::V6(Ipv6Addr::LOCALHOST),
        ip => ip,
    };
    match ip {
        IpAddr::V4(v4) => format!("http://{v4}:{}", addr.port()),
        IpAddr::V6(v6) => format!("http://[{v6}]:{}", addr.port()),
    }
}

async fn serve(mut options: BuildOptions, ip: IpAddr, port: u16) -> ExitCode {
    let listener = match tokio::net::TcpListener::bind((ip, port)).await {
        Ok(l) => l,
        Err(err) => {
            let shown = match ip {
                IpAddr::V6(v6) => format!("[{v6}]"),
                v4 => v4.to_string(),
            };
            match err.kind() {
                std::io::ErrorKind::AddrInUse => eprintln!(
                    "error: port {port} on {shown} is already in use; pass --port N (or --port 0 for any free port)"
                ),
                std::io::ErrorKind::PermissionDenied => eprintln!(
                    "error: not allowed to listen on port {port} on {shown}; pass --port N with N above 1023"
                ),
                std::io::ErrorKind::AddrNotAvailable => eprintln!(
                    "error: {shown} is not an address of this machine; pass --bind 127.0.0.1"
                ),
                _ => eprintln!("error: cannot listen on port {port} on {shown}: {err}"),
            }
            return ExitCode::from(1);
        }
    };
    let addr = match listener.local_addr() {
        Ok(a) => a,
        Err(err) => {
            eprintln!("error: cannot listen: {err}");
            return ExitCode::from(1);
        }
    };
    let base = local_base_url(addr);
    options.base_url = Some(base.clone());

    let state = Arc::new(State::new());
    let (watcher, changes) = match Watcher::start(&options.root) {
        Ok(w) => w,
        Err(err) => {
            eprintln!("error: {err}");
            return ExitCode::from(1);
        }
    };
    let mut builder = Builder::new(options, state.clone());
    let first = {
        let state = state.clone();
        tokio::task::spawn_blocking(move || {
            builder.initial(&state);
            builder
        })
    };
    let Ok(builder) = first.await else {
        eprintln!("error: the first build crashed");
        return ExitCode::from(1);
    };
    {
        let mut out = std::io::stdout().lock();
        let _ = writeln!(out, "Serving at {base}/");
        let _ = out.flush();
    }
    if !ip.is_loopback() {
        eprintln!(
            "note: listening on {ip}, so others on the network can open the preview; its links point at {base}/"
        );
    }
    {
        let state = state.clone();
        std::thread::Builder::new()
            .name("offersite-rebuild".into())
            .spawn(move || rebuild::watch_loop(builder, watcher, changes, &state))
            .ok();
    }

    let app = http::router(state);
    let server = axum::serve(listener, app);
    tokio::select! {
        result = server => match result {
            Ok(()) => ExitCode::SUCCESS,
            Err(err) => {
                eprintln!("error: the server stopped: {err}");
                ExitCode::from(1)
            }
        },
        () = shutdown_signal() => {
            println!("stopped");
            ExitCode::SUCCESS
        }
    }
}

/// Ctrl-C, or a polite kill.
async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let term = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut s) => {
                s.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let term = std::future::pending::<()>();
    tokio::select! {
        () = ctrl_c => {}
        () = term => {}
    }
}
