//! The hot stages of a build, one at a time, on the example project's real
//! articles (`cargo bench`): front matter, Markdown outline extraction, one
//! page render, source fingerprints, one check family, and the whole
//! example site. `bench/run.sh` measures whole builds against peers.

#![allow(missing_docs, clippy::unwrap_used)]

use std::path::PathBuf;
use std::sync::Arc;
use tolk::content::{fingerprint, front_matter, Article};
use tolk::render::{body, nav, page, Theme};

fn main() {
    divan::main();
}

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn read(rel: &str) -> String {
    std::fs::read_to_string(root().join(rel)).unwrap()
}

const SOURCE: &str = "content/en-US/unlocking-an-account.md";
const TRANSLATION: &str = "content/nb-NO/unlocking-an-account.md";

#[divan::bench]
fn front_matter_parse(bencher: divan::Bencher) {
    let text = read(TRANSLATION);
    let split = front_matter::split(&text).unwrap();
    let range = split.yaml.unwrap();
    bencher.bench(|| front_matter::parse(divan::black_box(&text), range.clone()).unwrap());
}

#[divan::bench]
fn markdown_outline(bencher: divan::Bencher) {
    let (article, _) = Article::parse("nb-NO", "a.md", TRANSLATION.into(), read(TRANSLATION));
    bencher.bench(|| tolk::markdown::outline::extract(divan::black_box(article.body())));
}

#[divan::bench]
fn fingerprint_of_source(bencher: divan::Bencher) {
    let text = read(SOURCE);
    bencher.bench(|| fingerprint::current(divan::black_box(text.as_bytes())));
}

/// Every comparison family on one stale translation (nb-NO) and its source.
#[divan::bench]
fn check_one_translation(bencher: divan::Bencher) {
    let (source, translation) = (read(SOURCE), read(TRANSLATION));
    bencher.bench(|| tolk::check::compare_texts(divan::black_box(&source), &translation, "nb-NO"));
}

/// One article page: body, chrome, sidebar, page. With the example
/// project's own `footer.html` the page goes through Tera; without it, the
/// built-in theme writes it directly.
#[divan::bench(args = ["project footer.html (Tera)", "built-in theme (native)"])]
fn render_one_page(bencher: divan::Bencher, theme: &str) {
    let copy = tempfile::tempdir().unwrap();
    let root = if theme.starts_with("built-in") {
        for part in ["book.toml", "content", "locales"] {
            copy_tree(&root().join(part), &copy.path().join(part));
        }
        copy.path().to_path_buf()
    } else {
        root()
    };
    let (project, _) = tolk::load(&root).unwrap();
    let tags: Vec<String> = project.locales.iter().map(|l| l.tag.clone()).collect();
    let (localizer, _) = tolk::l10n::Localizer::load(&root, &tags, &project.source, 1 << 20);
    let localizer = Arc::new(localizer);
    let theme = Theme::load(&root, Arc::clone(&localizer)).unwrap();
    let shared = body::Shared::new(&project, &localizer);
    let items: tolk::render::Sidebars =
        project.locales.iter().map(|l| (l.tag.clone(), nav::sidebar(&project, &l.tag))).collect();
    let keys = [(2, String::new())].into_iter().collect();
    let sidebars = nav::Sidebars::new((&theme, &shared.names), &items, &keys);
    bencher.bench(|| {
        // What an article's pages share is made once per article; counted here.
        let mut chrome = page::ArticleChrome::new(&shared, &theme, "unlocking-an-account.md").unwrap();
        page::render(&shared, &theme, &sidebars, &mut chrome, ("nb-NO", &|_| false)).unwrap()
    });
}

fn copy_tree(from: &std::path::Path, to: &std::path::Path) {
    for entry in walkdir::WalkDir::new(from).into_iter().map(Result::unwrap) {
        let rel = entry.path().strip_prefix(from).unwrap();
        let target = if rel.as_os_str().is_empty() { to.to_path_buf() } else { to.join(rel) };
        if entry.file_type().is_dir() {
            std::fs::create_dir_all(&target).unwrap();
        } else {
            std::fs::copy(entry.path(), &target).unwrap();
        }
    }
}

/// The whole example site (checks, rendering, writing), full build.
#[divan::bench(sample_count = 20)]
fn build_example_site(bencher: divan::Bencher) {
    let out = tempfile::tempdir().unwrap();
    let options = tolk::BuildOptions {
        root: root(),
        out: Some(out.path().join("site")),
        no_check: false,
        locales: Vec::new(),
        incremental: false,
    };
    bencher.bench(|| tolk::build(&options, &tolk::progress::Silent).unwrap());
}
