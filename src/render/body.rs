//! Rendering one article body for one page: the markdown stage's
//! [`Context`], answered with the project's files. Links to articles are
//! rewritten to pages of the page's locale, images to the published copy
//! (the locale's own, else the source's), and includes are read relative to
//! the including file, with cycles and escapes reported as findings.

use super::urls;
use crate::content::{article::slug_of, front_matter, Project, CONTENT_DIR};
use crate::diagnostic::Diagnostic;
use crate::l10n::Localizer;
use crate::markdown::{self, Alert, Context, Rendered};
use crate::rules;
use std::collections::{BTreeMap, HashMap, HashSet};
use std::ops::Range;
use std::path::{Path, PathBuf};

/// Includes nested deeper than this are reported rather than followed.
const MAX_INCLUDE_DEPTH: usize = 16;

/// What every page of a build shares.
pub struct Shared<'a> {
    /// The content.
    pub project: &'a Project,
    /// Chrome strings.
    pub localizer: &'a Localizer,
    /// Asset paths by locale, `/`-separated inside the locale folder.
    pub assets: BTreeMap<String, HashSet<String>>,
    /// Source article paths by their lower-case form: links written on
    /// Windows often differ from the file name in case only.
    pub articles_by_lower: HashMap<String, String>,
}

impl<'a> Shared<'a> {
    /// What every page of `project` shares.
    #[must_use]
    pub fn new(project: &'a Project, localizer: &'a Localizer) -> Self {
        let assets = project
            .assets
            .iter()
            .map(|(l, list)| (l.clone(), list.iter().map(|a| a.rel.clone()).collect()))
            .collect();
        let articles_by_lower = project
            .sources()
            .keys()
            .map(|rel| (rel.to_lowercase(), rel.clone()))
            .collect();
        Self {
            project,
            localizer,
            assets,
            articles_by_lower,
        }
    }

    /// The source article a link target names, ignoring case when nothing
    /// matches exactly.
    #[must_use]
    pub fn article_rel(&self, target: &str) -> Option<&str> {
        match self.project.sources().get_key_value(target) {
            Some((rel, _)) => Some(rel.as_str()),
            None => self
                .articles_by_lower
                .get(&target.to_lowercase())
                .map(String::as_str),
        }
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
        Self {
            shared,
            page_locale,
            page_path,
            stack: vec![file.clone()],
            file,
            offset,
            findings: Vec::new(),
        }
    }

    /// Renders `body`.
    pub fn render(&mut self, body: &str) -> Rendered {
        markdown::render(body, self)
    }

    /// The file's locale folder and its path inside it, if it is in one.
    fn locale_rel(&self) -> Option<(&str, &str)> {
        let rest = self.file.strip_prefix(CONTENT_DIR)?.strip_prefix('/')?;
        let (dir, rel) = rest.split_once('/')?;
        let locale = self.shared.project.locales.iter().find(|l| {
            l.dir
                .as_deref()
                .is_some_and(|d| path_string(d) == format!("{CONTENT_DIR}/{dir}"))
        })?;
        Some((locale.tag.as_str(), rel))
    }

    fn finding(&mut self, span: Range<usize>, message: String, help: &str) {
        let locale = self.locale_rel().map(|(l, _)| l.to_string());
        let mut d = Diagnostic::new(
            rules::BROKEN_INCLUDE,
            PathBuf::from(&self.file),
            self.offset + span.start..self.offset + span.end,
            message,
        )
        .with_help(help);
        d.locale = locale;
        self.findings.push(d);
    }

