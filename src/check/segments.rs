//! Embedded source segments: `malformed-segment` and `outdated-segment`.
//!
//! A human-translated file embeds, sentence by sentence, the source text it
//! was made from. Comparing those sentences with the current source says
//! exactly what changed since: sentences the source no longer has (changed
//! or removed, with the current wording when one is close), and sentences of
//! the current source that no segment has (new).

use super::structure::clip;
use super::Pair;
use crate::diagnostic::Diagnostic;
use crate::rules;
use std::collections::HashSet;
use std::ops::Range;

/// Two sentences this alike (shared words over all words) are one sentence, changed.
const CHANGED_SIMILARITY: f64 = 0.5;

/// Checks one translation's segments.
pub fn check(pair: &Pair<'_>, out: &mut Vec<Diagnostic>) {
    for m in &pair.outline.malformed {
        out.push(
            pair.at_body(rules::MALFORMED_SEGMENT, &m.span, m.message.clone())
                .with_help("restore the span structure from the hand-off file"),
        );
    }
    if pair.outline.segments.is_empty() {
        return;
    }
    let body = pair.translation.body();
    let current: Vec<String> =
        pair.source_outline.blocks.iter().flat_map(|b| sentences(&b.markdown)).collect();
    // Blocks, not sentences: a segment may hold two sentences of one block.
    let whole: String =
        pair.source_outline.blocks.iter().map(|b| normalize(&b.markdown)).collect::<Vec<_>>().join("\n");
    let segs: Vec<(String, Range<usize>)> = pair
        .outline
        .segments
        .iter()
        .filter_map(|s| Some((normalize(&body[s.source.clone()?]), s.target.clone())))
        .filter(|(text, _)| !text.is_empty())
        .collect();
    let covered = |sentence: &str| segs.iter().position(|(s, _)| s == sentence || s.contains(sentence));
    // Text a translation keeps as it is (a bare link, a product name) has no segment.
    let kept: String =
        pair.outline.blocks.iter().map(|b| normalize(&b.markdown)).collect::<Vec<_>>().join("\n");
    // Which segment (by index) holds each current sentence, exactly or as a changed version.
    let mut holder: Vec<Option<usize>> = current.iter().map(|c| covered(c)).collect();
    // A sentence the segmenter split differently is still covered when its
    // words run on through consecutive segments.
    let joined = format!(" {} ", segs.iter().map(|(s, _)| word_key(s)).collect::<Vec<_>>().join(" "));
    let verbatim: Vec<bool> = current
        .iter()
        .map(|c| kept.contains(c.as_str()) || joined.contains(&format!(" {} ", word_key(c))))
        .collect();
    for (k, (text, span)) in segs.iter().enumerate() {
        if whole.contains(text.as_str()) {
            continue;
        }
        let best = (0..current.len())
            .filter(|&i| holder[i].is_none())
            .map(|i| (i, similarity(text, &current[i])))
            .filter(|(_, s)| *s >= CHANGED_SIMILARITY)
            .max_by(|a, b| a.1.total_cmp(&b.1));
        let d = match best {
            Some((i, _)) => {
                holder[i] = Some(k);
                pair.at_body(
                    rules::OUTDATED_SEGMENT,
                    span,
                    format!("the source changed this sentence: it was \"{}\"", clip(text)),
                )
                .with_help(format!("retranslate from the current source: \"{}\"", current[i]))
            }
            None => pair
                .at_body(
                    rules::OUTDATED_SEGMENT,
                    span,
                    format!("the source no longer has this sentence: \"{}\"", clip(text)),
                )
                .with_help("remove the translation of it, or check whether it moved"),
        };
        out.push(d);
    }
    // Only a translation made segment by segment says which sentences it has
    // never seen; in a file with a few segments, unsegmented text is normal.
    if segs.len() * 2 < current.len() {
        return;
    }
    for i in (0..current.len()).filter(|&i| holder[i].is_none() && !verbatim[i]) {
        // Place it after the translation of the nearest earlier sentence.
        let before = (0..i).rev().find_map(|j| holder[j]).map(|k| segs[k].1.clone());
        let message = match before {
            Some(_) => format!("the source has a new sentence after this one: \"{}\"", clip(&current[i])),
            None => format!("the source has a new sentence: \"{}\"", clip(&current[i])),
        };
        let span = before.unwrap_or_else(|| pair.body_start());
        out.push(
            pair.at_body(rules::OUTDATED_SEGMENT, &span, message)
                .with_help(format!("translate: \"{}\"", current[i])),
        );
    }
}

