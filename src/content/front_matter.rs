//! Front matter: splitting the YAML block off an article and reading it.
//!
//! This is the only file that knows about `serde_yaml` (archived upstream), so
//! the YAML library can be swapped here alone. Positions in YAML errors are
//! relative to the block; they are shifted to file offsets here. Blocks in
//! plain YAML are read by [`super::plain_yaml`] without the library.

use std::ops::Range;

/// A front-matter value, reduced to what tolk compares and renders.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum Value {
    /// A scalar: string, number or boolean, as text (`null` is empty).
    Text(String),
    /// A list of scalars, like `ms.custom`.
    List(Vec<String>),
    /// Anything else (nested mappings), as compact YAML text.
    Other(String),
}

impl Value {
    /// The value as one line of text.
    #[must_use]
    pub fn to_text(&self) -> String {
        match self {
            Self::Text(s) | Self::Other(s) => s.clone(),
            Self::List(items) => items.join(", "),
        }
    }
}

/// The parsed front matter of one article, in file order: each key, its
/// value, and the byte range in the file of the line that defines it.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct FrontMatter {
    entries: Vec<(Key, Value, Range<u32>)>,
}

/// Keys that most front matter has (Microsoft Docs', Hugo's, Jekyll's),
/// sorted: one copy shared by every article rather than one allocated for
/// each (at 100,000 articles some 1.7 million small allocations).
const SHARED_KEYS: &[&str] = &[
    "ROBOTS",
    "appliesto",
    "author",
    "date",
    "description",
    "f1.keywords",
    "keywords",
    "layout",
    "localization_priority",
    "manager",
    "ms.assetid",
    "ms.audience",
    "ms.author",
    "ms.collection",
    "ms.contentlocale",
    "ms.custom",
    "ms.date",
    "ms.devlang",
    "ms.lasthandoff",
    "ms.locfileid",
    "ms.openlocfilehash",
    "ms.prod",
    "ms.reviewer",
    "ms.service",
    "ms.sourcegitcommit",
    "ms.subservice",
    "ms.technology",
    "ms.topic",
    "ms.translationtype",
    "no-loc",
    "robots",
    "search.appverid",
    "tags",
    "title",
    "titleSuffix",
    "uid",
    "weight",
];

/// A front-matter key: shared when it is one of [`SHARED_KEYS`].
#[derive(Debug, Clone, PartialEq, Eq)]
struct Key(std::borrow::Cow<'static, str>);

impl Key {
    fn new(key: &str) -> Self {
        match SHARED_KEYS.binary_search(&key) {
            Ok(i) => Self(std::borrow::Cow::Borrowed(SHARED_KEYS[i])),
            Err(_) => Self(std::borrow::Cow::Owned(key.to_string())),
        }
    }
}

impl serde::Serialize for Key {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.0)
    }
}

impl<'de> serde::Deserialize<'de> for Key {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Visitor;
        impl serde::de::Visitor<'_> for Visitor {
            type Value = Key;
            fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str("a front-matter key")
            }
            fn visit_str<E: serde::de::Error>(self, key: &str) -> Result<Key, E> {
                Ok(Key::new(key))
            }
        }
        deserializer.deserialize_str(Visitor)
    }
}

/// A span as stored: files are far smaller than 4 GiB.
fn narrow(span: Range<usize>) -> Range<u32> {
    let at = |n: usize| u32::try_from(n).unwrap_or(u32::MAX);
    at(span.start)..at(span.end)
}

impl FrontMatter {
    /// Front matter of `entries`, as they appear in the file.
    fn of<K: AsRef<str>>(entries: impl IntoIterator<Item = (K, Value, Range<usize>)>) -> Self {
        Self {
            entries: entries
                .into_iter()
                .map(|(k, v, span)| (Key::new(k.as_ref()), v, narrow(span)))
                .collect(),
        }
    }

    /// The value of `key`, if present.
    #[must_use]
    pub fn get(&self, key: &str) -> Option<&Value> {
        self.entries.iter().find(|(k, ..)| k.0 == key).map(|(_, v, _)| v)
    }

    /// The value of `key` as text, if it is a non-empty scalar.
    #[must_use]
    pub fn text(&self, key: &str) -> Option<&str> {
        match self.get(key)? {
            Value::Text(s) if !s.trim().is_empty() => Some(s.trim()),
            _ => None,
        }
    }

    /// Byte range in the file of the line that defines `key`.
    #[must_use]
    pub fn span(&self, key: &str) -> Option<Range<usize>> {
        self.entries.iter().find(|(k, ..)| k.0 == key).map(|(.., s)| s.start as usize..s.end as usize)
    }

