//! The files a site has besides its article pages: per selected locale its
//! sitemap, generated home page (when the source has no `index.md`), 404
//! and assets; then the root index, the status page, the source locale's
//! 404, the sitemap index and the stylesheet. They are made in parallel:
//! all but the sitemaps while the article pages are made (none depends on
//! a page), the sitemaps, which list the pages made, after them.
//! In an incremental build, a sitemap, home page, 404 or root index whose
//! key (what it is made from) is the one the previous build recorded, and
//! whose file is intact, is not made again.

use super::body::Shared;
use super::output::File;
use super::{page, sitemap, urls, Target, Theme};
use crate::cache::key::Key;
use crate::cache::{PageRecord, Written};
use crate::content::Locale;
use crate::error::Error;
use rayon::prelude::*;
use std::collections::BTreeMap;

/// A locale's sitemap entries: page address and its article's alternates.
pub type Entries<'a> = [(&'a str, &'a Links)];

/// An article's hreflang alternates as a sitemap lists them (made once for
/// its page in every locale), and their key.
pub struct Links {
    xml: String,
    key: String,
}

impl Links {
    /// The sitemap XML of these alternates.
    #[must_use]
    pub fn of(alternates: &[page::Alternate]) -> Self {
        let xml = sitemap::alternates(alternates);
        let key = Key::new().with(&xml).finish();
        Self { xml, key }
    }
}

/// What making the site's other files produced, besides the files written.
#[derive(Default)]
pub struct Made {
    /// The cache records of the files made from a key.
    pub records: Vec<(String, PageRecord)>,
    /// Files not made again: as the previous build wrote them.
    pub carried: Vec<(String, Written)>,
}

/// What the site's other files are made from.
pub struct Inputs<'a, 'p> {
    /// What every page shares.
    pub shared: &'a Shared<'p>,
    /// The templates.
    pub theme: &'a Theme,
    /// The locales built.
    pub selected: &'a [&'p Locale],
    /// Each selected locale's full sidebar.
    pub sidebars: &'a super::Sidebars,
}

/// Each selected locale's sitemap entries, by tag.
pub type Sitemaps<'a> = BTreeMap<&'a str, Vec<(&'a str, &'a Links)>>;

impl Made {
    /// Adds what another batch of files made.
    pub fn extend(&mut self, other: Self) {
        self.records.extend(other.records);
        self.carried.extend(other.carried);
    }
}

/// One file to make: its path, the key of its inputs (`None`: always made)
/// and how to make it.
type Job<'j> = (String, Option<String>, Box<dyn Fn() -> Result<File, Error> + Send + Sync + 'j>);

/// Makes (or carries over) every file of the site but its article pages
/// and its sitemaps: none of them depends on a page, so they are made
/// while the pages are.
///
/// # Errors
/// A template fails to render, or a file cannot be written.
pub fn make(inputs: &Inputs<'_, '_>, target: &Target<'_>) -> Result<Made, Error> {
    run(&jobs(inputs, target.global), target)
}

/// Makes (or carries over) the sitemap of each selected locale, which
/// lists the pages made, with `sitemaps` holding each one's entries.
///
/// # Errors
/// A file cannot be written.
pub fn make_sitemaps(
    selected: &[&Locale],
    sitemaps: &Sitemaps<'_>,
    target: &Target<'_>,
) -> Result<Made, Error> {
    run(&sitemap_jobs(selected, sitemaps, target.global), target)
}

