//! QR code modules, as the `qrcode` crate makes them, without its slow mask
//! choice.
//!
//! The crate encodes, adds error correction and draws the symbol; to choose
//! one of the eight masks it scores each candidate, and its scoring boxes a
//! closure for every module it visits: about 0.4 ms for one short coupon
//! code, a tenth of a 10,000-offer build's CPU time. Here the crate still
//! encodes, draws and masks; only the scores are computed, on rows and
//! columns of bits (64 modules at a time), by the crate's own rules
//! (including where they differ from the standard), so the same mask wins
//! and a page shows the same symbol. The test at the bottom holds the two
//! to that.

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
    let mut best: Option<(u16, Vec<Color>)> = None;
    for mask in MASKS {
        let mut masked = canvas.clone();
        masked.apply_mask(mask);
        let colors = masked.into_colors();
        let score = Lines::of(&colors, width).penalty();
        if best.as_ref().is_none_or(|(lowest, _)| score < *lowest) {
            best = Some((score, colors));
        }
    }
    best.map(|(_, colors)| Modules {
        width,
        dark: colors.into_iter().map(|c| c == Color::Dark).collect(),
    })
}

/// Words in a line of modules: the largest symbol (version 40) is 177
/// modules wide.
const WORDS: usize = 3;

/// A line of modules as bits, module `i` at bit `i % 64` of word `i / 64`,
/// `1` for dark; bits past the symbol's width are `0`.
type Line = [u64; WORDS];

/// A symbol's rows and its columns as bit lines, so that the penalties
/// compare 64 modules at a time.
struct Lines {
    width: usize,
    rows: Vec<Line>,
    columns: Vec<Line>,
}

impl Lines {
    fn of(colors: &[Color], width: usize) -> Self {
        let mut rows = vec![[0; WORDS]; width];
        let mut columns = vec![[0; WORDS]; width];
        for (y, row) in colors.chunks_exact(width).enumerate() {
            for (x, color) in row.iter().enumerate() {
                let dark = u64::from(*color == Color::Dark);
                rows[y][x / 64] |= dark << (x % 64);
                columns[x][y / 64] |= dark << (y % 64);
            }
        }
        Lines {
            width,
            rows,
            columns,
        }
    }

    /// The crate's total penalty, in its arithmetic (`u16`, wrapping as its
    /// release build does).
    fn penalty(&self) -> u16 {
        let w = self.width;
        [
            sum(&self.rows, |l| adjacent(l, w)),
            sum(&self.columns, |l| adjacent(l, w)),
            blocks(&self.rows, w),
            sum(&self.rows, |l| finders(l, w)).wrapping_sub(FINDERS_OWN),
            sum(&self.columns, |l| finders(l, w)).wrapping_sub(FINDERS_OWN),
            balance(&self.rows, w),
        ]
        .into_iter()
        .fold(0u16, u16::wrapping_add)
    }
}

/// What the symbol's own three finder patterns score in each direction:
/// the pattern runs through the middle three lines of each.
const FINDERS_OWN: u16 = 3 * 3 * 40;

fn sum(lines: &[Line], score: impl Fn(&Line) -> u16) -> u16 {
    lines.iter().map(score).fold(0u16, u16::wrapping_add)
}

/// The line moved `by` (1 to 63) modules towards its start: bit `i` is
/// module `i + by`.
fn shifted(line: &Line, by: u32) -> Line {
    let mut out = [0; WORDS];
    for k in 0..WORDS {
        out[k] = line[k] >> by | line.get(k + 1).map_or(0, |next| next << (64 - by));
    }
    out
}

/// Bits `0..n` set.
fn first(n: usize) -> Line {
    let mut out = [0; WORDS];
    for (k, word) in out.iter_mut().enumerate() {
        let bits = n.saturating_sub(64 * k).min(64);
        *word = if bits == 64 {
            u64::MAX
        } else {
            (1 << bits) - 1
        };
    }
    out
}

/// `len` (< 64) modules from `start`, as the low bits of a word.
fn window(line: &Line, start: usize, len: usize) -> u64 {
    let (k, shift) = (start / 64, start % 64);
    let mut bits = line[k] >> shift;
    if shift + len > 64 {
        bits |= line[k + 1] << (64 - shift);
    }
    bits & ((1 << len) - 1)
}

/// Each run of five or more same-coloured modules in a line scores its
/// length less two.
fn adjacent(line: &Line, width: usize) -> u16 {
    let next = shifted(line, 1);
    let within = first(width - 1);
    let mut total = 0u16;
    // A run ends at each module whose next one differs, and at the edge.
    let mut run_start = 0;
    let mut score = |end: usize| {
        let run = (end - run_start) as u16;
        if run >= 5 {
            total = total.wrapping_add(run - 2);
        }
        run_start = end;
    };
    for k in 0..WORDS {
        let mut changes = (line[k] ^ next[k]) & within[k];
        while changes != 0 {
            score(64 * k + changes.trailing_zeros() as usize + 1);
            changes &= changes - 1;
        }
    }
    score(width);
    total
}

/// Each 2×2 square of one colour, overlapping ones too, scores 3.
fn blocks(rows: &[Line], width: usize) -> u16 {
    let within = first(width - 1);
    let mut total = 0u16;
    for pair in rows.windows(2) {
        let (top, bottom) = (&pair[0], &pair[1]);
        let (top_next, bottom_next) = (shifted(top, 1), shifted(bottom, 1));
        let same: u32 = (0..WORDS)
            .map(|k| {
                (!(top[k] ^ top_next[k])
                    & !(bottom[k] ^ bottom_next[k])
                    & !(top[k] ^ bottom[k])
                    & within[k])
                    .count_ones()
            })
            .sum();
        total = total.wrapping_add((same * 3) as u16);
    }
    total
}

/// Each dark-light-dark×3-light-dark run with four light modules (or the
/// edge) on either side scores 40; the caller takes off the symbol's own
/// three finder patterns, which always match.
fn finders(line: &Line, width: usize) -> u16 {
    // Dark, light, dark ×3, light, dark.
    const PATTERN: [bool; 7] = [true, false, true, true, true, false, true];
    // Bit `j` is set where the pattern starts at module `j`.
    let mut starts = first(width - 6);
    for (by, dark) in PATTERN.into_iter().enumerate() {
        let line = if by == 0 {
            *line
        } else {
            shifted(line, by as u32)
        };
        for k in 0..WORDS {
            starts[k] &= if dark { line[k] } else { !line[k] };
        }
    }
    let mut total = 0u16;
    for (k, mut word) in starts.into_iter().enumerate() {
        while word != 0 {
            let j = 64 * k + word.trailing_zeros() as usize;
            word &= word - 1;
            let before = j.saturating_sub(4);
            let dark_before = window(line, before, j - before) != 0;
            let after = (j + 11).min(width);
            let dark_after = window(line, j + 7, after - (j + 7)) != 0;
            if !dark_before || !dark_after {
                total = total.wrapping_add(40);
            }
        }
    }
    total
}

/// The distance of the dark share from half, in half-percent steps.
fn balance(rows: &[Line], width: usize) -> u16 {
    let dark: usize = rows
        .iter()
        .flatten()
        .map(|word| word.count_ones() as usize)
        .sum();
    let ratio = dark * 200 / (width * width);
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
