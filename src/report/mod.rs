//! Owns output of findings: spans to line and column, and one file per
//! output format. Only this stage and `main` print.

pub mod github;
pub mod human;
pub mod json;
pub mod junit;
pub mod sarif;
pub mod status;

use crate::diagnostic::{Diagnostic, Severity};
use rayon::prelude::*;
use std::collections::BTreeMap;
use std::path::Path;

/// 1-based line and column (in characters) of byte `offset` in `text`.
#[must_use]
pub fn line_col(text: &str, offset: usize) -> (usize, usize) {
    let mut offset = offset.min(text.len());
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    let before = &text[..offset];
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    (line, text[line_start..offset].chars().count() + 1)
}

/// A finding's file text, read as the report needs it (lossily: a file that
/// is not UTF-8 still gets a position).
#[must_use]
pub fn source_text(root: &Path, d: &Diagnostic) -> String {
    // Files over the default limit are not shown: their findings say why.
    crate::content::limits::read_regular(&root.join(&d.path), crate::content::limits::DEFAULT_MAX_FILE_SIZE)
        .map(|b| String::from_utf8_lossy(&b).into_owned())
        .unwrap_or_default()
}

/// A finding with its span as 1-based lines and columns (columns in characters).
#[derive(Debug, Clone)]
pub struct Located<'d> {
    /// The finding.
    pub finding: &'d Diagnostic,
    /// Start line.
    pub line: usize,
    /// Start column.
    pub column: usize,
    /// End line.
    pub end_line: usize,
    /// End column (exclusive).
    pub end_column: usize,
}

/// Computes every finding's line and column, reading each file once.
#[must_use]
pub fn locate<'d>(root: &Path, findings: &'d [Diagnostic]) -> Vec<Located<'d>> {
    with_text(root, findings, |d, text| {
        let (line, column) = line_col(text, d.span.start);
        let (end_line, end_column) = line_col(text, d.span.end.max(d.span.start));
        Located { finding: d, line, column, end_line, end_column }
    })
}

/// `each` finding with the text of its file, in the findings' order; each
/// run of findings in one file reads it once, and runs go in parallel.
pub fn with_text<'d, T: Send>(
    root: &Path,
    findings: &'d [Diagnostic],
    each: impl Fn(&'d Diagnostic, &str) -> T + Sync,
) -> Vec<T> {
    let runs: Vec<&'d [Diagnostic]> = findings.chunk_by(|a, b| a.path == b.path).collect();
    runs.into_par_iter()
        .flat_map_iter(|run| {
            let text = source_text(root, &run[0]);
            run.iter().map(|d| each(d, &text)).collect::<Vec<T>>()
        })
        .collect()
}

/// The findings of `now` that `before` did not have, and how many of
/// `before`'s are gone: what a rebuild changed, for `tolk watch`. Findings
/// are the same when their file, rule, severity, locale and message are,
/// wherever their span moved (an edit above a finding moves it).
#[must_use]
pub fn since(before: &[Diagnostic], now: &[Diagnostic]) -> (Vec<Diagnostic>, usize) {
    type Same<'d> = (&'d std::ffi::OsStr, &'static str, Severity, Option<&'d str>, &'d str);
    fn same(d: &Diagnostic) -> Same<'_> {
        (d.path.as_os_str(), d.rule, d.severity, d.locale.as_deref(), d.message.as_str())
    }
    let mut left: std::collections::HashMap<Same<'_>, usize> = std::collections::HashMap::new();
    for d in before {
        *left.entry(same(d)).or_default() += 1;
    }
    let mut new = Vec::new();
    for d in now {
        match left.get_mut(&same(d)) {
            Some(n) if *n > 0 => *n -= 1,
            _ => new.push(d.clone()),
        }
    }
    (new, left.values().sum())
}

/// The output formats of `tolk check`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// rustc-style, for people.
    Human,
    /// A JSON array of findings.
    Json,
    /// SARIF 2.1.0, for code-scanning tools.
    Sarif,
    /// GitHub Actions workflow commands (annotations).
    Github,
    /// JUnit XML, one test case per file.
    Junit,
}

