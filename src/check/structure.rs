//! Structure that must survive translation: `heading-mismatch`,
//! `anchor-mismatch`, `link-mismatch`, `code-mismatch`, `image-mismatch`,
//! `list-mismatch`, `table-mismatch`, `alert-mismatch`, `include-mismatch`.
//! Findings are capped at warning when the translation is stale.

use super::Pair;
use crate::diagnostic::Diagnostic;
use crate::markdown::outline::Target;
use crate::rules;
use rustc_hash::FxHashMap;
use std::hash::Hash;
use std::ops::Range;

/// Compares the translation's structure with its source's.
pub fn check(pair: &Pair<'_>, out: &mut Vec<Diagnostic>) {
    headings(pair, out);
    anchors(pair, out);
    targets(pair, rules::LINK_MISMATCH, "links to", &pair.source_outline.links, &pair.outline.links, out);
    targets(
        pair,
        rules::IMAGE_MISMATCH,
        "shows the image",
        &pair.source_outline.images,
        &pair.outline.images,
        out,
    );
    targets(
        pair,
        rules::INCLUDE_MISMATCH,
        "includes",
        &pair.source_outline.includes,
        &pair.outline.includes,
        out,
    );
    empty_links(pair, out);
    segment_links(pair, out);
    code(pair, out);
    shapes(pair, out);
    alerts(pair, out);
}

/// Items of `ours` and `theirs` matched by key as multisets: the source's
/// items without a counterpart, and ours without one, in document order.
pub fn multiset_diff<'a, 'b, K: Eq + Hash, S, O>(
    theirs: &'a [S],
    ours: &'b [O],
    key_s: impl Fn(&S) -> K,
    key_o: impl Fn(&O) -> K,
) -> (Vec<&'a S>, Vec<&'b O>) {
    let mut counts: FxHashMap<K, Vec<&S>> = FxHashMap::default();
    for s in theirs {
        counts.entry(key_s(s)).or_default().push(s);
    }
    for v in counts.values_mut() {
        v.reverse();
    }
    let mut extra = Vec::new();
    for o in ours {
        match counts.get_mut(&key_o(o)) {
            Some(v) if !v.is_empty() => {
                v.pop();
            }
            _ => extra.push(o),
        }
    }
    let mut missing: Vec<&S> = counts.into_values().flatten().collect();
    let order = |s: &&S| theirs.iter().position(|x| std::ptr::eq(x, *s)).unwrap_or(0);
    missing.sort_by_key(order);
    (missing, extra)
}

/// A URL with locale segments (`/en-us/`, `ui=en-US`) made neutral, so that
/// a translation may point at its own language's version of a page.
#[must_use]
pub fn normalize_url(url: &str) -> String {
    let mut out = String::with_capacity(url.len());
    let mut token = String::new();
    let flush = |token: &mut String, out: &mut String| {
        if is_locale_like(token) {
            out.push_str("{locale}");
        } else {
            out.push_str(token);
        }
        token.clear();
    };
    for c in url.trim().chars() {
        if matches!(c, '/' | '=' | '&' | '?' | '#') {
            flush(&mut token, &mut out);
            out.push(c);
        } else {
            token.push(c);
        }
    }
    flush(&mut token, &mut out);
    out.trim_end_matches('/').to_string()
}

fn is_locale_like(s: &str) -> bool {
    let mut parts = s.split('-');
    let (Some(lang), Some(region), None) = (parts.next(), parts.next(), parts.next()) else {
        return false;
    };
    lang.len() == 2
        && lang.chars().all(|c| c.is_ascii_alphabetic())
        && (2..=4).contains(&region.len())
        && region.chars().all(|c| c.is_ascii_alphabetic())
}

fn targets(
    pair: &Pair<'_>,
    rule: &'static str,
    verb: &str,
    theirs: &[Target],
    ours: &[Target],
    out: &mut Vec<Diagnostic>,
) {
    let (missing, extra) =
        multiset_diff(theirs, ours, |t| normalize_url(&t.dest), |t| normalize_url(&t.dest));
    for m in &missing {
        let span = pair.aligned_block(&m.span);
        let text = if m.text.is_empty() { String::new() } else { format!(" (\"{}\")", clip(&m.text)) };
        out.push(
            pair.structural(
                rule,
                &span,
                format!("the source {verb} {}{text} around here; the translation does not", m.dest),
            )
            .with_help(format!("restore `{}` where the source has it", m.dest)),
        );
    }
    for e in &extra {
        out.push(
            pair.structural(rule, &e.span, format!("{verb} {}, which the source does not", e.dest))
                .with_help("use the source's target"),
        );
    }
}

/// Links whose text a translation lost: present, but invisible on the page.
fn empty_links(pair: &Pair<'_>, out: &mut Vec<Diagnostic>) {
    for link in pair.outline.links.iter().filter(|l| l.text.trim().is_empty()) {
        let key = normalize_url(&link.dest);
        let source_text = pair
            .source_outline
            .links
            .iter()
            .find(|s| normalize_url(&s.dest) == key && !s.text.trim().is_empty());
        if let Some(s) = source_text {
            out.push(
                pair.at_body(
                    rules::LINK_MISMATCH,
                    &link.span,
                    format!(
                        "the link to {} has no text, so readers cannot see it; the source's reads \"{}\"",
                        link.dest,
                        clip(&s.text)
                    ),
                )
                .with_help("put the translated link text between the brackets"),
            );
        }
    }
}

