//! `offersite schema` and `offersite init`: editors get JSON Schemas
//! generated from the loader's own record shapes; every shipped content
//! file follows them and a known mistake breaks them; a new site from
//! `init` builds, passes `check` and follows its schemas.

mod sitetest;

use std::path::{Path, PathBuf};
use std::process::Command;

use serde_json::Value;
use sitetest::SiteTest;

fn offersite(args: &[&str], root: &Path) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_offersite"))
        .args(args)
        .arg("--root")
        .arg(root)
        .output()
        .unwrap()
}

/// `offersite schema --root ROOT --out DIR`, read back by file name.
fn schemas_of(root: &Path) -> (tempfile::TempDir, Vec<(String, Value)>) {
    let out = tempfile::tempdir().unwrap();
    let run = Command::new(env!("CARGO_BIN_EXE_offersite"))
        .args(["schema", "--root"])
        .arg(root)
        .arg("--out")
        .arg(out.path())
        .output()
        .unwrap();
    assert_eq!(
        run.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
    let mut all = Vec::new();
    for entry in std::fs::read_dir(out.path()).unwrap() {
        let path = entry.unwrap().path();
        let text = std::fs::read_to_string(&path).unwrap();
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        all.push((name, serde_json::from_str(&text).unwrap()));
    }
    all.sort_by(|a, b| a.0.cmp(&b.0));
    (out, all)
}

/// The schema a content file follows.
fn schema_file(rel: &str) -> Option<&'static str> {
    match rel {
        "content/site.yaml" => Some("site.schema.json"),
        "content/categories.yaml" => Some("categories.schema.json"),
        "content/destinations.yaml" => Some("destinations.schema.json"),
        "content/branches.yaml" => Some("branches.schema.json"),
        r if r.starts_with("content/partners/") => Some("partner.schema.json"),
        r if r.starts_with("content/offers/") => Some("offer.schema.json"),
        _ => None,
    }
}

/// Validation errors of a YAML text against a schema.
fn violations(schema: &Value, yaml: &str) -> Vec<String> {
    let instance: Value = serde_yaml::from_str(yaml).unwrap();
    let validator = jsonschema::validator_for(schema).unwrap();
    validator
        .iter_errors(&instance)
        .map(|e| format!("{} at {}", e, e.instance_path()))
        .collect()
}

/// Every YAML content file of a site, with the schema it must follow.
fn content_files(root: &Path) -> Vec<(String, PathBuf)> {
    let mut files: Vec<(String, PathBuf)> = walkdir::WalkDir::new(root.join("content"))
        .into_iter()
        .flatten()
        .filter(|e| e.path().extension().is_some_and(|x| x == "yaml"))
        .map(|e| {
            let rel = e
                .path()
                .strip_prefix(root)
                .unwrap()
                .to_string_lossy()
                .replace('\\', "/");
            (rel, e.path().to_path_buf())
        })
        .collect();
    files.sort();
    files
}

fn assert_site_follows_its_schemas(root: &Path) -> usize {
    let (_dir, schemas) = schemas_of(root);
    let mut checked = 0;
    for (rel, path) in content_files(root) {
        let name = schema_file(&rel).unwrap_or_else(|| panic!("no schema for {rel}"));
        let schema = &schemas.iter().find(|(n, _)| n == name).unwrap().1;
        let text = std::fs::read_to_string(path).unwrap();
        let errors = violations(schema, &text);
        assert!(errors.is_empty(), "{rel} breaks {name}: {errors:#?}");
        checked += 1;
    }
    checked
}

#[test]
fn every_shipped_content_file_follows_its_schema() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let n = assert_site_follows_its_schemas(root);
    assert!(n >= 24, "only {n} files checked");
    let valid = sitetest::fixtures().join("valid");
    assert_site_follows_its_schemas(&valid);
}

#[test]
fn schemas_cover_each_file_kind_and_the_site_languages() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let (_dir, schemas) = schemas_of(root);
    let names: Vec<&str> = schemas.iter().map(|(n, _)| n.as_str()).collect();
    assert_eq!(
        names,
        [
            "branches.schema.json",
            "categories.schema.json",
            "destinations.schema.json",
            "offer.schema.json",
            "partner.schema.json",
            "site.schema.json"
        ]
    );
    let offer = &schemas[3].1;
    assert_eq!(
        offer["definitions"]["Text"]["required"],
        serde_json::json!(["zh", "en"])
    );
    assert_eq!(offer["additionalProperties"], false);
}

