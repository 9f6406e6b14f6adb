//! A translation and its source, with both outlines: what every
//! comparison family works on.

use crate::content::{Article, Project};
use crate::diagnostic::Diagnostic;
use crate::markdown::outline::{self, Outline};
use rustc_hash::{FxHashMap as HashMap, FxHashSet};
use std::ops::Range;
use std::sync::OnceLock;

/// The anchor ids of one article.
pub type Ids = FxHashSet<String>;

/// The outline of every article, each extracted on first use and kept: a
/// source's outline serves every translation of it, and an incremental
/// check extracts only those of the articles it checks again. A locale's
/// entries are made when one is first asked for, so that checking a few
/// articles costs no entry for each of the others.
pub struct Outlines<'p> {
    map: HashMap<&'p str, Locale<'p>>,
}

/// One locale's articles, and their entries once asked for.
struct Locale<'p> {
    articles: &'p std::collections::BTreeMap<String, Article>,
    entries: OnceLock<HashMap<&'p str, Entry<'p>>>,
}

/// One article's outline and anchor ids, each made on first use. The
/// outline is boxed: most entries never get one, and an empty slot is then
/// a pointer, not a whole outline (100,000 entries at scale).
struct Entry<'p> {
    article: &'p Article,
    outline: OnceLock<Box<Outline>>,
    ids: OnceLock<Ids>,
}

impl<'p> Outlines<'p> {
    /// The outlines of the articles of the locales `read` accepts.
    #[must_use]
    pub fn new(project: &'p Project, read: &(dyn Fn(&str) -> bool + Sync)) -> Self {
        let map = project
            .articles
            .iter()
            .filter(|(locale, _)| read(locale))
            .map(|(locale, articles)| (locale.as_str(), Locale { articles, entries: OnceLock::new() }))
            .collect();
        Self { map }
    }

    /// The entry of article `rel` in `locale`.
    fn entry(&self, locale: &str, rel: &str) -> Option<&Entry<'p>> {
        let l = self.map.get(locale)?;
        let entries = l.entries.get_or_init(|| {
            let entries = l.articles.values().map(|a| {
                (a.rel.as_str(), Entry { article: a, outline: OnceLock::new(), ids: OnceLock::new() })
            });
            entries.collect()
        });
        entries.get(rel)
    }

    /// The outline of article `rel` in `locale`.
    #[must_use]
    pub fn get(&self, locale: &str, rel: &str) -> Option<&Outline> {
        let e = self.entry(locale, rel)?;
        Some(e.outline.get_or_init(|| Box::new(outline::extract(e.article.body()))))
    }

    /// Records the anchor ids of article `rel` in `locale` from an outline
    /// its caller already has (unless they are known), and returns them.
    pub fn seed_ids(&self, locale: &str, rel: &str, ids: impl FnOnce() -> Ids) -> Option<&Ids> {
        Some(self.entry(locale, rel)?.ids.get_or_init(ids))
    }

    /// The anchor ids of article `rel` in `locale`, as `ids` finds them in
    /// its outline: kept, where the outline of a translation that links
    /// point into is not (only the ids are needed).
    #[must_use]
    pub fn ids(&self, locale: &str, rel: &str, ids: impl FnOnce(&Outline) -> Ids) -> Option<&Ids> {
        let e = self.entry(locale, rel)?;
        Some(e.ids.get_or_init(|| match e.outline.get() {
            Some(o) => ids(o),
            None => ids(&outline::extract(e.article.body())),
        }))
    }
}

/// A translation with its source.
pub struct Pair<'p> {
    /// The translation's locale.
    pub locale: &'p str,
    /// The source article.
    pub source: &'p Article,
    /// Its outline.
    pub source_outline: &'p Outline,
    /// The translation.
    pub translation: &'p Article,
    /// Its outline.
    pub outline: &'p Outline,
    /// Whether the translation records a fingerprint that is not the source's.
    pub stale: bool,
}

/// The translation `translation` (whose outline is `outline`) with its
/// source, if it is a translation and has one; the source's outline is
/// `source_outline`, else taken from `outlines`.
#[must_use]
pub fn pair<'p>(
    project: &'p Project,
    (outlines, source_outline): (&'p Outlines<'_>, Option<&'p Outline>),
    translation: &'p Article,
    outline: &'p Outline,
) -> Option<Pair<'p>> {
    if translation.locale == project.source {
        return None;
    }
    let source = project.sources().get(&translation.rel)?;
    let source_outline = match source_outline {
        Some(o) => o,
        None => outlines.get(&project.source, &translation.rel)?,
    };
    let key = &project.config.content.fingerprint_key;
    let stale = translation.front.text(key).is_some_and(|r| !source.has_fingerprint(r));
    Some(Pair { locale: &translation.locale, source, source_outline, translation, outline, stale })
}

impl Pair<'_> {
    /// A finding in the translation at `span` of its body.
    #[must_use]
    pub fn at_body(&self, rule: &'static str, span: &Range<usize>, message: impl Into<String>) -> Diagnostic {
        let start = self.translation.body_start;
        self.at_file(rule, start + span.start..start + span.end, message)
    }

    /// A finding in the translation at `span` of the file.
    #[must_use]
    pub fn at_file(&self, rule: &'static str, span: Range<usize>, message: impl Into<String>) -> Diagnostic {
        Diagnostic::new(rule, &self.translation.path, span, message).in_locale(self.locale)
    }

    /// A structural finding: capped at warning when the translation is stale,
    /// since the source's change may explain it.
    #[must_use]
    pub fn structural(
        &self,
        rule: &'static str,
        span: &Range<usize>,
        message: impl Into<String>,
    ) -> Diagnostic {
        let mut d = self.at_body(rule, span, message);
        d.capped = self.stale;
        d
    }

    /// The span of the translation body's first line, for findings about
    /// the whole article.
    #[must_use]
    pub fn body_start(&self) -> Range<usize> {
        let body = self.translation.body();
        0..body.find('\n').unwrap_or(body.len())
    }

    /// The translation block that corresponds to source block `index`, by
    /// relative position: where something the source has there is missing.
    #[must_use]
    pub fn aligned_block(&self, source_span: &Range<usize>) -> Range<usize> {
        let blocks = &self.source_outline.blocks;
        let index = blocks.iter().rposition(|b| b.span.start <= source_span.start).unwrap_or(0);
        let ours = &self.outline.blocks;
        if ours.is_empty() {
            return self.body_start();
        }
        let at = if blocks.len() <= 1 { 0 } else { index * (ours.len() - 1) / (blocks.len() - 1) };
        ours[at.min(ours.len() - 1)].span.clone()
    }
}
