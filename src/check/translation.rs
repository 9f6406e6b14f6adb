//! Which translations exist and which source version they were made from:
//! `missing-translation`, `orphaned-translation`, `stale-translation`,
//! `untracked-translation`.

use crate::content::{Article, Project};
use crate::diagnostic::Diagnostic;
use crate::rules;
use rayon::prelude::*;

/// Checks every locale against the source locale's articles.
#[must_use]
pub fn check(project: &Project) -> Vec<Diagnostic> {
    // Locale by locale in parallel; collected in locale order.
    let translated: Vec<&crate::content::Locale> =
        project.locales.iter().filter(|l| l.tag != project.source).collect();
    translated.par_iter().flat_map_iter(|locale| check_locale(project, locale)).collect()
}

/// Checks one locale against the source locale's articles.
fn check_locale(project: &Project, locale: &crate::content::Locale) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    let key = &project.config.content.fingerprint_key;
    let articles = project.articles.get(&locale.tag);
    for (rel, source) in project.sources() {
        if articles.is_some_and(|a| a.contains_key(rel)) {
            continue;
        }
        let dir = locale
            .dir
            .as_ref()
            .map_or_else(|| format!("content/{}", locale.tag), |d| d.display().to_string());
        out.push(
            Diagnostic::new(
                rules::MISSING_TRANSLATION,
                &source.path,
                title_span(source),
                format!("not translated into {} yet", locale.tag),
            )
            .in_locale(&locale.tag)
            .with_help(format!(
                "translate it as {dir}/{rel}; until then the {} site shows this article",
                locale.tag
            )),
        );
    }
    for (rel, translation) in articles.into_iter().flatten() {
        let Some(source) = project.sources().get(rel) else {
            out.push(
                Diagnostic::new(
                    rules::ORPHANED_TRANSLATION,
                    &translation.path,
                    title_span(translation),
                    format!(
                        "no source article {}/{rel}: this translation is not published",
                        source_dir(project)
                    ),
                )
                .in_locale(&locale.tag)
                .with_help("move it to the path of its source article, or delete it"),
            );
            continue;
        };
        match translation.front.text(key) {
            None => out.push(
                Diagnostic::new(
                    rules::UNTRACKED_TRANSLATION,
                    &translation.path,
                    title_span(translation),
                    format!("records no source fingerprint (`{key}`): nobody can tell whether it is current"),
                )
                .in_locale(&locale.tag)
                .with_help(format!(
                    "if it matches the current source, record that with `tolk stamp {}`",
                    translation.path.display()
                )),
            ),
            Some(recorded) if !source.has_fingerprint(recorded) => {
                let current = source.current_fingerprint();
                let span = translation.front.span(key).unwrap_or_else(|| title_span(translation));
                out.push(
                    Diagnostic::new(
                        rules::STALE_TRANSLATION,
                        &translation.path,
                        span,
                        format!(
                            "translated from an older version of {}: recorded {}, current source is {}",
                            source.path.display(),
                            short(recorded),
                            short(&current)
                        ),
                    )
                    .in_locale(&locale.tag)
                    .with_help(format!(
                        "update the translation, then run `tolk stamp {}`",
                        translation.path.display()
                    )),
                );
            }
            Some(_) => {}
        }
    }
    out
}

fn short(hash: &str) -> &str {
    hash.get(..12).unwrap_or(hash)
}

fn source_dir(project: &Project) -> String {
    project
        .locales
        .first()
        .and_then(|l| l.dir.as_ref())
        .map_or_else(|| format!("content/{}", project.source), |d| d.display().to_string())
}

/// The `title:` line, else the first line of the file.
pub fn title_span(article: &Article) -> std::ops::Range<usize> {
    article.front.span("title").unwrap_or_else(|| {
        let text = article.text();
        0..text.find('\n').unwrap_or(text.len())
    })
}
