//! `tolk build` on the fixture site: every page property the site promises.

use crate::support::{alternates, build_ok, copy, fixture, page, tolk, tree};

fn built() -> tempfile::TempDir {
    let dir = copy(&fixture("basic"));
    build_ok(dir.path());
    dir
}

#[test]
fn html_lang_and_dir_follow_the_locale() {
    let site = built();
    let ar = page(site.path(), "ar-SA/alpha/index.html");
    assert!(ar.contains("<html lang=\"ar-SA\" dir=\"rtl\">"), "{ar}");
    let en = page(site.path(), "en-US/alpha/index.html");
    assert!(en.contains("<html lang=\"en-US\" dir=\"ltr\">"));
    let nb = page(site.path(), "nb-NO/alpha/index.html");
    assert!(nb.contains("<html lang=\"nb-NO\" dir=\"ltr\">"));
}

#[test]
fn hreflang_lists_the_locales_that_have_the_article_and_x_default() {
    let site = built();
    let alts = alternates(&page(site.path(), "da-DK/alpha/index.html"));
    let expected: Vec<(String, String)> = [
        ("en-US", "https://docs.test/en-US/alpha/"),
        ("ar-SA", "https://docs.test/ar-SA/alpha/"),
        ("da-DK", "https://docs.test/da-DK/alpha/"),
        ("x-default", "https://docs.test/en-US/alpha/"),
    ]
    .iter()
    .map(|(a, b)| ((*a).to_string(), (*b).to_string()))
    .collect();
    assert_eq!(alts, expected);
    // nb-NO has no translation of alpha: it is not an alternate anywhere.
    let nb = page(site.path(), "nb-NO/alpha/index.html");
    assert!(!alternates(&nb).iter().any(|(l, _)| l == "nb-NO"));
    assert!(nb.contains("<link rel=\"canonical\" href=\"https://docs.test/en-US/alpha/\">"));
}

#[test]
fn banners_appear_exactly_where_expected() {
    let site = built();
    let banner_kinds = |path: &str| {
        let html = page(site.path(), path);
        (html.contains("banner-stale"), html.contains("banner-untranslated"))
    };
    // Recorded fingerprint differs from the source's: stale.
    assert_eq!(banner_kinds("da-DK/guide/beta/index.html"), (true, false));
    // Recorded fingerprint is the source's CRLF SHA-1: current.
    assert_eq!(banner_kinds("da-DK/alpha/index.html"), (false, false));
    // No translation: fallback from the source.
    assert_eq!(banner_kinds("nb-NO/alpha/index.html"), (false, true));
    assert_eq!(banner_kinds("ar-SA/guide/beta/index.html"), (false, true));
    // No fingerprint recorded: nothing to compare, no banner.
    assert_eq!(banner_kinds("ar-SA/alpha/index.html"), (false, false));
    for path in ["en-US/alpha/index.html", "en-US/guide/beta/index.html", "en-US/index.html"] {
        assert_eq!(banner_kinds(path), (false, false), "{path}");
    }
    let stale = page(site.path(), "da-DK/guide/beta/index.html");
    assert!(stale.contains("FORÆLDET-BANNER"), "banner text comes from the locale's Fluent file");
    assert!(stale.contains("href=\"../../../en-US/guide/beta/index.html\""), "links to the original");
}

#[test]
fn fallback_pages_use_the_locale_chrome_and_the_source_language_body() {
    let site = built();
    let nb = page(site.path(), "nb-NO/guide/beta/index.html");
    assert!(nb.contains("<article lang=\"en-US\" dir=\"ltr\">"));
    assert!(nb.contains("Beta guide"));
    // Chrome strings walk the chain nb-NO → nb → en-US.
    assert!(nb.contains("Artikler (nb-NO)"), "nb-NO's own string");
    assert!(nb.contains("IKKE-OVERSATT-FRA-NB"), "nb's string where nb-NO has none");
    assert!(nb.contains(">Tip<"), "en-US's string where neither has one");
}

#[test]
fn embedded_source_segments_never_reach_the_page() {
    let site = built();
    for (path, bytes) in tree(&site.path().join("site")) {
        let text = String::from_utf8_lossy(&bytes);
        for marker in ["sxs-lookup", "data-stu-id", "data-ttu-id"] {
            assert!(!text.contains(marker), "{marker} in {path}");
        }
    }
    let ar = page(site.path(), "ar-SA/alpha/index.html");
    assert!(ar.contains("<h1 id=\"alpha-article\">مقالة ألفا</h1>"), "{ar}");
    assert!(ar.contains("<p>ألفا تقول مرحبا.</p>"));
    assert!(!ar.contains("Alpha says hello"));
}

