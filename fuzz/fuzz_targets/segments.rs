//! Embedded-segment parsing: no panic, every range inside the original, the
//! offset map lands inside the original too.
#![no_main]
use libfuzzer_sys::fuzz_target;
use tolk::markdown::segments;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let stripped = segments::strip(&text);
    assert!(stripped.text.len() <= text.len());
    for s in &stripped.segments {
        assert!(s.whole.end <= text.len() && s.target.end <= text.len());
        if let Some(src) = &s.source {
            assert!(
                src.end <= text.len() && text.is_char_boundary(src.start) && text.is_char_boundary(src.end)
            );
        }
        assert!(text.is_char_boundary(s.target.start) && text.is_char_boundary(s.target.end));
    }
    for m in &stripped.malformed {
        assert!(m.span.end <= text.len());
    }
    for i in (0..=stripped.text.len()).step_by(7) {
        assert!(stripped.map.original(i) <= text.len());
    }
});
