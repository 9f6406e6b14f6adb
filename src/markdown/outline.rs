//! The outline of an article body: everything a translation must keep from
//! its source (headings and anchors, links, images, code, lists, tables,
//! alerts, includes, raw HTML) and its text blocks, each with the byte span
//! in the original body. Embedded source segments are seen through: the
//! outline is of the text a reader gets.

use super::directives::Directive;
use super::html::{anchor_name, plain};
use super::prepared::Prepared;
use super::{segments, slug};
use pulldown_cmark::{BlockQuoteKind, Event, Tag, TagEnd};
use std::ops::Range;

/// A heading.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Heading {
    /// 1 to 6.
    pub level: u8,
    /// Its id: the explicit anchor, else the DocFX slug of its text.
    pub id: String,
    /// Whether the id comes from an explicit `<a name>`.
    pub explicit: bool,
    /// Plain text.
    pub text: String,
    /// Span in the body.
    pub span: Range<usize>,
}

/// A link or image target with its span.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Target {
    /// The destination as written.
    pub dest: String,
    /// Link text or alt text.
    pub text: String,
    /// Span in the body.
    pub span: Range<usize>,
}

/// A piece of code: a fenced or indented block, or inline code.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Code {
    /// The code, exactly.
    pub text: String,
    /// Whether it is a block.
    pub block: bool,
    /// Span in the body.
    pub span: Range<usize>,
}

/// A list and how many items it has.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct List {
    /// Numbered or bulleted.
    pub ordered: bool,
    /// Number of items directly in it.
    pub items: usize,
    /// Span in the body.
    pub span: Range<usize>,
}

/// A table's shape.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Table {
    /// Columns.
    pub columns: usize,
    /// Body rows.
    pub rows: usize,
    /// Span in the body.
    pub span: Range<usize>,
}

/// An alert (`> [!NOTE]`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Alert {
    /// Its kind, upper-case: `NOTE`.
    pub kind: &'static str,
    /// Span in the body.
    pub span: Range<usize>,
}

/// A raw HTML start tag.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HtmlTag {
    /// Lower-case element name.
    pub name: String,
    /// Lower-case attribute names and their values.
    pub attrs: Vec<(String, String)>,
    /// Span in the body.
    pub span: Range<usize>,
}

/// What kind of text block.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BlockKind {
    /// A paragraph (also one inside a list item).
    Paragraph,
    /// A heading.
    Heading,
    /// A tight list item's text.
    Item,
    /// A table cell.
    Cell,
}

/// A block of text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Block {
    /// What it is.
    pub kind: BlockKind,
    /// Plain text, code and URLs left out.
    pub text: String,
    /// The block's inline Markdown as written (after segment stripping).
    pub markdown: String,
    /// [`fold`] of `text`: blocks that say the same thing, whatever their
    /// case and spacing, have the same.
    pub folded: u64,
    /// Span in the body.
    pub span: Range<usize>,
}

/// Everything extracted from one body.
#[derive(Debug, Clone, Default)]
pub struct Outline {
    /// Headings in order.
    pub headings: Vec<Heading>,
    /// Explicit anchors anywhere (`<a name>`, `<a id>`), including headings'.
    pub anchors: Vec<(String, Range<usize>)>,
    /// Links (not images).
    pub links: Vec<Target>,
    /// Images, Markdown and `:::image:::`.
    pub images: Vec<Target>,
    /// Code blocks and inline code.
    pub code: Vec<Code>,
    /// Lists.
    pub lists: Vec<List>,
    /// Tables.
    pub tables: Vec<Table>,
    /// Alerts.
    pub alerts: Vec<Alert>,
    /// `[!INCLUDE]` targets.
    pub includes: Vec<Target>,
    /// Raw HTML start tags (segment spans excluded).
    pub html: Vec<HtmlTag>,
    /// Text blocks in order.
    pub blocks: Vec<Block>,
    /// Embedded source segments.
    pub segments: Vec<segments::Segment>,
    /// Segments that are not well formed.
    pub malformed: Vec<segments::Malformed>,
}

