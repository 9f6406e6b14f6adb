//! Where includes and links in an article point: path arithmetic relative
//! to the including file, the DocFX conventions (`~/` for the docset root,
//! Windows separators, letter case that differs from the file name), and the
//! checks that keep every resolved path inside the project. Both the checks
//! and the renderer resolve through here, so they always agree.

use super::{Project, CONTENT_DIR};
use std::collections::HashMap;
use std::path::Path;

/// Includes nested deeper than this are reported rather than followed.
pub const MAX_INCLUDE_DEPTH: usize = 16;

/// Why an include cannot be used.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    /// What is wrong.
    pub message: String,
    /// What to do.
    pub help: &'static str,
}

/// Resolves `target` relative to the directory of `from` (both `/`-separated
/// and relative to one root). `None` when it climbs above that root.
#[must_use]
pub fn relative(from: &str, target: &str) -> Option<String> {
    let mut parts: Vec<&str> = from.split('/').collect();
    parts.pop();
    for seg in target.split('/') {
        match seg {
            "" | "." => {}
            ".." => {
                parts.pop()?;
            }
            s => parts.push(s),
        }
    }
    Some(parts.join("/"))
}

/// Whether a link destination points outside the docset (has a scheme, is
/// protocol- or root-relative) or within the same page.
#[must_use]
pub fn is_external(dest: &str) -> bool {
    dest.starts_with('#')
        || dest.starts_with('/')
        || dest.split_once(':').is_some_and(|(scheme, _)| {
            !scheme.is_empty() && scheme.chars().all(|c| c.is_ascii_alphanumeric() || "+.-".contains(c))
        })
}

/// A relative path as a `/`-separated string.
#[must_use]
pub fn path_string(path: &Path) -> String {
    // Most paths already read that way: one copy instead of one string per
    // component (this runs for every article, several times a run).
    if let Some(s) = path.to_str().filter(|s| already_joined(s)) {
        return s.to_string();
    }
    path.components().map(|c| c.as_os_str().to_string_lossy()).collect::<Vec<_>>().join("/")
}

/// Whether joining the components of `s` with `/` gives `s` back: a
/// relative Unix path without empty or `.` components.
fn already_joined(s: &str) -> bool {
    cfg!(unix) && !s.is_empty() && !s.starts_with('/') && s.split('/').all(|c| !c.is_empty() && c != ".")
}

/// Lookups shared by every resolution in one run.
#[derive(Debug)]
pub struct Index<'p> {
    project: &'p Project,
    /// Source article paths by their lower-case form, made when a path is
    /// first not found as it is written (most links never need it).
    by_lower: std::sync::OnceLock<HashMap<String, String>>,
    /// Locale folders (`content/de-de`) to their canonical tags.
    dirs: Vec<(String, String)>,
}

/// What a link points at.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Link {
    /// Outside the docset, or a bare `#fragment` (checked separately).
    External,
    /// A source article (its path inside the locale folder), and the fragment with its `#`.
    Article(String, String),
    /// A file next to the articles, in this locale folder (or the source's).
    Asset(String, String),
    /// A relative path that is neither: the path it was resolved to.
    Missing(String),
}

impl<'p> Index<'p> {
    /// Builds the lookups for `project`.
    #[must_use]
    pub fn new(project: &'p Project) -> Self {
        let by_lower = std::sync::OnceLock::new();
        let dirs = project
            .locales
            .iter()
            .filter_map(|l| Some((path_string(l.dir.as_ref()?), l.tag.clone())))
            .collect();
        Self { project, by_lower, dirs }
    }

