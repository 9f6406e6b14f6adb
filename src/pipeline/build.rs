//! `tolk build` end to end: configuration, content (front matter from the
//! cache where the file did not change), rendering with the checks (each
//! article parsed once for both), and the write:
//! a full build swaps a new site in; an incremental one moves in the files
//! that changed. The cache is saved last.

use crate::cache::{self, snapshot, Cache, CheckRecord, Written};
use crate::diagnostic::Diagnostic;
use crate::error::Error;
use crate::progress::Progress;
use crate::render::{self, output::Sink, RenderedSite};
use crate::{check, config, content, l10n, Exit};
use std::path::{Path, PathBuf};
use std::sync::{Arc, OnceLock};
use std::time::{Duration, Instant};

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
    /// Wall time of each stage: `read` (configuration, content, front
    /// matter), `render` (pages, and the checks of the articles rendered,
    /// from the same parse), `check` (the rest of the checks, and the
    /// findings), `write` (the site landing, and the cache).
    pub timings: Vec<(&'static str, Duration)>,
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
    /// Whether no input or output had changed since the last build, which
    /// was then answered from its snapshot without reading anything.
    pub unchanged: bool,
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
    let started = Instant::now();
    let taken = std::time::SystemTime::now();
    let root = &options.root;
    let config = config::Config::load(root)?;
    let out = render::output::checked(root, options.out.as_deref().unwrap_or(&config.build.output))?;
    let identity = snapshot::identity(&format!(
        "{} no-check={} locales={}",
        root.canonicalize().unwrap_or_else(|_| root.clone()).display(),
        options.no_check,
        options.locales.join(",")
    ));
    let inputs = snapshot::inputs(root, &out, taken);
    if options.incremental {
        if let Some(done) = snapshot::unchanged(&inputs, &out, &identity) {
            return Ok(unchanged(done, out, started.elapsed()));
        }
    }
    snapshot::remove(&out);
    // The cache is decoded while the content is read: neither needs the other.
    let cached = options.incremental.then(|| {
        let out = out.clone();
        std::thread::spawn(move || Cache::read(&out))
    });
    let fronts = options.incremental.then(|| Cache::read_fronts(&out));
    let recall = fronts.as_ref().map(|f| f.recall(&inputs));
    let known: content::Known<'_> = match &recall {
        Some(recall) => recall,
        None => &content::NoRecall,
    };
    let (project, mut findings) = content::Project::load_with(root, config, known)?;
    let rewrite_fronts = fronts.as_ref().is_none_or(|f| f.stale(project.article_count()));
    for tag in &options.locales {
        if !project.locales.iter().any(|l| &l.tag == tag) {
            let known: Vec<&str> = project.locales.iter().map(|l| l.tag.as_str()).collect();
            return Err(Error::UnknownLocale { tag: tag.clone(), known: known.join(", ") });
        }
    }
    let global = cache::key::global(&project, &options.locales);
    let prior = cached.and_then(|c| c.join().ok().flatten()).filter(|c| c.global == global);
    let read = started.elapsed();
    let all = check::Options { locales: options.locales.clone() };
    // The checks take the outline of each article the render parses, and
    // check the rest once the pages are done.
    let memo = check::Memo { prior: prior.as_ref(), global: &global };
    let session = (!options.no_check).then(|| check::Session::new(&project, &all, Some(memo)));
    let tags: Vec<String> = project.locales.iter().map(|l| l.tag.clone()).collect();
    let (localizer, l10n_findings) =
        l10n::Localizer::load(root, &tags, &project.source, project.config.content.max_file_size);
    findings.extend(l10n_findings);
    let run = Run {
        options,
        project: &project,
        localizer: Arc::new(localizer),
        out: &out,
        global: &global,
        progress,
        done: OnceLock::new(),
    };
    let landed = match &prior {
        Some(prior) => run.incremental(prior, findings, session)?,
        None => run.full(findings, session)?,
    };
    let locales = if options.locales.is_empty() { project.locales.len() } else { options.locales.len() };
    let (rendered, checked) =
        run.done.get().map_or((read, read), |(r, c)| (r.duration_since(started), c.duration_since(started)));
    if let Some(files) = &landed.files {
        let cache_run = CacheRun { rewrite_fronts, reuse: landed.reuse, checks: landed.checks };
        drop(run);
        let done = snapshot::Unchanged { findings: landed.findings.clone(), pages: landed.pages, locales };
        // The snapshot is encoded and written beside the cache's files.
        std::thread::scope(|scope| {
            scope.spawn(|| snapshot::save(&out, &identity, &inputs, files, &done));
            save(project, (&out, &global, &inputs), prior, cache_run, files, landed.site);
        });
        cache::drop_later(inputs);
    }
    let timings = vec![
        ("read", read),
        ("render", rendered.saturating_sub(read)),
        ("check", checked.saturating_sub(rendered)),
        ("write", started.elapsed().saturating_sub(checked)),
    ];
    Ok(BuildOutcome {
        timings,
        pages: landed.pages,
        locales,
        written: landed.files.is_some().then_some(out),
        reuse: landed.reuse,
        findings: landed.findings,
    })
}

