//! tolk reads a multilingual documentation project and publishes it.
//!
//! The pipeline runs one way: [`config`] reads `book.toml`; [`content`]
//! discovers locale folders and reads each article's front matter;
//! [`markdown`] strips embedded source segments, resolves DocFX extensions
//! and renders bodies; [`l10n`] loads the Fluent chrome strings; [`render`]
//! lays out every page of every locale and writes the site atomically; and
//! [`report`] turns the findings ([`diagnostic::Diagnostic`]) each stage
//! collected into output for people and machines. Findings never stop a
//! stage; [`error::Error`] does.

pub mod cache;
pub mod check;
pub mod cli;
pub mod config;
pub mod content;
pub mod diagnostic;
pub mod error;
pub mod l10n;
pub mod markdown;
mod pipeline;
pub mod progress;
pub mod render;
pub mod report;
pub mod rules;
pub mod serve;
pub mod status;
pub mod watch;

use diagnostic::Diagnostic;
use error::Error;
use progress::Progress;
use std::path::{Path, PathBuf};

pub use pipeline::{build, build_warm, check_cached, BuildOptions, BuildOutcome, Reuse, Warm};

/// How a run ended, as the process exit code.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Exit {
    /// 0: success, no error-level findings.
    Clean = 0,
    /// 1: the content has error-level findings.
    Findings = 1,
    /// 2: the tool could not run.
    Failure = 2,
}

/// What a check found.
#[derive(Debug)]
pub struct CheckOutcome {
    /// Every finding, sorted.
    pub findings: Vec<Diagnostic>,
    /// Every file checked, with its locale (for reports that list clean files).
    pub files: Vec<(PathBuf, Option<String>)>,
}

/// Reads `book.toml` and `content/`.
///
/// # Errors
/// The configuration or the content folder is unusable.
pub fn load(root: &Path) -> Result<(content::Project, Vec<Diagnostic>), Error> {
    let config = config::Config::load(root)?;
    content::Project::load(root, config)
}

/// Runs every check, reading every file (no cache: [`check_cached`] is
/// `tolk check`).
///
/// # Errors
/// The configuration or the content folder is unusable.
pub fn check(root: &Path, options: &check::Options, progress: &dyn Progress) -> Result<CheckOutcome, Error> {
    let (project, mut findings) = load(root)?;
    findings.extend(check::run(&project, options, progress));
    progress.finish();
    let findings = check::finish(&project, options, findings);
    let files = checked_files(&project, options);
    // Freeing 100,000 articles one by one is left to another thread, or
    // to the exit.
    cache::drop_later(project);
    Ok(CheckOutcome { findings, files })
}

/// Every file a check of `project` with `options` covers, with its locale:
/// the articles locale by locale, then the Fluent files.
fn checked_files(project: &content::Project, options: &check::Options) -> Vec<(PathBuf, Option<String>)> {
    use rayon::prelude::*;
    let by_locale: Vec<Vec<(PathBuf, Option<String>)>> = project
        .articles
        .par_iter()
        .filter(|(locale, _)| options.wants(Some(locale)))
        .map(|(locale, articles)| articles.values().map(|a| (a.path.clone(), Some(locale.clone()))).collect())
        .collect();
    let mut files: Vec<_> = by_locale.into_iter().flatten().collect();
    for (tag, paths) in l10n::ftl_files(&project.root) {
        if options.wants(Some(&tag)) {
            files.extend(paths.into_iter().map(|p| (p, Some(tag.clone()))));
        }
    }
    files
}

/// `path` shown relative to `root` when it is inside it.
#[must_use]
pub fn display_path(root: &Path, path: &Path) -> String {
    let root = root.canonicalize().unwrap_or_else(|_| root.to_path_buf());
    path.strip_prefix(&root).unwrap_or(path).display().to_string()
}
