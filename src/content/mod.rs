//! Owns the content model: discovering locale folders and their files,
//! reading articles and their front matter, tables of contents, and source
//! fingerprints.
//!
//! Loading never fails on a bad article: the problem becomes a finding and
//! the rest is read.

pub mod article;
pub mod disable;
pub mod fingerprint;
pub mod front_matter;
pub mod limits;
pub mod locale;
pub mod plain_yaml;
pub mod resolve;
pub mod stamp;
pub mod toc;
pub mod walk;

pub use article::{Article, Recorded};

use crate::config::{Config, ContentSection};
use crate::diagnostic::Diagnostic;
use crate::error::Error;
use crate::rules;
use rayon::prelude::*;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// Folder under the project root that holds `content/<locale>/**.md`.
pub const CONTENT_DIR: &str = "content";

/// One locale of the site.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Locale {
    /// Canonical BCP 47 tag.
    pub tag: String,
    /// Its folder relative to the project root, if it has one.
    pub dir: Option<PathBuf>,
}

/// A non-Markdown file to publish beside a locale's pages (images and the like).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Asset {
    /// Path inside the locale folder, `/`-separated.
    pub rel: String,
    /// Path relative to the project root.
    pub path: PathBuf,
}

/// Everything read from `content/`.
#[derive(Debug, Clone)]
pub struct Project {
    /// The project root.
    pub root: PathBuf,
    /// Its configuration.
    pub config: Config,
    /// Canonical tag of the source locale.
    pub source: String,
    /// Every locale, source first, then the order of `[book] locales` or by tag.
    pub locales: Vec<Locale>,
    /// Articles by locale, then by path inside the locale folder.
    pub articles: BTreeMap<String, BTreeMap<String, Article>>,
    /// Files to copy, by locale.
    pub assets: BTreeMap<String, Vec<Asset>>,
    /// Parsed tables of contents, by locale.
    pub tocs: BTreeMap<String, toc::Toc>,
    /// Every other file of the locale folders (includes, metadata), relative
    /// to the project root: pages may read them.
    pub other_files: Vec<PathBuf>,
}

impl Project {
    /// Reads the content of the project at `root`.
    ///
    /// # Errors
    /// `content/` or the source locale's folder is missing or unreadable.
    pub fn load(root: &Path, config: Config) -> Result<(Self, Vec<Diagnostic>), Error> {
        Self::load_with(root, config, &NoRecall)
    }

