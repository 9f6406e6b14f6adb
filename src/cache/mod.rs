//! The incremental build cache: for each page, each checked article and
//! each other generated file, the key of the inputs it was made from and
//! what it produced; for each output file, its hash, size and modification
//! time; and, in a file of its own (`<output name>.fronts`), the parsed
//! front matter of every article.
//!
//! It lives beside the output (`<parent>/.tolk-cache/<output name>.bin`,
//! postcard-encoded: a compact binary serde format that reads a
//! 100,000-page cache several times faster than JSON),
//! is written only after a build has fully landed, and is safe to delete: a
//! missing, unreadable or foreign cache means a full build. It is never
//! trusted blindly: a change of tolk's version, `book.toml`, a template, a
//! Fluent file, an include or the set of files ([`key::global`]) discards
//! all of it, and an output file whose size or modification time is not the
//! recorded one is written again.

pub mod key;
pub mod snapshot;

use crate::content::front_matter::FrontMatter;
use crate::content::Project;
use crate::diagnostic::{Diagnostic, Severity};
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};

/// Bumped when the layout of the cache file changes.
pub const FORMAT: u32 = 3;

/// Everything the previous build left for the next one.
#[derive(Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Cache {
    /// [`FORMAT`] of the writer.
    pub format: u32,
    /// Version of the tolk that wrote it.
    pub tolk: String,
    /// [`key::global`] of the build that wrote it.
    pub global: String,
    /// Every file of the output, by path relative to the output.
    pub files: HashMap<String, Written>,
    /// Every article page, by output path.
    pub pages: HashMap<String, PageRecord>,
    /// Every checked article, by path relative to the project root.
    pub checks: HashMap<String, CheckRecord>,
}

/// The parsed front matter of every article, by path relative to the
/// project root, with the key of the front matter block it was parsed from:
/// an article whose front matter did not change is not parsed again. Kept
/// in a file of its own (`<name>.fronts`), rewritten only when some front
/// matter was parsed anew; every entry is checked against its key, so it
/// stays usable whatever happened to the rest of the cache.
pub type FrontRecords = HashMap<String, (String, FrontMatter)>;

/// An output file as it was written.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Written {
    /// [`key::of`] its bytes.
    pub hash: String,
    /// Its size.
    pub len: u64,
    /// Its modification time, in nanoseconds since the epoch.
    pub mtime: u128,
}

impl Written {
    /// Whether the file at `path` still looks as recorded.
    #[must_use]
    pub fn intact(&self, path: &Path) -> bool {
        std::fs::metadata(path).is_ok_and(|m| m.len() == self.len && mtime(&m) == self.mtime)
    }
}

/// The modification time of a file, in nanoseconds since the epoch.
#[must_use]
pub fn mtime(meta: &std::fs::Metadata) -> u128 {
    meta.modified()
        .ok()
        .and_then(|t| t.duration_since(std::time::UNIX_EPOCH).ok())
        .map_or(0, |d| d.as_nanos())
}

/// One article page of the previous build.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PageRecord {
    /// Key of its inputs.
    pub key: String,
    /// Findings made while rendering it.
    pub findings: Vec<Finding>,
    /// Its address for the sitemap, when it is listed there.
    pub sitemap: Option<String>,
}

/// The checks of one article in the previous build.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CheckRecord {
    /// Key of its inputs (the article, and its source for a translation).
    pub key: String,
    /// Other articles the findings depend on (link targets with an anchor),
    /// with the key of their text then.
    pub deps: Vec<(String, String)>,
    /// What the checks found.
    pub findings: Vec<Finding>,
}

/// A stored [`Diagnostic`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Finding {
    rule: String,
    severity: Severity,
    path: PathBuf,
    span: (usize, usize),
    locale: Option<String>,
    message: String,
    help: Option<String>,
    capped: bool,
}

impl From<&Diagnostic> for Finding {
    fn from(d: &Diagnostic) -> Self {
        Self {
            rule: d.rule.to_string(),
            severity: d.severity,
            path: d.path.clone(),
            span: (d.span.start, d.span.end),
            locale: d.locale.clone(),
            message: d.message.clone(),
            help: d.help.clone(),
            capped: d.capped,
        }
    }
}

