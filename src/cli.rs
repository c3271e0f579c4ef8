//! The command line: parse arguments, run a stage, print what happened, and
//! exit 0 (success), 1 (content or template errors) or 2 (wrong usage).

use std::io::Write as _;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Args, Parser, Subcommand, ValueEnum};
use jiff::civil::Date;

use crate::content::fields::parse_date;
use crate::diagnostics::{Counts, Verbosity, print_human};
use crate::pipeline::{self, BuildFailure, BuildOptions};

#[derive(Debug, Parser)]
#[command(
    name = "offersite",
    version,
    about = "Build the bilingual travel-card offers site"
)]
struct Cli {
    /// Print only errors and warnings: no notes, no summary line
    #[arg(short, long, global = true, conflicts_with = "verbose")]
    quiet: bool,
    /// Also print how long each stage took
    #[arg(short, long, global = true)]
    verbose: bool,
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
    /// Create a new bilingual site skeleton that builds and passes `check`
    Init(InitArgs),
    /// Write JSON Schemas of the content files, for editors' autocompletion
    Schema(SchemaArgs),
    /// Print shell completions for bash, zsh or fish (see the README for where to put them)
    Completions(CompletionsArgs),
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
    /// The date offer status is judged against [default: the date of
    /// SOURCE_DATE_EPOCH when set, else today]
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
    /// Fail (exit 1, output left as it was) when there is any warning
    #[arg(long)]
    deny_warnings: bool,
    /// `json` prints the summary as one JSON object on standard output
    /// (see docs/build-summary.schema.json)
    #[arg(long, value_enum, default_value = "human")]
    format: BuildFormat,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
enum Format {
    /// Quoted lines with a marker and a hint, on standard error
    Human,
    /// One JSON object per diagnostic, one per line, then a summary record
    Json,
    /// GitHub Actions workflow commands (`::error file=…,line=…,col=…::…`)
    Github,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
enum BuildFormat {
    /// One summary line for people
    Human,
    /// The summary as one JSON object
    Json,
}

#[derive(Debug, Args)]
struct CheckArgs {
    #[command(flatten)]
    site: SiteArgs,
    /// How to print the diagnostics
    #[arg(long, value_enum, default_value = "human")]
    format: Format,
    /// Fail (exit 1) when there is any warning
    #[arg(long)]
    deny_warnings: bool,
}

#[derive(Debug, Args)]
pub struct ServeArgs {
    #[command(flatten)]
    site: SiteArgs,
    /// Port to listen on (0 picks any free port)
    #[arg(long, default_value_t = 1111)]
    port: u16,
    /// Address to listen on; loopback unless you mean to share the preview
    #[arg(long, default_value = "127.0.0.1")]
    bind: String,
}

#[derive(Debug, Args)]
struct NewArgs {
    /// What to scaffold
    kind: crate::scaffold::NewKind,
    /// The new item's id: lowercase ASCII letters, digits and `-`
    id: String,
    /// The site's directory (holding content/)
    #[arg(long, default_value = ".")]
    root: PathBuf,
}

#[derive(Debug, Args)]
struct InitArgs {
    /// The directory to create the site in (new, or empty)
    dir: PathBuf,
}

#[derive(Debug, Args)]
struct SchemaArgs {
    /// The site's directory; its site.yaml's languages shape the schemas
    #[arg(long, default_value = ".")]
    root: PathBuf,
    /// Where to write the schemas [default: ROOT/schemas]
    #[arg(long)]
    out: Option<PathBuf>,
}

#[derive(Debug, Args)]
struct CompletionsArgs {
    /// The shell to print completions for
    shell: clap_complete::Shell,
}

fn date_arg(s: &str) -> Result<Date, String> {
    parse_date(s)
}

/// The default build date: `SOURCE_DATE_EPOCH`'s (the reproducible-builds
/// convention) when set, else today.
fn default_now() -> Result<Date, String> {
    match std::env::var("SOURCE_DATE_EPOCH") {
        Ok(v) => source_date(&v),
        Err(_) => Ok(jiff::ZonedDateTime::now().date()),
    }
}

fn source_date(value: &str) -> Result<Date, String> {
    value
        .trim()
        .parse::<i64>()
        .ok()
        .and_then(|s| jiff::Timestamp::from_second(s).ok())
        .map(|t| t.to_zoned_datetime(jiff::tz::TimeZone::UTC).date())
        .ok_or_else(|| {
            format!(
                "SOURCE_DATE_EPOCH={value:?} is not a number of seconds since 1970-01-01; unset it or pass --now YYYY-MM-DD"
            )
        })
}

impl SiteArgs {
    fn options(&self, base_url: Option<String>) -> Result<BuildOptions, ExitCode> {
        let now = match self.now {
            Some(d) => d,
            None => default_now().map_err(|why| {
                eprintln!("error: {why}");
                ExitCode::from(2)
            })?,
        };
        Ok(BuildOptions {
            root: self.root.clone(),
            now,
            drafts: self.drafts,
            base_url,
            deny_warnings: false,
        })
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
    let verbosity = match (cli.quiet, cli.verbose) {
        (true, _) => Verbosity::Quiet,
        (_, true) => Verbosity::Verbose,
        _ => Verbosity::Normal,
    };
    pipeline::set_verbose(verbosity == Verbosity::Verbose);
    let result = match cli.command {
        Command::Build(args) => build(args, verbosity),
        Command::Check(args) => check(args, verbosity),
        Command::Serve(args) => args
            .site
            .options(None)
            .map(|o| crate::serve::run(o, &args.bind, args.port)),
        Command::New(args) => Ok(crate::scaffold::run(args.kind, &args.id, &args.root)),
        Command::Init(args) => Ok(crate::init::run(&args.dir)),
        Command::Schema(args) => {
            let out = args.out.unwrap_or_else(|| args.root.join("schemas"));
            Ok(crate::schema::run(&args.root, &out, verbosity))
        }
        Command::Completions(args) => {
            let mut command = <Cli as clap::CommandFactory>::command();
            clap_complete::generate(
                args.shell,
                &mut command,
                "offersite",
                &mut std::io::stdout(),
            );
            Ok(ExitCode::SUCCESS)
        }
        Command::Deploy(args) => Ok(crate::deploy::run(crate::deploy::DeployOptions {
            root: args.root,
            out: args.out,
            target: args.target,
            dry_run: args.dry_run,
            max_deletes: args.max_deletes,
            force: args.force,
        })),
    };
    result.unwrap_or_else(|code| code)
}

fn build(args: BuildArgs, verbosity: Verbosity) -> Result<ExitCode, ExitCode> {
    let out = args
        .out
        .clone()
        .unwrap_or_else(|| args.site.root.join("public"));
    let mut options = args.site.options(args.base_url)?;
    options.deny_warnings = args.deny_warnings;
    Ok(match pipeline::build(&options, &out) {
        Ok(built) => {
            print_human(&built.diagnostics, verbosity);
            match args.format {
                BuildFormat::Json => println!("{}", built.summary_json(&out)),
                BuildFormat::Human if verbosity != Verbosity::Quiet => {
                    println!("{}", built.summary(&out));
                }
                BuildFormat::Human => {}
            }
            ExitCode::SUCCESS
        }
        Err(BuildFailure::Invalid(diagnostics)) => {
            print_human(&diagnostics, verbosity);
            if options.deny_warnings && Counts::of(&diagnostics).errors == 0 {
                eprintln!("--deny-warnings: warnings fail the build");
            }
            eprintln!("build failed; {} left as it was", out.display());
            ExitCode::from(1)
        }
        Err(BuildFailure::Write(err)) => {
            eprintln!("error: {err}");
            eprintln!("build failed; {} left as it was", out.display());
            ExitCode::from(1)
        }
    })
}

fn check(args: CheckArgs, verbosity: Verbosity) -> Result<ExitCode, ExitCode> {
    let options = args.site.options(None)?;
    let diagnostics = pipeline::check(&options);
    let counts = Counts::of(&diagnostics);
    let fails = counts.fails(args.deny_warnings);
    match args.format {
        Format::Human => {
            print_human(&diagnostics, verbosity);
            if counts.errors == 0 && counts.warnings == 0 && verbosity != Verbosity::Quiet {
                eprintln!("no problems found");
            }
            if args.deny_warnings && counts.errors == 0 && counts.warnings > 0 {
                eprintln!("--deny-warnings: warnings fail the check");
            }
        }
        Format::Json => {
            let mut out = std::io::stdout().lock();
            for d in &diagnostics {
                let _ = writeln!(out, "{}", d.to_json());
            }
            let summary = serde_json::json!({"summary": {
                "errors": counts.errors,
                "warnings": counts.warnings,
                "notes": counts.notes,
                "passed": !fails,
            }});
            let _ = writeln!(out, "{summary}");
        }
        Format::Github => {
            let mut out = std::io::stdout().lock();
            for d in &diagnostics {
                let _ = writeln!(out, "{}", d.to_github());
            }
        }
    }
    Ok(if fails {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn source_date_epoch_gives_the_utc_date() {
        // 2026-11-26T23:59:59Z
        assert_eq!(source_date("1795737599").unwrap().to_string(), "2026-11-26");
        assert_eq!(source_date("0").unwrap().to_string(), "1970-01-01");
        assert!(source_date("yesterday").is_err());
    }

    #[test]
    fn every_flag_and_argument_has_help() {
        let command = <Cli as clap::CommandFactory>::command();
        fn walk(c: &clap::Command, path: &str) {
            for a in c.get_arguments() {
                let id = a.get_id().as_str();
                if id == "help" || id == "version" {
                    continue;
                }
                assert!(a.get_help().is_some(), "{path} {id} has no help text");
            }
            for sub in c.get_subcommands() {
                assert!(
                    sub.get_about().is_some(),
                    "{path} {} has no help",
                    sub.get_name()
                );
                walk(sub, &format!("{path} {}", sub.get_name()));
            }
        }
        walk(&command, "offersite");
    }
}
