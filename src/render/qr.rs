//! QR code modules, as the `qrcode` crate makes them, without its slow mask
//! choice.
//!
//! The crate encodes, adds error correction and draws the symbol; to choose
//! one of the eight masks it scores each candidate, and its scoring boxes a
//! closure for every module it visits: about 0.4 ms for one short coupon
//! code, a tenth of a 10,000-offer build's CPU time. Here the crate still
//! encodes, draws and masks; only the scores are computed on a plain grid,
//! by the crate's own rules (including where they differ from the
//! standard), so the same mask wins and a page shows the same symbol. The
//! test at the bottom holds the two to that.

use qrcode::bits::encode_auto;
use qrcode::canvas::{Canvas, MaskPattern};
use qrcode::ec::construct_codewords;
use qrcode::{Color, EcLevel, Version};

/// The masks in the order the crate tries them: on a tie, the first wins.
const MASKS: [MaskPattern; 8] = [
    MaskPattern::Checkerboard,
    MaskPattern::HorizontalLines,
    MaskPattern::VerticalLines,
    MaskPattern::DiagonalLines,
    MaskPattern::LargeCheckerboard,
    MaskPattern::Fields,
    MaskPattern::Diamonds,
    MaskPattern::Meadow,
];

/// A square of modules, `true` for dark, row by row.
pub struct Modules {
    pub width: usize,
    pub dark: Vec<bool>,
}

/// The symbol `qrcode::QrCode::with_error_correction_level(data, ec)` makes,
/// or `None` when the data does not fit a QR code.
pub fn modules(data: &[u8], ec: EcLevel) -> Option<Modules> {
    let bits = encode_auto(data, ec).ok()?;
    let version = bits.version();
    // `encode_auto` only makes full-size symbols; Micro QR scores differently.
    let Version::Normal(_) = version else {
        return None;
    };
    let (data, ec_data) = construct_codewords(&bits.into_bytes(), version, ec).ok()?;
    let mut canvas = Canvas::new(version, ec);
    canvas.draw_all_functional_patterns();
    canvas.draw_data(&data, &ec_data);
    let width = version.width() as usize;
    let mut best: Option<(u16, Vec<bool>)> = None;
    for mask in MASKS {
        let mut masked = canvas.clone();
        masked.apply_mask(mask);
        let dark: Vec<bool> = masked
            .into_colors()
            .into_iter()
            .map(|c| c == Color::Dark)
            .collect();
        let score = penalty(&dark, width);
        if best.as_ref().is_none_or(|(lowest, _)| score < *lowest) {
            best = Some((score, dark));
        }
    }
    best.map(|(_, dark)| Modules { width, dark })
}

/// The crate's total penalty of a symbol given row by row, in its
/// arithmetic (`u16`, wrapping as its release build does). Columns are
/// scored as the rows of the transposed symbol.
fn penalty(rows: &[bool], width: usize) -> u16 {
    let columns: Vec<bool> = (0..width * width)
        .map(|i| rows[(i % width) * width + i / width])
        .collect();
    [
        adjacent(rows, width),
        adjacent(&columns, width),
        blocks(rows, width),
        finders(rows, width),
        finders(&columns, width),
        balance(rows),
    ]
    .into_iter()
    .fold(0u16, u16::wrapping_add)
}

/// Each run of five or more same-coloured modules in a line scores its
/// length less two.
fn adjacent(lines: &[bool], width: usize) -> u16 {
    let mut total = 0u16;
    for line in lines.chunks_exact(width) {
        let mut last = line[0];
        let mut run = 0u16;
        for &dark in line {
            if dark == last {
                run += 1;
            } else {
                if run >= 5 {
                    total = total.wrapping_add(run - 2);
                }
                last = dark;
                run = 1;
            }
        }
        if run >= 5 {
            total = total.wrapping_add(run - 2);
        }
    }
    total
}

/// Each 2×2 square of one colour, overlapping ones too, scores 3.
fn blocks(rows: &[bool], width: usize) -> u16 {
    let mut total = 0u16;
    for pair in rows.windows(2 * width).step_by(width) {
        let (top, bottom) = pair.split_at(width);
        for x in 0..width - 1 {
            let c = top[x];
            if top[x + 1] == c && bottom[x] == c && bottom[x + 1] == c {
                total = total.wrapping_add(3);
            }
        }
    }
    total
}

/// Each dark-light-dark×3-light-dark run with four light modules (or the
/// edge) on either side scores 40; the symbol's own three finder patterns,
/// which always match, are taken off.
fn finders(lines: &[bool], width: usize) -> u16 {
    const PATTERN: [bool; 7] = [true, false, true, true, true, false, true];
    let mut total = 0u16;
    for line in lines.chunks_exact(width) {
        for j in 0..width - 6 {
            if line[j..j + 7] != PATTERN {
                continue;
            }
            let dark_before = line[j.saturating_sub(4)..j].contains(&true);
            let dark_after = line[j + 7..(j + 11).min(width)].contains(&true);
            if !dark_before || !dark_after {
                total = total.wrapping_add(40);
            }
        }
    }
    total.wrapping_sub(360)
}

/// The distance of the dark share from half, in half-percent steps.
fn balance(modules: &[bool]) -> u16 {
    let dark = modules.iter().filter(|d| **d).count();
    let ratio = dark * 200 / modules.len();
    ratio.abs_diff(100) as u16
}

#[cfg(test)]
mod tests {
    use qrcode::{Color, EcLevel, QrCode};

    use super::modules;

    fn crate_symbol(data: &[u8], ec: EcLevel) -> Option<(usize, Vec<bool>)> {
        let code = QrCode::with_error_correction_level(data, ec).ok()?;
        let dark = code.to_colors().iter().map(|c| *c == Color::Dark).collect();
        Some((code.width(), dark))
    }

    /// A tourist's coupon must scan the same whichever way it was drawn: for
    /// coupon-like codes and arbitrary text of many lengths, every module
    /// equals the crate's own symbol, so the same mask was chosen.
    #[test]
    fn symbols_equal_the_crates_own() {
        // A small fixed generator keeps the test repeatable.
        let mut state = 0x2545_f491_4f6c_dd1du64;
        let mut next = move || {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            state
        };
        let alphabets: [&[u8]; 4] = [
            b"0123456789",
            b"ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-",
            b"abcdefghijklmnopqrstuvwxyz0123456789-_./:",
            "优惠券折扣GTC-0123".as_bytes(),
        ];
        let mut checked = 0;
        for round in 0..600 {
            let alphabet = alphabets[round % alphabets.len()];
            let len = 1 + (next() % 90) as usize;
            let data: Vec<u8> = (0..len)
                .map(|_| alphabet[(next() % alphabet.len() as u64) as usize])
                .collect();
            let data = if round % 3 == 0 {
                format!("GTC-{}-{:04}", String::from_utf8_lossy(&data), round).into_bytes()
            } else {
                data
            };
            for ec in [EcLevel::L, EcLevel::M, EcLevel::Q, EcLevel::H] {
                let ours = modules(&data, ec).map(|m| (m.width, m.dark));
                assert_eq!(ours, crate_symbol(&data, ec), "data {data:?} at {ec:?}");
                checked += 1;
            }
        }
        assert_eq!(checked, 2400);
    }
}
