//! Owns Markdown: the one place parser options are built, embedded-segment
//! stripping, DocFX directives, and rendering a body to HTML.

pub mod directives;
pub mod html;
pub mod outline;
pub mod segments;
pub mod slug;

pub use html::{render, Alert, Context, Heading, Rendered};

use pulldown_cmark::{Options, Parser};

/// Parser options for every Markdown file tolk reads: CommonMark with
/// tables, strikethrough, task lists and GFM alerts (`> [!NOTE]`).
#[must_use]
pub fn options() -> Options {
    Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH | Options::ENABLE_TASKLISTS | Options::ENABLE_GFM
}

/// The plain text of one heading line's content, without anchors, segments'
/// embedded source or emphasis markers.
#[must_use]
pub fn plain_heading(line: &str) -> String {
    let stripped = segments::strip(line);
    let events: Vec<_> = Parser::new_ext(&stripped.text, options()).collect();
    html::plain(events.iter())
}

/// Escapes text for HTML content and double-quoted attributes.
#[must_use]
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}
