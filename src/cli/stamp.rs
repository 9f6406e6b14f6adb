//! `tolk stamp PATH…`: record the current source fingerprint in translations.

use super::Global;
use crate::content::stamp::stamp;
use crate::Exit;
use clap::Args;
use std::path::{Path, PathBuf};

/// Arguments of `tolk stamp`.
#[derive(Debug, Args)]
pub struct StampArgs {
    /// Translation files to stamp (relative to the current directory).
    #[arg(required = true, value_name = "PATH")]
    pub paths: Vec<PathBuf>,
}

/// Runs `tolk stamp`.
#[allow(clippy::print_stdout, clippy::print_stderr)]
pub fn execute(global: &Global, args: &StampArgs) -> Exit {
    let (project, _) = match crate::load(&global.root) {
        Ok(p) => p,
        Err(e) => {
            eprintln!("error: {e}");
            return Exit::Failure;
        }
    };
    let mut exit = Exit::Clean;
    for path in &args.paths {
        let rel = relative_to_root(&global.root, path);
        match stamp(&project, &rel) {
            Ok(s) if s.unchanged() => {
                if !global.quiet {
                    println!(
                        "{}: already records the current source ({})",
                        s.path.display(),
                        short(&s.after)
                    );
                }
            }
            Ok(s) => println!(
                "{}: {} → {}",
                s.path.display(),
                s.before.as_deref().map_or_else(|| "no fingerprint".to_string(), |b| short(b).to_string()),
                short(&s.after)
            ),
            Err(e) => {
                eprintln!("error: {e}");
                exit = Exit::Failure;
            }
        }
    }
    exit
}

/// A path given on the command line, relative to the project root.
fn relative_to_root(root: &Path, path: &Path) -> PathBuf {
    let canonical_root = root.canonicalize().unwrap_or_else(|_| root.to_path_buf());
    match path.canonicalize() {
        Ok(p) => p.strip_prefix(&canonical_root).map_or(p.clone(), Path::to_path_buf),
        Err(_) => path.to_path_buf(),
    }
}

fn short(hash: &str) -> &str {
    hash.get(..12).unwrap_or(hash)
}
