//! End-to-end tests: the `tolk` binary run on real sites on disk.

mod build;
mod example;
mod failures;
mod readme;
mod support;
