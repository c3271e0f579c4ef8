//! Pictures for tourists on roaming data: a partner's camera
//! photo is resized into WebP and JPEG variants that carry none of its
//! metadata (no GPS position), are turned upright, get `<picture>` markup
//! with their real size, are cached between builds, and broken pictures are
//! reported at the line that names them.

use crate::common::*;

use std::io::Cursor;
use std::path::{Path, PathBuf};

/// A little-endian TIFF block as EXIF carries it: orientation 6 (turn 90°
/// clockwise to view) and a GPS position (21°16'5" N, 157°49' W).
fn exif_with_gps() -> Vec<u8> {
    let mut t: Vec<u8> = b"II*\0".to_vec();
    t.extend(8u32.to_le_bytes());
    let entry = |t: &mut Vec<u8>, tag: u16, typ: u16, count: u32, value: [u8; 4]| {
        t.extend(tag.to_le_bytes());
        t.extend(typ.to_le_bytes());
        t.extend(count.to_le_bytes());
        t.extend(value);
    };
    // IFD0 at 8: 2 entries → 30 bytes; the GPS IFD follows at 38.
    t.extend(2u16.to_le_bytes());
    entry(&mut t, 0x0112, 3, 1, [6, 0, 0, 0]);
    entry(&mut t, 0x8825, 4, 1, 38u32.to_le_bytes());
    t.extend(0u32.to_le_bytes());
    // GPS IFD at 38: 4 entries → 54 bytes; rationals at 92 and 116.
    t.extend(4u16.to_le_bytes());
    entry(&mut t, 0x0001, 2, 2, *b"N\0\0\0");
    entry(&mut t, 0x0002, 5, 3, 92u32.to_le_bytes());
    entry(&mut t, 0x0003, 2, 2, *b"W\0\0\0");
    entry(&mut t, 0x0004, 5, 3, 116u32.to_le_bytes());
    t.extend(0u32.to_le_bytes());
    assert_eq!(t.len(), 92);
    for (n, d) in [(21u32, 1u32), (16, 1), (5, 1), (157, 1), (49, 1), (0, 1)] {
        t.extend(n.to_le_bytes());
        t.extend(d.to_le_bytes());
    }
    t
}

fn app1(payload: &[u8]) -> Vec<u8> {
    let mut seg = vec![0xFF, 0xE1];
    seg.extend(((payload.len() + 2) as u16).to_be_bytes());
    seg.extend(payload);
    seg
}

/// A `w`×`h` JPEG as a camera writes it: EXIF with orientation and GPS,
/// and an XMP packet with the position again.
fn camera_jpeg(w: u32, h: u32) -> Vec<u8> {
    let img = image::RgbImage::from_fn(w, h, |x, y| {
        image::Rgb([
            (x * 255 / w) as u8,
            (y * 255 / h) as u8,
            ((x ^ y) & 0xff) as u8,
        ])
    });
    let mut plain = Vec::new();
    image::codecs::jpeg::JpegEncoder::new_with_quality(&mut plain, 90)
        .encode_image(&img)
        .unwrap();
    let mut exif = b"Exif\0\0".to_vec();
    exif.extend(exif_with_gps());
    let mut xmp = b"http://ns.adobe.com/xap/1.0/\0".to_vec();
    xmp.extend(
        br#"<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"><rdf:Description xmlns:exif="http://ns.adobe.com/exif/1.0/" exif:GPSLatitude="21,16.08N" exif:GPSLongitude="157,49.0W"/></rdf:RDF></x:xmpmeta>"#,
    );
    let mut out = plain[..2].to_vec();
    out.extend(app1(&exif));
    out.extend(app1(&xmp));
    out.extend(&plain[2..]);
    out
}

/// The valid fixture with `aston-waikiki` showing `media/offers/<name>`.
fn site_with_picture(name: &str, bytes: &[u8]) -> SiteTest {
    let site = SiteTest::fixture("valid");
    site.write(&format!("content/media/offers/{name}"), bytes);
    let offer = site.root().join("content/offers/aston-waikiki.yaml");
    let yaml = std::fs::read_to_string(&offer).unwrap();
    std::fs::write(&offer, format!("{yaml}image: offers/{name}\n")).unwrap();
    site
}

/// Builds the site; where it went.
fn build(site: &SiteTest) -> PathBuf {
    site.build();
    site.public()
}

