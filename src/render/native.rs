//! The built-in theme's article page, sidebar and language switcher written
//! straight into bytes: exactly what Tera makes of `base.html`,
//! `article.html` and `footer.html`, of `sidebar.html` with `nav.html`, and
//! of `languages.html` and `alternates.html`, without interpreting a
//! template or building a JSON context for every page.
//!
//! Used only while the project overrides none of the templates a part is
//! made of ([`Native`]); a custom theme goes through Tera, and so does every
//! other page (home without `index.md`, 404, root, status). A test builds sites both ways and compares every
//! byte, so a change to one of these templates must be made here too.

use super::nav::NavItem;
use super::page::Banner;
use crate::l10n::Localizer;
use crate::markdown::{escape, escape_into, Heading};

/// Which parts the built-in theme makes without Tera.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Native {
    /// Article pages: none of `base.html`, `article.html`, `footer.html`
    /// is overridden.
    pub article: bool,
    /// Sidebars: neither `sidebar.html` nor `nav.html` is overridden.
    pub sidebar: bool,
    /// An article's language switcher and hreflang alternates: neither
    /// `languages.html` nor `alternates.html` is overridden.
    pub switcher: bool,
}

impl Native {
    /// The templates each part is made of.
    pub const ARTICLE: [&'static str; 3] = ["base.html", "article.html", "footer.html"];
    /// See [`Native::ARTICLE`].
    pub const SIDEBAR: [&'static str; 2] = ["sidebar.html", "nav.html"];
    /// See [`Native::ARTICLE`].
    pub const SWITCHER: [&'static str; 2] = ["languages.html", "alternates.html"];

    /// What is left native when the templates in `overridden` are the
    /// project's.
    #[must_use]
    pub fn with_overrides(overridden: &[String]) -> Self {
        let untouched = |names: &[&str]| !overridden.iter().any(|o| names.contains(&o.as_str()));
        Self {
            article: untouched(&Self::ARTICLE),
            sidebar: untouched(&Self::SIDEBAR),
            switcher: untouched(&Self::SWITCHER),
        }
    }
}

/// A locale's `t()` strings the built-in theme shows, formatted and escaped
/// once.
#[derive(Debug, Clone)]
pub struct Strings {
    skip: String,
    languages: String,
    stale: String,
    stale_link: String,
    untranslated: String,
    on_this_page: String,
    all_languages: String,
    built_with: String,
    articles: String,
}

impl Strings {
    /// The strings of `locale`. Every one is in the built-in Fluent file,
    /// the end of every fallback chain, so none is ever missing.
    #[must_use]
    pub fn new(localizer: &Localizer, locale: &str) -> Self {
        let t = |key: &str| escape(&localizer.text(locale, key));
        Self {
            skip: t("nav-skip"),
            languages: t("nav-languages"),
            stale: t("banner-stale"),
            stale_link: t("banner-stale-link"),
            untranslated: t("banner-untranslated"),
            on_this_page: t("nav-on-this-page"),
            all_languages: t("nav-all-languages"),
            built_with: t("footer-built-with"),
            articles: t("nav-articles"),
        }
    }
}

/// Everything an article page shows: the values `article.html` gets.
#[derive(Debug, Clone)]
pub struct ArticlePage<'s> {
    /// `lang`: the page's locale.
    pub lang: String,
    /// `dir`: its direction.
    pub dir: String,
    /// `title`.
    pub title: String,
    /// `site_title`.
    pub site_title: String,
    /// `description`; empty for none.
    pub description: String,
    /// `robots`.
    pub robots: Option<String>,
    /// `canonical`.
    pub canonical: String,
    /// `root`: the way back to the site root.
    pub root: String,
    /// `home`.
    pub home: String,
    /// Whether `languages` has entries.
    pub has_languages: bool,
    /// `languages_html`.
    pub languages_html: String,
    /// `language_name`.
    pub language_name: String,
    /// `sidebar_html`.
    pub sidebar_html: super::nav::SidebarHtml<'s>,
    /// `banner`.
    pub banner: Banner,
    /// `source_href`.
    pub source_href: String,
    /// `source_lang`.
    pub source_lang: String,
    /// `body_lang`.
    pub body_lang: String,
    /// `body_dir`.
    pub body_dir: String,
    /// `content`: the body's HTML.
    pub content: String,
    /// `is_home`.
    pub is_home: bool,
    /// `article_count`.
    pub article_count: usize,
    /// `toc`: the headings of levels 2 and 3.
    pub toc: Vec<Heading>,
    /// `page_path`.
    pub page_path: String,
}

/// Appends text, escaped as Tera's autoescape does with tolk's escape.
struct Out(String);

impl Out {
    fn raw(&mut self, s: &str) -> &mut Self {
        self.0.push_str(s);
        self
    }

    fn esc(&mut self, s: &str) -> &mut Self {
        escape_into(&mut self.0, s);
        self
    }
}

/// The page `base.html` and `article.html` make of `page` and its
/// article's `alternates_html`, with its locale's strings, into a buffer of
/// `capacity` bytes to start with.
#[must_use]
pub fn article(
    page: &ArticlePage<'_>,
    alternates_html: &str,
    (s, localizer): (&Strings, &Localizer),
    capacity: usize,
) -> Vec<u8> {
    let mut o = Out(String::with_capacity(capacity));
    head(&mut o, page, alternates_html, s);
    let sidebar = &page.sidebar_html;
    o.raw("<div class=\"layout\">\n").raw(sidebar.before).raw(sidebar.mark).raw(sidebar.after);
    o.raw("\n<main id=\"main\">\n");
    match page.banner {
        Banner::Stale => {
            o.raw("<p class=\"banner banner-stale\" role=\"status\">").raw(&s.stale);
            o.raw(" <a href=\"").esc(&page.source_href).raw("\" hreflang=\"").esc(&page.source_lang);
            o.raw("\">").raw(&s.stale_link).raw("</a></p>\n");
        }
        Banner::Untranslated => {
            o.raw("<p class=\"banner banner-untranslated\" role=\"status\">")
                .raw(&s.untranslated)
                .raw("</p>\n");
        }
        Banner::None => {}
    }
    o.raw("<article");
    if page.body_lang != page.lang {
        o.raw(" lang=\"").esc(&page.body_lang).raw("\" dir=\"").esc(&page.body_dir).raw("\"");
    }
    o.raw(">\n").raw(&page.content).raw("</article>\n");
    if page.is_home {
        o.raw("<p class=\"count\">").esc(&count(localizer, &page.lang, page.article_count)).raw("</p>\n");
    }
    o.raw("\n</main>\n");
    if !page.toc.is_empty() {
        o.raw("<nav class=\"toc\" aria-label=\"").raw(&s.on_this_page).raw("\">\n<h2>");
        o.raw(&s.on_this_page).raw("</h2>\n<ul>\n");
        for h in &page.toc {
            o.raw("<li class=\"toc-h").raw(&h.level.to_string()).raw("\"><a href=\"#").esc(&h.id);
            o.raw("\">").esc(&h.text).raw("</a></li>\n");
        }
        o.raw("</ul>\n</nav>");
    }
    o.raw("\n</div>\n<footer class=\"site-footer\">\n<p><a href=\"").esc(&page.root);
    o.raw("index.html#all\">").raw(&s.all_languages).raw("</a> · ").raw(&s.built_with);
    o.raw("</p>\n</footer>\n\n</body>\n</html>\n");
    o.0.into_bytes()
}

/// `base.html` up to its layout: the head, the skip link and the header.
fn head(o: &mut Out, page: &ArticlePage<'_>, alternates_html: &str, s: &Strings) {
    o.raw("<!DOCTYPE html>\n<html lang=\"").esc(&page.lang).raw("\" dir=\"").esc(&page.dir);
    o.raw("\">\n<head>\n<meta charset=\"utf-8\">\n");
    o.raw("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>");
    o.esc(&page.title).raw(" | ").esc(&page.site_title).raw("</title>\n");
    if !page.description.is_empty() {
        o.raw("<meta name=\"description\" content=\"").esc(&page.description).raw("\">\n");
    }
    if let Some(robots) = page.robots.as_deref().filter(|r| !r.is_empty()) {
        o.raw("<meta name=\"robots\" content=\"").esc(robots).raw("\">\n");
    }
    if !page.canonical.is_empty() {
        o.raw("<link rel=\"canonical\" href=\"").esc(&page.canonical).raw("\">\n");
    }
    o.raw(alternates_html).raw("<link rel=\"stylesheet\" href=\"").esc(&page.root);
    o.raw("assets/tolk.css\">\n</head>\n<body>\n<a class=\"skip\" href=\"#main\">").raw(&s.skip);
    o.raw("</a>\n<header class=\"site-header\">\n<a class=\"site-title\" href=\"").esc(&page.home);
    o.raw("\">").esc(&page.site_title).raw("</a>\n");
    if page.has_languages {
        o.raw("<nav class=\"languages\" aria-label=\"").raw(&s.languages).raw("\">\n<details><summary>");
        o.raw(&s.languages).raw(": ").esc(&page.language_name).raw("</summary>\n<ul>\n");
        o.raw(&page.languages_html).raw("</ul>\n</details>\n</nav>");
    }
    o.raw("\n</header>\n");
}

/// `home-articles-count` with `count`, as `t()` passes a number.
fn count(localizer: &Localizer, locale: &str, count: usize) -> String {
    let mut args = fluent::FluentArgs::new();
    // Tera hands `t()` every number as a float; so does this.
    #[allow(clippy::cast_precision_loss)]
    args.set("count", fluent::FluentValue::from(count as f64));
    localizer.format(locale, "home-articles-count", Some(&args)).unwrap_or_default()
}

/// The sidebar `sidebar.html` makes of `items` in `locale`, its links
/// prefixed with `root`.
#[must_use]
pub fn sidebar(items: &[NavItem], root: &str, s: &Strings) -> String {
    let mut o = Out(String::with_capacity(256 + items.len() * 96));
    o.raw("<nav class=\"sidebar\" aria-label=\"").raw(&s.articles).raw("\">\n<h2>").raw(&s.articles);
    o.raw("</h2>\n");
    nav_items(&mut o, items, root);
    o.raw("\n</nav>\n");
    o.0
}

/// What `languages.html` makes of switcher entries `(tag, name, href)`.
#[must_use]
pub fn languages<'a>(entries: impl Iterator<Item = (&'a str, &'a str, &'a str)>) -> String {
    let mut o = Out(String::with_capacity(1024));
    for (tag, name, href) in entries {
        o.raw("<li><a href=\"").esc(href).raw("\" hreflang=\"").esc(tag).raw("\" lang=\"").esc(tag);
        o.raw("\">").esc(name).raw("</a></li>\n");
    }
    o.0
}

