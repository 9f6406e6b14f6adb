//! `tolk build` end to end: configuration, content (front matter from the
//! cache where the file did not change), rendering with the checks (each
//! article parsed once for both), and the write:
//! a full build swaps a new site in; an incremental one moves in the files
//! that changed. The cache is saved last.

use super::patch;
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

/// What a process that builds again and again (`tolk watch`) keeps from one
/// build for the next: the cache and the article records the last build
/// left, exactly as it saved them beside the output, so that the next build
/// need not read them back; and the saving of those files, which runs on
/// after a build has returned and is waited for when the next one starts.
///
/// A process that builds once can use one too ([`Warm::once`]): its build
/// returns before the cache is saved, so that the findings are printed
/// while it is, and [`Warm::settle`] then waits for the saving.
#[derive(Default)]
pub struct Warm {
    /// Whether the next build is to save its cache and nothing more (a
    /// process that builds once), rather than also keep what it saved.
    once: bool,
    /// The saving of the last build's cache, which gives back what it saved.
    saving: Option<std::thread::JoinHandle<Kept>>,
    kept: Option<Kept>,
    /// The paths changed since the kept inputs were stated, relative to the
    /// root; `None` when anything may have.
    changed: Option<Vec<PathBuf>>,
}

/// What one build left for the next, and for which site and options.
pub(super) struct Kept {
    pub(super) out: PathBuf,
    pub(super) identity: String,
    /// The cache, as saved (or as found, when nothing was saved).
    pub(super) cache: Option<Cache>,
    /// The article records of the build's project, unless `live` holds
    /// the project itself.
    pub(super) fronts: Option<cache::StoredFronts>,
    /// The project's files as the build stated them.
    pub(super) inputs: Option<snapshot::Inputs>,
    /// What a build that landed leaves for the next to patch.
    pub(super) live: Option<patch::Live>,
}

impl Warm {
    /// What a process that builds once hands [`build_warm`]: the build
    /// saves its cache while the process goes on (to print the findings),
    /// keeps nothing of it, and [`Warm::settle`] waits for the saving.
    #[must_use]
    pub fn once() -> Self {
        Self { once: true, ..Self::default() }
    }

    /// Waits for the last build's files to be saved.
    pub fn settle(&mut self) {
        if let Some(saving) = self.saving.take() {
            self.kept = saving.join().ok();
        }
    }

    /// Tells the next build which paths of the project changed since the
    /// last one started, relative to the root, as a file watcher reported
    /// them; `None` when anything may have (the watcher lost events).
    pub fn changed(&mut self, paths: Option<&[PathBuf]>) {
        match (paths, &mut self.changed) {
            (Some(paths), Some(changed)) => changed.extend(paths.iter().cloned()),
            _ => self.changed = None,
        }
    }

    /// What the last build left for a build of `out` with `identity`, and
    /// the paths changed since; from now on, changes are counted afresh.
    fn take(&mut self, out: &Path, identity: &str) -> (Option<Kept>, Option<Vec<PathBuf>>) {
        self.settle();
        let kept = self.kept.take().filter(|k| k.out == out && k.identity == identity);
        (kept, self.changed.replace(Vec::new()))
    }
}

/// Checks, then builds the site, and writes it unless the checks or the
/// rendering found error-level findings (or `no_check`). Returns once the
/// cache is saved.
///
/// # Errors
/// The configuration, content folder or templates are unusable, or the
/// output cannot be written.
pub fn build(options: &BuildOptions, progress: &dyn Progress) -> Result<BuildOutcome, Error> {
    build_in(options, progress, None)
}

