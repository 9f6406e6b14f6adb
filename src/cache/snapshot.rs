//! The no-change fast path: a snapshot of every file a landed build could
//! have read (size and modification time) and of every file it wrote, with
//! its findings. When nothing differs, the next build answers from the
//! snapshot without reading a single input: no content, no cache, no
//! rendering.
//!
//! It lives beside the cache (`<parent>/.tolk-cache/<output name>.snapshot`)
//! and is as disposable. Inputs are every file under the project root except
//! hidden ones, the output, `node_modules` and tagged cache folders (Cargo's
//! `target`): includes may live anywhere in the project.
//! Like `make` or Cargo it trusts size and modification time, and like Git
//! it distrusts a file modified within two seconds of the build that
//! recorded it (a file system may give an edit made just after the build
//! the same time stamp), so such a build leaves no snapshot. Anything else
//! (another tolk binary, other options, a file added, removed, touched or
//! resized, an output file changed) means a normal build.

use super::{Finding, Written};
use crate::diagnostic::Diagnostic;
use rayon::prelude::*;
use serde::{Deserialize, Serialize};
use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

/// Bumped when the layout changes.
const FORMAT: u32 = 2;

/// How much of a snapshot is read before its head says whether the rest
/// is worth reading (the head is under a kilobyte).
const HEAD_READ: u64 = 64 * 1024;

/// How recently modified an input may be for a snapshot to be kept.
pub const RACY: Duration = Duration::from_secs(2);

/// A file's size and modification time (nanoseconds since the epoch).
pub type Stat = (u64, u128);

/// Files found, each with its [`Stat`], by path relative to the root; and
/// which of them are symbolic links.
pub(super) type Stated = (Vec<(String, Stat)>, Vec<String>);

/// What a landed build read and wrote, and what it found, as it is read
/// back; it is written as [`SnapshotOut`], whose fields must stay the same
/// and in the same order (the round-trip test below fails otherwise).
#[derive(Debug, PartialEq, Eq, Deserialize)]
pub struct Snapshot {
    format: u32,
    /// The tolk binary that wrote it (its version, size and modification
    /// time), and the build options that shape the output.
    identity: String,
    /// [`Inputs::digest`] of `inputs`: a build whose inputs differ learns
    /// it from the head alone, without decoding the lists.
    digest: String,
    /// Every input, by path relative to the project root, sorted.
    inputs: Vec<(String, Stat)>,
    /// Every output file, by path relative to the output.
    outputs: Vec<(String, Stat)>,
    findings: Vec<Finding>,
    pages: usize,
    locales: usize,
}

/// A [`Snapshot`] as it is written, borrowing what the build holds (the
/// same encoding).
#[derive(Serialize)]
struct SnapshotOut<'a> {
    format: u32,
    identity: &'a str,
    digest: String,
    inputs: &'a [(String, Stat)],
    outputs: Vec<(&'a str, Stat)>,
    findings: Vec<Finding>,
    pages: usize,
    locales: usize,
}

/// The first fields of a [`Snapshot`], decoded alone.
#[derive(Deserialize)]
struct Head {
    format: u32,
    identity: String,
    digest: String,
}

/// What a build answered from its snapshot.
pub struct Unchanged {
    /// Its findings, as the build that wrote the snapshot reported them.
    pub findings: Vec<Diagnostic>,
    /// Article pages of the site.
    pub pages: usize,
    /// Locales built.
    pub locales: usize,
}

/// The inputs of a build, stated before it reads any of them.
pub struct Inputs {
    files: Vec<(String, Stat)>,
    /// Those that are symbolic links: what they point to may change with no
    /// event in the project's folders.
    links: Vec<String>,
    /// When they were stated.
    taken: SystemTime,
}

/// The identity of this tolk binary with these options.
#[must_use]
pub fn identity(options: &str) -> String {
    let exe = std::env::current_exe().ok().and_then(|p| std::fs::metadata(p).ok());
    let (len, mtime) = exe.map_or((0, 0), |m| (m.len(), super::mtime(&m)));
    format!("{} {len} {mtime} {options}", env!("CARGO_PKG_VERSION"))
}

/// Where the snapshot of the site at `out` lives.
#[must_use]
pub fn location(out: &Path) -> PathBuf {
    super::location(out).with_extension("snapshot")
}

