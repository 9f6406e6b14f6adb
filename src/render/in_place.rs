//! Incremental writes: only files whose bytes changed since the previous
//! build are written, first to a staging directory beside the output (made
//! on the first write, so a build that changes nothing writes nothing), and
//! moved into the output one by one (`rename`, atomic per file) only once
//! the build is known to succeed. Files the previous build wrote and this
//! one does not are removed.
//!
//! A build killed while moving files leaves each file either old or new;
//! the cache is saved last, so the next build writes the rest.

use super::output::{bytes_of, write_file, File, Sink};
use crate::cache::HashMap;
use crate::cache::{key, Written};
use crate::error::Error;
use std::path::{Path, PathBuf};
use std::sync::{Mutex, OnceLock, PoisonError};

/// The output of an incremental build.
pub struct InPlace<'c> {
    out: PathBuf,
    previous: &'c HashMap<String, Written>,
    staging: OnceLock<Result<tempfile::TempDir, String>>,
    written: Mutex<Vec<(String, Written)>>,
    staged: Mutex<Vec<String>>,
}

impl<'c> InPlace<'c> {
    /// Writes into `out`, whose files are `previous` (from the cache).
    #[must_use]
    pub fn new(out: &Path, previous: &'c HashMap<String, Written>) -> Self {
        if let (Some(parent), Some(name)) = (out.parent(), out.file_name()) {
            crate::cache::leftovers::remove_abandoned(parent, &name.to_string_lossy());
        }
        Self {
            out: out.to_path_buf(),
            previous,
            staging: OnceLock::new(),
            written: Mutex::new(Vec::new()),
            staged: Mutex::new(Vec::new()),
        }
    }

    fn staging_dir(&self) -> Result<&Path, Error> {
        let parent = self.out.parent().unwrap_or(Path::new("."));
        let name = self.out.file_name().map_or_else(|| "site".into(), |n| n.to_string_lossy().into_owned());
        let dir = self.staging.get_or_init(|| {
            tempfile::Builder::new()
                .prefix(&crate::cache::leftovers::prefix(&name))
                .tempdir_in(parent)
                .map_err(|e| e.to_string())
        });
        dir.as_ref().map(tempfile::TempDir::path).map_err(|e| Error::Write {
            path: parent.to_path_buf(),
            source: std::io::Error::other(e.clone()),
        })
    }

    /// Files written into the staging directory, to be moved into the output.
    #[must_use]
    pub fn changed(&self) -> Vec<String> {
        let mut staged = self.staged.lock().unwrap_or_else(PoisonError::into_inner).clone();
        staged.sort();
        staged
    }

    /// Moves every changed file into the output and removes the files of the
    /// previous build that `keep` refuses. Returns how many files were
    /// written and removed.
    ///
    /// # Errors
    /// A file could not be moved or removed.
    pub fn commit(self, keep: &dyn Fn(&str) -> bool) -> Result<(usize, usize), Error> {
        let changed = self.changed();
        if let Some(Ok(dir)) = self.staging.get() {
            for rel in &changed {
                let target = self.out.join(rel);
                let fail = |source| Error::Write { path: target.clone(), source };
                if let Some(p) = target.parent() {
                    std::fs::create_dir_all(p).map_err(fail)?;
                }
                std::fs::rename(dir.path().join(rel), &target).map_err(fail)?;
            }
        }
        let mut removed = 0;
        // Only plain paths inside the output: the cache file is not trusted
        // to name what may be deleted.
        let inside =
            |rel: &str| Path::new(rel).components().all(|c| matches!(c, std::path::Component::Normal(_)));
        let mut stale: Vec<&String> =
            self.previous.keys().filter(|rel| !keep(rel.as_str()) && inside(rel)).collect();
        stale.sort();
        for rel in stale {
            let target = self.out.join(rel);
            match std::fs::remove_file(&target) {
                Ok(()) => removed += 1,
                Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
                Err(source) => return Err(Error::Write { path: target, source }),
            }
            // Folders left empty go too; a folder that is not empty stays.
            let mut dir = target.parent();
            while let Some(d) = dir.filter(|d| *d != self.out && d.starts_with(&self.out)) {
                if std::fs::remove_dir(d).is_err() {
                    break;
                }
                dir = d.parent();
            }
        }
        Ok((changed.len(), removed))
    }
}

impl Sink for InPlace<'_> {
    fn write(&self, rel: &str, file: &File) -> Result<(), Error> {
        let bytes = bytes_of(file)?;
        let hash = key::of(&bytes);
        let record = match self.previous.get(rel) {
            Some(old) if old.hash == hash && old.intact(&self.out.join(rel)) => old.clone(),
            _ => {
                let mut record =
                    write_file(&self.staging_dir()?.join(rel), &File::Bytes(bytes.into_owned()))?;
                record.hash = hash;
                self.staged.lock().unwrap_or_else(PoisonError::into_inner).push(rel.to_string());
                record
            }
        };
        self.written.lock().unwrap_or_else(PoisonError::into_inner).push((rel.to_string(), record));
        Ok(())
    }

    fn written(&self) -> Vec<(String, Written)> {
        self.written.lock().unwrap_or_else(PoisonError::into_inner).clone()
    }

    fn intact(&self, rel: &str, recorded: &Written) -> bool {
        recorded.intact(&self.out.join(rel))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;

    fn record() -> Written {
        Written { hash: String::new(), len: 0, mtime: 0 }
    }

    #[test]
    fn removes_stale_files_and_their_empty_folders_only_inside_the_output() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("site");
        std::fs::create_dir_all(out.join("a/b")).unwrap();
        std::fs::write(out.join("a/b/old.html"), "old").unwrap();
        std::fs::write(out.join("kept.html"), "kept").unwrap();
        std::fs::write(dir.path().join("outside.txt"), "not the site's").unwrap();
        let previous: HashMap<String, Written> =
            [("a/b/old.html", record()), ("kept.html", record()), ("../outside.txt", record())]
                .into_iter()
                .map(|(p, w)| (p.to_string(), w))
                .collect();
        let sink = InPlace::new(&out, &previous);
        sink.write("new.html", &File::Bytes(b"new".to_vec())).unwrap();
        let keep: HashSet<&str> = ["kept.html", "new.html"].into_iter().collect();
        assert_eq!(sink.commit(&|rel| keep.contains(rel)).unwrap(), (1, 1));
        assert_eq!(std::fs::read_to_string(out.join("new.html")).unwrap(), "new");
        assert!(out.join("kept.html").exists());
        assert!(!out.join("a").exists(), "emptied folders are removed");
        assert!(
            dir.path().join("outside.txt").exists(),
            "a cache cannot make the build delete outside the output"
        );
        let leftovers = std::fs::read_dir(dir.path()).unwrap().filter_map(Result::ok);
        assert!(!leftovers.into_iter().any(|e| e.file_name().to_string_lossy().contains(".tmp-")));
    }

    #[test]
    fn unchanged_bytes_are_not_written() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("site");
        std::fs::create_dir_all(&out).unwrap();
        let written = write_file(&out.join("same.html"), &File::Bytes(b"same".to_vec())).unwrap();
        let previous: HashMap<String, Written> = [("same.html".to_string(), written)].into_iter().collect();
        let sink = InPlace::new(&out, &previous);
        sink.write("same.html", &File::Bytes(b"same".to_vec())).unwrap();
        assert!(sink.changed().is_empty());
        assert!(sink.staging.get().is_none(), "nothing written, not even a staging folder");
    }
}