/// Every resized variant the build wrote, by path relative to the output.
fn variants(out: &Path) -> Vec<(String, Vec<u8>)> {
    Files::read_dir(&out.join("media"))
        .into_iter()
        .filter(|(p, _)| p.contains("w."))
        .collect()
}

fn exif_of(bytes: &[u8]) -> Result<exif::Exif, exif::Error> {
    exif::Reader::new().read_from_container(&mut Cursor::new(bytes))
}

/// No variant carries EXIF, XMP or a GPS position, read back with an EXIF
/// reader and searched for the markers byte by byte.
fn assert_no_metadata(found: &[(String, Vec<u8>)]) {
    for (path, bytes) in found {
        match exif_of(bytes) {
            Err(exif::Error::NotFound(_)) => {}
            Ok(e) => panic!(
                "{path} carries EXIF: {:?}",
                e.fields().map(|f| f.tag).collect::<Vec<_>>()
            ),
            Err(e) => panic!("{path}: cannot tell: {e}"),
        }
        for marker in [
            &b"Exif\0\0"[..],
            b"http://ns.adobe.com/xap",
            b"GPSLatitude",
            b"xmpmeta",
        ] {
            assert!(
                !bytes.windows(marker.len()).any(|w| w == marker),
                "{path} contains {:?}",
                String::from_utf8_lossy(marker)
            );
        }
    }
}

#[test]
fn a_camera_photo_reaches_the_site_without_its_gps_position() {
    // Story: a partner sends a phone photo; the tourist must never be able
    // to read where it was taken.
    let photo = camera_jpeg(1600, 1000);
    let source = exif_of(&photo).expect("the fixture carries EXIF");
    assert!(
        source
            .get_field(exif::Tag::GPSLatitude, exif::In::PRIMARY)
            .is_some(),
        "the fixture must carry a GPS position for this test to mean anything"
    );
    let site = site_with_picture("beach.jpg", &photo);
    let out = build(&site);
    let found = variants(&out);
    assert!(
        found.len() >= 6,
        "variants: {:?}",
        found.iter().map(|f| &f.0).collect::<Vec<_>>()
    );
    assert_no_metadata(&found);
}

#[test]
fn variants_are_upright_webp_and_jpeg_no_wider_than_the_source() {
    // Story: a photo taken with the phone turned shows upright, in sizes
    // for phones, in WebP with a JPEG fallback.
    let site = site_with_picture("turned.jpg", &camera_jpeg(1600, 1000));
    let out = build(&site);
    let mut widths = Vec::new();
    for (path, bytes) in variants(&out) {
        let img = image::load_from_memory(&bytes).unwrap();
        let format = image::guess_format(&bytes).unwrap();
        let ext = path.rsplit('.').next().unwrap();
        match ext {
            "webp" => assert_eq!(format, image::ImageFormat::WebP, "{path}"),
            "jpg" => assert_eq!(format, image::ImageFormat::Jpeg, "{path}"),
            _ => panic!("unexpected variant {path}"),
        }
        // Orientation 6 turns the stored 1600×1000 into 1000×1600.
        assert!(img.height() > img.width(), "{path} is not upright");
        assert_eq!(img.height(), img.width() * 8 / 5, "{path}");
        assert!(path.contains(&format!(".{}w.", img.width())), "{path}");
        widths.push(img.width());
    }
    widths.sort_unstable();
    widths.dedup();
    assert_eq!(widths, vec![480, 720, 960]);
}

#[test]
fn pages_get_picture_markup_with_the_real_size_of_the_served_file() {
    // Story: no layout shift on a phone: width/height are those of the file.
    let site = site_with_picture("wide.jpg", &camera_jpeg(1000, 1600));
    let out = build(&site);
    let html = std::fs::read_to_string(out.join("en/offers/aston-waikiki/index.html")).unwrap();
    let doc = scraper::Html::parse_document(&html);
    let img_sel = scraper::Selector::parse("picture img.offer-img").unwrap();
    let img = doc
        .select(&img_sel)
        .next()
        .expect("a <picture> on the offer page");
    let src = img.value().attr("src").unwrap();
    let file = out.join(src.trim_start_matches("../").trim_start_matches('/'));
    let file = if file.exists() {
        file
    } else {
        out.join(
            src.split("/media/")
                .nth(1)
                .map(|p| format!("media/{p}"))
                .unwrap(),
        )
    };
    let served = image::open(&file).unwrap();
    let attr = |n: &str| img.value().attr(n).unwrap().parse::<u32>().unwrap();
    assert_eq!(
        (attr("width"), attr("height")),
        (served.width(), served.height())
    );
    assert!(img.value().attr("srcset").unwrap().contains(" 480w"));
    assert!(img.value().attr("sizes").is_some());
    assert_eq!(
        img.value().attr("loading"),
        None,
        "the offer's own picture is on the first screen"
    );
    let source_sel = scraper::Selector::parse("picture source[type='image/webp']").unwrap();
    let source = doc.select(&source_sel).next().expect("a WebP <source>");
    assert!(
        source
            .value()
            .attr("srcset")
            .unwrap()
            .contains(".webp 960w")
    );
}