/// Every file under `root` but [`skipped`] ones, with
/// their size and modification time, sorted by path. `taken` is when the
/// build started, before it read anything.
#[must_use]
pub fn inputs(root: &Path, out: &Path, taken: SystemTime) -> Inputs {
    let out = out.canonicalize().unwrap_or_else(|_| out.to_path_buf());
    #[cfg(target_os = "linux")]
    let found = super::stat_walk::stated(root, &out);
    #[cfg(not(target_os = "linux"))]
    let found = None;
    let (mut files, mut links) = found.unwrap_or_else(|| stated(root, root, &out, true));
    files.sort_unstable_by(|a, b| a.0.cmp(&b.0));
    links.sort_unstable();
    Inputs { files, links, taken }
}

/// More changed paths than this and [`Inputs::updated`] walks the whole
/// project again: it compares every input with every changed path.
const UPDATED_AT_MOST: usize = 64;

/// The files under `from` (inside `root`) but [`skipped`] ones (`from`
/// itself too, unless `from_is_root`), with their size and modification
/// time, by path relative to `root`; and which of them are symbolic links.
pub(super) fn stated(root: &Path, from: &Path, out: &Path, from_is_root: bool) -> Stated {
    let entries: Vec<(PathBuf, bool)> = walkdir::WalkDir::new(from)
        .follow_links(false)
        // Below the root, a link to a folder is one input, stated through
        // the link, as it is when the walk meets it inside the project.
        .follow_root_links(from_is_root)
        .into_iter()
        .filter_entry(|e| (from_is_root && e.depth() == 0) || !skipped(e, out))
        .filter_map(Result::ok)
        .filter(|e| !e.file_type().is_dir())
        .map(|e| (e.path_is_symlink(), e.into_path()))
        .map(|(link, p)| (p, link))
        .collect();
    let rel = |p: &Path| crate::content::resolve::path_string(p.strip_prefix(root).unwrap_or(p));
    let files = entries
        .par_iter()
        .map(|(p, _)| {
            // Followed: a symlinked file counts by what it points to.
            let stat = std::fs::metadata(p).map_or((u64::MAX, 0), |m| (m.len(), super::mtime(&m)));
            (rel(p), stat)
        })
        .collect();
    let links = entries.iter().filter(|(_, link)| *link).map(|(p, _)| rel(p)).collect();
    (files, links)
}

/// Removes from `files` (sorted by path) the path `changed` and every path
/// inside it: two runs of the sorted list (`changed/…` sorts from
/// `changed/` up to `changed0`, `0` being the character after `/`), found
/// by binary search rather than by comparing every input.
fn remove_under(files: &mut Vec<(String, Stat)>, changed: &str) {
    let (inside, after) = (format!("{changed}/"), format!("{changed}0"));
    let start = files.partition_point(|(p, _)| p.as_str() < inside.as_str());
    let end = files.partition_point(|(p, _)| p.as_str() < after.as_str());
    files.drain(start..end);
    if let Ok(at) = files.binary_search_by(|(p, _)| p.as_str().cmp(changed)) {
        files.remove(at);
    }
}

/// [`skipped`] for the folder at `path`.
fn skipped_folder(path: &Path, out: &Path) -> bool {
    let name = path.file_name().map(|n| n.to_string_lossy()).unwrap_or_default();
    name.starts_with('.')
        || name == "node_modules"
        || path.join("CACHEDIR.TAG").is_file()
        || path.canonicalize().is_ok_and(|p| p == out)
}

/// Hidden files and folders, the output, and folders no page can read from:
/// `node_modules` and caches that say so (a `CACHEDIR.TAG`, as Cargo's
/// `target` has).
pub(crate) fn skipped(entry: &walkdir::DirEntry, out: &Path) -> bool {
    if entry.file_name().to_string_lossy().starts_with('.') {
        return true;
    }
    entry.file_type().is_dir() && skipped_folder(entry.path(), out)
}

