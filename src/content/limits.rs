//! Bounds on what one file may cost: its size, read without loading more
//! than the limit, and how deeply its lists and quotes nest, estimated from
//! line prefixes before any Markdown parser sees it.

use std::io::Read as _;
use std::ops::Range;
use std::path::Path;

/// Default `[content] max_file_size`: 5 MiB.
pub const DEFAULT_MAX_FILE_SIZE: u64 = 5 * 1024 * 1024;
/// Default `[content] max_nesting`.
pub const DEFAULT_MAX_NESTING: usize = 100;

/// The outcome of reading a file under a size limit.
#[derive(Debug)]
pub enum Read {
    /// The bytes.
    Bytes(Vec<u8>),
    /// Larger than the limit: its size (nothing past the limit was read).
    TooLarge(u64),
    /// It could not be read.
    Failed(std::io::Error),
}

/// Reads `path` if it is at most `max` bytes.
#[must_use]
pub fn read(path: &Path, max: u64) -> Read {
    let file = match std::fs::File::open(path) {
        Ok(f) => f,
        Err(e) => return Read::Failed(e),
    };
    // Sized from the file's length (one `fstat`), the read takes one call
    // plus the one that sees the end, instead of growing from a small probe.
    let expected = file.metadata().map_or(0, |m| m.len()).min(max);
    let mut bytes = Vec::with_capacity(usize::try_from(expected).unwrap_or(0) + 1);
    // Read one byte past the limit: a file that grows while being read is still caught.
    match file.take(max + 1).read_to_end(&mut bytes) {
        Ok(_) if bytes.len() as u64 > max => {
            Read::TooLarge(std::fs::metadata(path).map_or(max + 1, |m| m.len()))
        }
        Ok(_) => Read::Bytes(bytes),
        Err(e) => Read::Failed(e),
    }
}

/// The bytes of a regular file of at most `max` bytes, for code that only
/// looks at a file a finding names (the report, suppression comments): a
/// pipe or device is never opened, since reading it could block.
#[must_use]
pub fn read_regular(path: &Path, max: u64) -> Option<Vec<u8>> {
    if !std::fs::metadata(path).is_ok_and(|m| m.is_file()) {
        return None;
    }
    match read(path, max) {
        Read::Bytes(b) => Some(b),
        Read::TooLarge(_) | Read::Failed(_) => None,
    }
}

/// The first line whose container prefix (quote markers, list markers and
/// indentation) implies nesting deeper than `max`: its byte range and the
/// estimated depth.
#[must_use]
pub fn too_deep(text: &str, max: usize) -> Option<(Range<usize>, usize)> {
    let mut pos = 0;
    for line in text.split_inclusive('\n') {
        let start = pos;
        pos += line.len();
        let depth = depth(line.trim_end_matches(['\n', '\r']));
        if depth > max {
            // Point at the marker, past the indentation.
            let from = start + (line.len() - line.trim_start_matches([' ', '\t']).len());
            let end = (start + line.trim_end().len()).min(from + 200).max(from);
            return Some((from..end, depth));
        }
    }
    None
}

/// Quote markers and list markers count one level each; indentation one
/// level per two columns (the least a nested list needs). A line made of
/// nothing but markers (a rule, `- - -`, a table's `|---|`) nests nothing.
fn depth(line: &str) -> usize {
    let bytes = line.as_bytes();
    let (mut levels, mut indent, mut i) = (0usize, 0usize, 0usize);
    while i < bytes.len() {
        match bytes[i] {
            b' ' => indent += 1,
            b'\t' => indent += 4,
            b'>' => levels += 1,
            b'-' | b'*' | b'+' if bytes.get(i + 1).is_none_or(|b| *b == b' ') => levels += 1,
            b'0'..=b'9' => {
                let digits = bytes[i..].iter().take_while(|b| b.is_ascii_digit()).count();
                match bytes.get(i + digits) {
                    Some(b'.' | b')') if bytes.get(i + digits + 1).is_none_or(|b| *b == b' ') => {
                        levels += 1;
                        i += digits;
                    }
                    _ => break,
                }
            }
            _ => break,
        }
        i += 1;
    }
    if i >= bytes.len() {
        return 0;
    }
    levels + indent / 2
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ordinary_markdown_is_shallow() {
        let text =
            "# T\n\n> quote\n> > nested\n\n1. one\n   - two\n     - three\n\n---\n\n- - - -\n|---|---|\n";
        assert!(too_deep(text, 5).is_none());
    }

    #[test]
    fn deep_quotes_and_lists() {
        let quotes = format!("{}x\n", ">".repeat(500));
        assert_eq!(too_deep(&quotes, 100).map(|(_, d)| d), Some(500));
        let lists: String = (0..300).fold(String::new(), |acc, i| acc + &"  ".repeat(i) + "- item\n");
        let (range, depth) = too_deep(&lists, 100).unwrap();
        assert!(depth > 100);
        assert!(lists[range].trim_start().starts_with("- item"));
    }

    #[test]
    fn reads_no_more_than_the_limit() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("big.md");
        std::fs::write(&path, vec![b'a'; 2048]).unwrap();
        assert!(matches!(read(&path, 1024), Read::TooLarge(2048)));
        assert!(matches!(read(&path, 4096), Read::Bytes(b) if b.len() == 2048));
        assert!(matches!(read(&dir.path().join("none"), 10), Read::Failed(_)));
    }
}
