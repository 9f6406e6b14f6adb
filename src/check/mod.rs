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
mod session;
mod structure;
mod suppress;
mod translation;
mod untranslated;

pub use pair::{Outlines, Pair};
pub use session::{ByFile, Finished, Session};
pub use translation::check_article as translation_of;

use crate::cache::{Cache, CheckRecord};
use crate::config::Level;
use crate::content::Project;
use crate::diagnostic::{Diagnostic, Severity};

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

/// Runs every check on `project`; returns the findings as found: pass
/// them, with any others, through [`finish`].
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
#[derive(Clone, Copy)]
pub struct Memo<'c> {
    /// The previous build's cache, if it can be used.
    pub prior: Option<&'c Cache>,
    /// [`crate::cache::key::global`] of this run.
    pub global: &'c str,
}

/// Runs every check on `project`, reusing what `memo` holds for articles
/// that did not change; returns the findings as found (see [`finish`])
/// and, with a memo, what to record of each article for the next run.
#[must_use]
pub fn run_with(
    project: &Project,
    options: &Options,
    progress: &dyn crate::progress::Progress,
    memo: Option<&Memo<'_>>,
) -> (Vec<Diagnostic>, Vec<(String, CheckRecord)>) {
    Session::new(project, options, memo.copied()).finish(progress)
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
    let kept: Vec<Diagnostic> = kept.into_iter().filter(|d| !suppressions.silences(d)).collect();
    // The first of each; the keys are borrowed, not copied.
    let mut seen = std::collections::HashSet::with_capacity(kept.len());
    let first: Vec<bool> = kept
        .iter()
        .map(|d| seen.insert((d.path.as_os_str(), &d.span, d.rule, d.locale.as_deref(), d.message.as_str())))
        .collect();
    drop(seen);
    let mut out: Vec<Diagnostic> =
        kept.into_iter().zip(first).filter_map(|(d, first)| first.then_some(d)).collect();
    crate::diagnostic::sort(&mut out);
    out
}

/// Whether error-level findings (or warnings, with `deny_warnings`) fail the run.
#[must_use]
pub fn fails(findings: &[Diagnostic], deny_warnings: bool) -> bool {
    let floor = if deny_warnings { Severity::Warning } else { Severity::Error };
    findings.iter().any(|d| d.severity >= floor)
}
