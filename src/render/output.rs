//! Writing the site without ever leaving a half-written one: everything is
//! written to a temporary directory beside the output, which replaces the
//! old output only when complete. Also refuses output directories that would
//! overwrite or delete the project's own files.

use crate::cache::{self, key, leftovers, Written};
use crate::error::Error;
use std::io::Write as _;
use std::path::{Component, Path, PathBuf};
use std::sync::Mutex;

/// Folders the output must never be, contain or be inside of in a way that deletes them.
const PROTECTED: &[&str] = &["content", "locales", "templates"];

/// Where a build puts the files of the site.
pub trait Sink: Sync {
    /// Writes one file of the site (path relative to the site root).
    ///
    /// # Errors
    /// The file could not be written.
    fn write(&self, rel: &str, file: &File) -> Result<(), Error>;

    /// Every file written so far, with its hash, size and time.
    fn written(&self) -> Vec<(String, Written)>;

    /// Whether the file `rel` of the previous build is still as recorded, so
    /// that it can be kept without being rendered again. A new site starts
    /// empty: nothing is kept.
    fn intact(&self, _rel: &str, _recorded: &Written) -> bool {
        false
    }
}

/// One file of the site.
pub enum File {
    /// Bytes to write.
    Bytes(Vec<u8>),
    /// A file to copy, by absolute path.
    Copy(PathBuf),
}

/// Checks that `output` (absolute or relative to `root`) is safe to replace
/// and returns it as an absolute path.
///
/// # Errors
/// It is the project root or one of its parents, the file-system root, the
/// home directory, or it is or contains `content/`, `locales/` or `templates/`.
pub fn checked(root: &Path, output: &Path) -> Result<PathBuf, Error> {
    let root = absolute(root);
    let out = normalize(&root.join(output));
    let refuse = |reason: String| Err(Error::UnsafeOutput { path: out.clone(), reason });
    if out.parent().is_none() {
        return refuse("it is the file-system root".into());
    }
    if root.starts_with(&out) {
        return refuse("it is the project directory or one of its parents, which the build would replace; choose a folder such as `site`".into());
    }
    if std::env::var_os("HOME").is_some_and(|h| normalize(Path::new(&h)) == out) {
        return refuse("it is the home directory".into());
    }
    for name in PROTECTED {
        let protected = root.join(name);
        if protected.starts_with(&out) {
            return refuse(format!("it is or contains the project's {name}/ folder, which the build would delete; choose a folder such as `site`"));
        }
        if out.starts_with(&protected) {
            return refuse(format!("it is inside the project's {name}/ folder, where the next build would read it as input; choose a folder such as `site`"));
        }
    }
    Ok(out)
}

/// A site being written: a temporary directory beside the output that
/// becomes the output in one step on [`Staging::commit`], and disappears if
/// dropped (a failed build) — or, if the process is killed, is removed by
/// the next build.
pub struct Staging {
    dir: tempfile::TempDir,
    /// `dir`, open: every file is made relative to it (see [`write_file_at`]).
    #[cfg(unix)]
    open: std::fs::File,
    out: PathBuf,
    written: Mutex<Vec<(String, Written)>>,
}

impl Staging {
    /// Creates the staging directory for `out`.
    ///
    /// # Errors
    /// The parent of `out` cannot be created or written.
    pub fn create(out: &Path) -> Result<Self, Error> {
        let parent = out.parent().unwrap_or(Path::new("."));
        let name = out.file_name().map_or_else(|| "site".into(), |n| n.to_string_lossy().into_owned());
        std::fs::create_dir_all(parent)
            .map_err(|source| Error::Write { path: parent.to_path_buf(), source })?;
        leftovers::remove_abandoned(parent, &name);
        let dir = tempfile::Builder::new()
            .prefix(&leftovers::prefix(&name))
            .tempdir_in(parent)
            .map_err(|source| Error::Write { path: parent.to_path_buf(), source })?;
        #[cfg(unix)]
        let open = std::fs::File::open(dir.path())
            .map_err(|source| Error::Write { path: dir.path().to_path_buf(), source })?;
        Ok(Self {
            dir,
            #[cfg(unix)]
            open,
            out: out.to_path_buf(),
            written: Mutex::new(Vec::new()),
        })
    }

    /// Makes the staged site the output, in one step.
    ///
    /// # Errors
    /// The swap failed; the previous output is then untouched.
    pub fn commit(self) -> Result<(), Error> {
        let staged = self.dir.keep();
        let out = &self.out;
        let result = if out.exists() { exchange(&staged, out) } else { std::fs::rename(&staged, out) };
        // After an exchange, `staged` holds the previous site.
        let cleanup = std::fs::remove_dir_all(&staged);
        result.map_err(|source| Error::Write { path: out.clone(), source })?;
        if staged.exists() {
            cleanup.map_err(|source| Error::Write { path: staged.clone(), source })?;
        }
        Ok(())
    }
}

