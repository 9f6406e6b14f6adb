//! Embedded source segments, as human-translated Microsoft Docs files carry:
//! `<span data-ttu-id="8cd21-103">target</span><span class="sxs-lookup"><span
//! data-stu-id="8cd21-103">source</span></span>`.
//!
//! [`strip`] keeps only the target text, so the rest of the pipeline sees the
//! Markdown a reader sees, and returns an [`OffsetMap`] to point findings back
//! at the original file, plus every segment (id, target, embedded source).

use std::ops::Range;

const TARGET_OPEN: &str = "<span data-ttu-id=\"";
const LOOKUP_OPEN: &str = "<span class=\"sxs-lookup\">";
const SOURCE_OPEN: &str = "<span data-stu-id=\"";
/// How a source span starts however its id is written (`data-stu-id=n`,
/// unquoted, is still a span to a browser).
const SOURCE_PREFIX: &str = "<span data-stu-id=";
const CLOSE: &str = "</span>";

/// One target/source pair.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Segment {
    /// The `data-ttu-id`, e.g. `8cd21-103`.
    pub id: String,
    /// Byte range of the target text in the original.
    pub target: Range<usize>,
    /// Byte range of the embedded source text in the original, if present.
    pub source: Option<Range<usize>>,
    /// Byte range of the whole construct.
    pub whole: Range<usize>,
}

/// A segment that is not well formed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Malformed {
    /// Where in the original.
    pub span: Range<usize>,
    /// What is wrong.
    pub message: String,
}

/// Maps byte offsets of the stripped text back to the original.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct OffsetMap {
    /// `(stripped_start, original_start)` of each kept run, ascending.
    runs: Vec<(usize, usize)>,
}

impl OffsetMap {
    /// The original offset of a stripped offset.
    #[must_use]
    pub fn original(&self, stripped: usize) -> usize {
        match self.runs.binary_search_by(|(s, _)| s.cmp(&stripped)) {
            Ok(i) => self.runs[i].1,
            Err(0) => stripped,
            Err(i) => {
                let (s, o) = self.runs[i - 1];
                o + (stripped - s)
            }
        }
    }

    /// The original range of a stripped range.
    #[must_use]
    pub fn range(&self, r: &Range<usize>) -> Range<usize> {
        let start = self.original(r.start);
        let end = if r.end > r.start { self.original(r.end - 1) + 1 } else { start };
        start..end.max(start)
    }
}

/// The result of [`strip`].
#[derive(Debug, Clone, Default)]
pub struct Stripped {
    /// The text with only target text left.
    pub text: String,
    /// Offsets of `text` back to the original.
    pub map: OffsetMap,
    /// Every segment found.
    pub segments: Vec<Segment>,
    /// Segments that are not well formed.
    pub malformed: Vec<Malformed>,
}

/// Removes embedded source segments, keeping the target text.
#[must_use]
pub fn strip(original: &str) -> Stripped {
    let mut out = Stripped::default();
    if !original.contains("data-ttu-id")
        && !original.contains("data-stu-id")
        && !original.contains("sxs-lookup")
    {
        out.text = original.to_string();
        out.map.runs.push((0, 0));
        return out;
    }
    scan(original, 0..original.len(), &mut out, 0);
    let mut seen = std::collections::HashSet::new();
    let duplicates: Vec<Malformed> = out
        .segments
        .iter()
        .filter(|s| !seen.insert(s.id.clone()))
        .map(|s| Malformed {
            span: s.whole.start..s.whole.start + TARGET_OPEN.len() + s.id.len() + 2,
            message: format!("segment id {} is used more than once", s.id),
        })
        .collect();
    out.malformed.extend(duplicates);
    // What is left of damaged span markup shows on the page as text.
    for marker in ["data-ttu-id=", "data-stu-id=", "sxs-lookup"] {
        for (i, _) in out.text.match_indices(marker) {
            let at = out.map.original(i);
            out.malformed.push(Malformed {
                span: at..at + marker.len(),
                message: format!(
                    "damaged segment markup (`{marker}` outside a segment span) would show on the page"
                ),
            });
        }
    }
    out
}

/// Deepest nesting of segments inside segment targets that is unpicked;
/// deeper markup is dropped rather than kept, so no source text leaks.
const MAX_DEPTH: usize = 16;

/// Keeps `range` of the original in the stripped text.
fn keep(original: &str, out: &mut Stripped, range: Range<usize>) {
    if !range.is_empty() {
        out.map.runs.push((out.text.len(), range.start));
        out.text.push_str(&original[range]);
    }
}

