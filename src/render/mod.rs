//! Owns the site: Tera setup, pages, navigation, sitemap, assets and the
//! atomic write. Pages are rendered in parallel and written to a staging
//! directory that replaces the previous site only when the build succeeds.

pub mod body;
pub mod in_place;
pub mod native;
pub mod nav;
pub mod output;
pub mod page;
pub mod partial;
pub mod sanitize;
pub mod site_files;
pub mod sitemap;
pub mod switcher;
pub mod theme;
pub mod urls;

pub use theme::Theme;

use crate::cache::key::Key;
use crate::cache::{Cache, Finding, PageRecord, Written};
use crate::content::{Article, Project};
use crate::diagnostic::Diagnostic;
use crate::error::Error;
use crate::l10n::Localizer;
use crate::markdown::outline::Outline;
use output::File;
use rayon::prelude::*;
use std::collections::BTreeMap;
use std::sync::Arc;

/// Most articles one piece of the parallel page stage holds.
const PIECE: usize = 32;

/// What is kept of a page: its findings, output path, cache record, and
/// the recorded file when the page was not rendered again.
type Kept = (Vec<Diagnostic>, String, PageRecord, Option<Written>);

/// What rendering a site produced, besides the files it wrote.
pub struct RenderedSite {
    /// Number of article pages.
    pub pages: usize,
    /// Article pages rendered (the others were unchanged since the cached build).
    pub rendered: usize,
    /// Findings made while rendering.
    pub findings: Vec<Diagnostic>,
    /// What the cache records of each article page.
    pub records: Vec<(String, PageRecord)>,
    /// Output files of unchanged pages, as the previous build wrote them.
    pub carried: Vec<(String, Written)>,
    /// Each selected locale's full sidebar.
    pub sidebars: Sidebars,
    /// The findings of each page that made some, by locale (its index
    /// among those selected) and source article, in site order.
    pub page_findings: PageFindings,
}

/// Each selected locale's full sidebar, by tag.
pub type Sidebars = BTreeMap<String, Vec<nav::NavItem>>;

/// Findings made while rendering pages, by the page's locale (its index
/// among the locales built) and source article, in site order; pages that
/// made none are left out.
pub type PageFindings = BTreeMap<(usize, String), Vec<Diagnostic>>;

/// Where and how a build renders.
pub struct Target<'a> {
    /// Only these locales; empty for all.
    pub only: &'a [String],
    /// Where files go.
    pub sink: &'a dyn output::Sink,
    /// The previous build's cache, for an incremental build.
    pub prior: Option<&'a Cache>,
    /// [`crate::cache::key::global`] of this build.
    pub global: &'a str,
    /// Progress of the page stage.
    pub progress: &'a dyn crate::progress::Progress,
    /// Who takes the outlines of the articles rendered, if anyone.
    pub outlines: Option<&'a dyn Outlined>,
}

/// Takes the outlines of the articles a build renders, made from the same
/// parse as their pages (the build's checks, which then need not parse
/// them again).
pub trait Outlined: Sync {
    /// Whether the outline of `article` is wanted.
    fn wants(&self, article: &Article) -> bool;
    /// The outlines of one source article's pages that were rendered from
    /// their own locale's text, all locales at once.
    fn article(&self, pages: &[(&Article, Outline)]);
}

