//! `tolk build`: check and render every locale, then write the site.

use super::Global;
use crate::report::{self, human};
use crate::{BuildOptions, Exit};
use clap::Args;
use std::path::PathBuf;
use std::time::Instant;

/// Arguments of `tolk build`.
#[derive(Debug, Args)]
pub struct BuildArgs {
    /// Output directory (overrides [build] output in book.toml).
    #[arg(long, value_name = "DIR")]
    pub out: Option<PathBuf>,
    /// Build even when the checks find errors.
    #[arg(long)]
    pub no_check: bool,
    /// Build everything again: ignore the cache of the previous build.
    #[arg(long)]
    pub no_cache: bool,
    /// Build only this locale (repeat for more): its pages, sitemap and 404,
    /// plus the files every locale shares. Outputs of builds of different
    /// locales merge into the full site by copying them together.
    #[arg(long = "locale", value_name = "L")]
    pub locales: Vec<String>,
}

/// Runs `tolk build`.
pub fn execute(global: &Global, args: &BuildArgs) -> Exit {
    run(global, args, None).exit
}

/// What a command that builds again and again keeps between builds.
#[derive(Default)]
pub(super) struct Again {
    /// The findings of the last build that ran, printed already.
    pub before: Option<Vec<crate::diagnostic::Diagnostic>>,
    /// What the last build left for the next.
    pub warm: crate::Warm,
}

/// What one build did, for a command that builds again and again.
pub(super) struct Round {
    /// The build's exit code.
    pub exit: Exit,
    /// Where the site was written, if it was.
    pub written: Option<PathBuf>,
    /// Whether any file of the site was written or removed.
    pub changed: bool,
    /// Every finding; `None` when the build could not run.
    pub findings: Option<Vec<crate::diagnostic::Diagnostic>>,
}

/// Builds once and prints the findings and the summary. Given what an
/// earlier build left (`again`), it starts from that, prints only the
/// findings that are new, and says how many are new and how many are gone.
#[allow(clippy::print_stderr)]
pub(super) fn run(global: &Global, args: &BuildArgs, mut again: Option<&mut Again>) -> Round {
    let failed = |exit| Round { exit, written: None, changed: false, findings: None };
    let started = Instant::now();
    let locales = match super::canonical_locales(&args.locales) {
        Ok(l) => l,
        Err(exit) => return failed(exit),
    };
    let options = BuildOptions {
        root: global.root.clone(),
        out: args.out.clone(),
        no_check: args.no_check,
        locales,
        incremental: !args.no_cache,
    };
    let bar = super::progress::Bar::new(!global.quiet);
    // Built once, the cache is saved while the findings are printed.
    let mut once = crate::Warm::once();
    let built = match again.as_deref_mut() {
        Some(again) => crate::build_warm(&options, &bar, &mut again.warm),
        None => crate::build_warm(&options, &bar, &mut once),
    };
    let outcome = match super::or_exit(built) {
        Ok(o) => o,
        Err(exit) => return failed(exit),
    };
    let before = again.and_then(|a| a.before.as_deref());
    let (shown, since) = match before {
        Some(before) => {
            let (new, gone) = report::since(before, &outcome.findings);
            (global.shown(&new), format!("; since the last build: {} new, {gone} gone", new.len()))
        }
        None => (global.shown(&outcome.findings), String::new()),
    };
    eprint!("{}", human::render(&shown, &global.root, super::color()));
    once.settle();
    if global.verbose {
        eprint!("{}", human::summary(&outcome.findings));
        let stages: Vec<String> =
            outcome.timings.iter().map(|(stage, t)| format!("{stage} {:.2}s", t.as_secs_f64())).collect();
        eprintln!("time: {}", stages.join(", "));
    }
    let counts = report::Counts::of(&outcome.findings);
    match &outcome.written {
        Some(out) if !global.quiet => eprintln!(
            "built {} pages in {} {} to {} in {:.2}s ({counts}{since}){}",
            outcome.pages,
            outcome.locales,
            if outcome.locales == 1 { "locale" } else { "locales" },
            crate::display_path(&global.root, out),
            started.elapsed().as_secs_f64(),
            reuse(&outcome.reuse),
        ),
        Some(_) => {}
        None => eprintln!("error: the site was not written: {counts}{since}; fix the errors above"),
    }
    let r = &outcome.reuse;
    let changed = outcome.written.is_some() && (!r.incremental || r.written > 0 || r.removed > 0);
    Round { exit: outcome.exit(), written: outcome.written, changed, findings: Some(outcome.findings) }
}

/// What an incremental build reused, for the summary line.
fn reuse(r: &crate::Reuse) -> String {
    if !r.incremental {
        return String::new();
    }
    if r.unchanged {
        return "; incremental: nothing changed since the last build".to_string();
    }
    let plural = |n: usize, one: &str, many: &str| format!("{n} {}", if n == 1 { one } else { many });
    format!(
        "; incremental: {} rendered, {} written, {} removed",
        plural(r.rendered, "page", "pages"),
        plural(r.written, "file", "files"),
        r.removed
    )
}
