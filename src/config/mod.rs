//! Owns `book.toml`: its schema, defaults and validation.
//!
//! The schema is strict (`deny_unknown_fields`) so that a misspelt key is an
//! error that names the key instead of a setting silently ignored.

mod schema;

pub use schema::{BookSection, BuildSection, CheckSection, Config, ContentSection, Level};

use crate::error::Error;
use std::path::Path;

/// File name of the configuration inside the project root.
pub const FILE_NAME: &str = "book.toml";

impl Config {
    /// Loads `book.toml` from `root`; a missing file gives the defaults.
    ///
    /// # Errors
    /// The file exists but cannot be read, is not valid TOML, has a key tolk
    /// does not know, a value of the wrong type, or an invalid locale tag.
    pub fn load(root: &Path) -> Result<Self, Error> {
        let path = root.join(FILE_NAME);
        let text = match std::fs::read_to_string(&path) {
            Ok(text) => text,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => String::new(),
            Err(source) => return Err(Error::Read { path, source }),
        };
        Self::parse(&text, Path::new(FILE_NAME))
    }

    /// Parses configuration text; `path` is only used in error messages.
    ///
    /// # Errors
    /// As for [`Config::load`].
    pub fn parse(text: &str, path: &Path) -> Result<Self, Error> {
        let config: Self = toml::from_str(text).map_err(|e| {
            let (line, column) = e.span().map_or((1, 1), |span| crate::report::line_col(text, span.start));
            Error::Config { path: path.to_path_buf(), line, column, message: e.message().trim().to_string() }
        })?;
        config.validate(path, text)?;
        Ok(config)
    }

    fn validate(&self, path: &Path, text: &str) -> Result<(), Error> {
        let bad = |message: String| Error::Config { path: path.to_path_buf(), line: 1, column: 1, message };
        crate::content::locale::canonical(&self.book.source_locale).map_err(|e| {
            bad(format!(
                "[book] source_locale = {:?} is not a BCP 47 language tag ({e}); use a tag such as \"en-US\"",
                self.book.source_locale
            ))
        })?;
        for tag in self.book.locales.iter().flatten() {
            crate::content::locale::canonical(tag).map_err(|e| {
                bad(format!("[book] locales contains {tag:?}, which is not a BCP 47 language tag ({e})"))
            })?;
        }
        for rule in self.check.rules.keys() {
            if crate::rules::find(rule).is_none() {
                let line = text_line(text, &format!("\"{rule}\"")).or_else(|| text_line(text, rule));
                return Err(Error::Config {
                    path: path.to_path_buf(),
                    line: line.unwrap_or(1),
                    column: 1,
                    message: format!(
                        "[check.rules] names `{rule}`, which is not a rule; `tolk explain` lists them"
                    ),
                });
            }
        }
        if !self.build.base_url.ends_with('/') {
            return Err(bad(format!(
                "[build] base_url = {:?} must end with '/'; write {:?}",
                self.build.base_url,
                format!("{}/", self.build.base_url)
            )));
        }
        Ok(())
    }

    /// The severity configured for `rule`, if any.
    #[must_use]
    pub fn level(&self, rule: &str) -> Option<Level> {
        self.check.rules.get(rule).copied()
    }

    /// The canonical source locale tag.
    #[must_use]
    pub fn source_locale(&self) -> String {
        crate::content::locale::canonical(&self.book.source_locale)
            .unwrap_or_else(|_| self.book.source_locale.clone())
    }
}

/// The 1-based line of the first line of `text` that starts with `needle`.
fn text_line(text: &str, needle: &str) -> Option<usize> {
    text.lines().position(|l| l.trim_start().starts_with(needle)).map(|i| i + 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn empty_config_gives_defaults() {
        let c = Config::parse("", Path::new("book.toml")).unwrap();
        assert_eq!(c.source_locale(), "en-US");
        assert_eq!(c.build.output, Path::new("site"));
        assert_eq!(c.content.fingerprint_key, "ms.openlocfilehash");
    }

    #[test]
    fn unknown_key_is_named_with_its_position() {
        let err = Config::parse("[book]\ntitle = \"x\"\ntittle = \"y\"\n", Path::new("book.toml"))
            .unwrap_err()
            .to_string();
        assert!(err.contains("book.toml:3:1"), "{err}");
        assert!(err.contains("tittle"), "{err}");
    }

    #[test]
    fn wrong_type_is_an_error() {
        let err =
            Config::parse("[book]\nlocales = \"da-DK\"\n", Path::new("book.toml")).unwrap_err().to_string();
        assert!(err.contains("book.toml:2:11"), "{err}");
    }

    #[test]
    fn lower_case_region_is_canonicalised() {
        let c = Config::parse("[book]\nsource_locale = \"de-de\"\n", Path::new("book.toml")).unwrap();
        assert_eq!(c.source_locale(), "de-DE");
    }

    #[test]
    fn rule_levels_and_unknown_rules() {
        let c = Config::parse(
            "[check.rules]\nlink-mismatch = \"warning\"\nuntranslated-text = \"off\"\n",
            Path::new("book.toml"),
        )
        .unwrap();
        assert_eq!(c.level("link-mismatch"), Some(Level::Warning));
        assert_eq!(c.level("untranslated-text"), Some(Level::Off));
        let err = Config::parse(
            "[check.rules]\nlink-mismatch = \"warning\"\nno-such-rule = \"off\"\n",
            Path::new("book.toml"),
        )
        .unwrap_err()
        .to_string();
        assert!(err.contains("book.toml:3:1") && err.contains("no-such-rule"), "{err}");
        let err = Config::parse("[check.rules]\nlink-mismatch = \"fatal\"\n", Path::new("book.toml"))
            .unwrap_err()
            .to_string();
        assert!(err.contains("book.toml:2:"), "{err}");
    }

    #[test]
    fn example_config_loads() {
        let root = Path::new(env!("CARGO_MANIFEST_DIR"));
        let c = Config::load(root).unwrap();
        assert_eq!(c.source_locale(), "en-US");
    }
}