/// Renders every page of the selected locales (all when `target.only` is
/// empty) into `target.sink`, each written as soon as it is rendered, so
/// memory does not grow with the site. A page whose inputs have the key the
/// previous build recorded, and whose file is intact, is not rendered again.
/// The files every locale shares (root index, sitemap index, 404, status
/// page, stylesheet) are written by every build, and are the same whichever
/// locales it selects.
///
/// # Errors
/// A template does not compile or fails to render, or a file cannot be written.
pub fn render(
    project: &Project,
    localizer: &Arc<Localizer>,
    target: &Target<'_>,
) -> Result<RenderedSite, Error> {
    let (only, progress) = (target.only, target.progress);
    let theme = Theme::load(&project.root, Arc::clone(localizer))?;
    let shared = body::Shared::new(project, localizer);
    let selected: Vec<&crate::content::Locale> =
        project.locales.iter().filter(|l| only.is_empty() || only.contains(&l.tag)).collect();
    let sidebars: Sidebars =
        selected.par_iter().map(|l| (l.tag.clone(), nav::sidebar(project, &l.tag))).collect();
    let rels: Vec<&str> = project.sources().keys().map(String::as_str).collect();
    let keys: std::collections::BTreeSet<(usize, String)> =
        project.sources().values().map(sidebar_of).collect();
    let sidebar_html = nav::Sidebars::new((&theme, &shared.names), &sidebars, &keys);
    progress.start("rendering", (rels.len() * selected.len()) as u64);
    // Article by article, so what its pages share is computed once; only
    // what the sitemap, the report and the cache need is kept of each page.
    let run =
        ArticleRun { shared: &shared, theme: &theme, sidebars: &sidebar_html, selected: &selected, target };
    let inputs =
        site_files::Inputs { shared: &shared, theme: &theme, selected: &selected, sidebars: &sidebars };
    // The files that depend on no page are made while the pages are, and
    // so are the articles' alternates as the sitemaps list them (the same
    // for an article's page in every locale: made once per article, with
    // their key). An article's pages take about a millisecond: pieces of
    // a few dozen keep both cores busy to the end.
    let (done, others) = rayon::join(
        || rels.par_iter().with_max_len(PIECE).map(|rel| run.pages(rel)).collect::<Result<Vec<_>, Error>>(),
        || -> Result<_, Error> {
            let alternates: Vec<site_files::Links> = rels
                .par_iter()
                .map(|rel| {
                    site_files::Links::of(&page::alternates(project, rel, &project.sources()[*rel].slug()))
                })
                .collect();
            Ok((alternates, site_files::make(&inputs, target)?))
        },
    );
    let (done, (alternates, mut made)) = (done?, others?);
    let page_count = rels.len() * selected.len();
    let Collected { mut records, mut carried, mut findings, page_findings, listed } =
        collect(done, &rels, &alternates, selected.len());
    let sitemaps: site_files::Sitemaps<'_> = selected
        .iter()
        .zip(listed)
        .map(|(l, entries)| {
            let entries =
                entries.into_iter().filter_map(|(i, links)| Some((records[i].1.sitemap.as_deref()?, links)));
            (l.tag.as_str(), entries.collect())
        })
        .collect();
    made.extend(site_files::make_sitemaps(&selected, &sitemaps, target)?);
    drop(sitemaps);
    let rendered = page_count - carried.len();
    records.extend(made.records);
    carried.extend(made.carried);
    dedupe_findings(&mut findings);
    Ok(RenderedSite { pages: page_count, rendered, findings, records, carried, sidebars, page_findings })
}

/// The pages of a render, in locale order.
struct Collected<'l> {
    /// Every page's cache record.
    records: Vec<(String, PageRecord)>,
    /// The files of pages not rendered again.
    carried: Vec<(String, Written)>,
    /// Every page's findings.
    findings: Vec<Diagnostic>,
    page_findings: PageFindings,
    /// Each locale's sitemap entries: the index of the page's record, and
    /// its article's alternates.
    listed: Vec<Vec<(usize, &'l site_files::Links)>>,
}

/// What was kept of the pages of each source article (`done`, in the order
/// of `rels`, each in the order of the `locales` built), back in locale
/// order, each page's record moved once.
fn collect<'l>(
    done: Vec<Vec<Kept>>,
    rels: &[&str],
    alternates: &'l [site_files::Links],
    locales: usize,
) -> Collected<'l> {
    let mut articles: Vec<std::vec::IntoIter<Kept>> = done.into_iter().map(Vec::into_iter).collect();
    let mut c = Collected {
        records: Vec::with_capacity(rels.len() * locales),
        carried: Vec::new(),
        findings: Vec::new(),
        page_findings: PageFindings::new(),
        listed: Vec::with_capacity(locales),
    };
    for index in 0..locales {
        let mut entries = Vec::with_capacity(rels.len());
        for ((article, rel), links) in articles.iter_mut().zip(rels).zip(alternates) {
            let Some((f, path, record, written)) = article.next() else { continue };
            if !f.is_empty() {
                c.page_findings.insert((index, (*rel).to_string()), f.clone());
            }
            c.findings.extend(f);
            if let Some(w) = written {
                c.carried.push((path.clone(), w));
            }
            if record.sitemap.is_some() {
                entries.push((c.records.len(), links));
            }
            c.records.push((path, record));
        }
        c.listed.push(entries);
    }
    c
}

