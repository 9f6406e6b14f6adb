//! End-to-end tests: the `tolk` binary run on real sites on disk.

mod build;
mod commands;
mod example;
mod failures;
mod formats;
mod readme;
mod rules;
mod support;