    /// Every key and value, in file order.
    pub fn iter(&self) -> impl Iterator<Item = (&str, &Value)> {
        self.entries.iter().map(|(k, v, _)| (k.0.as_ref(), v))
    }
}

/// Where the front matter and the body are in an article's text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Split {
    /// Byte range of the YAML text between the `---` lines, if there is a block.
    pub yaml: Option<Range<usize>>,
    /// Byte offset where the Markdown body starts.
    pub body: usize,
}

/// A problem with the front matter, at a byte range of the file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    /// Where in the file.
    pub span: Range<usize>,
    /// What is wrong and what to do.
    pub message: String,
}

/// Finds the front-matter block: `---` on the first line (after an optional
/// BOM), closed by a line `---` or `...`.
///
/// # Errors
/// The block is opened but never closed.
pub fn split(text: &str) -> Result<Split, Problem> {
    let start = if text.starts_with('\u{feff}') { 3 } else { 0 };
    let rest = &text[start..];
    let first_line_end = rest.find('\n').map_or(rest.len(), |i| i + 1);
    if rest[..first_line_end].trim_end() != "---" {
        return Ok(Split { yaml: None, body: start });
    }
    let yaml_start = start + first_line_end;
    let mut pos = yaml_start;
    while pos < text.len() {
        let end = text[pos..].find('\n').map_or(text.len(), |i| pos + i + 1);
        let line = text[pos..end].trim_end();
        if line == "---" || line == "..." {
            return Ok(Split { yaml: Some(yaml_start..pos), body: end });
        }
        pos = end;
    }
    Err(Problem {
        span: start..start + 3,
        message: "the front matter opened here is never closed; add a line `---` after the last key"
            .to_string(),
    })
}

/// Parses the YAML block at `range` of `text`.
///
/// # Errors
/// The YAML does not parse, or is not a mapping.
pub fn parse(text: &str, range: Range<usize>) -> Result<FrontMatter, Problem> {
    if text[range.clone()].trim().is_empty() {
        return Ok(FrontMatter::default());
    }
    let resolve = |v: &str| serde_yaml::from_str::<serde_yaml::Value>(v).ok().as_ref().and_then(scalar);
    match super::plain_yaml::entries(text, range.clone(), resolve) {
        Some(entries) => Ok(FrontMatter::of(entries)),
        None => parse_with_library(text, range),
    }
}

/// [`parse`] without the fast path for plain YAML: every block through the
/// YAML library. Public so that the fuzz target can compare the two.
///
/// # Errors
/// As [`parse`].
pub fn parse_with_library(text: &str, range: Range<usize>) -> Result<FrontMatter, Problem> {
    let yaml = &text[range.clone()];
    if yaml.trim().is_empty() {
        return Ok(FrontMatter::default());
    }
    let value: serde_yaml::Value = serde_yaml::from_str(yaml).map_err(|e| {
        let at = e.location().map_or(range.start, |l| range.start + l.index().min(yaml.len()));
        let end = text[at..].find('\n').map_or(text.len(), |i| at + i).max(at + 1).min(text.len());
        let message = e.to_string();
        // serde_yaml appends " at line L column C" relative to the block; the
        // report gives the file position instead.
        let message = message.split(" at line ").next().unwrap_or(&message).to_string();
        Problem { span: at..end.max(at), message: format!("front matter is not valid YAML: {message}") }
    })?;
    let serde_yaml::Value::Mapping(map) = value else {
        return Err(Problem {
            span: range.start..range.end.min(range.start + yaml.find('\n').unwrap_or(yaml.len())),
            message: "front matter must be a mapping of `key: value` lines".to_string(),
        });
    };
    Ok(FrontMatter::of(map.into_iter().map(|(k, v)| {
        let key = scalar(&k).unwrap_or_else(|| compact(&k));
        let span = key_span(text, &range, &key);
        (key, convert(&v), span)
    })))
}

fn key_span(text: &str, range: &Range<usize>, key: &str) -> Range<usize> {
    let mut pos = range.start;
    for line in text[range.clone()].split_inclusive('\n') {
        let bare = line.strip_prefix(['"', '\'']).unwrap_or(line);
        if bare.starts_with(key) && bare[key.len()..].trim_start_matches(['"', '\'']).starts_with(':') {
            return pos..pos + line.trim_end().len();
        }
        pos += line.len();
    }
    range.start..range.start
}

fn scalar(v: &serde_yaml::Value) -> Option<String> {
    match v {
        serde_yaml::Value::Null => Some(String::new()),
        serde_yaml::Value::Bool(b) => Some(b.to_string()),
        serde_yaml::Value::Number(n) => Some(n.to_string()),
        serde_yaml::Value::String(s) => Some(s.clone()),
        serde_yaml::Value::Tagged(t) => scalar(&t.value),
        _ => None,
    }
}

