//! What validation learns about a picture from its size and header alone
//! (cheap: no pixel is decoded), and the problems that follow from it.

use std::io::BufReader;
use std::path::Path;

use image::{ImageDecoder, ImageReader};

use super::{Kind, MAX_BYTES, MAX_PIXELS};

/// A picture's facts, upright (EXIF orientation applied to the size).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Facts {
    pub bytes: u64,
    pub width: u32,
    pub height: u32,
}

/// One problem with a picture: an error unless `warning`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Finding {
    pub warning: bool,
    pub message: String,
    pub hint: String,
}

/// Read the size and header of the picture at `source`.
pub fn probe(source: &Path, kind: Kind) -> Result<Facts, String> {
    let bytes = std::fs::metadata(source).map_err(|e| e.to_string())?.len();
    if bytes > MAX_BYTES {
        return Ok(Facts {
            bytes,
            width: 0,
            height: 0,
        });
    }
    let file = std::fs::File::open(source).map_err(|e| e.to_string())?;
    let reader = ImageReader::with_format(BufReader::new(file), kind.format());
    let mut decoder = reader.into_decoder().map_err(|e| e.to_string())?;
    let (w, h) = decoder.dimensions();
    let turned = matches!(
        decoder.orientation(),
        Ok(image::metadata::Orientation::Rotate90
            | image::metadata::Orientation::Rotate270
            | image::metadata::Orientation::Rotate90FlipH
            | image::metadata::Orientation::Rotate270FlipH)
    );
    let (width, height) = if turned { (h, w) } else { (w, h) };
    Ok(Facts {
        bytes,
        width,
        height,
    })
}

/// The problems of a `kind` picture with these facts (or this probe
/// failure): not readable as that format, over the limits, or narrower
/// than `min_width`, the widest the theme shows it.
pub fn judge(facts: &Result<Facts, String>, kind: Kind, min_width: u32) -> Vec<Finding> {
    let facts = match facts {
        Ok(f) => *f,
        Err(why) => {
            return vec![Finding {
                warning: false,
                message: format!("the picture is not a readable {} file: {why}", kind.name()),
                hint: format!(
                    "export it again as {} from a photo editor, or give the file the extension of its real format",
                    kind.name()
                ),
            }];
        }
    };
    let mut out = Vec::new();
    if facts.bytes > MAX_BYTES {
        out.push(Finding {
            warning: false,
            message: format!(
                "the picture is {:.1} MB, more than the limit of {} MB",
                facts.bytes as f64 / 1_048_576.0,
                MAX_BYTES / 1_048_576
            ),
            hint: "export it smaller (about 3000 px wide at 85% JPEG quality is plenty)".into(),
        });
        return out;
    }
    let pixels = u64::from(facts.width) * u64::from(facts.height);
    if pixels > MAX_PIXELS {
        out.push(Finding {
            warning: false,
            message: format!(
                "the picture is {}×{} pixels, more than the limit of {} megapixels",
                facts.width,
                facts.height,
                MAX_PIXELS / 1_000_000
            ),
            hint: "scale it down to about 3000 px wide before adding it".into(),
        });
    } else if facts.width < min_width {
        out.push(Finding {
            warning: true,
            message: format!(
                "the picture is only {} px wide; the page shows it up to {min_width} px wide, where it will look blurred",
                facts.width
            ),
            hint: format!("use a picture at least {min_width} px wide"),
        });
    }
    out
}
