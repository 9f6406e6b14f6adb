//! Helpers: copy a fixture into a temporary directory, run the binary, read pages.

use std::path::{Path, PathBuf};
use std::process::Command;

/// The repository root.
pub fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// A fixture site, by name under `tests/fixtures/build/`.
pub fn fixture(name: &str) -> PathBuf {
    repo().join("tests/fixtures/build").join(name)
}

/// A fresh copy of `src` in a temporary directory (so tests can edit it).
pub fn copy(src: &Path) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    copy_into(src, dir.path());
    dir
}

fn copy_into(src: &Path, dst: &Path) {
    for entry in walkdir::WalkDir::new(src) {
        let entry = entry.unwrap();
        let rel = entry.path().strip_prefix(src).unwrap();
        let target = dst.join(rel);
        if entry.file_type().is_dir() {
            std::fs::create_dir_all(&target).unwrap();
        } else {
            std::fs::copy(entry.path(), &target).unwrap();
        }
    }
}

/// A copy of the repository's example project (book.toml, content,
/// locales, templates) in a temporary directory.
pub fn example() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for part in ["content", "locales", "templates"] {
        copy_into(&repo().join(part), &dir.path().join(part));
    }
    std::fs::copy(repo().join("book.toml"), dir.path().join("book.toml")).unwrap();
    dir
}

/// The result of one run.
pub struct Run {
    pub code: i32,
    pub stderr: String,
    pub stdout: String,
}

/// Runs `tolk` with `args` in `root`.
pub fn tolk(root: &Path, args: &[&str]) -> Run {
    let out = Command::new(env!("CARGO_BIN_EXE_tolk"))
        .args(args)
        .current_dir(root)
        .env("NO_COLOR", "1")
        .output()
        .unwrap();
    let run = Run {
        code: out.status.code().unwrap_or(-1),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
    };
    assert!(!run.stderr.contains("panicked"), "tolk panicked:\n{}", run.stderr);
    run
}

/// Builds the site at `root` into `root/site` and asserts success.
pub fn build_ok(root: &Path) -> Run {
    let run = tolk(root, &["build"]);
    assert_eq!(run.code, 0, "build failed:\n{}", run.stderr);
    run
}

/// A page of the built site.
pub fn page(root: &Path, path: &str) -> String {
    std::fs::read_to_string(root.join("site").join(path)).unwrap_or_else(|e| panic!("{path}: {e}"))
}

/// The `<main>` element of a page, for snapshots.
pub fn main_of(html: &str) -> &str {
    let start = html.find("<main").expect("no <main>");
    let end = html.find("</main>").expect("no </main>") + "</main>".len();
    &html[start..end]
}

/// Every file under `dir` with its bytes, sorted by path.
pub fn tree(dir: &Path) -> Vec<(String, Vec<u8>)> {
    let mut files: Vec<(String, Vec<u8>)> = walkdir::WalkDir::new(dir)
        .sort_by_file_name()
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            (
                e.path().strip_prefix(dir).unwrap().to_string_lossy().into_owned(),
                std::fs::read(e.path()).unwrap(),
            )
        })
        .collect();
    files.sort();
    files
}

/// The `href` values of `<link rel="alternate" hreflang>` tags: (hreflang, href).
pub fn alternates(html: &str) -> Vec<(String, String)> {
    html.lines()
        .filter(|l| l.starts_with("<link rel=\"alternate\""))
        .map(|l| (attr(l, "hreflang"), attr(l, "href")))
        .collect()
}

/// The value of attribute `name` in the first tag of `tag_text` that has it.
pub fn attr(tag_text: &str, name: &str) -> String {
    let key = format!(" {name}=\"");
    let start = tag_text.find(&key).unwrap_or_else(|| panic!("no {name} in {tag_text}")) + key.len();
    tag_text[start..].split('"').next().unwrap().to_string()
}

/// Applies a check case to a copy of a site: its files replace or add
/// files, and its `.delete` lists files to remove.
pub fn overlay(site: &Path, case: &Path) {
    for entry in
        walkdir::WalkDir::new(case).into_iter().filter_map(Result::ok).filter(|e| e.file_type().is_file())
    {
        let rel = entry.path().strip_prefix(case).unwrap();
        match rel.to_str() {
            Some(".keep") => {}
            Some(".mkfifo") => {
                for line in std::fs::read_to_string(entry.path()).unwrap().lines().filter(|l| !l.is_empty()) {
                    let status = std::process::Command::new("mkfifo").arg(site.join(line)).status().unwrap();
                    assert!(status.success());
                }
            }
            Some(".symlink") => {
                for line in std::fs::read_to_string(entry.path()).unwrap().lines().filter(|l| !l.is_empty()) {
                    let (link, target) = line.split_once(' ').unwrap();
                    std::os::unix::fs::symlink(target, site.join(link)).unwrap();
                }
            }
            Some(".delete") => {
                for line in std::fs::read_to_string(entry.path()).unwrap().lines().filter(|l| !l.is_empty()) {
                    std::fs::remove_file(site.join(line)).unwrap();
                }
            }
            _ => {
                let target = site.join(rel);
                std::fs::create_dir_all(target.parent().unwrap()).unwrap();
                std::fs::copy(entry.path(), target).unwrap();
            }
        }
    }
}

/// Sets every file of the project an hour back, as files are that were not
/// edited just before a build (a build trusts the time stamps of those).
pub fn settle(root: &Path) {
    let old = std::time::SystemTime::now() - std::time::Duration::from_secs(3600);
    for e in walkdir::WalkDir::new(root).into_iter().filter_map(Result::ok) {
        if e.file_type().is_file() && !e.path().starts_with(root.join("site")) {
            std::fs::File::options().write(true).open(e.path()).unwrap().set_modified(old).unwrap();
        }
    }
}

/// Replaces the first `from` in the file `rel` of `root` with `to`.
pub fn edit(root: &Path, rel: &str, from: &str, to: &str) {
    let path = root.join(rel);
    let text = std::fs::read_to_string(&path).unwrap();
    assert!(text.contains(from), "{rel} has no {from:?}");
    std::fs::write(path, text.replacen(from, to, 1)).unwrap();
}
