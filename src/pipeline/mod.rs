//! The two commands that run the whole pipeline: `tolk build` (checks,
//! render, write) and `tolk check` (checks only), each with its cache.

mod build;
mod check;
mod patch;

pub use build::{build, build_warm, BuildOptions, BuildOutcome, Reuse, Warm};
pub use check::check_cached;
