//! Malformed and hostile input (`tests/fixtures/bad/`, plus what cannot be
//! committed: a 50 MB article, symlinks, a pipe): every case gets its
//! finding with a position, every other article is still checked, nothing
//! panics or hangs, and the exit codes are exact.

use crate::support::{copy, repo, tolk};
use std::collections::BTreeSet;

fn bad_site() -> tempfile::TempDir {
    let site = copy(&repo().join("tests/fixtures/bad"));
    let en = site.path().join("content/en-US");
    let mut big = b"---\ntitle: Fifty megabytes\n---\n# Big\n\n".to_vec();
    big.resize(50 * 1024 * 1024, b'a');
    std::fs::write(en.join("fifty-megabytes.md"), big).unwrap();
    std::os::unix::fs::symlink("loop-b.md", en.join("loop-a.md")).unwrap();
    std::os::unix::fs::symlink("loop-a.md", en.join("loop-b.md")).unwrap();
    std::os::unix::fs::symlink("/etc/hostname", en.join("outside.md")).unwrap();
    assert!(std::process::Command::new("mkfifo").arg(en.join("pipe.md")).status().unwrap().success());
    site
}

#[test]
fn every_bad_input_gets_its_finding_and_nothing_else_breaks() {
    let site = bad_site();
    let run = tolk(site.path(), &["check", "--format", "json"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    let findings: Vec<serde_json::Value> = serde_json::from_str(&run.stdout).unwrap();
    let got: BTreeSet<(String, String, u64)> = findings
        .iter()
        .map(|f| {
            (
                f["rule"].as_str().unwrap().to_string(),
                f["path"].as_str().unwrap().to_string(),
                f["line"].as_u64().unwrap(),
            )
        })
        .collect();
    let en = "content/en-US/";
    let expected: BTreeSet<(String, String, u64)> = [
        ("invalid-front-matter", "alias-bomb.md", 2),
        ("limit-exceeded", "deep-lists.md", 6),
        ("limit-exceeded", "deep-quotes.md", 6),
        ("invalid-front-matter", "deep-yaml.md", 2),
        ("invalid-front-matter", "duplicate-keys.md", 2),
        ("broken-include", "escape.md", 6),
        ("broken-include", "escape.md", 8),
        ("broken-link", "escape.md", 10),
        ("limit-exceeded", "fifty-megabytes.md", 1),
        ("invalid-file-name", "file name with spaces.md", 1),
        ("broken-include", "includes/cycle-c.md", 3),
        ("invalid-encoding", "invalid-utf8.md", 2),
        ("unsafe-path", "loop-a.md", 1),
        ("unsafe-path", "loop-b.md", 1),
        ("invalid-front-matter", "not-a-mapping.md", 2),
        ("unsafe-path", "outside.md", 1),
        ("unreadable-file", "pipe.md", 1),
        ("invalid-front-matter", "tabs-in-yaml.md", 4),
        ("invalid-front-matter", "unterminated-front-matter.md", 1),
        ("invalid-file-name", "zero\u{200b}width.md", 1),
    ]
    .iter()
    .map(|(r, p, l)| ((*r).to_string(), format!("{en}{p}"), *l))
    .chain([
        ("unknown-locale-folder".to_string(), "content/not_a_locale".to_string(), 1),
        ("ftl-syntax".to_string(), "locales/da-DK/main.ftl".to_string(), 2),
        ("ftl-syntax".to_string(), "locales/en-US/escapes.ftl".to_string(), 2),
        ("ftl-missing-message".to_string(), "locales/en-US/escapes.ftl".to_string(), 1),
        ("ftl-missing-message".to_string(), "locales/da-DK/main.ftl".to_string(), 1),
    ])
    .collect();
    let missing: Vec<_> = expected.difference(&got).collect();
    let extra: Vec<_> = got.difference(&expected).collect();
    assert!(missing.is_empty() && extra.is_empty(), "missing: {missing:#?}\nextra: {extra:#?}");
}

#[test]
fn build_refuses_bad_input_and_no_check_builds_what_is_good() {
    let site = bad_site();
    let run = tolk(site.path(), &["build"]);
    assert_eq!(run.code, 1);
    assert!(!site.path().join("site").exists());
    let run = tolk(site.path(), &["build", "--no-check"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let out = site.path().join("site/en-US");
    for good in [
        "index.html",
        "bom/index.html",
        "crlf/index.html",
        "mixed-line-endings/index.html",
        "empty/index.html",
    ] {
        assert!(out.join(good).is_file(), "{good}");
    }
    for left_out in
        ["invalid-utf8", "fifty-megabytes", "deep-quotes", "deep-lists", "outside", "loop-a", "pipe"]
    {
        assert!(!out.join(left_out).exists(), "{left_out}");
    }
    let crlf = std::fs::read_to_string(out.join("crlf/index.html")).unwrap();
    assert!(crlf.contains("<h1 id=\"windows-line-endings\">Windows line endings</h1>"));
    let walked: Vec<_> =
        walkdir::WalkDir::new(site.path().join("site")).into_iter().filter_map(Result::ok).collect();
    assert!(walked.iter().all(|e| !e.path_is_symlink()), "no symlink is copied into the site");
}
