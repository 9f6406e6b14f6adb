//! `broken-link` and `broken-include`, for every article of every locale:
//! relative links must reach an article, a file or an anchor that exists;
//! includes must resolve, stay inside the project and not loop.

use super::pair::Ids;
use super::Outlines;
use crate::content::resolve::{path_string, Index, Link};
use crate::content::{front_matter, Article};
use crate::diagnostic::Diagnostic;
use crate::markdown::outline::{self, Outline};
use crate::rules;
use std::path::PathBuf;

/// A link to an anchor in another article: checked once every article's
/// anchors are known (see [`resolve`]), so that no outline is extracted
/// twice.
pub struct Pending<'p> {
    /// The article the linked page shows.
    shown: &'p Article,
    anchor: String,
    /// The linking article, and the link's span in its file.
    from: &'p Article,
    span: std::ops::Range<usize>,
}

/// Checks one article's links and includes, except links to anchors in
/// other articles, which it returns, and records this article's own
/// anchors for [`resolve`].
pub fn article<'p>(
    index: &Index<'p>,
    outlines: &Outlines<'_>,
    (article, outline): (&'p Article, &Outline),
    file: &str,
    out: &mut Vec<Diagnostic>,
) -> Vec<Pending<'p>> {
    let own = outlines.seed_ids(&article.locale, &article.rel, || ids(index, file, outline));
    let pending = links(index, article, file, outline, own, out);
    let mut stack = vec![file.to_string()];
    includes(index, &article.locale, file, article.body_start, outline, &mut stack, out);
    pending
}

/// Checks links to anchors in other articles. `deps` receives the files of
/// those articles (the findings change when they do).
pub fn resolve(
    index: &Index<'_>,
    outlines: &Outlines<'_>,
    pending: &[Pending<'_>],
    out: &mut Vec<Diagnostic>,
    deps: &mut Vec<String>,
) {
    for p in pending {
        let shown_file = path_string(&p.shown.path);
        let Some(target_ids) = outlines.ids(&p.shown.locale, &p.shown.rel, |o| ids(index, &shown_file, o))
        else {
            continue;
        };
        deps.push(shown_file);
        if !target_ids.contains(&p.anchor) {
            out.push(
                Diagnostic::new(
                    rules::BROKEN_LINK,
                    &p.from.path,
                    p.span.clone(),
                    format!("{} has no heading or anchor #{}", p.shown.path.display(), p.anchor),
                )
                .in_locale(&p.from.locale)
                .with_help("link to an id that the target page has, or drop the #fragment"),
            );
        }
    }
}

fn links<'p>(
    index: &Index<'p>,
    article: &'p Article,
    file: &str,
    outline: &Outline,
    own: Option<&Ids>,
    out: &mut Vec<Diagnostic>,
) -> Vec<Pending<'p>> {
    let mut pending = Vec::new();
    let project = index.project();
    let at = |span: &std::ops::Range<usize>| article.body_start + span.start..article.body_start + span.end;
    for target in outline.links.iter().chain(&outline.images) {
        let dest = target.dest.as_str();
        if let Some(anchor) = dest.strip_prefix('#') {
            // `#tab/name` headings are DocFX tab groups, not anchors.
            if !anchor.is_empty()
                && !anchor.starts_with("tab/")
                && !own.is_some_and(|ids| ids.contains(anchor))
            {
                out.push(
                    Diagnostic::new(
                        rules::BROKEN_LINK,
                        &article.path,
                        at(&target.span),
                        format!("no heading or anchor #{anchor} on this page"),
                    )
                    .in_locale(&article.locale)
                    .with_help("use the id of a heading on this page"),
                );
            }
            continue;
        }
        match index.link(file, dest) {
            Link::Article(rel, fragment) => {
                let Some(anchor) = fragment.split_once('#').map(|(_, a)| a).filter(|a| !a.is_empty()) else {
                    continue;
                };
                // The page in this locale shows the translation, else the source.
                let shown = match project.article(&article.locale, &rel) {
                    Some(a) => a,
                    None => &project.sources()[&rel],
                };
                pending.push(Pending {
                    shown,
                    anchor: anchor.to_string(),
                    from: article,
                    span: at(&target.span),
                });
            }
            Link::Missing(resolved) => {
                let what = if resolved.to_ascii_lowercase().ends_with(".md") { "article" } else { "file" };
                out.push(
                    Diagnostic::new(
                        rules::BROKEN_LINK,
                        &article.path,
                        at(&target.span),
                        format!("`{dest}` leads to no {what} (looked for {resolved})"),
                    )
                    .in_locale(&article.locale)
                    .with_help("correct the path; it is relative to this file"),
                );
            }
            Link::External | Link::Asset(..) => {}
        }
    }
    pending
}

/// Heading ids and anchors of a page, including those of its includes.
fn ids(index: &Index<'_>, file: &str, outline: &Outline) -> Ids {
    let mut set: Ids = outline.headings.iter().map(|h| h.id.clone()).collect();
    set.extend(outline.anchors.iter().map(|(a, _)| a.clone()));
    for inc in &outline.includes {
        if let Ok((_, text)) = index.include(&[file.to_string()], file, &inc.dest) {
            let body = front_matter::split(&text).map_or(0, |s| s.body);
            let o = outline::extract(&text[body..]);
            set.extend(o.headings.into_iter().map(|h| h.id));
            set.extend(o.anchors.into_iter().map(|(a, _)| a));
        }
    }
    set
}

fn includes(
    index: &Index<'_>,
    locale: &str,
    file: &str,
    offset: usize,
    outline: &Outline,
    stack: &mut Vec<String>,
    out: &mut Vec<Diagnostic>,
) {
    for inc in &outline.includes {
        match index.include(stack, file, &inc.dest) {
            Ok((path, text)) => {
                let body = front_matter::split(&text).map_or(0, |s| s.body);
                let nested = outline::extract(&text[body..]);
                stack.push(path.clone());
                includes(index, locale, &path, body, &nested, stack, out);
                stack.pop();
            }
            Err(problem) => {
                // The locale of the file the include is written in, as the renderer reports it.
                let mut d = Diagnostic::new(
                    rules::BROKEN_INCLUDE,
                    PathBuf::from(file),
                    offset + inc.span.start..offset + inc.span.end,
                    problem.message,
                )
                .with_help(problem.help);
                d.locale = Some(index.locale_of(file).map_or(locale, |(l, _)| l).to_string());
                out.push(d);
            }
        }
    }
}