#[test]
fn known_mistakes_break_the_schema() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let (_dir, schemas) = schemas_of(root);
    let offer = &schemas
        .iter()
        .find(|(n, _)| n == "offer.schema.json")
        .unwrap()
        .1;
    let good =
        std::fs::read_to_string(root.join("content/offers/macys-herald-square.yaml")).unwrap();
    assert!(violations(offer, &good).is_empty());
    for (mistake, from, to) in [
        ("misspelled field", "category:", "catagory:"),
        ("percent out of range", "percent: 10", "percent: 150"),
        (
            "two discount kinds",
            "percent: 10",
            "percent: 10, text: {zh: 九折, en: 10% off}",
        ),
        ("date not YYYY-MM-DD", "valid_from: ", "valid_from: 1 "),
        ("missing translation", "  en: \"10% off", "  fr: \"10% off"),
    ] {
        assert!(good.contains(from), "{mistake}: {from:?} not in the file");
        let bad = good.replacen(from, to, 1);
        assert!(
            !violations(offer, &bad).is_empty(),
            "{mistake} passes the schema"
        );
    }
}

#[test]
fn init_creates_a_site_that_builds_checks_and_follows_its_schemas() {
    let dir = tempfile::tempdir().unwrap();
    let site = dir.path().join("my-site");
    let init = Command::new(env!("CARGO_BIN_EXE_offersite"))
        .arg("init")
        .arg(&site)
        .output()
        .unwrap();
    assert_eq!(init.status.code(), Some(0));
    let check = offersite(
        &[
            "check",
            "--now",
            sitetest::NOW,
            "--deny-warnings",
            "--format",
            "json",
        ],
        &site,
    );
    let stdout = String::from_utf8_lossy(&check.stdout);
    assert_eq!(check.status.code(), Some(0), "{stdout}");
    // Nothing to report at all: not even a note.
    assert_eq!(stdout.lines().count(), 1, "{stdout}");
    let build = offersite(&["build", "--now", sitetest::NOW], &site);
    assert_eq!(build.status.code(), Some(0));
    assert!(
        site.join("public/zh/offers/example-store-welcome/index.html")
            .is_file()
    );
    assert!(
        site.join("public/en/offers/example-store-welcome/index.html")
            .is_file()
    );
    assert_site_follows_its_schemas(&site);
    // Each YAML file names the schema the editor should use.
    let offer =
        std::fs::read_to_string(site.join("content/offers/example-store-welcome.yaml")).unwrap();
    assert!(offer.starts_with("# yaml-language-server: $schema=../../schemas/offer.schema.json\n"));
    assert!(site.join("schemas/offer.schema.json").is_file());
    // A second init into the same place is refused and changes nothing.
    let again = Command::new(env!("CARGO_BIN_EXE_offersite"))
        .arg("init")
        .arg(&site)
        .output()
        .unwrap();
    assert_eq!(again.status.code(), Some(1));
}

#[test]
fn scaffolds_name_their_schema_and_new_writes_it() {
    let site = SiteTest::fixture("valid");
    let run = offersite(&["new", "offer", "macys-spring-sale"], site.root());
    assert_eq!(run.status.code(), Some(0));
    let text =
        std::fs::read_to_string(site.root().join("content/offers/macys-spring-sale.yaml")).unwrap();
    let first = text.lines().next().unwrap();
    assert_eq!(
        first,
        "# yaml-language-server: $schema=../../schemas/offer.schema.json"
    );
    assert!(site.root().join("schemas/offer.schema.json").is_file());
    let run = offersite(&["new", "partner", "bloomingdales"], site.root());
    assert_eq!(run.status.code(), Some(0));
    let text =
        std::fs::read_to_string(site.root().join("content/partners/bloomingdales.yaml")).unwrap();
    assert!(
        text.starts_with("# yaml-language-server: $schema=../../schemas/partner.schema.json\n")
    );
}

#[test]
fn completions_for_each_shell() {
    for shell in ["bash", "zsh", "fish"] {
        let out = Command::new(env!("CARGO_BIN_EXE_offersite"))
            .args(["completions", shell])
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(0));
        let text = String::from_utf8_lossy(&out.stdout);
        assert!(text.contains("offersite"), "{shell}");
        assert!(text.contains("deny-warnings"), "{shell}: {text}");
    }
}
