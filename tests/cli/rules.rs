//! Every rule has a fixture that triggers it and one that must not:
//! `tests/fixtures/check/base` is a clean site, and each
//! `cases/<rule>/{trigger,clean}` folder holds the files that change it
//! (`.delete` lists files to remove).

use crate::support::{copy, overlay, repo, tolk};
use std::path::Path;

fn findings(case: &Path) -> Vec<serde_json::Value> {
    let site = copy(&repo().join("tests/fixtures/check/base"));
    overlay(site.path(), case);
    let run = tolk(site.path(), &["check", "--format", "json"]);
    assert!(run.code == 0 || run.code == 1, "{}: exit {}: {}", case.display(), run.code, run.stderr);
    serde_json::from_str(&run.stdout).unwrap_or_else(|e| panic!("{}: {e}: {}", case.display(), run.stdout))
}

#[test]
fn the_base_fixture_is_clean() {
    // --no-cache: a check of a folder of the repository leaves nothing in it.
    let run = tolk(&repo().join("tests/fixtures/check/base"), &["check", "--no-cache", "--format", "json"]);
    assert_eq!(run.code, 0, "{}", run.stdout);
    assert_eq!(run.stdout.trim(), "[]");
}

#[test]
fn every_rule_triggers_on_its_fixture_and_not_on_the_clean_one() {
    let cases = repo().join("tests/fixtures/check/cases");
    let mut problems = Vec::new();
    for rule in tolk::rules::ALL {
        let dir = cases.join(rule.name);
        if !dir.is_dir() {
            problems.push(format!("{}: no fixture", rule.name));
            continue;
        }
        let hits: Vec<serde_json::Value> =
            findings(&dir.join("trigger")).into_iter().filter(|f| f["rule"] == rule.name).collect();
        if hits.is_empty() {
            problems.push(format!("{}: the trigger fixture gives no finding", rule.name));
        }
        for f in &hits {
            let line = f["line"].as_u64().unwrap_or(0);
            if line == 0
                || f["column"].as_u64().unwrap_or(0) == 0
                || f["message"].as_str().is_none_or(str::is_empty)
            {
                problems.push(format!("{}: finding without a position or message: {f}", rule.name));
            }
        }
        let clean: Vec<serde_json::Value> =
            findings(&dir.join("clean")).into_iter().filter(|f| f["rule"] == rule.name).collect();
        if !clean.is_empty() {
            problems.push(format!("{}: the clean fixture gives {clean:?}", rule.name));
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

/// A build checks each article it renders from the same parse as its page
/// (the others on their own): it must find exactly what `tolk check` finds,
/// on every rule's fixtures and on the example site, also for one locale.
#[test]
fn a_build_finds_what_the_checks_alone_find() {
    let cases = repo().join("tests/fixtures/check/cases");
    let mut sites = vec![crate::support::example()];
    for rule in tolk::rules::ALL {
        let site = copy(&repo().join("tests/fixtures/check/base"));
        overlay(site.path(), &cases.join(rule.name).join("trigger"));
        sites.push(site);
    }
    let mut compared = 0;
    for site in &sites {
        for locales in [vec![], vec!["nb-NO".to_string()]] {
            let wanted = tolk::check::Options { locales: locales.clone() };
            let alone = tolk::check(site.path(), &wanted, &tolk::progress::Silent).unwrap().findings;
            let out = tempfile::tempdir().unwrap();
            let options = tolk::BuildOptions {
                root: site.path().to_path_buf(),
                out: Some(out.path().join("site")),
                no_check: false,
                locales,
                incremental: false,
            };
            let built = match tolk::build(&options, &tolk::progress::Silent) {
                Ok(outcome) => outcome.findings,
                // A fixture without that locale.
                Err(tolk::error::Error::UnknownLocale { .. }) => continue,
                Err(e) => panic!("{}: {e}", site.path().display()),
            };
            let show = |f: &[tolk::diagnostic::Diagnostic]| -> Vec<String> {
                f.iter()
                    .map(|d| format!("{} {} {:?} {}", d.rule, d.path.display(), d.span, d.message))
                    .collect()
            };
            assert_eq!(show(&built), show(&alone), "{}", site.path().display());
            compared += 1;
        }
    }
    assert!(compared > tolk::rules::ALL.len(), "only {compared} sites compared");
}
