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
//! recorded one is written again. `tolk check` keeps the same kinds of
//! records (articles and per-article findings) in `.tolk-cache/check/`
//! under the project root ([`check_location`]). Every `.tolk-cache` folder
//! holds a `.gitignore` of `*`, so that Git never offers to commit it.

pub mod key;
pub mod leftovers;
mod pieces;
pub mod snapshot;
#[cfg(target_os = "linux")]
mod stat_walk;

use crate::config::ContentSection;
use crate::content::front_matter::FrontMatter;
use crate::content::{Project, Recorded};
use crate::diagnostic::{Diagnostic, Severity};
use rayon::prelude::*;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// The maps of the cache, keyed by path: hashed with `FxHash`, since every
/// key is one of the project's own paths, and a lookup per page adds up.
pub type HashMap<K, V> = rustc_hash::FxHashMap<K, V>;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};

/// Bumped when the layout of the cache file changes.
pub const FORMAT: u32 = 6;

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
    #[serde(with = "pieces")]
    pub files: HashMap<String, Written>,
    /// Every article page, by output path.
    #[serde(with = "pieces")]
    pub pages: HashMap<String, PageRecord>,
    /// Every checked article, by path relative to the project root.
    #[serde(with = "pieces")]
    pub checks: HashMap<String, CheckRecord>,
}

/// What the model needs of every article that loaded cleanly, by path
/// relative to the project root, with its file's size and modification
/// time when the build that recorded it started: an article whose file did
/// not change is not read again, and one whose front matter block did not
/// change is not parsed again. Kept in a file of its own
/// (`<name>.fronts`), rewritten only when some front matter was parsed
/// anew or many files were read; every entry is checked against its file's
/// size and time, or its front matter key, so it stays usable whatever
/// happened to the rest of the cache.
pub type FrontRecords = HashMap<String, (snapshot::Stat, Recorded)>;

/// The front matter records file, also kept in memory from one build to
/// the next by a long-running process.
#[derive(Serialize, Deserialize)]
pub struct StoredFronts {
    format: u32,
    tolk: String,
    /// The load limits the records were made under.
    limits: String,
    /// When the build that made them started, in nanoseconds since the epoch.
    taken: u128,
    #[serde(with = "pieces")]
    records: FrontRecords,
}

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

/// Where `tolk check` keeps its own cache for the project at `root`: a
/// folder of `.tolk-cache/`, apart from every site's `<name>.bin`.
#[must_use]
pub fn check_location(root: &Path) -> PathBuf {
    root.join(".tolk-cache").join("check").join("checks.bin")
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
        Self::read_at(&location(out))
    }

    /// The cache in the file `at`, if this version of tolk wrote it.
    #[must_use]
    pub fn read_at(at: &Path) -> Option<Self> {
        let bytes = std::fs::read(at).ok()?;
        let cache: Self = postcard::from_bytes(&bytes).ok()?;
        (cache.format == FORMAT && cache.tolk == env!("CARGO_PKG_VERSION")).then_some(cache)
    }

    /// The articles recorded beside the site at `out` (none if there is no
    /// usable record), for [`Fronts`] to hand out as articles are loaded.
    #[must_use]
    pub fn read_fronts(out: &Path) -> Fronts {
        Self::read_fronts_at(&fronts_location(out))
    }

    /// The articles recorded in the file `at`, as [`Cache::read_fronts`].
    #[must_use]
    pub fn read_fronts_at(at: &Path) -> Fronts {
        let stored: Option<StoredFronts> = std::fs::read(at).ok().and_then(|b| postcard::from_bytes(&b).ok());
        Fronts::new(stored.filter(|s| s.format == FORMAT && s.tolk == env!("CARGO_PKG_VERSION")))
    }

    /// Records the articles of `project` beside the site at `out`, with
    /// their files' sizes and times as `inputs` stated them, except those
    /// whose front matter did not parse: those are parsed again, to be
    /// reported again. The project is dropped off the calling thread.
    pub fn save_fronts(out: &Path, project: Project, inputs: &snapshot::Inputs) {
        Self::save_fronts_at(&fronts_location(out), project, inputs);
    }

    /// Records the articles of `project` in the file `at`, as
    /// [`Cache::save_fronts`].
    pub fn save_fronts_at(at: &Path, project: Project, inputs: &snapshot::Inputs) {
        let stored = StoredFronts::of(project, inputs);
        stored.save_at(at);
        drop_later(stored);
    }

    /// Writes the cache of the site at `out` (temporary file, then rename).
    /// A cache that cannot be written only costs the next build its speed.
    pub fn save(&self, out: &Path) {
        self.save_at(&location(out));
    }

    /// Writes the cache to the file `at`, as [`Cache::save`].
    pub fn save_at(&self, at: &Path) {
        write_atomically(self, at);
    }

    /// Removes the cache of the site at `out`.
    pub fn remove(out: &Path) {
        let _ = std::fs::remove_file(location(out));
    }
}