struct Open {
    kind: BlockKind,
    inline: Option<Range<usize>>,
    events_from: usize,
}

/// Walks the events once, keeping the state of open containers.
struct Walker<'t, 'e> {
    out: Outline,
    events: &'e [(Event<'t>, Range<usize>)],
    text: &'t str,
    map: &'e segments::OffsetMap,
    lists: Vec<(bool, usize, usize)>,
    open: Vec<Open>,
    table: Option<(usize, usize, usize)>,
    links: Vec<(String, usize, bool)>,
    heading: Option<(u8, usize, usize)>,
}

/// Extracts the outline of a body.
#[must_use]
pub fn extract(body: &str) -> Outline {
    let prepared = Prepared::new(body);
    let events = prepared.events();
    of(&prepared, &events)
}

/// The outline of a prepared body, from its events (which the caller may
/// also render).
#[must_use]
pub fn of(prepared: &Prepared, events: &[(Event<'_>, Range<usize>)]) -> Outline {
    let map = &prepared.map;
    let mut out = Outline {
        segments: prepared.segments.clone(),
        malformed: prepared.malformed.clone(),
        ..Outline::default()
    };
    for f in &prepared.found {
        let span = map.range(&f.span);
        match &f.directive {
            Directive::Include { name, path } => {
                out.includes.push(Target { dest: path.clone(), text: name.clone(), span });
            }
            Directive::Image { source, alt } => {
                out.images.push(Target { dest: source.clone(), text: alt.clone(), span });
            }
        }
    }
    let mut walker = Walker {
        out,
        events,
        text: &prepared.text,
        map,
        lists: Vec::new(),
        open: Vec::new(),
        table: None,
        links: Vec::new(),
        heading: None,
    };
    for i in 0..events.len() {
        if !walker.container(i) {
            walker.leaf(i);
        }
        walker.extend_inline(i);
    }
    let mut out = walker.out;
    out.images.sort_by_key(|t| t.span.start);
    let anchors: Vec<(String, Range<usize>)> = out
        .html
        .iter()
        .filter(|t| t.name == "a")
        .filter_map(|t| {
            t.attrs.iter().find(|(k, _)| k == "name" || k == "id").map(|(_, v)| (v.clone(), t.span.clone()))
        })
        .collect();
    out.anchors = anchors;
    out
}

impl Walker<'_, '_> {
    fn span(&self, i: usize) -> Range<usize> {
        self.map.range(&self.events[i].1)
    }

    fn push_block(&mut self, kind: BlockKind, i: usize) {
        self.open.push(Open { kind, inline: None, events_from: i + 1 });
    }

    /// Blocks and containers; `false` when the event is not one.
    fn container(&mut self, i: usize) -> bool {
        // Spans are mapped back only for the events that keep one.
        let span = || self.span(i);
        match &self.events[i].0 {
            Event::Start(Tag::Heading { level, .. }) => {
                self.heading = Some((*level as u8, span().start, i));
                self.push_block(BlockKind::Heading, i);
            }
            Event::End(TagEnd::Heading(_)) => {
                let end = span().end;
                self.end_heading(i, end);
                self.close_block(i);
            }
            Event::Start(Tag::Paragraph) => self.push_block(BlockKind::Paragraph, i),
            Event::Start(Tag::TableCell) => self.push_block(BlockKind::Cell, i),
            Event::Start(Tag::Item) => {
                if let Some(l) = self.lists.last_mut() {
                    l.1 += 1;
                }
                self.push_block(BlockKind::Item, i);
            }
            Event::End(TagEnd::Paragraph | TagEnd::Item | TagEnd::TableCell) => self.close_block(i),
            Event::Start(Tag::List(first)) => {
                let start = span().start;
                self.lists.push((first.is_some(), 0, start));
            }
            Event::End(TagEnd::List(_)) => {
                let end = span().end;
                if let Some((ordered, items, start)) = self.lists.pop() {
                    self.out.lists.push(List { ordered, items, span: start..end });
                }
            }
            Event::Start(Tag::Table(aligns)) => self.table = Some((aligns.len(), 0, span().start)),
            Event::Start(Tag::TableRow) => {
                if let Some(t) = self.table.as_mut() {
                    t.1 += 1;
                }
            }
            Event::End(TagEnd::Table) => {
                let end = span().end;
                if let Some((columns, rows, start)) = self.table.take() {
                    self.out.tables.push(Table { columns, rows, span: start..end });
                }
            }
            Event::Start(Tag::BlockQuote(Some(kind))) => {
                let span = span();
                self.out.alerts.push(Alert { kind: alert_name(*kind), span });
            }
            _ => return false,
        }
        true
    }

    /// Code, links, images and raw HTML.
    fn leaf(&mut self, i: usize) {
        let span = || self.span(i);
        match &self.events[i].0 {
            Event::Start(Tag::CodeBlock(_)) => {
                let code: String = self.events[i + 1..]
                    .iter()
                    .take_while(|(e, _)| !matches!(e, Event::End(TagEnd::CodeBlock)))
                    .filter_map(|(e, _)| if let Event::Text(t) = e { Some(t.as_ref()) } else { None })
                    .collect();
                let span = span();
                self.out.code.push(Code { text: code, block: true, span });
            }
            Event::Code(c) => {
                let span = span();
                self.out.code.push(Code { text: c.to_string(), block: false, span });
            }
            Event::Start(Tag::Link { dest_url, .. }) => {
                let start = span().start;
                self.links.push((dest_url.to_string(), start, false));
            }
            Event::Start(Tag::Image { dest_url, .. }) => {
                let start = span().start;
                self.links.push((dest_url.to_string(), start, true));
            }
            Event::End(TagEnd::Link | TagEnd::Image) => {
                let end = span().end;
                if let Some((dest, start, image)) = self.links.pop() {
                    let from = self.events[..i]
                        .iter()
                        .rposition(|(e, _)| matches!(e, Event::Start(Tag::Link { .. } | Tag::Image { .. })))
                        .unwrap_or(i);
                    let label = plain(self.events[from + 1..i].iter().map(|(e, _)| e));
                    let target = Target { dest, text: label, span: start..end };
                    if image {
                        self.out.images.push(target);
                    } else {
                        self.out.links.push(target);
                    }
                }
            }
            Event::InlineHtml(h) | Event::Html(h) => {
                let span = span();
                collect_html(&mut self.out, h, span);
            }
            _ => {}
        }
    }

    fn end_heading(&mut self, i: usize, end: usize) {
        let Some((level, start, from)) = self.heading.take() else {
            return;
        };
        let inner = &self.events[from + 1..i];
        let explicit = inner.iter().find_map(|(e, _)| match e {
            Event::InlineHtml(h) | Event::Html(h) => anchor_name(h),
            _ => None,
        });
        let text = plain(inner.iter().map(|(e, _)| e));
        let id = explicit.clone().unwrap_or_else(|| slug::slug(&slug::source_text(inner, self.text)));
        self.out.headings.push(Heading { level, id, explicit: explicit.is_some(), text, span: start..end });
    }

    /// Grows the innermost open block's inline range over inline events.
    fn extend_inline(&mut self, i: usize) {
        let (event, range) = &self.events[i];
        if let Some(o) = self.open.last_mut() {
            if is_inline(event) && i >= o.events_from {
                o.inline = Some(match o.inline.take() {
                    Some(r) => r.start..range.end,
                    None => range.clone(),
                });
            }
        }
    }

    fn close_block(&mut self, end: usize) {
        let Some(o) = self.open.pop() else { return };
        let Some(inline) = o.inline else { return };
        let mut inner = &self.events[o.events_from..end];
        // An item whose text sits in a paragraph reports it as the paragraph;
        // a tight item's own text stops where a nested list starts.
        if o.kind == BlockKind::Item {
            if inner.iter().any(|(e, _)| matches!(e, Event::Start(Tag::Paragraph))) {
                return;
            }
            let stop = inner
                .iter()
                .position(|(e, _)| matches!(e, Event::Start(Tag::List(_))))
                .unwrap_or(inner.len());
            inner = &inner[..stop];
        }
        let text = block_text(inner.iter().map(|(e, _)| e));
        let span = self.map.range(&inline);
        let folded = fold(&text);
        self.out.blocks.push(Block {
            kind: o.kind,
            text,
            markdown: self.text[inline].to_string(),
            folded,
            span,
        });
    }
}

/// A hash of `text` with its whitespace collapsed and its letters in lower
/// case.
#[must_use]
pub fn fold(text: &str) -> u64 {
    thread_local! {
        // Scratch space, reused: every text block of every article is folded.
        static FOLDED: std::cell::RefCell<Vec<u8>> = const { std::cell::RefCell::new(Vec::new()) };
    }
    FOLDED.with_borrow_mut(|folded| {
        folded.clear();
        if text.is_ascii() {
            // One pass over the bytes; the same result as the general case.
            let mut space = false;
            for &b in text.as_bytes() {
                if is_ascii_space(b) {
                    space = !folded.is_empty();
                } else {
                    if space {
                        folded.push(b' ');
                        space = false;
                    }
                    folded.push(b.to_ascii_lowercase());
                }
            }
        } else {
            let mut buf = [0; 4];
            for (i, word) in text.split_whitespace().enumerate() {
                if i > 0 {
                    folded.push(b' ');
                }
                for c in word.chars().flat_map(char::to_lowercase) {
                    folded.extend_from_slice(c.encode_utf8(&mut buf).as_bytes());
                }
            }
        }
        xxhash_rust::xxh3::xxh3_64(folded)
    })
}

/// The ASCII characters `char::is_whitespace` accepts (`u8::is_ascii_whitespace`
/// leaves out the vertical tab).
fn is_ascii_space(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\n' | b'\x0B' | b'\x0C' | b'\r')
}

/// `text` with each run of whitespace made one space, and none at either end.
#[must_use]
pub fn collapse_whitespace(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for word in text.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    out
}

fn is_inline(e: &Event<'_>) -> bool {
    matches!(
        e,
        Event::Text(_)
            | Event::Code(_)
            | Event::InlineHtml(_)
            | Event::SoftBreak
            | Event::HardBreak
            | Event::FootnoteReference(_)
    ) || matches!(
        e,
        Event::Start(Tag::Emphasis | Tag::Strong | Tag::Strikethrough | Tag::Link { .. } | Tag::Image { .. })
            | Event::End(
                TagEnd::Emphasis | TagEnd::Strong | TagEnd::Strikethrough | TagEnd::Link | TagEnd::Image
            )
    )
}

/// Plain text of a block without code, URLs or HTML, its whitespace
/// collapsed ([`collapse_whitespace`] of the text and breaks joined) as it
/// is gathered, without a second string.
fn block_text<'e, 'a: 'e>(events: impl Iterator<Item = &'e Event<'a>>) -> String {
    let mut s = String::new();
    // Whitespace seen since the last word: one space before the next.
    let mut space = false;
    for e in events {
        let mut rest: &str = match e {
            Event::Text(t) => t,
            Event::SoftBreak | Event::HardBreak => {
                space = true;
                continue;
            }
            _ => continue,
        };
        loop {
            let word = rest.trim_start();
            space |= word.len() < rest.len();
            if word.is_empty() {
                break;
            }
            let end = word.find(char::is_whitespace).unwrap_or(word.len());
            if space && !s.is_empty() {
                s.push(' ');
            }
            space = false;
            s.push_str(&word[..end]);
            rest = &word[end..];
        }
    }
    s
}

fn alert_name(kind: BlockQuoteKind) -> &'static str {
    match kind {
        BlockQuoteKind::Note => "NOTE",
        BlockQuoteKind::Tip => "TIP",
        BlockQuoteKind::Important => "IMPORTANT",
        BlockQuoteKind::Warning => "WARNING",
        BlockQuoteKind::Caution => "CAUTION",
    }
}

