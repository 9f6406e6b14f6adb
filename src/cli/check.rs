//! `tolk check`: every finding, in the format a person or a tool wants.

use super::Global;
use crate::check::{fails, Options};
use crate::report::{self, Format};
use crate::Exit;
use clap::{Args, ValueEnum};

/// What `--deny` can promote to failures.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Deny {
    /// Warnings fail the run too.
    Warnings,
}

/// Arguments of `tolk check`.
#[derive(Debug, Args)]
pub struct CheckArgs {
    /// Check only this locale (repeat for more).
    #[arg(long = "locale", value_name = "L")]
    pub locales: Vec<String>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Human)]
    pub format: Format,
    /// Also fail (exit code 1) on warnings.
    #[arg(long, value_enum, value_name = "warnings")]
    pub deny: Option<Deny>,
    /// Read and check every file again: ignore and keep no check cache.
    #[arg(long)]
    pub no_cache: bool,
}

/// Runs `tolk check`.
#[allow(clippy::print_stdout, clippy::print_stderr)]
pub fn execute(global: &Global, args: &CheckArgs) -> Exit {
    let locales = match super::canonical_locales(&args.locales) {
        Ok(l) => l,
        Err(exit) => return exit,
    };
    let options = Options { locales };
    let bar = super::progress::Bar::new(!global.quiet);
    let outcome = if args.no_cache {
        crate::check(&global.root, &options, &bar)
    } else {
        crate::check_cached(&global.root, &options, &bar)
    };
    let outcome = match super::or_exit(outcome) {
        Ok(o) => o,
        Err(exit) => return exit,
    };
    let shown = global.shown(&outcome.findings);
    let text = if args.format == Format::Human && global.quiet {
        report::human::render(&shown, &global.root, super::color_stdout())
    } else {
        report::render(args.format, &shown, &outcome.files, &global.root, super::color_stdout())
    };
    print!("{text}");
    if fails(&outcome.findings, args.deny.is_some()) {
        Exit::Findings
    } else {
        Exit::Clean
    }
}
