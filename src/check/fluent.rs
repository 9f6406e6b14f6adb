//! Fluent files against the source locale's files of the same name:
//! `ftl-syntax`, `ftl-missing-message`, `ftl-obsolete-message`,
//! `ftl-missing-attribute`, `ftl-obsolete-attribute`, `ftl-duplicate-id`,
//! `ftl-empty-value`, `ftl-unknown-reference`, `ftl-variable-mismatch`,
//! `ftl-plural-categories`.

use crate::content::{locale, Project};
use crate::diagnostic::Diagnostic;
use crate::l10n::outline::{self, Entry, Outline};
use crate::l10n::{ftl_files, read_limited, LOCALES_DIR};
use crate::rules;
use intl_pluralrules::{PluralCategory, PluralRuleType, PluralRules};
use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::path::PathBuf;

struct File {
    path: PathBuf,
    name: String,
    outline: Outline,
}

/// Checks every locale's Fluent files.
#[must_use]
pub fn check(project: &Project) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    let max = project.config.content.max_file_size;
    let mut locales: BTreeMap<String, Vec<File>> = BTreeMap::new();
    for (tag, paths) in ftl_files(&project.root) {
        let mut files = Vec::new();
        for path in paths {
            let Some(bytes) = read_limited(&project.root, &path, &tag, max, &mut out) else { continue };
            let Ok(text) = String::from_utf8(bytes) else {
                let d = Diagnostic::new(
                    rules::INVALID_ENCODING,
                    &path,
                    0..0,
                    "this Fluent file is not UTF-8; it is not used",
                );
                out.push(d.in_locale(&tag));
                continue;
            };
            let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
            files.push(File { outline: outline::extract(&text), path, name });
        }
        locales.insert(tag, files);
    }
    for (tag, files) in &locales {
        own(tag, files, &locales, &project.source, &mut out);
        if *tag != project.source {
            if let Some(source_files) = locales.get(&project.source) {
                against_source(tag, files, source_files, &project.source, &mut out);
            }
        }
    }
    out
}

/// Checks that need only the locale and its fallbacks.
fn own(
    tag: &str,
    files: &[File],
    all: &BTreeMap<String, Vec<File>>,
    source: &str,
    out: &mut Vec<Diagnostic>,
) {
    let mut defined: HashMap<&str, &PathBuf> = HashMap::new();
    let mut known: BTreeSet<&str> = BTreeSet::new();
    for chain in [Some(tag.to_string()), locale::parent(tag), Some(source.to_string())].into_iter().flatten()
    {
        for f in all.get(&chain).into_iter().flatten() {
            known.extend(f.outline.entries.iter().map(|e| e.id.as_str()));
        }
    }
    let categories = plural_categories(tag);
    for f in files {
        for e in &f.outline.errors {
            out.push(
                Diagnostic::new(
                    rules::FTL_SYNTAX,
                    &f.path,
                    e.span.clone(),
                    format!("Fluent syntax error: {}", e.message),
                )
                .in_locale(tag)
                .with_help("the entry is skipped; pages show the fallback locale's string"),
            );
        }
        for e in &f.outline.entries {
            if let Some(first) = defined.insert(e.id.as_str(), &f.path) {
                out.push(
                    at(
                        f,
                        e,
                        tag,
                        rules::FTL_DUPLICATE_ID,
                        format!("`{}` is already defined in {}", e.id, first.display()),
                    )
                    .with_help("keep one definition"),
                );
            }
            if e.empty {
                out.push(
                    at(f, e, tag, rules::FTL_EMPTY_VALUE, format!("`{}` has an empty value", e.id))
                        .with_help("translate it, or delete it to fall back"),
                );
            }
            for r in e.references.iter().filter(|r| !known.contains(r.as_str())) {
                let kind = if r.starts_with('-') { "term" } else { "message" };
                out.push(
                    at(
                        f,
                        e,
                        tag,
                        rules::FTL_UNKNOWN_REFERENCE,
                        format!(
                            "`{}` references {kind} `{r}`, which is defined neither here nor in a fallback",
                            e.id
                        ),
                    )
                    .with_help("correct the id, or define it"),
                );
            }
            if let Some(needed) = &categories {
                for s in e.selects.iter().filter(|s| s.numeric) {
                    let missing: Vec<&str> =
                        needed.iter().copied().filter(|c| !s.keys.iter().any(|k| k == c)).collect();
                    if !missing.is_empty() {
                        out.push(
                            at(
                                f,
                                e,
                                tag,
                                rules::FTL_PLURAL_CATEGORIES,
                                format!(
                                    "`{}` selects on a number but has no variant for {} ({tag} needs {})",
                                    e.id,
                                    missing.join(", "),
                                    needed.join(", ")
                                ),
                            )
                            .with_help(format!("add [{}] variants", missing.join("], ["))),
                        );
                    }
                }
            }
        }
    }
}