/// Every start tag in a piece of raw HTML.
fn collect_html(out: &mut Outline, html: &str, span: Range<usize>) {
    let mut pos = 0;
    while let Some(i) = html[pos..].find('<') {
        let start = pos + i + 1;
        let rest = &html[start..];
        let name: String = rest.chars().take_while(|c| c.is_ascii_alphanumeric() || *c == '-').collect();
        if name.is_empty() {
            pos = start;
            continue;
        }
        let tag_end = rest.find('>').map_or(rest.len(), |e| e);
        let attrs = parse_attrs(&rest[name.len()..tag_end]);
        out.html.push(HtmlTag { name: name.to_ascii_lowercase(), attrs, span: span.clone() });
        pos = start + tag_end;
    }
}

/// `name="value"`, `name='value'`, `name=value` and bare `name`.
fn parse_attrs(s: &str) -> Vec<(String, String)> {
    let mut attrs = Vec::new();
    let mut chars = s.trim_end_matches('/').char_indices().peekable();
    let s = s.trim_end_matches('/');
    while let Some((i, c)) = chars.next() {
        if c.is_whitespace() {
            continue;
        }
        let mut end = i + c.len_utf8();
        while let Some(&(j, c)) = chars.peek() {
            if c.is_whitespace() || c == '=' {
                break;
            }
            end = j + c.len_utf8();
            chars.next();
        }
        let name = s[i..end].to_ascii_lowercase();
        while chars.peek().is_some_and(|(_, c)| c.is_whitespace()) {
            chars.next();
        }
        let mut value = String::new();
        if chars.peek().is_some_and(|(_, c)| *c == '=') {
            chars.next();
            while chars.peek().is_some_and(|(_, c)| c.is_whitespace()) {
                chars.next();
            }
            match chars.peek().map(|(_, c)| *c) {
                Some(q @ ('"' | '\'')) => {
                    chars.next();
                    for (_, c) in chars.by_ref() {
                        if c == q {
                            break;
                        }
                        value.push(c);
                    }
                }
                _ => {
                    while let Some(&(_, c)) = chars.peek() {
                        if c.is_whitespace() {
                            break;
                        }
                        value.push(c);
                        chars.next();
                    }
                }
            }
        }
        attrs.push((name, value));
    }
    attrs
}

