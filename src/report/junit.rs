//! The JUnit format: one test suite per locale, one test case per file
//! checked; a file with error-level findings fails, warnings and infos are
//! written to its system-out.

use super::Located;
use crate::diagnostic::Severity;
use crate::markdown::escape;
use std::collections::BTreeMap;
use std::fmt::Write;
use std::path::PathBuf;

/// The JUnit XML of the findings over `files`.
#[must_use]
pub fn render(findings: &[Located<'_>], files: &[(PathBuf, Option<String>)]) -> String {
    let mut by_file: BTreeMap<String, Vec<&Located<'_>>> = BTreeMap::new();
    for l in findings {
        by_file.entry(super::slash_path(&l.finding.path)).or_default().push(l);
    }
    let mut suites: BTreeMap<String, BTreeMap<String, Vec<&Located<'_>>>> = BTreeMap::new();
    for (path, locale) in files {
        let path = super::slash_path(path);
        let list = by_file.remove(&path).unwrap_or_default();
        suites.entry(locale.clone().unwrap_or_else(|| "-".into())).or_default().insert(path, list);
    }
    // Findings about files that were not in the list (folders, missing files).
    for (path, list) in by_file {
        let locale = list.first().and_then(|l| l.finding.locale.clone()).unwrap_or_else(|| "-".into());
        suites.entry(locale).or_default().entry(path).or_default().extend(list);
    }
    let total: usize = suites.values().map(BTreeMap::len).sum();
    let failures: usize = suites.values().flat_map(BTreeMap::values).filter(|l| failing(l)).count();
    let mut out = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    let _ = writeln!(out, "<testsuites name=\"tolk check\" tests=\"{total}\" failures=\"{failures}\">");
    for (locale, cases) in &suites {
        let failed = cases.values().filter(|l| failing(l)).count();
        let _ = writeln!(
            out,
            "  <testsuite name=\"{}\" tests=\"{}\" failures=\"{failed}\">",
            escape(locale),
            cases.len()
        );
        for (path, list) in cases {
            let _ = write!(out, "    <testcase classname=\"{}\" name=\"{}\"", escape(locale), escape(path));
            if list.is_empty() {
                out.push_str("/>\n");
                continue;
            }
            out.push_str(">\n");
            let errors: Vec<_> = list.iter().filter(|l| l.finding.severity == Severity::Error).collect();
            if !errors.is_empty() {
                let first = errors[0].finding;
                let _ = writeln!(
                    out,
                    "      <failure type=\"{}\" message=\"{}\">{}</failure>",
                    escape(first.rule),
                    escape(&format!("{} error(s), first: {}", errors.len(), first.message)),
                    escape(&lines(&errors.iter().map(|l| **l).collect::<Vec<_>>()))
                );
            }
            let others: Vec<_> =
                list.iter().filter(|l| l.finding.severity != Severity::Error).copied().collect();
            if !others.is_empty() {
                let _ = writeln!(out, "      <system-out>{}</system-out>", escape(&lines(&others)));
            }
            out.push_str("    </testcase>\n");
        }
        out.push_str("  </testsuite>\n");
    }
    out.push_str("</testsuites>\n");
    out
}

fn failing(list: &[&Located<'_>]) -> bool {
    list.iter().any(|l| l.finding.severity == Severity::Error)
}

fn lines(list: &[&Located<'_>]) -> String {
    list.iter()
        .map(|l| {
            format!(
                "{}:{}:{}: {}[{}]: {}",
                super::slash_path(&l.finding.path),
                l.line,
                l.column,
                l.finding.severity.as_str(),
                l.finding.rule,
                l.finding.message
            )
        })
        .collect::<Vec<_>>()
        .join("\n")
}