/// Renders `findings` in `format`. `files` lists every file checked (for
/// formats that report clean files too).
#[must_use]
pub fn render(
    format: Format,
    findings: &[Diagnostic],
    files: &[(std::path::PathBuf, Option<String>)],
    root: &Path,
    color: bool,
) -> String {
    match format {
        Format::Human => {
            let mut out = human::render(findings, root, color);
            out.push_str(&human::summary(findings));
            out
        }
        Format::Json => json::render(&locate(root, findings)),
        Format::Sarif => sarif::render(&locate(root, findings)),
        Format::Github => github::render(&locate(root, findings)),
        Format::Junit => junit::render(&locate(root, findings), files),
    }
}

/// A path with `/` separators, as every machine-readable format writes it.
#[must_use]
pub fn slash_path(path: &Path) -> String {
    crate::content::resolve::path_string(path)
}

/// Counts by severity.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Counts {
    /// Error-level findings.
    pub errors: usize,
    /// Warnings.
    pub warnings: usize,
    /// Infos.
    pub infos: usize,
}

impl Counts {
    /// Counts `findings`.
    pub fn of<'a>(findings: impl IntoIterator<Item = &'a Diagnostic>) -> Self {
        let mut c = Self::default();
        for d in findings {
            match d.severity {
                Severity::Error => c.errors += 1,
                Severity::Warning => c.warnings += 1,
                Severity::Info => c.infos += 1,
            }
        }
        c
    }
}

impl std::fmt::Display for Counts {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let plural = |n: usize, word: &str| format!("{n} {word}{}", if n == 1 { "" } else { "s" });
        write!(
            f,
            "{}, {}, {}",
            plural(self.errors, "error"),
            plural(self.warnings, "warning"),
            plural(self.infos, "info")
        )
    }
}

/// Findings grouped by locale (`-` for project-wide ones).
#[must_use]
pub fn by_locale(findings: &[Diagnostic]) -> BTreeMap<String, Counts> {
    let mut out: BTreeMap<String, Vec<&Diagnostic>> = BTreeMap::new();
    for d in findings {
        out.entry(d.locale.clone().unwrap_or_else(|| "-".into())).or_default().push(d);
    }
    out.into_iter().map(|(k, v)| (k, Counts::of(v))).collect()
}

pub use crate::diagnostic::sort;

#[cfg(test)]
mod tests {
    use super::{line_col, since};
    use crate::diagnostic::Diagnostic;

    #[test]
    fn a_rebuild_reports_new_findings_and_counts_gone_ones_wherever_spans_moved() {
        let at = |rule, path: &str, span, message: &str| Diagnostic::new(rule, path, span, message);
        let before = vec![
            at(crate::rules::BROKEN_LINK, "a.md", 10..12, "no such page"),
            at(crate::rules::BROKEN_LINK, "a.md", 20..22, "no such page"),
            at(crate::rules::BROKEN_LINK, "b.md", 5..6, "no such page"),
        ];
        // a.md gained a line above both links and lost one of them; b.md's
        // link is fixed; c.md has a new one.
        let now = vec![
            at(crate::rules::BROKEN_LINK, "a.md", 30..32, "no such page"),
            at(crate::rules::BROKEN_LINK, "c.md", 1..2, "no such page"),
        ];
        let (new, gone) = since(&before, &now);
        assert_eq!(new, vec![now[1].clone()]);
        assert_eq!(gone, 2);
        assert_eq!(since(&now, &now), (Vec::new(), 0));
    }

    #[test]
    fn columns_count_characters() {
        let text = "ab\nåøx\n";
        assert_eq!(line_col(text, 0), (1, 1));
        assert_eq!(line_col(text, 3), (2, 1));
        assert_eq!(line_col(text, text.find('x').unwrap()), (2, 3));
        assert_eq!(line_col(text, 999), (3, 1));
    }
}
