//! The GitHub format: workflow commands that GitHub Actions turns into
//! annotations on the pull request's files.

use super::Located;
use crate::diagnostic::Severity;
use std::fmt::Write;

/// One `::error file=…,line=…::message` line per finding.
#[must_use]
pub fn render(findings: &[Located<'_>]) -> String {
    let mut out = String::new();
    for l in findings {
        let d = l.finding;
        let command = match d.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Info => "notice",
        };
        let mut message = d.message.clone();
        if let Some(help) = &d.help {
            message.push_str("\nhelp: ");
            message.push_str(help);
        }
        let locale = d.locale.as_deref().map(|l| format!(" ({l})")).unwrap_or_default();
        let _ = writeln!(
            out,
            "::{command} file={},line={},col={},endLine={},endColumn={},title={}::{}",
            property(&super::slash_path(&d.path)),
            l.line,
            l.column,
            l.end_line,
            l.end_column,
            property(&format!("{}{locale}", d.rule)),
            data(&message)
        );
    }
    out
}

/// Escapes a command's message.
fn data(s: &str) -> String {
    s.replace('%', "%25").replace('\r', "%0D").replace('\n', "%0A")
}

/// Escapes a command's property value.
fn property(s: &str) -> String {
    data(s).replace(':', "%3A").replace(',', "%2C")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escaping() {
        assert_eq!(data("50%\nnext"), "50%25%0Anext");
        assert_eq!(property("a:b,c"), "a%3Ab%2Cc");
    }
}
