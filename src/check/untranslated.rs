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
    let mut buffer = String::new();
    let sources = &pair.source_outline.blocks;
    let source: HashSet<u64> = sources.iter().map(|b| normalized(&b.text, &mut buffer)).collect();
    for block in &pair.outline.blocks {
        let hash = normalized(&block.text, &mut buffer);
        // Worth reporting when both texts are: checked only for the few
        // blocks that match.
        if source.contains(&hash)
            && worth(&block.text)
            && sources.iter().any(|b| worth(&b.text) && normalized(&b.text, &mut buffer) == hash)
        {
            out.push(
                pair.at_body(rules::UNTRANSLATED_TEXT, &block.span, format!("\"{}\" is the same as in the source", super::structure::clip(&block.text)))
                    .with_help("translate it; if it is meant to stay as it is, add <!-- tolk-disable untranslated-text --> to the file"),
            );
        }
    }
    if let (Some(ours), Some(theirs)) =
        (pair.translation.front.text("title"), pair.source.front.text("title"))
    {
        if normalized(ours, &mut buffer) == normalized(theirs, &mut buffer) && worth(ours) {
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

/// A hash of the text with its whitespace collapsed and its letters in
/// lower case; `buffer` is scratch space, reused between calls.
fn normalized(text: &str, buffer: &mut String) -> u64 {
    buffer.clear();
    for (i, word) in text.split_whitespace().enumerate() {
        if i > 0 {
            buffer.push(' ');
        }
        if word.is_ascii() {
            buffer.extend(word.bytes().map(|b| char::from(b.to_ascii_lowercase())));
        } else {
            buffer.extend(word.chars().flat_map(char::to_lowercase));
        }
    }
    xxhash_rust::xxh3::xxh3_64(buffer.as_bytes())
}

/// Whether the text is prose worth reporting: enough words (not
/// identifiers: `Set-CsPolicy -Identity $True` is a command) and letters,
/// and not only capitalized words (a name: "Visual Studio Code").
fn worth(text: &str) -> bool {
    let (mut words, mut letters, mut all_names) = (0, 0, true);
    for w in text.split_whitespace() {
        all_names &= w.chars().next().is_some_and(|c| !c.is_alphabetic() || c.is_uppercase());
        let bare = w.trim_matches(|c: char| c.is_ascii_punctuation());
        if !bare.is_empty() && bare.chars().all(char::is_alphabetic) {
            words += 1;
        }
        letters += w.chars().filter(|c| c.is_alphabetic()).count();
    }
    words >= MIN_WORDS && !all_names && letters >= MIN_LETTERS
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn prose_is_worth_reporting_names_and_commands_are_not() {
        assert!(worth("Select the account you want to use."));
        assert!(!worth("Visual Studio Code"));
        assert!(!worth("Set-CsPolicy -Identity $True"));
        assert!(!worth("OK ok"));
    }

    #[test]
    fn whitespace_and_case_do_not_count() {
        let mut buffer = String::new();
        let a = normalized("Select  the\n account", &mut buffer);
        assert_eq!(a, normalized("select the ACCOUNT", &mut buffer));
        assert_ne!(a, normalized("select an account", &mut buffer));
    }
}
