//! The language switcher and the hreflang alternates as HTML, through the
//! partials `languages.html` and `alternates.html` (or, while both are the
//! built-in ones, written by [`super::native`]). The pages of one article
//! share both in every locale, so an article page gets them rendered once
//! per article: its own switcher entry is marked by tolk, as the sidebar's
//! current link is. Other pages render them from their own context.

use super::Theme;
use crate::error::Error;
use serde_json::Value;

/// What marks the switcher entry of the page showing it.
const CURRENT: &str = " aria-current=\"true\"";

/// The two partials rendered from `languages` and `alternates`.
#[derive(Debug, Clone)]
pub struct Switcher {
    /// `languages.html`: one entry per locale.
    pub languages: String,
    /// `alternates.html`: the `<link rel="alternate">` elements.
    pub alternates: String,
}

impl Switcher {
    /// Renders both partials from these values.
    ///
    /// # Errors
    /// A partial failed to render.
    pub fn render(theme: &Theme, languages: &[Value], alternates: &Value) -> Result<Self, Error> {
        let mut ctx = tera::Context::new();
        ctx.insert("languages", languages);
        ctx.insert("alternates", alternates);
        Ok(Self {
            languages: theme.render("languages.html", &ctx)?,
            alternates: theme.render("alternates.html", &ctx)?,
        })
    }

    /// The switcher of one page: the entry linking to `other_href` (the
    /// page's own locale, as another locale's page links to it) links to
    /// `own_href` instead and is marked `aria-current="true"`. Left as it
    /// is when a project's `languages.html` shows no such link.
    #[must_use]
    pub fn languages_for(&self, other_href: &str, own_href: &str) -> String {
        let html = &self.languages;
        let needle = format!("href=\"{}\"", crate::markdown::escape(other_href));
        let Some(at) = memchr::memmem::find(html.as_bytes(), needle.as_bytes()) else {
            return html.clone();
        };
        let after = at + needle.len();
        // The end of the link's start tag: values are escaped, so the first
        // `>` after the attribute closes it.
        let close = html[after..].find('>').map_or(after, |i| after + i);
        let own = format!("href=\"{}\"", crate::markdown::escape(own_href));
        let mut page = String::with_capacity(html.len() + own.len() + CURRENT.len());
        page.push_str(&html[..at]);
        page.push_str(&own);
        page.push_str(&html[after..close]);
        page.push_str(CURRENT);
        page.push_str(&html[close..]);
        page
    }
}

/// Adds `languages_html` and `alternates_html` to the context of a page
/// other than an article (each rendered once), from its `languages` and
/// `alternates`. As on article pages, the partial sees every entry as
/// another locale's and tolk marks the current one.
///
/// # Errors
/// A partial failed to render.
pub fn fill(theme: &Theme, ctx: &mut tera::Context) -> Result<(), Error> {
    let none = Value::Array(Vec::new());
    let mut own = None;
    let languages: Vec<Value> = ctx
        .get("languages")
        .and_then(Value::as_array)
        .map_or(&[][..], Vec::as_slice)
        .iter()
        .map(|entry| {
            let mut entry = entry.clone();
            if entry.get("current") == Some(&Value::Bool(true)) {
                own = entry.get("href").and_then(Value::as_str).map(str::to_string);
                entry["current"] = Value::Bool(false);
            }
            entry
        })
        .collect();
    let switcher = Switcher::render(theme, &languages, ctx.get("alternates").unwrap_or(&none))?;
    let languages_html = match own {
        Some(href) => switcher.languages_for(&href, &href),
        None => switcher.languages,
    };
    ctx.insert("languages_html", &languages_html);
    ctx.insert("alternates_html", &switcher.alternates);
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn switcher(languages: &str) -> Switcher {
        Switcher { languages: languages.to_string(), alternates: String::new() }
    }

    #[test]
    fn the_own_entry_links_to_the_page_and_is_marked() {
        let s = switcher(
            "<li><a href=\"../de-DE/a.html\" lang=\"de-DE\">Deutsch</a></li>\n\
             <li><a href=\"../fr-FR/a.html\" lang=\"fr-FR\">Français</a></li>\n",
        );
        assert_eq!(
            s.languages_for("../fr-FR/a.html", "a.html"),
            "<li><a href=\"../de-DE/a.html\" lang=\"de-DE\">Deutsch</a></li>\n\
             <li><a href=\"a.html\" lang=\"fr-FR\" aria-current=\"true\">Français</a></li>\n"
        );
    }

    #[test]
    fn hrefs_are_matched_as_escaped_and_an_absent_entry_changes_nothing() {
        let s = switcher("<li><a href=\"../x&amp;y/a.html\">X</a></li>");
        assert_eq!(
            s.languages_for("../x&y/a.html", "a.html"),
            "<li><a href=\"a.html\" aria-current=\"true\">X</a></li>"
        );
        assert_eq!(s.languages_for("../de-DE/a.html", "a.html"), s.languages);
    }
}