impl StoredFronts {
    /// The records of `project`'s articles (moved out of it), with their
    /// files' sizes and times as `inputs` stated them, except those whose
    /// front matter did not parse: those are parsed again, to be reported
    /// again. Articles not recorded are freed as [`release`] says.
    #[must_use]
    pub fn of(project: Project, inputs: &snapshot::Inputs) -> Self {
        let limits = limits_key(&project.config.content);
        let Project { articles, .. } = project;
        // A locale at a time on each core: the records are moved out of
        // a large site's articles in a few tenths of a second on one.
        let locales: Vec<BTreeMap<String, crate::content::Article>> = articles.into_values().collect();
        let records: FrontRecords = locales
            .into_par_iter()
            .flat_map_iter(BTreeMap::into_values)
            .filter_map(|a| {
                let path = crate::content::resolve::path_string(&a.path);
                match inputs.stat(&path) {
                    Some(stat) if a.clean => Some((path, (stat, a.into_record()))),
                    _ => {
                        release(a);
                        None
                    }
                }
            })
            .collect();
        Self {
            format: FORMAT,
            tolk: env!("CARGO_PKG_VERSION").to_string(),
            limits,
            taken: inputs.taken(),
            records,
        }
    }

    /// [`StoredFronts::of`], leaving `project` as it is (the records are
    /// copies), for a process that keeps the project for its next build.
    #[must_use]
    pub fn of_ref(project: &Project, inputs: &snapshot::Inputs) -> Self {
        let records: FrontRecords = project
            .articles
            .values()
            .flat_map(BTreeMap::values)
            .filter(|a| a.clean)
            .filter_map(|a| {
                let path = crate::content::resolve::path_string(&a.path);
                let stat = inputs.stat(&path)?;
                Some((path, (stat, a.to_record())))
            })
            .collect();
        Self {
            format: FORMAT,
            tolk: env!("CARGO_PKG_VERSION").to_string(),
            limits: limits_key(&project.config.content),
            taken: inputs.taken(),
            records,
        }
    }

    /// Writes the records beside the site at `out`.
    pub fn save(&self, out: &Path) {
        self.save_at(&fronts_location(out));
    }

    /// Writes the records to the file `at`.
    pub fn save_at(&self, at: &Path) {
        write_atomically(self, at);
    }
}

/// The articles a cache recorded, by path, handed out (moved, not copied)
/// as articles are loaded: [`Fronts::recall`] checks each against the
/// sizes and times of this build's inputs.
pub struct Fronts {
    records: std::sync::Mutex<FrontRecords>,
    /// The load limits the records were made under.
    limits: String,
    /// Files modified at or after this time (nanoseconds since the epoch)
    /// may have changed unseen since they were recorded.
    trusted_before: u128,
    /// Articles read from their files.
    read: AtomicUsize,
    /// Articles whose front matter was parsed anew.
    parsed: AtomicUsize,
}

impl Fronts {
    /// The records of `stored` (none if there are none), to hand out.
    #[must_use]
    pub fn new(stored: Option<StoredFronts>) -> Self {
        let (limits, trusted_before, records) = stored.map_or_else(Default::default, |s| {
            (s.limits, s.taken.saturating_sub(snapshot::RACY.as_nanos()), s.records)
        });
        Fronts {
            records: std::sync::Mutex::new(records),
            limits,
            trusted_before,
            read: AtomicUsize::new(0),
            parsed: AtomicUsize::new(0),
        }
    }

    /// The records, checked against `inputs`.
    #[must_use]
    pub fn recall<'f>(&'f self, inputs: &'f snapshot::Inputs) -> Recall<'f> {
        Recall { fronts: self, inputs }
    }

    /// How many articles were read from their files, and how many of those
    /// had their front matter parsed anew.
    #[must_use]
    pub fn counts(&self) -> (usize, usize) {
        (self.read.load(Ordering::Relaxed), self.parsed.load(Ordering::Relaxed))
    }

