//! The two commands that run the whole pipeline: `tolk build` (checks,
//! render, write) and `tolk check` (checks only), each with its cache.

mod build;
mod check;

pub use build::{build, BuildOptions, BuildOutcome, Reuse};
pub use check::check_cached;