    fn read_include(&mut self, target: &str, span: Range<usize>) -> Option<(String, String)> {
        let Some(resolved) = urls::resolve(
            &self.file,
            target.split(['#', '?']).next().unwrap_or(target),
        ) else {
            self.finding(
                span,
                format!("include `{target}` points outside the project"),
                "include files inside the project only",
            );
            return None;
        };
        let root = &self.shared.project.root;
        let mut candidate = resolved.clone();
        if !root.join(&candidate).is_file() {
            // A translation may reuse the source locale's include.
            if let Some(fallback) = self
                .source_fallback(&resolved)
                .filter(|f| root.join(f).is_file())
            {
                candidate = fallback;
            } else {
                self.finding(
                    span,
                    format!("include `{target}` not found (looked for {resolved})"),
                    "correct the path; it is relative to this file",
                );
                return None;
            }
        }
        let inside = root
            .canonicalize()
            .ok()
            .zip(root.join(&candidate).canonicalize().ok())
            .is_some_and(|(r, f)| f.starts_with(r));
        if !inside {
            self.finding(
                span,
                format!("include `{target}` resolves outside the project"),
                "include files inside the project only",
            );
            return None;
        }
        if self.stack.contains(&candidate) {
            let chain = self
                .stack
                .iter()
                .chain(std::iter::once(&candidate))
                .cloned()
                .collect::<Vec<_>>()
                .join(" → ");
            self.finding(
                span,
                format!("include cycle: {chain}"),
                "remove the include that leads back to a file already being included",
            );
            return None;
        }
        if self.stack.len() > MAX_INCLUDE_DEPTH {
            self.finding(
                span,
                format!("includes nested more than {MAX_INCLUDE_DEPTH} deep"),
                "flatten the includes",
            );
            return None;
        }
        if let Ok(Ok(text)) = std::fs::read(root.join(&candidate)).map(String::from_utf8) {
            Some((candidate, text))
        } else {
            {
                self.finding(
                    span,
                    format!("include `{target}` cannot be read as UTF-8 text"),
                    "save the file as UTF-8",
                );
                None
            }
        }
    }

    /// The same path in the source locale's folder, for a path in another locale's.
    fn source_fallback(&self, resolved: &str) -> Option<String> {
        let project = self.shared.project;
        let source_dir = path_string(project.locales.first()?.dir.as_ref()?);
        project
            .locales
            .iter()
            .filter_map(|l| l.dir.as_ref())
            .map(|d| path_string(d))
            .find_map(|dir| {
                let rest = resolved.strip_prefix(&format!("{dir}/"))?;
                Some(format!("{source_dir}/{rest}"))
            })
    }
}

impl Context for Body<'_, '_> {
    fn link(&mut self, dest: &str, _span: Range<usize>) -> Option<String> {
        if urls::is_external(dest) || dest.is_empty() {
            return None;
        }
        let (path, fragment) = dest
            .find(['#', '?'])
            .map_or((dest, ""), |i| (&dest[..i], &dest[i..]));
        // Windows separators, and DocFX's `~/` for the docset (locale) root.
        let path = path.replace('\\', "/");
        let (_, rel) = self.locale_rel()?;
        let target = match path.strip_prefix("~/") {
            Some(from_root) => urls::resolve("", from_root)?,
            None => urls::resolve(rel, &path)?,
        };
        if let Some(rel) = self.shared.article_rel(&target) {
            let page = urls::page_path(self.page_locale, &slug_of(rel));
            return Some(format!(
                "{}{fragment}",
                urls::relative(self.page_path, &page)
            ));
        }
        self.asset(&target).map(|a| format!("{a}{fragment}"))
    }

    fn image(&mut self, src: &str, span: Range<usize>) -> Option<String> {
        self.link(src, span)
    }

    fn include(&mut self, path: &str, span: Range<usize>) -> Option<String> {
        let (file, text) = self.read_include(path, span)?;
        let offset = front_matter::split(&text).map_or(0, |s| s.body);
        let mut child = Body {
            shared: self.shared,
            page_locale: self.page_locale,
            page_path: self.page_path,
            stack: self
                .stack
                .iter()
                .cloned()
                .chain(std::iter::once(file.clone()))
                .collect(),
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

impl Body<'_, '_> {
    /// The published copy of an asset: the page locale's, else the file's
    /// locale's, else the source's.
    fn asset(&self, rel: &str) -> Option<String> {
        let project = self.shared.project;
        let file_locale = self.locale_rel().map(|(l, _)| l.to_string());
        let candidates = [
            Some(self.page_locale.to_string()),
            file_locale,
            Some(project.source.clone()),
        ];
        candidates.into_iter().flatten().find_map(|locale| {
            self.shared
                .assets
                .get(&locale)?
                .contains(rel)
                .then(|| urls::relative(self.page_path, &format!("{locale}/{rel}")))
        })
    }
}

/// A relative path as a `/`-separated string.
#[must_use]
pub fn path_string(path: &Path) -> String {
    path.components()
        .map(|c| c.as_os_str().to_string_lossy())
        .collect::<Vec<_>>()
        .join("/")
}