    /// Whether the records are worth writing again after a run that loaded
    /// `articles`: some front matter was parsed anew, or enough files were
    /// read again (touched, say) to make reading them next time worth
    /// avoiding.
    #[must_use]
    pub fn stale(&self, articles: usize) -> bool {
        let (read, parsed) = self.counts();
        parsed > 0 || read > (articles / 100).max(100)
    }
}

/// [`Fronts`] checked against the inputs of a build.
pub struct Recall<'f> {
    fronts: &'f Fronts,
    inputs: &'f snapshot::Inputs,
}

impl crate::content::Recall for Recall<'_> {
    fn unchanged(&self, path: &Path, limits: &ContentSection) -> Option<Recorded> {
        let fronts = self.fronts;
        let path = crate::content::resolve::path_string(path);
        let record = (fronts.limits == limits_key(limits)).then(|| self.take_unchanged(&path)).flatten();
        if record.is_none() {
            fronts.read.fetch_add(1, Ordering::Relaxed);
        }
        record
    }

    fn front(&self, path: &Path, front_key: &str) -> Option<FrontMatter> {
        let path = crate::content::resolve::path_string(path);
        let record = self.fronts.records.lock().ok()?.remove(&path);
        let front = record.filter(|(_, r)| r.front_key == front_key).map(|(_, r)| r.front);
        if front.is_none() {
            self.fronts.parsed.fetch_add(1, Ordering::Relaxed);
        }
        front
    }
}

impl Recall<'_> {
    /// The record of the file at `path` if the file's size and time are
    /// the recorded ones, and old enough to be trusted.
    fn take_unchanged(&self, path: &str) -> Option<Recorded> {
        let now = self.inputs.stat(path)?;
        let mut records = self.fronts.records.lock().ok()?;
        let (then, _) = records.get(path)?;
        if *then != now || then.1 >= self.fronts.trusted_before {
            return None;
        }
        records.remove(path).map(|(_, record)| record)
    }
}

/// What of the configuration decides whether an article loads at all.
fn limits_key(limits: &ContentSection) -> String {
    format!("{} {}", limits.max_file_size, limits.max_nesting)
}

/// Set by [`leave_to_exit`].
static LEAVE_TO_EXIT: std::sync::atomic::AtomicBool = std::sync::atomic::AtomicBool::new(false);

/// Tells [`drop_later`] that the process ends after this run, as the `tolk`
/// binary does: large values are then not freed at all but left to the
/// operating system, which takes the process's memory back whole at exit.
pub fn leave_to_exit() {
    LEAVE_TO_EXIT.store(true, Ordering::Relaxed);
}

/// Drops `value` on another thread: freeing a large project or cache (some
/// millions of small allocations) takes a noticeable share of a rebuild that
/// reuses most of it, and nothing waits for it. After [`leave_to_exit`] it
/// is not freed: a drop thread still competes for the cores with the report
/// that follows (a tenth of a 100,000-article `tolk check` from its cache).
pub fn drop_later<T: Send + 'static>(value: T) {
    if LEAVE_TO_EXIT.load(Ordering::Relaxed) {
        std::mem::forget(value);
        return;
    }
    // Without a thread to be had, the value is dropped here, with the closure.
    let _ = std::thread::Builder::new().name("drop".into()).spawn(move || drop(value));
}

/// Frees `value` here, or, after [`leave_to_exit`], leaves it to the exit
/// (for values that borrow, which [`drop_later`] cannot take).
pub fn release<T>(value: T) {
    if LEAVE_TO_EXIT.load(Ordering::Relaxed) {
        std::mem::forget(value);
    }
}

