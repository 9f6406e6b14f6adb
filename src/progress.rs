//! How long-running stages report how far they are, for a progress bar. The
//! library only counts; the command line decides whether and how to show it.

/// Receives a stage's size and its advance. Called from rayon workers.
pub trait Progress: Sync {
    /// A stage of `total` units (pairs checked, pages rendered) begins.
    fn start(&self, stage: &'static str, total: u64);
    /// `n` more units of the current stage are done.
    fn advance(&self, n: u64);
    /// Every stage is over.
    fn finish(&self);
}

/// Shows nothing.
pub struct Silent;

impl Progress for Silent {
    fn start(&self, _stage: &'static str, _total: u64) {}
    fn advance(&self, _n: u64) {}
    fn finish(&self) {}
}
