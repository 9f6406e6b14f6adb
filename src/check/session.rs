//! One run of the checks, in two passes: each article on its own, recording
//! its anchor ids; then links into other articles' anchors. A caller that
//! already parsed an article (a build renders every page) hands its outline
//! in with [`Session::article`], so the body is not parsed twice; whatever
//! was not handed in is checked by [`Session::finish`], in parallel.

use super::{compare, links, pair, translation, Memo, Options, Outlines};
use crate::cache::key::Key;
use crate::cache::{CheckRecord, Finding};
use crate::content::resolve::{path_string, Index};
use crate::content::{Article, Project};
use crate::diagnostic::Diagnostic;
use crate::markdown::outline::{self, Outline};
use rayon::prelude::*;
use std::sync::OnceLock;

/// The checks of one project, article by article.
pub struct Session<'p> {
    project: &'p Project,
    index: Index<'p>,
    outlines: Outlines<'p>,
    memo: Option<Memo<'p>>,
    /// The articles whose findings are wanted, in project order.
    units: Vec<&'p Article>,
    /// Indexes of `units` by locale tag, then path, for a binary search;
    /// `None` when `units` are in that order already (a whole project).
    sorted: Option<Vec<usize>>,
    /// Indexes of `units` by the article's address: callers hand in the
    /// project's own articles, found here without comparing any string.
    by_address: rustc_hash::FxHashMap<usize, usize>,
    /// The first pass of each unit, once it is done.
    firsts: Vec<OnceLock<First<'p>>>,
}

/// Findings by the file of the article whose checks made them.
pub type ByFile = Vec<(String, Vec<Diagnostic>)>;

/// What a session found, by family.
pub struct Finished {
    /// The articles' own checks, by article file, in project order (those
    /// with none left out).
    pub articles: ByFile,
    /// Which translations exist and which source version they were made from.
    pub translation: Vec<Diagnostic>,
    /// The Fluent files.
    pub fluent: Vec<Diagnostic>,
    /// What the cache records of each article's checks (with a memo).
    pub records: Vec<(String, CheckRecord)>,
}

/// One article's findings, and what the cache records of it (by file).
type Checked = (Vec<Diagnostic>, Option<(String, CheckRecord)>);

/// One article after the first pass.
enum First<'p> {
    /// Reused from the memo: nothing left to do.
    Done(Checked),
    /// Checked on its own; its links into other articles' anchors remain.
    Pending { file: String, key: Option<String>, found: Vec<Diagnostic>, links: Vec<links::Pending<'p>> },
}

/// Where an article is in memory, which tells it from any other while the
/// session borrows the project.
fn address(article: &Article) -> usize {
    std::ptr::from_ref(article) as usize
}

/// What orders articles for [`Session::slot`]'s search.
fn key(article: &Article) -> (&str, &str) {
    (article.locale.as_str(), article.rel.as_str())
}

impl<'p> Session<'p> {
    /// The checks of the locales `options` wants, reusing what `memo` holds
    /// for articles that did not change.
    #[must_use]
    pub fn new(project: &'p Project, options: &Options, memo: Option<Memo<'p>>) -> Self {
        let units: Vec<&Article> = project
            .articles
            .iter()
            .filter(|(locale, _)| options.wants(Some(locale)))
            .flat_map(|(_, m)| m.values())
            .collect();
        Self::of(project, options, memo, units)
    }

    /// The checks of `units` only (articles of `project`, in project
    /// order), for a rebuild that knows which articles an edit touched;
    /// [`Session::finish_articles`] gives their findings.
    #[must_use]
    pub fn of(
        project: &'p Project,
        options: &Options,
        memo: Option<Memo<'p>>,
        units: Vec<&'p Article>,
    ) -> Self {
        // A locale's checks read its own articles and the source's, nothing else.
        let read = |locale: &str| locale == project.source || options.wants(Some(locale));
        let firsts = units.iter().map(|_| OnceLock::new()).collect();
        let sorted = (!units.is_sorted_by_key(|a| key(a))).then(|| {
            let mut order: Vec<usize> = (0..units.len()).collect();
            order.sort_by_key(|&i| key(units[i]));
            order
        });
        let by_address = units.iter().enumerate().map(|(i, a)| (address(a), i)).collect();
        Self {
            project,
            index: Index::new(project),
            outlines: Outlines::new(project, &read),
            memo,
            units,
            sorted,
            by_address,
            firsts,
        }
    }

