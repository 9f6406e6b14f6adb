//! `untranslated-text`: a paragraph, list item, heading, table cell or
//! title that is word for word the source's.

use super::Pair;
use crate::diagnostic::Diagnostic;
use crate::markdown::outline::fold;
use crate::rules;
use rustc_hash::FxHashSet;

/// Fewest words a block needs before an identical one is worth reporting.
const MIN_WORDS: usize = 3;
/// Fewest letters, so that lists of names and numbers are left alone.
const MIN_LETTERS: usize = 12;

/// Finds text blocks of the translation that are the source's, unchanged.
pub fn check(pair: &Pair<'_>, out: &mut Vec<Diagnostic>) {
    let sources = &pair.source_outline.blocks;
    let source: FxHashSet<u64> = sources.iter().map(|b| b.folded).collect();
    for block in &pair.outline.blocks {
        // Worth reporting when both texts are: checked only for the few
        // blocks that match.
        if source.contains(&block.folded)
            && worth(&block.text)
            && sources.iter().any(|b| b.folded == block.folded && worth(&b.text))
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
        if fold(ours) == fold(theirs) && worth(ours) {
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
        let a = fold("Select  the\n account");
        assert_eq!(a, fold("select the ACCOUNT"));
        assert_ne!(a, fold("select an account"));
        assert_eq!(fold("ÅBEN  konto"), fold("åben konto"));
    }
}
