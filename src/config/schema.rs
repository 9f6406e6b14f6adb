//! The `book.toml` schema. Every option is documented where it is declared;
//! the README's configuration section is written from these comments.

use serde::Deserialize;
use std::collections::BTreeMap;
use std::path::PathBuf;

/// The whole of `book.toml`.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Config {
    /// `[book]`: what the site is and which locales it has.
    #[serde(default)]
    pub book: BookSection,
    /// `[build]`: where and for which address the site is written.
    #[serde(default)]
    pub build: BuildSection,
    /// `[content]`: how articles are read.
    #[serde(default)]
    pub content: ContentSection,
    /// `[check]`: rule severities and what the checks compare.
    #[serde(default)]
    pub check: CheckSection,
}

/// `[check]`
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CheckSection {
    /// Severity per rule name: `"error"`, `"warning"`, `"info"` or `"off"`.
    #[serde(default)]
    pub rules: BTreeMap<String, Level>,
    /// Front-matter keys that must be identical in a translation and its source.
    #[serde(default = "default_protected_keys")]
    pub protected_keys: Vec<String>,
}

/// A configured severity.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Level {
    /// Fails the run.
    Error,
    /// Fails the run only with `--deny warnings`.
    Warning,
    /// Reported, never fails.
    Info,
    /// Not reported.
    Off,
}

impl Default for CheckSection {
    fn default() -> Self {
        Self { rules: BTreeMap::new(), protected_keys: default_protected_keys() }
    }
}

fn default_protected_keys() -> Vec<String> {
    [
        "ms.author",
        "author",
        "manager",
        "ms.audience",
        "ms.topic",
        "ms.service",
        "ms.collection",
        "ms.custom",
        "localization_priority",
        "ROBOTS",
    ]
    .iter()
    .map(|s| (*s).to_string())
    .collect()
}

/// `[book]`
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BookSection {
    /// Site title, used when a locale's Fluent files have no `site-title`.
    #[serde(default = "default_title")]
    pub title: String,
    /// The locale whose articles are the source of every translation.
    #[serde(default = "default_source_locale")]
    pub source_locale: String,
    /// The locales to build, in the order of the language switcher. Default:
    /// every folder under `content/` whose name is a language tag.
    #[serde(default)]
    pub locales: Option<Vec<String>>,
}

/// `[build]`
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BuildSection {
    /// Output directory, relative to the project root.
    #[serde(default = "default_output")]
    pub output: PathBuf,
    /// Absolute address the site is published at, ending in `/`. Used for
    /// canonical links, hreflang alternates and the sitemap.
    #[serde(default = "default_base_url")]
    pub base_url: String,
    /// Run every page body through an HTML sanitiser (for sites that publish
    /// translations nobody reviews).
    #[serde(default)]
    pub sanitize: bool,
}

/// `[content]`
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ContentSection {
    /// Front-matter key that records the fingerprint of the source version a
    /// translation was made from.
    #[serde(default = "default_fingerprint_key")]
    pub fingerprint_key: String,
    /// Largest file, in bytes, that is read; larger ones are reported and left out.
    #[serde(default = "default_max_file_size")]
    pub max_file_size: u64,
    /// Deepest nesting of lists and quotes an article may have.
    #[serde(default = "default_max_nesting")]
    pub max_nesting: usize,
}

impl Default for BookSection {
    fn default() -> Self {
        Self { title: default_title(), source_locale: default_source_locale(), locales: None }
    }
}

impl Default for BuildSection {
    fn default() -> Self {
        Self { output: default_output(), base_url: default_base_url(), sanitize: false }
    }
}

impl Default for ContentSection {
    fn default() -> Self {
        Self {
            fingerprint_key: default_fingerprint_key(),
            max_file_size: default_max_file_size(),
            max_nesting: default_max_nesting(),
        }
    }
}

fn default_title() -> String {
    "Help".to_string()
}
fn default_source_locale() -> String {
    "en-US".to_string()
}
fn default_output() -> PathBuf {
    PathBuf::from("site")
}
fn default_base_url() -> String {
    "/".to_string()
}
fn default_max_file_size() -> u64 {
    crate::content::limits::DEFAULT_MAX_FILE_SIZE
}
fn default_max_nesting() -> usize {
    crate::content::limits::DEFAULT_MAX_NESTING
}
fn default_fingerprint_key() -> String {
    "ms.openlocfilehash".to_string()
}