#[test]
fn relative_links_and_images_are_rewritten_per_locale() {
    let site = built();
    let en = page(site.path(), "en-US/guide/beta/index.html");
    assert!(en.contains("href=\"../../alpha/index.html#first-section\""), "{en}");
    assert!(en.contains("src=\"../../media/diagram.svg\""));
    assert!(en.contains("href=\"https://example.org/x\""));
    // The same link on a fallback page stays in that locale; the image
    // comes from the source locale, which is the only one that has it.
    let nb = page(site.path(), "nb-NO/guide/beta/index.html");
    assert!(nb.contains("href=\"../../alpha/index.html#first-section\""));
    assert!(nb.contains("src=\"../../../en-US/media/diagram.svg\""));
    assert!(site.path().join("site/en-US/media/diagram.svg").is_file());
    // Links from the landing page.
    let home = page(site.path(), "da-DK/index.html");
    assert!(home.contains("href=\"alpha/index.html\""));
}

#[test]
fn docfx_extensions_render() {
    let site = built();
    let en = page(site.path(), "en-US/guide/beta/index.html");
    assert!(en.contains("<li>Open the <strong>Settings</strong> page.</li>"), "include resolved");
    assert!(!en.contains("[!INCLUDE"));
    assert!(en.contains("<div class=\"alert alert-tip\" role=\"note\"><p class=\"alert-title\">Tip</p>"));
    let da = page(site.path(), "da-DK/guide/beta/index.html");
    assert!(da.contains("<p class=\"alert-title\">Tip (da)</p>"), "alert label localized");
    assert!(en.contains("<h1 id=\"beta-guide\">Beta guide</h1>"));
    assert!(en.contains("<table>"));
}

#[test]
fn on_page_toc_and_sidebar() {
    let site = built();
    let en = page(site.path(), "en-US/guide/beta/index.html");
    assert!(en.contains("<li class=\"toc-h2\"><a href=\"#setup\">Setup</a></li>"), "{en}");
    assert!(en.contains("<li class=\"toc-h3\"><a href=\"#details\">Details</a></li>"));
    assert!(en.contains("aria-current=\"page\">Beta guide</a>"));
    let da = page(site.path(), "da-DK/alpha/index.html");
    assert!(da.contains(">Alfa-artikel</a>"), "sidebar uses the translated title");
}

#[test]
fn robots_meta_and_sitemap() {
    let site = built();
    let alpha = page(site.path(), "en-US/alpha/index.html");
    assert!(alpha.contains("<meta name=\"robots\" content=\"NOINDEX, NOFOLLOW\">"));
    let index = page(site.path(), "sitemap.xml");
    for tag in ["en-US", "da-DK", "ar-SA", "nb-NO"] {
        assert!(index.contains(&format!("<sitemap><loc>https://docs.test/{tag}/sitemap.xml</loc></sitemap>")));
    }
    let sitemap = page(site.path(), "en-US/sitemap.xml");
    assert!(!sitemap.contains("/alpha/"), "NOINDEX pages stay out of the sitemap");
    assert!(sitemap.contains("<loc>https://docs.test/en-US/guide/beta/</loc>"));
    assert!(sitemap.contains(
        "<xhtml:link rel=\"alternate\" hreflang=\"da-DK\" href=\"https://docs.test/da-DK/guide/beta/\"/>"
    ));
    let nb = page(site.path(), "nb-NO/sitemap.xml");
    assert!(!nb.contains("<loc>https://docs.test/nb-NO/"), "fallback copies stay out");
}