#[cfg(test)]
mod tests {
    use super::*;

    const NL: &str = "# <a name=\"unlocking-an-account\"></a><span data-ttu-id=\"x-1\">Een account</span><span class=\"sxs-lookup\"><span data-stu-id=\"x-1\">Unlocking an account</span></span>\n\n<span data-ttu-id=\"x-2\">Zie [dit](https://a.example/x) en `code`.</span><span class=\"sxs-lookup\"><span data-stu-id=\"x-2\">See [this](https://a.example/x) and `code`.</span></span>\n\n1. Een\n2. Twee\n\n> [!NOTE]\n> Let op.\n\n| a | b |\n| - | - |\n| 1 | 2 |\n\n```sh\nls\n```\n\n[!INCLUDE [i](includes/a.md)]\n\n<iframe src=\"https://evil.example\" onload=\"x()\"></iframe>\n";

    #[test]
    fn fold_fast_path_matches_the_general_rule() {
        let general = |text: &str| {
            // Letter by letter, as before the fast path existed.
            let words: Vec<String> =
                text.split_whitespace().map(|w| w.chars().flat_map(char::to_lowercase).collect()).collect();
            xxhash_rust::xxh3::xxh3_64(words.join(" ").as_bytes())
        };
        for text in [
            "",
            "   ",
            "Select  the\n account",
            "\tTabs\x0Band\x0Cfeeds\r\n ",
            " Leading and trailing ",
            "Grüße AUS Köln",
            "İstanbul ΣΊΣΥΦΟΣ",
            "mixed\u{a0}nbsp and\u{2003}em space",
        ] {
            assert_eq!(fold(text), general(text), "{text:?}");
        }
        assert_eq!(collapse_whitespace("  a \n\t b  "), "a b");
    }