impl Finding {
    /// Stores findings.
    #[must_use]
    pub fn store(findings: &[Diagnostic]) -> Vec<Self> {
        findings.iter().map(Self::from).collect()
    }

    /// The findings again; `None` if a rule is no longer known.
    #[must_use]
    pub fn restore(stored: &[Self]) -> Option<Vec<Diagnostic>> {
        stored
            .iter()
            .map(|f| {
                let rule = crate::rules::ALL.iter().find(|r| r.name == f.rule)?.name;
                Some(Diagnostic {
                    rule,
                    severity: f.severity,
                    path: f.path.clone(),
                    span: f.span.0..f.span.1,
                    locale: f.locale.clone(),
                    message: f.message.clone(),
                    help: f.help.clone(),
                    capped: f.capped,
                })
            })
            .collect()
    }
}

/// Where the front matter records of the site at `out` live.
fn fronts_location(out: &Path) -> PathBuf {
    location(out).with_extension("fronts")
}

/// Where the cache of the site at `out` lives.
#[must_use]
pub fn location(out: &Path) -> PathBuf {
    let parent = out.parent().unwrap_or(Path::new("."));
    let name = out.file_name().map_or_else(|| "site".into(), |n| n.to_string_lossy().into_owned());
    parent.join(".tolk-cache").join(format!("{name}.bin"))
}

impl Cache {
    /// The cache of the site at `out`, if there is one that this version
    /// of tolk wrote and the output still exists. Whether its records apply
    /// is for its [`Cache::global`] key to say.
    #[must_use]
    pub fn read(out: &Path) -> Option<Self> {
        if !out.is_dir() {
            return None;
        }
        let bytes = std::fs::read(location(out)).ok()?;
        let cache: Self = postcard::from_bytes(&bytes).ok()?;
        (cache.format == FORMAT && cache.tolk == env!("CARGO_PKG_VERSION")).then_some(cache)
    }

    /// The front matter recorded beside the site at `out` (none if there
    /// is no usable record), for [`Fronts::take`] to hand out as articles
    /// are loaded.
    #[must_use]
    pub fn read_fronts(out: &Path) -> Fronts {
        let stored: Option<(u32, String, FrontRecords)> =
            std::fs::read(fronts_location(out)).ok().and_then(|b| postcard::from_bytes(&b).ok());
        let records = stored
            .filter(|(format, tolk, _)| *format == FORMAT && tolk == env!("CARGO_PKG_VERSION"))
            .map(|(_, _, records)| records)
            .unwrap_or_default();
        Fronts(std::sync::Mutex::new(records))
    }

    /// Records the front matter of the articles beside the site at `out`.
    pub fn save_fronts(out: &Path, records: &FrontRecords) {
        write_atomically(&(FORMAT, env!("CARGO_PKG_VERSION"), records), &fronts_location(out));
    }

    /// The front matter of every article of `project`, except those whose
    /// front matter did not parse (`findings` say which): those are parsed
    /// again, to be reported again. The rest of the project is dropped off
    /// the calling thread.
    #[must_use]
    pub fn fronts_of(project: Project, findings: &[Diagnostic]) -> FrontRecords {
        let broken: std::collections::HashSet<&Path> = findings
            .iter()
            .filter(|d| d.rule == crate::rules::INVALID_FRONT_MATTER)
            .map(|d| d.path.as_path())
            .collect();
        let mut texts = Vec::new();
        let fronts = project
            .articles
            .into_values()
            .flat_map(BTreeMap::into_values)
            .filter(|a| !broken.contains(a.path.as_path()))
            .map(|a| {
                let entry = (crate::content::resolve::path_string(&a.path), (front_key(&a.text), a.front));
                texts.push(a.text);
                entry
            })
            .collect();
        drop_later(texts);
        fronts
    }

    /// Writes the cache of the site at `out` (temporary file, then rename).
    /// A cache that cannot be written only costs the next build its speed.
    pub fn save(&self, out: &Path) {
        write_atomically(self, &location(out));
    }

