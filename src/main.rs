//! The `tolk` binary: parse the command line, run, map the outcome to an exit code.

use clap::Parser;

// mimalloc: a fifth of a build's time went to glibc malloc/free across the
// rayon workers; mimalloc's per-thread heaps cut it.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> std::process::ExitCode {
    // A run touches hundreds of megabytes once (records, pages) and exits.
    // With transparent huge pages the kernel zeroes 2 MiB for each first
    // touch, which took a third of an incremental build's CPU at 100,000
    // pages; with 4 KiB pages its system time is about 40 % lower.
    #[cfg(target_os = "linux")]
    let _ = rustix::thread::disable_transparent_huge_pages(true);
    let cli = tolk::cli::Cli::parse();
    std::process::ExitCode::from(cli.execute() as u8)
}
