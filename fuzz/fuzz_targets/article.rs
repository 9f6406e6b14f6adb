//! The whole article pipeline against a fixed source: parse, extract, check,
//! render. No panic, and every finding's span inside the translation.
#![no_main]
use libfuzzer_sys::fuzz_target;

const SOURCE: &str = include_str!("../../content/en-US/unlocking-an-account.md");

struct Ctx;

impl tolk::markdown::Context for Ctx {
    fn link(&mut self, dest: &str, _: std::ops::Range<usize>) -> Option<String> {
        dest.ends_with(".md").then(|| dest.replace(".md", "/"))
    }
    fn image(&mut self, _: &str, _: std::ops::Range<usize>) -> Option<String> {
        None
    }
    fn include(&mut self, _: &str, _: std::ops::Range<usize>) -> Option<String> {
        Some("<p>included</p>".into())
    }
    fn alert_label(&self, _: tolk::markdown::Alert) -> String {
        "Note".into()
    }
}

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    for d in tolk::check::compare_texts(SOURCE, &text, "da-DK") {
        assert!(
            d.span.start <= d.span.end && d.span.end <= text.len(),
            "{} {:?} of {}",
            d.rule,
            d.span,
            text.len()
        );
    }
    let rendered = tolk::markdown::render(&text, &mut Ctx);
    // Embedded source text never reaches the page, however damaged the spans.
    // (Damaged markup that is no longer a span is text, and reported.)
    assert!(!rendered.html.contains("<span data-stu-id"), "{}", rendered.html);
});