/// What `alternates.html` makes of alternates `(hreflang, href)`.
#[must_use]
pub fn alternates<'a>(entries: impl Iterator<Item = (&'a str, &'a str)>) -> String {
    let mut o = Out(String::with_capacity(1024));
    for (hreflang, href) in entries {
        o.raw("<link rel=\"alternate\" hreflang=\"").esc(hreflang).raw("\" href=\"").esc(href);
        o.raw("\">\n");
    }
    o.0
}

/// The `items` macro of `nav.html`, with no current page.
fn nav_items(o: &mut Out, items: &[NavItem], root: &str) {
    o.raw("<ul>\n");
    for item in items {
        o.raw("<li>");
        match item.href.as_deref().filter(|h| !h.is_empty()) {
            Some(href) => {
                o.raw("<a href=\"");
                if !item.external {
                    o.esc(root);
                }
                o.esc(href).raw("\"");
                if let Some(lang) = item.lang.as_deref().filter(|l| !l.is_empty()) {
                    o.raw(" lang=\"").esc(lang).raw("\"");
                }
                o.raw(">").esc(&item.title).raw("</a>");
            }
            None => {
                o.raw("<span>").esc(&item.title).raw("</span>");
            }
        }
        o.raw("\n");
        if !item.children.is_empty() {
            nav_items(o, &item.children, root);
        }
        o.raw("</li>\n");
    }
    o.raw("</ul>");
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_part_is_native_only_while_none_of_its_templates_is_overridden() {
        let with = |names: &[&str]| {
            Native::with_overrides(&names.iter().map(ToString::to_string).collect::<Vec<_>>())
        };
        let all = Native { article: true, sidebar: true, switcher: true };
        assert_eq!(with(&[]), all);
        assert_eq!(with(&["home.html", "404.html", "root.html"]), all);
        assert_eq!(with(&["footer.html"]), Native { article: false, ..all });
        assert_eq!(with(&["nav.html"]), Native { sidebar: false, ..all });
        assert_eq!(with(&["alternates.html"]), Native { switcher: false, ..all });
    }
}
