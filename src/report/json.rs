//! The JSON format: an array of findings, one object each, sorted by file
//! and position. The schema is documented in the README.

use super::Located;
use serde::Serialize;

#[derive(Serialize)]
struct Finding<'a> {
    rule: &'a str,
    severity: &'a str,
    path: String,
    line: usize,
    column: usize,
    end_line: usize,
    end_column: usize,
    locale: Option<&'a str>,
    message: &'a str,
    help: Option<&'a str>,
}

/// The findings as a pretty-printed JSON array.
#[must_use]
pub fn render(findings: &[Located<'_>]) -> String {
    let items: Vec<Finding<'_>> = findings
        .iter()
        .map(|l| Finding {
            rule: l.finding.rule,
            severity: l.finding.severity.as_str(),
            path: super::slash_path(&l.finding.path),
            line: l.line,
            column: l.column,
            end_line: l.end_line,
            end_column: l.end_column,
            locale: l.finding.locale.as_deref(),
            message: &l.finding.message,
            help: l.finding.help.as_deref(),
        })
        .collect();
    let mut out = serde_json::to_string_pretty(&items).unwrap_or_else(|_| "[]".into());
    out.push('\n');
    out
}
