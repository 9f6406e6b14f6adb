//! Heading ids as DocFX (markdig's GitHub-style auto identifiers) makes
//! them: from the heading's text as written (so `&gt;` counts as `gt`),
//! lower case, letters, digits, `-` and `_` kept, each space a hyphen,
//! everything else dropped.

use pulldown_cmark::Event;
use std::ops::Range;

/// The id DocFX gives a heading with this text.
#[must_use]
pub fn slug(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.trim().chars().flat_map(char::to_lowercase) {
        if c.is_alphanumeric() || c == '-' || c == '_' {
            out.push(c);
        } else if c == ' ' {
            out.push('-');
        }
    }
    if out.trim_matches('-').is_empty() {
        "section".to_string()
    } else {
        out
    }
}

/// The heading text as written in the source: the raw slices of its text
/// events (entities undecoded), and its inline code.
#[must_use]
pub fn source_text(events: &[(Event<'_>, Range<usize>)], source: &str) -> String {
    let mut s = String::new();
    for (e, range) in events {
        match e {
            Event::Text(_) => s.push_str(source.get(range.clone()).unwrap_or_default()),
            Event::Code(c) => s.push_str(c),
            Event::SoftBreak | Event::HardBreak => s.push(' '),
            _ => {}
        }
    }
    s
}

#[cfg(test)]
mod tests {
    use super::slug;

    #[test]
    fn docfx_style() {
        assert_eq!(slug("Unlocking an account"), "unlocking-an-account");
        assert_eq!(slug("What's new?  (2021)"), "whats-new--2021");
        assert_eq!(slug("Oplåsning af en konto"), "oplåsning-af-en-konto");
        assert_eq!(slug("fail signature validation. - #7414"), "fail-signature-validation---7414");
        assert_eq!(slug(".nuspec &ltfiles /&gt; improvement"), "nuspec-ltfiles-gt-improvement");
        assert_eq!(slug("!!!"), "section");
    }
}
