//! One article page: which article fills it (the translation, or the source
//! as a fallback), its banners, alternates, language switcher, sidebar and
//! on-page table of contents, gathered in one [`ArticlePage`] and written
//! by the built-in theme ([`super::native`]) or rendered through a
//! project's `article.html`.

use super::body::{Body, Shared};
use super::native::ArticlePage;
use super::nav::NavItem;
use super::switcher::Switcher;
use super::urls;
use super::Theme;
use crate::content::{locale, Article};
use crate::diagnostic::Diagnostic;
use crate::error::Error;
use crate::markdown::Heading;
use serde::Serialize;
use serde_json::{Map, Value};

/// Room for what `article.html` adds around its parts (head, header,
/// table of contents, footer): a few KB in the built-in theme.
const PAGE_TEMPLATE_ALLOWANCE: usize = 8 * 1024;

/// A written page and what the rest of the build needs to know of it.
#[derive(Debug, Clone)]
pub struct Page {
    /// Output path relative to the site root.
    pub path: String,
    /// The HTML, as the bytes of its file.
    pub html: Vec<u8>,
    /// For the sitemap: the page's absolute address, when it is indexable
    /// and not a fallback copy (its alternates are its article's).
    pub sitemap: Option<String>,
    /// Findings made while rendering (includes).
    pub findings: Vec<Diagnostic>,
    /// The outline of the page's article, when asked for and the page shows
    /// its own locale's text (made from the same parse as `html`).
    pub outline: Option<crate::markdown::outline::Outline>,
}

/// An hreflang alternate.
#[derive(Debug, Clone, Serialize, serde::Deserialize, PartialEq, Eq)]
pub struct Alternate {
    /// A locale tag or `x-default`.
    pub hreflang: String,
    /// Absolute address.
    pub href: String,
}

#[derive(Serialize)]
struct Language {
    tag: String,
    name: String,
    href: String,
    current: bool,
    dir: &'static str,
    choose: String,
}

/// Why a page carries a banner.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Banner {
    /// No banner.
    None,
    /// The translation was made from an older source version.
    Stale,
    /// The page shows the source article.
    Untranslated,
}

/// What the pages of one article share in every locale, computed once per
/// article rather than once per page: its slug, hreflang alternates, the
/// entries of its language switcher and the template context its pages
/// share, which each page then completes with its own values.
pub struct ArticleChrome<'p> {
    rel: &'p str,
    source: &'p Article,
    slug: String,
    /// Per switcher entry (in `languages` order): its locale and its link
    /// from another locale's page (the page's own entry is changed per page).
    links: Vec<(String, String)>,
    /// The way from any of its pages back to the site root.
    up: String,
    /// Both partials, rendered once for every page of the article.
    switcher: Switcher,
    /// The context of the last page rendered: the article's shared values
    /// (`alternates`, `languages`, …) and that page's own, which the next
    /// page replaces. Values are moved in and patched, never copied.
    context: tera::Context,
    /// The switcher entry marked as the current page's, if any.
    current: Option<usize>,
}

