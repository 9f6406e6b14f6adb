//! `toc.yml`: the DocFX table of contents that orders a locale's sidebar.

use serde::Deserialize;

/// One entry of a `toc.yml`.
#[derive(Debug, Clone, Deserialize, PartialEq, Eq)]
pub struct TocItem {
    /// Text shown in the sidebar.
    pub name: String,
    /// Link target: an article path relative to the toc file, or a URL.
    #[serde(default, alias = "topicHref")]
    pub href: Option<String>,
    /// Nested entries.
    #[serde(default)]
    pub items: Vec<TocItem>,
}

/// A parsed `toc.yml` and where it came from.
#[derive(Debug, Clone)]
pub struct Toc {
    /// Path relative to the project root.
    pub path: std::path::PathBuf,
    /// Top-level entries.
    pub items: Vec<TocItem>,
}

/// File names recognised as a table of contents, at a locale folder's root.
pub const FILE_NAMES: &[&str] = &["toc.yml", "TOC.yml"];

/// Parses the text of a `toc.yml`.
///
/// # Errors
/// The text is not a list of entries with a `name`.
pub fn parse(text: &str) -> Result<Vec<TocItem>, super::front_matter::Problem> {
    super::front_matter::deserialize(text)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nested_entries() {
        let items = parse("- name: A\n  href: a.md\n  items:\n  - name: B\n    href: b.md\n").unwrap();
        assert_eq!(items[0].items[0].href.as_deref(), Some("b.md"));
    }

    #[test]
    fn missing_name_is_an_error() {
        assert!(parse("- href: a.md\n").is_err());
    }
}
