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
pub mod progress;
pub mod render;
pub mod report;
pub mod rules;
pub mod status;

use diagnostic::Diagnostic;
use error::Error;
use progress::Progress;
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
    /// Reuse the previous build's cache when it can be (else a full build).
    pub incremental: bool,
}

/// What a build did.
#[derive(Debug)]
pub struct BuildOutcome {
    /// Every finding, sorted.
    pub findings: Vec<Diagnostic>,
    /// Article pages of the site.
    pub pages: usize,
    /// Locales built.
    pub locales: usize,
    /// Where the site was written; `None` when error-level findings stopped it.
    pub written: Option<PathBuf>,
    /// How much of the previous build was reused.
    pub reuse: Reuse,
}

/// What an incremental build did; a full build renders and writes everything.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Reuse {
    /// Whether the previous build's cache was used.
    pub incremental: bool,
    /// Article pages rendered.
    pub rendered: usize,
    /// Files written into the output.
    pub written: usize,
    /// Files removed from the output.
    pub removed: usize,
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
pub fn check(root: &Path, options: &check::Options, progress: &dyn Progress) -> Result<CheckOutcome, Error> {
    let (project, mut findings) = load(root)?;
    findings.extend(check::run(&project, options, progress));
    progress.finish();
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

/// Checks, then builds the site, and writes it unless the checks or the
/// rendering found error-level findings (or `no_check`).
///
/// Without a usable cache (first build, `incremental` off, or a change to
/// what every page depends on), pages are written to a staging directory
/// that replaces the output in one step. With one, only articles whose
/// inputs changed are checked and rendered again, and only files whose bytes
/// changed are written (see [`render::in_place`]).
///
/// # Errors
/// The configuration, content folder or templates are unusable, or the
/// output cannot be written.
pub fn build(options: &BuildOptions, progress: &dyn Progress) -> Result<BuildOutcome, Error> {
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
    let global = cache::key::global(&project, &options.locales);
    let prior = if options.incremental { cache::Cache::load(&out, &global) } else { None };
    let all = check::Options { locales: options.locales.clone() };
    let mut check_records = Vec::new();
    if !options.no_check {
        let memo = check::Memo { prior: prior.as_ref(), global: &global };
        let (found, records) = check::run_with(&project, &all, progress, Some(&memo));
        findings.extend(found);
        check_records = records;
    }
    let tags: Vec<String> = project.locales.iter().map(|l| l.tag.clone()).collect();
    let (localizer, l10n_findings) =
        l10n::Localizer::load(root, &tags, &project.source, project.config.content.max_file_size);
    findings.extend(l10n_findings);
    let localizer = Arc::new(localizer);
    let target = |sink| render::Target {
        only: &options.locales,
        sink,
        prior: prior.as_ref(),
        global: &global,
        progress,
    };
    let (site, written, reuse) = if let Some(prior) = &prior {
        // Changed files go to a staging directory, moved in file by file
        // once nothing blocks the build.
        let sink = render::in_place::InPlace::new(&out, &prior.files);
        let site = render::render(&project, &localizer, &target(&sink));
        progress.finish();
        let site = site?;
        findings.extend(site.findings.iter().cloned());
        findings = check::finish(&project, &all, findings);
        let blocked = !options.no_check && check::fails(&findings, false);
        let mut written: Vec<(String, cache::Written)> = render::output::Sink::written(&sink);
        written.extend(site.carried.iter().cloned());
        let mut reuse = Reuse { incremental: true, rendered: site.rendered, ..Reuse::default() };
        if !blocked {
            let keep: std::collections::HashSet<&str> = written.iter().map(|(p, _)| p.as_str()).collect();
            (reuse.written, reuse.removed) = sink.commit(&keep)?;
        }
        (site, (!blocked).then_some(written), reuse)
    } else {
        // Pages are written to a staging directory as they are rendered; it
        // becomes the output only if nothing blocks the build.
        let staging = render::output::Staging::create(&out)?;
        let site = render::render(&project, &localizer, &target(&staging));
        progress.finish();
        let site = site?;
        findings.extend(site.findings.iter().cloned());
        findings = check::finish(&project, &all, findings);
        let blocked = !options.no_check && check::fails(&findings, false);
        let written = render::output::Sink::written(&staging);
        let reuse = Reuse { incremental: false, rendered: site.rendered, written: written.len(), removed: 0 };
        if !blocked {
            cache::Cache::remove(&out);
            staging.commit()?;
        }
        (site, (!blocked).then_some(written), reuse)
    };
    if let Some(files) = &written {
        // Checks skipped by --no-check leave nothing to reuse next time.
        let checks = check_records.into_iter().collect();
        let cache = cache::Cache {
            format: cache::FORMAT,
            global,
            files: files.iter().cloned().collect(),
            pages: site.records.into_iter().collect(),
            checks,
        };
        cache.save(&out);
    }
    Ok(BuildOutcome {
        findings,
        pages: site.pages,
        locales: if options.locales.is_empty() { project.locales.len() } else { options.locales.len() },
        written: written.is_some().then_some(out),
        reuse,
    })
}

/// `path` shown relative to `root` when it is inside it.
#[must_use]
pub fn display_path(root: &Path, path: &Path) -> String {
    let root = root.canonicalize().unwrap_or_else(|_| root.to_path_buf());
    path.strip_prefix(&root).unwrap_or(path).display().to_string()
}
