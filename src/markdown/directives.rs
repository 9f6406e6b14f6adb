//! DocFX block and inline extensions that CommonMark does not know:
//! `[!INCLUDE [name](path)]` and `:::image type="content" source="…" alt-text="…":::`.
//!
//! They are found in the text before parsing and replaced by placeholders of
//! exactly the same byte length, so every offset the parser reports still
//! points at the same place in the file. The HTML stage swaps a placeholder
//! for the directive's rendering.

use std::ops::Range;

/// Marks a placeholder; a private-use character that never occurs in prose.
pub const MARK: char = '\u{E000}';

/// One extension found in the text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Directive {
    /// `[!INCLUDE [name](path)]`
    Include {
        /// The link text (a label, not shown).
        name: String,
        /// Path relative to the including file.
        path: String,
    },
    /// `:::image …:::`
    Image {
        /// The `source` attribute.
        source: String,
        /// The `alt-text` attribute.
        alt: String,
    },
}

/// A directive and where it was.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Found {
    /// What it is.
    pub directive: Directive,
    /// Byte range in the text.
    pub span: Range<usize>,
}

/// Replaces every directive in `text` by a same-length placeholder.
#[must_use]
pub fn extract(text: &str) -> (String, Vec<Found>) {
    let tabs_fixed = untab_delimiter_rows(text);
    let text = tabs_fixed.as_str();
    let mut found = Vec::new();
    let mut out = String::with_capacity(text.len());
    let mut pos = 0;
    while let Some((start, end, directive)) = next(text, pos) {
        let placeholder = placeholder(found.len(), end - start);
        let Some(placeholder) = placeholder else {
            pos = end;
            continue;
        };
        out.push_str(&text[pos..start]);
        out.push_str(&placeholder);
        found.push(Found { directive, span: start..end });
        pos = end;
    }
    out.push_str(&text[pos..]);
    (out, found)
}

/// Tabs in a table's delimiter row (`|---\t|---\t|`) are whitespace to GFM
/// and DocFX but stop pulldown-cmark from seeing a table; each becomes one
/// space, which keeps every offset.
fn untab_delimiter_rows(text: &str) -> String {
    if !text.contains('\t') {
        return text.to_string();
    }
    text.split_inclusive('\n')
        .map(|line| {
            let body = line.trim_end_matches(['\n', '\r']);
            let is_delimiter = body.contains('-')
                && body.contains('|')
                && body.chars().all(|c| matches!(c, '|' | '-' | ':' | ' ' | '\t'));
            if is_delimiter {
                line.replace('\t', " ")
            } else {
                line.to_string()
            }
        })
        .collect()
}

/// Finds the placeholders in a piece of text: `(range in piece, index)`.
#[must_use]
pub fn placeholders(piece: &str) -> Vec<(Range<usize>, usize)> {
    let mut out = Vec::new();
    let mut pos = 0;
    while let Some(i) = piece[pos..].find(MARK) {
        let start = pos + i;
        let digits_start = start + MARK.len_utf8();
        let digits: String = piece[digits_start..].chars().take_while(char::is_ascii_digit).collect();
        let mut end = digits_start + digits.len();
        while piece[end..].starts_with(MARK) {
            end += MARK.len_utf8();
        }
        end += piece[end..].chars().take_while(|&c| c == 'x').count();
        if let Ok(index) = digits.parse() {
            out.push((start..end, index));
        }
        pos = end.max(start + MARK.len_utf8());
    }
    out
}

/// `MARK index MARK x…` padded to `len` bytes, if it fits.
fn placeholder(index: usize, len: usize) -> Option<String> {
    let core = format!("{MARK}{index}{MARK}");
    (core.len() <= len).then(|| format!("{core}{}", "x".repeat(len - core.len())))
}

fn next(text: &str, from: usize) -> Option<(usize, usize, Directive)> {
    let mut pos = from;
    loop {
        let rest = &text[pos..];
        let include = find_ci(rest, "[!include").map(|i| pos + i);
        let image = rest.find(":::image").map(|i| pos + i);
        let start = match (include, image) {
            (None, None) => return None,
            (Some(a), Some(b)) => a.min(b),
            (Some(a), None) => a,
            (None, Some(b)) => b,
        };
        let parsed =
            if Some(start) == include { parse_include(text, start) } else { parse_image(text, start) };
        if let Some((end, d)) = parsed {
            return Some((start, end, d));
        }
        pos = start + 1;
    }
}

