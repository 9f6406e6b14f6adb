//! End-to-end tests: the `tolk` binary run on real sites on disk.

mod atomic;
mod bad;
mod build;
mod check_cache;
mod commands;
mod example;
mod failures;
mod formats;
mod incremental;
mod readme;
mod rules;
mod support;
mod theme;
mod unchanged;
mod watch;