/// Writes `value` postcard-encoded to `path` through a temporary file and a
/// rename (its large maps encoded in pieces in parallel: see [`pieces`]);
/// a failure leaves no file and only costs the next build its speed.
fn write_atomically<T: Serialize>(value: &T, path: &Path) {
    let Some(dir) = path.parent() else { return };
    if std::fs::create_dir_all(dir).is_err() {
        return;
    }
    // Named for its target and this process, so that a run killed while
    // writing leaves nothing the next one does not remove: in tolk's own
    // folder, whatever file it was writing.
    let name = path.file_name().map_or_else(|| "cache".into(), |n| n.to_string_lossy().into_owned());
    if let Some(cache_dir) = dir.ancestors().find(|d| d.file_name().is_some_and(|n| n == ".tolk-cache")) {
        let ignore = cache_dir.join(".gitignore");
        if !ignore.exists() {
            let _ = std::fs::write(ignore, "# Written by tolk: its cache, safe to delete.\n*\n");
        }
        leftovers::remove_all_abandoned(dir);
    } else {
        leftovers::remove_abandoned(dir, &name);
    }
    let Ok(mut file) = tempfile::Builder::new().prefix(&leftovers::prefix(&name)).tempfile_in(dir) else {
        return;
    };
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

    /// A project with one article file, stated an hour after it was last
    /// modified, and records of it made by a build that started `recorded`
    /// after the modification, with the given size and limits.
    fn recorded_article(
        recorded: Duration,
        size: u64,
        limits: &ContentSection,
    ) -> (tempfile::TempDir, Fronts) {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("content/en-US/a.md");
        std::fs::create_dir_all(file.parent().unwrap()).unwrap();
        std::fs::write(&file, "---\ntitle: A\n---\nbody\n").unwrap();
        let modified = std::fs::metadata(&file).unwrap().modified().unwrap();
        let out = dir.path().join("site");
        std::fs::create_dir_all(&out).unwrap();
        let (article, _) = crate::content::Article::parse(
            "en-US",
            "a.md",
            "content/en-US/a.md".into(),
            "---\ntitle: A\n---\nbody\n".into(),
        );
        let stored = StoredFronts {
            format: FORMAT,
            tolk: env!("CARGO_PKG_VERSION").to_string(),
            limits: limits_key(limits),
            taken: mtime_of(modified + recorded),
            records: [("content/en-US/a.md".to_string(), ((size, mtime_of(modified)), article.record()))]
                .into_iter()
                .collect(),
        };
        write_atomically(&stored, &fronts_location(&out));
        let fronts = Cache::read_fronts(&out);
        (dir, fronts)
    }

    fn mtime_of(t: std::time::SystemTime) -> u128 {
        t.duration_since(std::time::UNIX_EPOCH).unwrap().as_nanos()
    }

    /// What `fronts` gives for the article, stated an hour after its edit.
    fn recall(
        dir: &Path,
        fronts: &Fronts,
        limits: &ContentSection,
    ) -> (Option<Recorded>, Option<FrontMatter>) {
        use crate::content::Recall as _;
        let later = std::time::SystemTime::now() + Duration::from_secs(3600);
        let inputs = snapshot::inputs(dir, &dir.join("site"), later);
        let recall = fronts.recall(&inputs);
        let path = Path::new("content/en-US/a.md");
        let unchanged = recall.unchanged(path, limits);
        let front_key =
            crate::content::Article::parse("en-US", "a.md", path.into(), "---\ntitle: A\n---\nbody\n".into())
                .0
                .front_key;
        let front = if unchanged.is_none() { recall.front(path, &front_key) } else { None };
        (unchanged, front)
    }

    use std::time::Duration;

    #[test]
    fn an_article_is_rebuilt_from_its_record_only_when_its_file_is_trusted_unchanged() {
        let limits = ContentSection::default();
        let size = "---\ntitle: A\n---\nbody\n".len() as u64;
        let (dir, fronts) = recorded_article(Duration::from_secs(60), size, &limits);
        let (unchanged, _) = recall(dir.path(), &fronts, &limits);
        let record = unchanged.expect("same size and time, recorded long after the edit");
        assert_eq!(record.front.text("title"), Some("A"));
        assert_eq!(fronts.counts(), (0, 0));

        // Another size: read again, its front matter block still recorded.
        let (dir, fronts) = recorded_article(Duration::from_secs(60), size + 1, &limits);
        let (unchanged, front) = recall(dir.path(), &fronts, &limits);
        assert!(unchanged.is_none());
        assert_eq!(front.expect("the same block").text("title"), Some("A"));
        assert_eq!(fronts.counts(), (1, 0));

        // Recorded by a build that started within two seconds of the edit:
        // a later edit could have kept the time stamp.
        let (dir, fronts) = recorded_article(Duration::from_secs(1), size, &limits);
        assert!(recall(dir.path(), &fronts, &limits).0.is_none());

        // Other limits may leave the article out: read again.
        let (dir, fronts) = recorded_article(Duration::from_secs(60), size, &limits);
        let other = ContentSection { max_nesting: limits.max_nesting + 1, ..ContentSection::default() };
        assert!(recall(dir.path(), &fronts, &other).0.is_none());
    }

    #[test]
    fn a_finding_of_an_unknown_rule_is_not_restored() {
        let mut f = Finding::from(&Diagnostic::new(crate::rules::BROKEN_LINK, "a.md", 0..1, "x"));
        f.rule = "no-such-rule".into();
        assert!(Finding::restore(&[f]).is_none());
    }
}
