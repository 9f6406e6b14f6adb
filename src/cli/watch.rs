//! `tolk watch`: build, then build again each time an input changes.

use super::build::{self, BuildArgs, Round};
use super::Global;
use crate::watch::Watch;
use crate::Exit;
use clap::Args;
use std::path::PathBuf;

/// Arguments of `tolk watch`: those of `tolk build`.
#[derive(Debug, Args)]
pub struct WatchArgs {
    /// How to build.
    #[command(flatten)]
    pub build: BuildArgs,
}

/// Runs `tolk watch` until it is interrupted.
pub fn execute(global: &Global, args: &WatchArgs) -> Exit {
    watch(global, &args.build, |_| {})
}

/// Builds, then builds again after each change to the project, calling
/// `after` with what each build did. A build that fails (a broken
/// `book.toml` or template, errors in the content) is reported and waits
/// for the next change like any other. Returns only if the project cannot
/// be watched.
#[allow(clippy::print_stderr)]
pub(super) fn watch(global: &Global, args: &BuildArgs, mut after: impl FnMut(&Round)) -> Exit {
    // A `--locale` that is not a language tag is a usage error: no change
    // to the project fixes it.
    if let Err(exit) = super::canonical_locales(&args.locales) {
        return exit;
    }
    // Watched before the first build starts, so that a change made while
    // a build runs is seen and builds again.
    let mut watch = match super::or_exit(Watch::new(&global.root, &configured_out(global, args))) {
        Ok(watch) => watch,
        Err(exit) => return exit,
    };
    // After the first build, a build prints only the findings it did not
    // have before (the rest were printed already), and starts from what the
    // last one left in memory.
    let mut again = build::Again::default();
    let mut first = true;
    loop {
        let mut round = build::run(global, args, Some(&mut again));
        after(&round);
        if let Some(findings) = round.findings.take() {
            again.before = Some(findings);
        }
        if let Some(out) = &round.written {
            watch.set_out(out);
        }
        if first && !global.quiet {
            let root = global.root.canonicalize().unwrap_or_else(|_| global.root.clone());
            eprintln!("watching {} for changes (press Ctrl+C to stop)", root.display());
        }
        first = false;
        let change = match super::or_exit(watch.changed()) {
            Ok(change) => change,
            Err(exit) => return exit,
        };
        if !global.quiet {
            eprintln!("\n{}", describe(&change));
        }
        again.warm.changed((!change.overflow).then_some(change.paths.as_slice()));
    }
}

/// Where the site goes when no build has said: `--out`, else `book.toml`'s
/// output, else the default. An output the build would refuse (`content/`,
/// say) is not taken: the folders it names stay watched as inputs, so that
/// once `book.toml` is fixed their edits are seen.
pub(super) fn configured_out(global: &Global, args: &BuildArgs) -> PathBuf {
    let out =
        args.out.clone().or_else(|| crate::config::Config::load(&global.root).ok().map(|c| c.build.output));
    let out = out.unwrap_or_else(|| PathBuf::from("site"));
    crate::render::output::checked(&global.root, &out).unwrap_or_else(|_| global.root.join("site"))
}

/// One line naming what changed: the first few paths, and how many more.
fn describe(change: &crate::watch::Change) -> String {
    const SHOWN: usize = 3;
    let mut names: Vec<String> = change.paths.iter().take(SHOWN).map(|p| p.display().to_string()).collect();
    if change.paths.len() > SHOWN {
        names.push(format!("and {} more", change.paths.len() - SHOWN));
    }
    if change.overflow {
        names.push("and changes the system could not list".into());
    }
    format!("changed: {}", names.join(", "))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::watch::Change;

    #[test]
    fn a_change_is_described_by_its_first_paths_and_a_count() {
        let change = Change { paths: vec![PathBuf::from("content/en-US/a.md")], overflow: false };
        assert_eq!(describe(&change), "changed: content/en-US/a.md");
        let many =
            Change { paths: (0..5).map(|i| PathBuf::from(format!("{i}.md"))).collect(), overflow: true };
        assert_eq!(
            describe(&many),
            "changed: 0.md, 1.md, 2.md, and 2 more, and changes the system could not list"
        );
    }
}
