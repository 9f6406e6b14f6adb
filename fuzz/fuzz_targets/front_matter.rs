//! Front-matter splitting and parsing: no panic, every span inside the text,
//! and the fast path for plain YAML reads what the YAML library reads.
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
                let parsed = front_matter::parse(&text, range.clone());
                match (&parsed, front_matter::parse_with_library(&text, range)) {
                    (Ok(fast), Ok(library)) => {
                        assert_eq!(fast, &library);
                        for (key, _) in fast.iter() {
                            assert_eq!(fast.span(key), library.span(key));
                        }
                    }
                    (fast, library) => assert_eq!(fast.is_err(), library.is_err(), "{fast:?} / {library:?}"),
                }
                match parsed {
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
