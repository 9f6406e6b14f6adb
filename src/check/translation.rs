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

/// The findings of article `rel` in every locale but the source, as
/// [`check`] makes them: what a rebuild after an edit to that article in
/// any locale (the source included) needs again.
#[must_use]
pub fn check_article(project: &Project, rel: &str) -> Vec<Diagnostic> {
    let translated = project.locales.iter().filter(|l| l.tag != project.source);
    translated
        .filter_map(|locale| match project.article(&locale.tag, rel) {
            Some(translation) => translated_one(project, locale, translation),
            None => project.sources().get(rel).map(|source| missing(locale, rel, source)),
        })
        .collect()
}

/// Checks one locale against the source locale's articles.
fn check_locale(project: &Project, locale: &crate::content::Locale) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    let articles = project.articles.get(&locale.tag);
    for (rel, source) in project.sources() {
        if !articles.is_some_and(|a| a.contains_key(rel)) {
            out.push(missing(locale, rel, source));
        }
    }
    for translation in articles.into_iter().flat_map(|a| a.values()) {
        out.extend(translated_one(project, locale, translation));
    }
    out
}

/// `missing-translation` of source article `rel` in `locale`.
fn missing(locale: &crate::content::Locale, rel: &str, source: &Article) -> Diagnostic {
    let dir =
        locale.dir.as_ref().map_or_else(|| format!("content/{}", locale.tag), |d| d.display().to_string());
    Diagnostic::new(
        rules::MISSING_TRANSLATION,
        &source.path,
        title_span(source),
        format!("not translated into {} yet", locale.tag),
    )
    .in_locale(&locale.tag)
    .with_help(format!("translate it as {dir}/{rel}; until then the {} site shows this article", locale.tag))
}

/// What is wrong with one translation's place or source version, if anything.
fn translated_one(
    project: &Project,
    locale: &crate::content::Locale,
    translation: &Article,
) -> Option<Diagnostic> {
    let key = &project.config.content.fingerprint_key;
    let rel = &translation.rel;
    let Some(source) = project.sources().get(rel) else {
        return Some(
            Diagnostic::new(
                rules::ORPHANED_TRANSLATION,
                &translation.path,
                title_span(translation),
                format!("no source article {}/{rel}: this translation is not published", source_dir(project)),
            )
            .in_locale(&locale.tag)
            .with_help("move it to the path of its source article, or delete it"),
        );
    };
    match translation.front.text(key) {
        None => Some(
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
            Some(
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
            )
        }
        Some(_) => None,
    }
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