fn find_ci(haystack: &str, needle: &str) -> Option<usize> {
    haystack.as_bytes().windows(needle.len()).position(|w| w.eq_ignore_ascii_case(needle.as_bytes()))
}

fn parse_include(text: &str, start: usize) -> Option<(usize, Directive)> {
    let rest = &text[start + "[!include".len()..];
    let trimmed = rest.trim_start_matches([' ', '\t']);
    let after_ws = text.len() - trimmed.len();
    let body = trimmed.strip_prefix('[')?;
    let name_end = body.find(']')?;
    let name = &body[..name_end];
    let after_name = &body[name_end + 1..];
    let inner = after_name.strip_prefix('(')?;
    let path_end = inner.find(')')?;
    let path = inner[..path_end].trim();
    if path.contains('\n') || name.contains('\n') {
        return None;
    }
    let after_path = &inner[path_end + 1..];
    let close = after_path.strip_prefix(']')?;
    let end = text.len() - close.len();
    debug_assert!(end > after_ws);
    let path = path.split_whitespace().next().unwrap_or("").trim_matches(['<', '>']);
    Some((end, Directive::Include { name: name.to_string(), path: path.to_string() }))
}

fn parse_image(text: &str, start: usize) -> Option<(usize, Directive)> {
    let rest = &text[start + ":::image".len()..];
    let line_end = rest.find('\n').unwrap_or(rest.len());
    let close = rest[..line_end].find(":::")?;
    let attrs = &rest[..close];
    let mut end = start + ":::image".len() + close + 3;
    if attribute(attrs, "type").as_deref() == Some("complex") {
        if let Some(i) = text[end..].find(":::image-end:::") {
            end += i + ":::image-end:::".len();
        }
    }
    let source = attribute(attrs, "source")?;
    let alt = attribute(attrs, "alt-text").unwrap_or_default();
    Some((end, Directive::Image { source, alt }))
}

fn attribute(attrs: &str, name: &str) -> Option<String> {
    let mut pos = 0;
    while let Some(i) = attrs[pos..].find(name) {
        let at = pos + i;
        let before_ok = at == 0 || attrs[..at].ends_with([' ', '\t']);
        let rest = attrs[at + name.len()..].trim_start();
        if before_ok {
            if let Some(v) = rest.strip_prefix('=') {
                let v = v.trim_start();
                let quote = v.chars().next()?;
                if quote == '"' || quote == '\'' {
                    let inner = &v[1..];
                    return inner.find(quote).map(|e| inner[..e].to_string());
                }
            }
        }
        pos = at + name.len();
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn include_keeps_length_and_is_found_again() {
        let text = "Before\n\n[!INCLUDE [admin](../includes/admin.md)]\n\nAfter";
        let (out, found) = extract(text);
        assert_eq!(out.len(), text.len());
        assert_eq!(found.len(), 1);
        assert_eq!(
            found[0].directive,
            Directive::Include { name: "admin".into(), path: "../includes/admin.md".into() }
        );
        assert_eq!(&text[found[0].span.clone()], "[!INCLUDE [admin](../includes/admin.md)]");
        let ph = placeholders(&out);
        assert_eq!(ph.len(), 1);
        assert_eq!(ph[0].1, 0);
        assert_eq!(ph[0].0, found[0].span);
    }

    #[test]
    fn lower_case_include() {
        let (_, found) = extract("[!include[x](a.md)]");
        assert_eq!(found.len(), 1);
    }

    #[test]
    fn image_attributes() {
        let (out, found) =
            extract(":::image type=\"content\" source=\"media/a.png\" alt-text=\"The admin center\":::\n");
        assert_eq!(
            found[0].directive,
            Directive::Image { source: "media/a.png".into(), alt: "The admin center".into() }
        );
        assert!(out.starts_with(MARK));
    }

    #[test]
    fn tabs_in_delimiter_rows_become_spaces() {
        let (out, _) = extract("| a\t| b\t|\n|---\t|---\t|\n| 1\t| 2\t|\n");
        assert_eq!(out, "| a\t| b\t|\n|--- |--- |\n| 1\t| 2\t|\n");
    }

    #[test]
    fn incomplete_syntax_is_left_alone() {
        let text = "[!INCLUDE [x] no path and :::image without end";
        let (out, found) = extract(text);
        assert!(found.is_empty());
        assert_eq!(out, text);
    }
}
