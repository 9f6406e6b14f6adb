//! Every output format renders one shared set of findings (an error, a
//! warning and an info), snapshotted; the SARIF log is validated against the
//! SARIF 2.1.0 schema.

use crate::support::{copy, overlay, repo, tolk};

fn site_with_findings() -> tempfile::TempDir {
    let site = copy(&repo().join("tests/fixtures/check/base"));
    for case in ["html-mismatch", "ftl-missing-message", "missing-translation"] {
        overlay(site.path(), &repo().join("tests/fixtures/check/cases").join(case).join("trigger"));
    }
    site
}

fn check(site: &tempfile::TempDir, format: &str) -> String {
    let run = tolk(site.path(), &["check", "--format", format]);
    assert_eq!(run.code, 1, "an error-level finding fails the check: {}", run.stderr);
    run.stdout
}

#[test]
fn every_format_renders_the_same_findings() {
    let site = site_with_findings();
    let json: Vec<serde_json::Value> = serde_json::from_str(&check(&site, "json")).unwrap();
    let rules: Vec<&str> = json.iter().map(|f| f["rule"].as_str().unwrap()).collect();
    assert_eq!(rules, ["html-mismatch", "missing-translation", "ftl-missing-message"]);
    for format in ["human", "json", "sarif", "github", "junit"] {
        let out = check(&site, format);
        for rule in &rules {
            assert!(out.contains(rule), "{format} lacks {rule}");
        }
        insta::assert_snapshot!(format!("format_{format}"), out);
    }
}

#[test]
fn sarif_output_is_valid_against_the_schema() {
    let site = site_with_findings();
    let log: serde_json::Value = serde_json::from_str(&check(&site, "sarif")).unwrap();
    let mut schema: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(repo().join("tests/fixtures/sarif/sarif-2.1.0-rtm.5.json")).unwrap(),
    )
    .unwrap();
    // The published schema has a malformed language pattern (a stray `]`),
    // which later SARIF schema releases correct to this.
    assert_eq!(fix_language_patterns(&mut schema), 2);
    let validator = jsonschema::validator_for(&schema).unwrap();
    let errors: Vec<String> =
        validator.iter_errors(&log).map(|e| format!("{e} at {}", e.instance_path())).collect();
    assert!(errors.is_empty(), "{}", errors.join("\n"));
    // And a broken log is caught, so the validation is real.
    let mut broken = log.clone();
    broken["runs"][0]["results"][0]["level"] = serde_json::json!("fatal");
    assert!(!validator.is_valid(&broken));
}

#[test]
fn deny_warnings_and_locale_filter() {
    let site = copy(&repo().join("tests/fixtures/check/base"));
    overlay(site.path(), &repo().join("tests/fixtures/check/cases/ftl-missing-message/trigger"));
    assert_eq!(tolk(site.path(), &["check"]).code, 0, "warnings alone pass");
    assert_eq!(tolk(site.path(), &["check", "--deny", "warnings"]).code, 1);
    let en = tolk(site.path(), &["check", "--locale", "en-us", "--format", "json"]);
    assert_eq!(en.stdout.trim(), "[]", "no finding belongs to en-US");
    assert_eq!(tolk(site.path(), &["check", "--locale", "not a tag"]).code, 2);
}

fn fix_language_patterns(v: &mut serde_json::Value) -> usize {
    match v {
        serde_json::Value::Object(map) => {
            let mut fixed = 0;
            if map.get("pattern").and_then(|p| p.as_str()) == Some("^[a-zA-Z]{2}|^[a-zA-Z]{2}-[a-zA-Z]{2}]?$")
            {
                map.insert("pattern".into(), serde_json::json!("^[a-zA-Z]{2}(-[a-zA-Z]{2})?$"));
                fixed += 1;
            }
            fixed + map.values_mut().map(fix_language_patterns).sum::<usize>()
        }
        serde_json::Value::Array(items) => items.iter_mut().map(fix_language_patterns).sum(),
        _ => 0,
    }
}
