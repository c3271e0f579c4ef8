//! Offer dates as whole days since 1970-01-01, so that drawing a date is
//! adding a random number of days; the library's calendar does the rest.

use jiff::civil::{Date, date};

const EPOCH: Date = date(1970, 1, 1);

/// The build date the benchmarks pass as `--now`.
pub const NOW: Date = date(2026, 11, 26);

/// Days since 1970-01-01 of `day`.
pub fn days(day: Date) -> i64 {
    i64::from(EPOCH.until(day).expect("a date after 1970").get_days())
}

/// `YYYY-MM-DD` of a day count, as the site writes dates for machines.
pub fn iso(days: i64) -> String {
    let day = EPOCH
        .checked_add(jiff::Span::new().days(days))
        .expect("a date jiff can hold");
    offersite::format::iso(day)
}
