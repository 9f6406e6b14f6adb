//! Writing the site without ever leaving a half-written one: everything is
//! written to a temporary directory beside the output, which replaces the
//! old output only when complete. Also refuses output directories that would
//! overwrite or delete the project's own files.

use crate::error::Error;
use std::path::{Component, Path, PathBuf};

/// Folders the output must never be, contain or be inside of in a way that deletes them.
const PROTECTED: &[&str] = &["content", "locales", "templates"];

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

/// Writes `files` (paths relative to the site root) as the new content of
/// `out`, replacing the old content only once everything is written.
///
/// # Errors
/// A file could not be written; the previous output is then untouched.
pub fn write_site(out: &Path, files: &[(String, File)]) -> Result<(), Error> {
    let parent = out.parent().unwrap_or(Path::new("."));
    let name = out.file_name().map_or_else(|| "site".into(), |n| n.to_string_lossy().into_owned());
    std::fs::create_dir_all(parent).map_err(|source| Error::Write { path: parent.to_path_buf(), source })?;
    let staging = tempfile::Builder::new()
        .prefix(&format!(".{name}.tmp-"))
        .tempdir_in(parent)
        .map_err(|source| Error::Write { path: parent.to_path_buf(), source })?;
    write_all(staging.path(), files)?;
    let old = parent.join(format!(".{name}.old-{}", std::process::id()));
    let had_old = out.exists();
    if had_old {
        std::fs::rename(out, &old).map_err(|source| Error::Write { path: out.to_path_buf(), source })?;
    }
    let staged = staging.keep();
    if let Err(source) = std::fs::rename(&staged, out) {
        // Put the previous site back before reporting.
        if had_old {
            let _ = std::fs::rename(&old, out);
        }
        let _ = std::fs::remove_dir_all(&staged);
        return Err(Error::Write { path: out.to_path_buf(), source });
    }
    if had_old {
        std::fs::remove_dir_all(&old).map_err(|source| Error::Write { path: old.clone(), source })?;
    }
    Ok(())
}

fn write_all(dir: &Path, files: &[(String, File)]) -> Result<(), Error> {
    use rayon::prelude::*;
    files.par_iter().try_for_each(|(rel, file)| {
        let path = dir.join(rel);
        let fail = |source| Error::Write { path: path.clone(), source };
        if let Some(p) = path.parent() {
            std::fs::create_dir_all(p).map_err(fail)?;
        }
        match file {
            File::Bytes(bytes) => std::fs::write(&path, bytes).map_err(fail),
            File::Copy(from) => std::fs::copy(from, &path).map(|_| ()).map_err(fail),
        }
    })
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