/// Messages, attributes and variables against the source locale's file of the same name.
fn against_source(tag: &str, files: &[File], source_files: &[File], source: &str, out: &mut Vec<Diagnostic>) {
    for sf in source_files {
        let Some(f) = files.iter().find(|f| f.name == sf.name) else {
            let count = sf.outline.entries.iter().filter(|e| !e.id.starts_with('-')).count();
            out.push(
                Diagnostic::new(
                    rules::FTL_MISSING_MESSAGE,
                    &sf.path,
                    0..0,
                    format!("{LOCALES_DIR}/{tag}/{} does not exist: its {count} messages fall back", sf.name),
                )
                .in_locale(tag)
                .with_help(format!(
                    "translate {} into {LOCALES_DIR}/{tag}/{}",
                    sf.path.display(),
                    sf.name
                )),
            );
            continue;
        };
        compare_file(tag, f, sf, source, out);
    }
}

/// One translation file against the source's file of the same name.
fn compare_file(tag: &str, f: &File, sf: &File, source: &str, out: &mut Vec<Diagnostic>) {
    let ours: HashMap<&str, &Entry> = f.outline.entries.iter().map(|e| (e.id.as_str(), e)).collect();
    let theirs: HashMap<&str, &Entry> = sf.outline.entries.iter().map(|e| (e.id.as_str(), e)).collect();
    for se in &sf.outline.entries {
        let Some(e) = ours.get(se.id.as_str()) else {
            if !se.id.starts_with('-') {
                out.push(
                    Diagnostic::new(
                        rules::FTL_MISSING_MESSAGE,
                        &f.path,
                        0..0,
                        format!("message `{}` is missing; pages show the {source} text", se.id),
                    )
                    .in_locale(tag)
                    .with_help(format!(
                        "translate `{}` from {}",
                        se.id,
                        sf.path.display()
                    )),
                );
            }
            continue;
        };
        for a in se.attributes.iter().filter(|a| !e.attributes.contains(a)) {
            out.push(
                at(
                    f,
                    e,
                    tag,
                    rules::FTL_MISSING_ATTRIBUTE,
                    format!("`{}` has no .{a} attribute; the source's has", e.id),
                )
                .with_help(format!("translate `{}.{a}`", e.id)),
            );
        }
        for a in e.attributes.iter().filter(|a| !se.attributes.contains(a)) {
            out.push(
                at(f, e, tag, rules::FTL_OBSOLETE_ATTRIBUTE, format!("`{}.{a}` is not in the source", e.id))
                    .with_help("delete it"),
            );
        }
        if e.variables != se.variables && !e.id.starts_with('-') {
            let show = |v: &BTreeSet<String>| {
                if v.is_empty() {
                    "none".to_string()
                } else {
                    v.iter().map(|x| format!("${x}")).collect::<Vec<_>>().join(", ")
                }
            };
            out.push(
                at(
                    f,
                    e,
                    tag,
                    rules::FTL_VARIABLE_MISMATCH,
                    format!(
                        "`{}` uses {}; the source uses {}",
                        e.id,
                        show(&e.variables),
                        show(&se.variables)
                    ),
                )
                .with_help("use the source's variable names: the site passes only those"),
            );
        }
    }
    for e in
        f.outline.entries.iter().filter(|e| !theirs.contains_key(e.id.as_str()) && !e.id.starts_with('-'))
    {
        out.push(
            at(f, e, tag, rules::FTL_OBSOLETE_MESSAGE, format!("`{}` is not in {}", e.id, sf.path.display()))
                .with_help("delete it, or rename it as the source did"),
        );
    }
}

fn at(f: &File, e: &Entry, tag: &str, rule: &'static str, message: String) -> Diagnostic {
    Diagnostic::new(rule, &f.path, e.span.clone(), message).in_locale(tag)
}

/// The CLDR cardinal categories whole numbers need in `tag`, `other` last.
fn plural_categories(tag: &str) -> Option<Vec<&'static str>> {
    let rules = [tag.to_string()].into_iter().chain(locale::parent(tag)).find_map(|t| {
        PluralRules::create(t.parse::<unic_langid::LanguageIdentifier>().ok()?, PluralRuleType::CARDINAL).ok()
    })?;
    let mut found: Vec<PluralCategory> = Vec::new();
    for n in 0..=200u32 {
        if let Ok(c) = rules.select(n) {
            if !found.contains(&c) {
                found.push(c);
            }
        }
    }
    let order = [
        (PluralCategory::ZERO, "zero"),
        (PluralCategory::ONE, "one"),
        (PluralCategory::TWO, "two"),
        (PluralCategory::FEW, "few"),
        (PluralCategory::MANY, "many"),
        (PluralCategory::OTHER, "other"),
    ];
    Some(order.iter().filter(|(c, _)| found.contains(c)).map(|(_, n)| *n).collect())
}

#[cfg(test)]
mod tests {
    use super::plural_categories;

    #[test]
    fn cldr_categories() {
        assert_eq!(plural_categories("sl-SI").unwrap(), ["one", "two", "few", "other"]);
        assert_eq!(plural_categories("da-DK").unwrap(), ["one", "other"]);
        assert_eq!(plural_categories("ar-SA").unwrap(), ["zero", "one", "two", "few", "many", "other"]);
        assert_eq!(plural_categories("ja-JP").unwrap(), ["other"]);
    }
}
