//! Bad input: findings with positions, exit codes, and a previous site that
//! survives every failed build.

use crate::support::{build_ok, copy, fixture, tolk, tree};
use std::path::Path;

fn write(root: &Path, rel: &str, text: &str) {
    let path = root.join(rel);
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, text).unwrap();
}

#[test]
fn missing_include_is_an_error_at_its_position_and_nothing_is_written() {
    let dir = copy(&fixture("basic"));
    let root = dir.path();
    write(
        root,
        "content/en-US/alpha.md",
        "---\ntitle: Alpha\n---\n# Alpha\n\nText.\n\n[!INCLUDE [gone](includes/gone.md)]\n",
    );
    let run = tolk(root, &["build"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(run.stderr.contains("error[broken-include]"), "{}", run.stderr);
    assert!(run.stderr.contains("content/en-US/alpha.md:8:1"), "{}", run.stderr);
    assert!(run.stderr.contains("includes/gone.md"));
    assert!(!root.join("site").exists(), "no site is written when the content has errors");
}

#[test]
fn include_cycle_is_reported_with_the_chain() {
    let dir = copy(&fixture("basic"));
    let root = dir.path();
    write(root, "content/en-US/includes/steps.md", "Step.\n\n[!INCLUDE [loop](loop.md)]\n");
    write(root, "content/en-US/includes/loop.md", "Loop.\n\n[!INCLUDE [back](steps.md)]\n");
    let run = tolk(root, &["build"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(run.stderr.contains("include cycle"), "{}", run.stderr);
    assert!(run.stderr.contains("content/en-US/includes/loop.md:3:1"), "{}", run.stderr);
    assert_eq!(
        run.stderr.matches("error[broken-include]").count(),
        1,
        "reported once, not once per locale:\n{}",
        run.stderr
    );
}

#[test]
fn include_outside_the_project_is_refused() {
    let dir = copy(&fixture("basic"));
    let root = dir.path();
    write(root, "content/en-US/alpha.md", "# Alpha\n\n[!INCLUDE [x](../../../../../../etc/passwd)]\n");
    let run = tolk(root, &["build"]);
    assert_eq!(run.code, 1);
    assert!(run.stderr.contains("outside the project"), "{}", run.stderr);
}

#[test]
fn invalid_front_matter_points_into_the_yaml() {
    let dir = copy(&fixture("basic"));
    let root = dir.path();
    write(root, "content/da-DK/alpha.md", "---\ntitle: Alfa\nms.custom: [unclosed\n---\n# Alfa\n");
    let run = tolk(root, &["build"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(run.stderr.contains("error[invalid-front-matter]"), "{}", run.stderr);
    assert!(run.stderr.contains("content/da-DK/alpha.md:"), "{}", run.stderr);
    let line: usize = run
        .stderr
        .split("error[invalid-front-matter]")
        .nth(1)
        .unwrap()
        .split("content/da-DK/alpha.md:")
        .nth(1)
        .unwrap()
        .split(':')
        .next()
        .unwrap()
        .parse()
        .unwrap();
    assert!((3..=5).contains(&line), "line {line} is inside the front matter");
}

#[test]
fn a_failed_build_leaves_the_previous_site_untouched() {
    let dir = copy(&fixture("basic"));
    let root = dir.path();
    build_ok(root);
    let before = tree(&root.join("site"));
    // Content error: exit 1.
    write(root, "content/en-US/alpha.md", "# Alpha\n\n[!INCLUDE [gone](gone.md)]\n");
    assert_eq!(tolk(root, &["build"]).code, 1);
    assert!(before == tree(&root.join("site")), "site changed after a content error");
    // Template error: exit 2.
    write(root, "content/en-US/alpha.md", "# Alpha\n");
    write(
        root,
        "templates/article.html",
        "{% extends \"base.html\" %}\n{% block main %}\n{{ content | safe }\n{% endblock main %}\n",
    );
    let run = tolk(root, &["build"]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(before == tree(&root.join("site")), "site changed after a template error");
    let leftovers: Vec<_> = std::fs::read_dir(root)
        .unwrap()
        .filter_map(Result::ok)
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with(".site"))
        .collect();
    assert!(leftovers.is_empty(), "staging directories left behind: {leftovers:?}");
}

#[test]
fn template_error_names_the_template_and_line() {
    let dir = copy(&fixture("basic"));
    let root = dir.path();
    write(
        root,
        "templates/article.html",
        "{% extends \"base.html\" %}\n{% block main %}\n{{ content | safe }\n{% endblock main %}\n",
    );
    let run = tolk(root, &["build"]);
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("templates/article.html"), "{}", run.stderr);
    assert!(run.stderr.contains("3:"), "line of the error: {}", run.stderr);
}

#[test]
fn override_template_is_used() {
    let dir = copy(&fixture("basic"));
    let root = dir.path();
    write(
        root,
        "templates/footer.html",
        "<footer>CUSTOM-FOOTER {{ t(key=\"nav-home\", lang=lang) }}</footer>\n",
    );
    build_ok(root);
    let html = std::fs::read_to_string(root.join("site/da-DK/alpha/index.html")).unwrap();
    assert!(html.contains("<footer>CUSTOM-FOOTER Home</footer>"), "{html}");
}

#[test]
fn unknown_config_key_is_named_with_its_position() {
    let dir = copy(&fixture("basic"));
    let root = dir.path();
    write(root, "book.toml", "[book]\ntitle = \"x\"\n\n[build]\nouput = \"public\"\n");
    let run = tolk(root, &["build"]);
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("book.toml:5:1"), "{}", run.stderr);
    assert!(run.stderr.contains("ouput"), "{}", run.stderr);
}

#[test]
fn config_with_a_wrong_type_is_refused() {
    let dir = copy(&fixture("basic"));
    let root = dir.path();
    write(root, "book.toml", "[book]\nlocales = \"da-DK\"\n");
    let run = tolk(root, &["build"]);
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("book.toml:2:"), "{}", run.stderr);
}

#[test]
fn dangerous_output_directories_are_refused() {
    let dir = copy(&fixture("basic"));
    let root = dir.path();
    for out in [".", "content", "locales", "content/site", ".."] {
        let run = tolk(root, &["build", "--out", out]);
        assert_eq!(run.code, 2, "--out {out}: {}", run.stderr);
        assert!(run.stderr.contains("refusing"), "{}", run.stderr);
    }
    assert!(root.join("content/en-US/alpha.md").is_file());
}

#[test]
fn missing_content_folder_is_a_tool_error() {
    let dir = tempfile::tempdir().unwrap();
    let run = tolk(dir.path(), &["build"]);
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("content"), "{}", run.stderr);
}

#[test]
fn fluent_syntax_error_is_a_finding_with_a_position() {
    let dir = copy(&fixture("basic"));
    let root = dir.path();
    write(
        root,
        "locales/da-DK/main.ftl",
        "language-name = Dansk\nbroken line without equals\nalert-tip = Tip (da)\n",
    );
    let run = tolk(root, &["build"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(run.stderr.contains("error[ftl-syntax]"), "{}", run.stderr);
    assert!(run.stderr.contains("locales/da-DK/main.ftl:2:"), "{}", run.stderr);
}

#[test]
fn not_utf8_article_is_a_finding_and_the_rest_is_built() {
    let dir = copy(&fixture("basic"));
    let root = dir.path();
    std::fs::write(root.join("content/da-DK/alpha.md"), b"---\ntitle: Alfa \xff\n---\n").unwrap();
    let run = tolk(root, &["build"]);
    assert_eq!(run.code, 1);
    assert!(run.stderr.contains("error[invalid-encoding]"), "{}", run.stderr);
    assert!(run.stderr.contains("content/da-DK/alpha.md:2:"), "{}", run.stderr);
}

#[test]
fn the_home_directory_is_refused_as_output() {
    let dir = copy(&fixture("basic"));
    let home = tempfile::tempdir().unwrap();
    std::fs::write(home.path().join("precious.txt"), "keep me").unwrap();
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_tolk"))
        .args(["build", "--out"])
        .arg(home.path())
        .current_dir(dir.path())
        .env("HOME", home.path())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("home directory"));
    assert!(home.path().join("precious.txt").is_file());
}
