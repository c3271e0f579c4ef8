//! The command line: parse arguments, run a stage, print what happened, and
//! exit 0 (success), 1 (content or template errors) or 2 (wrong usage).

use std::io::Write as _;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Args, Parser, Subcommand, ValueEnum};
use jiff::civil::Date;

use crate::content::fields::parse_date;
use crate::diagnostics::Diagnostic;
use crate::pipeline::{self, BuildFailure, BuildOptions};

#[derive(Debug, Parser)]
#[command(
    name = "offersite",
    version,
    about = "Build the bilingual travel-card offers site"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Validate, render, and replace the output directory atomically
    Build(BuildArgs),
    /// Validate everything and write nothing
    Check(CheckArgs),
    /// Build, serve on a local address, rebuild and reload on change
    Serve(ServeArgs),
    /// Scaffold a bilingual offer, partner, term or page
    New(NewArgs),
    /// Publish the built site to a `deploy:` target of site.yaml, sending only what changed
    Deploy(DeployArgs),
}

#[derive(Debug, Args)]
struct DeployArgs {
    /// The site's directory (holding content/site.yaml)
    #[arg(long, default_value = ".")]
    root: PathBuf,
    /// The built site [default: ROOT/public]
    #[arg(long)]
    out: Option<PathBuf>,
    /// A `deploy:` entry's name [default: the first]
    #[arg(long, value_name = "NAME")]
    target: Option<String>,
    /// Print what would be uploaded and deleted, change nothing
    #[arg(long)]
    dry_run: bool,
    /// Stop before changing anything if more files than this would be deleted
    #[arg(long, value_name = "N", default_value_t = crate::deploy::MAX_DELETES)]
    max_deletes: usize,
    /// Upload every file, even those the target already holds
    #[arg(long)]
    force: bool,
}

#[derive(Debug, Args)]
struct SiteArgs {
    /// The site's directory (holding content/ and optionally templates/)
    #[arg(long, default_value = ".")]
    root: PathBuf,
    /// The date offer status is judged against [default: today]
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = date_arg)]
    now: Option<Date>,
    /// Include offers and pages marked `draft: true`
    #[arg(long)]
    drafts: bool,
}

#[derive(Debug, Args)]
struct BuildArgs {
    #[command(flatten)]
    site: SiteArgs,
    /// Output directory [default: ROOT/public]
    #[arg(long)]
    out: Option<PathBuf>,
    /// Use this base URL instead of site.yaml's (preview deploys)
    #[arg(long, value_name = "URL")]
    base_url: Option<String>,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
enum Format {
    Human,
    Json,
}

#[derive(Debug, Args)]
struct CheckArgs {
    #[command(flatten)]
    site: SiteArgs,
    /// `json` prints one object per diagnostic, one per line
    #[arg(long, value_enum, default_value = "human")]
    format: Format,
}

#[derive(Debug, Args)]
pub struct ServeArgs {
    #[command(flatten)]
    site: SiteArgs,
    #[arg(long, default_value_t = 1111)]
    port: u16,
    /// Address to listen on; loopback unless you mean to share the preview
    #[arg(long, default_value = "127.0.0.1")]
    bind: String,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum NewKind {
    Offer,
    Partner,
    Term,
    Page,
}

#[derive(Debug, Args)]
struct NewArgs {
    kind: NewKind,
    /// The new item's id: lowercase ASCII letters, digits and `-`
    id: String,
    #[arg(long, default_value = ".")]
    root: PathBuf,
}

fn date_arg(s: &str) -> Result<Date, String> {
    parse_date(s)
}

fn today() -> Date {
    jiff::ZonedDateTime::now().date()
}

impl SiteArgs {
    fn options(&self, base_url: Option<String>) -> BuildOptions {
        BuildOptions {
            root: self.root.clone(),
            now: self.now.unwrap_or_else(today),
            drafts: self.drafts,
            base_url,
        }
    }
}

pub fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(err) => {
            let _ = err.print();
            // clap's own exit code: 0 for --help/--version, 2 for misuse.
            return ExitCode::from(err.exit_code() as u8);
        }
    };
    match cli.command {
        Command::Build(args) => build(args),
        Command::Check(args) => check(args),
        Command::Serve(args) => crate::serve::run(args.site.options(None), &args.bind, args.port),
        Command::New(args) => crate::scaffold::run(args.kind, &args.id, &args.root),
        Command::Deploy(args) => crate::deploy::run(crate::deploy::DeployOptions {
            root: args.root,
            out: args.out,
            target: args.target,
            dry_run: args.dry_run,
            max_deletes: args.max_deletes,
            force: args.force,
        }),
    }
}

/// Print diagnostics for people, on standard error.
pub fn print_human(diagnostics: &[Diagnostic]) {
    let mut err = std::io::stderr().lock();
    for d in diagnostics {
        let _ = writeln!(err, "{}", d.to_human());
    }
    let errors = diagnostics.iter().filter(|d| d.is_error()).count();
    let warnings = diagnostics.len() - errors;
    if errors > 0 || warnings > 0 {
        let _ = writeln!(err, "{errors} error(s), {warnings} warning(s)");
    }
}

fn build(args: BuildArgs) -> ExitCode {
    let out = args
        .out
        .clone()
        .unwrap_or_else(|| args.site.root.join("public"));
    let options = args.site.options(args.base_url);
    match pipeline::build(&options, &out) {
        Ok(built) => {
            print_human(&built.diagnostics);
            println!("{}", built.summary(&out));
            ExitCode::SUCCESS
        }
        Err(BuildFailure::Invalid(diagnostics)) => {
            print_human(&diagnostics);
            eprintln!("build failed; {} left as it was", out.display());
            ExitCode::from(1)
        }
        Err(BuildFailure::Write(err)) => {
            eprintln!("error: {err}");
            eprintln!("build failed; {} left as it was", out.display());
            ExitCode::from(1)
        }
    }
}

fn check(args: CheckArgs) -> ExitCode {
    let options = args.site.options(None);
    let diagnostics = match pipeline::render_site(&options) {
        Ok(rendered) => rendered.diagnostics,
        Err(diagnostics) => diagnostics,
    };
    match args.format {
        Format::Human => {
            print_human(&diagnostics);
            if diagnostics.is_empty() {
                eprintln!("no problems found");
            }
        }
        Format::Json => {
            let mut out = std::io::stdout().lock();
            for d in &diagnostics {
                let _ = writeln!(out, "{}", d.to_json());
            }
        }
    }
    if diagnostics.iter().any(Diagnostic::is_error) {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}
