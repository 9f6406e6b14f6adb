//! `tolk check` end to end with its own cache (`.tolk-cache/check/`): the
//! articles whose files did not change are not read again, and the findings
//! of those whose inputs did not change are reused, as in an incremental
//! build. The cache is the same kind as a site's, so the same keys decide
//! what is reused: a changed `book.toml`, Fluent file, include or set of
//! files discards it all.

use crate::cache::{self, snapshot, Cache, FORMAT};
use crate::error::Error;
use crate::progress::Progress;
use crate::{check, config, content, CheckOutcome};
use std::path::Path;

/// Runs every check on the project at `root`, reusing and then updating
/// the check cache.
///
/// # Errors
/// The configuration or the content folder is unusable.
pub fn check_cached(
    root: &Path,
    options: &check::Options,
    progress: &dyn Progress,
) -> Result<CheckOutcome, Error> {
    let taken = std::time::SystemTime::now();
    let config = config::Config::load(root)?;
    let at = cache::check_location(root);
    let cached = {
        let at = at.clone();
        std::thread::spawn(move || Cache::read_at(&at))
    };
    // The site's folder is not an input: its files are never walked.
    let inputs = snapshot::inputs(root, &root.join(&config.build.output), taken);
    let fronts = Cache::read_fronts_at(&at.with_extension("fronts"));
    let (project, mut findings) = content::Project::load_with(root, config, &fronts.recall(&inputs))?;
    let global = cache::key::global(&project, &options.locales);
    let prior = cached.join().ok().flatten().filter(|c| c.global == global);
    let memo = check::Memo { prior: prior.as_ref(), global: &global };
    let (found, records) = check::run_with(&project, options, progress, Some(&memo));
    findings.extend(found);
    progress.finish();
    let findings = check::finish(&project, options, findings);
    let files = crate::checked_files(&project, options);

    let same = prior.as_ref().is_some_and(|p| {
        records.len() == p.checks.len() && records.iter().all(|(file, r)| p.checks.get(file) == Some(r))
    });
    // Both files are encoded and written side by side.
    std::thread::scope(|scope| {
        if fronts.stale(project.article_count()) {
            let (at, inputs) = (at.with_extension("fronts"), &inputs);
            scope.spawn(move || Cache::save_fronts_at(&at, project, inputs));
        } else {
            cache::drop_later(project);
        }
        if !same {
            let cache = Cache {
                format: FORMAT,
                tolk: env!("CARGO_PKG_VERSION").to_string(),
                global,
                checks: records.into_iter().collect(),
                ..Cache::default()
            };
            cache.save_at(&at);
            cache::drop_later(cache);
        }
    });
    cache::drop_later(prior);
    Ok(CheckOutcome { findings, files })
}
