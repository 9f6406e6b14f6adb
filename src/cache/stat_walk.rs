//! Stating every input of a project, fast, on Linux: each folder is opened
//! once and its files are stated relative to it (no path is resolved from
//! the root again for each file), and folders are read side by side on
//! every core. It finds what the portable walk in [`super::snapshot`] finds
//! (a test there compares the two); at 100,000 articles it is what a build
//! with nothing to do spends most of its time on. A folder is told to be
//! the output by its device and inode, not by resolving its path, which
//! costs a call per component for every folder (a project with a folder
//! per article has as many folders as articles).

use super::snapshot::{Stat, Stated};
use rayon::prelude::*;
use rustix::fd::{AsFd, BorrowedFd, OwnedFd};
use rustix::fs::{fstat, openat, statat, AtFlags, Dir, FileType, Mode, OFlags, CWD};
use std::ffi::{CStr, CString, OsStr};
use std::os::unix::ffi::OsStrExt;
use std::path::Path;

/// One file found: its path relative to the root, its size and time, and
/// whether it is a symbolic link.
type Found = (String, Stat, bool);

/// How deep folders are read this way; deeper ones are walked by the
/// portable walk, which keeps no stack frame per folder (a project of
/// thousands of nested folders must not overflow a thread's stack).
const DEEPEST: usize = 48;

/// Where a folder is: the project root, its own path, its path relative to
/// the root, and how deep it is.
struct Place<'a> {
    root: &'a Path,
    path: &'a Path,
    rel: &'a str,
    depth: usize,
}

/// The output folder, left out of the walk: its path, and what `fstat`
/// says of it when it exists.
struct Output<'a> {
    path: &'a Path,
    stat: Option<rustix::fs::Stat>,
}

/// The files under `root` but skipped ones (see [`super::snapshot::skipped`]),
/// with their size and modification time, by path relative to `root`, in
/// no particular order; and which of them are symbolic links. `None` when
/// `root` cannot be opened as a folder.
pub(super) fn stated(root: &Path, out: &Path) -> Option<Stated> {
    let flags = OFlags::RDONLY | OFlags::DIRECTORY | OFlags::CLOEXEC;
    let fd = openat(CWD, root, flags, Mode::empty()).ok()?;
    let out = Output { path: out, stat: statat(CWD, out, AtFlags::empty()).ok() };
    let found = folder(fd, &Place { root, path: root, rel: "", depth: 0 }, &out);
    let links = found.iter().filter(|(_, _, link)| *link).map(|(rel, _, _)| rel.clone()).collect();
    Some((found.into_iter().map(|(rel, stat, _)| (rel, stat)).collect(), links))
}

/// What is under the open folder `fd`, at `place`.
fn folder(fd: OwnedFd, place: &Place<'_>, out: &Output<'_>) -> Vec<Found> {
    let Ok(mut dir) = Dir::new(fd) else { return Vec::new() };
    let mut found = Vec::new();
    let mut folders: Vec<CString> = Vec::new();
    // An entry that cannot be read ends the folder, as it does for walkdir.
    while let Some(Ok(entry)) = dir.read() {
        let name = entry.file_name();
        // `.`, `..`, and hidden files and folders.
        if name.to_bytes().first() == Some(&b'.') {
            continue;
        }
        let Ok(at) = dir.fd() else { break };
        let kind = match entry.file_type() {
            FileType::Unknown => statat(at, name, AtFlags::SYMLINK_NOFOLLOW)
                .map_or(FileType::Unknown, |s| FileType::from_raw_mode(s.st_mode)),
            kind => kind,
        };
        if kind == FileType::Directory {
            folders.push(name.to_owned());
            continue;
        }
        // Followed: a symlinked file counts by what it points to.
        let stat = statat(at, name, AtFlags::empty()).map_or((u64::MAX, 0), |s| {
            let secs = u128::try_from(s.st_mtime).ok();
            let mtime = secs.map_or(0, |secs| secs * 1_000_000_000 + u128::from(s.st_mtime_nsec));
            (u64::try_from(s.st_size).unwrap_or(u64::MAX), mtime)
        });
        found.push((joined(place.rel, name.to_bytes()), stat, kind == FileType::Symlink));
    }
    let Ok(at) = dir.fd() else { return found };
    let nested: Vec<Vec<Found>> =
        folders.par_iter().filter_map(|name| subfolder(at, place, name, out)).collect();
    found.extend(nested.into_iter().flatten());
    found
}

/// What is under the folder `name` of the open folder `at` (at `place`),
/// unless the walk skips it.
fn subfolder(at: BorrowedFd<'_>, place: &Place<'_>, name: &CString, out: &Output<'_>) -> Option<Vec<Found>> {
    let flags = OFlags::RDONLY | OFlags::DIRECTORY | OFlags::CLOEXEC | OFlags::NOFOLLOW;
    let fd = openat(at.as_fd(), name.as_c_str(), flags, Mode::empty()).ok()?;
    if skipped(fd.as_fd(), name, out) {
        return None;
    }
    let path = place.path.join(OsStr::from_bytes(name.to_bytes()));
    if place.depth >= DEEPEST {
        let (files, links) = super::snapshot::stated(place.root, &path, out.path, false);
        let links: std::collections::HashSet<String> = links.into_iter().collect();
        return Some(
            files.into_iter().map(|(rel, stat)| (rel.clone(), stat, links.contains(&rel))).collect(),
        );
    }
    let rel = joined(place.rel, name.to_bytes());
    Some(folder(fd, &Place { root: place.root, path: &path, rel: &rel, depth: place.depth + 1 }, out))
}

/// [`super::snapshot::skipped`] for the open folder `fd` named `name` (not
/// hidden): `node_modules`, a folder tagged as a cache, the output.
fn skipped(fd: BorrowedFd<'_>, name: &CStr, out: &Output<'_>) -> bool {
    let tagged = || {
        statat(fd, c"CACHEDIR.TAG", AtFlags::empty())
            .is_ok_and(|s| FileType::from_raw_mode(s.st_mode) == FileType::RegularFile)
    };
    let output = || {
        out.stat
            .as_ref()
            .is_some_and(|o| fstat(fd).is_ok_and(|s| (s.st_dev, s.st_ino) == (o.st_dev, o.st_ino)))
    };
    name.to_bytes() == b"node_modules" || tagged() || output()
}

/// `rel/name`, or `name` at the root.
fn joined(rel: &str, name: &[u8]) -> String {
    let name = String::from_utf8_lossy(name);
    if rel.is_empty() {
        name.into_owned()
    } else {
        format!("{rel}/{name}")
    }
}
