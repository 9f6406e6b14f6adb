//! `tolk stamp`: after a translator brings a translation up to date, record
//! the current source fingerprint in it — the hand-off step — changing no
//! other byte of the file.

use super::{fingerprint, front_matter, Project};
use crate::error::Error;
use std::path::{Path, PathBuf};

/// What stamping one file did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Stamped {
    /// The file, relative to the project root.
    pub path: PathBuf,
    /// The fingerprint it recorded before, if any.
    pub before: Option<String>,
    /// The fingerprint it records now.
    pub after: String,
}

impl Stamped {
    /// Whether the file was already current (nothing written).
    #[must_use]
    pub fn unchanged(&self) -> bool {
        self.before.as_deref() == Some(self.after.as_str())
    }
}

/// Records the current fingerprint of its source in the translation at
/// `path` (relative to the project root).
///
/// # Errors
/// The file is not a translation of a source article, or cannot be written.
pub fn stamp(project: &Project, path: &Path) -> Result<Stamped, Error> {
    let not = |why: &str| Error::Stamp { path: path.to_path_buf(), reason: why.to_string() };
    let article = project
        .articles
        .iter()
        .filter(|(l, _)| **l != project.source)
        .flat_map(|(_, m)| m.values())
        .find(|a| a.path == path)
        .ok_or_else(|| {
            if project.sources().values().any(|a| a.path == path) {
                not("it is a source article; stamp the translations made from it")
            } else {
                not("it is not an article of a translation locale under content/ (or its front matter does not parse)")
            }
        })?;
    let source =
        project.sources().get(&article.rel).ok_or_else(|| not("its source article does not exist"))?;
    let key = &project.config.content.fingerprint_key;
    let before = article.front.text(key).map(str::to_string);
    // Keep the algorithm the file already uses (SHA-256 when it records 64 digits).
    let after = match &before {
        Some(b) if b.len() == 64 => fingerprint::current_sha256(source.text().as_bytes()),
        _ => fingerprint::current(source.text().as_bytes()),
    };
    let stamped = Stamped { path: path.to_path_buf(), before, after };
    if stamped.unchanged() {
        return Ok(stamped);
    }
    let text = rewrite(article.text(), key, &stamped.after);
    let full = project.root.join(path);
    let dir = full.parent().unwrap_or(Path::new("."));
    let write = || -> std::io::Result<()> {
        // Named for the article and this process: what a killed stamp
        // left beside it goes at the next stamp of that article.
        let name = full.file_name().map_or_else(|| "article".into(), |n| n.to_string_lossy().into_owned());
        crate::cache::leftovers::remove_abandoned(dir, &name);
        let tmp =
            tempfile::Builder::new().prefix(&crate::cache::leftovers::prefix(&name)).tempfile_in(dir)?;
        std::fs::write(tmp.path(), text.as_bytes())?;
        if let Ok(meta) = std::fs::metadata(&full) {
            std::fs::set_permissions(tmp.path(), meta.permissions())?;
        }
        tmp.persist(&full).map_err(|e| e.error)?;
        Ok(())
    };
    write().map_err(|source| Error::Write { path: full.clone(), source })?;
    Ok(stamped)
}

/// The text with `key`'s value replaced (or the key added at the end of the
/// front matter, or a front matter created), all else byte for byte.
#[must_use]
pub fn rewrite(text: &str, key: &str, value: &str) -> String {
    let newline = if text.contains("\r\n") { "\r\n" } else { "\n" };
    let Ok(split) = front_matter::split(text) else {
        return text.to_string();
    };
    let Some(yaml) = split.yaml else {
        let bom = if text.starts_with('\u{feff}') { 3 } else { 0 };
        return format!("{}---{newline}{key}: {value}{newline}---{newline}{}", &text[..bom], &text[bom..]);
    };
    let mut pos = yaml.start;
    for line in text[yaml.clone()].split_inclusive('\n') {
        if let Some(rest) = line.strip_prefix(key) {
            if let Some(after_colon) = rest.strip_prefix(':') {
                let value_start = pos
                    + key.len()
                    + 1
                    + (after_colon.len() - after_colon.trim_start_matches([' ', '\t']).len());
                let value_end = pos + line.trim_end_matches(['\n', '\r']).len();
                return format!("{}{value}{}", &text[..value_start], &text[value_end..]);
            }
        }
        pos += line.len();
    }
    format!("{}{key}: {value}{newline}{}", &text[..yaml.end], &text[yaml.end..])
}

#[cfg(test)]
mod tests {
    use super::rewrite;

    #[test]
    fn replaces_only_the_value() {
        let text = "---\ntitle: x\nms.openlocfilehash: old\nms.other: y\n---\nbody\n";
        assert_eq!(
            rewrite(text, "ms.openlocfilehash", "new"),
            "---\ntitle: x\nms.openlocfilehash: new\nms.other: y\n---\nbody\n"
        );
    }

    #[test]
    fn keeps_crlf_and_bom() {
        let text = "\u{feff}---\r\ntitle: x\r\nms.openlocfilehash: old\r\n---\r\nbody\r\n";
        assert_eq!(
            rewrite(text, "ms.openlocfilehash", "new"),
            "\u{feff}---\r\ntitle: x\r\nms.openlocfilehash: new\r\n---\r\nbody\r\n"
        );
    }

    #[test]
    fn adds_a_missing_key() {
        assert_eq!(rewrite("---\ntitle: x\n---\nbody\n", "k", "v"), "---\ntitle: x\nk: v\n---\nbody\n");
        assert_eq!(rewrite("body\r\n", "k", "v"), "---\r\nk: v\r\n---\r\nbody\r\n");
    }
}