    /// [`Project::load`], taking from `known` what an earlier build recorded
    /// of an article: the whole article when its file did not change (it is
    /// then not read), else its front matter when its front matter block
    /// did not change (it is then not parsed).
    ///
    /// # Errors
    /// `content/` or the source locale's folder is missing or unreadable.
    pub fn load_with(
        root: &Path,
        config: Config,
        known: Known<'_>,
    ) -> Result<(Self, Vec<Diagnostic>), Error> {
        let mut findings = Vec::new();
        let source = config.source_locale();
        let locales = discover_locales(root, &config, &source, &mut findings)?;
        if !locales.iter().any(|l| l.tag == source && l.dir.is_some()) {
            return Err(Error::Read {
                path: root.join(CONTENT_DIR).join(&source),
                source: std::io::Error::new(
                    std::io::ErrorKind::NotFound,
                    "the source locale has no folder; create it or set [book] source_locale in book.toml",
                ),
            });
        }
        let mut files = Vec::new();
        let mut assets: BTreeMap<String, Vec<Asset>> = BTreeMap::new();
        let mut toc_files = Vec::new();
        let mut other_files = Vec::new();
        // Locale folders are walked in parallel, then taken in their order.
        let walked: Vec<(&Locale, Vec<walk::Entry>, Vec<Diagnostic>)> = locales
            .par_iter()
            .filter_map(|locale| {
                let mut found = Vec::new();
                let entries = walk::walk(root, locale.dir.as_ref()?, &locale.tag, &mut found);
                Some((locale, entries, found))
            })
            .collect();
        for (locale, entries, found) in walked {
            findings.extend(found);
            for entry in entries {
                let rel = entry.rel;
                if FILE_NAMES_TOC.contains(&rel.as_str()) {
                    toc_files.push((locale.tag.clone(), entry.path));
                } else if is_article(&rel) {
                    files.push((locale.tag.clone(), rel, entry.path));
                } else if is_asset(&rel) {
                    assets.entry(locale.tag.clone()).or_default().push(Asset { rel, path: entry.path });
                } else {
                    other_files.push(entry.path);
                }
            }
        }
        // Files come locale by locale; each locale's articles are read and
        // put in order in parallel.
        let mut by_locale: Vec<(String, Vec<(String, PathBuf)>)> = Vec::new();
        for (locale, rel, path) in files {
            match by_locale.last_mut() {
                Some((tag, list)) if *tag == locale => list.push((rel, path)),
                _ => by_locale.push((locale, vec![(rel, path)])),
            }
        }
        let read: Vec<(String, BTreeMap<String, Article>, Vec<Diagnostic>)> = by_locale
            .into_par_iter()
            .map(|(locale, list)| {
                let read: Vec<(Option<Article>, Option<Diagnostic>)> = list
                    .into_par_iter()
                    .map(|(rel, path)| read_article(root, &config.content, (&locale, &rel, path), known))
                    .collect();
                let mut found = Vec::new();
                let mut articles = Vec::with_capacity(read.len());
                for (article, finding) in read {
                    found.extend(finding);
                    articles.extend(article.map(|a| (a.rel.clone(), a)));
                }
                (locale, BTreeMap::from_iter(articles), found)
            })
            .collect();
        let mut articles: BTreeMap<String, BTreeMap<String, Article>> =
            locales.iter().map(|l| (l.tag.clone(), BTreeMap::new())).collect();
        for (locale, read, found) in read {
            findings.extend(found);
            // Each locale comes once: its map is moved in, not rebuilt entry by entry.
            let slot = articles.entry(locale).or_default();
            if slot.is_empty() {
                *slot = read;
            } else {
                slot.extend(read);
            }
        }
        let tocs = read_tocs(root, toc_files.clone(), &mut findings);
        other_files.extend(toc_files.into_iter().map(|(_, path)| path));
        let project =
            Self { root: root.to_path_buf(), config, source, locales, articles, assets, tocs, other_files };
        Ok((project, findings))
    }

    /// How many articles there are, in every locale.
    #[must_use]
    pub fn article_count(&self) -> usize {
        self.articles.values().map(BTreeMap::len).sum()
    }

    /// The source locale's articles.
    #[must_use]
    pub fn sources(&self) -> &BTreeMap<String, Article> {
        &self.articles[&self.source]
    }

    /// The locale and the path inside its folder (`/`-separated) of a file
    /// in a locale folder, by its path relative to the root.
    #[must_use]
    pub fn locate(&self, path: &Path) -> Option<(&str, String)> {
        let file = resolve::path_string(path);
        self.locales.iter().find_map(|l| {
            let dir = l.dir.as_ref()?;
            // A folder's path is already `/`-separated but on Windows.
            let dir = match dir.to_str() {
                Some(d) if !d.contains('\\') => std::borrow::Cow::Borrowed(d),
                _ => std::borrow::Cow::Owned(resolve::path_string(dir)),
            };
            let rel = file.strip_prefix(dir.as_ref())?.strip_prefix('/')?;
            Some((l.tag.as_str(), rel.to_string()))
        })
    }

    /// The article whose file is `path` (relative to the root), if the
    /// project has it.
    #[must_use]
    pub fn article_at(&self, path: &Path) -> Option<&Article> {
        let (locale, rel) = self.locate(path)?;
        self.article(locale, &rel)
    }

    /// The article `rel` in `locale`, if that locale has it.
    #[must_use]
    pub fn article(&self, locale: &str, rel: &str) -> Option<&Article> {
        self.articles.get(locale)?.get(rel)
    }
}

