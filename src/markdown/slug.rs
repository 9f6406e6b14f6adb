//! Heading ids as DocFX generates them: lower case, punctuation dropped,
//! spaces to hyphens. Letters of every script are kept.

/// The id DocFX gives a heading with this text.
#[must_use]
pub fn slug(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.trim().chars().flat_map(char::to_lowercase) {
        if c.is_alphanumeric() || c == '-' || c == '_' {
            out.push(c);
        } else if c.is_whitespace() && !out.ends_with('-') {
            out.push('-');
        }
    }
    let out = out.trim_matches('-').to_string();
    if out.is_empty() {
        "section".to_string()
    } else {
        out
    }
}

#[cfg(test)]
mod tests {
    use super::slug;

    #[test]
    fn docfx_style() {
        assert_eq!(slug("Unlocking an account"), "unlocking-an-account");
        assert_eq!(slug("What's new?  (2021)"), "whats-new-2021");
        assert_eq!(slug("Oplåsning af en konto"), "oplåsning-af-en-konto");
        assert_eq!(slug("!!!"), "section");
    }
}