/// Strips the segments in `range`; a target's own text is scanned again, so
/// that a damaged file whose spans nest cannot leak embedded source text.
fn scan(original: &str, range: Range<usize>, out: &mut Stripped, depth: usize) {
    let end = range.end;
    let mut pos = range.start;
    while pos < end {
        let window = &original[pos..end];
        let next_target = window.find(TARGET_OPEN).map(|i| pos + i);
        // A source span, alone or in a lookup span, is embedded source text.
        let next_lookup = [window.find(LOOKUP_OPEN), window.find(SOURCE_PREFIX)]
            .into_iter()
            .flatten()
            .min()
            .map(|i| pos + i);
        match (next_target, next_lookup) {
            (Some(t), l) if l.is_none_or(|l| t < l) => {
                keep(original, out, pos..t);
                pos = target(original, t, end, out, depth).min(end).max(t + 1);
            }
            (_, Some(l)) => {
                keep(original, out, pos..l);
                let (lookup_end, _) = if original[l..].starts_with(LOOKUP_OPEN) {
                    lookup(original, l)
                } else {
                    let content = l + SOURCE_PREFIX.len();
                    (matching_close(original, content).map_or(end, |c| c + CLOSE.len()), None)
                };
                let lookup_end = lookup_end.min(end);
                out.malformed.push(Malformed {
                    span: l..lookup_end,
                    message: "embedded source text without a target segment before it".to_string(),
                });
                pos = lookup_end.max(l + 1);
            }
            _ => {
                keep(original, out, pos..end);
                pos = end;
            }
        }
    }
}

/// Handles the target span opening at `start` (nothing past `limit`
/// belongs to it); returns where scanning resumes.
fn target(original: &str, start: usize, limit: usize, out: &mut Stripped, depth: usize) -> usize {
    let id_start = start + TARGET_OPEN.len();
    let Some(open_end) = original[id_start..limit].find("\">").map(|i| id_start + i) else {
        out.malformed.push(Malformed {
            span: start..id_start,
            message: "segment opening tag is not closed with `\">`".to_string(),
        });
        return id_start;
    };
    let id = original[id_start..open_end].to_string();
    let text_start = open_end + 2;
    let inner = |out: &mut Stripped, range: Range<usize>| {
        // Segments nested in a target are stripped too; past a sane depth the
        // text is dropped, never kept with its embedded source.
        if depth < MAX_DEPTH {
            scan(original, range, out, depth + 1);
        }
    };
    let Some(text_end) = matching_close(original, text_start).filter(|e| *e + CLOSE.len() <= limit) else {
        out.malformed.push(Malformed {
            span: start..text_start,
            message: format!("segment {id} is never closed with </span>"),
        });
        inner(out, text_start..limit);
        return limit;
    };
    inner(out, text_start..text_end);
    let after = text_end + CLOSE.len();
    let mut segment =
        Segment { id: id.clone(), target: text_start..text_end, source: None, whole: start..after };
    if original[after..limit].starts_with(LOOKUP_OPEN) {
        let (end, source) = lookup(original, after);
        let end = end.min(limit);
        segment.whole.end = end;
        match source.filter(|(_, range)| range.end <= end) {
            Some((source_id, range)) => {
                if source_id != id {
                    out.malformed.push(Malformed {
                        span: after..end,
                        message: format!("target segment {id} is paired with source segment {source_id}; the ids must be the same"),
                    });
                }
                segment.source = Some(range);
            }
            None => out.malformed.push(Malformed {
                span: after..end,
                message: format!("segment {id}: the sxs-lookup span holds no data-stu-id source span"),
            }),
        }
    }
    let resume = segment.whole.end;
    out.segments.push(segment);
    resume
}

/// Parses `<span class="sxs-lookup"><span data-stu-id="ID">SOURCE</span></span>`
/// at `start`; returns the end and the source id and text range, if present.
fn lookup(original: &str, start: usize) -> (usize, Option<(String, Range<usize>)>) {
    let inner = start + LOOKUP_OPEN.len();
    let Some(outer_end) = matching_close(original, inner) else {
        return (original.len(), None);
    };
    let end = outer_end + CLOSE.len();
    if !original[inner..].starts_with(SOURCE_OPEN) {
        return (end, None);
    }
    let id_start = inner + SOURCE_OPEN.len();
    let Some(id_end) = original[id_start..outer_end].find("\">").map(|i| id_start + i) else {
        return (end, None);
    };
    let text_start = id_end + 2;
    let text_end = matching_close(original, text_start).unwrap_or(outer_end).min(outer_end);
    (end, Some((original[id_start..id_end].to_string(), text_start..text_end)))
}

