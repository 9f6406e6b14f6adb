//! The Article model: one Markdown file of one locale, with its front matter.

use super::front_matter::{self, FrontMatter, Problem};
use serde::{Deserialize, Serialize};
use std::path::PathBuf;
use std::sync::OnceLock;

/// One article file.
///
/// Its text is read when the article is loaded, unless an earlier build
/// recorded what the rest of the model needs of an unchanged file
/// ([`Recorded`]): then it is read only if something asks for it (a check
/// or a page of an article that did change).
#[derive(Debug, Clone)]
pub struct Article {
    /// Canonical locale tag of the folder it is in.
    pub locale: String,
    /// Path inside the locale folder, `/`-separated: `setup/sign-in.md`.
    /// The same `rel` in two locales is the same article.
    pub rel: String,
    /// Path relative to the project root, for findings.
    pub path: PathBuf,
    /// The whole file, once read.
    text: OnceLock<String>,
    /// Where to read it from when it was not read at load time.
    unread: Option<PathBuf>,
    /// Parsed front matter (empty when it did not parse).
    pub front: FrontMatter,
    /// Byte offset of the Markdown body in the text.
    pub body_start: usize,
    /// [`crate::cache::key::of`] the text: what caches key on.
    pub hash: String,
    /// The key of the front matter block (where it starts, and its text):
    /// front matter parsed from the same block is the same.
    pub front_key: String,
    /// Whether its front matter parsed without a problem (only such
    /// articles are recorded for later builds, so a problem is always
    /// found again, whatever the configuration says of it then).
    pub clean: bool,
    /// Its fingerprints, computed when a translation is first compared with it.
    pub fingerprints: super::fingerprint::Known,
    /// The rules its `tolk-disable` comments silence ([`super::disable`]).
    pub silenced: Option<Vec<String>>,
}

impl Article {
    /// Reads an article from its text. A front-matter problem is returned
    /// beside the article (which then has empty front matter) so the rest of
    /// the run can go on.
    #[must_use]
    pub fn parse(locale: &str, rel: &str, path: PathBuf, text: String) -> (Self, Option<Problem>) {
        Self::parse_with(locale, rel, path, text, &|_| None)
    }

    /// [`Article::parse`], taking the front matter from `known` (given the
    /// key of the front matter block) where an earlier build parsed the same
    /// block.
    #[must_use]
    pub fn parse_with(
        locale: &str,
        rel: &str,
        path: PathBuf,
        text: String,
        known: &dyn Fn(&str) -> Option<FrontMatter>,
    ) -> (Self, Option<Problem>) {
        let mut problem = None;
        let hash = crate::cache::key::of(text.as_bytes());
        let (front, body_start, front_key) = match front_matter::split(&text) {
            Ok(split) => {
                let front_key = match &split.yaml {
                    Some(range) => crate::cache::key::Key::new()
                        .with(range.start.to_le_bytes())
                        .with(&text[range.clone()])
                        .finish(),
                    None => hash.clone(),
                };
                let front = match split.yaml {
                    Some(range) => known(&front_key).unwrap_or_else(|| {
                        front_matter::parse(&text, range).unwrap_or_else(|p| {
                            problem = Some(p);
                            FrontMatter::default()
                        })
                    }),
                    None => FrontMatter::default(),
                };
                (front, split.body, front_key)
            }
            Err(p) => {
                problem = Some(p);
                (FrontMatter::default(), text.len(), hash.clone())
            }
        };
        let silenced = super::disable::parse(&text);
        let article = Self {
            locale: locale.to_string(),
            rel: rel.to_string(),
            path,
            silenced,
            text: OnceLock::from(text),
            unread: None,
            front,
            body_start,
            hash,
            front_key,
            clean: problem.is_none(),
            fingerprints: super::fingerprint::Known::default(),
        };
        (article, problem)
    }

    /// An article whose file did not change since an earlier build recorded
    /// it, built from that record without reading the file; `file` is where
    /// to read its text from when it is asked for.
    #[must_use]
    pub fn recorded(locale: &str, rel: &str, path: PathBuf, file: PathBuf, record: Recorded) -> Self {
        Self {
            locale: locale.to_string(),
            rel: rel.to_string(),
            path,
            text: OnceLock::new(),
            unread: Some(file),
            silenced: record.silenced,
            front: record.front,
            body_start: record.body_start,
            hash: record.hash,
            front_key: record.front_key,
            clean: true,
            fingerprints: if record.sha1.is_empty() {
                super::fingerprint::Known::default()
            } else {
                super::fingerprint::Known::with_sha1(record.sha1)
            },
        }
    }

