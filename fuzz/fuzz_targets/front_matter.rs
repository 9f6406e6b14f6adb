//! Front-matter splitting and parsing: no panic, every span inside the text.
#![no_main]
use libfuzzer_sys::fuzz_target;
use tolk::content::front_matter;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    match front_matter::split(&text) {
        Ok(split) => {
            assert!(split.body <= text.len());
            if let Some(range) = split.yaml {
                assert!(range.end <= text.len() && range.start <= range.end);
                match front_matter::parse(&text, range) {
                    Ok(fm) => {
                        for (key, _) in fm.iter() {
                            if let Some(span) = fm.span(key) {
                                assert!(span.end <= text.len());
                            }
                        }
                    }
                    Err(p) => assert!(p.span.start <= p.span.end && p.span.end <= text.len(), "{:?}", p.span),
                }
            }
        }
        Err(p) => assert!(p.span.end <= text.len()),
    }
});
