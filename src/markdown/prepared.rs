//! A body made ready to parse: embedded source segments stripped (with the
//! map back to the original text), DocFX directives swapped for
//! placeholders of the same length. Both the outline the checks compare and
//! the HTML a page shows are read from its events, so a build that needs
//! both parses each body once.

use super::directives::{self, Found};
use super::{options, segments};
use pulldown_cmark::{Event, Parser, TextMergeWithOffset};
use std::ops::Range;

/// One body, stripped and with its directives found.
pub struct Prepared {
    /// The text pulldown-cmark parses.
    pub text: String,
    /// Offsets of `text` back to the body.
    pub map: segments::OffsetMap,
    /// Every directive, by placeholder index.
    pub found: Vec<Found>,
    /// Embedded source segments.
    pub segments: Vec<segments::Segment>,
    /// Segments that are not well formed.
    pub malformed: Vec<segments::Malformed>,
}

/// Parsed events with their ranges in [`Prepared::text`].
pub type Events<'t> = Vec<(Event<'t>, Range<usize>)>;

impl Prepared {
    /// Strips `body`'s segments and finds its directives.
    #[must_use]
    pub fn new(body: &str) -> Self {
        let stripped = segments::strip(body);
        let (text, found) = directives::extract(&stripped.text);
        Self { text, map: stripped.map, found, segments: stripped.segments, malformed: stripped.malformed }
    }

    /// The events of the text, adjacent text merged.
    #[must_use]
    pub fn events(&self) -> Events<'_> {
        TextMergeWithOffset::new(Parser::new_ext(&self.text, options()).into_offset_iter()).collect()
    }
}