impl<'p> ArticleChrome<'p> {
    /// The shared parts of the pages of source article `rel`.
    ///
    /// # Errors
    /// `languages.html` or `alternates.html` failed to render.
    pub fn new(shared: &Shared<'p>, theme: &Theme, rel: &'p str) -> Result<Self, Error> {
        let project = shared.project;
        let source = &project.sources()[rel];
        let slug = source.slug();
        let alternates = alternates(project, rel, &slug);
        // Every page of the article sits at the same depth, so a link to
        // another locale's page is the same from each of them.
        let up = urls::root_prefix(&urls::page_path(&project.source, &slug));
        let links: Vec<(String, String)> = project
            .locales
            .iter()
            .map(|l| (l.tag.clone(), format!("{up}{}", urls::encode_path(&urls::page_path(&l.tag, &slug)))))
            .collect();
        let names = |tag: &str| shared.names[tag].language.as_str();
        let native = theme.native;
        if native.switcher && native.article {
            // Neither the partials nor the page template need the values.
            let switcher = Switcher {
                languages: super::native::languages(
                    links.iter().map(|(tag, href)| (tag.as_str(), names(tag), href.as_str())),
                ),
                alternates: super::native::alternates(
                    alternates.iter().map(|a| (a.hreflang.as_str(), a.href.as_str())),
                ),
            };
            let context = tera::Context::new();
            return Ok(Self { rel, source, slug, links, up, switcher, context, current: None });
        }
        let alternates = tera::to_value(alternates).unwrap_or_default();
        let languages: Vec<Value> = links
            .iter()
            .map(|(tag, href)| tera::to_value(language(shared, tag, href.clone(), false)).unwrap_or_default())
            .collect();
        let switcher = Switcher::render(theme, &languages, &alternates)?;
        let mut context = tera::Context::new();
        context.extend(context_of([
            ("languages", Value::Array(languages)),
            ("alternates", alternates),
            ("alternates_html", Value::String(switcher.alternates.clone())),
        ]));
        Ok(Self { rel, source, slug, links, up, switcher, context, current: None })
    }

    /// The switcher's HTML on the page in `locale` at `path`.
    fn languages_html(&self, locale: &str, path: &str) -> String {
        let other = format!("{}{}", self.up, urls::encode_path(&urls::page_path(locale, &self.slug)));
        self.switcher.languages_for(&other, &urls::relative(path, path))
    }

    /// Marks the switcher entry of the page in `locale` at `path` as the
    /// current one, and the last page's as another locale's again.
    fn mark_current(&mut self, locale: &str, path: &str) {
        let Some(Value::Array(mut entries)) = self.context.remove("languages") else {
            return;
        };
        if let Some(i) = self.current.take() {
            if let (Some(entry), Some((_, href))) = (entries.get_mut(i), self.links.get(i)) {
                entry["href"] = Value::String(href.clone());
                entry["current"] = Value::Bool(false);
            }
        }
        if let Some(i) = self.links.iter().position(|(tag, _)| tag == locale) {
            if let Some(entry) = entries.get_mut(i) {
                entry["href"] = Value::String(urls::relative(path, path));
                entry["current"] = Value::Bool(true);
                self.current = Some(i);
            }
        }
        self.context.extend(context_of([("languages", Value::Array(entries))]));
    }

    /// The article's context completed with one page's values in `map`.
    /// Every page sets the same keys, so each replaces all of the last
    /// page's; the article's own (`languages`, `alternates`,
    /// `alternates_html`) are kept.
    fn page_context(&mut self, mut map: Map<String, Value>) -> &tera::Context {
        map.remove("alternates");
        map.remove("languages");
        self.context.extend(context(map));
        &self.context
    }
}

/// A Tera context of these values, moved in.
fn context_of<const N: usize>(values: [(&str, Value); N]) -> tera::Context {
    context(values.into_iter().map(|(k, v)| (k.to_string(), v)).collect())
}

