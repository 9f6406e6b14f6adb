//! Temporary files and folders that a killed run could not remove: the
//! staging folder of a site, a cache file being written. Each is named
//! `.<name>.tmp-<pid>-<random>` beside `<name>`, and the next run that
//! writes `<name>` removes those whose process no longer runs.

use std::path::Path;

/// The start of the name of a temporary file or folder for `name`, made
/// by this process.
#[must_use]
pub fn prefix(name: &str) -> String {
    format!(".{name}.tmp-{}-", std::process::id())
}

/// Removes the temporary files and folders for `name` in `parent` whose
/// process no longer runs (nothing where `/proc` cannot tell).
pub fn remove_abandoned(parent: &Path, name: &str) {
    remove(parent, Some(name));
}

/// Removes every temporary file and folder in `dir`, a folder only tolk
/// writes in (`.tolk-cache`), whose process no longer runs.
pub fn remove_all_abandoned(dir: &Path) {
    remove(dir, None);
}

fn remove(dir: &Path, name: Option<&str>) {
    let Ok(entries) = std::fs::read_dir(dir) else { return };
    for entry in entries.filter_map(Result::ok) {
        let file_name = entry.file_name().to_string_lossy().into_owned();
        let rest = match name {
            Some(name) => file_name.strip_prefix(&format!(".{name}.tmp-")),
            None => file_name.strip_prefix('.').and_then(|f| Some(f.split_once(".tmp-")?.1)),
        };
        let Some(pid) = rest.and_then(|rest| rest.split('-').next()?.parse::<u32>().ok()) else {
            continue;
        };
        let alive = Path::new("/proc").is_dir().then(|| Path::new("/proc").join(pid.to_string()).exists());
        if alive == Some(false) {
            let path = entry.path();
            let _ = if entry.file_type().is_ok_and(|t| t.is_dir()) {
                std::fs::remove_dir_all(path)
            } else {
                std::fs::remove_file(path)
            };
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn removes_what_dead_processes_left_and_nothing_else() {
        let dir = tempfile::tempdir().unwrap();
        let d = dir.path();
        // No process ever has this id (Linux caps them far below).
        let dead = format!(".site.bin.tmp-{}-abc", u32::MAX);
        std::fs::write(d.join(&dead), "half a cache").unwrap();
        std::fs::create_dir(d.join(format!(".site.tmp-{}-xyz", u32::MAX))).unwrap();
        let ours = format!("{}xyz", prefix("site.bin"));
        std::fs::write(d.join(&ours), "being written").unwrap();
        std::fs::write(d.join("site.bin"), "the cache").unwrap();
        std::fs::write(d.join(format!(".other.bin.tmp-{}-abc", u32::MAX)), "another name").unwrap();
        remove_abandoned(d, "site.bin");
        remove_abandoned(d, "site");
        let mut left: Vec<String> = std::fs::read_dir(d)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        left.sort();
        let mut expected = vec![ours, "site.bin".to_string(), format!(".other.bin.tmp-{}-abc", u32::MAX)];
        expected.sort();
        assert_eq!(left, expected);
        remove_all_abandoned(d);
        let left = std::fs::read_dir(d).unwrap().count();
        assert_eq!(left, 2, "the other name's leftover goes too; ours and the cache stay");
    }
}
