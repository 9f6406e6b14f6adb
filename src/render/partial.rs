//! Rendering again the pages of some articles only, in every locale built,
//! for a process that keeps its last build in memory and knows which
//! articles an edit touched (`tolk watch`). The keys decide, as in any
//! incremental build, which of those pages are written again. Every other
//! file of the site stays as the last build made it, except the status
//! page, which every build makes.

use super::{body, nav, sidebar_of, site_files, ArticleRun, Sidebars, Target, Theme};
use crate::cache::PageRecord;
use crate::content::Project;
use crate::diagnostic::Diagnostic;
use crate::error::Error;
use crate::l10n::Localizer;
use rayon::prelude::*;
use std::sync::Arc;

/// One page of the articles rendered again.
pub struct Redone {
    /// The page's locale: its index among the locales built.
    pub locale: usize,
    /// Its source article.
    pub rel: String,
    /// Its output path.
    pub path: String,
    /// Its findings.
    pub findings: Vec<Diagnostic>,
    /// What the cache records of it.
    pub record: PageRecord,
    /// Whether its file was left as the last build wrote it (its key and
    /// file were unchanged).
    pub kept: bool,
}

/// Renders, with the templates `theme` compiled, the pages of source
/// articles `rels` in the locales `target` selects, from the full sidebars
/// of the last build (`sidebars`: an edit that renders only these pages
/// leaves every title as it was), and the status page, showing `status`.
///
/// # Errors
/// A template does not compile or fails to render, or a file cannot be written.
pub fn articles(
    project: &Project,
    (localizer, theme): (&Arc<Localizer>, &Theme),
    target: &Target<'_>,
    sidebars: &Sidebars,
    (rels, status): (&[&str], Vec<crate::status::LocaleStatus>),
) -> Result<Vec<Redone>, Error> {
    let shared = body::Shared::new(project, localizer);
    let only = target.only;
    let selected: Vec<&crate::content::Locale> =
        project.locales.iter().filter(|l| only.is_empty() || only.contains(&l.tag)).collect();
    let keys = rels.iter().filter_map(|rel| project.sources().get(*rel)).map(sidebar_of).collect();
    let sidebar_html = nav::Sidebars::new((theme, &shared.names), sidebars, &keys);
    let run = ArticleRun { shared: &shared, theme, sidebars: &sidebar_html, selected: &selected, target };
    let done: Vec<Vec<super::Kept>> =
        rels.par_iter().map(|rel| run.pages(rel)).collect::<Result<_, Error>>()?;
    target.sink.write(site_files::STATUS, &site_files::status(&shared, theme, status)?)?;
    let mut redone = Vec::new();
    for (rel, pages) in rels.iter().zip(done) {
        for (locale, (findings, path, record, written)) in pages.into_iter().enumerate() {
            redone.push(Redone {
                locale,
                rel: (*rel).to_string(),
                path,
                findings,
                record,
                kept: written.is_some(),
            });
        }
    }
    Ok(redone)
}