#[test]
fn a_second_build_reuses_the_cache() {
    // Story: an editor's rebuild does not process unchanged photos again.
    let site = site_with_picture("beach.jpg", &camera_jpeg(1200, 800));
    build(&site);
    let cache = site.root().join(".offersite-cache/media");
    let entry = std::fs::read_dir(&cache)
        .unwrap()
        .flatten()
        .find(|e| e.path().join("entry.json").exists())
        .expect("a cache entry")
        .path();
    // Mark a cached variant: a build that reuses the cache publishes it.
    std::fs::write(entry.join("480w.webp"), b"from the cache").unwrap();
    let out = build(&site);
    let served = variants(&out)
        .into_iter()
        .find(|(p, _)| p.contains(".480w.") && p.ends_with(".webp"))
        .unwrap();
    assert_eq!(served.1, b"from the cache");
    // A changed photo gets new variants under new names.
    site.write("content/media/offers/beach.jpg", camera_jpeg(1300, 800));
    let out = build(&site);
    let again = variants(&out);
    assert!(again.iter().all(|(p, _)| p != &served.0));
    assert!(again.iter().all(|(_, b)| b != b"from the cache"));
}

#[test]
fn an_unreadable_picture_is_an_error_at_the_line_naming_it() {
    // Story: an editor saves a text file as .jpg; check points at the offer.
    let site = site_with_picture("broken.jpg", b"this is not a JPEG");
    let checked = site.check();
    let d = checked.assert_error(
        "content/offers/aston-waikiki.yaml",
        9,
        8,
        "not a readable JPEG file",
    );
    assert!(hint(d).contains("export it again"), "{d}");
}

#[test]
fn a_picture_too_narrow_for_the_layout_is_a_warning() {
    // Story: a thumbnail used as an offer photo would look blurred.
    let mut small = Vec::new();
    image::DynamicImage::ImageRgb8(image::RgbImage::new(300, 200))
        .write_to(&mut Cursor::new(&mut small), image::ImageFormat::Png)
        .unwrap();
    let site = site_with_picture("small.png", &small);
    let checked = site.check();
    checked.assert_clean();
    let w = checked.warnings();
    let w = w
        .iter()
        .find(|d| d["message"].as_str().unwrap().contains("only 300 px wide"))
        .expect("a warning");
    assert_eq!(w["file"], "content/offers/aston-waikiki.yaml");
    assert_eq!(w["line"], 9);
    assert!(hint(w).contains("960"));
}

#[test]
fn a_picture_over_the_size_limit_is_an_error() {
    // Story: a 40 MB raw export is refused before any tourist downloads it.
    let site = site_with_picture("huge.jpg", &camera_jpeg(64, 64));
    let f = std::fs::OpenOptions::new()
        .write(true)
        .open(site.root().join("content/media/offers/huge.jpg"))
        .unwrap();
    f.set_len(offersite::media::MAX_BYTES + 1).unwrap();
    let checked = site.check();
    let d = checked.assert_error(
        "content/offers/aston-waikiki.yaml",
        9,
        8,
        "more than the limit",
    );
    assert!(hint(d).contains("export it smaller"), "{d}");
}

/// A `w`×`h` PNG of one colour, tagged with `profile` (ICC) if given.
fn png_of(w: u32, h: u32, rgb: [u8; 3], profile: Option<Vec<u8>>) -> Vec<u8> {
    use image::ImageEncoder;
    let img = image::RgbImage::from_pixel(w, h, image::Rgb(rgb));
    let mut bytes = Vec::new();
    let mut encoder = image::codecs::png::PngEncoder::new(&mut bytes);
    if let Some(p) = profile {
        encoder.set_icc_profile(p).unwrap();
    }
    encoder
        .write_image(&img, w, h, image::ExtendedColorType::Rgb8)
        .unwrap();
    bytes
}

