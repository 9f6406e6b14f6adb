//! The sidebar: built once per locale from its `toc.yml` (or the source
//! locale's), else from the articles sorted by title, grouped by folder.
//! Hrefs are relative to the site root; the template prefixes each page's
//! way back to the root, so one sidebar serves every page of a locale.

use super::urls;
use crate::cache::key::Key;
use crate::content::{article::slug_of, toc::TocItem, Project};
use serde::Serialize;
use std::collections::{BTreeMap, HashMap};
use std::sync::OnceLock;

/// What marks the sidebar link to the page showing it.
const CURRENT_PAGE: &str = " aria-current=\"page\"";

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

impl NavItem {
    /// An entry without a link: a group heading, or a page the site lacks.
    fn heading(title: String, children: Vec<NavItem>) -> Self {
        Self { title, href: None, external: false, lang: None, children, section: None }
    }
}

/// The sidebars of a build, one per locale, page depth (the way back to the
/// site root differs by depth) and section (only the page's own folder is
/// open), not one per page. Each is rendered through `sidebar.html` (or
/// written by [`super::native`] while it is the built-in one) when a page
/// first needs it; its key (of the entries it lists) is known before,
/// so a page that is not rendered again never renders its sidebar.
pub struct Sidebars<'t> {
    theme: &'t super::Theme,
    /// Each locale's strings, for the built-in theme's sidebar.
    names: &'t HashMap<String, super::body::LocaleNames>,
    /// By locale, then section: each depth's.
    groups: HashMap<String, HashMap<String, Vec<(usize, Group)>>>,
}

/// One sidebar: its entries, their key, and its HTML once rendered.
struct Group {
    items: Vec<NavItem>,
    key: String,
    html: OnceLock<Result<Rendered, (String, String)>>,
}

/// A sidebar's HTML and where each page it links to can be marked.
struct Rendered {
    html: String,
    /// By href after the way back to the site root (as the page's path is
    /// encoded): the end of the first `href="…"` naming it. Found in one
    /// pass, where searching the sidebar for each page's link cost a search
    /// of the whole sidebar per page.
    ends: rustc_hash::FxHashMap<String, usize>,
}

impl Rendered {
    fn new(html: String, root: &str) -> Self {
        let mut ends = rustc_hash::FxHashMap::default();
        let opening = format!("href=\"{root}");
        for at in memchr::memmem::find_iter(html.as_bytes(), opening.as_bytes()) {
            let from = at + opening.len();
            if let Some(len) = memchr::memchr(b'"', &html.as_bytes()[from..]) {
                ends.entry(html[from..from + len].to_string()).or_insert(from + len + 1);
            }
        }
        Self { html, ends }
    }
}

/// The section of a source article: its first folder, or `""`.
#[must_use]
pub fn section_of(rel: &str) -> &str {
    rel.split_once('/').map_or("", |(dir, _)| dir)
}

impl<'t> Sidebars<'t> {
    /// The sidebars of every locale for every (depth, section) in `keys`.
    #[must_use]
    pub fn new(
        (theme, names): (&'t super::Theme, &'t HashMap<String, super::body::LocaleNames>),
        items: &super::Sidebars,
        keys: &std::collections::BTreeSet<(usize, String)>,
    ) -> Self {
        use rayon::prelude::*;
        let jobs: Vec<(&str, usize, &str)> =
            items.keys().flat_map(|l| keys.iter().map(move |(d, s)| (l.as_str(), *d, s.as_str()))).collect();
        let groups = jobs
            .par_iter()
            .map(|(locale, depth, section)| {
                let items = collapse(&items[*locale], section);
                let listed = serde_json::to_vec(&items).unwrap_or_default();
                let key =
                    Key::new().with(locale).with(depth.to_le_bytes()).with(section).with(listed).finish();
                (*locale, *depth, *section, Group { items, key, html: OnceLock::new() })
            })
            .collect::<Vec<_>>();
        let mut by_locale: HashMap<String, HashMap<String, Vec<(usize, Group)>>> = HashMap::new();
        for (locale, depth, section, group) in groups {
            let sections = by_locale.entry(locale.to_string()).or_default();
            sections.entry(section.to_string()).or_default().push((depth, group));
        }
        Self { theme, names, groups: by_locale }
    }

    fn group(&self, locale: &str, path: &str, section: &str) -> Option<(&Group, usize)> {
        let depth = path.matches('/').count();
        let by_depth = self.groups.get(locale)?.get(section)?;
        by_depth.iter().find(|(d, _)| *d == depth).map(|(_, g)| (g, depth))
    }

