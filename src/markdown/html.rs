//! Markdown body → HTML, with the DocFX conventions a reader expects:
//! heading ids from explicit `<a name>` anchors, alerts as labelled
//! callouts, includes and `:::image:::` swapped in, links rewritten by the
//! caller. Written as one pass over pulldown-cmark's events with offsets.

use super::directives::{self, Directive, Found};
use super::prepared::Prepared;
use super::{escape, segments, slug};
use pulldown_cmark::{BlockQuoteKind, CowStr, Event, Tag, TagEnd};
use rustc_hash::FxHashSet as HashSet;
use std::ops::Range;

/// The five DocFX alert kinds.
pub type Alert = BlockQuoteKind;

/// What the HTML stage asks of its caller. Spans are byte ranges of the
/// original body text.
pub trait Context {
    /// A new destination for a link, or `None` to keep it.
    fn link(&mut self, dest: &str, span: Range<usize>) -> Option<String>;
    /// A new source for an image, or `None` to keep it.
    fn image(&mut self, src: &str, span: Range<usize>) -> Option<String>;
    /// The HTML of an included file, or `None` when it cannot be included
    /// (the context records why).
    fn include(&mut self, path: &str, span: Range<usize>) -> Option<String>;
    /// The localized label of an alert, e.g. "Note".
    fn alert_label(&self, kind: Alert) -> String;
}

/// A heading of the rendered body.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Heading {
    /// 1 to 6.
    pub level: u8,
    /// The `id` attribute: the explicit anchor, else a slug of the text.
    pub id: String,
    /// Plain text.
    pub text: String,
}

/// A rendered body.
#[derive(Debug, Clone, Default)]
pub struct Rendered {
    /// The HTML.
    pub html: String,
    /// Every heading, in order.
    pub headings: Vec<Heading>,
    /// Plain text of the first paragraph, for the meta description.
    pub summary: String,
}

/// Renders a Markdown body.
pub fn render(body: &str, ctx: &mut dyn Context) -> Rendered {
    let prepared = Prepared::new(body);
    render_events(&prepared, &prepared.events(), ctx)
}

/// Renders a Markdown body and extracts its outline (see
/// [`super::outline::extract`]) from the same parse.
pub fn render_outlined(body: &str, ctx: &mut dyn Context) -> (Rendered, super::outline::Outline) {
    let prepared = Prepared::new(body);
    let events = prepared.events();
    let outline = super::outline::of(&prepared, &events);
    (render_events(&prepared, &events, ctx), outline)
}

