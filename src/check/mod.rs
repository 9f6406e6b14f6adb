//! Owns the checks: every way a translation drifts from its source, and
//! every way a Fluent file drifts from the source locale's. One file per rule
//! family; this file runs them (in parallel over articles), applies the
//! configured severities and the files' own `tolk-disable` comments, and
//! returns the findings sorted.

mod fluent;
mod front_matter;
mod html;
mod links;
mod pair;
mod segments;

mod structure;
mod suppress;
mod translation;
mod untranslated;

pub use pair::{Outlines, Pair};

use crate::cache::key::Key;
use crate::cache::{Cache, CheckRecord, Finding};
use crate::config::Level;
use crate::content::resolve::path_string;
use crate::content::{Article, Project};
use crate::diagnostic::{Diagnostic, Severity};
use rayon::prelude::*;
use std::collections::HashMap;

/// What to check.
#[derive(Debug, Clone, Default)]
pub struct Options {
    /// Only these locales (canonical tags); empty for all.
    pub locales: Vec<String>,
}

impl Options {
    /// Whether findings of `locale` are wanted.
    #[must_use]
    pub fn wants(&self, locale: Option<&str>) -> bool {
        self.locales.is_empty() || locale.is_some_and(|l| self.locales.iter().any(|w| w == l))
    }
}

/// Runs every check on `project`.
#[must_use]
pub fn run(
    project: &Project,
    options: &Options,
    progress: &dyn crate::progress::Progress,
) -> Vec<Diagnostic> {
    run_with(project, options, progress, None).0
}

/// What an incremental run reuses: the previous build's findings for each
/// article whose inputs have the same key.
pub struct Memo<'c> {
    /// The previous build's cache, if it can be used.
    pub prior: Option<&'c Cache>,
    /// [`crate::cache::key::global`] of this run.
    pub global: &'c str,
}

/// Runs every check on `project`, reusing what `memo` holds for articles
/// that did not change; returns the findings and, with a memo, what to
/// record of each article for the next run.
#[must_use]
pub fn run_with(
    project: &Project,
    options: &Options,
    progress: &dyn crate::progress::Progress,
    memo: Option<&Memo<'_>>,
) -> (Vec<Diagnostic>, Vec<(String, CheckRecord)>) {
    // A locale's checks read its own articles and the source's, nothing else.
    let read = |locale: &str| locale == project.source || options.wants(Some(locale));
    let outlines = Outlines::new(project, &read);
    let index = crate::content::resolve::Index::new(project);
    let by_path: HashMap<String, &Article> =
        project.articles.values().flat_map(|m| m.values()).map(|a| (path_string(&a.path), a)).collect();
    let units: Vec<&Article> = project
        .articles
        .iter()
        .filter(|(locale, _)| options.wants(Some(locale)))
        .flat_map(|(_, m)| m.values())
        .collect();
    let run = Run { project, index: &index, outlines: &outlines, by_path: &by_path, memo };
    progress.start("checking", units.len() as u64);
    // Two passes: the first checks each article on its own and records its
    // anchors; the second checks links into other articles' anchors, all
    // of which are known by then.
    let first: Vec<First> = units
        .par_iter()
        .map(|a| {
            let result = run.first(a);
            progress.advance(1);
            result
        })
        .collect();
    let done: Vec<Checked> = first.into_par_iter().map(|f| run.second(f)).collect();
    let mut findings: Vec<Diagnostic> = translation::check(project);
    let mut records = Vec::new();
    for (found, record) in done {
        findings.extend(found);
        records.extend(record);
    }
    findings.extend(fluent::check(project));
    (finish(project, options, findings), records)
}

/// One article's findings, and what the cache records of it (by file).
type Checked = (Vec<Diagnostic>, Option<(String, CheckRecord)>);

/// One article after the first pass.
enum First {
    /// Reused from the memo: nothing left to do.
    Done(Checked),
    /// Checked on its own; its links into other articles' anchors remain.
    Pending { file: String, key: Option<String>, found: Vec<Diagnostic>, links: Vec<links::Pending> },
}

/// What checking one article needs.
struct Run<'r, 'p> {
    project: &'p Project,
    index: &'r crate::content::resolve::Index<'p>,
    outlines: &'r Outlines<'p>,
    by_path: &'r HashMap<String, &'p Article>,
    memo: Option<&'r Memo<'r>>,
}

