//! Loading Fluent files into one bundle per locale, and the fallback chain
//! a message is looked up through (`nb-NO` → `nb` → source locale → the
//! strings built into tolk).

use crate::content::locale;
use crate::diagnostic::Diagnostic;
use crate::rules;
use fluent::concurrent::FluentBundle;
use fluent::{FluentArgs, FluentResource};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use unic_langid::LanguageIdentifier;

/// Folder under the project root that holds `locales/<locale>/*.ftl`.
pub const LOCALES_DIR: &str = "locales";

/// Built-in English chrome strings, the last link of every chain.
const BUILTIN: &str = include_str!("../render/theme/en-US.ftl");

type Bundle = FluentBundle<FluentResource>;

/// Every locale's messages and fallback chain.
pub struct Localizer {
    bundles: BTreeMap<String, Arc<Bundle>>,
    chains: BTreeMap<String, Vec<Arc<Bundle>>>,
    builtin: Arc<Bundle>,
}

impl std::fmt::Debug for Localizer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Localizer")
            .field("locales", &self.bundles.keys().collect::<Vec<_>>())
            .finish_non_exhaustive()
    }
}

impl Localizer {
    /// Loads `locales/*/*.ftl` under `root` and builds a chain for each of
    /// `site_locales`; syntax errors become `ftl-syntax` findings.
    #[must_use]
    pub fn load(
        root: &Path,
        site_locales: &[String],
        source: &str,
        max_file_size: u64,
    ) -> (Self, Vec<Diagnostic>) {
        let mut findings = Vec::new();
        let mut bundles = BTreeMap::new();
        for (tag, files) in ftl_files(root) {
            let mut bundle = new_bundle(&tag);
            for path in files {
                if let Some(resource) = read(root, &path, &tag, max_file_size, &mut findings) {
                    bundle.add_resource_overriding(resource);
                }
            }
            bundles.insert(tag, Arc::new(bundle));
        }
        let builtin = {
            let mut b = new_bundle("en-US");
            let resource = FluentResource::try_new(BUILTIN.to_string()).unwrap_or_else(|(r, _)| r);
            b.add_resource_overriding(resource);
            Arc::new(b)
        };
        let chains = site_locales
            .iter()
            .map(|tag| {
                let mut names = vec![tag.clone()];
                names.extend(locale::parent(tag));
                names.push(source.to_string());
                names.extend(locale::parent(source));
                let mut chain: Vec<Arc<Bundle>> = Vec::new();
                for name in names {
                    if let Some(b) = bundles.get(&name) {
                        if !chain.iter().any(|c| Arc::ptr_eq(c, b)) {
                            chain.push(Arc::clone(b));
                        }
                    }
                }
                (tag.clone(), chain)
            })
            .collect();
        (Self { bundles, chains, builtin }, findings)
    }

    /// Formats message `id` (or `id.attribute`) for `locale`, walking the
    /// fallback chain; `None` when no link of the chain has it.
    #[must_use]
    pub fn format(&self, locale: &str, id: &str, args: Option<&FluentArgs<'_>>) -> Option<String> {
        let (message_id, attribute) = id.split_once('.').map_or((id, None), |(m, a)| (m, Some(a)));
        let chain = self.chains.get(locale).map(Vec::as_slice).unwrap_or_default();
        chain.iter().chain(std::iter::once(&self.builtin)).find_map(|bundle| {
            let message = bundle.get_message(message_id)?;
            let pattern = match attribute {
                Some(a) => message.get_attribute(a)?.value(),
                None => message.value()?,
            };
            let mut errors = Vec::new();
            let text = bundle.format_pattern(pattern, args, &mut errors);
            errors.is_empty().then(|| text.into_owned())
        })
    }

    /// Like [`Localizer::format`], with the message id itself as the last resort.
    #[must_use]
    pub fn text(&self, locale: &str, id: &str) -> String {
        self.format(locale, id, None).unwrap_or_else(|| id.to_string())
    }

