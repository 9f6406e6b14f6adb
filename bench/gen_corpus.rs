//! Deterministic benchmark corpus: `cargo run --release --example gen_corpus
//! -- ARTICLES LOCALES OUT`. Articles are shaped like the seed articles
//! (front matter as Microsoft Docs writes it, headings with anchors, bold UI
//! labels, lists with relative links, a table, a code fence, a note), 100 to
//! a section; every locale translates every article, and one in ten
//! translations records an older source fingerprint. The same arguments
//! give byte-identical output.

#![allow(clippy::print_stdout, clippy::print_stderr)]

use sha1::{Digest, Sha1};
use std::fmt::Write as _;
use std::path::Path;

const LOCALES: &[&str] = &[
    "en-US", "da-DK", "de-DE", "fr-FR", "ja-JP", "nb-NO", "nl-NL", "sl-SI", "sv-SE", "ar-SA", "es-ES",
    "it-IT",
];
const SECTION: usize = 100;

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let (Some(articles), Some(locales), Some(out)) = (
        args.get(1).and_then(|a| a.parse::<usize>().ok()),
        args.get(2).and_then(|a| a.parse::<usize>().ok()),
        args.get(3),
    ) else {
        eprintln!("usage: gen_corpus ARTICLES LOCALES OUT");
        std::process::exit(2);
    };
    let locales = &LOCALES[..locales.clamp(1, LOCALES.len())];
    let out = Path::new(out);
    std::fs::create_dir_all(out).unwrap();
    let list = locales.iter().map(|l| format!("\"{l}\"")).collect::<Vec<_>>().join(", ");
    std::fs::write(out.join("book.toml"), format!("[book]\ntitle = \"Benchmark\"\nlocales = [{list}]\n\n[build]\nbase_url = \"https://bench.example/\"\n")).unwrap();
    for i in 0..articles {
        let source = article(i, articles, "en-US", None);
        let fingerprint = hex(&Sha1::digest(crlf(source.as_bytes())));
        for (n, locale) in locales.iter().enumerate() {
            let text = if n == 0 {
                source.clone()
            } else {
                let recorded = if (i + n) % 10 == 0 { "0".repeat(40) } else { fingerprint.clone() };
                article(i, articles, locale, Some(&recorded))
            };
            let path = out
                .join("content")
                .join(locale)
                .join(format!("section-{:03}", i / SECTION))
                .join(format!("article-{i:05}.md"));
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(path, text).unwrap();
        }
    }
}

fn article(i: usize, total: usize, locale: &str, fingerprint: Option<&str>) -> String {
    let t = |en: &str| if locale == "en-US" { en.to_string() } else { format!("{en} [{locale}]") };
    let next = (i + 1) % total;
    let link = |j: usize| format!("../section-{:03}/article-{j:05}.md", j / SECTION);
    let mut s = String::with_capacity(3000);
    let _ = write!(
        s,
        "---\ntitle: {}\nms.author: writer{}\nauthor: writer{}\nmanager: lead\nms.audience: Admin\nms.topic: article\nms.service: o365-administration\nlocalization_priority: Normal\nms.collection: Adm_O365\nms.custom:\n- \"{}\"\n",
        t(&format!("Configure feature {i}")),
        i % 7,
        i % 7,
        9_000_000 + i
    );
    if let Some(f) = fingerprint {
        let _ = write!(s, "ms.openlocfilehash: {f}\nms.translationtype: MT\nms.contentlocale: {locale}\nms.lasthandoff: 04/15/2021\nms.locfileid: \"{}\"\n", 50_000_000 + i);
    }
    let anchor = |id: &str| if locale == "en-US" { String::new() } else { format!("<a name=\"{id}\"></a>") };
    let _ = write!(
        s,
        "---\n# {}{}\n\n{}\n\n## {}{}\n\n1. {} **{}**.\n2. {} [{}]({}).\n3. {} **{}**.\n\n> [!NOTE]\n> {}\n\n## {}{}\n\n| {} | {} |\n| --- | --- |\n| `Enabled` | {} |\n| `Disabled` | {} |\n\n```powershell\nSet-Feature -Id {i} -Enabled $true\n```\n\n{} [{}]({}#before-you-begin).\n",
        anchor(&format!("configure-feature-{i}")),
        t(&format!("Configure feature {i}")),
        t("Use the admin center to turn the feature on for everyone in your organization, or for some users only. Changes reach every service within an hour."),
        anchor("before-you-begin"),
        t("Before you begin"),
        t("In the admin center, go to"),
        t("Settings > Org settings"),
        t("Check the prerequisites in"),
        t("the previous article"),
        link(next),
        t("Select"),
        t("Save changes"),
        t("Some settings can take up to 24 hours to apply."),
        anchor("settings"),
        t("Settings"),
        t("Value"),
        t("Meaning"),
        t("The feature is on."),
        t("The feature is off."),
        t("Next, read"),
        t("the next article"),
        link(next),
    );
    s
}

fn crlf(bytes: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(bytes.len() + 64);
    for (i, &b) in bytes.iter().enumerate() {
        if b == b'\n' && (i == 0 || bytes[i - 1] != b'\r') {
            out.push(b'\r');
        }
        out.push(b);
    }
    out
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().fold(String::new(), |mut s, b| {
        let _ = write!(s, "{b:02x}");
        s
    })
}
