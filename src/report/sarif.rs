//! The SARIF 2.1.0 format, as GitHub code scanning and other static-analysis
//! viewers read it: every rule in the tool's driver, every finding a result
//! with a physical location relative to `%SRCROOT%`.

use super::Located;
use crate::diagnostic::Severity;
use crate::rules;
use serde_json::{json, Value};

/// The SARIF log of the findings.
#[must_use]
pub fn render(findings: &[Located<'_>]) -> String {
    let rule_list: Vec<Value> = rules::ALL
        .iter()
        .map(|r| {
            json!({
                "id": r.name,
                "name": pascal(r.name),
                "shortDescription": { "text": r.summary },
                "fullDescription": { "text": r.explanation },
                "help": { "text": r.explanation },
                "defaultConfiguration": { "level": level(r.severity) },
            })
        })
        .collect();
    let results: Vec<Value> = findings
        .iter()
        .map(|l| {
            let d = l.finding;
            let index = rules::ALL.iter().position(|r| r.name == d.rule).unwrap_or(0);
            let mut text = d.message.clone();
            if let Some(h) = &d.help {
                text.push_str(" Help: ");
                text.push_str(h);
            }
            let mut region = json!({ "startLine": l.line, "startColumn": l.column });
            if (l.end_line, l.end_column) > (l.line, l.column) {
                region["endLine"] = json!(l.end_line);
                region["endColumn"] = json!(l.end_column);
            }
            let mut result = json!({
                "ruleId": d.rule,
                "ruleIndex": index,
                "level": level(d.severity),
                "message": { "text": text },
                "locations": [{
                    "physicalLocation": {
                        "artifactLocation": { "uri": super::slash_path(&d.path), "uriBaseId": "%SRCROOT%" },
                        "region": region,
                    }
                }],
            });
            if let Some(locale) = &d.locale {
                result["properties"] = json!({ "locale": locale });
            }
            result
        })
        .collect();
    let log = json!({
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [{
            "tool": {
                "driver": {
                    "name": "tolk",
                    "version": env!("CARGO_PKG_VERSION"),
                    "rules": rule_list,
                }
            },
            "columnKind": "unicodeCodePoints",
            "results": results,
        }]
    });
    let mut out = serde_json::to_string_pretty(&log).unwrap_or_default();
    out.push('\n');
    out
}

fn level(s: Severity) -> &'static str {
    match s {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "note",
    }
}

/// `link-mismatch` → `LinkMismatch`.
fn pascal(name: &str) -> String {
    name.split('-')
        .map(|w| {
            let mut c = w.chars();
            c.next().map(|f| f.to_ascii_uppercase().to_string() + c.as_str()).unwrap_or_default()
        })
        .collect()
}
