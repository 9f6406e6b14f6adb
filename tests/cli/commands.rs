//! `tolk stamp`, `tolk status` and `tolk explain` on real files.

use crate::support::{example, repo, tolk};

#[test]
fn stamp_records_the_current_fingerprint_and_changes_nothing_else() {
    let site = example();
    let root = site.path();
    let path = root.join("content/sv-SE/unlocking-an-account.md");
    let before = std::fs::read_to_string(&path).unwrap();
    let check = tolk(root, &["check", "--locale", "sv-SE", "--format", "json"]);
    assert!(check.stdout.contains("stale-translation"));

    let run = tolk(root, &["stamp", "content/sv-SE/unlocking-an-account.md"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(run.stdout.contains("9a6178bd6ebc → 73c12f430b63"), "{}", run.stdout);
    let after = std::fs::read_to_string(&path).unwrap();
    let changed: Vec<(&str, &str)> = before.lines().zip(after.lines()).filter(|(a, b)| a != b).collect();
    assert_eq!(
        changed,
        [(
            "ms.openlocfilehash: 9a6178bd6ebc9c1c86869ece552448fbe8ac9a9b",
            "ms.openlocfilehash: 73c12f430b63ae0dbc9e0bc4f69c273b137e0616"
        )]
    );
    assert_eq!(before.len(), after.len());

    let check = tolk(root, &["check", "--locale", "sv-SE", "--format", "json"]);
    assert!(!check.stdout.contains("stale-translation"), "{}", check.stdout);
    let again = tolk(root, &["stamp", "content/sv-SE/unlocking-an-account.md"]);
    assert!(again.stdout.contains("already records the current source"));
    assert_eq!(std::fs::read_to_string(&path).unwrap(), after);
}

#[test]
fn stamp_refuses_what_it_cannot_stamp() {
    let site = example();
    for path in ["content/en-US/unlocking-an-account.md", "content/da-DK/no-such.md", "README.md"] {
        let run = tolk(site.path(), &["stamp", path]);
        assert_eq!(run.code, 2, "{path}");
        assert!(run.stderr.contains("cannot stamp"), "{}", run.stderr);
    }
}

#[test]
fn status_counts_per_locale() {
    let run = tolk(&repo(), &["status", "--format", "json"]);
    assert_eq!(run.code, 0);
    let status: Vec<serde_json::Value> = serde_json::from_str(&run.stdout).unwrap();
    let get = |locale: &str| status.iter().find(|s| s["locale"] == locale).unwrap().clone();
    assert_eq!(get("en-US")["up_to_date"], 3);
    for (locale, current, stale) in
        [("da-DK", 2, 0), ("sv-SE", 1, 1), ("nb-NO", 1, 1), ("sl-SI", 2, 0), ("nl-NL", 2, 0)]
    {
        let s = get(locale);
        assert_eq!(
            (s["up_to_date"].as_u64(), s["stale"].as_u64(), s["missing"].as_u64()),
            (Some(current), Some(stale), Some(1)),
            "{locale}"
        );
        assert_eq!(s["ui_translated"], s["ui_messages"], "{locale}");
    }
    let md = tolk(&repo(), &["status", "--format", "markdown"]).stdout;
    assert!(md.starts_with("| locale |"));
    assert!(md.contains("| sv-SE | 3 | 1 | 1 | 0 | 1 | 0 | 33.3 |"), "{md}");
}

#[test]
fn explain_every_rule() {
    for rule in tolk::rules::ALL {
        let run = tolk(&repo(), &["explain", rule.name]);
        assert_eq!(run.code, 0);
        assert!(run.stdout.starts_with(&format!("{} ({} by default)", rule.name, rule.severity.as_str())));
        assert!(run.stdout.contains(rule.explanation));
    }
    let list = tolk(&repo(), &["explain"]);
    assert_eq!(list.stdout.lines().count(), tolk::rules::ALL.len());
    let unknown = tolk(&repo(), &["explain", "no-such-rule"]);
    assert_eq!(unknown.code, 2);
}

#[test]
fn severity_overrides_and_suppression_comments() {
    let site = example();
    let root = site.path();
    let config = std::fs::read_to_string(root.join("book.toml")).unwrap();
    std::fs::write(
        root.join("book.toml"),
        format!("{config}\n[check.rules]\nstale-translation = \"error\"\nmissing-translation = \"off\"\n"),
    )
    .unwrap();
    let run = tolk(root, &["check", "--format", "json"]);
    assert_eq!(run.code, 1, "stale translations are now errors");
    let findings: Vec<serde_json::Value> = serde_json::from_str(&run.stdout).unwrap();
    assert!(findings.iter().all(|f| f["rule"] != "missing-translation"));
    assert!(findings.iter().any(|f| f["rule"] == "stale-translation" && f["severity"] == "error"));
    // A structural finding on a stale translation stays a warning whatever the configuration.
    std::fs::write(root.join("book.toml"), format!("{config}\n[check.rules]\nlink-mismatch = \"error\"\n"))
        .unwrap();
    let run = tolk(root, &["check", "--format", "json"]);
    let findings: Vec<serde_json::Value> = serde_json::from_str(&run.stdout).unwrap();
    assert!(findings.iter().filter(|f| f["rule"] == "link-mismatch").all(|f| f["severity"] == "warning"));
    // The file silences a rule for itself.
    let nb = root.join("content/nb-NO/unlocking-an-account.md");
    let text = std::fs::read_to_string(&nb).unwrap();
    std::fs::write(&nb, format!("{text}\n<!-- tolk-disable outdated-segment -->\n")).unwrap();
    let run = tolk(root, &["check", "--locale", "nb-NO", "--format", "json"]);
    assert!(!run.stdout.contains("outdated-segment"));
    assert!(run.stdout.contains("link-mismatch"));
}
