//! The repository's own example site: the seed article, its English source
//! and its translations, built as the README tells a newcomer to.

use crate::support::{main_of, repo, tolk, tree};

fn build_example() -> tempfile::TempDir {
    let out = tempfile::tempdir().unwrap();
    let run = tolk(&repo(), &["build", "--out", out.path().join("site").to_str().unwrap()]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(run.stderr.contains("built 18 pages in 6 locales"), "{}", run.stderr);
    out
}

fn read(out: &tempfile::TempDir, path: &str) -> String {
    std::fs::read_to_string(out.path().join("site").join(path)).unwrap()
}

#[test]
fn stale_exactly_for_the_translations_made_from_older_sources() {
    let out = build_example();
    for (locale, stale) in
        [("da-DK", false), ("sl-SI", false), ("nl-NL", false), ("sv-SE", true), ("nb-NO", true)]
    {
        let html = read(&out, &format!("{locale}/unlocking-an-account/index.html"));
        assert_eq!(html.contains("banner-stale"), stale, "{locale}");
        assert!(!html.contains("banner-untranslated"), "{locale}");
        let landing = read(&out, &format!("{locale}/index.html"));
        assert!(!landing.contains("banner-"), "{locale} landing page is current");
        let fallback = read(&out, &format!("{locale}/check-sign-in-status/index.html"));
        assert!(fallback.contains("banner-untranslated"), "{locale}");
    }
}

#[test]
fn status_page_lists_every_locale() {
    let out = build_example();
    let status = read(&out, "status/index.html");
    assert!(status.contains("<h1>Translation status</h1>"));
    for (tag, name) in [("sv-SE", "Svenska"), ("nb-NO", "Norsk bokmål"), ("da-DK", "Dansk")] {
        assert!(
            status.contains(&format!("<a href=\"../{tag}/index.html\" lang=\"{tag}\">{name}</a>")),
            "{tag}"
        );
    }
    assert!(status.contains("<meter min=\"0\" max=\"100\" value=\"33.3\"></meter> 33.3%"));
    assert!(read(&out, "index.html").contains("href=\"status/index.html\""));
}

#[test]
fn no_source_text_from_segments_reaches_the_site() {
    let out = build_example();
    for (path, bytes) in tree(&out.path().join("site")) {
        let text = String::from_utf8_lossy(&bytes);
        assert!(!text.contains("sxs-lookup") && !text.contains("data-stu-id"), "{path}");
    }
    let nl = read(&out, "nl-NL/unlocking-an-account/index.html");
    assert!(!nl.contains("It's possible users are locked out"));
}

#[test]
fn snapshot_translated_page() {
    let out = build_example();
    insta::assert_snapshot!(main_of(&read(&out, "nl-NL/unlocking-an-account/index.html")));
}

#[test]
fn snapshot_stale_page() {
    let out = build_example();
    insta::assert_snapshot!(main_of(&read(&out, "nb-NO/unlocking-an-account/index.html")));
}

#[test]
fn snapshot_fallback_page() {
    let out = build_example();
    insta::assert_snapshot!(main_of(&read(&out, "sl-SI/check-sign-in-status/index.html")));
}

#[test]
fn snapshot_help() {
    let run = tolk(&repo(), &["--help"]);
    assert_eq!(run.code, 0);
    insta::assert_snapshot!(run.stdout);
    let build = tolk(&repo(), &["build", "--help"]);
    insta::assert_snapshot!("build_help", build.stdout);
}