/// Within each embedded segment, the target sentence links where its own
/// embedded source sentence does: the most precise check there is, since it
/// compares a sentence with exactly the text it was translated from.
fn segment_links(pair: &Pair<'_>, out: &mut Vec<Diagnostic>) {
    let body = pair.translation.body();
    for seg in &pair.outline.segments {
        let Some(source) = &seg.source else { continue };
        let (target_text, source_text) = (&body[seg.target.clone()], &body[source.clone()]);
        if !target_text.contains("](") && !source_text.contains("](") {
            continue;
        }
        let (t, s) =
            (crate::markdown::outline::extract(target_text), crate::markdown::outline::extract(source_text));
        let (missing, extra) =
            multiset_diff(&s.links, &t.links, |l| normalize_url(&l.dest), |l| normalize_url(&l.dest));
        for m in missing {
            out.push(
                pair.at_body(
                    rules::LINK_MISMATCH,
                    &seg.target,
                    format!(
                        "this sentence lost the link to {} (\"{}\") that its embedded source has",
                        m.dest,
                        clip(&m.text)
                    ),
                )
                .with_help("put the link back around the translated words"),
            );
        }
        for e in extra {
            out.push(pair.at_body(
                rules::LINK_MISMATCH,
                &seg.target,
                format!("this sentence links to {}, which its embedded source does not", e.dest),
            ));
        }
    }
}

fn code(pair: &Pair<'_>, out: &mut Vec<Diagnostic>) {
    let key = |c: &crate::markdown::outline::Code| (c.block, c.text.trim_end().to_string());
    let (missing, extra) = multiset_diff(&pair.source_outline.code, &pair.outline.code, key, key);
    for m in &missing {
        let what = if m.block { "a code block" } else { "inline code" };
        let span = pair.aligned_block(&m.span);
        out.push(pair.structural(
            rules::CODE_MISMATCH,
            &span,
            format!("{what} of the source is missing or changed: `{}`", clip(first_line(&m.text))),
        ));
    }
    for e in &extra {
        let what = if e.block { "code block" } else { "inline code" };
        out.push(
            pair.structural(
                rules::CODE_MISMATCH,
                &e.span,
                format!("{what} `{}` is not in the source", clip(first_line(&e.text))),
            )
            .with_help("code is not translated: copy it from the source"),
        );
    }
}

fn headings(pair: &Pair<'_>, out: &mut Vec<Diagnostic>) {
    let theirs = &pair.source_outline.headings;
    let ours = &pair.outline.headings;
    let levels = |h: &[crate::markdown::outline::Heading]| h.iter().map(|h| h.level).collect::<Vec<_>>();
    if levels(theirs) == levels(ours) {
        return;
    }
    let at =
        theirs.iter().zip(ours).position(|(a, b)| a.level != b.level).unwrap_or(theirs.len().min(ours.len()));
    let span = ours.get(at).map_or_else(
        || ours.last().map_or_else(|| pair.body_start(), |h| h.span.clone()),
        |h| h.span.clone(),
    );
    let describe = |h: &[crate::markdown::outline::Heading]| {
        h.iter().map(|h| format!("h{}", h.level)).collect::<Vec<_>>().join(" ")
    };
    let mut d = pair.structural(
        rules::HEADING_MISMATCH,
        &span,
        format!(
            "the source has {} headings ({}), the translation {} ({})",
            theirs.len(),
            describe(theirs),
            ours.len(),
            describe(ours)
        ),
    );
    if let Some(h) = theirs.get(at) {
        d = d.with_help(format!(
            "from here on they differ; the source's heading is {} \"{}\"",
            "#".repeat(h.level as usize),
            h.text
        ));
    }
    out.push(d);
}

fn anchors(pair: &Pair<'_>, out: &mut Vec<Diagnostic>) {
    let ids = |o: &crate::markdown::outline::Outline| {
        let mut v: Vec<(String, Range<usize>)> =
            o.headings.iter().map(|h| (h.id.clone(), h.span.clone())).collect();
        for (a, span) in &o.anchors {
            if !v.iter().any(|(id, _)| id == a) {
                v.push((a.clone(), span.clone()));
            }
        }
        v
    };
    let theirs = ids(pair.source_outline);
    let ours = ids(pair.outline);
    for (i, (id, _)) in theirs.iter().enumerate() {
        if ours.iter().any(|(o, _)| o == id) {
            continue;
        }
        let heading = pair.outline.headings.get(i);
        let span = heading.map_or_else(|| pair.body_start(), |h| h.span.clone());
        let here = heading.map(|h| format!(" (this heading's id is #{})", h.id)).unwrap_or_default();
        out.push(
            pair.structural(
                rules::ANCHOR_MISMATCH,
                &span,
                format!("anchor #{id} of the source is missing{here}; links to #{id} will break"),
            )
            .with_help(format!("start the heading with <a name=\"{id}\"></a>")),
        );
    }
    for (id, span) in &ours {
        let explicit = pair.outline.headings.iter().any(|h| h.explicit && h.id == *id)
            || pair.outline.anchors.iter().any(|(a, _)| a == id);
        if explicit && !theirs.iter().any(|(t, _)| t == id) {
            out.push(
                pair.structural(rules::ANCHOR_MISMATCH, span, format!("anchor #{id} is not in the source"))
                    .with_help("use the anchor of the source's heading"),
            );
        }
    }
}

