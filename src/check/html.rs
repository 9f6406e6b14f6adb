//! `html-mismatch`: raw HTML (and script URLs) a translation has and its
//! source does not. Never capped by staleness: whatever the source did, a
//! translation must not bring its own markup to the site.

use super::structure::multiset_diff;
use super::Pair;
use crate::diagnostic::{Diagnostic, Severity};
use crate::markdown::outline::HtmlTag;
use crate::rules;

/// Elements that run code, load content or change the page around them.
const DANGEROUS: &[&str] = &[
    "script", "iframe", "frame", "frameset", "object", "embed", "applet", "style", "link", "meta", "base",
    "form", "input", "button", "textarea", "select", "svg", "math", "template", "noscript",
];

/// Inline formatting that is harmless but still not the translator's to add.
const BENIGN: &[&str] =
    &["br", "b", "i", "em", "strong", "sup", "sub", "u", "code", "kbd", "span", "p", "wbr", "nobr"];

/// Compares the translation's raw HTML with its source's.
pub fn check(pair: &Pair<'_>, out: &mut Vec<Diagnostic>) {
    let key = |t: &HtmlTag| {
        let mut names: Vec<&str> = t.attrs.iter().map(|(k, _)| k.as_str()).collect();
        names.sort_unstable();
        (t.name.clone(), names.join(" "))
    };
    let ours: Vec<&HtmlTag> = pair.outline.html.iter().filter(|t| !is_anchor(t)).collect();
    let theirs: Vec<&HtmlTag> = pair.source_outline.html.iter().filter(|t| !is_anchor(t)).collect();
    let (_, extra) = multiset_diff(&theirs, &ours, |t| key(t), |t| key(t));
    for tag in extra {
        let attrs: String = tag.attrs.iter().fold(String::new(), |acc, (k, _)| acc + " " + k);
        let danger = danger(tag);
        let message = match &danger {
            Some(why) => {
                format!("<{}{attrs}> is not in the source and {why}: it must not reach the site", tag.name)
            }
            None => format!("<{}{attrs}> is not in the source", tag.name),
        };
        let mut d = pair
            .at_body(rules::HTML_MISMATCH, &tag.span, message)
            .with_help("remove it; raw HTML in a translation must also be in its source");
        if danger.is_none() && BENIGN.contains(&tag.name.as_str()) {
            d.severity = Severity::Warning;
        }
        out.push(d);
    }
    let script_url = |dest: &str| {
        let d = dest.trim().to_ascii_lowercase();
        d.starts_with("javascript:") || d.starts_with("vbscript:") || d.starts_with("data:text/html")
    };
    for target in pair.outline.links.iter().chain(&pair.outline.images).filter(|t| script_url(&t.dest)) {
        let in_source = pair
            .source_outline
            .links
            .iter()
            .chain(&pair.source_outline.images)
            .any(|s| s.dest.trim() == target.dest.trim());
        if !in_source {
            out.push(
                pair.at_body(
                    rules::HTML_MISMATCH,
                    &target.span,
                    format!(
                        "link to a script URL ({}) that the source does not have",
                        super::structure::clip(&target.dest)
                    ),
                )
                .with_help("remove it: a script URL runs code when clicked"),
            );
        }
    }
}

/// `<a name="x">` / `<a id="x">`: heading anchors, compared by `anchor-mismatch`.
fn is_anchor(t: &HtmlTag) -> bool {
    t.name == "a" && !t.attrs.is_empty() && t.attrs.iter().all(|(k, _)| k == "name" || k == "id")
}

fn danger(t: &HtmlTag) -> Option<String> {
    if DANGEROUS.contains(&t.name.as_str()) {
        return Some(format!("<{}> can run code or load content", t.name));
    }
    if let Some((k, _)) = t.attrs.iter().find(|(k, _)| k.starts_with("on")) {
        return Some(format!("the {k} handler runs code"));
    }
    t.attrs
        .iter()
        .find(|(_, v)| {
            let v = v.trim().to_ascii_lowercase();
            v.starts_with("javascript:") || v.starts_with("vbscript:") || v.starts_with("data:text/html")
        })
        .map(|(k, _)| format!("its {k} is a script URL"))
}
