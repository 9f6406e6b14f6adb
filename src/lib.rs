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

pub mod check;
pub mod cli;
pub mod config;
pub mod content;
pub mod diagnostic;
pub mod error;
pub mod l10n;
pub mod markdown;
pub mod render;
pub mod report;
pub mod rules;
pub mod status;

use diagnostic::Diagnostic;
use error::Error;
use std::path::{Path, PathBuf};
use std::sync::Arc;

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

/// What `tolk build` is asked to do.
#[derive(Debug, Clone)]
pub struct BuildOptions {
    /// Project root.
    pub root: PathBuf,
    /// Output directory overriding `[build] output`.
    pub out: Option<PathBuf>,
    /// Write the site even when the content has error-level findings.
    pub no_check: bool,
    /// Build only these locales (canonical tags); empty for all.
    pub locales: Vec<String>,
}

/// What a build did.
#[derive(Debug)]
pub struct BuildOutcome {
    /// Every finding, sorted.
    pub findings: Vec<Diagnostic>,
    /// Article pages rendered.
    pub pages: usize,
    /// Locales built.
    pub locales: usize,
    /// Where the site was written; `None` when error-level findings stopped it.
    pub written: Option<PathBuf>,
}

impl BuildOutcome {
    /// The exit code this outcome maps to.
    #[must_use]
    pub fn exit(&self) -> Exit {
        if self.written.is_none() {
            Exit::Findings
        } else {
            Exit::Clean
        }
    }
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

/// Runs every check.
///
/// # Errors
/// The configuration or the content folder is unusable.
pub fn check(root: &Path, options: &check::Options) -> Result<CheckOutcome, Error> {
    let (project, mut findings) = load(root)?;
    findings.extend(check::run(&project, options));
    let findings = check::finish(&project, options, findings);
    let mut files: Vec<(PathBuf, Option<String>)> = project
        .articles
        .values()
        .flat_map(|m| m.values())
        .filter(|a| options.wants(Some(&a.locale)))
        .map(|a| (a.path.clone(), Some(a.locale.clone())))
        .collect();
    for (tag, paths) in l10n::ftl_files(root) {
        if options.wants(Some(&tag)) {
            files.extend(paths.into_iter().map(|p| (p, Some(tag.clone()))));
        }
    }
    files.sort();
    Ok(CheckOutcome { findings, files })
}

/// Checks, then builds the site: render in memory, and write unless the
/// checks or the rendering found error-level findings (or `no_check`).
///
/// # Errors
/// The configuration, content folder or templates are unusable, or the
/// output cannot be written.
pub fn build(options: &BuildOptions) -> Result<BuildOutcome, Error> {
    let root = &options.root;
    let config = config::Config::load(root)?;
    let out = render::output::checked(root, options.out.as_deref().unwrap_or(&config.build.output))?;
    let (project, mut findings) = content::Project::load(root, config)?;
    for tag in &options.locales {
        if !project.locales.iter().any(|l| &l.tag == tag) {
            let known: Vec<&str> = project.locales.iter().map(|l| l.tag.as_str()).collect();
            return Err(Error::UnknownLocale { tag: tag.clone(), known: known.join(", ") });
        }
    }
    let all = check::Options { locales: options.locales.clone() };
    if !options.no_check {
        findings.extend(check::run(&project, &all));
    }
    let tags: Vec<String> = project.locales.iter().map(|l| l.tag.clone()).collect();
    let (localizer, l10n_findings) =
        l10n::Localizer::load(root, &tags, &project.source, project.config.content.max_file_size);
    findings.extend(l10n_findings);
    // Pages are written to a staging directory as they are rendered; it
    // becomes the output only if nothing blocks the build, else it is removed.
    let staging = render::output::Staging::create(&out)?;
    let site = render::render(&project, &Arc::new(localizer), &staging, &options.locales)?;
    findings.extend(site.findings);
    let findings = check::finish(&project, &all, findings);
    let blocked = !options.no_check && check::fails(&findings, false);
    if !blocked {
        staging.commit()?;
    }
    Ok(BuildOutcome {
        findings,
        pages: site.pages,
        locales: if options.locales.is_empty() { project.locales.len() } else { options.locales.len() },
        written: (!blocked).then_some(out),
    })
}

/// `path` shown relative to `root` when it is inside it.
#[must_use]
pub fn display_path(root: &Path, path: &Path) -> String {
    let root = root.canonicalize().unwrap_or_else(|_| root.to_path_buf());
    path.strip_prefix(&root).unwrap_or(path).display().to_string()
}
