use std::process::ExitCode;

/// Rendering a large catalog allocates millions of small strings and JSON
/// values across threads; mimalloc handles that far faster than glibc's
/// malloc (measured: see the commit that added it).
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    offersite::cli::main()
}
