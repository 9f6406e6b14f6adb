//! Output of `tolk status`: a text table, JSON, or a Markdown table.

use crate::status::{percent, LocaleStatus};
use std::fmt::Write;

/// The output formats of `tolk status`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum StatusFormat {
    /// Aligned columns, for a terminal.
    Table,
    /// A JSON array, one object per locale.
    Json,
    /// A Markdown table, for a pull request or wiki.
    Markdown,
}

const HEADERS: [&str; 9] = [
    "locale",
    "articles",
    "up to date",
    "stale",
    "untracked",
    "missing",
    "orphaned",
    "% current",
    "UI strings",
];

fn row(s: &LocaleStatus) -> [String; 9] {
    let locale = if s.source { format!("{} (source)", s.locale) } else { s.locale.clone() };
    [
        locale,
        s.articles.to_string(),
        s.up_to_date.to_string(),
        s.stale.to_string(),
        s.untracked.to_string(),
        s.missing.to_string(),
        s.orphaned.to_string(),
        format!("{:.1}", s.percent_up_to_date),
        format!("{}/{} ({:.1}%)", s.ui_translated, s.ui_messages, percent(s.ui_translated, s.ui_messages)),
    ]
}

/// Renders the status in `format`.
#[must_use]
pub fn render(format: StatusFormat, status: &[LocaleStatus]) -> String {
    match format {
        StatusFormat::Json => {
            let mut s = serde_json::to_string_pretty(status).unwrap_or_else(|_| "[]".into());
            s.push('\n');
            s
        }
        StatusFormat::Markdown => {
            let mut out = format!("| {} |\n|{}\n", HEADERS.join(" | "), " --- |".repeat(HEADERS.len()));
            for s in status {
                let _ = writeln!(out, "| {} |", row(s).join(" | "));
            }
            out
        }
        StatusFormat::Table => {
            let rows: Vec<[String; 9]> = status.iter().map(row).collect();
            let widths: Vec<usize> = (0..HEADERS.len())
                .map(|i| {
                    rows.iter().map(|r| r[i].chars().count()).chain([HEADERS[i].len()]).max().unwrap_or(0)
                })
                .collect();
            let line = |cells: &[String]| {
                cells
                    .iter()
                    .enumerate()
                    .map(|(i, c)| {
                        if i == 0 {
                            format!("{c:<w$}", w = widths[i])
                        } else {
                            format!("{c:>w$}", w = widths[i])
                        }
                    })
                    .collect::<Vec<_>>()
                    .join("  ")
                    .trim_end()
                    .to_string()
            };
            let mut out = line(&HEADERS.map(str::to_string));
            out.push('\n');
            for r in &rows {
                out.push_str(&line(r));
                out.push('\n');
            }
            out
        }
    }
}
