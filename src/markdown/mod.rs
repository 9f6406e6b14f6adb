//! Owns Markdown: the one place parser options are built, embedded-segment
//! stripping, DocFX directives, and rendering a body to HTML.

pub mod directives;
pub mod html;
pub mod outline;
pub mod prepared;
pub mod segments;
pub mod slug;

pub use html::{render, render_outlined, Alert, Context, Heading, Rendered};

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
    let mut out = String::with_capacity(text.len() + text.len() / 8);
    escape_into(&mut out, text);
    out
}

/// Appends `text` to `out`, escaped for HTML content and double-quoted
/// attributes. Runs of bytes that need no escaping are copied whole.
pub fn escape_into(out: &mut String, text: &str) {
    let mut start = 0;
    for (i, byte) in text.bytes().enumerate() {
        let entity = match byte {
            b'&' => "&amp;",
            b'<' => "&lt;",
            b'>' => "&gt;",
            b'"' => "&quot;",
            b'\'' => "&#39;",
            _ => continue,
        };
        // The five bytes are ASCII, so `i` is a character boundary.
        out.push_str(&text[start..i]);
        out.push_str(entity);
        start = i + 1;
    }
    out.push_str(&text[start..]);
}

#[cfg(test)]
mod tests {
    #[test]
    fn escapes_the_five_characters_and_keeps_the_rest() {
        assert_eq!(super::escape("a<b>&\"c\" 'd' é→"), "a&lt;b&gt;&amp;&quot;c&quot; &#39;d&#39; é→");
        assert_eq!(super::escape(""), "");
        assert_eq!(super::escape("&&"), "&amp;&amp;");
        assert_eq!(super::escape("日本語"), "日本語");
    }
}