/// Which sidebar the pages of source article `a` show: their depth (the way
/// back to the site root) and their section.
fn sidebar_of(a: &Article) -> (usize, String) {
    (urls::page_path("x", &a.slug()).matches('/').count(), nav::section_of(&a.rel).to_string())
}

/// What rendering the pages of one article needs.
struct ArticleRun<'r, 'p> {
    shared: &'r body::Shared<'p>,
    theme: &'r Theme,
    sidebars: &'r nav::Sidebars<'r>,
    selected: &'r [&'p crate::content::Locale],
    target: &'r Target<'r>,
}

impl ArticleRun<'_, '_> {
    /// The pages of source article `rel` in the selected locales, in their
    /// order; what its pages share is computed once, and only if one of
    /// them is rendered. Only what the sitemap, the report and the cache
    /// need is kept of each page.
    fn pages(&self, rel: &str) -> Result<Vec<Kept>, Error> {
        let (project, target) = (self.shared.project, self.target);
        let slug = project.sources()[rel].slug();
        let section = nav::section_of(rel);
        let mut chrome = None;
        let mut kept = Vec::with_capacity(self.selected.len());
        let mut outlines = Vec::new();
        let wants = |a: &Article| target.outlines.is_some_and(|o| o.wants(a));
        for l in self.selected {
            let locale = l.tag.as_str();
            let path = urls::page_path(locale, &slug);
            let key =
                page_key(project, target.global, locale, rel, self.sidebars.key(locale, &path, section));
            let found = target.prior.and_then(|c| Some((c.pages.get(&path)?, c.files.get(&path)?)));
            if let Some((record, written)) = found.filter(|(r, _)| r.key == key) {
                let findings = Finding::restore(&record.findings);
                if let Some(findings) = findings.filter(|_| target.sink.intact(&path, written)) {
                    target.progress.advance(1);
                    kept.push((findings, path, record.clone(), Some(written.clone())));
                    continue;
                }
            }
            let chrome = match &mut chrome {
                Some(chrome) => chrome,
                None => chrome.insert(page::ArticleChrome::new(self.shared, self.theme, rel)?),
            };
            let p = page::render(self.shared, self.theme, self.sidebars, chrome, (locale, &wants))?;
            target.sink.write(&p.path, &File::Bytes(p.html))?;
            if let (Some(outline), Some(a)) = (p.outline, project.article(locale, rel)) {
                outlines.push((a, outline));
            }
            target.progress.advance(1);
            let record = PageRecord { key, findings: Finding::store(&p.findings), sitemap: p.sitemap };
            kept.push((p.findings, p.path, record, None));
        }
        if let (Some(o), false) = (target.outlines, outlines.is_empty()) {
            o.article(&outlines);
        }
        Ok(kept)
    }
}

/// The key of everything an article page is made from: the global key (see
/// [`crate::cache::key::global`]), the source article and its translation,
/// and the sidebar it shows.
fn page_key(project: &Project, global: &str, locale: &str, rel: &str, sidebar: &str) -> String {
    let source = &project.sources()[rel];
    let translation = project.article(locale, rel).map_or("\0none", |a| a.hash.as_str());
    Key::new().with(global).with(locale).with(rel).with(&source.hash).with(translation).with(sidebar).finish()
}

/// An include is rendered once per locale that shows it; report it once.
pub fn dedupe_findings(findings: &mut Vec<Diagnostic>) {
    let mut seen = std::collections::HashSet::new();
    findings.retain(|d| seen.insert((d.path.clone(), d.span.clone(), d.rule, d.message.clone())));
}
