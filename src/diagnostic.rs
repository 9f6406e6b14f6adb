//! The finding type every stage collects: a problem in the user's content.
//!
//! Spans are byte ranges into the file's text; the report stage turns them
//! into line and column. A finding never stops a run.

use std::ops::Range;
use std::path::PathBuf;

/// How serious a finding is. Ordered: `Info < Warning < Error`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// Worth knowing; never fails a run.
    Info,
    /// Should be fixed; fails a run only with `--deny warnings`.
    Warning,
    /// Must be fixed; fails the run.
    Error,
}

impl Severity {
    /// The lower-case name used in every output format.
    #[must_use]
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Info => "info",
            Self::Warning => "warning",
            Self::Error => "error",
        }
    }
}

/// One problem found in one file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    /// Stable kebab-case rule name, e.g. `invalid-front-matter`.
    pub rule: &'static str,
    /// How serious it is.
    pub severity: Severity,
    /// The file, relative to the project root.
    pub path: PathBuf,
    /// Byte range in the file's text that the finding points at.
    pub span: Range<usize>,
    /// The locale the file belongs to, where it belongs to one.
    pub locale: Option<String>,
    /// What is wrong, in words the reader can act on.
    pub message: String,
    /// What to do about it, where that is not obvious from the message.
    pub help: Option<String>,
    /// The translation is stale, which may explain this finding: its
    /// severity is warning at most, whatever the configuration says.
    pub capped: bool,
}

impl Diagnostic {
    /// A finding of `rule` at its default severity.
    #[must_use]
    pub fn new(
        rule: &'static str,
        path: impl Into<PathBuf>,
        span: Range<usize>,
        message: impl Into<String>,
    ) -> Self {
        Self {
            rule,
            severity: crate::rules::default_severity(rule),
            path: path.into(),
            span,
            locale: None,
            message: message.into(),
            help: None,
            capped: false,
        }
    }

    /// Sets the locale.
    #[must_use]
    pub fn in_locale(mut self, locale: impl Into<String>) -> Self {
        self.locale = Some(locale.into());
        self
    }

    /// Sets the help line.
    #[must_use]
    pub fn with_help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }
}

/// Sorts findings by file, position and rule, so every output is stable.
pub fn sort(findings: &mut [Diagnostic]) {
    findings.sort_by(|a, b| (&a.path, a.span.start, a.rule).cmp(&(&b.path, b.span.start, b.rule)));
}