    /// The message `id` in `locale`'s own files only (no fallback), e.g. a
    /// language's name for itself.
    #[must_use]
    pub fn own(&self, locale: &str, id: &str) -> Option<String> {
        let bundle = self.bundles.get(locale)?;
        let pattern = bundle.get_message(id)?.value()?;
        let mut errors = Vec::new();
        Some(bundle.format_pattern(pattern, None, &mut errors).into_owned())
    }
}

fn new_bundle(tag: &str) -> Bundle {
    let id: LanguageIdentifier = tag.parse().unwrap_or_default();
    let mut bundle = Bundle::new_concurrent(vec![id]);
    // Unicode isolation marks would end up as invisible characters in HTML
    // attributes; the page's `dir` attribute does that job.
    bundle.set_use_isolating(false);
    bundle
}

fn read(
    root: &Path,
    path: &Path,
    tag: &str,
    max: u64,
    findings: &mut Vec<Diagnostic>,
) -> Option<FluentResource> {
    let bytes = read_limited(root, path, tag, max, findings)?;
    let Ok(text) = String::from_utf8(bytes) else {
        findings.push(
            Diagnostic::new(
                rules::INVALID_ENCODING,
                path,
                0..0,
                "this Fluent file is not UTF-8; it is not used",
            )
            .in_locale(tag),
        );
        return None;
    };
    let text = match super::parsable(&text) {
        std::borrow::Cow::Borrowed(_) => text,
        std::borrow::Cow::Owned(safe) => safe,
    };
    match FluentResource::try_new(text) {
        Ok(r) => Some(r),
        Err((r, errors)) => {
            for e in errors {
                findings.push(
                    Diagnostic::new(
                        rules::FTL_SYNTAX,
                        path,
                        e.pos.clone(),
                        format!("Fluent syntax error: {}", e.kind),
                    )
                    .in_locale(tag)
                    .with_help("the entry is skipped; pages show the fallback locale's string"),
                );
            }
            Some(r)
        }
    }
}

/// A Fluent file's bytes, if it is at most `max` bytes; a larger or
/// unreadable one becomes a finding.
pub fn read_limited(
    root: &Path,
    path: &Path,
    tag: &str,
    max: u64,
    findings: &mut Vec<Diagnostic>,
) -> Option<Vec<u8>> {
    match crate::content::limits::read(&root.join(path), max) {
        crate::content::limits::Read::Bytes(b) => Some(b),
        crate::content::limits::Read::TooLarge(size) => {
            let message = format!(
                "the file is {size} bytes, over the limit of {max} ([content] max_file_size); it is not used"
            );
            findings.push(Diagnostic::new(rules::LIMIT_EXCEEDED, path, 0..0, message).in_locale(tag));
            None
        }
        crate::content::limits::Read::Failed(e) => {
            findings.push(
                Diagnostic::new(
                    rules::UNREADABLE_FILE,
                    path,
                    0..0,
                    format!("cannot read this Fluent file: {e}"),
                )
                .in_locale(tag),
            );
            None
        }
    }
}

/// `locales/<tag>/*.ftl`, by canonical tag, sorted.
#[must_use]
pub fn ftl_files(root: &Path) -> BTreeMap<String, Vec<PathBuf>> {
    let mut out: BTreeMap<String, Vec<PathBuf>> = BTreeMap::new();
    let Ok(dirs) = std::fs::read_dir(root.join(LOCALES_DIR)) else {
        return out;
    };
    for dir in dirs.filter_map(Result::ok) {
        let name = dir.file_name().to_string_lossy().into_owned();
        let Ok(tag) = locale::canonical(&name) else {
            continue;
        };
        let Ok(files) = std::fs::read_dir(dir.path()) else {
            continue;
        };
        let mut ftl: Vec<PathBuf> = files
            .filter_map(Result::ok)
            .map(|f| f.file_name().to_string_lossy().into_owned())
            .filter(|f| f.ends_with(".ftl"))
            .map(|f| Path::new(LOCALES_DIR).join(&name).join(f))
            .collect();
        ftl.sort();
        out.entry(tag).or_default().extend(ftl);
    }
    out
}
