//! `tolk-disable` comments: a file silences rules for itself.
//!
//! Markdown: `<!-- tolk-disable untranslated-text link-mismatch -->`;
//! Fluent: `# tolk-disable ftl-obsolete-message`. Without rule names, every
//! rule is silenced for the file. An article's are read when it is loaded
//! (and recorded with it), so that applying them never reads it again.

const MARKER: &str = "tolk-disable";

/// The rules a file's comments silence: `None` when it has no comment, an
/// empty list when one comment names no rule (all rules).
#[must_use]
pub fn parse(text: &str) -> Option<Vec<String>> {
    let mut found: Option<Vec<String>> = None;
    for (i, _) in text.match_indices(MARKER) {
        let before = text[..i].trim_end_matches([' ', '\t']);
        if !(before.ends_with("<!--") || before.ends_with('#')) {
            continue;
        }
        let rest = &text[i + MARKER.len()..];
        if rest.starts_with('-') {
            continue;
        }
        let line = rest.lines().next().unwrap_or("");
        let names: Vec<String> = line
            .split_whitespace()
            .take_while(|w| *w != "-->")
            .filter(|w| w.chars().all(|c| c.is_ascii_lowercase() || c == '-'))
            .map(str::to_string)
            .collect();
        let all = found.get_or_insert_with(Vec::new);
        if names.is_empty() {
            return Some(Vec::new());
        }
        all.extend(names);
    }
    found
}

#[cfg(test)]
mod tests {
    use super::parse;

    #[test]
    fn markdown_and_fluent_comments() {
        assert_eq!(
            parse("x\n<!-- tolk-disable untranslated-text link-mismatch -->\n"),
            Some(vec!["untranslated-text".into(), "link-mismatch".into()])
        );
        assert_eq!(
            parse("# tolk-disable ftl-obsolete-message\nkey = v\n"),
            Some(vec!["ftl-obsolete-message".into()])
        );
        assert_eq!(parse("<!-- tolk-disable -->"), Some(vec![]));
        assert_eq!(parse("text mentioning tolk-disable in prose"), None);
        assert_eq!(parse("no comment"), None);
    }
}