    /// Whether the outline of `article` would be used: its findings are
    /// wanted and it has not been checked yet.
    #[must_use]
    pub fn wants(&self, article: &Article) -> bool {
        self.slot(article).is_some_and(|i| self.firsts[i].get().is_none())
    }

    /// The index of `article` in `units`, if its findings are wanted.
    fn slot(&self, article: &Article) -> Option<usize> {
        if let Some(&i) = self.by_address.get(&address(article)) {
            return Some(i);
        }
        // Another copy of an article: found by its locale and path.
        let wanted = key(article);
        match &self.sorted {
            None => self.units.binary_search_by(|a| key(a).cmp(&wanted)).ok(),
            Some(order) => {
                order.binary_search_by(|&i| key(self.units[i]).cmp(&wanted)).ok().map(|at| order[at])
            }
        }
    }

    /// Checks the pages of one article from the outlines its caller made of
    /// them. The source's outline serves its translations here and is then
    /// dropped, where one extracted by the checks themselves is kept for
    /// translations checked later.
    pub fn article(&self, pages: &[(&Article, Outline)]) {
        let source = pages.iter().find(|(a, _)| a.locale == self.project.source).map(|(_, o)| o);
        for (a, outline) in pages {
            let Some(i) = self.slot(a) else {
                continue;
            };
            // `units[i]` is `a` itself, borrowed for as long as the session.
            let _ = self.firsts[i].set(self.first(self.units[i], Some(outline), source));
        }
    }

    /// Checks what was not handed in, then links into other articles'
    /// anchors, the locale folders as a whole and the Fluent files; returns
    /// the findings as found (see [`super::finish`]) and what to record of
    /// each article when there is a memo.
    #[must_use]
    pub fn finish(
        self,
        progress: &dyn crate::progress::Progress,
    ) -> (Vec<Diagnostic>, Vec<(String, CheckRecord)>) {
        let Finished { articles, mut translation, fluent, records } = self.finish_parts(progress);
        translation.extend(articles.into_iter().flat_map(|(_, found)| found));
        translation.extend(fluent);
        (translation, records)
    }

    /// [`Session::finish`], each family's findings apart.
    #[must_use]
    pub fn finish_parts(self, progress: &dyn crate::progress::Progress) -> Finished {
        let project = self.project;
        let (articles, records) = self.finish_articles(progress);
        let translation = translation::check(project);
        let fluent = super::fluent::check(project);
        Finished { articles, translation, fluent, records }
    }

    /// Checks the units that were not handed in, then their links into
    /// other articles' anchors; the findings of each unit that has some, by
    /// its file (not
    /// the locale folders' or the Fluent files'), and what to record of
    /// each article when there is a memo.
    #[must_use]
    pub fn finish_articles(
        mut self,
        progress: &dyn crate::progress::Progress,
    ) -> (ByFile, Vec<(String, CheckRecord)>) {
        let firsts = std::mem::take(&mut self.firsts);
        progress.start("checking", firsts.iter().filter(|f| f.get().is_none()).count() as u64);
        let first: Vec<First<'p>> = firsts
            .into_par_iter()
            .zip(self.units.par_iter())
            .map(|(done, a)| {
                done.into_inner().unwrap_or_else(|| {
                    let result = self.first(a, None, None);
                    progress.advance(1);
                    result
                })
            })
            .collect();
        // Every article's anchors are known by now.
        let done: Vec<Checked> = first.into_par_iter().map(|f| self.second(f)).collect();
        let mut findings = Vec::new();
        let mut records = Vec::new();
        for ((found, record), a) in done.into_iter().zip(&self.units) {
            if !found.is_empty() {
                findings.push((path_string(&a.path), found));
            }
            records.extend(record);
        }
        // The outlines of every source and the anchors of every article.
        crate::cache::release(self);
        (findings, records)
    }

