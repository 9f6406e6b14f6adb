//! Sitemaps: one per locale (`<locale>/sitemap.xml`, with hreflang
//! alternates; NOINDEX pages and fallback copies of untranslated articles are
//! left out) and a `sitemap.xml` index listing them. The index depends only
//! on the configured locales, so per-locale builds can each write it and
//! their outputs merge without a step that sees every page.

use super::page::Alternate;
use crate::markdown::{escape, escape_into};
use std::fmt::Write;

/// The `<xhtml:link>` elements of a page whose article has these hreflang
/// alternates: the same for its page in every locale, so made once per
/// article. Empty when the article is in one locale only (its alternates
/// are itself and `x-default`).
#[must_use]
pub fn alternates(alternates: &[Alternate]) -> String {
    let mut out = String::new();
    if alternates.len() > 2 {
        for a in alternates {
            out.push_str("<xhtml:link rel=\"alternate\" hreflang=\"");
            escape_into(&mut out, &a.hreflang);
            out.push_str("\" href=\"");
            escape_into(&mut out, &a.href);
            out.push_str("\"/>\n");
        }
    }
    out
}

/// The sitemap of the given pages (address, its article's
/// [`alternates`]), in the given order.
#[must_use]
pub fn render(entries: &[(&str, &str)]) -> String {
    let head = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\" xmlns:xhtml=\"http://www.w3.org/1999/xhtml\">\n";
    let size = entries.iter().map(|(loc, links)| loc.len() + links.len() + 32).sum::<usize>();
    let mut out = String::with_capacity(head.len() + size + 16);
    out.push_str(head);
    for (loc, links) in entries {
        out.push_str("<url>\n<loc>");
        escape_into(&mut out, loc);
        out.push_str("</loc>\n");
        out.push_str(links);
        out.push_str("</url>\n");
    }
    out.push_str("</urlset>\n");
    out
}

/// The sitemap index: one entry per locale's sitemap.
#[must_use]
pub fn index<'a>(base_url: &str, locales: impl Iterator<Item = &'a str>) -> String {
    let mut out = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<sitemapindex xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n",
    );
    for tag in locales {
        let loc = format!("{base_url}{}", super::urls::encode_path(&format!("{tag}/sitemap.xml")));
        let _ = writeln!(out, "<sitemap><loc>{}</loc></sitemap>", escape(&loc));
    }
    out.push_str("</sitemapindex>\n");
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
        let links = alternates(&alts);
        let xml = render(&[("https://h/en-US/a/?x=1&y=2", &links)]);
        assert!(xml.contains("<loc>https://h/en-US/a/?x=1&amp;y=2</loc>"));
        assert!(xml.contains(
            "</loc>\n<xhtml:link rel=\"alternate\" hreflang=\"en-US\" href=\"https://h/en-US/a/\"/>\n"
        ));
        assert!(xml.contains("hreflang=\"da-DK\""));
        // An article in one locale lists no alternates.
        assert_eq!(alternates(&alts[1..]), "");
        assert!(render(&[("https://h/x/", "")]).contains("<url>\n<loc>https://h/x/</loc>\n</url>\n"));
    }

    #[test]
    fn index_lists_each_locale() {
        let xml = index("https://h/", ["en-US", "da-DK"].into_iter());
        assert!(xml.contains("<sitemap><loc>https://h/en-US/sitemap.xml</loc></sitemap>"));
        assert!(xml.contains("<sitemap><loc>https://h/da-DK/sitemap.xml</loc></sitemap>"));
    }
}
