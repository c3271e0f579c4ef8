use std::process::ExitCode;

fn main() -> ExitCode {
    offersite::cli::main()
}
