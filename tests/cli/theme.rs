//! The built-in theme's article pages and sidebars are written without
//! Tera; a project that copies the built-in templates into `templates/`
//! gets them through Tera. Both must make the same bytes.

use crate::support::{copy, example, fixture, repo, tolk, tree};
use std::path::Path;

/// The built-in templates that the native writer stands in for.
const WRITTEN_NATIVELY: [&str; 7] = [
    "base.html",
    "article.html",
    "footer.html",
    "sidebar.html",
    "nav.html",
    "languages.html",
    "alternates.html",
];

/// Copies the built-in templates into `root/templates/`, leaving any the
/// project already overrides, so that every page goes through Tera.
fn copy_builtin_templates(root: &Path) {
    let dir = root.join("templates");
    std::fs::create_dir_all(&dir).unwrap();
    for name in WRITTEN_NATIVELY {
        let target = dir.join(name);
        if !target.exists() {
            std::fs::copy(repo().join("src/render/theme").join(name), target).unwrap();
        }
    }
}

/// Builds `site` as it is and with the built-in templates copied in, and
/// compares the two outputs file by file.
fn assert_same_through_tera(site: &Path, least_pages: usize) {
    let tera = copy(site);
    copy_builtin_templates(tera.path());
    let native = copy(site);
    let args = ["build", "--no-check"];
    let (a, b) = (tolk(native.path(), &args), tolk(tera.path(), &args));
    assert_eq!(a.code, 0, "{}", a.stderr);
    assert_eq!(b.code, 0, "{}", b.stderr);
    let (a, b) = (tree(&native.path().join("site")), tree(&tera.path().join("site")));
    let pages = a.iter().filter(|(p, _)| p.ends_with("index.html")).count();
    assert!(pages >= least_pages, "only {pages} pages built");
    assert_eq!(a.iter().map(|(p, _)| p).collect::<Vec<_>>(), b.iter().map(|(p, _)| p).collect::<Vec<_>>());
    for ((path, native), (_, tera)) in a.iter().zip(&b) {
        assert!(
            native == tera,
            "{path} differs:\n--- built-in theme\n{}\n--- through Tera\n{}",
            String::from_utf8_lossy(native),
            String::from_utf8_lossy(tera)
        );
    }
}

#[test]
fn the_fixture_site_is_the_same_through_tera() {
    // Stale and untranslated banners, a right-to-left locale, a fallback
    // page in the source's language, ROBOTS, includes, the home article's
    // count and an on-page table of contents.
    assert_same_through_tera(&fixture("basic"), 12);
}

#[test]
fn hostile_values_are_escaped_the_same_way_as_through_tera() {
    let dir = copy(&fixture("basic"));
    let root = dir.path();
    let evil = "\\\"><script>alert(1)</script>\\\" onmouseover=\\\"alert(2)' &amp;";
    let alpha = std::fs::read_to_string(root.join("content/en-US/alpha.md")).unwrap();
    let alpha = alpha
        .replace("title: Alpha article", &format!("title: \"{evil}\"\ndescription: \"{evil}\""))
        .replace("ROBOTS: NOINDEX, NOFOLLOW", &format!("ROBOTS: \"NOINDEX {evil}\""));
    std::fs::write(root.join("content/en-US/alpha.md"), alpha).unwrap();
    std::fs::write(
        root.join("content/en-US/toc.yml"),
        format!(
            "- name: \"{evil}\"\n  href: alpha.md\n- name: Guides & more\n  items:\n  - name: Beta\n    href: guide/beta.md\n- name: Out <there>\n  href: https://example.org/?a=1&b=2\n"
        ),
    )
    .unwrap();
    let ftl = "language-name = <b onmouseover=\"x()\">English</b>\nsite-title = <script>alert(3)</script>\nnav-articles = <i>Articles</i> & 'more'\nnav-skip = Skip \"now\"\nfooter-built-with = Built <with> tolk\nhome-articles-count = { $count } <articles>\n";
    std::fs::write(root.join("locales/en-US/main.ftl"), ftl).unwrap();
    assert_same_through_tera(root, 12);
}

#[test]
fn the_example_site_is_the_same_through_tera() {
    // Its own `footer.html` sends article pages through Tera either way;
    // the sidebars are still written natively.
    let dir = example();
    assert_same_through_tera(dir.path(), 5);
}
