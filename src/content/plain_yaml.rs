//! The plain subset of YAML that nearly all front matter is written in, read
//! without the YAML library: one `key: value` per line, values plain or
//! quoted on one line, and block lists of such values under a `key:` line.
//!
//! Anything outside the subset (comments after a value, nested mappings,
//! anchors, tags, block scalars, multi-line values, escapes, tabs, duplicate
//! keys…) makes [`entries`] answer `None`, and the caller hands the whole
//! block to the YAML library. Inside the subset the answer is the library's
//! own: the fuzz target `front_matter` compares both on every input. A plain
//! value that could be a number, a boolean or null is resolved by the
//! caller's `resolve` (the library, on that one value), so `007`, `1e3` or
//! `True` read exactly as the library reads them.
//!
//! Libyaml allocates some 64 KiB of buffers for every document it parses;
//! for a 20-line block that costs more than the parse, and at 100,000
//! articles it is a quarter of `tolk check`.

use super::front_matter::Value;
use std::ops::Range;

/// One entry: key, value, and the byte range of its line in the file.
pub type Entry<'t> = (&'t str, Value, Range<usize>);

/// Reads the YAML at `range` of `text` if it is in the plain subset.
/// `resolve` reads one plain value that might not be a string (`~`, `true`,
/// `12`, `-1.5`, `2021-06-14`) and answers its text, or `None` if it is not
/// a scalar.
pub fn entries(
    text: &str,
    range: Range<usize>,
    resolve: impl Fn(&str) -> Option<String>,
) -> Option<Vec<Entry<'_>>> {
    let yaml = &text[range.clone()];
    // One entry a line at most: sized once, never grown.
    let mut entries: Vec<Entry<'_>> =
        Vec::with_capacity(memchr::memchr_iter(b'\n', yaml.as_bytes()).count() + 1);
    // After a `key:` line with no value: the indentation of its list items,
    // once the first item is seen.
    let mut list: Option<Option<usize>> = None;
    let mut pos = range.start;
    for raw in yaml.split_inclusive('\n') {
        let start = pos;
        pos += raw.len();
        let line = raw.strip_suffix('\n').unwrap_or(raw);
        let line = line.strip_suffix('\r').unwrap_or(line);
        if line.chars().any(special) {
            return None;
        }
        let content = line.trim_start_matches(' ');
        let indent = line.len() - content.len();
        if content.is_empty() || content.starts_with('#') {
            continue;
        }
        if let Some(item) = content.strip_prefix("- ") {
            let expected = list.as_mut()?;
            if *expected.get_or_insert(indent) != indent {
                return None;
            }
            let item = value(item.trim_end_matches(' '), &resolve)?;
            let (_, current, _) = entries.last_mut()?;
            match current {
                Value::List(items) => items.push(item),
                _ => *current = Value::List(vec![item]),
            }
            continue;
        }
        if indent > 0 {
            return None;
        }
        let colon = content.find(':')?;
        let (key, rest) = (&content[..colon], &content[colon + 1..]);
        if !(rest.is_empty() || rest.starts_with(' ')) || !plain_key(key) {
            return None;
        }
        if entries.iter().any(|(k, ..)| *k == key) {
            return None;
        }
        let rest = rest.trim_matches(' ');
        let span = start..start + raw.trim_end().len();
        if rest.is_empty() {
            entries.push((key, Value::Text(String::new()), span));
            list = Some(None);
        } else {
            entries.push((key, Value::Text(value(rest, &resolve)?), span));
            list = None;
        }
    }
    if entries.is_empty() {
        // Only comments: not a mapping, which the library reports.
        return None;
    }
    Some(entries)
}

/// A key the library reads as the same string: letters, digits and `_.-/`,
/// starting with a letter or `_`, and not a null or boolean word.
fn plain_key(key: &str) -> bool {
    key.starts_with(|c: char| c.is_ascii_alphabetic() || c == '_')
        && key.bytes().all(|b| b.is_ascii_alphanumeric() || b"_.-/".contains(&b))
        && !["null", "true", "false"].iter().any(|w| key.eq_ignore_ascii_case(w))
}

