//! The `tolk` binary: parse the command line, run, map the outcome to an exit code.

use clap::Parser;

// mimalloc: a fifth of a build's time went to glibc malloc/free across the
// rayon workers; mimalloc's per-thread heaps cut it.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> std::process::ExitCode {
    let cli = tolk::cli::Cli::parse();
    std::process::ExitCode::from(cli.execute() as u8)
}
