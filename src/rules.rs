//! The catalogue of rules: every finding's name, default severity and the
//! text that explains it. Stages refer to rules by the constants here, so a
//! rule name is spelt once.

use crate::diagnostic::Severity;

/// One rule's documentation.
#[derive(Debug, Clone, Copy)]
pub struct Rule {
    /// Stable kebab-case name.
    pub name: &'static str,
    /// Severity unless configured otherwise.
    pub severity: Severity,
    /// One line: what it finds.
    pub summary: &'static str,
    /// Why it matters and what to do, with an example.
    pub explanation: &'static str,
}

/// Front matter that is not a YAML mapping, or is not closed.
pub const INVALID_FRONT_MATTER: &str = "invalid-front-matter";
/// A file under `content/` or `locales/` that is not UTF-8.
pub const INVALID_ENCODING: &str = "invalid-encoding";
/// An `[!INCLUDE]` whose file is missing, outside the project, or includes itself.
pub const BROKEN_INCLUDE: &str = "broken-include";
/// A folder under `content/` that is not a language tag.
pub const UNKNOWN_LOCALE_FOLDER: &str = "unknown-locale-folder";
/// A `toc.yml` that cannot be read as a table of contents.
pub const INVALID_TOC: &str = "invalid-toc";
/// A Fluent file with a syntax error.
pub const FTL_SYNTAX: &str = "ftl-syntax";

/// Every rule, in the order `tolk explain` lists them.
pub const ALL: &[Rule] = &[
    Rule {
        name: INVALID_FRONT_MATTER,
        severity: Severity::Error,
        summary: "front matter that does not parse as a YAML mapping",
        explanation: "An article starts with YAML between two `---` lines. When it does not parse, \
tolk cannot know the article's title, locale or source fingerprint, so the article is left out of \
the site.\n\nExample:\n\n    ---\n    title: Unlocking: an account   <- a second ':' needs quotes\n    ---\n\n\
Fix: quote the value (`title: \"Unlocking: an account\"`) or close the block with `---`.",
    },
    Rule {
        name: INVALID_ENCODING,
        severity: Severity::Error,
        summary: "a content or Fluent file that is not UTF-8",
        explanation: "tolk reads every article and Fluent file as UTF-8. A file saved in another \
encoding (Windows-1252, UTF-16) would show garbled text, so it is left out.\n\nFix: save the file \
as UTF-8 (a byte order mark is accepted).",
    },
    Rule {
        name: BROKEN_INCLUDE,
        severity: Severity::Error,
        summary: "an [!INCLUDE] that cannot be resolved",
        explanation: "`[!INCLUDE [name](path)]` inserts another Markdown file, resolved relative to \
the including file. A missing file, a path that leaves the project, or a file that includes itself \
(directly or through others) would publish a page with a hole in it.\n\nExample:\n\n    \
[!INCLUDE [admin](../includes/admin-center.md)]\n\nFix: correct the path, or break the cycle.",
    },
    Rule {
        name: UNKNOWN_LOCALE_FOLDER,
        severity: Severity::Warning,
        summary: "a folder under content/ that is not a language tag",
        explanation: "Every folder directly under `content/` is a locale, named by its BCP 47 tag \
(`da-DK`, `sr-Latn-RS`, `de-de`). A folder whose name is not a tag is skipped.\n\nFix: rename it \
to a language tag, or move it out of `content/`.",
    },
    Rule {
        name: INVALID_TOC,
        severity: Severity::Error,
        summary: "a toc.yml that is not a list of {name, href, items}",
        explanation: "A `toc.yml` next to the articles orders the sidebar. Each entry has a `name`, \
an optional `href` to an article and optional nested `items`. When it does not parse, the sidebar \
falls back to the articles sorted by title.\n\nExample:\n\n    - name: Accounts\n      items:\n      \
- name: Unlocking an account\n        href: unlocking-an-account.md",
    },
    Rule {
        name: FTL_SYNTAX,
        severity: Severity::Error,
        summary: "a Fluent file with a syntax error",
        explanation: "Site chrome strings live in `locales/<locale>/*.ftl`. An entry Fluent cannot \
parse is dropped, and the page shows the fallback locale's string instead.\n\nExample:\n\n    \
nav-home = Home\n    nav-articles Articles   <- missing '='\n\nFix: correct the entry at the \
reported position.",
    },
];

/// The documentation of `name`, if it is a rule.
#[must_use]
pub fn find(name: &str) -> Option<&'static Rule> {
    ALL.iter().find(|r| r.name == name)
}

/// The default severity of `name`; unknown names are errors, so that a
/// finding is never quietly downgraded.
#[must_use]
pub fn default_severity(name: &str) -> Severity {
    find(name).map_or(Severity::Error, |r| r.severity)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_unique_kebab_case() {
        let mut seen = std::collections::HashSet::new();
        for rule in ALL {
            assert!(seen.insert(rule.name), "duplicate {}", rule.name);
            assert!(rule
                .name
                .chars()
                .all(|c| c.is_ascii_lowercase() || c == '-'));
        }
    }
}
