//! Incremental builds: what a rebuild reuses, what it writes, and that the
//! result is always the site a full build makes.

use crate::support::{copy, edit, fixture, settle, tolk, tree};
use std::collections::BTreeMap;
use std::os::unix::fs::MetadataExt;
use std::path::Path;

/// Every file of the site with its inode and modification time: a file
/// written again (even with the same bytes) gets a new one of these.
fn stamps(site: &Path) -> BTreeMap<String, (u64, i64, i64)> {
    walkdir::WalkDir::new(site)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            let m = e.metadata().unwrap();
            let rel = e.path().strip_prefix(site).unwrap().to_string_lossy().into_owned();
            (rel, (m.ino(), m.mtime(), m.mtime_nsec()))
        })
        .collect()
}

/// Files whose stamp differs, plus files added or removed.
fn touched(
    before: &BTreeMap<String, (u64, i64, i64)>,
    after: &BTreeMap<String, (u64, i64, i64)>,
) -> Vec<String> {
    let mut out: Vec<String> =
        after.iter().filter(|(k, v)| before.get(*k) != Some(v)).map(|(k, _)| k.clone()).collect();
    out.extend(before.keys().filter(|k| !after.contains_key(*k)).cloned());
    out.sort();
    out
}

fn build(root: &Path) -> String {
    let run = tolk(root, &["build"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    run.stderr
}

/// The site a full build makes of the same input, elsewhere.
fn assert_same_as_full_build(root: &Path) {
    let other = root.join("full-site");
    let run = tolk(root, &["build", "--no-cache", "--out", other.to_str().unwrap()]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(tree(&root.join("site")) == tree(&other), "the incremental site differs from a full build");
    std::fs::remove_dir_all(other).unwrap();
}

#[test]
fn a_rebuild_without_changes_writes_nothing() {
    let dir = copy(&fixture("basic"));
    let root = dir.path();
    let first = build(root);
    assert!(!first.contains("incremental"), "the first build is a full build: {first}");
    assert!(root.join(".tolk-cache/site.bin").is_file());
    let before = stamps(&root.join("site"));
    let again = build(root);
    assert!(again.contains("incremental: 0 pages rendered, 0 files written, 0 removed"), "{again}");
    assert_eq!(touched(&before, &stamps(&root.join("site"))), Vec::<String>::new());
    let leftovers: Vec<_> =
        std::fs::read_dir(root).unwrap().filter_map(Result::ok).map(|e| e.file_name()).collect();
    assert!(!leftovers.iter().any(|n| n.to_string_lossy().contains(".tmp-")), "{leftovers:?}");
}

#[test]
fn a_changed_source_article_rewrites_its_pages_in_every_locale() {
    let dir = copy(&fixture("basic"));
    let root = dir.path();
    build(root);
    let before = stamps(&root.join("site"));
    edit(root, "content/en-US/guide/beta.md", "A useful tip.", "A more useful tip.");
    let out = build(root);
    assert!(out.contains("incremental: 4 pages rendered, 3 files written"), "{out}");
    // Its page in every locale is rendered again; the pages that show the
    // source change. da-DK's translation records no fingerprint, so its page
    // comes out the same and is not written.
    let expected =
        ["ar-SA/guide/beta/index.html", "en-US/guide/beta/index.html", "nb-NO/guide/beta/index.html"];
    assert_eq!(touched(&before, &stamps(&root.join("site"))), expected);
    assert_same_as_full_build(root);
}

#[test]
fn a_changed_title_rewrites_the_pages_whose_navigation_shows_it() {
    let dir = copy(&fixture("basic"));
    let root = dir.path();
    build(root);
    let before = stamps(&root.join("site"));
    edit(root, "content/da-DK/alpha.md", "title: ", "title: Ny ");
    build(root);
    let touched = touched(&before, &stamps(&root.join("site")));
    assert!(touched.contains(&"da-DK/alpha/index.html".to_string()), "{touched:?}");
    assert!(
        touched.contains(&"da-DK/guide/beta/index.html".to_string()),
        "its sidebar shows the title: {touched:?}"
    );
    assert!(touched.iter().all(|p| p.starts_with("da-DK/") || p == "status/index.html"), "{touched:?}");
    assert_same_as_full_build(root);
}

#[test]
fn a_link_check_follows_the_article_it_links_to() {
    let dir = copy(&fixture("basic"));
    let root = dir.path();
    build(root);
    // beta links to alpha.md#first-section; alpha loses that heading.
    edit(root, "content/en-US/alpha.md", "## First section", "## Renamed section");
    let run = tolk(root, &["build"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(
        run.stderr.contains("content/en-US/guide/beta.md") && run.stderr.contains("#first-section"),
        "the unchanged linking article is checked again: {}",
        run.stderr
    );
}

#[test]
fn a_blocked_rebuild_leaves_site_and_cache_alone() {
    let dir = copy(&fixture("basic"));
    let root = dir.path();
    build(root);
    let site = tree(&root.join("site"));
    let cache = std::fs::read(root.join(".tolk-cache/site.bin")).unwrap();
    edit(root, "content/en-US/guide/beta.md", "[the web](https://example.org/x)", "[the web](missing.md)");
    let run = tolk(root, &["build"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(tree(&root.join("site")) == site, "a blocked build changed the site");
    assert_eq!(std::fs::read(root.join(".tolk-cache/site.bin")).unwrap(), cache);
}

#[test]
fn what_every_page_depends_on_makes_a_full_build() {
    let dir = copy(&fixture("basic"));
    let root = dir.path();
    build(root);
    for (rel, from, to) in [
        ("locales/da-DK/main.ftl", "\n", "\n# edited\n"),
        ("book.toml", "Fixture Help", "Fixture Help Center"),
        ("content/en-US/includes/steps.md", "\n", "\n\nOne more step.\n"),
    ] {
        edit(root, rel, from, to);
        let out = build(root);
        assert!(!out.contains("incremental"), "{rel}: {out}");
        assert_same_as_full_build(root);
    }
    // A new article changes navigation and links everywhere: a full build too.
    std::fs::write(root.join("content/en-US/gamma.md"), "---\ntitle: Gamma\n---\n# Gamma\n\nNew.\n").unwrap();
    let out = build(root);
    assert!(!out.contains("incremental"), "{out}");
    assert!(root.join("site/da-DK/gamma/index.html").is_file());
    // Removing it again removes its pages.
    std::fs::remove_file(root.join("content/en-US/gamma.md")).unwrap();
    build(root);
    assert!(!root.join("site/da-DK/gamma").exists());
    assert_same_as_full_build(root);
}

#[test]
fn a_damaged_output_or_cache_is_not_trusted() {
    let dir = copy(&fixture("basic"));
    let root = dir.path();
    build(root);
    std::fs::remove_file(root.join("site/da-DK/alpha/index.html")).unwrap();
    std::fs::write(root.join("site/en-US/guide/beta/index.html"), "tampered").unwrap();
    let out = build(root);
    assert!(out.contains("incremental: 2 pages rendered, 2 files written"), "{out}");
    assert_same_as_full_build(root);
    std::fs::write(root.join(".tolk-cache/site.bin"), "{ not json").unwrap();
    let out = build(root);
    assert!(!out.contains("incremental"), "{out}");
    assert_same_as_full_build(root);
    std::fs::remove_dir_all(root.join(".tolk-cache")).unwrap();
    let out = build(root);
    assert!(!out.contains("incremental"), "{out}");
}

#[test]
fn a_generated_home_page_follows_the_titles_it_lists() {
    let dir = copy(&fixture("basic"));
    let root = dir.path();
    for locale in ["en-US", "da-DK"] {
        std::fs::remove_file(root.join(format!("content/{locale}/index.md"))).unwrap();
    }
    build(root);
    let home = root.join("site/da-DK/index.html");
    let before = stamps(&root.join("site"));
    edit(root, "content/da-DK/alpha.md", "title: ", "title: Ny ");
    build(root);
    let touched = touched(&before, &stamps(&root.join("site")));
    assert!(touched.contains(&"da-DK/index.html".to_string()), "{touched:?}");
    assert!(!touched.contains(&"en-US/index.html".to_string()), "{touched:?}");
    assert!(!touched.contains(&"da-DK/404.html".to_string()), "{touched:?}");
    assert!(std::fs::read_to_string(&home).unwrap().contains("Ny "), "the home page lists the new title");
    assert_same_as_full_build(root);
}

#[test]
fn front_matter_is_parsed_again_only_when_it_changes() {
    let dir = copy(&fixture("basic"));
    let root = dir.path();
    build(root);
    let fronts = root.join(".tolk-cache/site.fronts");
    let stamp = |p: &Path| {
        let m = std::fs::metadata(p).unwrap();
        (m.ino(), m.mtime(), m.mtime_nsec(), std::fs::read(p).unwrap())
    };
    let first = stamp(&fronts);
    edit(root, "content/en-US/guide/beta.md", "A useful tip.", "A more useful tip.");
    build(root);
    assert!(stamp(&fronts) == first, "a body edit leaves the front matter records alone");
    edit(root, "content/da-DK/alpha.md", "title: ", "title: Ny ");
    build(root);
    assert!(stamp(&fronts) != first, "a front matter edit is recorded");
    assert_same_as_full_build(root);
}

/// The findings of a build, without its timing.
fn findings_of(stderr: &str) -> Vec<String> {
    stderr.lines().filter(|l| !l.starts_with("built ")).map(str::to_string).collect()
}

#[test]
fn articles_not_read_again_still_check_and_render_as_in_a_full_build() {
    let dir = copy(&fixture("basic"));
    let root = dir.path();
    settle(root);
    build(root);
    // The source changes: its settled translations are not read at load
    // time, but comparing them with it needs their text.
    edit(root, "content/en-US/alpha.md", "Alpha says hello.", "Alpha says hello, **Save**.");
    let incremental = build(root);
    let full = tolk(root, &["build", "--no-cache", "--out", root.join("full-site").to_str().unwrap()]);
    assert_eq!(full.code, 0, "{}", full.stderr);
    assert!(full.stderr.contains("outdated-segment"), "{}", full.stderr);
    assert_eq!(findings_of(&incremental), findings_of(&full.stderr));
    std::fs::remove_dir_all(root.join("full-site")).unwrap();
    assert_same_as_full_build(root);
}

#[test]
fn a_settled_file_is_trusted_by_its_size_and_time() {
    let dir = copy(&fixture("basic"));
    let root = dir.path();
    settle(root);
    build(root);
    // The same size and time stamp, other bytes: like make, tolk takes
    // the file as unchanged and does not read it (`--no-cache` does).
    let path = root.join("content/da-DK/alpha.md");
    let meta = std::fs::metadata(&path).unwrap();
    let text = std::fs::read_to_string(&path).unwrap();
    std::fs::write(&path, text.replacen("title: Alfa-artikel", "title: Alfa-ARTIKEL", 1)).unwrap();
    std::fs::File::options().write(true).open(&path).unwrap().set_modified(meta.modified().unwrap()).unwrap();
    edit(root, "content/en-US/guide/beta.md", "A useful tip.", "A more useful tip.");
    build(root);
    let nav = std::fs::read_to_string(root.join("site/da-DK/guide/beta/index.html")).unwrap();
    assert!(nav.contains("Alfa-artikel") && !nav.contains("Alfa-ARTIKEL"), "the recorded title is shown");
    let run = tolk(root, &["build", "--no-cache"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let nav = std::fs::read_to_string(root.join("site/da-DK/guide/beta/index.html")).unwrap();
    assert!(nav.contains("Alfa-ARTIKEL"), "--no-cache reads every file");
}

#[test]
fn front_matter_that_did_not_parse_is_reported_again_once_its_rule_is_back_on() {
    let dir = copy(&fixture("basic"));
    let root = dir.path();
    edit(root, "content/da-DK/alpha.md", "title: Alfa-artikel", "title: [Alfa-artikel");
    let config = std::fs::read_to_string(root.join("book.toml")).unwrap();
    std::fs::write(
        root.join("book.toml"),
        format!("{config}\n[check.rules]\ninvalid-front-matter = \"off\"\nfront-matter-changed = \"off\"\n"),
    )
    .unwrap();
    settle(root);
    let quiet = build(root);
    assert!(!quiet.contains("invalid-front-matter"), "{quiet}");
    std::fs::write(root.join("book.toml"), config).unwrap();
    let run = tolk(root, &["build"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(run.stderr.contains("error[invalid-front-matter]"), "{}", run.stderr);
}
