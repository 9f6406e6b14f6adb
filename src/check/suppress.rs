//! Applies `tolk-disable` comments ([`crate::content::disable`]) to
//! findings: an article's were read when it was loaded; another file with
//! findings (a Fluent file) is read here.

use crate::content::disable::parse;
use crate::content::Project;
use crate::diagnostic::Diagnostic;
use rayon::prelude::*;
use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};

/// What one file of a finding is: an article, with the rules it silences
/// if any; or another file, to read.
type Looked<'f> = Result<Option<(PathBuf, Vec<String>)>, &'f std::ffi::OsStr>;

/// The silenced rules of each file that has findings.
pub struct Suppressions {
    by_file: HashMap<PathBuf, Vec<String>>,
}

impl Suppressions {
    /// The suppressions of the files of `findings` in `project`: articles'
    /// from the articles, other files read in parallel, each once.
    #[must_use]
    pub fn new(project: &Project, findings: &[Diagnostic]) -> Self {
        // Keyed by the path's bytes, which hash far faster than its
        // components.
        let files: HashSet<&std::ffi::OsStr> = findings.iter().map(|d| d.path.as_os_str()).collect();
        let files: Vec<&std::ffi::OsStr> = files.into_iter().collect();
        // Thousands of files at scale, each looked up among the articles.
        let found: Vec<Looked<'_>> = files
            .into_par_iter()
            .map(|file| match project.article_at(Path::new(file)) {
                Some(a) => Ok(a.silenced.as_ref().map(|rules| (a.path.clone(), rules.clone()))),
                None => Err(file),
            })
            .collect();
        let mut by_file = HashMap::new();
        let mut others = Vec::new();
        for one in found {
            match one {
                Ok(silenced) => by_file.extend(silenced),
                Err(file) => others.push(file),
            }
        }
        let others: Vec<(PathBuf, Vec<String>)> = others
            .into_par_iter()
            .filter_map(|path| {
                let path = Path::new(path);
                let text = crate::content::limits::read_regular(
                    &project.root.join(path),
                    crate::content::limits::DEFAULT_MAX_FILE_SIZE,
                )?;
                Some((path.to_path_buf(), parse(&String::from_utf8_lossy(&text))?))
            })
            .collect();
        by_file.extend(others);
        Self { by_file }
    }

    /// Whether the finding's file silences its rule.
    #[must_use]
    pub fn silences(&self, d: &Diagnostic) -> bool {
        self.by_file.get(&d.path).is_some_and(|r| r.is_empty() || r.iter().any(|name| name == d.rule))
    }
}
