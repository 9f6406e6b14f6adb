//! Owns the command line: clap definitions, one file per subcommand, each
//! with its arguments and its `execute`.

mod build;
mod check;
mod explain;
mod progress;
mod serve;
mod stamp;
mod status;
mod watch;

use clap::{Args, Parser, Subcommand};
use std::path::PathBuf;

/// tolk: multilingual documentation that checks its translations.
#[derive(Debug, Parser)]
#[command(name = "tolk", version, about, long_about = None)]
pub struct Cli {
    /// Options every command takes.
    #[command(flatten)]
    pub global: Global,
    /// What to do.
    #[command(subcommand)]
    pub command: Command,
}

/// Options every command takes.
#[derive(Debug, Args)]
pub struct Global {
    /// Project root (the folder with book.toml and content/).
    #[arg(long, global = true, default_value = ".", value_name = "DIR")]
    pub root: PathBuf,
    /// Print only findings at warning level or above, and no summary.
    #[arg(short, long, global = true, conflicts_with = "verbose")]
    pub quiet: bool,
    /// Print more: timings and per-locale counts.
    #[arg(short, long, global = true)]
    pub verbose: bool,
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Check, then build the static site for every locale.
    Build(build::BuildArgs),
    /// Check every translation against its source, and the Fluent files.
    Check(check::CheckArgs),
    /// Show per locale how much is translated and up to date.
    Status(status::StatusArgs),
    /// Record the current source fingerprint in updated translations.
    Stamp(stamp::StampArgs),
    /// Explain a rule: what it finds, why it matters, an example.
    Explain(explain::ExplainArgs),
    /// Build, then build again each time a file of the project changes.
    Watch(watch::WatchArgs),
    /// Watch, and serve the site on this machine, reloading open pages.
    Serve(serve::ServeArgs),
}

impl Cli {
    /// Runs the command and returns the exit code.
    #[must_use]
    pub fn execute(self) -> crate::Exit {
        // A command that builds once ends the process: what it no longer
        // needs is left for the exit to free. One that builds again and
        // again frees it.
        if !matches!(self.command, Command::Watch(_) | Command::Serve(_)) {
            crate::cache::leave_to_exit();
        }
        match self.command {
            Command::Build(args) => build::execute(&self.global, &args),
            Command::Check(args) => check::execute(&self.global, &args),
            Command::Status(args) => status::execute(&self.global, &args),
            Command::Stamp(args) => stamp::execute(&self.global, &args),
            Command::Explain(args) => explain::execute(&args),
            Command::Watch(args) => watch::execute(&self.global, &args),
            Command::Serve(args) => serve::execute(&self.global, &args),
        }
    }
}

impl Global {
    /// The findings to show: all, or with `--quiet` warnings and errors only.
    #[must_use]
    pub fn shown(&self, findings: &[crate::diagnostic::Diagnostic]) -> Vec<crate::diagnostic::Diagnostic> {
        findings
            .iter()
            .filter(|d| !self.quiet || d.severity >= crate::diagnostic::Severity::Warning)
            .cloned()
            .collect()
    }
}

/// The value, or the error printed and exit code 2.
#[allow(clippy::print_stderr)]
fn or_exit<T>(result: Result<T, crate::error::Error>) -> Result<T, crate::Exit> {
    result.map_err(|e| {
        eprintln!("error: {e}");
        crate::Exit::Failure
    })
}

/// `--locale` values as canonical tags; a value that is not a language tag
/// is a usage error.
#[allow(clippy::print_stderr)]
fn canonical_locales(values: &[String]) -> Result<Vec<String>, crate::Exit> {
    values
        .iter()
        .map(|l| {
            crate::content::locale::canonical(l).map_err(|e| {
                eprintln!("error: --locale {l}: not a language tag ({e})");
                crate::Exit::Failure
            })
        })
        .collect()
}

/// Whether to colour output written to stdout.
fn color_stdout() -> bool {
    use std::io::IsTerminal;
    std::env::var_os("NO_COLOR").is_none() && std::io::stdout().is_terminal()
}

/// Whether to colour output written to stderr.
fn color() -> bool {
    use std::io::IsTerminal;
    std::env::var_os("NO_COLOR").is_none() && std::io::stderr().is_terminal()
}
