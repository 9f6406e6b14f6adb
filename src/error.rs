//! Errors that stop a stage: the tool could not run (exit code 2).
//!
//! Problems with the user's content are not errors but findings
//! ([`crate::diagnostic::Diagnostic`]), collected so that one run reports all.

use std::path::PathBuf;

/// Why tolk could not do its job.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// A file or directory could not be read.
    #[error("cannot read {}: {source}", path.display())]
    Read {
        /// What could not be read.
        path: PathBuf,
        /// Why.
        source: std::io::Error,
    },
    /// A file or directory could not be written.
    #[error("cannot write {}: {source}", path.display())]
    Write {
        /// What could not be written.
        path: PathBuf,
        /// Why.
        source: std::io::Error,
    },
    /// `book.toml` is not valid.
    #[error("{}:{line}:{column}: {message}", path.display())]
    Config {
        /// The configuration file.
        path: PathBuf,
        /// 1-based line.
        line: usize,
        /// 1-based column, in characters.
        column: usize,
        /// What is wrong and what to do.
        message: String,
    },
    /// A template does not compile or failed to render.
    #[error("template {name}: {message}")]
    Template {
        /// Template name, e.g. `article.html`.
        name: String,
        /// Tera's explanation, with the line where it has one.
        message: String,
    },
    /// `tolk stamp` was given a file it cannot stamp.
    #[error("cannot stamp {}: {reason}", path.display())]
    Stamp {
        /// The file.
        path: PathBuf,
        /// Why not.
        reason: String,
    },
    /// `--locale` names a locale the project does not have.
    #[error("--locale {tag}: this project has no such locale (it has {known}); add content/{tag}/ or pick one of those")]
    UnknownLocale {
        /// The canonical tag asked for.
        tag: String,
        /// The project's locales, comma-separated.
        known: String,
    },
    /// The output directory would overwrite or delete something it must not.
    #[error("refusing to write the site to {}: {reason}", path.display())]
    UnsafeOutput {
        /// The configured output directory.
        path: PathBuf,
        /// Why it is refused and what to do.
        reason: String,
    },
    /// The project's folders cannot be watched for changes.
    #[error("cannot watch {} for changes: {message}", path.display())]
    Watch {
        /// The folder.
        path: PathBuf,
        /// Why, and what to do.
        message: String,
    },
    /// The preview server cannot listen.
    #[error("cannot serve on {address}: {source}; pick another port with --port")]
    Serve {
        /// The address asked for.
        address: std::net::SocketAddr,
        /// Why.
        source: std::io::Error,
    },
}