    #[test]
    fn extracts_structure_through_segments() {
        let o = extract(NL);
        assert_eq!(o.headings.len(), 1);
        assert_eq!(o.headings[0].id, "unlocking-an-account");
        assert!(o.headings[0].explicit);
        assert_eq!(o.headings[0].text, "Een account");
        assert_eq!(o.links.len(), 1, "the embedded source's link is not counted");
        assert_eq!(o.links[0].dest, "https://a.example/x");
        assert_eq!(&NL[o.links[0].span.clone()], "[dit](https://a.example/x)");
        assert_eq!(o.code.iter().filter(|c| c.block).count(), 1);
        assert_eq!(o.code.iter().filter(|c| !c.block).map(|c| c.text.as_str()).collect::<Vec<_>>(), ["code"]);
        assert_eq!(o.lists, vec![List { ordered: true, items: 2, span: o.lists[0].span.clone() }]);
        assert_eq!(o.tables[0].columns, 2);
        assert_eq!(o.tables[0].rows, 1, "one body row");
        assert_eq!(o.alerts[0].kind, "NOTE");
        assert_eq!(o.includes[0].dest, "includes/a.md");
        assert_eq!(o.segments.len(), 2);
        let iframe = o.html.iter().find(|t| t.name == "iframe").unwrap();
        assert!(iframe.attrs.contains(&("onload".to_string(), "x()".to_string())));
        assert!(o.anchors.iter().any(|(a, _)| a == "unlocking-an-account"));
    }

