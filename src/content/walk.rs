//! Walking a locale folder without trusting it: sorted for determinism,
//! symlinks resolved and kept inside the project, names that would make
//! confusing or invisible URLs reported, unreadable entries reported rather
//! than stopping the run.

use crate::diagnostic::{Diagnostic, Severity};
use crate::rules;
use std::path::{Path, PathBuf};

/// A file found under a locale folder.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    /// Path inside the locale folder, `/`-separated.
    pub rel: String,
    /// Path relative to the project root.
    pub path: PathBuf,
}

/// Every readable regular file under `dir` (relative to `root`), sorted.
/// Symlinks to files inside the project are followed; others are reported.
#[must_use]
pub fn walk(root: &Path, dir: &Path, locale: &str, findings: &mut Vec<Diagnostic>) -> Vec<Entry> {
    let canonical_root = root.canonicalize().unwrap_or_else(|_| root.to_path_buf());
    let base = root.join(dir);
    let mut out = Vec::new();
    let report =
        |findings: &mut Vec<Diagnostic>, rule: &'static str, path: PathBuf, message: String, help: &str| {
            findings.push(Diagnostic::new(rule, path, 0..0, message).in_locale(locale).with_help(help));
        };
    for entry in walkdir::WalkDir::new(&base).follow_links(false).sort_by_file_name() {
        let entry = match entry {
            Ok(e) => e,
            Err(e) => {
                let path = e
                    .path()
                    .and_then(|p| p.strip_prefix(root).ok())
                    .map_or_else(|| dir.to_path_buf(), Path::to_path_buf);
                report(
                    findings,
                    rules::UNREADABLE_FILE,
                    path,
                    format!("cannot be read: {e}"),
                    "check its permissions",
                );
                continue;
            }
        };
        let Ok(inner) = entry.path().strip_prefix(&base) else { continue };
        let path = dir.join(inner);
        if entry.path_is_symlink() {
            match std::fs::canonicalize(entry.path()) {
                Err(_) => {
                    report(
                        findings,
                        rules::UNSAFE_PATH,
                        path,
                        "symlink that loops or points nowhere; it is skipped".into(),
                        "remove the link or fix its target",
                    );
                    continue;
                }
                Ok(target) if !target.starts_with(&canonical_root) => {
                    let message =
                        format!("symlink to {}, outside the project; it is not read", target.display());
                    report(
                        findings,
                        rules::UNSAFE_PATH,
                        path,
                        message,
                        "copy the file into the project instead of linking to it",
                    );
                    continue;
                }
                Ok(target) if target.is_dir() => {
                    let mut d = Diagnostic::new(
                        rules::UNSAFE_PATH,
                        path,
                        0..0,
                        "symlinked folder; it is not followed",
                    )
                    .in_locale(locale);
                    d.severity = Severity::Warning;
                    findings.push(d.with_help("move the files into the locale folder"));
                    continue;
                }
                Ok(_) => {}
            }
        } else if entry.file_type().is_dir() {
            continue;
        } else if !entry.file_type().is_file() {
            // A pipe, socket or device: reading it could block for ever.
            report(
                findings,
                rules::UNREADABLE_FILE,
                path,
                "not a regular file (a pipe, socket or device); it is not read".into(),
                "remove it from the content folder",
            );
            continue;
        }
        let rel = crate::content::resolve::path_string(inner);
        if let Some(d) = check_name(&rel, &path, locale) {
            let stop = d.severity == Severity::Error;
            findings.push(d);
            if stop {
                continue;
            }
        }
        out.push(Entry { rel, path });
    }
    out
}

/// Invisible or control characters in a file name make a URL nobody can
/// type or see (error); whitespace makes an awkward one (warning).
fn check_name(rel: &str, path: &Path, locale: &str) -> Option<Diagnostic> {
    let invisible = |c: char| {
        c.is_control()
            || matches!(c, '\u{200b}'..='\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2060}'..='\u{2064}' | '\u{2066}'..='\u{2069}' | '\u{feff}')
    };
    if let Some(c) = rel.chars().find(|&c| invisible(c)) {
        let d = Diagnostic::new(
            rules::INVALID_FILE_NAME,
            path,
            0..0,
            format!("the file name contains the invisible character U+{:04X}; it is skipped", c as u32),
        );
        return Some(d.in_locale(locale).with_help("rename the file without it"));
    }
    if rel.chars().any(char::is_whitespace) {
        let mut d = Diagnostic::new(
            rules::INVALID_FILE_NAME,
            path,
            0..0,
            "the file name contains whitespace, which ends up in its URL as %20",
        )
        .in_locale(locale)
        .with_help("use hyphens instead of spaces");
        d.severity = Severity::Warning;
        return Some(d);
    }
    None
}

#[cfg(test)]
mod tests {
    use super::check_name;
    use crate::diagnostic::Severity;
    use std::path::Path;

    #[test]
    fn names() {
        let p = Path::new("x");
        assert!(check_name("a-b.md", p, "en-US").is_none());
        assert_eq!(check_name("a b.md", p, "en-US").unwrap().severity, Severity::Warning);
        assert_eq!(check_name("a\u{200b}b.md", p, "en-US").unwrap().severity, Severity::Error);
        assert_eq!(check_name("a\u{202e}b.md", p, "en-US").unwrap().severity, Severity::Error);
    }
}
