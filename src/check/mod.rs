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

use crate::config::Level;
use crate::content::Project;
use crate::diagnostic::{Diagnostic, Severity};
use rayon::prelude::*;

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
pub fn run(project: &Project, options: &Options) -> Vec<Diagnostic> {
    // A locale's checks read its own articles and the source's, nothing else.
    let read = |locale: &str| locale == project.source || options.wants(Some(locale));
    let outlines = Outlines::new(project, &read);
    let index = crate::content::resolve::Index::new(project);
    let mut findings: Vec<Diagnostic> = translation::check(project);
    let mut pairs = pair::pairs(project, &outlines);
    pairs.retain(|p| options.wants(Some(p.locale)));
    let protected = &project.config.check.protected_keys;
    let per_pair: Vec<Vec<Diagnostic>> = pairs.par_iter().map(|p| compare(p, protected)).collect();
    findings.extend(per_pair.into_iter().flatten());
    findings.extend(links::check(&index, &outlines, &|locale| options.wants(Some(locale))));
    findings.extend(fluent::check(project));
    finish(project, options, findings)
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
    let suppressions = suppress::Suppressions::new(&project.root);
    let mut seen = std::collections::HashSet::new();
    let mut out: Vec<Diagnostic> = findings
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