    #[test]
    fn blocks_carry_text_and_markdown() {
        let o = extract("Para one with `x` and [link](http://u).\n\n- item **bold**\n- item two\n");
        let texts: Vec<&str> = o.blocks.iter().map(|b| b.text.as_str()).collect();
        assert_eq!(texts, ["Para one with and link.", "item bold", "item two"]);
        assert_eq!(o.blocks[1].markdown, "item **bold**");
        assert_eq!(o.blocks[1].kind, BlockKind::Item);
    }

    #[test]
    fn tight_item_with_a_nested_list_keeps_its_own_text() {
        let o = extract("1. Follow the instructions.\n    - Only this.\n");
        let texts: Vec<&str> = o.blocks.iter().map(|b| b.text.as_str()).collect();
        assert_eq!(texts, ["Only this.", "Follow the instructions."]);
    }

    #[test]
    fn block_text_collapses_as_it_gathers() {
        use pulldown_cmark::CowStr;
        let joined_then_collapsed = |events: &[Event<'_>]| {
            let mut s = String::new();
            for e in events {
                match e {
                    Event::Text(t) => s.push_str(t),
                    Event::SoftBreak | Event::HardBreak => s.push(' '),
                    _ => {}
                }
            }
            collapse_whitespace(&s)
        };
        let text = |t: &'static str| Event::Text(CowStr::Borrowed(t));
        let cases: Vec<Vec<Event<'static>>> = vec![
            vec![],
            vec![text("  ")],
            vec![text("one"), text("word")],
            vec![text("two "), text("words")],
            vec![text("two"), text(" words ")],
            vec![text(" lead"), Event::SoftBreak, text("after break"), Event::HardBreak],
            vec![Event::SoftBreak, text("x"), Event::Code(CowStr::Borrowed("code")), text("y")],
            vec![text("a\u{a0}b\u{2003} c\t\n"), text("\u{3000}Grüße ")],
            vec![text("end"), Event::SoftBreak],
        ];
        for events in cases {
            assert_eq!(block_text(events.iter()), joined_then_collapsed(&events), "{events:?}");
        }
    }

    #[test]
    fn attributes() {
        assert_eq!(
            parse_attrs(" a=\"1\" b='2' c=3 d"),
            vec![
                ("a".into(), "1".into()),
                ("b".into(), "2".into()),
                ("c".into(), "3".into()),
                ("d".into(), String::new())
            ]
        );
    }
}
