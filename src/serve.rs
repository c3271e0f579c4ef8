//! The editors' preview server.

use std::process::ExitCode;

use crate::pipeline::BuildOptions;

pub fn run(_options: BuildOptions, _bind: &str, _port: u16) -> ExitCode {
    eprintln!("error: `offersite serve` is not available yet");
    ExitCode::from(2)
}