/// The colour of the 480 px lossless PNG variant, and whether it has a profile.
fn png_variant_colour(out: &Path) -> ([u8; 3], bool) {
    use image::ImageDecoder;
    let (_, bytes) = variants(out)
        .into_iter()
        .find(|(p, _)| p.contains(".480w.") && p.ends_with(".png"))
        .expect("a PNG variant");
    let mut decoder = image::codecs::png::PngDecoder::new(Cursor::new(&bytes)).unwrap();
    let icc = decoder.icc_profile().unwrap().is_some();
    let img = image::DynamicImage::from_decoder(decoder)
        .unwrap()
        .into_rgb8();
    (img.get_pixel(10, 10).0, icc)
}

#[test]
fn a_wide_gamut_picture_is_converted_to_srgb_and_loses_its_profile() {
    // Story: a phone's Display P3 photo keeps its colours in every browser.
    let p3 = moxcms::ColorProfile::new_display_p3().encode().unwrap();
    let colour = [180, 80, 60];
    let site = site_with_picture("p3.png", &png_of(1000, 600, colour, Some(p3)));
    let (srgb, icc) = png_variant_colour(&build(&site));
    assert!(!icc, "the profile must not be copied");
    // The same colour in sRGB is more saturated: red up, green down.
    assert!(
        srgb[0] >= colour[0] + 8 && srgb[1] + 5 <= colour[1],
        "{srgb:?}"
    );
    // Without a profile the pixels are sRGB already and stay as they are.
    let site = site_with_picture("plain.png", &png_of(1000, 600, colour, None));
    assert_eq!(png_variant_colour(&build(&site)), (colour, false));
}

/// `tests/fixtures/body-pictures`: a term (both languages) and an offer
/// body show `media/body/receipt.jpg`, written here as `bytes`.
fn body_site(bytes: &[u8]) -> SiteTest {
    let site = SiteTest::fixture("body-pictures");
    site.write("content/media/body/receipt.jpg", bytes);
    site
}

/// The `<img>` of the first resized picture in a page's Markdown text.
fn body_img(html: &str) -> (scraper::Html, String) {
    let doc = scraper::Html::parse_document(html);
    let sel = scraper::Selector::parse(".prose picture img").unwrap();
    let img = doc
        .select(&sel)
        .next()
        .expect("a <picture> in the text")
        .html();
    (doc, img)
}

