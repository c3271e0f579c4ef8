//! Gives a synthetic catalog (from `gen_catalog`) distinct multi-megapixel
//! photos, for the media benchmark (`benches/photos.py`, issue #14).
//!
//! ```text
//! cargo run --release --example gen_photos -- SITE N PHOTO
//! ```
//!
//! Writes `SITE/content/media/offers/photo-0000.jpg` … (N files), each a
//! different 3200×2134 window of `PHOTO` (at least that large, e.g. the
//! shipped `content/media/offers/las-vegas-storm-road.jpg`) with its own
//! tint, as a camera JPEG of quality 92, and points the first N offers (by
//! file name) at them with an `image:` line. Deterministic for the same
//! arguments.

use std::path::Path;
use std::process::ExitCode;

use image::{ImageEncoder, RgbImage};
use rayon::prelude::*;

const W: u32 = 3200;
const H: u32 = 2134;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [site, n, photo] = args.as_slice() else {
        eprintln!("usage: gen_photos SITE N PHOTO");
        return ExitCode::from(2);
    };
    let n: usize = n.parse().expect("N is a number");
    let base = image::open(photo).expect("PHOTO is a picture").into_rgb8();
    assert!(
        base.width() >= W && base.height() >= H,
        "PHOTO must be at least {W}×{H}"
    );
    let site = Path::new(site);
    let media = site.join("content/media/offers");
    std::fs::create_dir_all(&media).unwrap();
    let mut offers: Vec<_> = std::fs::read_dir(site.join("content/offers"))
        .expect("SITE has content/offers/ (run gen_catalog first)")
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "yaml"))
        .collect();
    offers.sort();
    assert!(offers.len() >= n, "SITE has only {} offers", offers.len());
    offers.truncate(n);
    offers.par_iter().enumerate().for_each(|(i, offer)| {
        let name = format!("photo-{i:04}.jpg");
        let (dx, dy) = (
            (i as u32 * 37) % (base.width() - W + 1),
            (i as u32 * 53) % (base.height() - H + 1),
        );
        let tint = [
            (i % 7) as i16 * 3 - 9,
            (i % 11) as i16 * 2 - 10,
            (i % 13) as i16 - 6,
        ];
        let img = RgbImage::from_fn(W, H, |x, y| {
            let p = base.get_pixel(x + dx, y + dy);
            image::Rgb(std::array::from_fn(|c| {
                (i16::from(p[c]) + tint[c]).clamp(0, 255) as u8
            }))
        });
        let mut bytes = Vec::new();
        image::codecs::jpeg::JpegEncoder::new_with_quality(&mut bytes, 92)
            .write_image(&img, W, H, image::ExtendedColorType::Rgb8)
            .unwrap();
        std::fs::write(media.join(&name), bytes).unwrap();
        let mut yaml = std::fs::read_to_string(offer).unwrap();
        if !yaml.contains("\nimage:") {
            yaml.push_str(&format!("image: offers/{name}\n"));
            std::fs::write(offer, yaml).unwrap();
        }
    });
    println!("{n} photos of {W}×{H} in {}", media.display());
    ExitCode::SUCCESS
}