/// Renders the page of an article in `locale`.
///
/// # Errors
/// The template failed to render.
pub fn render(
    shared: &Shared<'_>,
    theme: &Theme,
    sidebars: &super::nav::Sidebars<'_>,
    chrome: &mut ArticleChrome<'_>,
    (locale, outline): (&str, &dyn Fn(&Article) -> bool),
) -> Result<Page, Error> {
    let project = shared.project;
    let (rel, source, slug) = (chrome.rel, chrome.source, chrome.slug.as_str());
    let translation = project.article(locale, rel);
    let article: &Article = translation.unwrap_or(source);
    let path = urls::page_path(locale, slug);
    let base = &project.config.build.base_url;
    let banner = banner(project, locale, translation, source);

    let mut body = Body::new(shared, locale, &path, &article.path, article.body_start);
    let (rendered, outline) = if article.locale == locale && outline(article) {
        let (rendered, outline) = body.render_outlined(article.body());
        (rendered, Some(outline))
    } else {
        (body.render(article.body()), None)
    };

    // A source marked NOINDEX stays out of search in every locale, even when
    // a translation dropped the key.
    let robots = article.front.text("ROBOTS").or_else(|| source.front.text("ROBOTS")).map(str::to_string);
    let indexable = banner != Banner::Untranslated
        && !robots.as_deref().is_some_and(|r| r.to_ascii_uppercase().contains("NOINDEX"));

    let description =
        article.front.text("description").map_or_else(|| rendered.summary.clone(), str::to_string);
    let content =
        if project.config.build.sanitize { super::sanitize::clean(&rendered.html) } else { rendered.html };
    let toc: Vec<Heading> = rendered.headings.into_iter().filter(|h| (2..=3).contains(&h.level)).collect();
    let sidebar_html = sidebars.for_page(locale, &path, super::nav::section_of(rel))?;
    let languages_html = chrome.languages_html(locale, &path);
    // The page is its parts plus the template's own text.
    let capacity = content.len()
        + sidebar_html.len()
        + languages_html.len()
        + chrome.switcher.alternates.len()
        + PAGE_TEMPLATE_ALLOWANCE;
    let names = &shared.names[locale];
    let page = ArticlePage {
        lang: locale.to_string(),
        dir: locale::direction(locale).to_string(),
        title: article.title(),
        site_title: names.site_title.clone(),
        description,
        robots,
        canonical: urls::absolute(base, &article.locale, slug),
        root: urls::root_prefix(&path),
        home: urls::relative(&path, &urls::page_path(locale, "")),
        has_languages: !chrome.links.is_empty(),
        languages_html,
        language_name: names.language.clone(),
        sidebar_html,
        banner,
        source_href: urls::relative(&path, &urls::page_path(&project.source, slug)),
        source_lang: project.source.clone(),
        body_lang: article.locale.clone(),
        body_dir: locale::direction(&article.locale).to_string(),
        content,
        is_home: slug.is_empty(),
        article_count: project.sources().len(),
        toc,
        page_path: path.clone(),
    };
    let html = if theme.native.article {
        super::native::article(&page, &chrome.switcher.alternates, (&names.theme, shared.localizer), capacity)
    } else {
        chrome.mark_current(locale, &path);
        theme.render_bytes("article.html", chrome.page_context(page_values(page)), capacity)?
    };
    let sitemap = indexable.then(|| urls::absolute(base, locale, &chrome.slug));
    let findings = std::mem::take(&mut body.findings);
    drop(body);
    Ok(Page { path, html, sitemap, findings, outline })
}

/// An article page's values as `article.html` sees them, moved in. Every
/// page sets the same keys (see [`ArticleChrome::page_context`]).
fn page_values(page: ArticlePage<'_>) -> Map<String, Value> {
    let mut map = Map::new();
    for (key, value) in [
        ("lang", Value::String(page.lang)),
        ("dir", Value::String(page.dir)),
        ("site_title", Value::String(page.site_title)),
        ("root", Value::String(page.root)),
        ("home", Value::String(page.home)),
        ("language_name", Value::String(page.language_name)),
        ("source_lang", Value::String(page.source_lang)),
        ("title", Value::String(page.title)),
        ("description", Value::String(page.description)),
        ("robots", page.robots.map_or(Value::Null, Value::String)),
        ("canonical", Value::String(page.canonical)),
        ("languages_html", Value::String(page.languages_html)),
        ("sidebar_html", Value::String(page.sidebar_html.to_string())),
        ("content", Value::String(page.content)),
        ("toc", tera::to_value(&page.toc).unwrap_or_default()),
        ("banner", tera::to_value(page.banner).unwrap_or_default()),
        ("source_href", Value::String(page.source_href)),
        ("body_lang", Value::String(page.body_lang)),
        ("body_dir", Value::String(page.body_dir)),
        ("is_home", Value::Bool(page.is_home)),
        ("article_count", Value::from(page.article_count)),
        ("page_path", Value::String(page.page_path)),
    ] {
        map.insert(key.to_string(), value);
    }
    map
}

