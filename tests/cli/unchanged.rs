//! The no-change fast path: a rebuild of a project whose files are as the
//! last landed build read and wrote them answers from its snapshot.

use crate::support::{copy, fixture, settle, tolk, tree};
use std::path::Path;

/// Settles the project's files, then builds it: the build leaves a snapshot.
fn settled_build(root: &Path) {
    settle(root);
    let run = tolk(root, &["build"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(root.join(".tolk-cache/site.snapshot").is_file(), "a settled build leaves a snapshot");
}

/// The output without its timing, which differs from run to run.
fn without_time(stderr: &str) -> String {
    stderr.lines().map(|l| l.split(" in ").next().unwrap_or(l).to_string()).collect::<Vec<_>>().join("\n")
}

#[test]
fn an_unchanged_project_is_answered_from_its_snapshot() {
    let dir = copy(&fixture("basic"));
    let root = dir.path();
    settle(root);
    let first = tolk(root, &["build"]);
    assert_eq!(first.code, 0, "{}", first.stderr);
    assert!(root.join(".tolk-cache/site.snapshot").is_file());
    let site = tree(&root.join("site"));

    // The cache is not even read: spoiling it changes nothing.
    std::fs::write(root.join(".tolk-cache/site.bin"), b"spoiled").unwrap();
    let again = tolk(root, &["build"]);
    assert_eq!(again.code, first.code);
    assert!(again.stderr.contains("incremental: nothing changed"), "{}", again.stderr);
    let findings =
        |s: &str| without_time(s).lines().filter(|l| !l.starts_with("built ")).collect::<Vec<_>>().join("\n");
    assert_eq!(findings(&again.stderr), findings(&first.stderr), "the same findings are reported");
    assert!(first.stderr.contains("warning["), "the fixture has findings to repeat: {}", first.stderr);
    assert!(tree(&root.join("site")) == site);
}

#[test]
fn an_edit_of_the_same_size_is_built() {
    let dir = copy(&fixture("basic"));
    let root = dir.path();
    settled_build(root);
    let path = root.join("content/en-US/guide/beta.md");
    let text = std::fs::read_to_string(&path).unwrap();
    std::fs::write(&path, text.replacen("A useful tip.", "A usable tip.", 1)).unwrap();
    let run = tolk(root, &["build"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(!run.stderr.contains("nothing changed"), "{}", run.stderr);
    let page = std::fs::read_to_string(root.join("site/en-US/guide/beta/index.html")).unwrap();
    assert!(page.contains("A usable tip."), "{page}");
}

#[test]
fn a_changed_output_other_options_or_a_new_file_mean_a_real_build() {
    let dir = copy(&fixture("basic"));
    let root = dir.path();
    settled_build(root);
    let page = root.join("site/en-US/alpha/index.html");
    let good = std::fs::read(&page).unwrap();
    std::fs::write(&page, b"tampered").unwrap();
    let run = tolk(root, &["build"]);
    assert!(!run.stderr.contains("nothing changed"), "{}", run.stderr);
    assert_eq!(std::fs::read(&page).unwrap(), good, "the damaged page is written again");

    settled_build(root);
    let run = tolk(root, &["build", "--locale", "da-DK"]);
    assert!(!run.stderr.contains("nothing changed"), "other options: {}", run.stderr);

    settled_build(root);
    std::fs::write(root.join("content/en-US/gamma.md"), "---\ntitle: Gamma\n---\n# Gamma\n").unwrap();
    let run = tolk(root, &["build"]);
    assert!(!run.stderr.contains("nothing changed"), "a new article: {}", run.stderr);
    assert!(root.join("site/en-US/gamma/index.html").is_file());
}

#[test]
fn a_blocked_build_is_never_answered_from_a_snapshot() {
    let dir = copy(&fixture("basic"));
    let root = dir.path();
    settled_build(root);
    let path = root.join("content/en-US/guide/beta.md");
    let text = std::fs::read_to_string(&path).unwrap();
    std::fs::write(&path, text.replacen("[the web](https://example.org/x)", "[the web](missing.md)", 1))
        .unwrap();
    settle(root);
    for _ in 0..2 {
        let run = tolk(root, &["build"]);
        assert_eq!(run.code, 1, "{}", run.stderr);
        assert!(run.stderr.contains("missing.md"), "the error is reported each time: {}", run.stderr);
        assert!(!run.stderr.contains("nothing changed"), "{}", run.stderr);
        assert!(!root.join(".tolk-cache/site.snapshot").exists(), "a blocked build leaves no snapshot");
    }
}
