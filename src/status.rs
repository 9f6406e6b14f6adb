//! Translation status per locale (for `tolk status` and the site's status page): how many articles are up to date, stale,
//! untracked, missing or orphaned, and how many UI strings are translated.

use crate::content::Project;
use crate::l10n::{ftl_files, outline};
use rayon::prelude::*;
use serde::Serialize;
use std::collections::BTreeSet;

/// One locale's numbers.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct LocaleStatus {
    /// Locale tag.
    pub locale: String,
    /// Whether it is the source locale.
    pub source: bool,
    /// Source articles.
    pub articles: usize,
    /// Translations whose fingerprint is the current source's.
    pub up_to_date: usize,
    /// Translations made from an older source.
    pub stale: usize,
    /// Translations that record no fingerprint.
    pub untracked: usize,
    /// Source articles with no translation.
    pub missing: usize,
    /// Translations with no source article.
    pub orphaned: usize,
    /// `up_to_date` as a percentage of `articles`, one decimal.
    pub percent_up_to_date: f64,
    /// Messages in the source locale's Fluent files.
    pub ui_messages: usize,
    /// Of those, how many this locale's files have.
    pub ui_translated: usize,
}

/// The status of every locale, source first.
#[must_use]
pub fn compute(project: &Project) -> Vec<LocaleStatus> {
    let ftl = ftl_files(&project.root);
    let messages = |tag: &str| -> BTreeSet<String> {
        ftl.get(tag)
            .into_iter()
            .flatten()
            .filter_map(|p| std::fs::read_to_string(project.root.join(p)).ok())
            .flat_map(|t| {
                outline::extract(&t).entries.into_iter().map(|e| e.id).filter(|id| !id.starts_with('-'))
            })
            .collect()
    };
    let source_messages = messages(&project.source);
    let sources = project.sources();
    // Locale by locale in parallel, in their order.
    project
        .locales
        .par_iter()
        .map(|l| {
            let is_source = l.tag == project.source;
            let articles = project.articles.get(&l.tag);
            let mut s = LocaleStatus {
                locale: l.tag.clone(),
                source: is_source,
                articles: sources.len(),
                up_to_date: 0,
                stale: 0,
                untracked: 0,
                missing: 0,
                orphaned: 0,
                percent_up_to_date: 0.0,
                ui_messages: source_messages.len(),
                ui_translated: 0,
            };
            if is_source {
                s.up_to_date = sources.len();
            } else {
                for rel in sources.keys() {
                    s.count(of_article(project, &l.tag, rel), 1);
                }
                s.orphaned =
                    articles.map_or(0, |a| a.keys().filter(|rel| !sources.contains_key(*rel)).count());
            }
            let ours = messages(&l.tag);
            s.ui_translated = source_messages.iter().filter(|m| ours.contains(*m)).count();
            s.percent_up_to_date = percent(s.up_to_date, s.articles);
            s
        })
        .collect()
}

/// Where one source article stands in one locale that is not the source.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Standing {
    /// Translated from the current source.
    UpToDate,
    /// Translated from an older source.
    Stale,
    /// Translated, recording no fingerprint.
    Untracked,
    /// Not translated.
    Missing,
}

/// Where source article `rel` stands in `locale` (not the source locale).
#[must_use]
pub fn of_article(project: &Project, locale: &str, rel: &str) -> Standing {
    let key = &project.config.content.fingerprint_key;
    match (project.article(locale, rel), project.sources().get(rel)) {
        (None, _) => Standing::Missing,
        (Some(t), source) => match t.front.text(key) {
            None => Standing::Untracked,
            Some(r) if source.is_some_and(|s| s.has_fingerprint(r)) => Standing::UpToDate,
            Some(_) => Standing::Stale,
        },
    }
}

impl LocaleStatus {
    /// Counts `by` more (or fewer) articles standing as `standing`.
    pub fn count(&mut self, standing: Standing, by: isize) {
        let n = match standing {
            Standing::UpToDate => &mut self.up_to_date,
            Standing::Stale => &mut self.stale,
            Standing::Untracked => &mut self.untracked,
            Standing::Missing => &mut self.missing,
        };
        *n = n.saturating_add_signed(by);
        self.percent_up_to_date = percent(self.up_to_date, self.articles);
    }
}

/// `part / whole` as a percentage with one decimal; 100 for an empty whole.
#[must_use]
#[allow(clippy::cast_precision_loss)]
pub fn percent(part: usize, whole: usize) -> f64 {
    if whole == 0 {
        return 100.0;
    }
    (part as f64 * 1000.0 / whole as f64).round() / 10.0
}