/// A Tera context holding `map`'s values as they are.
fn context(map: Map<String, Value>) -> tera::Context {
    tera::Context::from_value(Value::Object(map)).unwrap_or_default()
}

/// The context every page of a locale shares: language, direction, site
/// title, links home and the language switcher.
#[must_use]
pub fn chrome(shared: &Shared<'_>, locale: &str, path: &str, slug: &str) -> tera::Context {
    let languages = tera::to_value(languages(shared, Some((locale, path, slug)))).unwrap_or_default();
    context(chrome_map(shared, locale, path, languages))
}

/// [`chrome`] with the language switcher given.
fn chrome_map(shared: &Shared<'_>, locale: &str, path: &str, languages: Value) -> Map<String, Value> {
    let project = shared.project;
    let language_name = shared
        .names
        .get(locale)
        .map_or_else(|| language_name(shared.localizer, locale), |n| n.language.clone());
    let mut map = Map::new();
    for (key, value) in [
        ("lang", Value::String(locale.to_string())),
        ("dir", Value::String(locale::direction(locale).to_string())),
        ("site_title", Value::String(site_title(shared, locale))),
        ("root", Value::String(urls::root_prefix(path))),
        ("home", Value::String(urls::relative(path, &urls::page_path(locale, "")))),
        ("language_name", Value::String(language_name)),
        ("languages", languages),
        ("alternates", Value::Array(Vec::new())),
        ("description", Value::String(String::new())),
        ("robots", Value::Null),
        ("canonical", Value::Null),
        ("source_lang", Value::String(project.source.clone())),
    ] {
        map.insert(key.to_string(), value);
    }
    map
}

/// The site title in `locale`: its Fluent `site-title`, else `[book] title`.
#[must_use]
pub fn site_title(shared: &Shared<'_>, locale: &str) -> String {
    shared
        .names
        .get(locale)
        .map_or_else(|| shared.project.config.book.title.clone(), |n| n.site_title.clone())
}

/// A language's name in that language.
#[must_use]
pub fn language_name(localizer: &crate::l10n::Localizer, tag: &str) -> String {
    localizer.own(tag, "language-name").unwrap_or_else(|| {
        let language = tag.split('-').next().unwrap_or(tag);
        match crate::l10n::autonyms::autonym(language) {
            Some(name) if tag.contains('-') => format!("{name} ({tag})"),
            Some(name) => name.to_string(),
            None => tag.to_string(),
        }
    })
}

/// The language switcher: every locale, linking to the same article.
/// `None` gives the root index's list.
fn languages(shared: &Shared<'_>, page: Option<(&str, &str, &str)>) -> Vec<Language> {
    shared
        .project
        .locales
        .iter()
        .map(|l| {
            let (href, current) = match page {
                Some((locale, path, slug)) => {
                    (urls::relative(path, &urls::page_path(&l.tag, slug)), l.tag == locale)
                }
                None => (urls::encode_path(&urls::page_path(&l.tag, "")), false),
            };
            language(shared, &l.tag, href, current)
        })
        .collect()
}

/// The switcher entry of locale `tag`.
fn language(shared: &Shared<'_>, tag: &str, href: String, current: bool) -> Language {
    let names = &shared.names[tag];
    Language {
        tag: tag.to_string(),
        name: names.language.clone(),
        href,
        current,
        dir: locale::direction(tag),
        choose: names.choose.clone(),
    }
}

/// The context of a locale's generated home page, for projects whose source
/// locale has no `index.md`: the site title and the whole sidebar.
#[must_use]
pub fn home_context(shared: &Shared<'_>, sidebar: &[NavItem], locale: &str) -> tera::Context {
    let path = urls::page_path(locale, "");
    let mut ctx = chrome(shared, locale, &path, "");
    ctx.insert("sidebar", sidebar);
    ctx.insert("page_path", &path);
    ctx.insert("article_count", &shared.project.sources().len());
    let base = &shared.project.config.build.base_url;
    ctx.insert("canonical", &urls::absolute(base, locale, ""));
    ctx
}

