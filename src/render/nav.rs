//! The sidebar: built once per locale from its `toc.yml` (or the source
//! locale's), else from the articles sorted by title, grouped by folder.
//! Hrefs are relative to the site root; the template prefixes each page's
//! way back to the root, so one sidebar serves every page of a locale.

use super::urls;
use crate::content::{article::slug_of, toc::TocItem, Project};
use serde::Serialize;
use std::collections::BTreeMap;

/// One sidebar entry.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct NavItem {
    /// Text shown.
    pub title: String,
    /// Page path relative to the site root, or an absolute URL.
    pub href: Option<String>,
    /// Whether `href` leaves the site.
    pub external: bool,
    /// The language of `title` when it is not the page's (untranslated).
    pub lang: Option<String>,
    /// Nested entries.
    pub children: Vec<NavItem>,
}

/// The sidebars of a build, rendered through `sidebar.html` once per locale
/// and page depth (the way back to the site root differs by depth), not
/// once per page.
pub struct Sidebars {
    html: std::collections::HashMap<(String, usize), String>,
}

impl Sidebars {
    /// Renders the sidebar of every locale for every depth in `depths`.
    ///
    /// # Errors
    /// `sidebar.html` failed to render.
    pub fn render(
        shared: &super::body::Shared<'_>,
        theme: &super::Theme,
        items: &BTreeMap<&str, Vec<NavItem>>,
        depths: &std::collections::BTreeSet<usize>,
    ) -> Result<Self, crate::error::Error> {
        use rayon::prelude::*;
        let keys: Vec<(&str, usize)> =
            items.keys().flat_map(|l| depths.iter().map(move |d| (*l, *d))).collect();
        let html = keys
            .par_iter()
            .map(|(locale, depth)| {
                let mut ctx = tera::Context::new();
                ctx.insert("lang", locale);
                ctx.insert("root", &"../".repeat(*depth));
                ctx.insert("sidebar", &items[locale]);
                let _ = shared;
                theme.render("sidebar.html", &ctx).map(|h| (((*locale).to_string(), *depth), h))
            })
            .collect::<Result<_, _>>()?;
        Ok(Self { html })
    }

    /// The sidebar for the page at `path` (relative to the site root), its
    /// own link marked `aria-current="page"`.
    #[must_use]
    pub fn for_page(&self, locale: &str, path: &str) -> String {
        let depth = path.matches('/').count();
        let Some(html) = self.html.get(&(locale.to_string(), depth)) else { return String::new() };
        let needle = format!("href=\"{}{}\"", "../".repeat(depth), urls::encode_path(path));
        html.replacen(&needle, &format!("{needle} aria-current=\"page\""), 1)
    }
}

/// An article's title in `locale`, and the locale it is actually in.
#[must_use]
pub fn title_in(project: &Project, locale: &str, rel: &str) -> (String, String) {
    match project.article(locale, rel) {
        Some(a) => (a.title(), locale.to_string()),
        None => (project.sources()[rel].title(), project.source.clone()),
    }
}

/// The sidebar of `locale`.
#[must_use]
pub fn sidebar(project: &Project, locale: &str) -> Vec<NavItem> {
    let toc = project
        .tocs
        .get(locale)
        .map(|t| (t, true))
        .or_else(|| project.tocs.get(&project.source).map(|t| (t, false)));
    match toc {
        Some((toc, own)) => from_toc(project, locale, &toc.items, own),
        None => by_title(project, locale),
    }
}

fn from_toc(project: &Project, locale: &str, items: &[TocItem], own_names: bool) -> Vec<NavItem> {
    items
        .iter()
        .map(|item| {
            let children = from_toc(project, locale, &item.items, own_names);
            let Some(href) = item.href.as_deref().filter(|h| !h.is_empty()) else {
                return NavItem {
                    title: item.name.clone(),
                    href: None,
                    external: false,
                    lang: None,
                    children,
                };
            };
            if urls::is_external(href) {
                return NavItem {
                    title: item.name.clone(),
                    href: Some(href.to_string()),
                    external: true,
                    lang: None,
                    children,
                };
            }
            let rel = href.split('#').next().unwrap_or(href).trim_start_matches("./").to_string();
            if project.sources().contains_key(&rel) {
                let (title, in_locale) = title_in(project, locale, &rel);
                let (title, lang) = if own_names {
                    (item.name.clone(), None)
                } else {
                    (title, (in_locale != locale).then_some(in_locale))
                };
                let href = Some(urls::encode_path(&urls::page_path(locale, &slug_of(&rel))));
                NavItem { title, href, external: false, lang, children }
            } else {
                NavItem { title: item.name.clone(), href: None, external: false, lang: None, children }
            }
        })
        .collect()
}

fn by_title(project: &Project, locale: &str) -> Vec<NavItem> {
    let mut groups: BTreeMap<String, Vec<(String, NavItem)>> = BTreeMap::new();
    for rel in project.sources().keys() {
        let (title, in_locale) = title_in(project, locale, rel);
        let item = NavItem {
            title: title.clone(),
            href: Some(urls::encode_path(&urls::page_path(locale, &slug_of(rel)))),
            external: false,
            lang: (in_locale != locale).then_some(in_locale),
            children: Vec::new(),
        };
        let group = rel.split_once('/').map(|(dir, _)| dir.to_string()).unwrap_or_default();
        let key = if slug_of(rel).is_empty() { String::new() } else { title.to_lowercase() };
        groups.entry(group).or_default().push((key, item));
    }
    let mut out = Vec::new();
    for (group, mut items) in groups {
        items.sort_by(|a, b| a.0.cmp(&b.0).then_with(|| a.1.href.cmp(&b.1.href)));
        let items: Vec<NavItem> = items.into_iter().map(|(_, i)| i).collect();
        if group.is_empty() {
            out.extend(items);
        } else {
            // A folder's own index.md names the group and links it.
            let index_rel = format!("{group}/index.md");
            let (title, href, lang) = if project.sources().contains_key(&index_rel) {
                let (t, l) = title_in(project, locale, &index_rel);
                (t, Some(urls::encode_path(&urls::page_path(locale, &group))), (l != locale).then_some(l))
            } else {
                (group.replace('-', " "), None, None)
            };
            let children = items.into_iter().filter(|i| i.href != href).collect();
            out.push(NavItem { title, href, external: false, lang, children });
        }
    }
    out
}