/// The outcome of a build whose inputs and outputs are as the last one left
/// them: its findings again, nothing read, nothing written.
fn unchanged(done: snapshot::Unchanged, out: PathBuf, read: Duration) -> BuildOutcome {
    BuildOutcome {
        findings: done.findings,
        pages: done.pages,
        locales: done.locales,
        written: Some(out),
        reuse: Reuse { incremental: true, unchanged: true, ..Reuse::default() },
        timings: vec![
            ("read", read),
            ("check", Duration::ZERO),
            ("render", Duration::ZERO),
            ("write", Duration::ZERO),
        ],
    }
}

/// What the write stages share.
struct Run<'r> {
    options: &'r BuildOptions,
    project: &'r content::Project,
    localizer: Arc<l10n::Localizer>,
    out: &'r Path,
    global: &'r str,
    progress: &'r dyn Progress,
    /// When rendering, then the checks (and the findings), were done.
    done: OnceLock<(Instant, Instant)>,
}

/// A build after its write stage.
struct Landed {
    /// Every finding, configured and sorted.
    findings: Vec<Diagnostic>,
    site: RenderedSite,
    pages: usize,
    /// The files of the new site; `None` when errors blocked the write.
    files: Option<Vec<(String, Written)>>,
    reuse: Reuse,
    /// What the cache records of each article's checks.
    checks: Vec<(String, CheckRecord)>,
}

impl render::Outlined for check::Session<'_> {
    fn wants(&self, article: &content::Article) -> bool {
        check::Session::wants(self, article)
    }

    fn article(&self, pages: &[(&content::Article, crate::markdown::outline::Outline)]) {
        check::Session::article(self, pages);
    }
}

