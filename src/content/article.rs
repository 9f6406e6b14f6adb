//! The Article model: one Markdown file of one locale, with its front matter.

use super::front_matter::{self, FrontMatter, Problem};
use std::path::PathBuf;

/// One article file.
#[derive(Debug, Clone)]
pub struct Article {
    /// Canonical locale tag of the folder it is in.
    pub locale: String,
    /// Path inside the locale folder, `/`-separated: `setup/sign-in.md`.
    /// The same `rel` in two locales is the same article.
    pub rel: String,
    /// Path relative to the project root, for findings.
    pub path: PathBuf,
    /// The whole file.
    pub text: String,
    /// Parsed front matter (empty when it did not parse).
    pub front: FrontMatter,
    /// Byte offset of the Markdown body in `text`.
    pub body_start: usize,
    /// Its fingerprints, computed when a translation is first compared with it.
    pub fingerprints: super::fingerprint::Known,
}

impl Article {
    /// Reads an article from its text. A front-matter problem is returned
    /// beside the article (which then has empty front matter) so the rest of
    /// the run can go on.
    #[must_use]
    pub fn parse(locale: &str, rel: &str, path: PathBuf, text: String) -> (Self, Option<Problem>) {
        Self::parse_with(locale, rel, path, text, None)
    }

    /// [`Article::parse`], with the front matter already known (parsed from
    /// the same text by an earlier build).
    #[must_use]
    pub fn parse_with(
        locale: &str,
        rel: &str,
        path: PathBuf,
        text: String,
        known: Option<FrontMatter>,
    ) -> (Self, Option<Problem>) {
        let mut problem = None;
        let (front, body_start) = match front_matter::split(&text) {
            Ok(split) => {
                let front = match (split.yaml, known) {
                    (Some(_), Some(front)) => front,
                    (Some(range), None) => front_matter::parse(&text, range).unwrap_or_else(|p| {
                        problem = Some(p);
                        FrontMatter::default()
                    }),
                    (None, _) => FrontMatter::default(),
                };
                (front, split.body)
            }
            Err(p) => {
                problem = Some(p);
                (FrontMatter::default(), text.len())
            }
        };
        let article = Self {
            locale: locale.to_string(),
            rel: rel.to_string(),
            path,
            text,
            front,
            body_start,
            fingerprints: super::fingerprint::Known::default(),
        };
        (article, problem)
    }

    /// Whether `recorded` (a translation's fingerprint) is a fingerprint of
    /// this article's text.
    #[must_use]
    pub fn has_fingerprint(&self, recorded: &str) -> bool {
        self.fingerprints.matches(recorded, self.text.as_bytes())
    }

    /// The Markdown body.
    #[must_use]
    pub fn body(&self) -> &str {
        &self.text[self.body_start..]
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