impl Sink for Staging {
    fn write(&self, rel: &str, file: &File) -> Result<(), Error> {
        #[cfg(unix)]
        let record = write_file_at(&self.open, rel, &|| self.dir.path().join(rel), file)?;
        #[cfg(not(unix))]
        let record = write_file(&self.dir.path().join(rel), file)?;
        self.written
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .push((rel.to_string(), record));
        Ok(())
    }

    fn written(&self) -> Vec<(String, Written)> {
        self.written.lock().unwrap_or_else(std::sync::PoisonError::into_inner).clone()
    }
}

/// The bytes of a site file.
///
/// # Errors
/// A file to copy cannot be read.
pub fn bytes_of(file: &File) -> Result<std::borrow::Cow<'_, [u8]>, Error> {
    match file {
        File::Bytes(b) => Ok(std::borrow::Cow::Borrowed(b)),
        File::Copy(from) => std::fs::read(from)
            .map(std::borrow::Cow::Owned)
            .map_err(|source| Error::Read { path: from.clone(), source }),
    }
}

/// Writes `file` at `path`, creating folders, and returns what the cache
/// records of it.
///
/// # Errors
/// It could not be read (a copy) or written.
pub fn write_file(path: &Path, file: &File) -> Result<Written, Error> {
    let fail = |source| Error::Write { path: path.to_path_buf(), source };
    if let Some(p) = path.parent() {
        std::fs::create_dir_all(p).map_err(fail)?;
    }
    let bytes = bytes_of(file)?;
    let handle = std::fs::File::create(path).map_err(fail)?;
    fill(handle, &bytes).map_err(fail)
}

/// Writes `bytes` into the new file `handle` and records it as written.
fn fill(mut handle: std::fs::File, bytes: &[u8]) -> std::io::Result<Written> {
    handle.write_all(bytes)?;
    // Stated through the open file, without a second path lookup. Where a
    // network file system sets the time only when the file is flushed at
    // close, the next build sees another time than the one recorded and
    // renders the page again: extra work, never a stale page.
    let meta = handle.metadata()?;
    drop(handle);
    Ok(Written { hash: key::of(bytes), len: meta.len(), mtime: cache::mtime(&meta) })
}

/// [`write_file`] of `rel` (a `/`-separated relative path) below the open
/// folder `dir`, whose full path `path` gives for messages. Each path is
/// looked up from `dir`, not from the file-system root: the kernel walks
/// three or four names per page instead of the whole output path, which on
/// a site of 100,000 pages is a few per cent of a build.
///
/// # Errors
/// A folder or the file cannot be made or written.
#[cfg(unix)]
fn write_file_at(
    dir: &std::fs::File,
    rel: &str,
    path: &dyn Fn() -> PathBuf,
    file: &File,
) -> Result<Written, Error> {
    use rustix::fs::{openat, Mode, OFlags};
    let fail = |source: std::io::Error| Error::Write { path: path(), source };
    if let Some((folder, _)) = rel.rsplit_once('/') {
        create_dirs_at(dir, folder).map_err(fail)?;
    }
    let bytes = bytes_of(file)?;
    let flags = OFlags::WRONLY | OFlags::CREATE | OFlags::TRUNC | OFlags::CLOEXEC;
    // The mode `File::create` gives, before the umask.
    let fd = openat(dir, rel, flags, Mode::from_raw_mode(0o666)).map_err(|e| fail(e.into()))?;
    fill(std::fs::File::from(fd), &bytes).map_err(fail)
}

/// `create_dir_all` of `rel` below the open folder `dir`: the folder is
/// made at once when its parent exists (nearly always), else its parents
/// first.
#[cfg(unix)]
fn create_dirs_at(dir: &std::fs::File, rel: &str) -> std::io::Result<()> {
    use rustix::fs::{mkdirat, Mode};
    use rustix::io::Errno;
    // The mode `create_dir_all` gives, before the umask.
    let make = || mkdirat(dir, rel, Mode::from_raw_mode(0o777));
    match make() {
        Ok(()) | Err(Errno::EXIST) => Ok(()),
        Err(Errno::NOENT) => {
            if let Some((parent, _)) = rel.rsplit_once('/') {
                create_dirs_at(dir, parent)?;
            }
            match make() {
                Ok(()) | Err(Errno::EXIST) => Ok(()),
                Err(e) => Err(e.into()),
            }
        }
        Err(e) => Err(e.into()),
    }
}

/// Writes `files` (paths relative to the site root) as the new content of
/// `out`, replacing the old content only once everything is written.
///
/// # Errors
/// A file could not be written; the previous output is then untouched.
pub fn write_site(out: &Path, files: &[(String, File)]) -> Result<(), Error> {
    use rayon::prelude::*;
    let staging = Staging::create(out)?;
    files.par_iter().try_for_each(|(rel, file)| staging.write(rel, file))?;
    staging.commit()
}