fn shapes(pair: &Pair<'_>, out: &mut Vec<Diagnostic>) {
    let (sl, ol) = (&pair.source_outline.lists, &pair.outline.lists);
    let key = |l: &crate::markdown::outline::List| (l.ordered, l.items);
    if sl.iter().map(key).ne(ol.iter().map(key)) {
        let at = sl.iter().zip(ol.iter()).position(|(a, b)| key(a) != key(b));
        let message = match at {
            Some(i) => format!("list {} has {} items; the source's has {}", i + 1, ol[i].items, sl[i].items),
            None => format!("the source has {} lists, the translation {}", sl.len(), ol.len()),
        };
        let span =
            at.and_then(|i| ol.get(i)).or(ol.last()).map_or_else(|| pair.body_start(), |l| l.span.clone());
        out.push(pair.structural(rules::LIST_MISMATCH, &span, message));
    }
    let (st, ot) = (&pair.source_outline.tables, &pair.outline.tables);
    let key = |t: &crate::markdown::outline::Table| (t.columns, t.rows);
    if st.iter().map(key).ne(ot.iter().map(key)) {
        let at = st.iter().zip(ot.iter()).position(|(a, b)| key(a) != key(b));
        let message = match at {
            Some(i) => format!(
                "table {} has {} columns and {} rows; the source's has {} and {}",
                i + 1,
                ot[i].columns,
                ot[i].rows,
                st[i].columns,
                st[i].rows
            ),
            None => format!("the source has {} tables, the translation {}", st.len(), ot.len()),
        };
        let span =
            at.and_then(|i| ot.get(i)).or(ot.last()).map_or_else(|| pair.body_start(), |t| t.span.clone());
        out.push(pair.structural(rules::TABLE_MISMATCH, &span, message));
    }
}

fn alerts(pair: &Pair<'_>, out: &mut Vec<Diagnostic>) {
    let (sa, oa) = (&pair.source_outline.alerts, &pair.outline.alerts);
    if sa.iter().map(|a| a.kind).eq(oa.iter().map(|a| a.kind)) {
        return;
    }
    let at = sa.iter().zip(oa.iter()).position(|(a, b)| a.kind != b.kind).unwrap_or(sa.len().min(oa.len()));
    let list = |v: &[crate::markdown::outline::Alert]| {
        v.iter().map(|a| format!("[!{}]", a.kind)).collect::<Vec<_>>().join(", ")
    };
    let span = oa.get(at).map_or_else(
        || sa.get(at).map_or_else(|| pair.body_start(), |a| pair.aligned_block(&a.span)),
        |a| a.span.clone(),
    );
    out.push(
        pair.structural(
            rules::ALERT_MISMATCH,
            &span,
            format!(
                "alerts differ from the source: source {}, translation {}",
                or_none(&list(sa)),
                or_none(&list(oa))
            ),
        )
        .with_help("alert keywords stay in English: > [!NOTE], [!TIP], [!IMPORTANT], [!CAUTION], [!WARNING]"),
    );
}

fn or_none(s: &str) -> &str {
    if s.is_empty() {
        "none"
    } else {
        s
    }
}

fn first_line(s: &str) -> &str {
    s.lines().next().unwrap_or(s)
}

/// Text cut to a readable length for a message.
#[must_use]
pub fn clip(s: &str) -> String {
    const MAX: usize = 80;
    if s.chars().count() <= MAX {
        return s.to_string();
    }
    format!("{}…", s.chars().take(MAX).collect::<String>())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn urls_ignore_locale_segments() {
        assert_eq!(
            normalize_url("https://docs.microsoft.com/en-us/x/"),
            normalize_url("https://docs.microsoft.com/da-DK/x")
        );
        assert_eq!(
            normalize_url("https://s.com/a?ui=en-US&rs=en-US&ad=US"),
            normalize_url("https://s.com/a?ui=da-DK&rs=da-DK&ad=US")
        );
        assert_ne!(normalize_url("https://x.com/a"), normalize_url("https://x.com/b"));
    }

    #[test]
    fn multisets() {
        let (missing, extra) = multiset_diff(&["a", "b", "b", "c"], &["b", "c", "d"], |s| *s, |s| *s);
        assert_eq!(missing, [&"a", &"b"]);
        assert_eq!(extra, [&"d"]);
    }
}
