//! The progress bar of long builds and checks, on a terminal only: in CI
//! logs and pipes the one-line summary is all that is printed.

use crate::progress::Progress;
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use std::io::IsTerminal;

/// An indicatif bar on standard error, hidden when it is not a terminal.
pub struct Bar {
    bar: ProgressBar,
}

impl Bar {
    /// A bar that draws only when `visible` and standard error is a terminal.
    #[must_use]
    pub fn new(visible: bool) -> Self {
        let target = if visible && std::io::stderr().is_terminal() {
            ProgressDrawTarget::stderr_with_hz(10)
        } else {
            ProgressDrawTarget::hidden()
        };
        let style =
            ProgressStyle::with_template("{prefix:>10} [{bar:32}] {human_pos}/{human_len} (eta {eta})")
                .unwrap_or_else(|_| ProgressStyle::default_bar())
                .progress_chars("=> ");
        let bar = ProgressBar::with_draw_target(None, target).with_style(style);
        bar.set_prefix("reading");
        Self { bar }
    }
}

impl Progress for Bar {
    fn start(&self, stage: &'static str, total: u64) {
        self.bar.reset();
        self.bar.set_prefix(stage);
        self.bar.set_length(total);
    }

    fn advance(&self, n: u64) {
        self.bar.inc(n);
    }

    fn finish(&self) {
        self.bar.finish_and_clear();
    }
}