/// Renders the events of a prepared body.
fn render_events(
    prepared: &Prepared,
    events: &[(Event<'_>, Range<usize>)],
    ctx: &mut dyn Context,
) -> Rendered {
    let (map, found) = (&prepared.map, prepared.found.as_slice());
    let text_source = prepared.text.as_str();
    let mut out: Vec<Event<'_>> = Vec::with_capacity(events.len());
    let mut rendered = Rendered::default();
    let mut ids = HashSet::default();
    let mut i = 0;
    let mut depth_in_para = false;
    while i < events.len() {
        let (event, range) = &events[i];
        let span = map.range(range);
        match event {
            Event::Start(Tag::Heading { level, .. }) => {
                let end = events[i..]
                    .iter()
                    .position(|(e, _)| matches!(e, Event::End(TagEnd::Heading(_))))
                    .map_or(events.len(), |p| i + p);
                let (inner, explicit) = heading_inner(&events[i + 1..end]);
                let text = plain(inner.iter().map(|(e, _)| e));
                let id = unique(
                    &mut ids,
                    explicit.unwrap_or_else(|| slug::slug(&slug::source_text(inner, text_source))),
                );
                let level = *level as u8;
                out.push(Event::Html(format!("<h{level} id=\"{}\">", escape(&id)).into()));
                for (e, r) in inner {
                    push_inline(&mut out, e.clone(), map.range(r), found, map, ctx);
                }
                out.push(Event::Html(format!("</h{level}>\n").into()));
                rendered.headings.push(Heading { level, id, text });
                i = end + 1;
                continue;
            }
            Event::Start(Tag::BlockQuote(Some(kind))) => {
                let class = alert_class(*kind);
                let label = escape(&ctx.alert_label(*kind));
                out.push(Event::Html(
                    format!("<div class=\"alert alert-{class}\" role=\"note\"><p class=\"alert-title\">{label}</p>\n").into(),
                ));
            }
            Event::End(TagEnd::BlockQuote(Some(_))) => out.push(Event::Html("</div>\n".into())),
            Event::Start(Tag::Paragraph) => {
                if let Some(html) = lone_placeholder(events, i, found, map, ctx) {
                    out.push(Event::Html(html.into()));
                    i += 3;
                    continue;
                }
                if rendered.summary.is_empty() && !depth_in_para {
                    let end = events[i..]
                        .iter()
                        .position(|(e, _)| matches!(e, Event::End(TagEnd::Paragraph)))
                        .map_or(events.len(), |p| i + p);
                    rendered.summary = summary(plain(events[i + 1..end].iter().map(|(e, _)| e)));
                }
                out.push(event.clone());
            }
            Event::Start(Tag::List(_) | Tag::Table(_)) => {
                depth_in_para = true;
                out.push(event.clone());
            }
            _ => push_inline(&mut out, event.clone(), span, found, map, ctx),
        }
        i += 1;
    }
    pulldown_cmark::html::push_html(&mut rendered.html, out.into_iter());
    rendered
}

/// Links, images, inline placeholders and damaged source markup;
/// everything else passes through.
fn push_inline<'a>(
    out: &mut Vec<Event<'a>>,
    event: Event<'a>,
    span: Range<usize>,
    found: &[Found],
    map: &segments::OffsetMap,
    ctx: &mut dyn Context,
) {
    match event {
        Event::Start(Tag::Link { link_type, dest_url, title, id }) => {
            let dest_url = ctx.link(&dest_url, span).map_or(dest_url, CowStr::from);
            out.push(Event::Start(Tag::Link { link_type, dest_url, title, id }));
        }
        Event::Start(Tag::Image { link_type, dest_url, title, id }) => {
            let dest_url = ctx.image(&dest_url, span).map_or(dest_url, CowStr::from);
            out.push(Event::Start(Tag::Image { link_type, dest_url, title, id }));
        }
        Event::Text(text) if text.contains(directives::MARK) => {
            let mut pos = 0;
            for (range, index) in directives::placeholders(&text) {
                out.push(Event::Text(text[pos..range.start].to_string().into()));
                if let Some(f) = found.get(index) {
                    if let Some(html) = directive_html(f, map, ctx) {
                        out.push(Event::InlineHtml(html.into()));
                    }
                }
                pos = range.end;
            }
            out.push(Event::Text(text[pos..].to_string().into()));
        }
        // Source-segment markup the segment scan could not take apart (a
        // damaged tag) is shown as text, never passed on as a span: the
        // scan reports it as damaged markup.
        Event::Html(html) | Event::InlineHtml(html) if html.contains("data-stu-id") => {
            out.push(Event::Text(html));
        }
        other => out.push(other),
    }
}

/// A paragraph that holds nothing but one directive becomes that directive's
/// block HTML (so an include is not wrapped in `<p>`).
fn lone_placeholder(
    events: &[(Event<'_>, Range<usize>)],
    i: usize,
    found: &[Found],
    map: &segments::OffsetMap,
    ctx: &mut dyn Context,
) -> Option<String> {
    let (Event::Text(text), _) = events.get(i + 1)? else {
        return None;
    };
    if !matches!(events.get(i + 2), Some((Event::End(TagEnd::Paragraph), _))) {
        return None;
    }
    let ph = directives::placeholders(text.trim());
    let [(range, index)] = ph.as_slice() else {
        return None;
    };
    if range.len() != text.trim().len() {
        return None;
    }
    let f = found.get(*index)?;
    Some(match &f.directive {
        Directive::Include { .. } => directive_html(f, map, ctx).unwrap_or_default(),
        Directive::Image { .. } => {
            format!("<p class=\"image\">{}</p>\n", directive_html(f, map, ctx).unwrap_or_default())
        }
    })
}

fn directive_html(f: &Found, map: &segments::OffsetMap, ctx: &mut dyn Context) -> Option<String> {
    let span = map.range(&f.span);
    match &f.directive {
        Directive::Include { path, .. } => ctx.include(path, span),
        Directive::Image { source, alt } => {
            let src = ctx.image(source, span).unwrap_or_else(|| source.clone());
            Some(format!("<img src=\"{}\" alt=\"{}\">", escape(&src), escape(alt)))
        }
    }
}

/// Splits an explicit `<a name="x"></a>` (or `id=`) off the heading's start.
fn heading_inner<'e, 'a>(
    inner: &'e [(Event<'a>, Range<usize>)],
) -> (&'e [(Event<'a>, Range<usize>)], Option<String>) {
    let Some((Event::InlineHtml(html) | Event::Html(html), _)) = inner.first() else {
        return (inner, None);
    };
    let Some(anchor) = anchor_name(html) else {
        return (inner, None);
    };
    let rest = &inner[1..];
    let rest = match rest.first() {
        Some((Event::InlineHtml(h) | Event::Html(h), _)) if h.trim() == "</a>" => &rest[1..],
        _ => rest,
    };
    (rest, Some(anchor))
}