/// [`build`] for a process that builds again and again: it starts from
/// what the last build left in `warm` rather than from the files it saved,
/// and returns before its own cache is saved (the next build waits for it;
/// [`Warm::settle`] does too).
///
/// # Errors
/// As [`build`].
pub fn build_warm(
    options: &BuildOptions,
    progress: &dyn Progress,
    warm: &mut Warm,
) -> Result<BuildOutcome, Error> {
    build_in(options, progress, Some(warm))
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
fn build_in(
    options: &BuildOptions,
    progress: &dyn Progress,
    mut warm: Option<&mut Warm>,
) -> Result<BuildOutcome, Error> {
    if let Some(warm) = warm.as_deref_mut() {
        // The last build's files are saved before anything reads them.
        warm.settle();
    }
    let started = Instant::now();
    let taken = std::time::SystemTime::now();
    let root = &options.root;
    let config = config::Config::load(root)?;
    let out = render::output::checked(root, options.out.as_deref().unwrap_or(&config.build.output))?;
    let identity = identity(options);
    let (mut kept, changed) = warm.as_deref_mut().map_or((None, None), |w| w.take(&out, &identity));
    let at = (out.as_path(), taken, started);
    if let Some(outcome) = patched(options, warm.as_deref_mut(), &mut kept, changed.as_deref(), at)? {
        return Ok(outcome);
    }
    if let Some(k) = kept.as_mut() {
        patch::give_up(k);
    }
    let inputs = inputs((root, &out), kept.as_mut().and_then(|k| k.inputs.take()), changed, taken);
    if options.incremental {
        if let Some(done) = snapshot::unchanged(&inputs, &out, &identity) {
            if let (Some(warm), Some(mut kept)) = (warm, kept) {
                kept.inputs = Some(inputs);
                warm.kept = Some(kept);
            }
            return Ok(unchanged(done, out, started.elapsed()));
        }
    }
    snapshot::remove(&out);
    let (cached, fronts) = records(options.incremental, &out, kept);
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
    let localizer = Arc::clone(&run.localizer);
    drop(run);
    let saving = Saving {
        done: snapshot::Unchanged { findings: landed.findings.clone(), pages: landed.pages, locales },
        run: CacheRun { rewrite_fronts, reuse: landed.reuse, checks: landed.checks },
        files: landed.files,
        site: landed.site,
        out: out.clone(),
        identity,
        global,
        inputs,
        project,
        prior,
        found: landed.found,
        localizer,
    };
    let written = saving.files.is_some().then_some(out);
    saving.start(warm);
    Ok(BuildOutcome {
        timings: stages(started, read, rendered, checked),
        pages: landed.pages,
        locales,
        written,
        reuse: landed.reuse,
        findings: landed.findings,
    })
}

/// What a build's snapshot and cache are for: the project, and the options
/// that change what is built.
fn identity(options: &BuildOptions) -> String {
    let root = &options.root;
    snapshot::identity(&format!(
        "{} no-check={} locales={}",
        root.canonicalize().unwrap_or_else(|_| root.clone()).display(),
        options.no_check,
        options.locales.join(",")
    ))
}

/// A patch of the build `kept` left (see [`patch`]) after the paths
/// `changed`, its saving handed to `warm`; `None` when the change does
/// not qualify.
fn patched(
    options: &BuildOptions,
    warm: Option<&mut Warm>,
    kept: &mut Option<Kept>,
    changed: Option<&[PathBuf]>,
    at: (&Path, std::time::SystemTime, Instant),
) -> Result<Option<BuildOutcome>, Error> {
    let (true, Some(k), Some(paths)) = (options.incremental, kept.as_mut(), changed) else {
        return Ok(None);
    };
    let Some(outcome) = patch::patch(options, k, paths, at)? else {
        return Ok(None);
    };
    if let (Some(warm), Some(k)) = (warm, kept.take()) {
        warm.saving = Some(patch::save_later(k, &outcome));
    }
    Ok(Some(outcome))
}

/// The wall time of each stage, from the build's start and the ends of
/// reading, rendering and checking.
pub(super) fn stages(
    started: Instant,
    read: Duration,
    rendered: Duration,
    checked: Duration,
) -> Vec<(&'static str, Duration)> {
    vec![
        ("read", read),
        ("render", rendered.saturating_sub(read)),
        ("check", checked.saturating_sub(rendered)),
        ("write", started.elapsed().saturating_sub(checked)),
    ]
}

/// The project's files as `taken`: those the last build `stated`, with
/// the paths `changed` since stated again, when both are known; else every
/// file of the project.
fn inputs(
    (root, out): (&Path, &Path),
    stated: Option<snapshot::Inputs>,
    changed: Option<Vec<PathBuf>>,
    taken: std::time::SystemTime,
) -> snapshot::Inputs {
    match (stated, changed) {
        (Some(before), Some(changed)) => before.updated((root, out), &changed, taken),
        _ => snapshot::inputs(root, out, taken),
    }
}

/// The cache (decoded on a thread of its own, while the content is read:
/// neither needs the other) and the article records the last build left,
/// from memory when it `kept` them, else from their files; none when the
/// build is not `incremental`.
fn records(
    incremental: bool,
    out: &Path,
    kept: Option<Kept>,
) -> (Option<std::thread::JoinHandle<Option<Cache>>>, Option<cache::Fronts>) {
    if !incremental {
        return (None, None);
    }
    let (kept_cache, kept_fronts) = kept.map_or((None, None), |k| (k.cache, k.fronts));
    let cached = {
        let out = out.to_path_buf();
        std::thread::spawn(move || kept_cache.filter(|_| out.is_dir()).or_else(|| Cache::read(&out)))
    };
    let fronts = match kept_fronts {
        Some(kept) => cache::Fronts::new(Some(kept)),
        None => Cache::read_fronts(out),
    };
    (Some(cached), Some(fronts))
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
    /// The findings as found, for a patch of the next build.
    found: patch::Found,
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
        let mut site = site?;
        let rendered = Instant::now();
        let mut found = patch::Found { fixed: findings.clone(), ..patch::Found::default() };
        let mut checks = Vec::new();
        if let Some(session) = session {
            let check::Finished { articles, translation, fluent, records } =
                session.finish_parts(self.progress);
            self.progress.finish();
            // In the order `check::Session::finish` gives them.
            findings.extend(translation.iter().cloned());
            findings.extend(articles.iter().flat_map(|(_, f)| f.iter().cloned()));
            findings.extend(fluent.iter().cloned());
            found.fixed.extend(fluent);
            found.translation = translation;
            found.articles = articles.into_iter().collect();
            checks = records;
        }
        found.pages = std::mem::take(&mut site.page_findings);
        findings.extend(site.findings.iter().cloned());
        let options = check::Options { locales: self.options.locales.clone() };
        *findings = check::finish(self.project, &options, std::mem::take(findings));
        let blocked = !self.options.no_check && check::fails(findings, false);
        let _ = self.done.set((rendered, Instant::now()));
        Ok(Rendered { site, blocked, checks, found })
    }

    /// Pages are written to a staging directory as they are rendered; it
    /// becomes the output only if nothing blocks the build.
    fn full(
        &self,
        mut findings: Vec<Diagnostic>,
        session: Option<check::Session<'_>>,
    ) -> Result<Landed, Error> {
        let staging = render::output::Staging::create(self.out)?;
        let rendered = self.render((&staging, None), &mut findings, session)?;
        let files = staging.written();
        let reuse = Reuse { rendered: rendered.site.rendered, written: files.len(), ..Reuse::default() };
        if !rendered.blocked {
            Cache::remove(self.out);
            staging.commit()?;
        }
        Ok(Landed::new(findings, rendered, files, reuse))
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
        let rendered = self.render((&sink, Some(prior)), &mut findings, session)?;
        let mut files = sink.written();
        files.extend(rendered.site.carried.iter().cloned());
        let mut reuse = Reuse { incremental: true, rendered: rendered.site.rendered, ..Reuse::default() };
        if !rendered.blocked {
            let keep: std::collections::HashSet<&str> = files.iter().map(|(p, _)| p.as_str()).collect();
            (reuse.written, reuse.removed) = sink.commit(&|rel| keep.contains(rel))?;
        }
        Ok(Landed::new(findings, rendered, files, reuse))
    }
}

