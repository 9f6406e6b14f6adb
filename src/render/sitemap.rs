//! `sitemap.xml` with hreflang alternates. NOINDEX pages and fallback copies
//! of untranslated articles are left out.

use super::markdown_escape as escape;
use super::page::Alternate;
use std::fmt::Write;

/// The sitemap of the given pages (address, alternates), in the given order.
#[must_use]
pub fn render(entries: &[(String, Vec<Alternate>)]) -> String {
    let mut out = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\" xmlns:xhtml=\"http://www.w3.org/1999/xhtml\">\n",
    );
    for (loc, alternates) in entries {
        let _ = write!(out, "<url>\n<loc>{}</loc>\n", escape(loc));
        if alternates.len() > 2 {
            for a in alternates {
                let _ = writeln!(
                    out,
                    "<xhtml:link rel=\"alternate\" hreflang=\"{}\" href=\"{}\"/>",
                    escape(&a.hreflang),
                    escape(&a.href)
                );
            }
        }
        out.push_str("</url>\n");
    }
    out.push_str("</urlset>\n");
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_and_lists_alternates() {
        let alts = vec![
            Alternate { hreflang: "en-US".into(), href: "https://h/en-US/a/".into() },
            Alternate { hreflang: "da-DK".into(), href: "https://h/da-DK/a/".into() },
            Alternate { hreflang: "x-default".into(), href: "https://h/en-US/a/".into() },
        ];
        let xml = render(&[("https://h/en-US/a/?x=1&y=2".into(), alts)]);
        assert!(xml.contains("<loc>https://h/en-US/a/?x=1&amp;y=2</loc>"));
        assert!(xml.contains("hreflang=\"da-DK\""));
    }
}