const FILE_NAMES_TOC: &[&str] = toc::FILE_NAMES;

/// Markdown files outside `includes/` folders, except a Markdown TOC
/// (`rel` is a path inside a locale folder).
#[must_use]
pub fn is_article(rel: &str) -> bool {
    rel.ends_with(".md")
        && !rel.split('/').any(|c| c.eq_ignore_ascii_case("includes"))
        && !rel.rsplit('/').next().is_some_and(|name| name.eq_ignore_ascii_case("toc.md"))
}

/// Files published as they are: everything but Markdown and DocFX metadata.
fn is_asset(rel: &str) -> bool {
    let lower = rel.to_ascii_lowercase();
    let metadata = lower.ends_with(".md") || lower.ends_with(".yml") || lower.ends_with(".yaml");
    let hidden = rel.split('/').any(|c| c.starts_with('.'));
    !metadata && !hidden
}

/// What earlier builds recorded of articles, by path relative to the root.
pub trait Recall: Sync {
    /// The record of the article at `path` if its file is known not to have
    /// changed since it was recorded, its load limits being the same
    /// (`limits`); the article is then not read.
    fn unchanged(&self, path: &Path, limits: &ContentSection) -> Option<Recorded>;

    /// The front matter once parsed from the article at `path` if it was
    /// parsed from the block whose key is `front_key`.
    fn front(&self, path: &Path, front_key: &str) -> Option<front_matter::FrontMatter>;
}

/// Nothing recorded: every article is read and parsed.
pub struct NoRecall;

impl Recall for NoRecall {
    fn unchanged(&self, _: &Path, _: &ContentSection) -> Option<Recorded> {
        None
    }

    fn front(&self, _: &Path, _: &str) -> Option<front_matter::FrontMatter> {
        None
    }
}

/// What [`Project::load_with`] is given.
pub type Known<'k> = &'k dyn Recall;

/// Reads the article `rel` of `locale` from its file at `path` (relative
/// to `root`) as a load does, with nothing recalled: the article, or the
/// finding that leaves it out, and a front-matter problem if it has one.
#[must_use]
pub fn read_one(
    root: &Path,
    limits: &ContentSection,
    (locale, rel, path): (&str, &str, PathBuf),
) -> (Option<Article>, Option<Diagnostic>) {
    read_article(root, limits, (locale, rel, path), &NoRecall)
}

fn read_article(
    root: &Path,
    limits: &ContentSection,
    (locale, rel, path): (&str, &str, PathBuf),
    known: Known<'_>,
) -> (Option<Article>, Option<Diagnostic>) {
    if let Some(record) = known.unchanged(&path, limits) {
        return (Some(Article::recorded(locale, rel, path.clone(), root.join(&path), record)), None);
    }
    let fail = |rule, span, message: String, help: &str| {
        let d = Diagnostic::new(rule, path.clone(), span, message).in_locale(locale).with_help(help);
        (None, Some(d))
    };
    let bytes = match limits::read(&root.join(&path), limits.max_file_size) {
        limits::Read::Bytes(b) => b,
        limits::Read::TooLarge(size) => {
            let message = format!(
                "the file is {size} bytes, over the limit of {} ([content] max_file_size); it is left out",
                limits.max_file_size
            );
            return fail(
                rules::LIMIT_EXCEEDED,
                0..0,
                message,
                "split the article, or raise the limit in book.toml",
            );
        }
        limits::Read::Failed(e) => {
            return fail(
                rules::UNREADABLE_FILE,
                0..0,
                format!("cannot read this article: {e}"),
                "check its permissions",
            );
        }
    };
    let text = match String::from_utf8(bytes) {
        Ok(t) => t,
        Err(e) => {
            let at = e.utf8_error().valid_up_to();
            let message =
                "this article is not UTF-8 (invalid byte here); it is left out of the site".to_string();
            return fail(rules::INVALID_ENCODING, at..at + 1, message, "save the file as UTF-8");
        }
    };
    if let Some((span, depth)) = limits::too_deep(&text, limits.max_nesting) {
        let message = format!(
            "lists or quotes nest about {depth} levels deep here, over the limit of {} ([content] max_nesting); the article is left out",
            limits.max_nesting
        );
        return fail(
            rules::LIMIT_EXCEEDED,
            span,
            message,
            "flatten the nesting, or raise the limit in book.toml",
        );
    }
    let (article, problem) =
        Article::parse_with(locale, rel, path.clone(), text, &|front_key| known.front(&path, front_key));
    let finding = problem
        .map(|p| Diagnostic::new(rules::INVALID_FRONT_MATTER, path, p.span, p.message).in_locale(locale));
    (Some(article), finding)
}

