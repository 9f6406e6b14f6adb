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
    /// For a folder's group: the folder. Only the current page's folder is
    /// shown open, so a page's sidebar lists its own section.
    #[serde(skip)]
    pub section: Option<String>,
}

/// The sidebars of a build, rendered through `sidebar.html` once per
/// locale, page depth (the way back to the site root differs by depth) and
/// section (only the page's own folder is open), not once per page.
pub struct Sidebars {
    html: std::collections::HashMap<(String, usize, String), String>,
}

/// The section of a source article: its first folder, or `""`.
#[must_use]
pub fn section_of(rel: &str) -> &str {
    rel.split_once('/').map_or("", |(dir, _)| dir)
}

impl Sidebars {
    /// Renders every locale's sidebar for every (depth, section) in `keys`.
    ///
    /// # Errors
    /// `sidebar.html` failed to render.
    pub fn render(
        theme: &super::Theme,
        items: &BTreeMap<&str, Vec<NavItem>>,
        keys: &std::collections::BTreeSet<(usize, String)>,
    ) -> Result<Self, crate::error::Error> {
        use rayon::prelude::*;
        let jobs: Vec<(&str, usize, &str)> =
            items.keys().flat_map(|l| keys.iter().map(move |(d, s)| (*l, *d, s.as_str()))).collect();
        let html = jobs
            .par_iter()
            .map(|(locale, depth, section)| {
                let mut ctx = tera::Context::new();
                ctx.insert("lang", locale);
                ctx.insert("root", &"../".repeat(*depth));
                ctx.insert("sidebar", &collapse(&items[locale], section));
                theme
                    .render("sidebar.html", &ctx)
                    .map(|h| (((*locale).to_string(), *depth, (*section).to_string()), h))
            })
            .collect::<Result<_, _>>()?;
        Ok(Self { html })
    }

    /// The sidebar HTML shared by the pages of `section` at the depth of
    /// `path`, before the current page is marked: what a page's sidebar
    /// depends on.
    #[must_use]
    pub fn group(&self, locale: &str, path: &str, section: &str) -> &str {
        let depth = path.matches('/').count();
        self.html.get(&(locale.to_string(), depth, section.to_string())).map_or("", String::as_str)
    }

    /// The sidebar for the page at `path` (relative to the site root) in
    /// `section`, its own link marked `aria-current="page"`.
    #[must_use]
    pub fn for_page(&self, locale: &str, path: &str, section: &str) -> String {
        let depth = path.matches('/').count();
        let Some(html) = self.html.get(&(locale.to_string(), depth, section.to_string())) else {
            return String::new();
        };
        let needle = format!("href=\"{}{}\"", "../".repeat(depth), urls::encode_path(path));
        html.replacen(&needle, &format!("{needle} aria-current=\"page\""), 1)
    }
}

/// The sidebar with every folder group but `section`'s closed.
fn collapse(items: &[NavItem], section: &str) -> Vec<NavItem> {
    items
        .iter()
        .map(|item| match &item.section {
            Some(s) if s != section => NavItem { children: Vec::new(), ..item.clone() },
            _ => item.clone(),
        })
        .collect()
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
                    section: None,
                };
            };
            if urls::is_external(href) {
                return NavItem {
                    title: item.name.clone(),
                    href: Some(href.to_string()),
                    external: true,
                    lang: None,
                    children,
                    section: None,
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
                NavItem { title, href, external: false, lang, children, section: None }
            } else {
                NavItem {
                    title: item.name.clone(),
                    href: None,
                    external: false,
                    lang: None,
                    children,
                    section: None,
                }
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
            section: None,
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
            out.push(NavItem { title, href, external: false, lang, children, section: Some(group) });
        }
    }
    out
}
