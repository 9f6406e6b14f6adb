//! The default theme built into the binary, overridden template by template
//! from the project's `templates/` folder, compiled once per build.

use crate::error::Error;
use crate::l10n::{Localizer, Translate};
use std::path::Path;
use std::sync::Arc;
use tera::Tera;

/// Folder under the project root whose files override the built-in theme.
pub const TEMPLATES_DIR: &str = "templates";

/// The built-in templates, by name.
pub const BUILTIN: &[(&str, &str)] = &[
    ("base.html", include_str!("theme/base.html")),
    ("footer.html", include_str!("theme/footer.html")),
    ("nav.html", include_str!("theme/nav.html")),
    ("languages.html", include_str!("theme/languages.html")),
    ("alternates.html", include_str!("theme/alternates.html")),
    ("sidebar.html", include_str!("theme/sidebar.html")),
    ("article.html", include_str!("theme/article.html")),
    ("404.html", include_str!("theme/404.html")),
    ("home.html", include_str!("theme/home.html")),
    ("status.html", include_str!("theme/status.html")),
    ("root.html", include_str!("theme/root.html")),
];

/// The built-in stylesheet.
pub const CSS: &str = include_str!("theme/tolk.css");

/// The compiled theme.
pub struct Theme {
    /// Compiled templates with the `t` function registered.
    pub tera: Tera,
    /// Names of the templates that come from the project's `templates/`.
    overridden: Vec<String>,
    /// The parts made without Tera, as these templates would make them.
    pub native: super::native::Native,
    /// The stylesheet to publish.
    pub css: String,
}

impl Theme {
    /// Compiles the built-in theme with the overrides in `root/templates/`.
    ///
    /// # Errors
    /// A template does not compile (the error names it and its line), or an
    /// override cannot be read.
    pub fn load(root: &Path, localizer: Arc<Localizer>) -> Result<Self, Error> {
        let mut sources: Vec<(String, String)> =
            BUILTIN.iter().map(|(n, s)| ((*n).to_string(), (*s).to_string())).collect();
        let mut css = CSS.to_string();
        let mut overridden = Vec::new();
        let dir = root.join(TEMPLATES_DIR);
        if let Ok(entries) = std::fs::read_dir(&dir) {
            let mut names: Vec<String> = entries
                .filter_map(Result::ok)
                .map(|e| e.file_name().to_string_lossy().into_owned())
                .collect();
            names.sort();
            for name in names {
                let path = dir.join(&name);
                let read = || {
                    std::fs::read_to_string(&path)
                        .map_err(|source| Error::Read { path: path.clone(), source })
                };
                if name == "tolk.css" {
                    css = read()?;
                } else if name.ends_with(".html") {
                    let text = read()?;
                    overridden.push(name.clone());
                    match sources.iter_mut().find(|(n, _)| *n == name) {
                        Some(slot) => slot.1 = text,
                        None => sources.push((name, text)),
                    }
                }
            }
        }
        let mut tera = Tera::default();
        tera.autoescape_on(vec![".html", ".xml"]);
        // Tera's default also escapes `/`, which makes every URL unreadable.
        tera.set_escape_fn(crate::markdown::escape);
        tera.register_function("t", Translate::new(localizer));
        if let Err(all) = tera.add_raw_templates(sources.iter().map(|(n, s)| (n.as_str(), s.as_str()))) {
            // Again one at a time, so that a syntax error names its template.
            for (name, text) in &sources {
                tera::Template::new(name, None, text)
                    .map_err(|e| template_error(&display_name(name, &overridden), &e))?;
            }
            return Err(template_error("(theme)", &all));
        }
        let native = super::native::Native::with_overrides(&overridden);
        Ok(Self { tera, overridden, native, css })
    }

    /// Renders template `name`.
    ///
    /// # Errors
    /// Rendering failed (unknown variable, a `t()` message missing everywhere).
    pub fn render(&self, name: &str, context: &tera::Context) -> Result<String, Error> {
        self.tera.render(name, context).map_err(|e| template_error(&display_name(name, &self.overridden), &e))
    }

    /// Renders template `name` as the bytes of a file, into a buffer of
    /// `capacity` bytes to start with: a page is written, never read as
    /// text again, so it is neither grown step by step from a small buffer
    /// nor checked for UTF-8 once more.
    ///
    /// # Errors
    /// As [`Theme::render`].
    pub fn render_bytes(
        &self,
        name: &str,
        context: &tera::Context,
        capacity: usize,
    ) -> Result<Vec<u8>, Error> {
        let mut out = Vec::with_capacity(capacity);
        self.tera
            .render_to(name, context, &mut out)
            .map_err(|e| template_error(&display_name(name, &self.overridden), &e))?;
        Ok(out)
    }
}

/// Tera's error with its whole chain, where the line and column are.
fn template_error(name: &str, e: &tera::Error) -> Error {
    let mut message = e.to_string();
    let mut source = std::error::Error::source(e);
    while let Some(s) = source {
        message.push_str(": ");
        message.push_str(&s.to_string());
        source = s.source();
    }
    Error::Template { name: name.to_string(), message: message.trim().to_string() }
}

/// `templates/NAME` for a project template, `NAME (built-in theme)` otherwise.
fn display_name(name: &str, overridden: &[String]) -> String {
    if overridden.iter().any(|o| o == name) {
        format!("{TEMPLATES_DIR}/{name}")
    } else {
        format!("{name} (built-in theme)")
    }
}
