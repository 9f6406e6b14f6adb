//! A full build killed at any moment leaves the previous site byte for
//! byte; an incremental build killed at any moment leaves every file whole
//! (old or new); a later build cleans up what the killed one left behind.

use crate::support::tree;
use std::path::Path;
use std::process::Command;
use std::time::{Duration, Instant};

fn generate(root: &Path, articles: usize, title: &str) {
    for locale in ["en-US", "da-DK"] {
        let dir = root.join("content").join(locale);
        std::fs::create_dir_all(&dir).unwrap();
        for i in 0..articles {
            let text = format!(
                "---\ntitle: {title} {i}\n---\n# {title} {i}\n\nParagraph with a [link](article-{next}.md) and **bold**.\n\n- one\n- two\n",
                next = (i + 1) % articles
            );
            std::fs::write(dir.join(format!("article-{i}.md")), text).unwrap();
        }
    }
}

fn build(root: &Path, out: &str) {
    let status = Command::new(env!("CARGO_BIN_EXE_tolk"))
        .args(["build", "--no-check", "--no-cache", "--out", out])
        .current_dir(root)
        .status()
        .unwrap();
    assert!(status.success());
}

#[test]
fn killing_a_build_never_leaves_a_partial_site() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    generate(root, 1500, "Old");
    build(root, "site");
    let old = tree(&root.join("site"));
    generate(root, 1500, "New");
    let started = Instant::now();
    build(root, "expected");
    let full = started.elapsed();
    let new = tree(&root.join("expected"));
    assert_ne!(old, new);

    let killed_mid_write = kill_builds(root, full, &["--no-cache"], |now, delay_ms| {
        assert!(
            now == old || now == new,
            "after a kill at {delay_ms} ms the site is neither the old nor the new one"
        );
    });
    assert!(killed_mid_write > 0, "no kill landed while the site was being written; the test proved nothing");
    // A complete build replaces the site and removes what killed builds left.
    build(root, "site");
    assert!(tree(&root.join("site")) == new);
    let leftovers: Vec<String> = std::fs::read_dir(root)
        .unwrap()
        .filter_map(Result::ok)
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with(".site."))
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
}

/// Starts `tolk build --no-check ARGS` in `root` ten times and kills it at
/// fractions of `full` (most of them late, when the site is being written),
/// calling `check` with the site after each kill. Returns how many kills
/// landed while a staging directory existed.
fn kill_builds(
    root: &Path,
    full: Duration,
    args: &[&str],
    check: impl Fn(&[(String, Vec<u8>)], u128),
) -> usize {
    let mut killed_mid_write = 0;
    for tenth in [1u32, 3, 5, 6, 7, 8, 85, 9, 95, 98].map(|t| if t > 10 { t } else { t * 10 }) {
        let delay = full * tenth / 100;
        let mut child = Command::new(env!("CARGO_BIN_EXE_tolk"))
            .args(["build", "--no-check"])
            .args(args)
            .current_dir(root)
            .spawn()
            .unwrap();
        let started = Instant::now();
        while started.elapsed() < delay {
            std::thread::sleep(Duration::from_millis(1));
        }
        let staging_exists = std::fs::read_dir(root)
            .unwrap()
            .filter_map(Result::ok)
            .any(|e| e.file_name().to_string_lossy().starts_with(".site.tmp-"));
        let _ = child.kill();
        let _ = child.wait();
        if staging_exists {
            killed_mid_write += 1;
        }
        check(&tree(&root.join("site")), delay.as_millis());
    }
    killed_mid_write
}

#[test]
fn killing_an_incremental_build_leaves_every_file_whole() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    generate(root, 1500, "Old");
    build(root, "site");
    // A cached build of the old content, so that the next builds are incremental.
    let status = Command::new(env!("CARGO_BIN_EXE_tolk"))
        .args(["build", "--no-check", "--quiet"])
        .current_dir(root)
        .status()
        .unwrap();
    assert!(status.success());
    let old: std::collections::HashMap<String, Vec<u8>> = tree(&root.join("site")).into_iter().collect();
    generate(root, 1500, "New");
    let started = Instant::now();
    build(root, "expected");
    let full = started.elapsed();
    let new_tree = tree(&root.join("expected"));
    let new: std::collections::HashMap<String, Vec<u8>> = new_tree.iter().cloned().collect();
    kill_builds(root, full, &[], |now, delay_ms| {
        for (path, bytes) in now {
            assert!(
                old.get(path) == Some(bytes) || new.get(path) == Some(bytes),
                "after a kill at {delay_ms} ms, {path} is neither its old nor its new version"
            );
        }
    });
    // The next build finishes the job.
    let status = Command::new(env!("CARGO_BIN_EXE_tolk"))
        .args(["build", "--no-check"])
        .current_dir(root)
        .status()
        .unwrap();
    assert!(status.success());
    assert!(tree(&root.join("site")) == new_tree);
    let leftovers = std::fs::read_dir(root).unwrap().filter_map(Result::ok);
    assert!(!leftovers.into_iter().any(|e| e.file_name().to_string_lossy().starts_with(".site.tmp-")));
}
