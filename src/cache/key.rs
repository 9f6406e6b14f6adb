//! Input fingerprints: what a page or a check read, reduced to 128 bits.
//!
//! xxh3-128 is not a cryptographic hash; it only has to tell an edited input
//! from an unchanged one, and it hashes a 100,000-page corpus in well under a
//! second. Fields are length-prefixed so that no two inputs run together.

use crate::content::Project;
use std::path::Path;
use xxhash_rust::xxh3::Xxh3;

/// A key under construction.
#[derive(Default, Clone)]
pub struct Key(Xxh3);

impl Key {
    /// An empty key.
    #[must_use]
    pub fn new() -> Self {
        Self::default()
    }

    /// Adds one field.
    #[must_use]
    pub fn with(mut self, bytes: impl AsRef<[u8]>) -> Self {
        let bytes = bytes.as_ref();
        self.0.update(&(bytes.len() as u64).to_le_bytes());
        self.0.update(bytes);
        self
    }

    /// The key as 32 hex digits.
    #[must_use]
    pub fn finish(&self) -> String {
        format!("{:032x}", self.0.digest128())
    }
}

/// The hash of some bytes, as 32 hex digits.
#[must_use]
pub fn of(bytes: &[u8]) -> String {
    format!("{:032x}", xxhash_rust::xxh3::xxh3_128(bytes))
}

/// What every page and every check depends on: tolk itself, `book.toml`,
/// the templates, the Fluent files, the locales built, which files exist
/// (adding or removing an article changes navigation and links everywhere)
/// and the content of every file that is not an article (includes and
/// tables of contents). When it changes, nothing of the previous build is
/// reused.
#[must_use]
pub fn global(project: &Project, selected: &[String]) -> String {
    let root = &project.root;
    let mut key = Key::new().with(env!("CARGO_PKG_VERSION")).with(read(&root.join("book.toml")));
    for dir in ["templates", "locales"] {
        for entry in
            walkdir::WalkDir::new(root.join(dir)).sort_by_file_name().into_iter().filter_map(Result::ok)
        {
            if entry.file_type().is_file() {
                key = key.with(entry.path().to_string_lossy().as_bytes()).with(read(entry.path()));
            }
        }
    }
    for l in &project.locales {
        key = key
            .with(&l.tag)
            .with(l.dir.as_ref().map(|d| d.to_string_lossy().into_owned()).unwrap_or_default());
    }
    key = key.with(selected.join(","));
    for (locale, articles) in &project.articles {
        key = key.with(locale).with(articles.len().to_le_bytes());
        for rel in articles.keys() {
            key = key.with(rel);
        }
    }
    for (locale, assets) in &project.assets {
        key = key.with(locale);
        for a in assets {
            key = key.with(&a.rel);
        }
    }
    for path in &project.other_files {
        key = key.with(path.to_string_lossy().as_bytes()).with(read(&root.join(path)));
    }
    key.finish()
}

/// A file's bytes, or nothing when it cannot be read (which is then part of
/// the key: a file that becomes readable changes it).
fn read(path: &Path) -> Vec<u8> {
    std::fs::read(path).unwrap_or_else(|_| b"\0unreadable".to_vec())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fields_do_not_run_together() {
        assert_ne!(Key::new().with("ab").with("c").finish(), Key::new().with("a").with("bc").finish());
        assert_eq!(Key::new().with("ab").finish(), Key::new().with("ab").finish());
        assert_eq!(of(b"x").len(), 32);
    }
}
