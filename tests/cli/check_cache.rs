//! `tolk check`'s own cache: a check after a change reads and compares only
//! what the change touched, and reports exactly what a check without the
//! cache reports.

use crate::support::{copy, edit, fixture, settle, tolk, Run};
use std::path::Path;

/// `tolk check --format json` with and without the cache: the same exit
/// code and report; the report.
fn same_as_without_cache(root: &Path) -> String {
    let cached = tolk(root, &["check", "--format", "json"]);
    let full = tolk(root, &["check", "--no-cache", "--format", "json"]);
    assert_eq!((cached.code, &cached.stdout), (full.code, &full.stdout), "{}", cached.stderr);
    full.stdout
}

/// A copy of the basic fixture whose files are old enough to be trusted by
/// their time stamps, and its first cached check (JSON).
fn settled_and_checked() -> (tempfile::TempDir, Run) {
    let dir = copy(&fixture("basic"));
    settle(dir.path());
    let first = tolk(dir.path(), &["check", "--format", "json"]);
    (dir, first)
}

#[test]
fn a_check_from_its_cache_reports_what_a_full_check_reports() {
    let (dir, first) = settled_and_checked();
    let root = dir.path();
    assert!(root.join(".tolk-cache/check/checks.bin").is_file(), "{}", first.stderr);
    assert!(root.join(".tolk-cache/check/checks.fronts").is_file());
    let ignore = std::fs::read_to_string(root.join(".tolk-cache/.gitignore")).unwrap();
    assert!(ignore.lines().any(|l| l == "*"), "Git is told to ignore the cache: {ignore}");
    assert_eq!(same_as_without_cache(root), first.stdout);
    // The source changes: its settled translations are not read at load
    // time, yet they are compared with it again.
    edit(root, "content/en-US/alpha.md", "Alpha says hello.", "Alpha says hello, **Save**.");
    let report = same_as_without_cache(root);
    assert!(report.contains("outdated-segment"), "{report}");
    // A translation changes: its findings are made again.
    edit(root, "content/da-DK/alpha.md", "title: Alfa-artikel", "title: [Alfa-artikel");
    let report = same_as_without_cache(root);
    assert!(report.contains("invalid-front-matter"), "{report}");
}

#[test]
fn a_changed_configuration_discards_the_cache() {
    let (dir, before) = settled_and_checked();
    let root = dir.path();
    assert!(before.stdout.contains("stale-translation"), "{}", before.stdout);
    let config = std::fs::read_to_string(root.join("book.toml")).unwrap();
    std::fs::write(root.join("book.toml"), format!("{config}\n[check.rules]\nstale-translation = \"off\"\n"))
        .unwrap();
    let report = same_as_without_cache(root);
    assert!(!report.contains("stale-translation"), "{report}");
}

#[test]
fn no_cache_keeps_no_cache() {
    let dir = copy(&fixture("basic"));
    let root = dir.path();
    let run = tolk(root, &["check", "--no-cache"]);
    assert!(run.code == 0 || run.code == 1, "{}", run.stderr);
    assert!(!root.join(".tolk-cache/check").exists());
}

#[test]
fn tolk_disable_comments_of_articles_not_read_again_still_apply() {
    let dir = copy(&fixture("basic"));
    let root = dir.path();
    let first = tolk(root, &["check", "--no-cache", "--format", "json"]);
    let findings: Vec<serde_json::Value> = serde_json::from_str(&first.stdout).unwrap();
    let found = findings.iter().find(|f| f["path"].as_str().is_some_and(|p| p.ends_with(".md"))).unwrap();
    let (path, rule) = (found["path"].as_str().unwrap(), found["rule"].as_str().unwrap());
    let file = root.join(path);
    let text = std::fs::read_to_string(&file).unwrap();
    std::fs::write(&file, format!("{text}\n<!-- tolk-disable {rule} -->\n")).unwrap();
    // Settled, the file is recorded by the first check and not read by the next.
    settle(root);
    let recorded = tolk(root, &["check", "--format", "json"]);
    let report = same_as_without_cache(root);
    assert_eq!(recorded.stdout, report);
    let findings: Vec<serde_json::Value> = serde_json::from_str(&report).unwrap();
    assert!(!findings.iter().any(|f| f["path"] == path && f["rule"] == rule), "{rule} in {path}: {report}");
}

#[test]
fn a_settled_file_is_not_read_again() {
    let (dir, first) = settled_and_checked();
    let root = dir.path();
    assert!(!first.stdout.contains("invalid-front-matter"), "{}", first.stdout);
    // Other bytes, the same size and time stamp: the check takes the file as
    // unchanged and reuses its record (this shows that it does); `--no-cache`
    // reads it and finds the broken front matter.
    let path = root.join("content/da-DK/alpha.md");
    let meta = std::fs::metadata(&path).unwrap();
    let text = std::fs::read_to_string(&path).unwrap();
    std::fs::write(&path, text.replacen("title: Alfa-artikel", "title: [lfa-artikel", 1)).unwrap();
    std::fs::File::options().write(true).open(&path).unwrap().set_modified(meta.modified().unwrap()).unwrap();
    let cached = tolk(root, &["check", "--format", "json"]);
    assert_eq!(cached.stdout, first.stdout, "the record is used, the file not read");
    let full = tolk(root, &["check", "--no-cache", "--format", "json"]);
    assert!(full.stdout.contains("invalid-front-matter"), "{}", full.stdout);
}