impl Inputs {
    /// These inputs after the paths `changed` (relative to `root`, as a
    /// file watcher reports them: files or folders, created, modified or
    /// removed) changed, stated again at `taken`: what [`inputs`] would find
    /// then, without walking the whole project. Symbolic links are stated
    /// again whatever changed. Many changes, or a change to what decides
    /// which folders count (a `CACHEDIR.TAG`), walk the project again.
    #[must_use]
    pub fn updated(self, (root, out): (&Path, &Path), changed: &[PathBuf], taken: SystemTime) -> Inputs {
        let retag = changed.iter().any(|p| p.file_name().is_some_and(|n| n == "CACHEDIR.TAG"));
        if changed.len() > UPDATED_AT_MOST || retag {
            return inputs(root, out, taken);
        }
        let out = out.canonicalize().unwrap_or_else(|_| out.to_path_buf());
        let Inputs { mut files, mut links, .. } = self;
        let mut again: Vec<String> =
            changed.iter().map(|p| crate::content::resolve::path_string(p)).collect();
        let under = |path: &str, changed: &str| {
            path.strip_prefix(changed).is_some_and(|rest| rest.is_empty() || rest.starts_with('/'))
        };
        again.retain(|c| !c.is_empty());
        for changed in &again {
            remove_under(&mut files, changed);
        }
        links.retain(|p| !again.iter().any(|c| under(p, c)));
        // Links left are stated again: their targets may have changed.
        files.retain(|(p, _)| links.binary_search(p).is_err());
        again.append(&mut links);
        // What changed inside a folder the walk skips is not an input.
        again.retain(|path| {
            let full = root.join(path);
            !full.ancestors().skip(1).take_while(|a| *a != root).any(|a| skipped_folder(a, &out))
        });
        let mut found = Vec::new();
        for path in &again {
            let (files, found_links) = stated(root, &root.join(path), &out, false);
            found.extend(files);
            links.extend(found_links);
        }
        if found.len() <= UPDATED_AT_MOST {
            // An edit or two: each put in its place, the rest left sorted.
            for entry in found {
                match files.binary_search_by(|(p, _)| p.cmp(&entry.0)) {
                    Ok(at) => files[at] = entry,
                    Err(at) => files.insert(at, entry),
                }
            }
        } else {
            files.extend(found);
            files.sort_unstable_by(|a, b| a.0.cmp(&b.0));
            files.dedup_by(|a, b| a.0 == b.0);
        }
        links.sort_unstable();
        links.dedup();
        Inputs { files, links, taken }
    }

    /// [`Inputs::updated`], in place.
    pub fn update(&mut self, at: (&Path, &Path), changed: &[PathBuf], taken: SystemTime) {
        let before = std::mem::replace(self, Inputs { files: Vec::new(), links: Vec::new(), taken });
        *self = before.updated(at, changed, taken);
    }

    /// The size and modification time of the input at `rel` (relative to
    /// the root, `/`-separated).
    #[must_use]
    pub fn stat(&self, rel: &str) -> Option<Stat> {
        let at = self.files.binary_search_by(|(path, _)| path.as_str().cmp(rel)).ok()?;
        Some(self.files[at].1)
    }

    /// When they were stated, in nanoseconds since the epoch.
    #[must_use]
    pub fn taken(&self) -> u128 {
        self.taken.duration_since(UNIX_EPOCH).map_or(0, |d| d.as_nanos())
    }

    /// A hash of every input's path, size and modification time.
    #[must_use]
    pub fn digest(&self) -> String {
        let mut key = super::key::Key::new();
        for (path, (len, mtime)) in &self.files {
            key = key.with(path).with(len.to_le_bytes()).with(mtime.to_le_bytes());
        }
        key.finish()
    }

    /// Whether an input was modified so shortly before it was stated that
    /// a later edit could carry the same time stamp.
    fn racy(&self) -> bool {
        let limit = self.taken().saturating_sub(RACY.as_nanos());
        self.files.iter().any(|(_, (_, mtime))| *mtime >= limit)
    }
}