/// The value of `name` or `id` in an `<a …>` tag.
#[must_use]
pub fn anchor_name(html: &str) -> Option<String> {
    let tag = html.trim().strip_prefix("<a ")?;
    for attr in ["name=\"", "id=\""] {
        if let Some(i) = tag.find(attr) {
            let v = &tag[i + attr.len()..];
            return v.find('"').map(|e| v[..e].to_string()).filter(|s| !s.is_empty());
        }
    }
    None
}

fn unique(ids: &mut HashSet<String>, id: String) -> String {
    if ids.insert(id.clone()) {
        return id;
    }
    let mut n = 1;
    loop {
        let candidate = format!("{id}-{n}");
        if ids.insert(candidate.clone()) {
            return candidate;
        }
        n += 1;
    }
}

/// Plain text of a run of inline events.
pub(crate) fn plain<'e, 'a: 'e>(events: impl Iterator<Item = &'e Event<'a>>) -> String {
    let mut s = String::new();
    for e in events {
        match e {
            Event::Text(t) | Event::Code(t) => s.push_str(t),
            Event::SoftBreak | Event::HardBreak => s.push(' '),
            _ => {}
        }
    }
    s.trim().to_string()
}

fn summary(text: String) -> String {
    const MAX: usize = 160;
    if text.chars().count() <= MAX {
        return text;
    }
    let cut: String = text.chars().take(MAX).collect();
    let cut = cut.rsplit_once(' ').map_or(cut.as_str(), |(a, _)| a).to_string();
    format!("{cut}…")
}

