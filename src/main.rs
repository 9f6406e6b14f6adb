//! The `tolk` binary: parse the command line, run, map the outcome to an exit code.

use clap::Parser;

fn main() -> std::process::ExitCode {
    let cli = tolk::cli::Cli::parse();
    std::process::ExitCode::from(cli.execute() as u8)
}