impl Landed {
    /// A build after its write stage: its `findings`, what it `rendered`,
    /// the `files` of the new site (kept only if nothing blocked it) and
    /// what it reused.
    fn new(
        findings: Vec<Diagnostic>,
        rendered: Rendered,
        files: Vec<(String, Written)>,
        reuse: Reuse,
    ) -> Self {
        let Rendered { site, blocked, checks, found } = rendered;
        Self { findings, pages: site.pages, site, files: (!blocked).then_some(files), reuse, checks, found }
    }
}

/// The site rendered and the checks done.
struct Rendered {
    site: RenderedSite,
    /// Whether the findings block the write.
    blocked: bool,
    /// What the cache records of each article's checks.
    checks: Vec<(String, CheckRecord)>,
    /// The findings as found.
    found: patch::Found,
}

/// What a build leaves for the cache besides its files and pages.
struct CacheRun {
    /// Whether the article records are to be written again.
    rewrite_fronts: bool,
    reuse: Reuse,
    checks: Vec<(String, CheckRecord)>,
}

/// What saving a build's files needs, owned, so that a warm process can
/// save after the build has returned.
struct Saving {
    out: PathBuf,
    identity: String,
    global: String,
    inputs: snapshot::Inputs,
    /// The files of the new site; `None` when errors blocked the write.
    files: Option<Vec<(String, Written)>>,
    done: snapshot::Unchanged,
    project: content::Project,
    prior: Option<Cache>,
    run: CacheRun,
    site: RenderedSite,
    /// The findings as found, for a patch of the next build.
    found: patch::Found,
    localizer: Arc<l10n::Localizer>,
}

