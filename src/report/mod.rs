//! Owns output of findings: spans to line and column, and one file per
//! output format. Only this stage and `main` print.

pub mod human;

use crate::diagnostic::{Diagnostic, Severity};
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
    std::fs::read(root.join(&d.path))
        .map(|b| String::from_utf8_lossy(&b).into_owned())
        .unwrap_or_default()
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
        out.entry(d.locale.clone().unwrap_or_else(|| "-".into()))
            .or_default()
            .push(d);
    }
    out.into_iter().map(|(k, v)| (k, Counts::of(v))).collect()
}

/// Sorts findings by file, position and rule, so every output is stable.
pub fn sort(findings: &mut [Diagnostic]) {
    findings.sort_by(|a, b| {
        (&a.path, a.span.start, a.rule, &a.message).cmp(&(
            &b.path,
            b.span.start,
            b.rule,
            &b.message,
        ))
    });
}

#[cfg(test)]
mod tests {
    use super::line_col;

    #[test]
    fn columns_count_characters() {
        let text = "ab\nåøx\n";
        assert_eq!(line_col(text, 0), (1, 1));
        assert_eq!(line_col(text, 3), (2, 1));
        assert_eq!(line_col(text, text.find('x').unwrap()), (2, 3));
        assert_eq!(line_col(text, 999), (3, 1));
    }
}