fn compact(v: &serde_yaml::Value) -> String {
    serde_yaml::to_string(v).unwrap_or_default().trim().to_string()
}

fn convert(v: &serde_yaml::Value) -> Value {
    if let Some(s) = scalar(v) {
        return Value::Text(s);
    }
    if let serde_yaml::Value::Sequence(items) = v {
        if let Some(list) = items.iter().map(scalar).collect::<Option<Vec<_>>>() {
            return Value::List(list);
        }
    }
    Value::Other(compact(v))
}

/// Deserializes a whole YAML document (such as `toc.yml`) into `T`; the only
/// other door to the YAML library.
///
/// # Errors
/// The text does not parse as `T`; the problem's span is a byte range of `text`.
pub fn deserialize<T: serde::de::DeserializeOwned>(text: &str) -> Result<T, Problem> {
    serde_yaml::from_str(text).map_err(|e| {
        let at = e.location().map_or(0, |l| l.index().min(text.len()));
        let message = e.to_string();
        let message = message.split(" at line ").next().unwrap_or(&message).to_string();
        Problem { span: at..text[at..].find('\n').map_or(text.len(), |i| at + i), message }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse_all(text: &str) -> Result<FrontMatter, Problem> {
        let split = split(text)?;
        parse(text, split.yaml.unwrap())
    }

    #[test]
    fn splits_and_reads_the_seed_shape() {
        let text = "---\ntitle: Oplåsning af en konto\nms.custom:\n- \"9002449\"\n- \"4748\"\nms.locfileid: \"51827750\"\n---\n# Body\n";
        let fm = parse_all(text).unwrap();
        assert_eq!(fm.text("title"), Some("Oplåsning af en konto"));
        assert_eq!(fm.get("ms.custom"), Some(&Value::List(vec!["9002449".into(), "4748".into()])));
        assert_eq!(fm.text("ms.locfileid"), Some("51827750"));
        assert_eq!(&text[split(text).unwrap().body..], "# Body\n");
        let span = fm.span("ms.custom").unwrap();
        assert_eq!(&text[span], "ms.custom:");
    }

    #[test]
    fn bom_and_crlf() {
        let text = "\u{feff}---\r\ntitle: x\r\n---\r\nbody";
        let fm = parse_all(text).unwrap();
        assert_eq!(fm.text("title"), Some("x"));
        assert_eq!(&text[split(text).unwrap().body..], "body");
    }

    #[test]
    fn no_front_matter() {
        assert_eq!(split("# Title\n").unwrap(), Split { yaml: None, body: 0 });
    }

    #[test]
    fn unterminated_block_points_at_the_opening() {
        let err = split("---\ntitle: x\n# body\n").unwrap_err();
        assert_eq!(err.span, 0..3);
        assert!(err.message.contains("never closed"));
    }

    #[test]
    fn yaml_error_position_is_in_file_coordinates() {
        let text = "---\ntitle: ok\nbad: [unclosed\n---\n";
        let err = parse_all(text).unwrap_err();
        assert!(err.span.start >= 4, "{err:?}");
        assert!(!err.message.contains(" at line "), "{}", err.message);
    }

    #[test]
    fn not_a_mapping() {
        let err = parse_all("---\n- a\n- b\n---\n").unwrap_err();
        assert!(err.message.contains("mapping"));
    }

    #[test]
    fn shared_keys_are_sorted_and_records_round_trip() {
        assert!(SHARED_KEYS.windows(2).all(|w| w[0] < w[1]), "binary search needs them sorted");
        let text = "---\ntitle: T\nms.custom:\n- a\nx-own-key: v\n---\n";
        let fm = parse_all(text).unwrap();
        assert!(matches!(fm.entries[0].0 .0, std::borrow::Cow::Borrowed(_)));
        assert!(matches!(fm.entries[2].0 .0, std::borrow::Cow::Owned(_)));
        let bytes = postcard::to_stdvec(&fm).unwrap();
        let back: FrontMatter = postcard::from_bytes(&bytes).unwrap();
        assert_eq!(back, fm);
        assert!(matches!(back.entries[0].0 .0, std::borrow::Cow::Borrowed(_)));
        assert_eq!(back.span("x-own-key").map(|s| &text[s]), Some("x-own-key: v"));
    }

    #[test]
    fn duplicate_keys_are_an_error() {
        assert!(parse_all("---\ntitle: a\ntitle: b\n---\n").is_err());
    }
}