impl Run<'_, '_> {
    /// The first pass over one article: reuse the memo when its inputs did
    /// not change, else compare it with its source and check its links and
    /// includes, except links into other articles' anchors.
    fn first(&self, a: &Article) -> First {
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
        let own = if source.is_some() {
            own_outline = crate::markdown::outline::extract(a.body());
            &own_outline
        } else {
            match self.outlines.get(&a.locale, &a.rel) {
                Some(o) => o,
                None => return First::Done((Vec::new(), None)),
            }
        };
        let mut found = Vec::new();
        if let Some(p) = pair::pair(self.project, self.outlines, a, own) {
            found = compare(&p, &self.project.config.check.protected_keys);
        }
        let links = links::article(self.index, self.outlines, (a, own), &file, &mut found);
        First::Pending { file, key, found, links }
    }

    /// The second pass: links into other articles' anchors, then the record.
    fn second(&self, first: First) -> Checked {
        let (file, key, mut found, links) = match first {
            First::Done(checked) => return checked,
            First::Pending { file, key, found, links } => (file, key, found, links),
        };
        let mut deps = Vec::new();
        links::resolve(self.index, self.outlines, &links, &mut found, &mut deps);
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
        self.by_path.get(path).map_or_else(String::new, |a| a.hash.clone())
    }
}

/// Every family that compares one translation with its source.
fn compare(pair: &Pair<'_>, protected: &[String]) -> Vec<Diagnostic> {
    let mut f = Vec::new();
    front_matter::check(pair, protected, &mut f);
    structure::check(pair, &mut f);
    html::check(pair, &mut f);
    untranslated::check(pair, &mut f);
    segments::check(pair, &mut f);
    f
}

/// Compares a translation's text with its source's, in memory, with the
/// default settings: the findings `tolk check` would make for the pair
/// (spans into `translation`). For embedding tolk, and for the fuzzers.
#[must_use]
pub fn compare_texts(source: &str, translation: &str, locale: &str) -> Vec<Diagnostic> {
    let (source, _) =
        crate::content::Article::parse("en-US", "a.md", "content/en-US/a.md".into(), source.to_string());
    let (translation, _) = crate::content::Article::parse(
        locale,
        "a.md",
        format!("content/{locale}/a.md").into(),
        translation.to_string(),
    );
    let source_outline = crate::markdown::outline::extract(source.body());
    let outline = crate::markdown::outline::extract(translation.body());
    let key = crate::config::ContentSection::default().fingerprint_key;
    let stale = translation.front.text(&key).is_some_and(|r| !source.has_fingerprint(r));
    let pair = Pair {
        locale,
        source: &source,
        source_outline: &source_outline,
        translation: &translation,
        outline: &outline,
        stale,
    };
    compare(&pair, &crate::config::CheckSection::default().protected_keys)
}

/// Applies configured severities, staleness caps, locale filter and
/// `tolk-disable` comments, then sorts. Also used for findings made by other
/// stages (`tolk build`), so that configuration applies to every finding.
#[must_use]
pub fn finish(project: &Project, options: &Options, findings: Vec<Diagnostic>) -> Vec<Diagnostic> {
    let kept: Vec<Diagnostic> = findings
        .into_iter()
        .filter(|d| options.wants(d.locale.as_deref()))
        .filter_map(|mut d| {
            match project.config.level(d.rule) {
                Some(Level::Off) => return None,
                Some(Level::Error) => d.severity = Severity::Error,
                Some(Level::Warning) => d.severity = Severity::Warning,
                Some(Level::Info) => d.severity = Severity::Info,
                None => {}
            }
            if d.capped {
                d.severity = d.severity.min(Severity::Warning);
            }
            Some(d)
        })
        .collect();
    let suppressions = suppress::Suppressions::new(project, &kept);
    let mut seen = std::collections::HashSet::new();
    let mut out: Vec<Diagnostic> = kept
        .into_iter()
        .filter(|d| !suppressions.silences(d))
        .filter(|d| {
            seen.insert((d.path.clone(), d.span.clone(), d.rule, d.locale.clone(), d.message.clone()))
        })
        .collect();
    crate::diagnostic::sort(&mut out);
    out
}

/// Whether error-level findings (or warnings, with `deny_warnings`) fail the run.
#[must_use]
pub fn fails(findings: &[Diagnostic], deny_warnings: bool) -> bool {
    let floor = if deny_warnings { Severity::Warning } else { Severity::Error };
    findings.iter().any(|d| d.severity >= floor)
}
