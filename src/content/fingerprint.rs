//! Source fingerprints as the localization pipeline records them.
//!
//! `ms.openlocfilehash` is the SHA-1 (40 hex digits) or, for files handed off
//! from mid-2021 on, most likely the SHA-256 (64 hex digits) of the source
//! file's bytes as a Windows checkout writes them: every LF not already part
//! of a CRLF becomes CRLF. Some repositories hashed the raw bytes, and a few
//! older files hashed the bytes without a UTF-8 BOM; all of those variants
//! count as the same source version.

use sha1::{Digest, Sha1};
use sha2::Sha256;
use std::borrow::Cow;

const BOM: &[u8] = b"\xEF\xBB\xBF";

/// The fingerprint tolk records for a source file: SHA-1 of its CRLF form.
#[must_use]
pub fn current(source: &[u8]) -> String {
    hex(&Sha1::digest(crlf(source)))
}

/// The SHA-256 fingerprint of a source file (64 hex digits), for files
/// whose pipeline records SHA-256.
#[must_use]
pub fn current_sha256(source: &[u8]) -> String {
    hex(&Sha256::digest(crlf(source)))
}

/// Whether `recorded` is a fingerprint of exactly these source bytes, under
/// any of the variants the localization pipelines have used. The algorithm is
/// chosen by the length of `recorded`; any other length never matches.
#[must_use]
pub fn matches(recorded: &str, source: &[u8]) -> bool {
    Known::default().matches(recorded, || source)
}

/// The fingerprints of one source file under every variant, computed at most
/// once per algorithm: a source is compared with every translation of it,
/// by the checks and again by the renderer.
#[derive(Debug, Clone, Default)]
pub struct Known {
    sha1: std::sync::OnceLock<Vec<String>>,
    sha256: std::sync::OnceLock<Vec<String>>,
}

impl Known {
    /// Whether `recorded` is a fingerprint of the bytes `source` gives
    /// (always the same bytes for one `Known`; asked for only when these
    /// fingerprints were not computed yet).
    #[must_use]
    pub fn matches<'s>(&self, recorded: &str, source: impl FnOnce() -> &'s [u8]) -> bool {
        let recorded = recorded.trim().to_ascii_lowercase();
        let known = match recorded.len() {
            40 => self.sha1.get_or_init(|| variants(source(), |b| hex(&Sha1::digest(b)))),
            64 => self.sha256.get_or_init(|| variants(source(), |b| hex(&Sha256::digest(b)))),
            _ => return false,
        };
        known.contains(&recorded)
    }

    /// [`current`] of `source` (always the same bytes for one `Known`).
    #[must_use]
    pub fn current<'s>(&self, source: impl FnOnce() -> &'s [u8]) -> String {
        let known = self.sha1.get_or_init(|| variants(source(), |b| hex(&Sha1::digest(b))));
        known.first().cloned().unwrap_or_default()
    }

    /// The SHA-1 fingerprints of every variant, if they were computed.
    #[must_use]
    pub fn sha1(&self) -> Option<&[String]> {
        self.sha1.get().map(Vec::as_slice)
    }

    /// The SHA-1 fingerprints, if they were computed (else none).
    #[must_use]
    pub fn into_sha1(self) -> Vec<String> {
        self.sha1.into_inner().unwrap_or_default()
    }

    /// Fingerprints known from an earlier build: the SHA-1 of every variant.
    #[must_use]
    pub fn with_sha1(sha1: Vec<String>) -> Self {
        Self { sha1: std::sync::OnceLock::from(sha1), sha256: std::sync::OnceLock::new() }
    }
}

/// The digests of every variant of `source`.
fn variants(source: &[u8], digest: fn(&[u8]) -> String) -> Vec<String> {
    let mut out = vec![digest(&crlf(source)), digest(source)];
    if let Some(bare) = source.strip_prefix(BOM) {
        out.push(digest(&crlf(bare)));
        out.push(digest(bare));
    }
    out
}

/// The bytes with every lone LF turned into CRLF.
fn crlf(bytes: &[u8]) -> Cow<'_, [u8]> {
    let lone_lf = bytes.iter().enumerate().any(|(i, &b)| b == b'\n' && (i == 0 || bytes[i - 1] != b'\r'));
    if !lone_lf {
        return Cow::Borrowed(bytes);
    }
    let mut out = Vec::with_capacity(bytes.len() + bytes.len() / 32);
    for (i, &b) in bytes.iter().enumerate() {
        if b == b'\n' && (i == 0 || bytes[i - 1] != b'\r') {
            out.push(b'\r');
        }
        out.push(b);
    }
    Cow::Owned(out)
}

fn hex(bytes: &[u8]) -> String {
    use std::fmt::Write;
    bytes.iter().fold(String::with_capacity(bytes.len() * 2), |mut s, b| {
        let _ = write!(s, "{b:02x}");
        s
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sha1_of_crlf_form() {
        let lf = b"a\nb\n";
        let crlf_bytes = b"a\r\nb\r\n";
        assert_eq!(current(lf), current(crlf_bytes));
        assert_eq!(current(crlf_bytes), hex(&Sha1::digest(crlf_bytes)));
    }

    #[test]
    fn known_sha1_value() {
        // sha1("abc\r\n") computed independently with `printf 'abc\r\n' | sha1sum`.
        assert_eq!(current(b"abc\n"), "34d4150adc3347f1dd8ce19fdf65b74d971ab602");
    }

    #[test]
    fn accepts_raw_and_bom_less_variants() {
        let src = b"\xEF\xBB\xBFtitle\nbody\n";
        let raw = hex(&Sha1::digest(src));
        let bare_crlf = hex(&Sha1::digest(b"title\r\nbody\r\n"));
        assert!(matches(&raw, src));
        assert!(matches(&bare_crlf, src));
        assert!(matches(&current(src), src));
        assert!(matches(&current(src).to_uppercase(), src));
    }

    #[test]
    fn sha256_by_length() {
        let src = b"x\n";
        let recorded = hex(&Sha256::digest(b"x\r\n"));
        assert_eq!(recorded.len(), 64);
        assert!(matches(&recorded, src));
        assert!(!matches(&recorded, b"y\n"));
    }

    #[test]
    fn other_lengths_never_match() {
        assert!(!matches("abc", b""));
        assert!(!matches("", b""));
    }
}
