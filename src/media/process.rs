//! One source picture → its web variants: decoded, turned upright by its
//! EXIF orientation, converted to sRGB, resized, and encoded from bare
//! pixels, so no EXIF, XMP, GPS position or colour profile of the source
//! can reach the output.

use std::io::Cursor;

use image::{DynamicImage, ImageDecoder, ImageReader, imageops::FilterType};

use super::{JPEG_QUALITY, Kind, MAX_PIXELS, WEBP_QUALITY, WIDTHS};

/// One encoded variant, before it is stored.
#[derive(Debug)]
pub struct Encoded {
    pub width: u32,
    pub height: u32,
    pub kind: Kind,
    pub bytes: Vec<u8>,
}

/// What processing one source gives: its upright size and the variants,
/// narrowest first, the WebP and the fallback of each width side by side.
#[derive(Debug)]
pub struct Output {
    pub width: u32,
    pub height: u32,
    pub variants: Vec<Encoded>,
}

/// The widths to make for a source `width` pixels wide: those of
/// [`WIDTHS`] it reaches, or the source's own width when it is narrower
/// than all of them (never upscaled).
pub fn widths_for(width: u32) -> Vec<u32> {
    let mut out: Vec<u32> = WIDTHS.iter().copied().filter(|&w| w <= width).collect();
    if out.is_empty() {
        out.push(width);
    }
    out
}

/// The height of a variant `width` wide, keeping the aspect ratio.
pub fn scaled_height(width: u32, src_w: u32, src_h: u32) -> u32 {
    ((u64::from(src_h) * u64::from(width) + u64::from(src_w) / 2) / u64::from(src_w)).max(1) as u32
}

/// Decode `bytes` (of the format `kind`) and make every variant.
pub fn process(bytes: &[u8], kind: Kind) -> Result<Output, String> {
    let mut reader = ImageReader::with_format(Cursor::new(bytes), kind.format());
    let mut limits = image::Limits::default();
    limits.max_alloc = Some(MAX_PIXELS * 4 + (64 << 20));
    reader.limits(limits);
    let mut decoder = reader.into_decoder().map_err(|e| e.to_string())?;
    let (w, h) = decoder.dimensions();
    if u64::from(w) * u64::from(h) > MAX_PIXELS {
        return Err(format!(
            "{w}×{h} pixels is more than the limit of {MAX_PIXELS}"
        ));
    }
    let icc = decoder.icc_profile().ok().flatten();
    let orientation = decoder
        .orientation()
        .unwrap_or(image::metadata::Orientation::NoTransforms);
    let mut img = DynamicImage::from_decoder(decoder).map_err(|e| e.to_string())?;
    img.apply_orientation(orientation);
    let alpha = img.color().has_alpha() && kind != Kind::Jpeg;
    let (width, height) = (img.width(), img.height());
    // 8 bits per channel, RGB or RGBA: what the encoders and the colour
    // transform take.
    let img = if alpha {
        DynamicImage::ImageRgba8(img.into_rgba8())
    } else {
        DynamicImage::ImageRgb8(img.into_rgb8())
    };

    let widths = widths_for(width);
    let largest = *widths.last().expect("at least one width");
    let mut current = resize(&img, largest, width, height);
    drop(img);
    if let Some(icc) = icc {
        to_srgb(&mut current, &icc)?;
    }
    let mut variants = Vec::with_capacity(widths.len() * 2);
    // Largest first, each smaller one from the one before: fewer pixels to
    // filter than going back to the source every time.
    for &w in widths.iter().rev() {
        if current.width() != w {
            current = resize(&current, w, width, height);
        }
        variants.push(encode(&current, kind)?);
        variants.push(encode_webp(&current)?);
    }
    variants.reverse();
    Ok(Output {
        width,
        height,
        variants,
    })
}

fn resize(img: &DynamicImage, w: u32, src_w: u32, src_h: u32) -> DynamicImage {
    if img.width() == w {
        return img.clone();
    }
    img.resize_exact(w, scaled_height(w, src_w, src_h), FilterType::CatmullRom)
}

/// Convert the pixels from the source's ICC profile to sRGB, the colour
/// space browsers assume for an untagged image: the output then needs no
/// profile, and looks the same in browsers that ignore profiles.
fn to_srgb(img: &mut DynamicImage, icc: &[u8]) -> Result<(), String> {
    // A profile that cannot be read is ignored, as browsers do.
    let Ok(source) = moxcms::ColorProfile::new_from_slice(icc) else {
        return Ok(());
    };
    let srgb = moxcms::ColorProfile::new_srgb();
    let (layout, buf): (moxcms::Layout, &mut [u8]) = match img {
        DynamicImage::ImageRgb8(b) => (moxcms::Layout::Rgb, &mut **b),
        DynamicImage::ImageRgba8(b) => (moxcms::Layout::Rgba, &mut **b),
        _ => return Ok(()),
    };
    let Ok(transform) = source.create_transform_8bit(layout, &srgb, layout, Default::default())
    else {
        // A profile of another kind (CMYK, grey) than the decoded RGB pixels.
        return Ok(());
    };
    let src = buf.to_vec();
    transform
        .transform(&src, buf)
        .map_err(|e| format!("colour conversion to sRGB failed: {e}"))
}

fn encode(img: &DynamicImage, kind: Kind) -> Result<Encoded, String> {
    let mut bytes = Vec::new();
    match kind {
        Kind::Png => img.write_with_encoder(image::codecs::png::PngEncoder::new(&mut bytes)),
        // A WebP source falls back to JPEG, or PNG when it has alpha.
        Kind::Webp if img.color().has_alpha() => {
            img.write_with_encoder(image::codecs::png::PngEncoder::new(&mut bytes))
        }
        Kind::Jpeg | Kind::Webp => img.write_with_encoder(
            image::codecs::jpeg::JpegEncoder::new_with_quality(&mut bytes, JPEG_QUALITY),
        ),
    }
    .map_err(|e| e.to_string())?;
    Ok(Encoded {
        width: img.width(),
        height: img.height(),
        kind: kind.fallback(img.color().has_alpha()),
        bytes,
    })
}

fn encode_webp(img: &DynamicImage) -> Result<Encoded, String> {
    let encoder = match img {
        DynamicImage::ImageRgb8(b) => webp::Encoder::from_rgb(b, b.width(), b.height()),
        DynamicImage::ImageRgba8(b) => webp::Encoder::from_rgba(b, b.width(), b.height()),
        _ => return Err("unexpected pixel layout".into()),
    };
    let memory = encoder
        .encode_simple(false, WEBP_QUALITY)
        .map_err(|e| format!("WebP encoding failed: {e:?}"))?;
    Ok(Encoded {
        width: img.width(),
        height: img.height(),
        kind: Kind::Webp,
        bytes: memory.to_vec(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn never_wider_than_the_source() {
        assert_eq!(widths_for(5000), WIDTHS.to_vec());
        assert_eq!(widths_for(1000), vec![480, 720, 960]);
        assert_eq!(widths_for(300), vec![300]);
    }

    #[test]
    fn heights_keep_the_aspect_ratio() {
        assert_eq!(scaled_height(480, 1680, 1050), 300);
        assert_eq!(scaled_height(960, 4000, 3000), 720);
        assert_eq!(scaled_height(480, 4000, 1), 1);
    }
}
