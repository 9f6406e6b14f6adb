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
    let outlines = Outlines::new(project);
    let index = crate::content::resolve::Index::new(project);
    let mut findings: Vec<Diagnostic> = translation::check(project);
    let pairs = pair::pairs(project, &outlines);
    let per_pair: Vec<Vec<Diagnostic>> = pairs
        .par_iter()
        .map(|p| {
            let mut f = Vec::new();
            front_matter::check(p, &project.config.check.protected_keys, &mut f);
            structure::check(p, &mut f);
            html::check(p, &mut f);
            untranslated::check(p, &mut f);
            segments::check(p, &mut f);
            f
        })
        .collect();
    findings.extend(per_pair.into_iter().flatten());
    findings.extend(links::check(&index, &outlines));
    findings.extend(fluent::check(project));
    finish(project, options, findings)
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