    /// The first pass over one article: reuse the memo when its inputs did
    /// not change, else compare it with its source and check its links and
    /// includes, except links into other articles' anchors. Its outline is
    /// `given`, else extracted here (and kept if it is a source's); its
    /// source's is `source_given`, else kept in `outlines`.
    fn first(&self, a: &'p Article, given: Option<&Outline>, source_given: Option<&Outline>) -> First<'p> {
        let file = path_string(&a.path);
        let source = (a.locale != self.project.source).then(|| self.project.sources().get(&a.rel)).flatten();
        let key = self.memo.map(|m| {
            let source_hash = source.map_or("\0none", |s| s.hash.as_str());
            Key::new().with(m.global).with(&file).with(&a.hash).with(source_hash).finish()
        });
        let previous = self.memo.and_then(|m| m.prior?.checks.get(&file));
        if let (Some(record), Some(key)) = (previous, &key) {
            let deps_same = record.deps.iter().all(|(path, hash)| self.hash_of(path) == *hash);
            if record.key == *key && deps_same {
                if let Some(findings) = Finding::restore(&record.findings) {
                    return First::Done((findings, Some((file, record.clone()))));
                }
            }
        }
        // A source's outline serves all its translations and is kept; a
        // translation's serves its own checks and is dropped after them
        // (its anchor ids are kept for links into it).
        let own_outline;
        let own = match given {
            Some(o) => o,
            None if source.is_some() => {
                own_outline = outline::extract(a.body());
                &own_outline
            }
            None => match self.outlines.get(&a.locale, &a.rel) {
                Some(o) => o,
                None => return First::Done((Vec::new(), None)),
            },
        };
        let mut found = Vec::new();
        if let Some(p) = pair::pair(self.project, (&self.outlines, source_given), a, own) {
            found = compare(&p, &self.project.config.check.protected_keys);
        }
        let links = links::article(&self.index, &self.outlines, (a, own), &file, &mut found);
        First::Pending { file, key, found, links }
    }

    /// The second pass: links into other articles' anchors, then the record.
    fn second(&self, first: First<'p>) -> Checked {
        let (file, key, mut found, links) = match first {
            First::Done(checked) => return checked,
            First::Pending { file, key, found, links } => (file, key, found, links),
        };
        let mut deps = Vec::new();
        links::resolve(&self.index, &self.outlines, &links, &mut found, &mut deps);
        let record = key.map(|key| {
            deps.sort();
            deps.dedup();
            let deps = deps.into_iter().map(|p| (self.hash_of(&p), p)).map(|(h, p)| (p, h)).collect();
            (file, CheckRecord { key, deps, findings: Finding::store(&found) })
        });
        (found, record)
    }

    /// The hash of an article's text, by its path.
    fn hash_of(&self, path: &str) -> String {
        self.project.article_at(std::path::Path::new(path)).map_or_else(String::new, |a| a.hash.clone())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_units_in_any_order() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        std::fs::write(root.join("book.toml"), "[book]\ntitle = \"T\"\nlocales = [\"en-US\", \"da-DK\"]\n")
            .unwrap();
        for (locale, rel) in [("en-US", "a.md"), ("en-US", "b.md"), ("da-DK", "a.md"), ("da-DK", "b.md")] {
            let dir = root.join("content").join(locale);
            std::fs::create_dir_all(&dir).unwrap();
            std::fs::write(dir.join(rel), format!("---\ntitle: {rel}\n---\n\nText.\n")).unwrap();
        }
        let (project, _) = crate::load(root).unwrap();
        let article = |locale: &str, rel: &str| project.article(locale, rel).unwrap();
        let options = Options::default();
        // The switcher's order (en-US before da-DK), as a rebuild lists them.
        let units = vec![article("en-US", "b.md"), article("da-DK", "a.md")];
        let session = Session::of(&project, &options, None, units);
        assert!(session.wants(article("en-US", "b.md")));
        assert!(session.wants(article("da-DK", "a.md")));
        assert!(!session.wants(article("en-US", "a.md")));
        assert!(!session.wants(article("da-DK", "b.md")));
        // A whole project, in its own order.
        let session = Session::new(&project, &options, None);
        for (locale, rel) in [("en-US", "a.md"), ("en-US", "b.md"), ("da-DK", "a.md"), ("da-DK", "b.md")] {
            assert!(session.wants(article(locale, rel)), "{locale} {rel}");
        }
    }
}