/// The sentences of a block's Markdown, normalized: split after `.`, `!`
/// or `?` (and any closing `*`, `_`, `"` or `)`) before a capital, and at
/// line breaks (`<br>`), as the localization segmenter splits. Fragments
/// with fewer than three letters (list numbering) are dropped.
fn sentences(markdown: &str) -> Vec<String> {
    let mut out = Vec::new();
    for part in split_breaks(markdown) {
        let text = normalize(&part);
        let chars: Vec<(usize, char)> = text.char_indices().collect();
        let mut start = 0;
        for (k, &(_, c)) in chars.iter().enumerate() {
            if !matches!(c, '.' | '!' | '?' | '。' | '！' | '？') {
                continue;
            }
            let mut end = k + 1;
            while chars.get(end).is_some_and(|&(_, c)| matches!(c, '*' | '_' | '"' | ')' | '”')) {
                end += 1;
            }
            let next = chars.get(end).map(|&(_, c)| c);
            let after = chars.get(end + 1).map(|&(_, c)| c);
            let ends = next == Some(' ')
                && after.is_some_and(|a| {
                    a.is_uppercase() || a.is_ascii_digit() || matches!(a, '*' | '[' | '`' | '<' | '"')
                });
            if ends {
                let byte_end = chars[end].0;
                out.push(text[start..byte_end].trim().to_string());
                start = byte_end;
            }
        }
        out.push(text[start..].trim().to_string());
    }
    out.retain(|s| s.chars().filter(|c| c.is_alphabetic()).count() >= 3);
    out
}

/// Splits at hard line breaks (two spaces or a backslash before a newline)
/// and at `<br>`, `<br/>`, `<BR/>` and `</br>`.
fn split_breaks(markdown: &str) -> Vec<String> {
    let markdown = markdown.replace("  \n", "<br>").replace("\\\n", "<br>");
    let markdown = markdown.as_str();
    let lower = markdown.to_ascii_lowercase();
    let mut parts = Vec::new();
    let mut start = 0;
    let mut pos = 0;
    while let Some(i) = lower[pos..].find('<') {
        let at = pos + i;
        let tag_end = lower[at..].find('>').map(|e| at + e + 1);
        let is_break = tag_end
            .is_some_and(|e| matches!(lower[at..e].replace(' ', "").as_str(), "<br>" | "<br/>" | "</br>"));
        match (is_break, tag_end) {
            (true, Some(e)) => {
                parts.push(markdown[start..at].to_string());
                start = e;
                pos = e;
            }
            _ => pos = at + 1,
        }
    }
    parts.push(markdown[start..].to_string());
    parts
}

/// The words of Markdown without link and image targets: `[text](url)` →
/// `text`, so a segment inside link text matches the sentence around it.
fn words_only(text: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len());
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if c == ']' && chars.get(i + 1) == Some(&'(') {
            let mut depth = 0;
            i += 1;
            while i < chars.len() {
                match chars[i] {
                    '(' => depth += 1,
                    ')' => {
                        depth -= 1;
                        if depth == 0 {
                            break;
                        }
                    }
                    _ => {}
                }
                i += 1;
            }
        } else if !(c == '[' || c == ']' || (c == '!' && chars.get(i + 1) == Some(&'['))) {
            out.push(c);
        }
        i += 1;
    }
    out
}

/// Whitespace collapsed, and explicit anchors (`<a name="x"></a>`) removed:
/// they are markup the localization pipeline adds, not text.
fn normalize(text: &str) -> String {
    let mut s = text.to_string();
    while let Some(start) = s.find("<a name=").or_else(|| s.find("<a id=")) {
        let Some(close) = s[start..].find("</a>") else {
            break;
        };
        s.replace_range(start..start + close + 4, "");
    }
    crate::markdown::outline::collapse_whitespace(&words_only(&s))
}

/// Lower-case words without punctuation or markup, space-separated.
fn word_key(s: &str) -> String {
    s.split_whitespace()
        .map(|w| w.trim_matches(|c: char| !c.is_alphanumeric()).to_lowercase())
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

fn similarity(a: &str, b: &str) -> f64 {
    let words = |s: &str| {
        s.split_whitespace()
            .map(|w| w.trim_matches(|c: char| !c.is_alphanumeric()).to_lowercase())
            .filter(|w| !w.is_empty())
            .collect::<HashSet<_>>()
    };
    let (a, b) = (words(a), words(b));
    let union = a.union(&b).count();
    if union == 0 {
        return 0.0;
    }
    #[allow(clippy::cast_precision_loss)]
    let ratio = a.intersection(&b).count() as f64 / union as f64;
    ratio
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_sentences_like_the_segmenter() {
        assert_eq!(
            sentences("It's possible users are locked out. To help users, **you can** try. Done"),
            ["It's possible users are locked out.", "To help users, **you can** try.", "Done"]
        );
        assert_eq!(sentences("Version 1.5 is out. e.g. this"), ["Version 1.5 is out. e.g. this"]);
        assert_eq!(
            sentences("For details, see:  \n[How to manage](https://x)  \n[Updates](https://y)"),
            ["For details, see:", "How to manage", "Updates"]
        );
        assert_eq!(
            sentences("**Which size?** Read this.<BR/> d. Next step."),
            ["**Which size?**", "Read this.", "Next step."]
        );
    }

    #[test]
    fn link_targets_do_not_count() {
        assert_eq!(
            normalize("[Custom  settings](https://x/(y)) for ![alt](a.png) <a name=\"q\"></a>ok"),
            "Custom settings for alt ok"
        );
    }

    #[test]
    fn similar_sentences() {
        assert!(similarity("It's possible users are locked out of Office 365 due to bad password attempts.", "It's possible users are locked out of Microsoft 365 due to bad password attempts or other compromises.") >= CHANGED_SIMILARITY);
        assert!(
            similarity("Select the user.", "The service prevents a user from sending email.")
                < CHANGED_SIMILARITY
        );
    }
}
