//! `tolk build`: check and render every locale, then write the site.

use super::Global;
use crate::report::{self, human};
use crate::{BuildOptions, Exit};
use clap::Args;
use std::path::PathBuf;
use std::time::Instant;

/// Arguments of `tolk build`.
#[derive(Debug, Args)]
pub struct BuildArgs {
    /// Output directory (overrides [build] output in book.toml).
    #[arg(long, value_name = "DIR")]
    pub out: Option<PathBuf>,
    /// Build even when the checks find errors.
    #[arg(long)]
    pub no_check: bool,
}

/// Runs `tolk build`.
#[allow(clippy::print_stderr)]
pub fn execute(global: &Global, args: &BuildArgs) -> Exit {
    let started = Instant::now();
    let options = BuildOptions { root: global.root.clone(), out: args.out.clone(), no_check: args.no_check };
    let outcome = match super::or_exit(crate::build(&options)) {
        Ok(o) => o,
        Err(exit) => return exit,
    };
    let shown = global.shown(&outcome.findings);
    eprint!("{}", human::render(&shown, &global.root, super::color()));
    if global.verbose {
        eprint!("{}", human::summary(&outcome.findings));
    }
    let counts = report::Counts::of(&outcome.findings);
    match &outcome.written {
        Some(out) if !global.quiet => eprintln!(
            "built {} pages in {} locales to {} in {:.2}s ({counts})",
            outcome.pages,
            outcome.locales,
            crate::display_path(&global.root, out),
            started.elapsed().as_secs_f64()
        ),
        Some(_) => {}
        None => eprintln!("error: the site was not written: {counts}; fix the errors above"),
    }
    outcome.exit()
}