/// Swaps two directories in one step, so that at every instant `out` is
/// either the whole previous site or the whole new one.
#[cfg(target_os = "linux")]
fn exchange(staged: &Path, out: &Path) -> std::io::Result<()> {
    use rustix::fs::{renameat_with, RenameFlags, CWD};
    match renameat_with(CWD, staged, CWD, out, RenameFlags::EXCHANGE) {
        Ok(()) => Ok(()),
        // File systems without RENAME_EXCHANGE fall back to two renames.
        Err(rustix::io::Errno::INVAL | rustix::io::Errno::NOSYS) => exchange_by_renames(staged, out),
        Err(e) => Err(e.into()),
    }
}

#[cfg(not(target_os = "linux"))]
fn exchange(staged: &Path, out: &Path) -> std::io::Result<()> {
    exchange_by_renames(staged, out)
}

/// Moves `out` aside, moves `staged` in, and leaves the previous site at
/// `staged`; restores `out` if the second rename fails.
fn exchange_by_renames(staged: &Path, out: &Path) -> std::io::Result<()> {
    let aside = staged.with_extension("old");
    std::fs::rename(out, &aside)?;
    if let Err(e) = std::fs::rename(staged, out) {
        let _ = std::fs::rename(&aside, out);
        return Err(e);
    }
    std::fs::rename(&aside, staged)
}

fn absolute(path: &Path) -> PathBuf {
    let p = if path.is_absolute() {
        path.to_path_buf()
    } else {
        std::env::current_dir().unwrap_or_default().join(path)
    };
    let p = normalize(&p);
    p.canonicalize().unwrap_or(p)
}

/// Removes `.` and resolves `..` lexically.
fn normalize(path: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for c in path.components() {
        match c {
            Component::ParentDir => {
                out.pop();
            }
            Component::CurDir => {}
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn refuses_dangerous_outputs() {
        let root = tempfile::tempdir().unwrap();
        let r = root.path();
        for bad in [".", "..", "content", "content/site", "locales", "/", "templates/x/.."] {
            assert!(checked(r, Path::new(bad)).is_err(), "{bad}");
        }
        assert!(checked(r, Path::new("site")).is_ok());
        assert!(checked(r, Path::new("../elsewhere")).is_ok());
    }

    #[test]
    fn replaces_old_content_completely() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("site");
        std::fs::create_dir_all(out.join("old")).unwrap();
        std::fs::write(out.join("old/x.html"), "old").unwrap();
        write_site(&out, &[("a/b.html".into(), File::Bytes(b"new".to_vec()))]).unwrap();
        assert_eq!(std::fs::read_to_string(out.join("a/b.html")).unwrap(), "new");
        assert!(!out.join("old").exists());
        let leftovers: Vec<_> =
            std::fs::read_dir(dir.path()).unwrap().filter_map(Result::ok).map(|e| e.file_name()).collect();
        assert_eq!(leftovers.len(), 1, "{leftovers:?}");
    }

    #[test]
    fn staged_files_are_made_with_their_folders_below_the_staging_folder() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("site");
        let staging = Staging::create(&out).unwrap();
        for (rel, text) in
            [("a/b/c/d.html", "deep"), ("a/e.html", "shallow"), ("top.html", "top"), ("a/b/f.html", "again")]
        {
            staging.write(rel, &File::Bytes(text.as_bytes().to_vec())).unwrap();
        }
        // A folder where a file is: the error names the whole path.
        let Err(Error::Write { path, .. }) = staging.write("top.html/x.html", &File::Bytes(b"x".to_vec()))
        else {
            panic!("a file cannot be a folder");
        };
        assert!(path.ends_with("top.html/x.html") && path.starts_with(dir.path()), "{path:?}");
        let mut written = staging.written();
        written.sort_by(|a, b| a.0.cmp(&b.0));
        staging.commit().unwrap();
        assert_eq!(std::fs::read_to_string(out.join("a/b/c/d.html")).unwrap(), "deep");
        assert_eq!(std::fs::read_to_string(out.join("a/b/f.html")).unwrap(), "again");
        let rels: Vec<&str> = written.iter().map(|(rel, _)| rel.as_str()).collect();
        assert_eq!(rels, ["a/b/c/d.html", "a/b/f.html", "a/e.html", "top.html"]);
        for (rel, w) in &written {
            let bytes = std::fs::read(out.join(rel)).unwrap();
            assert_eq!((w.len, &w.hash), (bytes.len() as u64, &key::of(&bytes)), "{rel}");
        }
    }

    #[test]
    fn failed_write_keeps_the_previous_site() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("site");
        std::fs::create_dir_all(&out).unwrap();
        std::fs::write(out.join("index.html"), "good").unwrap();
        let missing = dir.path().join("does-not-exist.png");
        let result = write_site(
            &out,
            &[("index.html".into(), File::Bytes(b"new".to_vec())), ("x.png".into(), File::Copy(missing))],
        );
        assert!(result.is_err());
        assert_eq!(std::fs::read_to_string(out.join("index.html")).unwrap(), "good");
    }
}
