//! A coupon code drawn for a till scanner: inline SVG, black on white, with
//! the quiet zone each symbology needs, big enough for a scanner reading a
//! phone screen. No script: a page shows it as it is.

use std::fmt::Write as _;

use qrcode::EcLevel;

use crate::model::Barcode;

/// QR codes need four light modules around them.
const QR_QUIET: usize = 4;
/// Drawn size of a QR code, CSS pixels: about 8 px a module for a short
/// code, which scanners read off a phone held at arm's length.
const QR_SIZE: usize = 240;
/// Code 128 needs ten light modules on either side.
const LINEAR_QUIET: usize = 10;
/// CSS pixels per Code 128 module, and bar height.
const LINEAR_MODULE: usize = 2;
const LINEAR_HEIGHT: usize = 100;

/// The code as SVG in the chosen symbology; a code Code 128 cannot carry
/// (outside printable ASCII) is drawn as a QR code instead.
///
/// An offer's pages in every language show the same code and are rendered
/// one after the other on one thread, so the last few drawings are kept per
/// thread, so each code is drawn once.
pub fn svg(code: &str, kind: Barcode) -> Option<String> {
    const KEPT: usize = 4;
    thread_local! {
        static RECENT: std::cell::RefCell<Vec<(String, Barcode, Option<String>)>> =
            const { std::cell::RefCell::new(Vec::new()) };
    }
    RECENT.with_borrow_mut(|recent| {
        if let Some((_, _, drawn)) = recent.iter().find(|(c, k, _)| c == code && *k == kind) {
            return drawn.clone();
        }
        let drawn = draw(code, kind);
        if recent.len() == KEPT {
            recent.remove(0);
        }
        recent.push((code.to_string(), kind, drawn.clone()));
        drawn
    })
}

fn draw(code: &str, kind: Barcode) -> Option<String> {
    match kind {
        Barcode::None => None,
        Barcode::Code128 => code128(code).or_else(|| qr(code)),
        Barcode::Qr => qr(code),
    }
}

fn qr(code: &str) -> Option<String> {
    let qr = super::qr::modules(code.as_bytes(), EcLevel::M)?;
    let width = qr.width;
    let side = width + 2 * QR_QUIET;
    let mut path = String::new();
    for y in 0..width {
        let row = &qr.dark[y * width..(y + 1) * width];
        for (x, run) in runs(row.iter().copied()) {
            let _ = write!(path, "M{} {}h{run}v1h-{run}z", x + QR_QUIET, y + QR_QUIET);
        }
    }
    Some(format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"qr\" width=\"{QR_SIZE}\" height=\"{QR_SIZE}\" \
         viewBox=\"0 0 {side} {side}\" shape-rendering=\"crispEdges\" aria-hidden=\"true\" focusable=\"false\">\
         <rect width=\"{side}\" height=\"{side}\" fill=\"#fff\"/><path fill=\"#000\" d=\"{path}\"/></svg>"
    ))
}

fn code128(code: &str) -> Option<String> {
    if code.is_empty() || !code.bytes().all(|b| (32..127).contains(&b)) {
        return None;
    }
    // Character set B holds all of printable ASCII.
    let bits = barcoders::sym::code128::Code128::new(format!("\u{0181}{code}"))
        .ok()?
        .encode();
    // Drawn in CSS pixels, so that a phone narrower than the code scales
    // it down evenly rather than squashing the bars.
    let width = (bits.len() + 2 * LINEAR_QUIET) * LINEAR_MODULE;
    let mut path = String::new();
    for (x, run) in runs(bits.iter().map(|b| *b == 1)) {
        let _ = write!(
            path,
            "M{} 0h{}v{LINEAR_HEIGHT}h-{}z",
            (x + LINEAR_QUIET) * LINEAR_MODULE,
            run * LINEAR_MODULE,
            run * LINEAR_MODULE
        );
    }
    Some(format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"code128\" width=\"{width}\" height=\"{LINEAR_HEIGHT}\" \
         viewBox=\"0 0 {width} {LINEAR_HEIGHT}\" shape-rendering=\"crispEdges\" aria-hidden=\"true\" focusable=\"false\">\
         <rect width=\"{width}\" height=\"{LINEAR_HEIGHT}\" fill=\"#fff\"/><path fill=\"#000\" d=\"{path}\"/></svg>"
    ))
}

/// Start and length of each run of `true`.
fn runs(cells: impl Iterator<Item = bool>) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut start = None;
    let mut n = 0;
    for (i, dark) in cells.enumerate() {
        match (dark, start) {
            (true, None) => start = Some(i),
            (false, Some(s)) => {
                out.push((s, i - s));
                start = None;
            }
            _ => {}
        }
        n = i + 1;
    }
    if let Some(s) = start {
        out.push((s, n - s));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn runs_of_dark_modules() {
        let cells = [true, true, false, true, false, false, true];
        assert_eq!(runs(cells.into_iter()), vec![(0, 2), (3, 1), (6, 1)]);
    }

    #[test]
    fn codes_get_a_quiet_zone_and_a_fallback() {
        let q = svg("GTC-MACYS-10", Barcode::Qr).unwrap();
        // 21 modules (version 1) plus 4 light ones on each side.
        assert!(q.contains("viewBox=\"0 0 29 29\""), "{q}");
        assert!(
            q.contains("M4 4h7"),
            "the finder pattern starts inside the quiet zone"
        );
        let c = svg("GTC-MACYS-10", Barcode::Code128).unwrap();
        assert!(c.contains("class=\"code128\""));
        assert!(
            c.contains("M20 0h4"),
            "the start code's first bar follows the quiet zone"
        );
        let fallback = svg("优惠-10", Barcode::Code128).unwrap();
        assert!(fallback.contains("class=\"qr\""));
        assert_eq!(svg("GTC-MACYS-10", Barcode::None), None);
    }

    #[test]
    fn a_kept_drawing_is_the_one_drawn_for_that_code_and_kind() {
        for code in ["A-1", "B-2", "A-1", "C-3", "D-4", "E-5", "A-1", "B-2"] {
            for kind in [Barcode::Qr, Barcode::Code128, Barcode::None] {
                assert_eq!(svg(code, kind), draw(code, kind), "{code} {kind:?}");
            }
        }
    }
}
