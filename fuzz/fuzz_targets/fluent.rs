//! Fluent outlines and formatting: no panic, every span inside the file.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let outline = tolk::l10n::outline::extract(&text);
    for e in &outline.entries {
        assert!(e.span.end <= text.len());
    }
    for e in &outline.errors {
        assert!(e.span.end <= text.len());
    }
});