/// The context of the translation status page, in the source locale.
#[must_use]
pub fn status_context(shared: &Shared<'_>, status: Vec<crate::status::LocaleStatus>) -> tera::Context {
    let project = shared.project;
    let path = "status/index.html";
    let mut ctx = chrome(shared, &project.source, path, "");
    ctx.insert("languages", &Vec::<Language>::new());
    ctx.insert("title", &shared.localizer.text(&project.source, "status-title"));
    let rows: Vec<serde_json::Value> = status
        .into_iter()
        .map(|s| {
            let mut v = serde_json::to_value(&s).unwrap_or_default();
            v["name"] = serde_json::Value::String(language_name(shared.localizer, &s.locale));
            v
        })
        .collect();
    ctx.insert("status", &rows);
    ctx
}

/// The context of a locale's `404.html`. A server shows it at any address,
/// so its links are absolute (from `base_url`) rather than relative.
#[must_use]
pub fn not_found_context(shared: &Shared<'_>, locale: &str) -> tera::Context {
    let base = &shared.project.config.build.base_url;
    let mut ctx = chrome(shared, locale, &format!("{locale}/404.html"), "");
    ctx.insert("root", base);
    ctx.insert("home", &urls::absolute(base, locale, ""));
    let languages: Vec<Language> = languages(shared, None)
        .into_iter()
        .map(|mut l| {
            l.href = urls::absolute(base, &l.tag, "");
            l.current = l.tag == locale;
            l
        })
        .collect();
    ctx.insert("languages", &languages);
    ctx.insert("title", &shared.localizer.text(locale, "not-found-title"));
    ctx.insert("robots", "noindex");
    ctx
}

/// The root `index.html`'s context.
#[must_use]
pub fn root_context(shared: &Shared<'_>) -> tera::Context {
    let project = shared.project;
    let mut ctx = tera::Context::new();
    ctx.insert("lang", &project.source);
    ctx.insert("dir", locale::direction(&project.source));
    ctx.insert("site_title", &site_title(shared, &project.source));
    ctx.insert("languages", &languages(shared, None));
    ctx.insert("locale_tags", &project.locales.iter().map(|l| l.tag.as_str()).collect::<Vec<_>>());
    let base = &project.config.build.base_url;
    let mut alternates: Vec<Alternate> = project
        .locales
        .iter()
        .map(|l| Alternate { hreflang: l.tag.clone(), href: urls::absolute(base, &l.tag, "") })
        .collect();
    alternates.push(Alternate { hreflang: "x-default".into(), href: base.clone() });
    ctx.insert("alternates", &alternates);
    ctx
}

fn banner(
    project: &crate::content::Project,
    locale: &str,
    translation: Option<&Article>,
    source: &Article,
) -> Banner {
    if locale == project.source {
        return Banner::None;
    }
    let Some(t) = translation else {
        return Banner::Untranslated;
    };
    match t.front.text(&project.config.content.fingerprint_key) {
        Some(recorded) if !source.has_fingerprint(recorded) => Banner::Stale,
        _ => Banner::None,
    }
}

/// hreflang alternates: every locale that has the article, and `x-default`
/// (the source).
#[must_use]
pub fn alternates(project: &crate::content::Project, rel: &str, slug: &str) -> Vec<Alternate> {
    let base = &project.config.build.base_url;
    let mut out: Vec<Alternate> = project
        .locales
        .iter()
        .filter(|l| project.article(&l.tag, rel).is_some())
        .map(|l| Alternate { hreflang: l.tag.clone(), href: urls::absolute(base, &l.tag, slug) })
        .collect();
    out.push(Alternate { hreflang: "x-default".into(), href: urls::absolute(base, &project.source, slug) });
    out
}
