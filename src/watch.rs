//! Owns waiting for the project's inputs to change, for `tolk watch` and
//! `tolk serve`. Every folder a build may read from is watched: all of the
//! project but hidden folders, the output, `node_modules` and tagged caches,
//! the same folders the no-change snapshot states (includes may live
//! anywhere in the project). Folders created later are watched as they
//! appear. An editor's save is several events (a temporary file, a rename,
//! a metadata change), so a change is taken once the project has been quiet
//! for [`QUIET`].

use crate::error::Error;
use notify::{EventKind, RecursiveMode, Watcher as _};
use std::collections::BTreeSet;
use std::path::{Component, Path, PathBuf};
use std::sync::mpsc::{self, RecvTimeoutError};
use std::time::Duration;

/// How long the project must be quiet before a burst of events is taken as
/// one change.
pub const QUIET: Duration = Duration::from_millis(100);

/// The project's folders, watched.
pub struct Watch {
    /// The project root, canonical.
    root: PathBuf,
    /// The output, canonical when it exists: never an input.
    out: PathBuf,
    watcher: notify::RecommendedWatcher,
    events: mpsc::Receiver<notify::Result<notify::Event>>,
    /// Folders watched (each on its own: a recursive watch would also
    /// cover the output and `target/`).
    watched: BTreeSet<PathBuf>,
}

/// What changed in the project, as one burst of events.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Change {
    /// Inputs created, modified or removed, relative to the root, sorted.
    pub paths: Vec<PathBuf>,
    /// Whether events were lost (the system's queue overflowed), so that
    /// anything may have changed.
    pub overflow: bool,
}

impl Watch {
    /// Watches the project at `root`, whose site is written to `out`.
    ///
    /// # Errors
    /// The root cannot be read, or the system refuses a watch (on Linux,
    /// too many folders for `fs.inotify.max_user_watches`).
    pub fn new(root: &Path, out: &Path) -> Result<Self, Error> {
        let root = root.canonicalize().map_err(|source| Error::Read { path: root.to_path_buf(), source })?;
        let (events_in, events) = mpsc::channel();
        let watcher = notify::recommended_watcher(events_in).map_err(|e| refused(&root, &e))?;
        let out = resolved(out);
        let mut watch = Self { root: root.clone(), out, watcher, events, watched: BTreeSet::new() };
        watch.add(&root)?;
        Ok(watch)
    }

    /// The site is now written to `out` (`book.toml` may have moved it).
    pub fn set_out(&mut self, out: &Path) {
        self.out = resolved(out);
    }

    /// Blocks until an input changes and the project has then been quiet
    /// for [`QUIET`].
    ///
    /// # Errors
    /// A folder created since cannot be watched, or the system's watcher
    /// stopped.
    pub fn changed(&mut self) -> Result<Change, Error> {
        loop {
            let change = self.burst()?;
            if !change.paths.is_empty() || change.overflow {
                return Ok(change);
            }
        }
    }

    /// The next burst of events, which may have touched no input that is
    /// still there.
    fn burst(&mut self) -> Result<Change, Error> {
        let mut paths = BTreeSet::new();
        let mut created = BTreeSet::new();
        let mut overflow = false;
        loop {
            let event = if paths.is_empty() && !overflow {
                self.events.recv().map_err(|_| self.stopped())?
            } else {
                match self.events.recv_timeout(QUIET) {
                    Ok(event) => event,
                    Err(RecvTimeoutError::Timeout) => break,
                    Err(RecvTimeoutError::Disconnected) => return Err(self.stopped()),
                }
            };
            match event {
                Ok(event) if !event.need_rescan() => self.take(&event, (&mut paths, &mut created))?,
                Ok(_) | Err(_) => overflow = true,
            }
        }
        // A file made and gone within the burst (an editor's or `sed -i`'s
        // temporary file) changed nothing a build reads.
        paths.retain(|p| !created.contains(p) || self.root.join(p).exists());
        Ok(Change { paths: paths.into_iter().collect(), overflow })
    }

    /// Records the inputs `event` touched (and, of those it touched first,
    /// which it created), and watches folders it created.
    fn take(
        &mut self,
        event: &notify::Event,
        (paths, created): (&mut BTreeSet<PathBuf>, &mut BTreeSet<PathBuf>),
    ) -> Result<(), Error> {
        if matches!(event.kind, EventKind::Access(_)) {
            return Ok(());
        }
        for path in &event.paths {
            let Some(rel) = self.input(path) else { continue };
            if path.is_dir() && !path.is_symlink() {
                self.add(path)?;
            } else if !path.exists() {
                // A removed folder's watch went with it; one made again
                // under the same name is watched anew.
                self.watched.retain(|w| !w.starts_with(path));
            }
            if paths.insert(rel.clone()) && matches!(event.kind, EventKind::Create(_)) {
                created.insert(rel);
            }
        }
        Ok(())
    }