/// What the build that left the snapshot of `out` found, if the inputs
/// are still exactly as it read them and the outputs as it left them.
#[must_use]
pub fn unchanged(inputs: &Inputs, out: &Path, identity: &str) -> Option<Unchanged> {
    use std::io::Read as _;
    let mut file = std::fs::File::open(location(out)).ok()?;
    let mut bytes = Vec::new();
    (&mut file).take(HEAD_READ).read_to_end(&mut bytes).ok()?;
    let (head, _) = postcard::take_from_bytes::<Head>(&bytes).ok()?;
    if head.format != FORMAT || head.identity != identity || head.digest != inputs.digest() {
        return None;
    }
    file.read_to_end(&mut bytes).ok()?;
    let snapshot: Snapshot = postcard::from_bytes(&bytes).ok()?;
    if inputs.files != snapshot.inputs {
        return None;
    }
    let intact = snapshot.outputs.par_iter().all(|(rel, (len, mtime))| {
        std::fs::metadata(out.join(rel)).is_ok_and(|m| m.len() == *len && super::mtime(&m) == *mtime)
    });
    if !intact {
        return None;
    }
    let findings = Finding::restore(&snapshot.findings)?;
    Some(Unchanged { findings, pages: snapshot.pages, locales: snapshot.locales })
}

/// Records a landed build, unless an input was modified too recently to
/// be trusted by its time stamp.
pub fn save(out: &Path, identity: &str, inputs: &Inputs, outputs: &[(String, Written)], done: &Unchanged) {
    if inputs.racy() {
        remove(out);
        return;
    }
    let snapshot = SnapshotOut {
        format: FORMAT,
        identity,
        digest: inputs.digest(),
        inputs: &inputs.files,
        outputs: outputs.iter().map(|(p, w)| (p.as_str(), (w.len, w.mtime))).collect(),
        findings: Finding::store(&done.findings),
        pages: done.pages,
        locales: done.locales,
    };
    super::write_atomically(&snapshot, &location(out));
}

