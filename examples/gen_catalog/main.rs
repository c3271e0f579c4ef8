//! Synthetic catalog generator for the benchmarks (`benches/`).
//!
//! ```text
//! cargo run --release --example gen_catalog -- N DIR [HUGO_DIR]
//! ```
//!
//! Writes a realistic offersite site of `N` offers to `DIR/content/` (the
//! layout `docs/content-model.md` describes: site.yaml, 8 categories, 60 destinations, 15 branches,
//! 50 partners, 4 terms, an about page and N offers with ~150-word Markdown
//! bodies per language) and an equivalent multilingual Hugo site to
//! `HUGO_DIR` (default: `DIR-hugo`, a sibling of `DIR`; `-` skips it) with the
//! same pages in both languages at the same URLs and similar HTML per page.
//! An existing `DIR/content` or Hugo twin from an earlier run is replaced;
//! anything else that exists there is left alone (or refused).
//!
//! Output is deterministic: a tiny built-in PRNG seeded by a constant, and the
//! offer with index `i` depends only on `i`, so a catalog of 1,000 offers is a
//! prefix of one of 10,000. Offer status is laid out around the benchmark
//! date 2026-11-26 (mostly active, ~10% ended, ~10% upcoming).

//!
//! Modules: [`data`] holds the reference tables (places, partner names,
//! sentences), [`catalog`] draws offers from them with [`rng`] and [`dates`],
//! [`offersite_site`] writes the offersite content, [`hugo`] the Hugo twin
//! (its templates in `hugo/templates.rs`), with [`yaml`]'s quoting.

mod catalog;
mod data;
mod dates;
mod hugo;
mod offersite_site;
mod rng;
mod yaml;

use std::fs;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use catalog::{Offer, Status, offer, partners};
use hugo::write_hugo;
use offersite_site::write_offersite;

/// Removes a previously generated tree, refusing anything that does not look
/// like one (so a typo never deletes unrelated files).
fn clear(dir: &Path, marker: &str) -> Result<(), String> {
    if !dir.exists() {
        return Ok(());
    }
    let is_empty = fs::read_dir(dir)
        .map_err(|e| e.to_string())?
        .next()
        .is_none();
    if is_empty {
        return Ok(());
    }
    if dir.join(marker).exists() {
        let target = if marker.starts_with("content/") {
            dir.join("content")
        } else {
            dir.to_path_buf()
        };
        fs::remove_dir_all(&target).map_err(|e| format!("{}: {e}", target.display()))
    } else if marker.starts_with("content/") && !dir.join("content").exists() {
        Ok(())
    } else {
        Err(format!(
            "{} exists and is not a generated catalog (no {marker}); refusing to overwrite",
            dir.display()
        ))
    }
}

fn run() -> Result<(), String> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if args.len() < 2 || args.len() > 3 {
        return Err("usage: gen_catalog N DIR [HUGO_DIR]   (HUGO_DIR defaults to DIR-hugo; `-` writes no Hugo twin)".into());
    }
    let n: usize = args[0]
        .replace('_', "")
        .parse()
        .map_err(|_| format!("N must be a number, got {:?}", args[0]))?;
    let dir = PathBuf::from(args[1].trim_end_matches('/'));
    // `-` as HUGO_DIR skips the Hugo twin (benches/bench.py does not need it).
    let hugo = match args.get(2).map(String::as_str) {
        Some("-") => None,
        Some(h) => Some(PathBuf::from(h)),
        None => Some(PathBuf::from(format!("{}-hugo", dir.display()))),
    };
    clear(&dir, "content/site.yaml")?;
    if let Some(hugo) = &hugo {
        clear(hugo, "hugo.toml")?;
    }

    let partners = partners();
    let offers: Vec<Offer> = (0..n).map(|i| offer(i, n, &partners)).collect();
    write_offersite(&dir, &partners, &offers).map_err(|e| format!("{}: {e}", dir.display()))?;
    if let Some(hugo) = &hugo {
        write_hugo(hugo, &partners, &offers).map_err(|e| format!("{}: {e}", hugo.display()))?;
    }

    let active = offers.iter().filter(|o| o.status == Status::Active).count();
    let ended = offers.iter().filter(|o| o.status == Status::Ended).count();
    let twin = match &hugo {
        Some(h) => format!(" and its Hugo twin to {}", h.display()),
        None => String::new(),
    };
    println!(
        "wrote {n} offers ({active} active, {ended} ended, {} upcoming) to {}{twin}",
        n - active - ended,
        dir.display(),
    );
    Ok(())
}

fn main() -> ExitCode {
    match run() {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("gen_catalog: {e}");
            ExitCode::from(2)
        }
    }
}
