//! Owns Fluent: loading the translators' `.ftl` files, fallback chains, and
//! the one Tera function, `t`, through which templates reach them.

pub mod autonyms;
mod bundles;
mod function;
pub mod outline;

pub use bundles::{ftl_files, read_limited, Localizer, LOCALES_DIR};
pub use function::Translate;

/// `text` as the Fluent parser can take it without panicking. fluent-syntax
/// 0.12 quotes an invalid `\u`/`\U` escape by slicing one byte past where
/// its hex digits stop, which panics when that byte starts a multi-byte
/// character (`"\u00é"`). Such a character is replaced by as many `?` as it
/// has bytes, so the parser reports the invalid escape, every offset stays
/// the same, and nothing else changes. Other text is returned as it is.
#[must_use]
pub fn parsable(text: &str) -> std::borrow::Cow<'_, str> {
    let bytes = text.as_bytes();
    let mut hazards = Vec::new();
    for at in memchr::memchr_iter(b'\\', bytes) {
        let length = match bytes.get(at + 1) {
            Some(b'u') => 4,
            Some(b'U') => 6,
            _ => continue,
        };
        let digits = bytes[at + 2..].iter().take(length).take_while(|b| b.is_ascii_hexdigit()).count();
        let next = at + 2 + digits;
        if digits < length && bytes.get(next).is_some_and(|b| !b.is_ascii()) {
            let char_len = text[next..].chars().next().map_or(1, char::len_utf8);
            hazards.push(next..next + char_len);
        }
    }
    if hazards.is_empty() {
        return std::borrow::Cow::Borrowed(text);
    }
    let mut safe = text.to_string();
    for range in hazards {
        let len = range.len();
        safe.replace_range(range, &"?".repeat(len));
    }
    std::borrow::Cow::Owned(safe)
}

#[cfg(test)]
mod tests {
    use super::parsable;

    #[test]
    fn an_invalid_unicode_escape_before_a_non_ascii_character_does_not_panic_the_parser() {
        // The shape the fluent fuzz target found: `\u`, a hex digit, then a
        // multi-byte character, inside a string literal.
        let text = "key = {\"\\uaº\"}\nother = Ø\n";
        let outline = super::outline::extract(text);
        assert_eq!(outline.errors.len(), 1, "{:?}", outline.errors);
        assert!(outline.errors[0].span.end <= text.len());
        assert_eq!(parsable(text).len(), text.len(), "offsets are kept");
        assert!(parsable(text).contains("\\ua??"));
        assert!(parsable(text).contains("Ø"), "other characters are kept");
        // The input of projectfluent/fluent-rs issue 389: `\u` then a
        // combining caron.
        let upstream = "a={\"\\u\u{30c}\"";
        assert!(super::outline::extract(upstream).errors.iter().all(|e| e.span.end <= upstream.len()));
        // Valid escapes and text without escapes are left alone.
        for fine in ["k = {\"\\u00E9\"}\n", "k = æøå \\ not an escape\n", "k = {\"\\U01F600\"}é\n"] {
            assert!(matches!(parsable(fine), std::borrow::Cow::Borrowed(_)), "{fine}");
        }
    }
}
