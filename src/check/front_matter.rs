//! Front matter against the folder and the source: `locale-mismatch`,
//! `front-matter-changed`.

use super::Pair;
use crate::content::front_matter::Value;
use crate::content::locale;
use crate::diagnostic::Diagnostic;
use crate::rules;

/// Checks one translation's front matter.
pub fn check(pair: &Pair<'_>, protected: &[String], out: &mut Vec<Diagnostic>) {
    let t = &pair.translation.front;
    if let Some(declared) = t.text("ms.contentlocale") {
        let same = locale::canonical(declared).is_ok_and(|c| c == pair.locale);
        if !same {
            let span = t.span("ms.contentlocale").unwrap_or(0..0);
            out.push(
                pair.at_file(
                    rules::LOCALE_MISMATCH,
                    span,
                    format!("ms.contentlocale is {declared}, but the file is in the {} folder", pair.locale),
                )
                .with_help(format!(
                    "move the file to the {declared} folder, or set `ms.contentlocale: {}`",
                    pair.locale
                )),
            );
        }
    }
    let s = &pair.source.front;
    for key in protected {
        let (ours, theirs) = (t.get(key), s.get(key));
        if ours == theirs {
            continue;
        }
        let message = match (theirs, ours) {
            (Some(v), None) => format!("`{key}` is missing; the source has `{key}: {}`", show(v)),
            (None, Some(v)) => {
                format!("`{key}: {}` is not in the source; publishing keys are not translated", show(v))
            }
            (Some(src), Some(v)) => format!("`{key}` is `{}` but the source has `{}`", show(v), show(src)),
            (None, None) => continue,
        };
        let span = t.span(key).or_else(|| t.span("title")).unwrap_or(0..0);
        let mut d = pair
            .at_file(rules::FRONT_MATTER_CHANGED, span, message)
            .with_help("copy the source's value: publishing metadata is the same in every locale");
        d.capped = pair.stale;
        out.push(d);
    }
}

fn show(v: &Value) -> String {
    match v {
        Value::List(items) => format!("[{}]", items.join(", ")),
        other => other.to_text(),
    }
}
