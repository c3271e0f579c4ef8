//! CI pipelines: `check --format github` annotations, `check --format json`'s
//! summary record, `build --format json` against its documented schema,
//! `SOURCE_DATE_EPOCH`, `--quiet` and `--verbose`.

mod sitetest;

use std::path::Path;
use std::process::Command;

use sitetest::SiteTest;

/// A problem matcher in the style GitHub Actions documents for workflow
/// commands: severity, file, line, column and message.
const MATCHER: &str = r"^::(error|warning|notice) file=([^,:]+),line=(\d+),col=(\d+)::(.+)$";

#[test]
fn github_format_is_accepted_by_a_problem_matcher() {
    let site = SiteTest::broken("unknown-reference");
    let out = site.run(&["check", "--now", sitetest::NOW, "--format", "github"]);
    assert_eq!(out.status.code(), Some(1));
    let text = String::from_utf8(out.stdout).unwrap();
    let matcher = regex::Regex::new(MATCHER).unwrap();
    let lines: Vec<&str> = text.lines().collect();
    assert!(lines.len() >= 4, "{text}");
    for line in &lines {
        assert!(matcher.is_match(line), "not matched: {line}");
    }
    let caps = lines
        .iter()
        .filter_map(|l| matcher.captures(l))
        .find(|c| c[5].contains("unknown partner `macy`"))
        .expect("the partner error");
    assert_eq!(&caps[1], "error");
    assert_eq!(&caps[2], "content/offers/macys-herald-square.yaml");
    assert_eq!((&caps[3], &caps[4]), ("1", "10"));
    // The hint rides along on a second line of the annotation.
    assert!(
        caps[5].contains("%0Ahint: did you mean `macys`?"),
        "{}",
        &caps[5]
    );
}

#[test]
fn json_format_ends_with_a_summary_record() {
    let checked = SiteTest::broken("five-mistakes").check();
    let summary = &checked.summary["summary"];
    assert_eq!(summary["errors"], checked.errors().len());
    assert_eq!(summary["warnings"], 0);
    assert_eq!(summary["passed"], false);
    let clean = SiteTest::fixture("valid").check();
    assert_eq!(clean.summary["summary"]["passed"], true);
}

#[test]
fn build_json_summary_follows_the_documented_schema() {
    let site = SiteTest::fixture("valid");
    let out = site.run(&["build", "--now", sitetest::NOW, "--format", "json"]);
    assert_eq!(out.status.code(), Some(0));
    let text = String::from_utf8(out.stdout).unwrap();
    assert_eq!(text.lines().count(), 1, "{text}");
    let summary: serde_json::Value = serde_json::from_str(&text).unwrap();
    let schema_path = Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/build-summary.schema.json");
    let schema: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(schema_path).unwrap()).unwrap();
    let validator = jsonschema::validator_for(&schema).unwrap();
    let errors: Vec<String> = validator
        .iter_errors(&summary)
        .map(|e| e.to_string())
        .collect();
    assert!(errors.is_empty(), "{errors:#?}\n{summary:#}");
    assert_eq!(summary["offers"]["active"], 2);
    assert_eq!(summary["offers"]["upcoming"], 1);
    assert_eq!(summary["now"], sitetest::NOW);
    assert_eq!(summary["next_change"], "2027-01-15");
    let files = sitetest::snapshot(&site.root().join("public")).len();
    assert_eq!(summary["files"], files);
    // A summary missing a field breaks the schema: the check can fail.
    let mut broken = summary.clone();
    broken.as_object_mut().unwrap().remove("pages");
    assert!(!validator.is_valid(&broken));
}

fn run_with_env(site: &SiteTest, args: &[&str], epoch: &str) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_offersite"))
        .args(args)
        .arg("--root")
        .arg(site.root())
        .env("SOURCE_DATE_EPOCH", epoch)
        .output()
        .unwrap()
}

#[test]
fn source_date_epoch_is_the_default_now() {
    let site = SiteTest::fixture("valid");
    // 2027-02-01T12:00:00Z: the gift offer (2027-01-15 to 2027-02-28) runs.
    let out = run_with_env(&site, &["build", "--format", "json"], "1801483200");
    let summary: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(summary["now"], "2027-02-01");
    assert_eq!(summary["offers"]["upcoming"], 0);
    // --now still wins.
    let out = run_with_env(
        &site,
        &["build", "--format", "json", "--now", sitetest::NOW],
        "1801483200",
    );
    let summary: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(summary["now"], sitetest::NOW);
    let bad = run_with_env(&site, &["check"], "yesterday");
    assert_eq!(bad.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&bad.stderr).contains("SOURCE_DATE_EPOCH"));
}

#[test]
fn quiet_and_verbose() {
    let site = SiteTest::broken("ended-offer");
    let normal = site.run(&["build", "--now", sitetest::NOW]);
    let normal_err = String::from_utf8_lossy(&normal.stderr);
    assert!(normal_err.contains("note: the offer ended"), "{normal_err}");
    assert!(String::from_utf8_lossy(&normal.stdout).starts_with("built "));
    let quiet = site.run(&["build", "-q", "--now", sitetest::NOW]);
    assert_eq!(quiet.status.code(), Some(0));
    assert!(quiet.stdout.is_empty());
    assert!(!String::from_utf8_lossy(&quiet.stderr).contains("note:"));
    let verbose = site.run(&["build", "--verbose", "--now", sitetest::NOW]);
    assert!(String::from_utf8_lossy(&verbose.stderr).contains("timing: load"));
    // Errors are printed whatever the verbosity.
    let broken = SiteTest::broken("unknown-reference");
    let quiet = broken.run(&["check", "--quiet", "--now", sitetest::NOW]);
    assert_eq!(quiet.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&quiet.stderr).contains("unknown partner `macy`"));
}