fn read_tocs(
    root: &Path,
    files: Vec<(String, PathBuf)>,
    findings: &mut Vec<Diagnostic>,
) -> BTreeMap<String, toc::Toc> {
    let mut tocs = BTreeMap::new();
    for (locale, path) in files {
        if tocs.contains_key(&locale) {
            continue;
        }
        let text = match std::fs::read_to_string(root.join(&path)) {
            Ok(t) => t,
            Err(e) => {
                findings.push(
                    Diagnostic::new(rules::INVALID_TOC, path, 0..0, format!("cannot read: {e}"))
                        .in_locale(&locale),
                );
                continue;
            }
        };
        match toc::parse(&text) {
            Ok(items) => {
                tocs.insert(locale, toc::Toc { path, items });
            }
            Err(p) => findings.push(
                Diagnostic::new(rules::INVALID_TOC, path, p.span, format!("table of contents does not parse: {}", p.message))
                    .in_locale(&locale)
                    .with_help("each entry needs `name:`, and may have `href:` and `items:`; the sidebar lists articles by title instead"),
            ),
        }
    }
    tocs
}

fn discover_locales(
    root: &Path,
    config: &Config,
    source: &str,
    findings: &mut Vec<Diagnostic>,
) -> Result<Vec<Locale>, Error> {
    let content = root.join(CONTENT_DIR);
    let entries =
        std::fs::read_dir(&content).map_err(|source| Error::Read { path: content.clone(), source })?;
    let mut found: BTreeMap<String, PathBuf> = BTreeMap::new();
    let mut names: Vec<(String, bool)> = entries
        .filter_map(Result::ok)
        .map(|e| (e.file_name().to_string_lossy().into_owned(), e.file_type().is_ok_and(|t| t.is_dir())))
        .collect();
    names.sort();
    for (name, is_dir) in names {
        if !is_dir || locale::is_shared_folder(&name) {
            continue;
        }
        let dir = Path::new(CONTENT_DIR).join(&name);
        match locale::canonical(&name) {
            Ok(tag) if found.contains_key(&tag) => findings.push(
                Diagnostic::new(
                    rules::UNKNOWN_LOCALE_FOLDER,
                    dir,
                    0..0,
                    format!("a second folder for locale {tag}; it is skipped"),
                )
                .with_help("merge the two folders into one"),
            ),
            Ok(tag) => {
                found.insert(tag, dir);
            }
            Err(e) => findings.push(
                Diagnostic::new(
                    rules::UNKNOWN_LOCALE_FOLDER,
                    dir,
                    0..0,
                    format!("`{name}` is not a language tag ({e}); the folder is skipped"),
                )
                .with_help("name locale folders by BCP 47 tag, like da-DK or sr-Latn-RS"),
            ),
        }
    }
    let wanted: Vec<String> = match &config.book.locales {
        Some(list) => list.iter().filter_map(|t| locale::canonical(t).ok()).collect(),
        None => found.keys().cloned().collect(),
    };
    let mut locales = vec![Locale { tag: source.to_string(), dir: found.get(source).cloned() }];
    for tag in wanted {
        if !locales.iter().any(|l| l.tag == tag) {
            locales.push(Locale { dir: found.get(&tag).cloned(), tag });
        }
    }
    Ok(locales)
}