    /// The project.
    #[must_use]
    pub fn project(&self) -> &'p Project {
        self.project
    }

    /// The source article a path names, ignoring case when nothing matches exactly.
    #[must_use]
    pub fn article(&self, rel: &str) -> Option<&str> {
        if let Some((rel, _)) = self.project.sources().get_key_value(rel) {
            return Some(rel.as_str());
        }
        let by_lower = self.by_lower.get_or_init(|| {
            self.project.sources().keys().map(|rel| (rel.to_lowercase(), rel.clone())).collect()
        });
        by_lower.get(&rel.to_lowercase()).map(String::as_str)
    }

    /// The locale tag and the path inside its folder of a project file.
    #[must_use]
    pub fn locale_of<'f>(&self, file: &'f str) -> Option<(&str, &'f str)> {
        let rest = file.strip_prefix(CONTENT_DIR)?.strip_prefix('/')?;
        let (dir, rel) = rest.split_once('/')?;
        let tag = self
            .dirs
            .iter()
            .find(|(d, _)| d.strip_prefix(CONTENT_DIR).and_then(|d| d.strip_prefix('/')) == Some(dir))?;
        Some((tag.1.as_str(), rel))
    }

    /// Where link `dest`, written in project file `file`, points.
    #[must_use]
    pub fn link(&self, file: &str, dest: &str) -> Link {
        if dest.is_empty() || is_external(dest) {
            return Link::External;
        }
        let (path, fragment) = dest.find(['#', '?']).map_or((dest, ""), |i| (&dest[..i], &dest[i..]));
        let path = path.replace('\\', "/");
        let Some((locale, rel)) = self.locale_of(file) else {
            return Link::External;
        };
        let target = match path.strip_prefix("~/") {
            Some(from_root) => relative("", from_root),
            None => relative(rel, &path),
        };
        let Some(target) = target else {
            return Link::Missing(path);
        };
        if let Some(article) = self.article(&target) {
            return Link::Article(article.to_string(), fragment.to_string());
        }
        for l in [locale, self.project.source.as_str()] {
            if self.project.assets.get(l).is_some_and(|list| list.iter().any(|a| a.rel == target)) {
                return Link::Asset(l.to_string(), target);
            }
        }
        Link::Missing(target)
    }

    /// Reads the file `target` includes from project file `file`, given the
    /// chain of files being included (`stack`, outermost first, `file` last).
    ///
    /// # Errors
    /// The include leaves the project, is missing, is a cycle, nests too deep
    /// or is not UTF-8.
    pub fn include(&self, stack: &[String], file: &str, target: &str) -> Result<(String, String), Problem> {
        let root = &self.project.root;
        if target.starts_with('/') || target.starts_with('\\') || target.get(1..2) == Some(":") {
            return Err(Problem {
                message: format!("include `{target}` is an absolute path"),
                help: "write include paths relative to the including file",
            });
        }
        let outside = || Problem {
            message: format!("include `{target}` points outside the project"),
            help: "include files inside the project only",
        };
        let resolved =
            relative(file, target.split(['#', '?']).next().unwrap_or(target)).ok_or_else(outside)?;
        let candidate = if root.join(&resolved).is_file() {
            resolved
        } else if let Some(fallback) = self.source_fallback(&resolved).filter(|f| root.join(f).is_file()) {
            // A translation may reuse the source locale's include.
            fallback
        } else {
            return Err(Problem {
                message: format!("include `{target}` not found (looked for {resolved})"),
                help: "correct the path; it is relative to this file",
            });
        };
        let inside = root
            .canonicalize()
            .ok()
            .zip(root.join(&candidate).canonicalize().ok())
            .is_some_and(|(r, f)| f.starts_with(r));
        if !inside {
            return Err(outside());
        }
        if stack.contains(&candidate) {
            let chain =
                stack.iter().chain(std::iter::once(&candidate)).cloned().collect::<Vec<_>>().join(" → ");
            return Err(Problem {
                message: format!("include cycle: {chain}"),
                help: "remove the include that leads back to a file already being included",
            });
        }
        if stack.len() > MAX_INCLUDE_DEPTH {
            return Err(Problem {
                message: format!("includes nested more than {MAX_INCLUDE_DEPTH} deep"),
                help: "flatten the includes",
            });
        }
        let max = self.project.config.content.max_file_size;
        match super::limits::read(&root.join(&candidate), max) {
            super::limits::Read::Bytes(bytes) => {
                String::from_utf8(bytes).map(|text| (candidate, text)).map_err(|_| Problem {
                    message: format!("include `{target}` is not UTF-8 text"),
                    help: "save the file as UTF-8",
                })
            }
            super::limits::Read::TooLarge(size) => Err(Problem {
                message: format!(
                    "include `{target}` is {size} bytes, over the limit of {max} ([content] max_file_size)"
                ),
                help: "split the included file, or raise the limit in book.toml",
            }),
            super::limits::Read::Failed(e) => Err(Problem {
                message: format!("include `{target}` cannot be read: {e}"),
                help: "check its permissions",
            }),
        }
    }

    /// The same path in the source locale's folder, for a path in another locale's.
    fn source_fallback(&self, resolved: &str) -> Option<String> {
        let source_dir = &self.dirs.iter().find(|(_, t)| *t == self.project.source)?.0;
        self.dirs.iter().find_map(|(dir, _)| {
            let rest = resolved.strip_prefix(&format!("{dir}/"))?;
            Some(format!("{source_dir}/{rest}"))
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn path_strings_are_the_joined_components() {
        for p in
            ["content/en-US/a.md", "a", "../x/y.md", "a//b", "./a", "a/./b", "a/", "/abs/a", "", ".", "a/.."]
        {
            let joined: Vec<String> =
                Path::new(p).components().map(|c| c.as_os_str().to_string_lossy().into_owned()).collect();
            assert_eq!(path_string(Path::new(p)), joined.join("/"), "{p:?}");
        }
        assert!(already_joined("content/en-US/a.md"));
        assert!(!already_joined("a//b"));
    }

    #[test]
    fn relative_paths() {
        assert_eq!(relative("a/b.md", "c.md").as_deref(), Some("a/c.md"));
        assert_eq!(relative("a/b.md", "../c.md").as_deref(), Some("c.md"));
        assert_eq!(relative("b.md", "../../c.md"), None);
    }

    #[test]
    fn external() {
        for d in ["https://x", "mailto:a@b", "#top", "/abs", "xref:Some.Uid"] {
            assert!(is_external(d), "{d}");
        }
        for d in ["a.md", "../media/x.png", "a.md#b"] {
            assert!(!is_external(d), "{d}");
        }
    }
}