#[test]
fn pictures_in_markdown_texts_are_resized_like_offer_pictures() {
    // Story: a term's or an offer's text shows a camera photo; a tourist on
    // roaming data gets a phone-sized WebP, lazily, without layout shift.
    let site = body_site(&camera_jpeg(1600, 1000));
    let out = build(&site);
    let found = variants(&out);
    assert!(
        found
            .iter()
            .any(|(p, _)| p.starts_with("body/receipt.480w.")),
        "variants: {:?}",
        found.iter().map(|f| &f.0).collect::<Vec<_>>()
    );
    for page in [
        "en/terms/exchange-rate-lock",
        "zh/terms/exchange-rate-lock",
        "en/offers/macys-gift",
        "zh/offers/macys-gift",
    ] {
        let html = std::fs::read_to_string(out.join(page).join("index.html")).unwrap();
        let (doc, _) = body_img(&html);
        let img = doc
            .select(&scraper::Selector::parse(".prose picture img").unwrap())
            .next()
            .unwrap();
        let attr = |n: &str| {
            img.value()
                .attr(n)
                .unwrap_or_else(|| panic!("{page}: no {n}"))
        };
        assert_eq!(attr("loading"), "lazy", "{page}");
        assert_eq!(attr("decoding"), "async", "{page}");
        assert!(attr("sizes").contains("58rem"), "{page}: the text column");
        assert!(attr("srcset").contains(" 960w"), "{page}");
        // The real size of the file `src` serves: upright (orientation 6).
        let src = attr("src");
        let file = out.join(format!("media/{}", src.split("/media/").nth(1).unwrap()));
        let served = image::open(&file).unwrap();
        let size = |n: &str| attr(n).parse::<u32>().unwrap();
        assert_eq!(
            (size("width"), size("height")),
            (served.width(), served.height()),
            "{page}"
        );
        assert!(served.height() > served.width(), "{page}: upright");
        let source = doc
            .select(&scraper::Selector::parse(".prose picture source[type='image/webp']").unwrap())
            .next()
            .unwrap_or_else(|| panic!("{page}: a WebP source"));
        assert!(
            source
                .value()
                .attr("srcset")
                .unwrap()
                .contains(".webp 480w"),
            "{page}"
        );
        assert!(
            !html.contains("/media/body/receipt.jpg\""),
            "{page}: the original is not shown"
        );
    }
    let en = std::fs::read_to_string(out.join("en/terms/exchange-rate-lock/index.html")).unwrap();
    let (_, img) = body_img(&en);
    assert!(
        img.contains(r#"alt="The till receipt shows the locked rate""#),
        "{img}"
    );
    assert!(img.contains(r#"title="Your receipt""#), "{img}");
    let offer = std::fs::read_to_string(out.join("en/offers/macys-gift/index.html")).unwrap();
    let (_, img) = body_img(&offer);
    assert!(
        img.contains(r#"alt="A Macy&#39;s tote bag""#)
            || img.contains(r#"alt="A Macy's tote bag""#),
        "alt is plain text: {img}"
    );
    // SVG is served as it is, in a plain <img>.
    assert!(
        en.contains(r#"<img src="/media/logos/macys.svg" alt="Macy&#39;s""#)
            || en.contains(r#"<img src="/media/logos/macys.svg" alt="Macy's""#),
        "{en}"
    );
    assert_no_metadata(&found);
}

#[test]
fn pictures_in_markdown_texts_are_checked_where_they_are_named() {
    // Story: an editor puts a broken, missing or too small picture into a
    // text; check points at the line and column of the image.
    let site = body_site(b"this is not a JPEG");
    let checked = site.check();
    for (file, line, column) in [
        ("content/terms/exchange-rate-lock.en.md", 8, 1),
        ("content/terms/exchange-rate-lock.zh.md", 12, 1),
    ] {
        let d = checked.assert_error(file, line, column, "not a readable JPEG file");
        assert!(hint(d).contains("export it again"), "{d}");
    }
    // The offer's body names it twice, once per language.
    let mut at: Vec<(u64, u64)> = checked
        .errors()
        .into_iter()
        .filter(|d| d["file"] == "content/offers/macys-gift.yaml")
        .map(|d| (d["line"].as_u64().unwrap(), d["column"].as_u64().unwrap()))
        .collect();
    at.sort_unstable();
    assert_eq!(at, vec![(14, 5), (18, 5)]);

    let mut small = Vec::new();
    image::DynamicImage::ImageRgb8(image::RgbImage::new(400, 300))
        .write_to(&mut Cursor::new(&mut small), image::ImageFormat::Jpeg)
        .unwrap();
    let site = body_site(&small);
    let checked = site.check();
    checked.assert_clean();
    let warnings = checked.warnings();
    let w = warnings
        .iter()
        .find(|d| d["file"] == "content/terms/exchange-rate-lock.en.md")
        .expect("a warning for the term");
    assert!(
        w["message"].as_str().unwrap().contains("only 400 px wide"),
        "{w}"
    );
    assert_eq!(
        (w["line"].as_u64(), w["column"].as_u64()),
        (Some(8), Some(1))
    );
    assert!(hint(w).contains("960"), "{w}");

    let site = body_site(&camera_jpeg(64, 64));
    std::fs::OpenOptions::new()
        .write(true)
        .open(site.root().join("content/media/body/receipt.jpg"))
        .unwrap()
        .set_len(offersite::media::MAX_BYTES + 1)
        .unwrap();
    let d = site
        .check()
        .assert_error(
            "content/terms/exchange-rate-lock.en.md",
            8,
            1,
            "more than the limit",
        )
        .clone();
    assert!(hint(&d).contains("export it smaller"), "{d}");

    let site = body_site(b"");
    std::fs::remove_file(site.root().join("content/media/body/receipt.jpg")).unwrap();
    site.check().assert_error(
        "content/terms/exchange-rate-lock.en.md",
        8,
        1,
        "/media/body/receipt.jpg",
    );
}