    /// `path` relative to the root, if a build could read it: inside the
    /// project, not hidden, not the output, not in `node_modules`.
    fn input(&self, path: &Path) -> Option<PathBuf> {
        if path.starts_with(&self.out) {
            return None;
        }
        let rel = path.strip_prefix(&self.root).ok()?;
        let readable = rel.components().all(|c| match c {
            Component::Normal(name) => {
                let name = name.to_string_lossy();
                !name.starts_with('.') && name != "node_modules"
            }
            _ => false,
        });
        (readable && rel.components().next().is_some()).then(|| rel.to_path_buf())
    }

    /// Watches `dir` and every input folder under it.
    fn add(&mut self, dir: &Path) -> Result<(), Error> {
        let out = &self.out;
        let dirs: Vec<PathBuf> = walkdir::WalkDir::new(dir)
            .follow_links(false)
            .into_iter()
            .filter_entry(|e| !crate::cache::snapshot::skipped(e, out) || e.path() == self.root)
            .filter_map(Result::ok)
            .filter(|e| e.file_type().is_dir())
            .map(walkdir::DirEntry::into_path)
            .collect();
        for dir in dirs {
            if self.watched.contains(&dir) {
                continue;
            }
            match self.watcher.watch(&dir, RecursiveMode::NonRecursive) {
                Ok(()) => {}
                // Gone again before it could be watched: nothing to read.
                Err(e) if matches!(&e.kind, notify::ErrorKind::PathNotFound) => continue,
                Err(e) => return Err(refused(&dir, &e)),
            }
            self.watched.insert(dir);
        }
        Ok(())
    }

    /// The error of a watcher that stopped sending events.
    fn stopped(&self) -> Error {
        Error::Watch {
            path: self.root.clone(),
            message: "the system's file watcher stopped; start again".into(),
        }
    }
}

/// `path` without symbolic links, `.` or `..`, as the system names it in
/// events, whether or not it exists yet (the output of a first build).
fn resolved(path: &Path) -> PathBuf {
    if let Ok(path) = path.canonicalize() {
        return path;
    }
    match (path.parent().map(resolved), path.file_name()) {
        (Some(parent), Some(name)) => parent.join(name),
        _ => path.to_path_buf(),
    }
}

/// The error of a watch the system refused, with what to do about it.
fn refused(path: &Path, e: &notify::Error) -> Error {
    let message = match &e.kind {
        notify::ErrorKind::MaxFilesWatch => "the system's limit of watched folders is reached; raise it (on Linux: sysctl fs.inotify.max_user_watches) or move the output and other large folders out of the project".into(),
        _ => format!("{e}"),
    };
    Error::Watch { path: path.to_path_buf(), message }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Waits for the next change, or fails after a generous time.
    fn next_within(watch: &mut Watch) -> Change {
        let (done_in, done) = mpsc::channel();
        std::thread::scope(|s| {
            s.spawn(|| {
                let _ = done_in.send(watch.changed().unwrap());
            });
            done.recv_timeout(Duration::from_secs(30)).expect("a change is seen within 30 s")
        })
    }

    #[test]
    fn a_change_names_the_inputs_and_never_the_output_or_hidden_files() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().canonicalize().unwrap();
        std::fs::create_dir_all(root.join("content/en-US")).unwrap();
        std::fs::create_dir_all(root.join("site")).unwrap();
        let mut watch = Watch::new(&root, &root.join("site")).unwrap();

        // The output and hidden files (a cache, an editor's swap file) are
        // not inputs; the article written after them is, and is the only
        // path of the change.
        std::fs::write(root.join("site/index.html"), "x").unwrap();
        std::fs::write(root.join("content/en-US/.a.md.swp"), "x").unwrap();
        std::fs::write(root.join("content/en-US/a.md"), "---\ntitle: A\n---\n").unwrap();
        let change = next_within(&mut watch);
        assert_eq!(change.paths, vec![PathBuf::from("content/en-US/a.md")]);

        // An output made after the watch started, named through a symbolic
        // link, is still the output: nothing in it is an input.
        let link = tempfile::tempdir().unwrap();
        std::os::unix::fs::symlink(&root, link.path().join("project")).unwrap();
        let mut watch = Watch::new(&root, &link.path().join("project/fresh-site")).unwrap();
        std::fs::create_dir_all(root.join("fresh-site/en-US")).unwrap();
        std::fs::write(root.join("fresh-site/en-US/index.html"), "x").unwrap();
        std::fs::write(root.join("content/en-US/a.md"), "---\ntitle: A2\n---\n").unwrap();
        let change = next_within(&mut watch);
        assert_eq!(change.paths, vec![PathBuf::from("content/en-US/a.md")]);

        // A folder made after the watch started is watched too.
        std::fs::create_dir_all(root.join("content/en-US/new")).unwrap();
        let _ = next_within(&mut watch);
        std::fs::write(root.join("content/en-US/new/b.md"), "---\ntitle: B\n---\n").unwrap();
        let change = next_within(&mut watch);
        assert_eq!(change.paths, vec![PathBuf::from("content/en-US/new/b.md")]);
    }
}
