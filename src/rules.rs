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
/// A file or folder that cannot be read.
pub const UNREADABLE_FILE: &str = "unreadable-file";
/// A symlink or path that leads outside the project or nowhere.
pub const UNSAFE_PATH: &str = "unsafe-path";
/// A file name with invisible characters or whitespace.
pub const INVALID_FILE_NAME: &str = "invalid-file-name";
/// A file larger, or nested deeper, than the configured limits.
pub const LIMIT_EXCEEDED: &str = "limit-exceeded";
/// A source article with no translation in a locale.
pub const MISSING_TRANSLATION: &str = "missing-translation";
/// A translation whose source article does not exist.
pub const ORPHANED_TRANSLATION: &str = "orphaned-translation";
/// A translation made from an older version of its source.
pub const STALE_TRANSLATION: &str = "stale-translation";
/// A translation that records no source fingerprint.
pub const UNTRACKED_TRANSLATION: &str = "untracked-translation";
/// `ms.contentlocale` that is not the folder's locale.
pub const LOCALE_MISMATCH: &str = "locale-mismatch";
/// A publishing key that differs from the source's.
pub const FRONT_MATTER_CHANGED: &str = "front-matter-changed";
/// Headings that differ in number or level from the source's.
pub const HEADING_MISMATCH: &str = "heading-mismatch";
/// Heading ids or explicit anchors that differ from the source's.
pub const ANCHOR_MISMATCH: &str = "anchor-mismatch";
/// Link targets that differ from the source's.
pub const LINK_MISMATCH: &str = "link-mismatch";
/// Code that differs from the source's.
pub const CODE_MISMATCH: &str = "code-mismatch";
/// Images that differ from the source's.
pub const IMAGE_MISMATCH: &str = "image-mismatch";
/// Lists that differ in number or length from the source's.
pub const LIST_MISMATCH: &str = "list-mismatch";
/// Tables that differ in shape from the source's.
pub const TABLE_MISMATCH: &str = "table-mismatch";
/// Alerts that differ from the source's.
pub const ALERT_MISMATCH: &str = "alert-mismatch";
/// Includes that differ from the source's.
pub const INCLUDE_MISMATCH: &str = "include-mismatch";
/// Raw HTML a translation adds.
pub const HTML_MISMATCH: &str = "html-mismatch";
/// Text left in the source language.
pub const UNTRANSLATED_TEXT: &str = "untranslated-text";
/// A relative link to an article, file or anchor that does not exist.
pub const BROKEN_LINK: &str = "broken-link";
/// An embedded source segment that is not well formed.
pub const MALFORMED_SEGMENT: &str = "malformed-segment";
/// An embedded source sentence that is no longer in the source.
pub const OUTDATED_SEGMENT: &str = "outdated-segment";
/// A Fluent message of the source locale missing in a translation.
pub const FTL_MISSING_MESSAGE: &str = "ftl-missing-message";
/// A Fluent message the source locale no longer has.
pub const FTL_OBSOLETE_MESSAGE: &str = "ftl-obsolete-message";
/// A Fluent attribute of the source missing in a translation.
pub const FTL_MISSING_ATTRIBUTE: &str = "ftl-missing-attribute";
/// A Fluent attribute the source no longer has.
pub const FTL_OBSOLETE_ATTRIBUTE: &str = "ftl-obsolete-attribute";
/// A Fluent id defined twice in one locale.
pub const FTL_DUPLICATE_ID: &str = "ftl-duplicate-id";
/// A Fluent message whose value is empty.
pub const FTL_EMPTY_VALUE: &str = "ftl-empty-value";
/// A Fluent reference to a message or term that exists nowhere.
pub const FTL_UNKNOWN_REFERENCE: &str = "ftl-unknown-reference";
/// Fluent variables that differ from the source message's.
pub const FTL_VARIABLE_MISMATCH: &str = "ftl-variable-mismatch";
/// A Fluent plural select missing a category the locale needs.
pub const FTL_PLURAL_CATEGORIES: &str = "ftl-plural-categories";

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
        severity: Severity::Error,
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
    Rule {
        name: UNREADABLE_FILE,
        severity: Severity::Error,
        summary: "a file or folder that cannot be read",
        explanation: "A file under content/ or locales/ that cannot be opened (permissions, a device, a \
file removed while tolk ran) is left out, and its page would be missing.\n\nFix: make it readable, or \
remove it.",
    },
    Rule {
        name: UNSAFE_PATH,
        severity: Severity::Error,
        summary: "a symlink or path that leads outside the project, loops, or points nowhere",
        explanation: "tolk reads nothing outside the project: a symlink under content/ that points \
elsewhere (`/etc/passwd`, a home directory), loops, or dangles is reported and not read; a symlinked \
folder is not followed (a warning). Include paths that are absolute or climb out of the project are \
broken-include findings.\n\nFix: copy the file into the project instead of linking to it.",
    },
    Rule {
        name: INVALID_FILE_NAME,
        severity: Severity::Error,
        summary: "a file name with invisible characters (error) or whitespace (warning)",
        explanation: "A file's name becomes its page's URL. Zero-width, bidirectional-control and \
control characters make a URL that looks like another one, or that nobody can type: such files are \
skipped. Spaces become %20.\n\nExample: `unlock\u{200b}ing.md` looks like `unlocking.md`.\n\nFix: \
rename the file with letters, digits and hyphens.",
    },
    Rule {
        name: LIMIT_EXCEEDED,
        severity: Severity::Error,
        summary: "a file larger, or nested deeper, than the configured limits",
        explanation: "A hostile or broken article (a 50 MB file, ten thousand nested lists or quotes) \
would cost unbounded time and memory. Files over [content] max_file_size bytes (default 5 MiB) and \
articles whose lists and quotes nest deeper than [content] max_nesting levels (default 100) are \
reported and left out.\n\nFix: split the article, or raise the limit in book.toml.",
    },
    Rule {
        name: MISSING_TRANSLATION,
        severity: Severity::Info,
        summary: "a source article with no translation in a locale",
        explanation: "Every source article is published in every locale; where a locale has no \
translation, its site shows the source article with a \"not translated yet\" banner. This finding \
lists what is left to translate.\n\nThe finding points at the source article, with the locale that \
lacks it.\n\nFix: translate the article into content/<locale>/ under the same path.",
    },
    Rule {
        name: ORPHANED_TRANSLATION,
        severity: Severity::Error,
        summary: "a translation whose source article does not exist",
        explanation: "A translation is matched to its source by its path. When the source article was \
renamed, moved or deleted, the translation is not published and its work is lost from the site.\n\n\
Example: content/da-DK/old-name.md with no content/en-US/old-name.md.\n\nFix: move the translation \
to the source's new path, or delete it.",
    },
    Rule {
        name: STALE_TRANSLATION,
        severity: Severity::Warning,
        summary: "a translation made from an older version of its source",
        explanation: "A translation records the fingerprint of the source version it was made from \
(ms.openlocfilehash, or the key set by [content] fingerprint_key): the SHA-1 or SHA-256 of the \
source file with CRLF line endings. When the current source has another fingerprint, the source \
changed after the translation was made, and the page carries an \"out of date\" banner.\n\nThe \
other findings on a stale translation (structure, links, front matter) are reported as warnings at \
most, since the source's change may explain them; outdated-segment says which sentences changed \
when the translation embeds its source.\n\nFix: update the translation, then record the current \
fingerprint with `tolk stamp <file>`.",
    },
    Rule {
        name: UNTRACKED_TRANSLATION,
        severity: Severity::Warning,
        summary: "a translation that records no source fingerprint",
        explanation: "Without a fingerprint of the source version it was made from, nobody can tell \
whether a translation is current.\n\nFix: when the translation matches the current source, run \
`tolk stamp <file>` to record the fingerprint.",
    },
    Rule {
        name: LOCALE_MISMATCH,
        severity: Severity::Error,
        summary: "ms.contentlocale is not the locale of the folder",
        explanation: "A translation's ms.contentlocale names its language. A file whose value differs \
from its folder's locale is usually in the wrong folder, and would be published as the wrong \
language.\n\nExample: content/da-DK/x.md with `ms.contentlocale: sv-SE`.\n\nFix: move the file to \
the right folder, or correct the key.",
    },
    Rule {
        name: FRONT_MATTER_CHANGED,
        severity: Severity::Error,
        summary: "a publishing key that differs from the source's",
        explanation: "Publishing metadata (ms.author, author, manager, ms.audience, ms.topic, \
ms.service, ms.collection, ms.custom, localization_priority, ROBOTS by default; [check] \
protected_keys in book.toml) is not translated: it must be identical in every locale. A changed \
ROBOTS value, for example, publishes a page the source keeps out of search engines.\n\nFix: copy \
the source's value.",
    },
    Rule {
        name: HEADING_MISMATCH,
        severity: Severity::Error,
        summary: "headings that differ in number or level from the source's",
        explanation: "A translation has the same sections as its source: the same number of headings, \
at the same levels. A missing heading is usually a missing section.\n\nFix: add or re-level the \
heading the finding names.",
    },
    Rule {
        name: ANCHOR_MISMATCH,
        severity: Severity::Error,
        summary: "heading ids or anchors that differ from the source's",
        explanation: "Links from other pages target a heading's id, which comes from the English \
heading. A translated heading keeps it with an explicit anchor: \
`## <a name=\"reset-the-password\"></a>Nulstil adgangskoden`. Without it, the id is made from the \
translated text and every link to the section breaks.\n\nFix: start the heading with the anchor the \
finding names.",
    },
    Rule {
        name: LINK_MISMATCH,
        severity: Severity::Error,
        summary: "link targets that differ from the source's",
        explanation: "Link texts are translated; link targets are not. The targets of a translation \
are compared with the source's as a multiset (a locale segment such as /en-us/ in a URL may \
change). A missing target is a lost link; an extra or changed one sends readers elsewhere.\n\n\
Fix: restore the URL the finding names.",
    },
    Rule {
        name: CODE_MISMATCH,
        severity: Severity::Error,
        summary: "code that differs from the source's",
        explanation: "Code blocks and inline code (commands, parameter names, UI strings in code \
font) are not translated. A changed one is a command that no longer works.\n\nFix: copy the code \
from the source.",
    },
    Rule {
        name: IMAGE_MISMATCH,
        severity: Severity::Error,
        summary: "images that differ from the source's",
        explanation: "A translation shows the same images as its source (a localized screenshot may \
have its own file, but must then exist). A missing image is a missing step.\n\nFix: restore the \
image the finding names.",
    },
    Rule {
        name: LIST_MISMATCH,
        severity: Severity::Error,
        summary: "lists that differ in number or length from the source's",
        explanation: "Numbered steps and bullet lists keep their items in translation. A list with \
fewer items usually lost a step; two items merged into one shows as one item less.\n\nFix: split \
or add the items the finding names.",
    },
    Rule {
        name: TABLE_MISMATCH,
        severity: Severity::Error,
        summary: "tables that differ in shape from the source's",
        explanation: "A translated table has the source's columns and rows. A broken row (a missing \
`|`) silently drops content.\n\nFix: compare the table with the source's row by row.",
    },
    Rule {
        name: ALERT_MISMATCH,
        severity: Severity::Error,
        summary: "alerts that differ from the source's",
        explanation: "`> [!NOTE]`, `[!TIP]`, `[!IMPORTANT]`, `[!CAUTION]` and `[!WARNING]` keep their \
keyword in every language: a translated keyword (`> [!NOTA]`) renders as a plain quote, and a \
lost [!WARNING] is a lost warning.\n\nFix: keep the English keyword.",
    },
    Rule {
        name: INCLUDE_MISMATCH,
        severity: Severity::Error,
        summary: "includes that differ from the source's",
        explanation: "`[!INCLUDE [name](path)]` inserts shared content. A translation includes the \
same files as its source.\n\nFix: restore the include the finding names.",
    },
    Rule {
        name: HTML_MISMATCH,
        severity: Severity::Error,
        summary: "raw HTML a translation has and its source does not",
        explanation: "Raw HTML in a translation is published as it is. A <script>, <iframe>, an on* \
event handler or a javascript: URL that a translation introduces would run on the site; even \
harmless tags are not the translator's to add. Only HTML that the source article has too may \
appear in a translation (heading anchors and embedded source segments excepted).\n\nFix: remove \
the element, or add it to the source first.",
    },
    Rule {
        name: UNTRANSLATED_TEXT,
        severity: Severity::Warning,
        summary: "a paragraph, item, heading or title identical to the source's",
        explanation: "A block of text that is the same as in the source was probably not translated. \
Code, URLs and short text (fewer than three words) are ignored.\n\nFix: translate it, or silence \
the rule for the file when the text is meant to stay in the source language \
(`<!-- tolk-disable untranslated-text -->`).",
    },
    Rule {
        name: BROKEN_LINK,
        severity: Severity::Error,
        summary: "a relative link to an article, file or anchor that does not exist",
        explanation: "A relative link must lead to an article (in the same locale or, for an \
untranslated page, the source), a file next to the articles, and an #anchor that the target page \
has.\n\nExample: [Reset](reset-password.md#step-2) where reset-password.md has no heading with id \
step-2.\n\nFix: correct the path or the anchor.",
    },
    Rule {
        name: MALFORMED_SEGMENT,
        severity: Severity::Error,
        summary: "an embedded source segment that is not well formed",
        explanation: "Human-translated files embed their source sentence by sentence: \
`<span data-ttu-id=\"ID\">target</span><span class=\"sxs-lookup\"><span \
data-stu-id=\"ID\">source</span></span>`. An unclosed span, ids that do not pair or an id used twice \
means the file was damaged, and the source text may leak onto the page.\n\nFix: restore the span \
structure from the hand-off file.",
    },
    Rule {
        name: OUTDATED_SEGMENT,
        severity: Severity::Warning,
        summary: "an embedded source sentence that is no longer in the source",
        explanation: "A translation that embeds its source shows exactly which sentences it was made \
from. A sentence that is no longer in the current source was changed or removed there; a sentence \
of the current source that no segment has is new. Each finding names the sentence, and for a \
changed one the current wording, so a translator knows exactly what to retranslate.",
    },
    Rule {
        name: FTL_MISSING_MESSAGE,
        severity: Severity::Warning,
        summary: "a Fluent message of the source locale missing in a translation",
        explanation: "Every message in locales/<source>/NAME.ftl should be in locales/<locale>/NAME.ftl. \
A missing one shows the fallback locale's text in the middle of a translated page.\n\nFix: \
translate the message.",
    },
    Rule {
        name: FTL_OBSOLETE_MESSAGE,
        severity: Severity::Warning,
        summary: "a Fluent message the source locale no longer has",
        explanation: "A message in a translation that the source's file of the same name does not have \
is never shown (or was renamed in the source).\n\nFix: delete it, or rename it as the source did.",
    },
    Rule {
        name: FTL_MISSING_ATTRIBUTE,
        severity: Severity::Warning,
        summary: "a Fluent attribute of the source missing in a translation",
        explanation: "A message's attributes (`.title`, `.aria-label`) are translated with it. A \
missing one falls back to the source language.\n\nFix: add the attribute.",
    },
    Rule {
        name: FTL_OBSOLETE_ATTRIBUTE,
        severity: Severity::Warning,
        summary: "a Fluent attribute the source no longer has",
        explanation: "An attribute the source message does not have is never shown.\n\nFix: delete it.",
    },
    Rule {
        name: FTL_DUPLICATE_ID,
        severity: Severity::Error,
        summary: "a Fluent message or term defined twice in one locale",
        explanation: "When an id is defined twice in a locale's files, only one definition is used, \
and which one depends on file order.\n\nFix: keep one definition.",
    },
    Rule {
        name: FTL_EMPTY_VALUE,
        severity: Severity::Error,
        summary: "a Fluent message whose value is empty",
        explanation: "A message whose value is empty (`key = { \"\" }`) shows nothing: a button or \
banner without a label.\n\nFix: translate the message, or delete it to fall back.",
    },
    Rule {
        name: FTL_UNKNOWN_REFERENCE,
        severity: Severity::Error,
        summary: "a Fluent reference to a message or term that exists nowhere",
        explanation: "`{ other-message }` and `{ -term }` must be defined in the locale or its fallbacks. \
An unknown reference renders as an error marker.\n\nFix: correct the id, or define it.",
    },
    Rule {
        name: FTL_VARIABLE_MISMATCH,
        severity: Severity::Error,
        summary: "Fluent variables that differ from the source message's",
        explanation: "A translation uses the variables its source message uses (`{ $count }`, \
`{ $name }`): a dropped variable loses information, and one the source does not have is never \
given a value.\n\nExample: source `{ $count } articles`, translation `{ $cnt } artikler`.\n\nFix: use \
the source's variable names.",
    },
    Rule {
        name: FTL_PLURAL_CATEGORIES,
        severity: Severity::Warning,
        summary: "a plural select missing a category the locale needs",
        explanation: "Languages have different plural forms (CLDR): Slovenian needs one, two, few and \
other; Arabic needs zero, one, two, few, many and other. A select on a number that lacks one of \
the locale's categories uses the default variant for those numbers, which is wrong grammar.\n\n\
Fix: add a variant for each category the finding names.",
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
            assert!(rule.name.chars().all(|c| c.is_ascii_lowercase() || c == '-'));
        }
    }
}