/// The text of one value: quoted without escapes, or plain.
fn value(v: &str, resolve: impl Fn(&str) -> Option<String>) -> Option<String> {
    for quote in ['\'', '"'] {
        if let Some(rest) = v.strip_prefix(quote) {
            let inner = rest.strip_suffix(quote)?;
            return (!inner.contains([quote, '\\'])).then(|| inner.to_string());
        }
    }
    if v.starts_with(|c: char| "-?:,[]{}#&*!|>'\"%@`".contains(c)) && !number_like(v) {
        return None;
    }
    if v.contains(": ") || v.contains(" #") || v.ends_with(':') {
        return None;
    }
    if (number_like(v) && maybe_number(v))
        || v == "~"
        || ["null", "true", "false"].iter().any(|w| v.eq_ignore_ascii_case(w))
    {
        return resolve(v);
    }
    Some(v.to_string())
}

/// Could be an integer or a float (`12`, `-1.5`, `0x1F`, `.inf`, `1e3`):
/// sign, digit or dot first, then only letters, digits and `_+-.`.
fn number_like(v: &str) -> bool {
    v.starts_with(|c: char| c.is_ascii_digit() || "+-.".contains(c))
        && !v.starts_with("--")
        && !v.starts_with("..")
        && v.bytes().all(|b| b.is_ascii_alphanumeric() || b"_+-.".contains(&b))
}

/// Whether a [`number_like`] value may read as a number: a `0x`/`0o`/`0b`
/// prefix, `.inf` or `.nan`, or only digits, `_`, `.` and an exponent, with
/// signs only first or after the exponent's `e`. Others, like a hash
/// `73c12f43…` or a date `2021-06-14`, are strings to the library too.
fn maybe_number(v: &str) -> bool {
    let body = v.strip_prefix(['+', '-']).unwrap_or(v);
    let prefix = body.get(..2).is_some_and(|p| ["0x", "0o", "0b"].iter().any(|x| p.eq_ignore_ascii_case(x)));
    if prefix || [".inf", ".nan"].iter().any(|x| body.eq_ignore_ascii_case(x)) {
        return true;
    }
    let bytes = body.as_bytes();
    bytes.iter().enumerate().all(|(i, b)| match b {
        b'0'..=b'9' | b'_' | b'.' | b'e' | b'E' => true,
        b'+' | b'-' => i > 0 && matches!(bytes[i - 1], b'e' | b'E'),
        _ => false,
    })
}

/// Characters YAML treats as tabs, line breaks or byte-order marks, or that
/// are not printable: lines with them go to the library.
fn special(c: char) -> bool {
    c < ' '
        || ('\u{7f}'..='\u{9f}').contains(&c)
        || matches!(c, '\u{2028}' | '\u{2029}' | '\u{feff}' | '\u{fffe}' | '\u{ffff}')
}

#[cfg(test)]
mod tests {
    use crate::content::front_matter::{parse, parse_with_library, split};

    /// Both readers give the same entries (values and spans) or the same
    /// problem for `yaml`; answers whether the fast path took it.
    fn same(yaml: &str) -> bool {
        let text = format!("---\n{yaml}---\nbody\n");
        let range = split(&text).unwrap().yaml.unwrap();
        let resolve = |_: &str| Some("resolved".to_string());
        let fast = super::entries(&text, range.clone(), resolve).is_some();
        let (a, b) = (parse(&text, range.clone()), parse_with_library(&text, range));
        match (&a, &b) {
            (Ok(a), Ok(b)) => {
                assert_eq!(a, b, "{yaml:?}");
                for (key, _) in a.iter() {
                    assert_eq!(a.span(key), b.span(key), "{yaml:?}");
                }
            }
            _ => assert_eq!(a.is_err(), b.is_err(), "{yaml:?}: {a:?} / {b:?}"),
        }
        fast
    }