/// Removes the snapshot of the site at `out`: any build that may change
/// the site does so first.
pub fn remove(out: &Path) {
    let _ = std::fs::remove_file(location(out));
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Writes each of `files` (relative to `root`, folders made as
    /// needed), its own path as its text.
    fn write_files(root: &Path, files: &[&str]) {
        for file in files {
            std::fs::create_dir_all(root.join(file).parent().unwrap()).unwrap();
            std::fs::write(root.join(file), file).unwrap();
        }
    }

    fn stat(path: &Path) -> Stat {
        let m = std::fs::metadata(path).unwrap();
        (m.len(), super::super::mtime(&m))
    }

    /// The fast walk finds what the portable one finds, with the same
    /// sizes and times: hidden names, the output, `node_modules`, tagged
    /// caches, symbolic links to files, to folders and to nowhere, a name
    /// that is not UTF-8, a folder inside a folder inside a folder.
    #[cfg(target_os = "linux")]
    #[test]
    fn the_fast_walk_finds_what_the_portable_walk_finds() {
        use std::os::unix::ffi::OsStrExt;
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().join("p");
        let files = [
            "book.toml",
            "content/en-US/a.md",
            "content/en-US/deep/er/still.md",
            "content/en-US/.hidden.md",
            ".git/HEAD",
            "site/index.html",
            "target/CACHEDIR.TAG",
            "target/big",
            "node_modules/x/y.js",
            "templates/page.html",
        ];
        write_files(&root, &files);
        std::fs::write(root.join(std::ffi::OsStr::from_bytes(b"content/caf\xe9.md")), "latin-1").unwrap();
        std::os::unix::fs::symlink(root.join("book.toml"), root.join("content/linked.md")).unwrap();
        std::os::unix::fs::symlink(root.join("content/en-US"), root.join("content/alias")).unwrap();
        std::os::unix::fs::symlink(root.join("nowhere"), root.join("content/dangling.md")).unwrap();
        let out = root.join("site").canonicalize().unwrap();
        let sorted = |(mut files, mut links): Stated| {
            files.sort();
            links.sort();
            (files, links)
        };
        let fast = sorted(super::super::stat_walk::stated(&root, &out).unwrap());
        let portable = sorted(stated(&root, &root, &out, true));
        assert_eq!(fast, portable);
        let paths: Vec<&str> = fast.0.iter().map(|(p, _)| p.as_str()).collect();
        assert_eq!(
            paths,
            [
                "book.toml",
                "content/alias",
                "content/caf\u{fffd}.md",
                "content/dangling.md",
                "content/en-US/a.md",
                "content/en-US/deep/er/still.md",
                "content/linked.md",
                "templates/page.html"
            ]
        );
        assert_eq!(fast.1, ["content/alias", "content/dangling.md", "content/linked.md"]);
        assert_eq!(fast.0[3].1, (u64::MAX, 0), "a link to nowhere has no size");
        assert_eq!(fast.0[6].1, stat(&root.join("book.toml")), "a link counts as what it points to");
    }

    /// Below a depth the fast walk hands folders to the portable one: a
    /// tree deeper than that is found whole, links and hidden files as
    /// everywhere else.
    #[cfg(target_os = "linux")]
    #[test]
    fn a_tree_deeper_than_the_fast_walk_reads_is_found_whole() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().join("p");
        let mut deep = root.join("content");
        for level in 0..70 {
            deep.push("d");
            std::fs::create_dir_all(&deep).unwrap();
            std::fs::write(deep.join(format!("{level}.md")), "x").unwrap();
        }
        std::fs::write(deep.join(".hidden.md"), "x").unwrap();
        std::os::unix::fs::symlink(root.join("content/d/0.md"), deep.join("link.md")).unwrap();
        let out = root.join("site");
        let (mut fast, mut fast_links) = super::super::stat_walk::stated(&root, &out).unwrap();
        let (mut portable, mut portable_links) = stated(&root, &root, &out, true);
        for list in [&mut fast, &mut portable] {
            list.sort();
        }
        fast_links.sort();
        portable_links.sort();
        assert_eq!(fast.len(), 71, "every level's file and the link, not the hidden file");
        assert_eq!((fast, fast_links), (portable, portable_links));
    }

    #[test]
    fn a_changed_path_takes_itself_and_what_is_inside_it_out_and_nothing_else() {
        let paths = ["a", "a-b.md", "a.md", "a/x.md", "a/y/z.md", "a0", "ab/c.md", "b"];
        let mut files: Vec<(String, Stat)> = paths.iter().map(|p| ((*p).to_string(), (1, 1))).collect();
        remove_under(&mut files, "a");
        let left: Vec<&str> = files.iter().map(|(p, _)| p.as_str()).collect();
        assert_eq!(left, ["a-b.md", "a.md", "a0", "ab/c.md", "b"]);
        remove_under(&mut files, "ab/c.md");
        remove_under(&mut files, "nothing/here");
        let left: Vec<&str> = files.iter().map(|(p, _)| p.as_str()).collect();
        assert_eq!(left, ["a-b.md", "a.md", "a0", "b"]);
    }

    #[test]
    fn inputs_leave_out_hidden_files_and_the_output() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        let files = [
            "book.toml",
            "content/en-US/a.md",
            ".git/HEAD",
            "site/index.html",
            "includes/x.md",
            "target/CACHEDIR.TAG",
            "target/big",
            "node_modules/x/y.js",
        ];
        write_files(root, &files);
        let found: Vec<String> =
            inputs(root, &root.join("site"), SystemTime::now()).files.into_iter().map(|(p, _)| p).collect();
        assert_eq!(found, ["book.toml", "content/en-US/a.md", "includes/x.md"]);
    }

    #[test]
    fn inputs_updated_from_the_changed_paths_are_the_inputs_a_walk_finds() {
        let dir = tempfile::tempdir().unwrap();
        let (root, out) = (dir.path().join("p"), dir.path().join("p/site"));
        let outside = dir.path().join("elsewhere.md");
        write_files(
            &root,
            &["book.toml", "content/en-US/a.md", "content/en-US/b.md", "site/x.html", "node_modules/m.js"],
        );
        std::fs::write(&outside, "v1").unwrap();
        std::os::unix::fs::symlink(&outside, root.join("content/en-US/linked.md")).unwrap();
        std::os::unix::fs::symlink(root.join("content/en-US"), root.join("content/alias")).unwrap();
        let mut now = inputs(&root, &out, SystemTime::now());
        let mut step = |change: &dyn Fn(), changed: &[&str]| {
            change();
            let changed: Vec<PathBuf> = changed.iter().map(PathBuf::from).collect();
            let updated = std::mem::replace(&mut now, inputs(&root, &out, SystemTime::now())).updated(
                (&root, &out),
                &changed,
                SystemTime::now(),
            );
            assert_eq!((&updated.files, &updated.links), (&now.files, &now.links), "after {changed:?}");
        };
        step(
            &|| std::fs::write(root.join("content/en-US/a.md"), "longer text").unwrap(),
            &["content/en-US/a.md"],
        );
        step(
            &|| {
                std::fs::create_dir_all(root.join("content/da-DK/deep")).unwrap();
                std::fs::write(root.join("content/da-DK/deep/c.md"), "c").unwrap();
            },
            &["content/da-DK"],
        );
        step(&|| std::fs::remove_dir_all(root.join("content/da-DK")).unwrap(), &["content/da-DK"]);
        step(&|| std::fs::remove_file(root.join("content/en-US/b.md")).unwrap(), &["content/en-US/b.md"]);
        // A linked file's target changes outside the project: no event names it.
        step(&|| std::fs::write(&outside, "version 2").unwrap(), &[]);
        step(
            &|| std::fs::rename(root.join("content/en-US/a.md"), root.join("content/en-US/z.md")).unwrap(),
            &["content/en-US/a.md", "content/en-US/z.md"],
        );
        step(&|| std::fs::write(root.join("node_modules/n.js"), "n").unwrap(), &["node_modules/n.js"]);
        step(&|| std::fs::write(root.join("site/y.html"), "y").unwrap(), &["site/y.html"]);
        step(&|| std::fs::write(root.join("CACHEDIR.TAG"), "t").unwrap(), &["CACHEDIR.TAG"]);
    }

    #[test]
    fn a_snapshot_answers_until_an_input_or_output_changes() {
        let dir = tempfile::tempdir().unwrap();
        let (root, out) = (dir.path().join("p"), dir.path().join("p/site"));
        std::fs::create_dir_all(root.join("content")).unwrap();
        std::fs::create_dir_all(&out).unwrap();
        let old = SystemTime::now() - Duration::from_secs(60);
        let article = root.join("content/a.md");
        std::fs::write(&article, "hello").unwrap();
        std::fs::File::options().write(true).open(&article).unwrap().set_modified(old).unwrap();
        std::fs::write(out.join("index.html"), "<p>").unwrap();
        let (len, mtime) = stat(&out.join("index.html"));
        let written = vec![("index.html".to_string(), Written { hash: String::new(), len, mtime })];
        let finding = Diagnostic::new(crate::rules::BROKEN_LINK, "content/a.md", 0..1, "x");
        let done = || Unchanged { findings: vec![finding.clone()], pages: 1, locales: 1 };
        save(&out, &identity("o"), &inputs(&root, &out, SystemTime::now()), &written, &done());
        let back = unchanged(&inputs(&root, &out, SystemTime::now()), &out, &identity("o"))
            .expect("nothing changed");
        assert_eq!((back.findings, back.pages), (vec![finding.clone()], 1));
        assert!(
            unchanged(&inputs(&root, &out, SystemTime::now()), &out, &identity("other options")).is_none()
        );

        std::fs::write(&article, "hellO").unwrap();
        assert!(
            unchanged(&inputs(&root, &out, SystemTime::now()), &out, &identity("o")).is_none(),
            "an edit of the same size is seen"
        );
        save(&out, &identity("o"), &inputs(&root, &out, SystemTime::now()), &written, &done());
        assert!(!location(&out).exists(), "a just-edited input leaves no snapshot");

        std::fs::File::options().write(true).open(&article).unwrap().set_modified(old).unwrap();
        save(&out, &identity("o"), &inputs(&root, &out, SystemTime::now()), &written, &done());
        assert!(unchanged(&inputs(&root, &out, SystemTime::now()), &out, &identity("o")).is_some());
        std::fs::write(root.join("content/b.md"), "new").unwrap();
        assert!(
            unchanged(&inputs(&root, &out, SystemTime::now()), &out, &identity("o")).is_none(),
            "a new file is seen"
        );
        std::fs::remove_file(root.join("content/b.md")).unwrap();
        assert!(unchanged(&inputs(&root, &out, SystemTime::now()), &out, &identity("o")).is_some());
        std::fs::write(out.join("index.html"), "<p>!").unwrap();
        assert!(
            unchanged(&inputs(&root, &out, SystemTime::now()), &out, &identity("o")).is_none(),
            "a changed output is seen"
        );
    }
}