    /// The whole file. An article built from a record reads it now; should
    /// the file have gone meanwhile, the text is empty (the next build sees
    /// the change and reads everything about it again).
    #[must_use]
    pub fn text(&self) -> &str {
        self.text.get_or_init(|| {
            self.unread.as_ref().and_then(|file| std::fs::read_to_string(file).ok()).unwrap_or_default()
        })
    }

    /// What a later build needs to rebuild this article without reading it.
    #[must_use]
    pub fn record(&self) -> Recorded {
        Recorded {
            hash: self.hash.clone(),
            body_start: self.body_start,
            front_key: self.front_key.clone(),
            front: self.front.clone(),
            sha1: self.fingerprints.sha1().map(<[String]>::to_vec).unwrap_or_default(),
            silenced: self.silenced.clone(),
        }
    }

    /// [`Article::record`], moving instead of copying; what is not recorded
    /// (the text) is freed as [`crate::cache::release`] says.
    #[must_use]
    pub fn into_record(self) -> Recorded {
        let Self { text, front, body_start, hash, front_key, fingerprints, silenced, .. } = self;
        crate::cache::release(text);
        Recorded { hash, body_start, front_key, front, sha1: fingerprints.into_sha1(), silenced }
    }

    /// [`Article::into_record`], leaving the article as it is.
    #[must_use]
    pub fn to_record(&self) -> Recorded {
        Recorded {
            hash: self.hash.clone(),
            body_start: self.body_start,
            front_key: self.front_key.clone(),
            front: self.front.clone(),
            sha1: self.fingerprints.clone().into_sha1(),
            silenced: self.silenced.clone(),
        }
    }

    /// Whether `recorded` (a translation's fingerprint) is a fingerprint of
    /// this article's text.
    #[must_use]
    pub fn has_fingerprint(&self, recorded: &str) -> bool {
        self.fingerprints.matches(recorded, || self.text().as_bytes())
    }

    /// [`super::fingerprint::current`] of this article's text (not read
    /// when an earlier build recorded it).
    #[must_use]
    pub fn current_fingerprint(&self) -> String {
        self.fingerprints.current(|| self.text().as_bytes())
    }

    /// The Markdown body.
    #[must_use]
    pub fn body(&self) -> &str {
        self.text().get(self.body_start..).unwrap_or_default()
    }

    /// The page slug: `rel` without `.md`, and `index` as the empty slug.
    #[must_use]
    pub fn slug(&self) -> String {
        slug_of(&self.rel)
    }

    /// Title from front matter, else the first `# ` heading, else the slug.
    #[must_use]
    pub fn title(&self) -> String {
        if let Some(t) = self.front.text("title") {
            return t.to_string();
        }
        self.body()
            .lines()
            .find_map(|l| l.strip_prefix("# "))
            .map(crate::markdown::plain_heading)
            .filter(|t| !t.is_empty())
            .unwrap_or_else(|| {
                let slug = self.slug();
                slug.rsplit('/').next().unwrap_or(&slug).replace('-', " ")
            })
    }
}

/// What an earlier build recorded of an article that parsed cleanly.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Recorded {
    /// [`Article::hash`].
    pub hash: String,
    /// [`Article::body_start`].
    pub body_start: usize,
    /// [`Article::front_key`].
    pub front_key: String,
    /// [`Article::front`].
    pub front: FrontMatter,
    /// Its SHA-1 fingerprints ([`super::fingerprint`]), if they were
    /// computed: empty for most translations.
    pub sha1: Vec<String>,
    /// [`Article::silenced`].
    pub silenced: Option<Vec<String>>,
}

/// The slug of an article path inside its locale folder.
#[must_use]
pub fn slug_of(rel: &str) -> String {
    let stem = rel.strip_suffix(".md").unwrap_or(rel);
    if stem == "index" {
        String::new()
    } else {
        stem.strip_suffix("/index").unwrap_or(stem).to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs() {
        assert_eq!(slug_of("index.md"), "");
        assert_eq!(slug_of("a/index.md"), "a");
        assert_eq!(slug_of("a/b-c.md"), "a/b-c");
    }

    #[test]
    fn title_falls_back_to_the_heading() {
        let (a, p) =
            Article::parse("en-US", "x.md", "x.md".into(), "# <a name=\"x\"></a>Hello **there**\n".into());
        assert!(p.is_none());
        assert_eq!(a.title(), "Hello there");
    }

    #[test]
    fn broken_front_matter_keeps_the_article() {
        let (a, p) = Article::parse("en-US", "x.md", "x.md".into(), "---\ntitle: [\n---\nbody\n".into());
        assert!(p.is_some());
        assert_eq!(a.body(), "body\n");
    }
}