impl Saving {
    /// Saves here, or hands the saving to `warm` on a thread of its own.
    fn start(self, warm: Option<&mut Warm>) {
        match warm {
            Some(warm) => {
                let keep = !warm.once;
                warm.saving = Some(std::thread::spawn(move || self.save(keep)));
            }
            None => {
                self.save(false);
            }
        }
    }

    /// Saves the snapshot and the cache of a build that landed, side by
    /// side (nothing of one that errors blocked); what the next build of
    /// the same process starts from when `keep`.
    fn save(self, keep: bool) -> Kept {
        let Saving {
            out,
            identity,
            global,
            inputs,
            files,
            done,
            project,
            prior,
            run,
            mut site,
            found,
            localizer,
        } = self;
        let sidebars = std::mem::take(&mut site.sidebars);
        let (pages, locales) = (done.pages, done.locales);
        let (cache, fronts, live) = match &files {
            Some(files) => {
                let (cache, project) = std::thread::scope(|scope| {
                    scope.spawn(|| snapshot::save(&out, &identity, &inputs, files, &done));
                    save(project, (&out, &global, &inputs), prior, run, files, site, keep)
                });
                let live = project.map(|project| patch::Live {
                    status: crate::status::compute(&project),
                    project,
                    localizer,
                    global: global.clone(),
                    sidebars,
                    found,
                    pages,
                    locales,
                    theme: None,
                });
                (cache, None, live)
            }
            // The site stays as the last build left it, and so does its cache.
            None if keep => (prior, Some(cache::StoredFronts::of(project, &inputs)), None),
            None => {
                cache::drop_later((project, prior));
                (None, None, None)
            }
        };
        let inputs = if keep {
            Some(inputs)
        } else {
            cache::drop_later(inputs);
            None
        };
        Kept { out, identity, cache, fronts, inputs, live }
    }
}

/// Saves the cache of a build that landed, unless it would be the same as
/// the one it started from (a build that changed nothing writes nothing);
/// the cache and the project when `keep`.
#[allow(clippy::too_many_arguments)]
fn save(
    project: content::Project,
    (out, global, inputs): (&Path, &str, &snapshot::Inputs),
    prior: Option<Cache>,
    now: CacheRun,
    files: &[(String, Written)],
    site: RenderedSite,
    keep: bool,
) -> (Option<Cache>, Option<content::Project>) {
    let unchanged = prior.as_ref().is_some_and(|p| {
        (now.reuse.rendered, now.reuse.written, now.reuse.removed) == (0, 0, 0)
            && !now.rewrite_fronts
            && now.checks.len() == p.checks.len()
            && now.checks.iter().all(|(file, r)| p.checks.get(file) == Some(r))
    });
    if unchanged && keep {
        return (prior, Some(project));
    }
    if unchanged {
        cache::drop_later((project, prior));
        return (None, None);
    }
    cache::drop_later(prior);
    let rewrite_fronts = now.rewrite_fronts;
    // The two files are encoded and written side by side (tens of MB each
    // at 100,000 pages).
    std::thread::scope(|scope| {
        // The articles' records are written again only if enough changed;
        // a process that builds again keeps the project itself.
        let project = scope.spawn(move || {
            if keep {
                if rewrite_fronts {
                    cache::StoredFronts::of_ref(&project, inputs).save(out);
                }
                return Some(project);
            }
            if rewrite_fronts {
                let fronts = cache::StoredFronts::of(project, inputs);
                fronts.save(out);
                cache::drop_later(fronts);
            } else {
                cache::drop_later(project);
            }
            None
        });
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
        let cache = if keep {
            Some(cache)
        } else {
            cache::drop_later(cache);
            None
        };
        (cache, project.join().ok().flatten())
    })
}