/// Offset of the `</span>` that closes a span whose content starts at `from`,
/// counting nested spans.
fn matching_close(text: &str, from: usize) -> Option<usize> {
    let mut depth = 0usize;
    let mut pos = from;
    loop {
        let open = text[pos..].find("<span").map(|i| pos + i);
        let close = text[pos..].find(CLOSE).map(|i| pos + i)?;
        match open {
            Some(o) if o < close => {
                depth += 1;
                pos = o + 5;
            }
            _ if depth == 0 => return Some(close),
            _ => {
                depth -= 1;
                pos = close + CLOSE.len();
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const NL: &str = "1. <span data-ttu-id=\"59f9b-110\">Selecteer **Wachtwoord**.</span><span class=\"sxs-lookup\"><span data-stu-id=\"59f9b-110\">Select **Reset Password**.</span></span>\n";

    #[test]
    fn keeps_target_only() {
        let s = strip(NL);
        assert_eq!(s.text, "1. Selecteer **Wachtwoord**.\n");
        assert!(s.malformed.is_empty());
        assert_eq!(s.segments.len(), 1);
        let seg = &s.segments[0];
        assert_eq!(seg.id, "59f9b-110");
        assert_eq!(&NL[seg.source.clone().unwrap()], "Select **Reset Password**.");
        assert_eq!(&NL[seg.target.clone()], "Selecteer **Wachtwoord**.");
    }

    #[test]
    fn offsets_map_back() {
        let s = strip(NL);
        let at = s.text.find("Wachtwoord").unwrap();
        assert_eq!(&NL[s.map.original(at)..s.map.original(at) + 10], "Wachtwoord");
        let nl_at = s.text.find('\n').unwrap();
        assert_eq!(&NL[s.map.original(nl_at)..], "\n");
    }

    #[test]
    fn text_without_segments_is_unchanged() {
        let s = strip("# Title\n\nbody");
        assert_eq!(s.text, "# Title\n\nbody");
        assert_eq!(s.map.original(5), 5);
    }

    #[test]
    fn mismatched_ids_are_malformed() {
        let s = strip("<span data-ttu-id=\"a-1\">x</span><span class=\"sxs-lookup\"><span data-stu-id=\"a-2\">y</span></span>");
        assert_eq!(s.text, "x");
        assert_eq!(s.malformed.len(), 1);
        assert!(s.malformed[0].message.contains("a-2"));
    }

    #[test]
    fn unclosed_segment_is_malformed_and_keeps_text() {
        let s = strip("<span data-ttu-id=\"a-1\">x and more");
        assert_eq!(s.text, "x and more");
        assert_eq!(s.malformed.len(), 1);
    }

    #[test]
    fn regression_damaged_lookup_inside_a_target_leaks_no_source_text() {
        // Found by the `article` fuzz target: a damaged `<span class=` made a
        // target swallow the following segments, embedded source and all.
        let text =
            "<span data-ttu-id=\"a-1\">x plass=\"sxs-lookup\"><span data-stu-id=\"a-1\">y</span></span> \
<span data-ttu-id=\"a-2\">z</span><span class=\"sxs-lookup\"><span data-stu-id=\"a-2\">SOURCE</span></span>";
        let s = strip(text);
        assert!(!s.text.contains("SOURCE"), "{}", s.text);
        assert!(!s.text.contains("data-stu-id") && !s.text.contains(">y<"), "{}", s.text);
        assert!(!s.malformed.is_empty());
    }

    #[test]
    fn regression_unclosed_source_span_alone_is_removed() {
        // Found by the `article` fuzz target: a source span with no target
        // and no closing tag leaked its text when the file had no other span.
        let s = strip("Tekst <span data-stu-id=\"a-1\">Source text that must not show");
        assert_eq!(s.text, "Tekst ");
        assert_eq!(s.malformed.len(), 1);
    }

    #[test]
    fn regression_unquoted_source_span_is_removed_with_its_text() {
        // Found by the `article` fuzz target: `data-stu-id=n` (no quotes) is
        // still a span to a browser, and its source text showed on the page.
        let s = strip("Tekst.<span data-stu-id=n>Source text</span> Meer.");
        assert_eq!(s.text, "Tekst. Meer.");
        assert_eq!(s.malformed.len(), 1, "{:?}", s.malformed);
    }

    #[test]
    fn regression_damaged_markup_left_as_text_is_reported() {
        let s = strip("Tekst data-stu-id=\"a-1\">Source");
        assert!(s.malformed.iter().any(|m| m.message.contains("damaged segment markup")));
    }

    #[test]
    fn duplicate_ids_are_malformed() {
        let one = "<span data-ttu-id=\"a-1\">x</span><span class=\"sxs-lookup\"><span data-stu-id=\"a-1\">y</span></span>";
        let s = strip(&format!("{one} {one}"));
        assert_eq!(s.text, "x x");
        assert_eq!(s.malformed.len(), 1);
    }
}