    #[test]
    fn the_seed_shape_is_read_without_the_library() {
        assert!(same(
            "title: Oplåsning af en konto\nROBOTS: NOINDEX, NOFOLLOW\nms.custom:\n- \"9002449\"\n- \"4748\"\n\
             ms.lasthandoff: 04/15/2021\nms.locfileid: \"51827750\"\nempty:\ntitle2: Learn C# and F#\n\
             quoted: 'it is: fine'\nlist:\n  - a\n  - b c\n\n# a comment\nlast: x\r\n"
        ));
    }

    #[test]
    fn values_that_may_not_be_strings_are_read_as_the_library_reads_them() {
        for v in [
            "73c12f430b",
            "1e5x",
            "0b12",
            "0o9",
            "0XfF",
            "1e+5",
            "1-2",
            "007",
            "1e3",
            "-1.5",
            "+12",
            "0x1F",
            ".inf",
            "-.inf",
            ".nan",
            "2021-06-14",
            "1_000",
            "~",
            "null",
            "True",
            "FALSE",
            "1.",
            "- 5",
        ] {
            same(&format!("key: {v}\nlist:\n- {v}\n"));
        }
    }

    /// Blocks built from pieces near the subset's edges, in many orders: the
    /// fast path must agree with the library on every one it takes.
    #[test]
    fn agrees_with_the_library_on_generated_blocks() {
        let lines = [
            "title: Plain text, with commas",
            "ms.date: 06/14/2021",
            "date: 2021-06-14",
            "n: 12",
            "f: -1.5e3",
            "h: 73c12f430b",
            "x: 0x1F",
            "e: 1e",
            "b: True",
            "z: ~",
            "empty:",
            "- item",
            "  - item",
            "- \"9002449\"",
            "- 4748",
            "q: 'single: quoted'",
            "d: \"double # quoted\"",
            "c: C# and F#",
            "u: Oplåsning — ü",
            "k: a #comment",
            "k:",
            "nested:",
            "  key: v",
            "w: yes",
            "o: on",
            "t: 12:30",
            "p: 50%",
            "s: a, [b]",
            "",
            "# comment",
            "-x: 1",
            "_k: v",
            "k.v/w: v",
            "r: !important",
            "m: '",
            "i: \"\"",
            "j: ''",
        ];
        let mut seed = 0x2545_f491_u64;
        let mut taken = 0;
        for _ in 0..3000 {
            let mut yaml = String::new();
            for _ in 0..=(seed % 6) {
                seed = seed.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1_442_695_040_888_963_407);
                yaml.push_str(lines[(seed >> 33) as usize % lines.len()]);
                yaml.push('\n');
            }
            taken += usize::from(same(&yaml));
        }
        assert!(taken > 300, "the fast path took only {taken} blocks");
    }

    #[test]
    fn outside_the_subset_goes_to_the_library() {
        for yaml in [
            "a: b # comment\n",
            "a:\n  b: c\n",
            "a: &x 1\nb: *x\n",
            "a: !tag x\n",
            "a: |\n  text\n",
            "a: first\n  continued\n",
            "a: \"esc\\\"aped\"\n",
            "a: 'it''s'\n",
            "a:\t1\n",
            "a: b\na: c\n",
            "a:\n- x\n  - y\n",
            "a: [1, 2]\n",
            "a: {b: 1}\n",
            "\"quoted key\": 1\n",
            "true: 1\n",
            "a:b\n",
            "a: b:\n",
            "- x\n",
            "  a: 1\n",
            "a: x\u{2028}y\n",
            "a: ---\n",
            "a: -x y\n",
        ] {
            assert!(!same(yaml), "{yaml:?} should not be read by the fast path");
        }
    }
}