    /// Removes the cache of the site at `out`.
    pub fn remove(out: &Path) {
        let _ = std::fs::remove_file(location(out));
    }
}

/// The parsed front matter a cache recorded, by article path, handed out
/// (moved, not copied) as articles are loaded.
pub struct Fronts(std::sync::Mutex<FrontRecords>);

impl Fronts {
    /// The front matter recorded for the article at `path`, if its front
    /// matter block is still the one it was parsed from.
    #[must_use]
    pub fn take(&self, path: &Path, text: &str) -> Option<FrontMatter> {
        let path = crate::content::resolve::path_string(path);
        let (hash, front) = self.0.lock().ok()?.remove(&path)?;
        (hash == front_key(text)).then_some(front)
    }
}

/// What an article's parsed front matter depends on: where its YAML block
/// starts and the block itself (an edit of the body does not change it).
fn front_key(text: &str) -> String {
    match crate::content::front_matter::split(text) {
        Ok(crate::content::front_matter::Split { yaml: Some(range), .. }) => {
            key::Key::new().with(range.start.to_le_bytes()).with(&text[range]).finish()
        }
        _ => key::of(text.as_bytes()),
    }
}

/// Drops `value` on another thread: freeing a large project or cache takes
/// a noticeable share of a rebuild that reuses most of it, and nothing
/// waits for it (at exit the process's memory is returned whole).
pub fn drop_later<T: Send + 'static>(value: T) {
    // Without a thread to be had, the value is dropped here, with the closure.
    let _ = std::thread::Builder::new().name("drop".into()).spawn(move || drop(value));
}

/// Writes `value` postcard-encoded to `path` through a temporary file and a
/// rename, streamed (never whole in memory); a failure leaves no file and
/// only costs the next build its speed.
fn write_atomically<T: Serialize>(value: &T, path: &Path) {
    let Some(dir) = path.parent() else { return };
    if std::fs::create_dir_all(dir).is_err() {
        return;
    }
    let Ok(mut file) = tempfile::NamedTempFile::new_in(dir) else { return };
    let mut writer = std::io::BufWriter::new(file.as_file_mut());
    let written = postcard::to_io(value, &mut writer).is_ok() && std::io::Write::flush(&mut writer).is_ok();
    drop(writer);
    if written {
        let _ = file.persist(path);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn saved_cache_reads_back_and_a_foreign_one_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("site");
        std::fs::create_dir_all(&out).unwrap();
        let finding = Diagnostic::new(crate::rules::BROKEN_LINK, "content/en-US/a.md", 3..9, "no such page")
            .in_locale("en-US")
            .with_help("fix it");
        let cache = Cache {
            format: FORMAT,
            tolk: env!("CARGO_PKG_VERSION").to_string(),
            global: "g".into(),
            checks: [(
                "content/en-US/a.md".to_string(),
                CheckRecord {
                    key: "k".into(),
                    deps: Vec::new(),
                    findings: Finding::store(std::slice::from_ref(&finding)),
                },
            )]
            .into_iter()
            .collect(),
            ..Cache::default()
        };
        cache.save(&out);
        assert_eq!(location(&out), dir.path().join(".tolk-cache/site.bin"));
        let back = Cache::read(&out).expect("the cache reads back");
        assert_eq!(back, cache);
        let restored = Finding::restore(&back.checks["content/en-US/a.md"].findings).unwrap();
        assert_eq!(restored, vec![finding]);

        let old = Cache { tolk: "0.0.0".into(), ..cache };
        old.save(&out);
        assert!(Cache::read(&out).is_none(), "a cache written by another version is not used");
        std::fs::remove_dir_all(&out).unwrap();
        assert!(Cache::read(&out).is_none(), "no output, no cache");
    }

    #[test]
    fn a_finding_of_an_unknown_rule_is_not_restored() {
        let mut f = Finding::from(&Diagnostic::new(crate::rules::BROKEN_LINK, "a.md", 0..1, "x"));
        f.rule = "no-such-rule".into();
        assert!(Finding::restore(&[f]).is_none());
    }
}