impl Run<'_> {
    /// Renders, with the checks taking the outlines of what is rendered,
    /// then finishes the checks and applies configuration to every finding;
    /// whether they block the write.
    fn render(
        &self,
        (sink, prior): (&dyn Sink, Option<&Cache>),
        findings: &mut Vec<Diagnostic>,
        session: Option<check::Session<'_>>,
    ) -> Result<Rendered, Error> {
        let target = render::Target {
            only: &self.options.locales,
            sink,
            prior,
            global: self.global,
            progress: self.progress,
            outlines: session.as_ref().map(|s| s as &dyn render::Outlined),
        };
        let site = render::render(self.project, &self.localizer, &target);
        self.progress.finish();
        let site = site?;
        let rendered = Instant::now();
        let mut checks = Vec::new();
        if let Some(session) = session {
            let (found, records) = session.finish(self.progress);
            self.progress.finish();
            findings.extend(found);
            checks = records;
        }
        findings.extend(site.findings.iter().cloned());
        let options = check::Options { locales: self.options.locales.clone() };
        *findings = check::finish(self.project, &options, std::mem::take(findings));
        let blocked = !self.options.no_check && check::fails(findings, false);
        let _ = self.done.set((rendered, Instant::now()));
        Ok(Rendered { site, blocked, checks })
    }

    /// Pages are written to a staging directory as they are rendered; it
    /// becomes the output only if nothing blocks the build.
    fn full(
        &self,
        mut findings: Vec<Diagnostic>,
        session: Option<check::Session<'_>>,
    ) -> Result<Landed, Error> {
        let staging = render::output::Staging::create(self.out)?;
        let Rendered { site, blocked, checks } = self.render((&staging, None), &mut findings, session)?;
        let files = staging.written();
        let reuse = Reuse { rendered: site.rendered, written: files.len(), ..Reuse::default() };
        if !blocked {
            Cache::remove(self.out);
            staging.commit()?;
        }
        Ok(Landed { findings, pages: site.pages, site, files: (!blocked).then_some(files), reuse, checks })
    }

    /// Changed files go to a staging directory and are moved in file by
    /// file once nothing blocks the build.
    fn incremental(
        &self,
        prior: &Cache,
        mut findings: Vec<Diagnostic>,
        session: Option<check::Session<'_>>,
    ) -> Result<Landed, Error> {
        let sink = render::in_place::InPlace::new(self.out, &prior.files);
        let Rendered { site, blocked, checks } = self.render((&sink, Some(prior)), &mut findings, session)?;
        let mut files = sink.written();
        files.extend(site.carried.iter().cloned());
        let mut reuse = Reuse { incremental: true, rendered: site.rendered, ..Reuse::default() };
        if !blocked {
            let keep: std::collections::HashSet<&str> = files.iter().map(|(p, _)| p.as_str()).collect();
            (reuse.written, reuse.removed) = sink.commit(&keep)?;
        }
        Ok(Landed { findings, pages: site.pages, site, files: (!blocked).then_some(files), reuse, checks })
    }
}

/// The site rendered and the checks done.
struct Rendered {
    site: RenderedSite,
    /// Whether the findings block the write.
    blocked: bool,
    /// What the cache records of each article's checks.
    checks: Vec<(String, CheckRecord)>,
}

/// What a build leaves for the cache besides its files and pages.
struct CacheRun {
    /// Whether the article records are to be written again.
    rewrite_fronts: bool,
    reuse: Reuse,
    checks: Vec<(String, CheckRecord)>,
}

/// Saves the cache of a build that landed, unless it would be the same as
/// the one it started from (a build that changed nothing writes nothing).
fn save(
    project: content::Project,
    (out, global, inputs): (&Path, &str, &snapshot::Inputs),
    prior: Option<Cache>,
    now: CacheRun,
    files: &[(String, Written)],
    site: RenderedSite,
) {
    let unchanged = prior.as_ref().is_some_and(|p| {
        (now.reuse.rendered, now.reuse.written, now.reuse.removed) == (0, 0, 0)
            && !now.rewrite_fronts
            && now.checks.len() == p.checks.len()
            && now.checks.iter().all(|(file, r)| p.checks.get(file) == Some(r))
    });
    if unchanged {
        cache::drop_later((project, prior));
        return;
    }
    cache::drop_later(prior);
    // The two files are encoded and written side by side (tens of MB each
    // at 100,000 pages).
    std::thread::scope(|scope| {
        // The recorded articles were lent to the project; they are recorded
        // again only if enough changed.
        if now.rewrite_fronts {
            scope.spawn(move || Cache::save_fronts(out, project, inputs));
        } else {
            cache::drop_later(project);
        }
        let cache = Cache {
            format: cache::FORMAT,
            tolk: env!("CARGO_PKG_VERSION").to_string(),
            global: global.to_string(),
            files: files.iter().cloned().collect(),
            pages: site.records.into_iter().collect(),
            // Checks skipped by --no-check leave nothing to reuse next time.
            checks: now.checks.into_iter().collect(),
        };
        cache.save(out);
        cache::drop_later(cache);
    });
}
