//! The floor: the least any generator must do. Walks the corpus, parses
//! front matter and Markdown with pulldown-cmark, writes each page's HTML,
//! in parallel; no templates, no checks. `cargo run --release --example floor
//! -- CORPUS OUT [PAGE_BYTES]`.
//!
//! With `PAGE_BYTES`, each page is padded with an HTML comment to at least
//! that many bytes: the floor writing as many bytes as a generator whose
//! pages carry navigation (`run.sh` passes tolk's mean page size), which
//! tells how much of a gap to the floor is only the size of the pages.

#![allow(clippy::print_stdout, clippy::print_stderr)]

use rayon::prelude::*;
use std::path::Path;

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let (Some(corpus), Some(out)) = (args.get(1), args.get(2)) else {
        eprintln!("usage: floor CORPUS OUT [PAGE_BYTES]");
        std::process::exit(2);
    };
    let page_bytes: usize = args.get(3).and_then(|n| n.parse().ok()).unwrap_or(0);
    let content = Path::new(corpus).join("content");
    let files: Vec<_> = walkdir::WalkDir::new(&content)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file() && e.path().extension().is_some_and(|x| x == "md"))
        .map(walkdir::DirEntry::into_path)
        .collect();
    files.par_iter().for_each(|path| {
        let text = std::fs::read_to_string(path).unwrap();
        let (front, body) = split(&text);
        let meta: serde_yaml::Value = serde_yaml::from_str(front).unwrap_or(serde_yaml::Value::Null);
        let title = meta.get("title").and_then(|t| t.as_str()).unwrap_or("").to_string();
        let mut html = format!("<!DOCTYPE html><html><head><title>{title}</title></head><body>");
        pulldown_cmark::html::push_html(
            &mut html,
            pulldown_cmark::Parser::new_ext(body, pulldown_cmark::Options::ENABLE_TABLES),
        );
        html.push_str("</body></html>");
        pad(&mut html, page_bytes);
        let rel = path.strip_prefix(&content).unwrap().with_extension("");
        let target = Path::new(out).join(rel).join("index.html");
        std::fs::create_dir_all(target.parent().unwrap()).unwrap();
        std::fs::write(target, html).unwrap();
    });
    println!("floor: {} pages", files.len());
}

/// Pads `html` with a comment to at least `bytes` bytes.
fn pad(html: &mut String, bytes: usize) {
    const LINE: &str = "<!-- the same number of bytes as a page with its navigation -->\n";
    while html.len() < bytes {
        html.push_str(LINE);
    }
}

fn split(text: &str) -> (&str, &str) {
    let Some(rest) = text.strip_prefix("---\n") else { return ("", text) };
    match rest.find("\n---\n") {
        Some(i) => (&rest[..i], &rest[i + 5..]),
        None => ("", text),
    }
}
