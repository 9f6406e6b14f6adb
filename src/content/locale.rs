//! Locale tags: parsing folder names as BCP 47 and the facts tolk needs
//! about a locale (canonical spelling, writing direction, fallback parent).

use unic_langid::{CharacterDirection, LanguageIdentifier};

/// Folder names under `content/` that hold shared files, never a locale.
const NON_LOCALE_FOLDERS: &[&str] = &["includes", "media", "images", "assets"];

/// The canonical spelling of a BCP 47 tag: `de-de` → `de-DE`,
/// `SR-latn-rs` → `sr-Latn-RS`.
///
/// # Errors
/// The text is not a language tag.
pub fn canonical(tag: &str) -> Result<String, String> {
    let id: LanguageIdentifier = tag.parse().map_err(|e| format!("{e}"))?;
    let language = id.language.as_str();
    // BCP 47 allows 5–8 letter language subtags, but none is in use; such a
    // "tag" is almost always an ordinary folder name like `articles`.
    if id.language.is_empty() || !(2..=3).contains(&language.len()) {
        return Err("the language subtag must have 2 or 3 letters".to_string());
    }
    let canonical = id.to_string();
    // The parser is lenient (it reorders variants); a folder name that does
    // not read back as itself is not a tag someone meant to write.
    if !canonical.eq_ignore_ascii_case(&tag.replace('_', "-")) {
        return Err(format!("it reads as `{canonical}`, which is not how it is written"));
    }
    Ok(canonical)
}

/// Whether a folder under `content/` is a shared folder rather than a locale.
#[must_use]
pub fn is_shared_folder(name: &str) -> bool {
    NON_LOCALE_FOLDERS.contains(&name.to_ascii_lowercase().as_str())
        || name.starts_with('.')
        || name.starts_with('_')
}

/// `"rtl"` for right-to-left scripts (Arabic, Hebrew, Persian, Urdu and
/// their regions), else `"ltr"`.
#[must_use]
pub fn direction(tag: &str) -> &'static str {
    match tag.parse::<LanguageIdentifier>() {
        Ok(id) if id.character_direction() == CharacterDirection::RTL => "rtl",
        _ => "ltr",
    }
}

/// The language-only parent of a tag (`nb-NO` → `nb`), if it differs.
#[must_use]
pub fn parent(tag: &str) -> Option<String> {
    let id: LanguageIdentifier = tag.parse().ok()?;
    let language = id.language.as_str().to_string();
    (language != tag).then_some(language)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn canonicalises_case() {
        assert_eq!(canonical("de-de").unwrap(), "de-DE");
        assert_eq!(canonical("sr-latn-rs").unwrap(), "sr-Latn-RS");
        assert_eq!(canonical("zh-TW").unwrap(), "zh-TW");
    }

    #[test]
    fn rejects_ordinary_folder_names() {
        assert!(canonical("articles").is_err());
        assert!(canonical("not a tag").is_err());
        assert!(canonical("xx-invalid-folder-name").is_err());
    }

    #[test]
    fn right_to_left_languages() {
        for tag in ["ar", "ar-SA", "he-IL", "fa-IR", "ur-PK"] {
            assert_eq!(direction(tag), "rtl", "{tag}");
        }
        for tag in ["en-US", "da-DK", "sr-Latn-RS"] {
            assert_eq!(direction(tag), "ltr", "{tag}");
        }
    }

    #[test]
    fn parent_is_the_language() {
        assert_eq!(parent("nb-NO").as_deref(), Some("nb"));
        assert_eq!(parent("nb"), None);
    }
}