    /// The key of the sidebar shown on the page at `path` in `section`:
    /// what a page's sidebar depends on.
    #[must_use]
    pub fn key(&self, locale: &str, path: &str, section: &str) -> &str {
        self.group(locale, path, section).map_or("", |(g, _)| g.key.as_str())
    }

    /// The sidebar for the page at `path` (relative to the site root) in
    /// `section`, its own link marked `aria-current="page"`.
    ///
    /// # Errors
    /// `sidebar.html` failed to render.
    pub fn for_page(
        &self,
        locale: &str,
        path: &str,
        section: &str,
    ) -> Result<SidebarHtml<'_>, crate::error::Error> {
        let Some((group, depth)) = self.group(locale, path, section) else {
            return Ok(SidebarHtml { before: "", mark: "", after: "" });
        };
        let rendered = group.html.get_or_init(|| {
            let root = "../".repeat(depth);
            if let (true, Some(names)) = (self.theme.native.sidebar, self.names.get(locale)) {
                return Ok(Rendered::new(super::native::sidebar(&group.items, &root, &names.theme), &root));
            }
            let mut ctx = tera::Context::new();
            ctx.insert("lang", locale);
            ctx.insert("root", &root);
            ctx.insert("sidebar", &group.items);
            match self.theme.render("sidebar.html", &ctx) {
                Ok(html) => Ok(Rendered::new(html, &root)),
                Err(crate::error::Error::Template { name, message }) => Err((name, message)),
                Err(other) => Err(("sidebar.html".to_string(), other.to_string())),
            }
        });
        let rendered = rendered.as_ref().map_err(|(name, message)| crate::error::Error::Template {
            name: name.clone(),
            message: message.clone(),
        })?;
        let html = rendered.html.as_str();
        let Some(&end) = rendered.ends.get(urls::encoded(path).as_ref()) else {
            return Ok(SidebarHtml { before: html, mark: "", after: "" });
        };
        let (before, after) = html.split_at(end);
        Ok(SidebarHtml { before, mark: CURRENT_PAGE, after })
    }
}

/// A page's sidebar: its section's, with the page's own link marked, in
/// three pieces borrowed from the one sidebar they share.
#[derive(Debug, Clone, Copy)]
pub struct SidebarHtml<'s> {
    /// Up to the end of the page's own link's `href`.
    pub before: &'s str,
    /// The mark, when the sidebar lists the page.
    pub mark: &'static str,
    /// The rest.
    pub after: &'s str,
}

impl SidebarHtml<'_> {
    /// Its length in bytes.
    #[must_use]
    pub fn len(&self) -> usize {
        self.before.len() + self.mark.len() + self.after.len()
    }

    /// Whether it is empty.
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

impl std::fmt::Display for SidebarHtml<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.before)?;
        f.write_str(self.mark)?;
        f.write_str(self.after)
    }
}

/// The sidebar with every folder group but `section`'s closed.
fn collapse(items: &[NavItem], section: &str) -> Vec<NavItem> {
    items
        .iter()
        .map(|item| match &item.section {
            // Closed: its entries are not copied only to be dropped.
            Some(s) if s != section => NavItem {
                title: item.title.clone(),
                href: item.href.clone(),
                external: item.external,
                lang: item.lang.clone(),
                children: Vec::new(),
                section: item.section.clone(),
            },
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
                return NavItem::heading(item.name.clone(), children);
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
                NavItem::heading(item.name.clone(), children)
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

#[cfg(test)]
mod tests {
    use super::Rendered;

    #[test]
    fn marks_are_found_where_a_search_for_the_pages_link_finds_them() {
        let html = concat!(
            "<a href=\"../../da-DK/a%20b/index.html\">A</a>",
            "<a href=\"https://x.example/\">out</a>",
            "<a href=\"../../da-DK/c/index.html\">C</a>",
            "<a href=\"../../da-DK/c/index.html\">C again</a>",
            "<a href=\"../da-DK/d/index.html\">shallower</a>",
        )
        .to_string();
        let rendered = Rendered::new(html.clone(), "../../");
        for path in ["da-DK/a b/index.html", "da-DK/c/index.html", "da-DK/d/index.html", "da-DK/e/index.html"]
        {
            let needle = format!("href=\"../../{}\"", super::urls::encoded(path));
            let searched =
                memchr::memmem::find(html.as_bytes(), needle.as_bytes()).map(|at| at + needle.len());
            assert_eq!(rendered.ends.get(super::urls::encoded(path).as_ref()).copied(), searched, "{path}");
        }
        assert_eq!(rendered.ends.len(), 2, "only links below the way back to the root");
    }
}