/// Makes the files of `jobs` whose key changed, in parallel, and carries
/// the others over.
fn run(jobs: &[Job<'_>], target: &Target<'_>) -> Result<Made, Error> {
    type One = (Option<(String, PageRecord)>, Option<(String, Written)>);
    let done: Vec<One> = jobs
        .par_iter()
        .map(|(path, key, make)| {
            let Some(key) = key else {
                target.sink.write(path, &make()?)?;
                return Ok((None, None));
            };
            let found = target.prior.and_then(|c| Some((c.pages.get(path)?, c.files.get(path)?)));
            if let Some((record, written)) = found.filter(|(r, _)| &r.key == key) {
                if target.sink.intact(path, written) {
                    return Ok((Some((path.clone(), record.clone())), Some((path.clone(), written.clone()))));
                }
            }
            target.sink.write(path, &make()?)?;
            let record = PageRecord { key: key.clone(), findings: Vec::new(), sitemap: None };
            Ok((Some((path.clone(), record)), None))
        })
        .collect::<Result<_, Error>>()?;
    let mut made = Made::default();
    for (record, carried) in done {
        made.records.extend(record);
        made.carried.extend(carried);
    }
    Ok(made)
}

/// The translation status page, showing `status`: made by every build,
/// since whether a translation is current can change with any article.
///
/// # Errors
/// Its template failed to render.
pub fn status(
    shared: &Shared<'_>,
    theme: &Theme,
    status: Vec<crate::status::LocaleStatus>,
) -> Result<File, Error> {
    let mut ctx = page::status_context(shared, status);
    super::switcher::fill(theme, &mut ctx)?;
    Ok(File::Bytes(theme.render("status.html", &ctx)?.into_bytes()))
}

/// Where the status page goes.
pub const STATUS: &str = "status/index.html";

/// The key of a file made from `parts`, under the build's `global` key.
fn keyed(global: &str, parts: &[&[u8]]) -> String {
    parts.iter().fold(Key::new().with(global), Key::with).finish()
}

/// The sitemap of each selected locale, with its key.
fn sitemap_jobs<'j>(selected: &[&Locale], sitemaps: &'j Sitemaps<'_>, global: &str) -> Vec<Job<'j>> {
    // What each locale's sitemap lists, keyed in parallel: a large site
    // lists every page with its alternates.
    selected
        .par_iter()
        .map(|l| {
            let tag = l.tag.as_str();
            let entries: &Entries<'_> = sitemaps.get(tag).map_or(&[][..], Vec::as_slice);
            let listed =
                entries.iter().fold(Key::new(), |k, (loc, links)| k.with(loc).with(&links.key)).finish();
            let make = move || {
                let entries: Vec<(&str, &str)> =
                    entries.iter().map(|(loc, links)| (*loc, links.xml.as_str())).collect();
                Ok(File::Bytes(sitemap::render(&entries).into_bytes()))
            };
            let job: Job<'j> = (
                format!("{tag}/sitemap.xml"),
                Some(keyed(global, &[b"sitemap", tag.as_bytes(), listed.as_bytes()])),
                Box::new(make),
            );
            job
        })
        .collect()
}

/// The files to make but the sitemaps, with their keys.
fn jobs<'j>(inputs: &'j Inputs<'_, '_>, global: &str) -> Vec<Job<'j>> {
    let (shared, theme) = (inputs.shared, inputs.theme);
    let project = shared.project;
    let keyed = |parts: &[&[u8]]| Some(keyed(global, parts));
    let html = move |name: &'static str, mut ctx: tera::Context| -> Result<File, Error> {
        super::switcher::fill(theme, &mut ctx)?;
        Ok(File::Bytes(theme.render(name, &ctx)?.into_bytes()))
    };
    let mut jobs: Vec<Job<'j>> = Vec::new();
    let has_home = project.sources().contains_key("index.md");
    for l in inputs.selected {
        let tag = l.tag.as_str();
        if !has_home {
            let sidebar = &inputs.sidebars[tag];
            let items = serde_json::to_vec(sidebar).unwrap_or_default();
            let count = project.sources().len().to_le_bytes();
            jobs.push((
                urls::page_path(tag, ""),
                keyed(&[b"home", tag.as_bytes(), &items, &count]),
                Box::new(move || html("home.html", page::home_context(shared, sidebar, tag))),
            ));
        }
        jobs.push((
            format!("{tag}/404.html"),
            keyed(&[b"404", tag.as_bytes()]),
            Box::new(move || html("404.html", page::not_found_context(shared, tag))),
        ));
        for a in project.assets.get(tag).into_iter().flatten() {
            let path = project.root.join(&a.path);
            jobs.push((format!("{tag}/{}", a.rel), None, Box::new(move || Ok(File::Copy(path.clone())))));
        }
    }
    let source = project.source.as_str();
    jobs.push((
        "index.html".into(),
        keyed(&[b"root"]),
        Box::new(move || html("root.html", page::root_context(shared))),
    ));
    jobs.push((
        STATUS.into(),
        None,
        Box::new(move || status(shared, theme, crate::status::compute(project))),
    ));
    jobs.push((
        "404.html".into(),
        keyed(&[b"404", source.as_bytes()]),
        Box::new(move || html("404.html", page::not_found_context(shared, source))),
    ));
    let index = move || {
        let tags = project.locales.iter().map(|l| l.tag.as_str());
        Ok(File::Bytes(sitemap::index(&project.config.build.base_url, tags).into_bytes()))
    };
    jobs.push(("sitemap.xml".into(), None, Box::new(index)));
    jobs.push((
        "assets/tolk.css".into(),
        None,
        Box::new(move || Ok(File::Bytes(theme.css.clone().into_bytes()))),
    ));
    jobs
}
