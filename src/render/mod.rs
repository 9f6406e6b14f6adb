//! Owns the site: Tera setup, pages, navigation, sitemap, assets and the
//! atomic write. Every page is rendered in memory (in parallel) before
//! anything is written, so a failed build never touches the previous site.

pub mod body;
pub mod nav;
pub mod output;
pub mod page;
pub mod sanitize;
pub mod sitemap;
pub mod theme;
pub mod urls;

pub use theme::Theme;

use crate::content::Project;
use crate::diagnostic::Diagnostic;
use crate::error::Error;
use crate::l10n::Localizer;
use crate::markdown::escape as markdown_escape;
use output::File;
use rayon::prelude::*;
use std::collections::BTreeMap;
use std::sync::Arc;

/// A site rendered in memory, ready to write.
pub struct RenderedSite {
    /// Every file, by path relative to the site root, sorted.
    pub files: Vec<(String, File)>,
    /// Number of article pages.
    pub pages: usize,
    /// Findings made while rendering.
    pub findings: Vec<Diagnostic>,
}

/// Renders every page of every locale.
///
/// # Errors
/// A template does not compile or fails to render.
pub fn render(project: &Project, localizer: &Arc<Localizer>) -> Result<RenderedSite, Error> {
    let theme = Theme::load(&project.root, Arc::clone(localizer))?;
    let shared = body::Shared::new(project, localizer);
    let sidebars: BTreeMap<&str, Vec<nav::NavItem>> =
        project.locales.par_iter().map(|l| (l.tag.as_str(), nav::sidebar(project, &l.tag))).collect();
    let jobs: Vec<(&str, &str)> = project
        .locales
        .iter()
        .flat_map(|l| project.sources().keys().map(move |rel| (l.tag.as_str(), rel.as_str())))
        .collect();
    let keys: std::collections::BTreeSet<(usize, String)> = project
        .sources()
        .values()
        .map(|a| (urls::page_path("x", &a.slug()).matches('/').count(), nav::section_of(&a.rel).to_string()))
        .collect();
    let sidebar_html = nav::Sidebars::render(&theme, &sidebars, &keys)?;
    let pages = jobs
        .par_iter()
        .map(|(locale, rel)| page::render(&shared, &theme, &sidebar_html, locale, rel))
        .collect::<Result<Vec<_>, Error>>()?;

    let mut files: Vec<(String, File)> = Vec::with_capacity(pages.len() + 16);
    let mut findings = Vec::new();
    let mut sitemap_entries = Vec::new();
    let page_count = pages.len();
    for p in pages {
        findings.extend(p.findings);
        sitemap_entries.extend(p.sitemap);
        files.push((p.path, File::Bytes(p.html.into_bytes())));
    }
    let has_home = project.sources().contains_key("index.md");
    for l in &project.locales {
        if !has_home {
            let ctx = page::home_context(&shared, &sidebars[l.tag.as_str()], &l.tag);
            let html = theme.render("home.html", &ctx)?;
            files.push((urls::page_path(&l.tag, ""), File::Bytes(html.into_bytes())));
        }
        let html = theme.render("404.html", &page::not_found_context(&shared, &l.tag))?;
        if l.tag == project.source {
            files.push(("404.html".into(), File::Bytes(html.clone().into_bytes())));
        }
        files.push((format!("{}/404.html", l.tag), File::Bytes(html.into_bytes())));
        for a in project.assets.get(&l.tag).into_iter().flatten() {
            files.push((format!("{}/{}", l.tag, a.rel), File::Copy(project.root.join(&a.path))));
        }
    }
    files.push((
        "index.html".into(),
        File::Bytes(theme.render("root.html", &page::root_context(&shared))?.into_bytes()),
    ));
    files.push((
        "status/index.html".into(),
        File::Bytes(theme.render("status.html", &page::status_context(&shared))?.into_bytes()),
    ));
    files.push(("sitemap.xml".into(), File::Bytes(sitemap::render(&sitemap_entries).into_bytes())));
    files.push(("assets/tolk.css".into(), File::Bytes(theme.css.clone().into_bytes())));
    files.sort_by(|a, b| a.0.cmp(&b.0));
    dedupe_findings(&mut findings);
    Ok(RenderedSite { files, pages: page_count, findings })
}

/// An include is rendered once per locale that shows it; report it once.
fn dedupe_findings(findings: &mut Vec<Diagnostic>) {
    let mut seen = std::collections::HashSet::new();
    findings.retain(|d| seen.insert((d.path.clone(), d.span.clone(), d.rule, d.message.clone())));
}
