//! The stat floor: the least a new process must do before it knows what
//! one edit changed, given a site it built before. It lists every file of
//! the project, states each (a build cannot know which file was edited
//! without looking at all of them) and states every page it wrote (to know
//! that none was deleted or edited since), in parallel, and does nothing
//! else: no cache to read, no page to compare. `cargo run --release
//! --example stat_floor -- CORPUS OUT`, where OUT is a built site of CORPUS.

#![allow(clippy::print_stdout, clippy::print_stderr)]

use rayon::prelude::*;
use std::path::{Path, PathBuf};

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let (Some(corpus), Some(out)) = (args.get(1), args.get(2)) else {
        eprintln!("usage: stat_floor CORPUS OUT");
        std::process::exit(2);
    };
    let corpus = Path::new(corpus);
    let files: Vec<PathBuf> = walkdir::WalkDir::new(corpus)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| !e.file_type().is_dir())
        .map(walkdir::DirEntry::into_path)
        .collect();
    let content = corpus.join("content");
    let stated: Vec<(u64, bool)> = files
        .par_iter()
        .map(|path| {
            let input = std::fs::symlink_metadata(path).map_or(0, |m| m.len());
            // `content/L/a/b.md` is the page `OUT/L/a/b/index.html`.
            let page = path
                .strip_prefix(&content)
                .ok()
                .filter(|rel| rel.extension().is_some_and(|x| x == "md"))
                .map(|rel| Path::new(out).join(rel.with_extension("")).join("index.html"));
            let written = page.is_none_or(|p| std::fs::symlink_metadata(p).is_ok());
            (input, written)
        })
        .collect();
    let bytes: u64 = stated.iter().map(|(b, _)| b).sum();
    let missing = stated.iter().filter(|(_, w)| !w).count();
    println!("stat floor: {} files ({bytes} bytes), {missing} pages missing from {out}", files.len());
    if missing > 0 {
        std::process::exit(1);
    }
}
