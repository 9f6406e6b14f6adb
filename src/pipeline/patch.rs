//! Rebuilding after edits to existing articles, in a process that keeps
//! its last build in memory (`tolk watch`): only what those articles touch
//! is made again, instead of every key of the site being compared.
//!
//! An edit qualifies when it can change nothing but its own article's
//! pages, checks and findings: the file was an article of the last build,
//! loads cleanly before and after, and keeps its front matter `title` (what
//! every sidebar and home page shows) and `ROBOTS` (what sitemaps list).
//! Then the pages of its article are rendered again in every locale built
//! (a source's text shows in the locales that lack a translation, and its
//! fingerprint decides their banners), the checks of its article in every
//! locale and of the articles that link to its anchors run again, and so
//! does the status page. The keys of the last build still decide which of
//! those files are written. Anything else — a new, removed or renamed
//! file, a template, a Fluent file, `book.toml`, an include, a new title —
//! goes to the incremental build, which compares every key.

use super::build::{BuildOptions, BuildOutcome, Kept, Reuse};
use crate::cache::{snapshot, Cache, StoredFronts};
use crate::content::{self, Article, Project};
use crate::diagnostic::Diagnostic;
use crate::error::Error;
use crate::render::{self, in_place::InPlace, output::Sink};
use crate::{check, l10n};
use rayon::prelude::*;
use std::collections::{BTreeSet, HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::{Instant, SystemTime};

/// What a build that landed leaves in memory for the next one to patch.
pub(super) struct Live {
    /// The content, as the build loaded it.
    pub(super) project: Project,
    /// The Fluent bundles.
    pub(super) localizer: Arc<l10n::Localizer>,
    /// [`crate::cache::key::global`] of the build.
    pub(super) global: String,
    /// Each built locale's full sidebar.
    pub(super) sidebars: render::Sidebars,
    /// Its findings as found.
    pub(super) found: Found,
    /// The translation status of each locale.
    pub(super) status: Vec<crate::status::LocaleStatus>,
    /// Article pages of the site.
    pub(super) pages: usize,
    /// Locales built.
    pub(super) locales: usize,
    /// The templates, compiled by the first patch and kept for the next:
    /// a patch changes no template or Fluent file.
    pub(super) theme: Option<render::Theme>,
}

/// A build's findings as found (before [`check::finish`]), by where they
/// come from, so that a patch replaces those of what it does again.
#[derive(Default)]
pub(super) struct Found {
    /// Loading the content and the Fluent files, and the Fluent checks: a
    /// patch does none of them again.
    pub(super) fixed: Vec<Diagnostic>,
    /// Which translations exist and which source version they were made from.
    pub(super) translation: Vec<Diagnostic>,
    /// Each article's own checks, by file (those with none left out).
    pub(super) articles: HashMap<String, Vec<Diagnostic>>,
    /// The pages' own findings (includes), by page.
    pub(super) pages: render::PageFindings,
}

impl Found {
    /// Puts in what a patch found again: the own checks of the articles
    /// whose files are `files` (`articles`, those with findings), which
    /// translations exist and are current for source articles `rels` (when
    /// checked), and the findings of the pages `redone`.
    fn replace(
        &mut self,
        project: &Project,
        (files, articles): (&[String], check::ByFile),
        rels: Option<&[&str]>,
        redone: &[render::partial::Redone],
    ) {
        for file in files {
            self.articles.remove(file);
        }
        self.articles.extend(articles);
        if let Some(rels) = rels {
            let touched: HashSet<String> = rels
                .iter()
                .flat_map(|rel| project.articles.values().filter_map(|m| m.get(*rel)))
                .map(|a| content::resolve::path_string(&a.path))
                .collect();
            self.translation.retain(|d| !touched.contains(&content::resolve::path_string(&d.path)));
            for rel in rels {
                self.translation.extend(check::translation_of(project, rel));
            }
        }
        for page in redone {
            let key = (page.locale, page.rel.clone());
            if page.findings.is_empty() {
                self.pages.remove(&key);
            } else {
                self.pages.insert(key, page.findings.clone());
            }
        }
    }

    /// Every finding, as a full build hands them to [`check::finish`].
    fn all(&self) -> Vec<Diagnostic> {
        let mut all = self.fixed.clone();
        all.extend(self.translation.iter().cloned());
        let mut files: Vec<&String> = self.articles.keys().collect();
        files.sort_unstable();
        all.extend(files.into_iter().flat_map(|f| self.articles[f].iter().cloned()));
        let mut pages: Vec<Diagnostic> = self.pages.values().flatten().cloned().collect();
        render::dedupe_findings(&mut pages);
        all.extend(pages);
        all
    }
}

/// Rebuilds from what the last build `kept` in memory when every path
/// `changed` since (relative to `options.root`) is an edit that qualifies
/// (see the module's documentation); `None`, with nothing touched, when
/// one does not.
///
/// # Errors
/// A page could not be rendered or written. What was kept for a patch is
/// then given up: the next build compares every key.
pub(super) fn patch(
    options: &BuildOptions,
    kept: &mut Kept,
    changed: &[PathBuf],
    (out, taken, started): (&Path, SystemTime, Instant),
) -> Result<Option<BuildOutcome>, Error> {
    let (Some(live), Some(cache), Some(inputs)) =
        (kept.live.as_mut(), kept.cache.as_mut(), kept.inputs.as_mut())
    else {
        return Ok(None);
    };
    let Some(edits) = edits(&live.project, &options.root, changed) else {
        return Ok(None);
    };
    // From here on the project is the edited one: whatever happens, the
    // site on disk is no longer the one the no-change snapshot describes.
    snapshot::remove(out);
    inputs.update((&options.root, out), changed, taken);
    let outcome = redo(options, (live, cache), edits, (out, started));
    // A site that did not land (errors block it, or a write failed) is not
    // the edited project's: the next build compares every key.
    if !matches!(&outcome, Ok(o) if o.written.is_some()) {
        give_up(kept);
    }
    outcome.map(Some)
}

/// The edited articles, read again, if every path is an edit that qualifies.
fn edits(project: &Project, root: &Path, changed: &[PathBuf]) -> Option<Vec<Article>> {
    if changed.is_empty() {
        return None;
    }
    let paths: BTreeSet<&PathBuf> = changed.iter().collect();
    let mut edits = Vec::with_capacity(paths.len());
    for path in paths {
        let (locale, rel) = project.locate(path).filter(|(_, rel)| content::is_article(rel))?;
        let old = project.article(locale, &rel)?;
        if !old.clean || !project.sources().contains_key(&rel) {
            return None;
        }
        let (new, problem) = content::read_one(root, &project.config.content, (locale, &rel, path.clone()));
        let new = new.filter(|a| a.clean && problem.is_none())?;
        let title = old.front.text("title");
        if title.is_none()
            || title != new.front.text("title")
            || old.front.text("ROBOTS") != new.front.text("ROBOTS")
        {
            return None;
        }
        edits.push(new);
    }
    Some(edits)
}

/// What was kept for a patch, given up for what an incremental build
/// starts from: the articles' records, as the kept inputs state them.
pub(super) fn give_up(kept: &mut Kept) {
    if let (Some(live), Some(inputs)) = (kept.live.take(), &kept.inputs) {
        kept.fronts = Some(StoredFronts::of(live.project, inputs));
    }
}

/// Puts the edits in, then renders and checks what they touch.
fn redo(
    options: &BuildOptions,
    (live, cache): (&mut Live, &mut Cache),
    edits: Vec<Article>,
    (out, started): (&Path, Instant),
) -> Result<BuildOutcome, Error> {
    let rels: BTreeSet<String> = edits.iter().map(|a| a.rel.clone()).collect();
    let standings = |project: &Project| -> Vec<(usize, crate::status::Standing)> {
        let translated = project.locales.iter().enumerate().filter(|(_, l)| l.tag != project.source);
        translated
            .flat_map(|(i, l)| {
                rels.iter().map(move |rel| (i, crate::status::of_article(project, &l.tag, rel)))
            })
            .collect()
    };
    let before = standings(&live.project);
    let mut edited = Vec::new();
    for article in edits {
        edited.push(content::resolve::path_string(&article.path));
        if let Some(slot) =
            live.project.articles.get_mut(&article.locale).and_then(|m| m.get_mut(&article.rel))
        {
            *slot = article;
        }
    }
    for ((i, was), (_, is)) in before.into_iter().zip(standings(&live.project)) {
        if let Some(s) = live.status.get_mut(i) {
            s.count(was, -1);
            s.count(is, 1);
        }
    }
    let read = started.elapsed();
    let project = &live.project;
    let rels: Vec<&str> = rels.iter().map(String::as_str).collect();
    let opts = check::Options { locales: options.locales.clone() };
    let units = units(project, &opts, &rels, &edited, cache);
    let files: Vec<String> = units.iter().map(|a| content::resolve::path_string(&a.path)).collect();
    let memo = check::Memo { prior: Some(cache), global: &live.global };
    let session = (!options.no_check).then(|| check::Session::of(project, &opts, Some(memo), units));
    let sink = InPlace::new(out, &cache.files);
    let target = render::Target {
        only: &options.locales,
        sink: &sink,
        prior: Some(cache),
        global: &live.global,
        progress: &crate::progress::Silent,
        outlines: session.as_ref().map(|s| s as &dyn render::Outlined),
    };
    let theme = match live.theme.take() {
        Some(theme) => theme,
        None => render::Theme::load(&project.root, Arc::clone(&live.localizer))?,
    };
    let redone = render::partial::articles(
        project,
        (&live.localizer, &theme),
        &target,
        &live.sidebars,
        (&rels, live.status.clone()),
    )?;
    live.theme = Some(theme);
    let rendered = started.elapsed();
    let (articles, records) =
        session.map_or_else(Default::default, |s| s.finish_articles(&crate::progress::Silent));

    let found = &mut live.found;
    found.replace(project, (&files, articles), (!options.no_check).then_some(rels.as_slice()), &redone);
    let findings = check::finish(project, &opts, found.all());
    let checked = started.elapsed();
    let blocked = !options.no_check && check::fails(&findings, false);
    let rendered_pages = redone.iter().filter(|p| !p.kept).count();
    let mut reuse = Reuse { incremental: true, rendered: rendered_pages, ..Reuse::default() };
    let written = if blocked {
        // The site stays as the last build left it; so does its cache.
        drop(sink);
        None
    } else {
        let files_written = sink.written();
        (reuse.written, reuse.removed) = sink.commit(&|_| true)?;
        cache.files.extend(files_written);
        for page in redone {
            cache.pages.insert(page.path, page.record);
        }
        for file in &files {
            cache.checks.remove(file);
        }
        cache.checks.extend(records);
        Some(out.to_path_buf())
    };
    let timings = super::build::stages(started, read, rendered, checked);
    Ok(BuildOutcome { findings, pages: live.pages, locales: live.locales, written, reuse, timings })
}

/// The articles whose checks an edit of the articles `rels` (the files
/// `edited`) touches, in project order: those articles in every locale
/// checked, and the articles whose last findings relied on an anchor of an
/// edited file.
fn units<'p>(
    project: &'p Project,
    options: &check::Options,
    rels: &[&str],
    edited: &[String],
    cache: &Cache,
) -> Vec<&'p Article> {
    let mut wanted: BTreeSet<(usize, String)> = BTreeSet::new();
    let index: HashMap<&str, usize> =
        project.locales.iter().enumerate().map(|(i, l)| (l.tag.as_str(), i)).collect();
    for (i, l) in project.locales.iter().enumerate() {
        if options.wants(Some(&l.tag)) {
            wanted.extend(
                rels.iter().filter(|r| project.article(&l.tag, r).is_some()).map(|r| (i, (*r).to_string())),
            );
        }
    }
    // Every article's record is looked at (100,000 at scale): on every core.
    let relying: Vec<&String> = cache
        .checks
        .par_iter()
        .filter(|(_, record)| record.deps.iter().any(|(dep, _)| edited.contains(dep)))
        .map(|(file, _)| file)
        .collect();
    for file in relying {
        if let Some((locale, rel)) = project.locate(Path::new(file)) {
            if options.wants(Some(locale)) && project.article(locale, &rel).is_some() {
                wanted.insert((index[locale], rel));
            }
        }
    }
    wanted.iter().filter_map(|(i, rel)| project.article(&project.locales[*i].tag, rel)).collect()
}

/// Saves what a patch changed beside the site (the cache, and the snapshot a
/// build with no change answers from), on a thread of its own; gives back
/// what it was given once done.
pub(super) fn save_later(kept: Kept, outcome: &BuildOutcome) -> std::thread::JoinHandle<Kept> {
    let done = snapshot::Unchanged {
        findings: outcome.findings.clone(),
        pages: outcome.pages,
        locales: outcome.locales,
    };
    let landed = outcome.written.is_some();
    std::thread::spawn(move || {
        if let (true, Some(cache), Some(inputs)) = (landed, &kept.cache, &kept.inputs) {
            let files: Vec<(String, crate::cache::Written)> =
                cache.files.iter().map(|(p, w)| (p.clone(), w.clone())).collect();
            std::thread::scope(|scope| {
                scope.spawn(|| snapshot::save(&kept.out, &kept.identity, inputs, &files, &done));
                cache.save(&kept.out);
            });
        }
        kept
    })
}
