//! `untranslated-text`: a paragraph, list item, heading, table cell or
//! title that is word for word the source's.

use super::Pair;
use crate::diagnostic::Diagnostic;
use crate::rules;
use std::collections::HashSet;

/// Fewest words a block needs before an identical one is worth reporting.
const MIN_WORDS: usize = 3;
/// Fewest letters, so that lists of names and numbers are left alone.
const MIN_LETTERS: usize = 12;

/// Finds text blocks of the translation that are the source's, unchanged.
pub fn check(pair: &Pair<'_>, out: &mut Vec<Diagnostic>) {
    let source: HashSet<String> =
        pair.source_outline.blocks.iter().filter(|b| worth(&b.text)).map(|b| normalize(&b.text)).collect();
    for block in &pair.outline.blocks {
        if worth(&block.text) && source.contains(&normalize(&block.text)) {
            out.push(
                pair.at_body(rules::UNTRANSLATED_TEXT, &block.span, format!("\"{}\" is the same as in the source", super::structure::clip(&block.text)))
                    .with_help("translate it; if it is meant to stay as it is, add <!-- tolk-disable untranslated-text --> to the file"),
            );
        }
    }
    if let (Some(ours), Some(theirs)) =
        (pair.translation.front.text("title"), pair.source.front.text("title"))
    {
        if normalize(ours) == normalize(theirs) && worth(ours) {
            let span = pair.translation.front.span("title").unwrap_or(0..0);
            out.push(
                pair.at_file(
                    rules::UNTRANSLATED_TEXT,
                    span,
                    format!("the title \"{ours}\" is the same as the source's"),
                )
                .with_help("translate the title"),
            );
        }
    }
}

fn normalize(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ").to_lowercase()
}

fn worth(text: &str) -> bool {
    // Words, not identifiers: `Set-CsPolicy -Identity $True` is a command.
    let words: Vec<&str> = text
        .split_whitespace()
        .map(|w| w.trim_matches(|c: char| c.is_ascii_punctuation()))
        .filter(|w| !w.is_empty() && w.chars().all(char::is_alphabetic))
        .collect();
    // Text whose every word is capitalized is a name ("Visual Studio Code").
    let all_names = text
        .split_whitespace()
        .all(|w| w.chars().next().is_some_and(|c| !c.is_alphabetic() || c.is_uppercase()));
    words.len() >= MIN_WORDS
        && !all_names
        && text.chars().filter(|c| c.is_alphabetic()).count() >= MIN_LETTERS
}