fn alert_class(kind: Alert) -> &'static str {
    match kind {
        Alert::Note => "note",
        Alert::Tip => "tip",
        Alert::Important => "important",
        Alert::Warning => "warning",
        Alert::Caution => "caution",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Default)]
    struct Recorder {
        includes: Vec<(String, Range<usize>)>,
    }

    impl Context for Recorder {
        fn link(&mut self, dest: &str, _: Range<usize>) -> Option<String> {
            dest.ends_with(".md").then(|| format!("/{}", dest.trim_end_matches(".md")))
        }
        fn image(&mut self, src: &str, _: Range<usize>) -> Option<String> {
            Some(format!("../{src}"))
        }
        fn include(&mut self, path: &str, span: Range<usize>) -> Option<String> {
            self.includes.push((path.to_string(), span));
            Some("<p>included</p>\n".to_string())
        }
        fn alert_label(&self, kind: Alert) -> String {
            format!("{kind:?}!")
        }
    }

    fn html(md: &str) -> Rendered {
        render(md, &mut Recorder::default())
    }

    #[test]
    fn explicit_anchor_becomes_the_heading_id() {
        let r = html("# <a name=\"unlocking-an-account\"></a>Oplåsning af en konto\n");
        assert_eq!(r.html, "<h1 id=\"unlocking-an-account\">Oplåsning af en konto</h1>\n");
        assert_eq!(r.headings[0].text, "Oplåsning af en konto");
    }

    #[test]
    fn heading_without_anchor_gets_a_slug_and_duplicates_are_numbered() {
        let r = html("## Reset the password\n\n## Reset the password\n");
        assert_eq!(r.headings[0].id, "reset-the-password");
        assert_eq!(r.headings[1].id, "reset-the-password-1");
    }

    #[test]
    fn segments_render_target_text_only() {
        let r = html("<span data-ttu-id=\"a-1\">Hej **verden**</span><span class=\"sxs-lookup\"><span data-stu-id=\"a-1\">Hello **world**</span></span>\n");
        assert_eq!(r.html, "<p>Hej <strong>verden</strong></p>\n");
    }

    #[test]
    fn damaged_source_markup_is_text_never_a_span() {
        // Inline and block HTML that still carries a source-segment attribute
        // the segment scan could not take apart.
        for md in
            ["Tekst <SPAN data-stu-id=\"a-1\">Source</SPAN>\n", "<div data-stu-id=\"a-1\">\nSource\n</div>\n"]
        {
            let r = html(md);
            assert!(!r.html.to_lowercase().contains("<span data-stu-id"), "{}", r.html);
            assert!(!r.html.contains("<div data-stu-id"), "{}", r.html);
            assert!(
                r.html.contains("data-stu-id=&quot;a-1&quot;&gt;")
                    || r.html.contains("data-stu-id=\"a-1\"&gt;"),
                "{}",
                r.html
            );
        }
    }

    #[test]
    fn alerts_are_labelled_callouts() {
        let r = html("> [!NOTE]\n> Read this.\n");
        assert!(
            r.html.starts_with(
                "<div class=\"alert alert-note\" role=\"note\"><p class=\"alert-title\">Note!</p>"
            ),
            "{}",
            r.html
        );
        assert!(r.html.contains("<p>Read this.</p>"));
        assert!(r.html.trim_end().ends_with("</div>"));
    }

    #[test]
    fn block_include_replaces_the_paragraph_and_reports_its_original_span() {
        let md = "<span data-ttu-id=\"a-1\">x</span><span class=\"sxs-lookup\"><span data-stu-id=\"a-1\">y</span></span>\n\n[!INCLUDE [a](../includes/a.md)]\n";
        let mut rec = Recorder::default();
        let r = render(md, &mut rec);
        assert_eq!(r.html, "<p>x</p>\n<p>included</p>\n");
        let (path, span) = &rec.includes[0];
        assert_eq!(path, "../includes/a.md");
        assert_eq!(&md[span.clone()], "[!INCLUDE [a](../includes/a.md)]");
    }

    #[test]
    fn links_and_images_are_rewritten() {
        let r = html("[next](other.md) [web](https://x.org) ![pic](media/a.png)\n\n:::image type=\"content\" source=\"media/b.png\" alt-text=\"B & <q>\":::\n");
        assert!(r.html.contains("href=\"/other\""), "{}", r.html);
        assert!(r.html.contains("href=\"https://x.org\""), "{}", r.html);
        assert!(r.html.contains("alt=\"B &amp; &lt;q&gt;\""), "{}", r.html);
        assert!(r.html.contains("src=\"../media/a.png\""));
        assert!(r.html.contains("<p class=\"image\"><img src=\"../media/b.png\""), "{}", r.html);
    }

    #[test]
    fn summary_is_the_first_paragraph() {
        let r = html("# T\n\nFirst **para**.\n\nSecond.\n");
        assert_eq!(r.summary, "First para.");
    }
}
