mod support;

#[test]
fn dump_tiny_site() {
    let files = support::render(&support::tiny_site());
    if let Ok(dir) = std::env::var("OFFERSITE_DUMP") {
        support::dump(&files, std::path::Path::new(&dir));
    }
    assert!(files.contains_key("index.html"));
}
