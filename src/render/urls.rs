//! Where each page lives in the output and how pages link to each other.
//!
//! Links between pages are relative and end in `index.html`, so the site
//! works from a web server and straight from disk (`file://`). Canonical,
//! hreflang and sitemap addresses are absolute, from `[build] base_url`.

use percent_encoding::{utf8_percent_encode, AsciiSet, CONTROLS};

/// Characters escaped in a URL path segment.
const SEGMENT: &AsciiSet = &CONTROLS
    .add(b' ')
    .add(b'"')
    .add(b'#')
    .add(b'<')
    .add(b'>')
    .add(b'?')
    .add(b'`')
    .add(b'{')
    .add(b'}')
    .add(b'%');

/// Output path of a page, relative to the site root: `da-DK/a/b/index.html`.
#[must_use]
pub fn page_path(locale: &str, slug: &str) -> String {
    if slug.is_empty() {
        format!("{locale}/index.html")
    } else {
        format!("{locale}/{slug}/index.html")
    }
}

/// Relative prefix from a file at `path` (relative to the site root) back to
/// the site root: `da-DK/a/index.html` → `../../`.
#[must_use]
pub fn root_prefix(path: &str) -> String {
    "../".repeat(path.matches('/').count())
}

/// The shortest href from the page at `from` to the file at `to`, both
/// relative to the site root, percent-encoded.
#[must_use]
pub fn relative(from: &str, to: &str) -> String {
    let from_dirs = from.matches('/').count();
    let to_dirs = to.matches('/').count();
    // Folders both paths start with, and where `to` goes on after them.
    let (mut common, mut at) = (0, 0);
    for (a, b) in from.split('/').take(from_dirs).zip(to.split('/').take(to_dirs)) {
        if a != b {
            break;
        }
        common += 1;
        at += b.len() + 1;
    }
    let rest = encoded(&to[at..]);
    let mut href = String::with_capacity(3 * (from_dirs - common) + rest.len());
    for _ in common..from_dirs {
        href.push_str("../");
    }
    href.push_str(&rest);
    href
}

/// Percent-encodes each segment of a path.
#[must_use]
pub fn encode_path(path: &str) -> String {
    encoded(path).into_owned()
}

/// `path` percent-encoded, borrowed when nothing in it needs escaping (as in
/// most paths). `/` is not escaped, so this encodes each segment.
pub(super) fn encoded(path: &str) -> std::borrow::Cow<'_, str> {
    utf8_percent_encode(path, SEGMENT).into()
}

/// The absolute address of a page: `base_url` + `da-DK/a/b/`.
#[must_use]
pub fn absolute(base_url: &str, locale: &str, slug: &str) -> String {
    let (locale, slug) = (encoded(locale), encoded(slug));
    let mut url = String::with_capacity(base_url.len() + locale.len() + slug.len() + 2);
    for part in [base_url, &locale, "/", &slug] {
        url.push_str(part);
    }
    if !slug.is_empty() {
        url.push('/');
    }
    url
}

pub use crate::content::resolve::{is_external, relative as resolve};

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_link_to_another_locale_is_the_same_from_every_locale() {
        // The language switcher is built once per article on this.
        for slug in ["", "a", "setup/sign in", "a/b/c#d"] {
            let up = root_prefix(&page_path("en-US", slug));
            for from in ["en-US", "da-DK", "ar-SA"] {
                for to in ["en-US", "da-DK", "nb-NO"] {
                    let target = page_path(to, slug);
                    if from != to {
                        assert_eq!(
                            relative(&page_path(from, slug), &target),
                            format!("{up}{}", encode_path(&target))
                        );
                    }
                }
            }
        }
    }

    #[test]
    fn paths_and_prefixes() {
        assert_eq!(page_path("da-DK", ""), "da-DK/index.html");
        assert_eq!(page_path("da-DK", "a/b"), "da-DK/a/b/index.html");
        assert_eq!(root_prefix("da-DK/a/b/index.html"), "../../../");
        assert_eq!(relative("da-DK/x/index.html", "da-DK/y z/index.html"), "../y%20z/index.html");
        assert_eq!(relative("da-DK/x/index.html", "en-US/x/index.html"), "../../en-US/x/index.html");
        assert_eq!(relative("da-DK/x/index.html", "da-DK/x/index.html"), "index.html");
        assert_eq!(relative("da-DK/index.html", "da-DK/a/b/index.html"), "a/b/index.html");
        assert_eq!(relative("index.html", "da-DK/index.html"), "da-DK/index.html");
    }

    #[test]
    fn absolute_urls() {
        assert_eq!(absolute("https://h/", "da-DK", "a"), "https://h/da-DK/a/");
        assert_eq!(absolute("https://h/", "da-DK", ""), "https://h/da-DK/");
        assert_eq!(absolute("https://h/", "da-DK", "set up/ø#1"), "https://h/da-DK/set%20up/%C3%B8%231/");
    }

    /// The hrefs as first written: a segment at a time, through vectors.
    fn relative_by_segments(from: &str, to: &str) -> String {
        let from_dirs: Vec<&str> = from.split('/').collect();
        let from_dirs = &from_dirs[..from_dirs.len() - 1];
        let to_parts: Vec<&str> = to.split('/').collect();
        let common =
            from_dirs.iter().zip(&to_parts[..to_parts.len() - 1]).take_while(|(a, b)| a == b).count();
        let encoded: Vec<String> =
            to_parts[common..].iter().map(|s| utf8_percent_encode(s, SEGMENT).to_string()).collect();
        format!("{}{}", "../".repeat(from_dirs.len() - common), encoded.join("/"))
    }

    #[test]
    fn hrefs_match_the_segment_by_segment_definition() {
        let paths = [
            "index.html",
            "da-DK/index.html",
            "da-DK/a/index.html",
            "da-DK/a/b/index.html",
            "da-DK/ab/index.html",
            "da-DK/a b/c%d/index.html",
            "da-DK/a/b#c/index.html",
            "en-US/a/b/index.html",
            "en-US/æ/ø/index.html",
            "assets/tolk.css",
            "da-DK//index.html",
        ];
        for from in paths {
            for to in paths {
                assert_eq!(relative(from, to), relative_by_segments(from, to), "{from} -> {to}");
            }
        }
    }
}