#[test]
fn a_translation_that_drops_robots_keeps_the_sources() {
    let dir = copy(&fixture("basic"));
    let root = dir.path();
    let path = root.join("content/ar-SA/alpha.md");
    let text = std::fs::read_to_string(&path).unwrap().replace("ROBOTS: NOINDEX, NOFOLLOW\n", "");
    std::fs::write(&path, text).unwrap();
    // The check reports the dropped key as an error; --no-check builds anyway.
    let run = tolk(root, &["build"]);
    assert_eq!(run.code, 1);
    assert!(run.stderr.contains("error[front-matter-changed]: `ROBOTS` is missing"), "{}", run.stderr);
    assert!(!root.join("site").exists());
    let run = tolk(root, &["build", "--no-check"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let ar = page(root, "ar-SA/alpha/index.html");
    assert!(
        ar.contains("<meta name=\"robots\" content=\"NOINDEX, NOFOLLOW\">"),
        "the source's ROBOTS still applies"
    );
    assert!(!page(root, "ar-SA/sitemap.xml").contains("/alpha/"));
}

#[test]
fn root_index_404_and_assets() {
    let site = built();
    let root = page(site.path(), "index.html");
    for tag in ["en-US", "da-DK", "ar-SA", "nb-NO"] {
        assert!(root.contains(&format!("href=\"{tag}/index.html\"")), "{tag}");
    }
    assert!(root.contains("navigator.languages"));
    assert!(root.contains(">العربية<"), "languages named in their own language");
    let not_found = page(site.path(), "da-DK/404.html");
    assert!(not_found.contains("href=\"https://docs.test/da-DK/\""), "404 links are absolute");
    assert!(site.path().join("site/404.html").is_file());
    let css = page(site.path(), "assets/tolk.css");
    assert!(!css.contains("http"), "no external resources");
    let count = page(site.path(), "en-US/index.html");
    assert!(count.contains("3 articles"), "plural message with a count");
}

#[test]
fn unknown_locale_folder_is_an_error_with_its_path() {
    let dir = copy(&fixture("basic"));
    std::fs::create_dir_all(dir.path().join("content/xx-invalid-folder-name")).unwrap();
    std::fs::write(dir.path().join("content/xx-invalid-folder-name/a.md"), "# A\n").unwrap();
    let run = tolk(dir.path(), &["build"]);
    assert_eq!(run.code, 1);
    assert!(run.stderr.contains("error[unknown-locale-folder]"), "{}", run.stderr);
    assert!(run.stderr.contains("content/xx-invalid-folder-name"));
    // Shared folders are not locales and not findings.
    std::fs::remove_dir_all(dir.path().join("content/xx-invalid-folder-name")).unwrap();
    std::fs::create_dir_all(dir.path().join("content/includes")).unwrap();
    assert_eq!(tolk(dir.path(), &["build"]).code, 0);
}

#[test]
fn two_builds_are_byte_identical() {
    let dir = copy(&fixture("basic"));
    build_ok(dir.path());
    let first = tree(&dir.path().join("site"));
    let run = tolk(dir.path(), &["build", "--out", "again"]);
    assert_eq!(run.code, 0);
    let second = tree(&dir.path().join("again"));
    assert_eq!(first.len(), second.len());
    assert!(first == second, "outputs differ");
}

#[test]
fn front_matter_and_fluent_values_are_escaped() {
    let dir = copy(&fixture("basic"));
    let root = dir.path();
    std::fs::write(
        root.join("content/en-US/alpha.md"),
        "---\ntitle: <script>alert(1)</script>\ndescription: '\"onmouseover=alert(1) x=\"'\n---\n# Alpha\n\nBody.\n",
    )
    .unwrap();
    let ftl = std::fs::read_to_string(root.join("locales/en-US/main.ftl")).unwrap();
    let ftl = ftl.replace("site-title = Fixture Help", "site-title = <b onmouseover=\"x()\">Help</b>");
    std::fs::write(root.join("locales/en-US/main.ftl"), ftl).unwrap();
    // The changed source no longer matches its translations; build anyway.
    let run = tolk(root, &["build", "--no-check"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let html = page(root, "en-US/alpha/index.html");
    assert!(!html.contains("<script>alert"), "{html}");
    assert!(
        html.contains("&lt;script&gt;alert(1)&lt;&#x2F;script&gt;")
            || html.contains("&lt;script&gt;alert(1)&lt;/script&gt;")
    );
    assert!(html.contains("content=\"&quot;onmouseover=alert(1) x=&quot;\""), "{html}");
    assert!(!html.contains("<b onmouseover"));
    assert!(html.contains("&lt;b onmouseover=&quot;x()&quot;&gt;Help&lt;/b&gt;"));
}

#[test]
fn toc_yml_orders_the_sidebar_and_a_locale_toc_names_its_entries() {
    let dir = copy(&fixture("basic"));
    let root = dir.path();
    std::fs::write(
        root.join("content/en-US/toc.yml"),
        "- name: Guides\n  items:\n  - name: Beta from toc\n    href: guide/beta.md\n- name: Alpha from toc\n  href: alpha.md\n- name: Elsewhere\n  href: https://example.org/\n",
    )
    .unwrap();
    std::fs::write(root.join("content/da-DK/toc.yml"), "- name: Alfa fra toc\n  href: alpha.md\n").unwrap();
    build_ok(root);
    let en = page(root, "en-US/index.html");
    let beta = en.find("Beta from toc").expect("toc name used");
    let alpha = en.find("Alpha from toc").unwrap();
    assert!(beta < alpha, "toc order kept");
    assert!(en.contains("<span>Guides</span>"));
    assert!(en.contains("href=\"https://example.org/\""));
    // ar-SA has no toc: the source's is used, with the locale's titles.
    let ar = page(root, "ar-SA/index.html");
    assert!(ar.contains(">مقالة ألفا</a>"), "{ar}");
    let da = page(root, "da-DK/index.html");
    assert!(da.contains(">Alfa fra toc</a>"));
    assert!(!da.contains("Beta from toc"));
}

#[test]
fn invalid_toc_is_reported_and_the_sidebar_falls_back() {
    let dir = copy(&fixture("basic"));
    let root = dir.path();
    std::fs::write(root.join("content/en-US/toc.yml"), "- href: alpha.md\n").unwrap();
    let run = tolk(root, &["build"]);
    assert_eq!(run.code, 1);
    assert!(run.stderr.contains("error[invalid-toc]"), "{}", run.stderr);
    assert!(run.stderr.contains("content/en-US/toc.yml:1:"), "{}", run.stderr);
}

#[test]
fn project_without_landing_page_gets_a_generated_home_per_locale() {
    let dir = copy(&fixture("basic"));
    let root = dir.path();
    std::fs::remove_file(root.join("content/en-US/index.md")).unwrap();
    std::fs::remove_file(root.join("content/da-DK/index.md")).unwrap();
    build_ok(root);
    let home = page(root, "da-DK/index.html");
    assert!(home.contains("<h1>Fixture Help</h1>"), "{home}");
    assert!(home.contains("href=\"../da-DK/alpha/index.html\""), "{home}");
    assert!(home.contains("2 articles"));
}

#[test]
fn links_that_differ_in_letter_case_or_use_docset_root_still_resolve() {
    let dir = copy(&fixture("basic"));
    let root = dir.path();
    std::fs::write(
        root.join("content/en-US/gamma.md"),
        "# Gamma\n\n[a](ALPHA.md) [b](~/guide/Beta.md#setup) [c](guide\\beta.md)\n",
    )
    .unwrap();
    build_ok(root);
    let gamma = page(root, "en-US/gamma/index.html");
    assert!(gamma.contains("href=\"../alpha/index.html\""), "{gamma}");
    assert!(gamma.contains("href=\"../guide/beta/index.html#setup\""), "{gamma}");
    assert!(gamma.contains("href=\"../guide/beta/index.html\">c</a>"), "{gamma}");
}

#[test]
fn hostile_values_in_every_field_are_escaped() {
    let dir = copy(&fixture("basic"));
    let root = dir.path();
    let evil = "\\\"><script>alert(1)</script>\\\" onmouseover=\\\"alert(2)";
    let alpha = std::fs::read_to_string(root.join("content/en-US/alpha.md")).unwrap();
    let alpha = alpha
        .replace("title: Alpha article", &format!("title: \"{evil}\"\ndescription: \"{evil}\""))
        .replace("ROBOTS: NOINDEX, NOFOLLOW", &format!("ROBOTS: \"NOINDEX {evil}\""));
    std::fs::write(root.join("content/en-US/alpha.md"), alpha).unwrap();
    std::fs::write(root.join("content/en-US/toc.yml"), format!("- name: \"{evil}\"\n  href: alpha.md\n"))
        .unwrap();
    let ftl = "language-name = <b onmouseover=\"x()\">English</b>\nsite-title = <script>alert(3)</script>\nalert-tip = \"><img src=x onerror=alert(4)>\nnav-articles = <i>Articles</i>\n";
    std::fs::write(root.join("locales/en-US/main.ftl"), ftl).unwrap();
    let run = tolk(root, &["build", "--no-check"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    for path in [
        "en-US/alpha/index.html",
        "en-US/guide/beta/index.html",
        "index.html",
        "en-US/404.html",
        "status/index.html",
    ] {
        let html = page(root, path);
        for raw in
            ["<script>alert", "onmouseover=\"alert(2)", "<img src=x onerror", "<b onmouseover", "<i>Articles"]
        {
            assert!(!html.contains(raw), "{raw} unescaped in {path}");
        }
    }
    let alpha = page(root, "en-US/alpha/index.html");
    assert!(alpha.contains("&lt;script&gt;alert(1)&lt;/script&gt;"), "the value is shown as text");
}

#[test]
fn sanitize_removes_markup_a_translation_slipped_in() {
    let dir = copy(&fixture("basic"));
    let root = dir.path();
    let path = root.join("content/da-DK/alpha.md");
    let text = std::fs::read_to_string(&path).unwrap()
        + "\n<script>steal()</script>\n\n<img src=\"x\" onerror=\"steal()\">\n";
    std::fs::write(&path, text).unwrap();
    let run = tolk(root, &["build"]);
    assert_eq!(run.code, 1, "html-mismatch stops the build");
    assert!(run.stderr.contains("error[html-mismatch]: <script> is not in the source"), "{}", run.stderr);
    let config = std::fs::read_to_string(root.join("book.toml"))
        .unwrap()
        .replace("[build]", "[build]\nsanitize = true");
    std::fs::write(root.join("book.toml"), config).unwrap();
    let run = tolk(root, &["build", "--no-check"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let html = page(root, "da-DK/alpha/index.html");
    assert!(!html.contains("steal()"), "{html}");
    assert!(html.contains("<h1 id=\"alpha-article\">Alfa-artikel</h1>"), "tolk's own markup survives");
}

#[test]
fn per_locale_builds_merge_into_the_full_site() {
    let site = built();
    let root = site.path();
    let full = tree(&root.join("site"));
    let merged = tempfile::tempdir().unwrap();
    for tag in ["en-US", "da-DK", "ar-SA", "nb-NO"] {
        let out = root.join(format!("part-{tag}"));
        let run = tolk(root, &["build", "--locale", tag, "--out", out.to_str().unwrap()]);
        assert_eq!(run.code, 0, "{}", run.stderr);
        assert!(run.stderr.contains(" in 1 locale to "), "{}", run.stderr);
        let part = tree(&out);
        assert!(part.len() < full.len(), "{tag}: a part holds less than the site");
        assert!(
            !part.iter().any(|(p, _)| p.starts_with("da-DK/") && tag != "da-DK"),
            "{tag} wrote da-DK pages"
        );
        for (rel, bytes) in part {
            let dest = merged.path().join(&rel);
            if let Ok(existing) = std::fs::read(&dest) {
                assert_eq!(existing, bytes, "{rel} differs between per-locale builds");
            }
            std::fs::create_dir_all(dest.parent().unwrap()).unwrap();
            std::fs::write(dest, bytes).unwrap();
        }
    }
    assert_eq!(tree(merged.path()), full, "merged per-locale builds are byte-identical to the full build");
}

#[test]
fn build_locale_must_exist() {
    let dir = copy(&fixture("basic"));
    let run = tolk(dir.path(), &["build", "--locale", "fr-FR"]);
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("--locale fr-FR: this project has no such locale"), "{}", run.stderr);
    assert!(!dir.path().join("site").exists());
}

#[test]
fn verbose_build_prints_per_locale_counts_and_stage_timings() {
    let dir = copy(&fixture("basic"));
    let run = tolk(dir.path(), &["--verbose", "build"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let time = run.stderr.lines().find(|l| l.starts_with("time: ")).expect("a timings line");
    for stage in ["read ", "check ", "render ", "write "] {
        assert!(time.contains(stage), "{time}");
    }
    assert!(run.stderr.lines().last().unwrap().starts_with("built "), "{}", run.stderr);
    let quiet = tolk(dir.path(), &["build"]);
    assert!(!quiet.stderr.contains("time: "), "timings only with --verbose");
}

#[test]
fn switcher_partials_can_be_overridden_and_mark_the_page_s_own_locale() {
    let dir = copy(&fixture("basic"));
    let templates = dir.path().join("templates");
    std::fs::create_dir_all(&templates).unwrap();
    std::fs::write(
        templates.join("languages.html"),
        "{% for l in languages %}<li class=\"lang\"><a href=\"{{ l.href }}\" title=\"{{ l.name }}\">{{ l.tag }}</a></li>{% endfor %}",
    )
    .unwrap();
    std::fs::write(
        templates.join("alternates.html"),
        "{% for alt in alternates %}<link data-alt rel=\"alternate\" hreflang=\"{{ alt.hreflang }}\" href=\"{{ alt.href }}\">{% endfor %}",
    )
    .unwrap();
    build_ok(dir.path());
    let da = page(dir.path(), "da-DK/alpha/index.html");
    assert!(
        da.contains(
            "<li class=\"lang\"><a href=\"index.html\" title=\"Dansk\" aria-current=\"true\">da-DK</a></li>"
        ),
        "{da}"
    );
    assert!(da.contains(
        "<li class=\"lang\"><a href=\"../../en-US/alpha/index.html\" title=\"English\">en-US</a></li>"
    ));
    assert_eq!(da.matches("aria-current=\"true\"").count(), 1, "{da}");
    assert_eq!(da.matches("<link data-alt rel=\"alternate\"").count(), 4, "{da}");
    // The same partials on pages that are not articles, from their own values.
    let not_found = page(dir.path(), "da-DK/404.html");
    assert!(not_found.contains("<li class=\"lang\"><a href=\"https://docs.test/en-US/\""), "{not_found}");
    assert!(
        not_found
            .contains("<a href=\"https://docs.test/da-DK/\" title=\"Dansk\" aria-current=\"true\">da-DK</a>"),
        "{not_found}"
    );
    assert_eq!(not_found.matches("aria-current=\"true\"").count(), 1, "{not_found}");
}

#[test]
fn each_article_page_gets_its_own_template_values() {
    // An article's pages are rendered one after another from one context
    // the article's pages share; a template printing the values that differ
    // between them shows none left over from another page.
    let dir = copy(&fixture("basic"));
    let root = dir.path();
    let template = "{% for l in languages %}[{{ l.tag }} {{ l.href }} {{ l.current }}]{% endfor %}\n\
        <lang>{{ lang }}</lang><banner>{{ banner }}</banner>\
        <robots>{% if robots %}{{ robots }}{% else %}none{% endif %}</robots>\
        <alternates>{{ alternates | length }}</alternates><title>{{ title }}</title>\n";
    std::fs::create_dir_all(root.join("templates")).unwrap();
    std::fs::write(root.join("templates/article.html"), template).unwrap();
    build_ok(root);
    let locales = ["en-US", "ar-SA", "da-DK", "nb-NO"];
    for (slug, up, robots, alternates) in
        [("alpha", "../../", "NOINDEX, NOFOLLOW", 4), ("guide/beta", "../../../", "none", 3)]
    {
        for own in locales {
            let html = page(root, &format!("{own}/{slug}/index.html"));
            let switcher: String = locales
                .iter()
                .map(|tag| {
                    if *tag == own {
                        format!("[{tag} index.html true]")
                    } else {
                        format!("[{tag} {up}{tag}/{slug}/index.html false]")
                    }
                })
                .collect();
            assert!(html.starts_with(&switcher), "{own}/{slug}: {html}");
            assert!(html.contains(&format!("<lang>{own}</lang>")), "{own}/{slug}: {html}");
            assert!(html.contains(&format!("<robots>{robots}</robots>")), "{own}/{slug}: {html}");
            assert!(html.contains(&format!("<alternates>{alternates}</alternates>")), "{own}/{slug}: {html}");
        }
    }
    let banner = |path: &str| {
        let html = page(root, &format!("{path}/index.html"));
        html.split("<banner>")
            .nth(1)
            .and_then(|b| b.split("</banner>").next())
            .unwrap_or_default()
            .to_string()
    };
    for (path, expected) in [
        ("en-US/guide/beta", "none"),
        ("ar-SA/guide/beta", "untranslated"),
        ("da-DK/guide/beta", "stale"),
        ("nb-NO/guide/beta", "untranslated"),
        ("en-US/alpha", "none"),
        ("ar-SA/alpha", "none"),
        ("nb-NO/alpha", "untranslated"),
    ] {
        assert_eq!(banner(path), expected, "{path}");
    }
    assert!(page(root, "da-DK/alpha/index.html").contains("<title>Alfa-artikel</title>"));
    assert!(page(root, "nb-NO/alpha/index.html").contains(&format!(
        "<title>{}</title>",
        page(root, "en-US/alpha/index.html")
            .split("<title>")
            .nth(1)
            .unwrap()
            .split("</title>")
            .next()
            .unwrap()
    )));
}
