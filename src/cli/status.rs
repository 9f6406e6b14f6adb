//! `tolk status`: per locale, how much is translated and current.

use super::Global;
use crate::report::status::{render, StatusFormat};
use crate::Exit;
use clap::Args;

/// Arguments of `tolk status`.
#[derive(Debug, Args)]
pub struct StatusArgs {
    /// Output format.
    #[arg(long, value_enum, default_value_t = StatusFormat::Table)]
    pub format: StatusFormat,
}

/// Runs `tolk status`.
#[allow(clippy::print_stdout, clippy::print_stderr)]
pub fn execute(global: &Global, args: &StatusArgs) -> Exit {
    match crate::load(&global.root) {
        Ok((project, _)) => {
            print!("{}", render(args.format, &crate::status::compute(&project)));
            Exit::Clean
        }
        Err(e) => {
            eprintln!("error: {e}");
            Exit::Failure
        }
    }
}
