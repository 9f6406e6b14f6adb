//! Rendering one article body for one page: the markdown stage's
//! [`Context`], answered with the project's files. Links to articles are
//! rewritten to pages of the page's locale, images to the published copy
//! (the locale's own, else the source's), and includes are read relative to
//! the including file (see [`crate::content::resolve`]); problems with
//! includes become findings.

use super::urls;
use crate::content::resolve::{path_string, Index, Link};
use crate::content::{article::slug_of, front_matter, Project};
use crate::diagnostic::Diagnostic;
use crate::l10n::Localizer;
use crate::markdown::{self, Alert, Context, Rendered};
use crate::rules;
use std::ops::Range;
use std::path::{Path, PathBuf};

/// What every page of a build shares.
pub struct Shared<'a> {
    /// The content.
    pub project: &'a Project,
    /// Chrome strings.
    pub localizer: &'a Localizer,
    /// Link and include resolution.
    pub index: Index<'a>,
    /// Per locale, the chrome strings every page repeats, formatted once.
    pub names: std::collections::HashMap<String, LocaleNames>,
}

/// A locale's strings that appear on every page of every locale.
#[derive(Debug, Clone)]
pub struct LocaleNames {
    /// Its name in itself (`language-name`, else the built-in autonym).
    pub language: String,
    /// Its `root-choose-language` prompt.
    pub choose: String,
    /// Its `site-title`, else `[book] title`.
    pub site_title: String,
    /// The strings the built-in theme's article pages and sidebars show.
    pub theme: super::native::Strings,
}

impl<'a> Shared<'a> {
    /// What every page of `project` shares.
    #[must_use]
    pub fn new(project: &'a Project, localizer: &'a Localizer) -> Self {
        let names = project
            .locales
            .iter()
            .map(|l| {
                let names = LocaleNames {
                    language: super::page::language_name(localizer, &l.tag),
                    choose: localizer.text(&l.tag, "root-choose-language"),
                    site_title: localizer
                        .format(&l.tag, "site-title", None)
                        .unwrap_or_else(|| project.config.book.title.clone()),
                    theme: super::native::Strings::new(localizer, &l.tag),
                };
                (l.tag.clone(), names)
            })
            .collect();
        Self { project, localizer, index: Index::new(project), names }
    }
}

/// The renderer of one file's body for one page.
pub struct Body<'s, 'a> {
    shared: &'s Shared<'a>,
    /// Locale of the page being written.
    page_locale: &'s str,
    /// Output path of the page, relative to the site root.
    page_path: &'s str,
    /// The file being rendered, relative to the project root (`/`-separated).
    file: String,
    /// Byte offset of the body in the file, to report file positions.
    offset: usize,
    /// Files of the include chain, outermost first.
    stack: Vec<String>,
    /// Findings collected while rendering.
    pub findings: Vec<Diagnostic>,
}

impl<'s, 'a> Body<'s, 'a> {
    /// A renderer for `file` (relative to the project root) whose body starts at `offset`.
    #[must_use]
    pub fn new(
        shared: &'s Shared<'a>,
        page_locale: &'s str,
        page_path: &'s str,
        file: &Path,
        offset: usize,
    ) -> Self {
        let file = path_string(file);
        Self { shared, page_locale, page_path, stack: vec![file.clone()], file, offset, findings: Vec::new() }
    }

    /// Renders `body`.
    pub fn render(&mut self, body: &str) -> Rendered {
        markdown::render(body, self)
    }

    /// Renders `body` and extracts its outline from the same parse.
    pub fn render_outlined(&mut self, body: &str) -> (Rendered, markdown::outline::Outline) {
        markdown::render_outlined(body, self)
    }
}

impl Context for Body<'_, '_> {
    fn link(&mut self, dest: &str, _span: Range<usize>) -> Option<String> {
        match self.shared.index.link(&self.file, dest) {
            Link::Article(rel, fragment) => {
                let page = urls::page_path(self.page_locale, &slug_of(&rel));
                Some(format!("{}{fragment}", urls::relative(self.page_path, &page)))
            }
            Link::Asset(locale, rel) => {
                // The page locale's own copy wins over the one the resolver found.
                let has_own = self
                    .shared
                    .project
                    .assets
                    .get(self.page_locale)
                    .is_some_and(|l| l.iter().any(|a| a.rel == rel));
                let locale = if has_own { self.page_locale.to_string() } else { locale };
                let fragment = dest.find(['#', '?']).map_or("", |i| &dest[i..]);
                Some(format!("{}{fragment}", urls::relative(self.page_path, &format!("{locale}/{rel}"))))
            }
            Link::External | Link::Missing(_) => None,
        }
    }

    fn image(&mut self, src: &str, span: Range<usize>) -> Option<String> {
        self.link(src, span)
    }

    fn include(&mut self, path: &str, span: Range<usize>) -> Option<String> {
        let (file, text) = match self.shared.index.include(&self.stack, &self.file, path) {
            Ok(found) => found,
            Err(problem) => {
                let locale = self.shared.index.locale_of(&self.file).map(|(l, _)| l.to_string());
                let mut d = Diagnostic::new(
                    rules::BROKEN_INCLUDE,
                    PathBuf::from(&self.file),
                    self.offset + span.start..self.offset + span.end,
                    problem.message,
                )
                .with_help(problem.help);
                d.locale = locale;
                self.findings.push(d);
                return None;
            }
        };
        let offset = front_matter::split(&text).map_or(0, |s| s.body);
        let mut child = Body {
            shared: self.shared,
            page_locale: self.page_locale,
            page_path: self.page_path,
            stack: self.stack.iter().cloned().chain(std::iter::once(file.clone())).collect(),
            file,
            offset,
            findings: Vec::new(),
        };
        let rendered = child.render(&text[offset..]);
        self.findings.append(&mut child.findings);
        Some(rendered.html)
    }

    fn alert_label(&self, kind: Alert) -> String {
        let id = match kind {
            Alert::Note => "alert-note",
            Alert::Tip => "alert-tip",
            Alert::Important => "alert-important",
            Alert::Warning => "alert-warning",
            Alert::Caution => "alert-caution",
        };
        self.shared.localizer.text(self.page_locale, id)
    }
}
