//! The human format: rustc-style, with the offending line and a caret,
//! colour only when asked (on a terminal), and a summary per locale.

use super::{by_locale, line_col, with_text, Counts};
use crate::diagnostic::{Diagnostic, Severity};
use annotate_snippets::{Level, Renderer, Snippet};
use std::fmt::Write;
use std::path::Path;

/// Why a structural finding is only a warning.
const STALE_NOTE: &str =
    "at most a warning: the translation is stale, and the source may have changed here since";

/// Renders findings for a person. `root` is where paths are relative to.
#[must_use]
pub fn render(findings: &[Diagnostic], root: &Path, color: bool) -> String {
    let renderer = if color { Renderer::styled() } else { Renderer::plain() };
    let mut out = String::new();
    for one in with_text(root, findings, |d, text| one(d, text, &renderer)) {
        let _ = writeln!(out, "{one}");
    }
    out
}

fn one(d: &Diagnostic, text: &str, renderer: &Renderer) -> String {
    let level = match d.severity {
        Severity::Error => Level::Error,
        Severity::Warning => Level::Warning,
        Severity::Info => Level::Info,
    };
    let title = d.message.as_str();
    let origin = d.path.to_string_lossy();
    let help = d.help.as_deref();
    if text.is_empty() || d.span.start > text.len() {
        // A folder, or a file that cannot be read: there is no line to show.
        let mut s = format!("{}[{}]: {title}\n --> {origin}", d.severity.as_str(), d.rule);
        if let Some(h) = help {
            let _ = write!(s, "\n  = help: {h}");
        }
        return s;
    }
    // The text may have been read lossily: keep the span on char boundaries.
    let start = floor_boundary(text, d.span.start);
    let d = &Diagnostic { span: start..floor_boundary(text, d.span.end.max(start)).max(start), ..d.clone() };
    // Show only the lines the span covers, so a huge file costs nothing.
    let (first_line, _) = line_col(text, d.span.start);
    let start = text[..d.span.start.min(text.len())].rfind('\n').map_or(0, |i| i + 1);
    let end_at = d.span.end.clamp(d.span.start, text.len());
    let end = text[end_at..].find('\n').map_or(text.len(), |i| end_at + i);
    let excerpt = &text[start..end];
    let mut span = d.span.start - start..end_at - start;
    if span.is_empty() {
        span.end =
            (span.start + excerpt[span.start..].chars().next().map_or(0, char::len_utf8)).min(excerpt.len());
    }
    let message = level.title(title).id(d.rule).snippet(
        Snippet::source(excerpt)
            .line_start(first_line)
            .origin(&origin)
            .fold(false)
            .annotation(level.span(span)),
    );
    let message = match help {
        Some(h) => message.footer(Level::Help.title(h)),
        None => message,
    };
    let message = if d.capped { message.footer(Level::Note.title(STALE_NOTE)) } else { message };
    let text = renderer.render(message).to_string();
    text
}

fn floor_boundary(text: &str, mut i: usize) -> usize {
    i = i.min(text.len());
    while !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// One line per locale with findings, then the total.
#[must_use]
pub fn summary(findings: &[Diagnostic]) -> String {
    let mut out = String::new();
    for (locale, counts) in by_locale(findings) {
        let _ = writeln!(out, "{locale}: {counts}");
    }
    let _ = writeln!(out, "total: {}", Counts::of(findings));
    out
}
