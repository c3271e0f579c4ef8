#![no_main]

// The code path lives in the main crate's tests, which replay every input
// kept in tests/fuzz_regressions/load_site/ with `cargo test`.
#[path = "../../tests/fuzz_harness/mod.rs"]
mod fuzz_harness;

libfuzzer_sys::fuzz_target!(|data: &[u8]| fuzz_harness::load_site(data));
