//! `[build] sanitize`: every page body through an HTML sanitiser (ammonia)
//! for sites that publish translations nobody reviews. Script, styles,
//! event handlers and script URLs are removed; the markup tolk itself
//! produces (heading ids, alert classes, `lang`) survives.

use std::sync::OnceLock;

/// The body HTML with everything unsafe removed.
#[must_use]
pub fn clean(html: &str) -> String {
    static BUILDER: OnceLock<ammonia::Builder<'static>> = OnceLock::new();
    BUILDER
        .get_or_init(|| {
            let mut b = ammonia::Builder::default();
            b.add_generic_attributes(["id", "class", "lang", "dir", "title"]);
            b.add_tags(["kbd", "samp", "var", "mark", "details", "summary"]);
            b.add_tag_attributes("a", ["name"]);
            b.add_tag_attributes("ol", ["start"]);
            b.add_tag_attributes("input", ["type", "checked", "disabled"]);
            b.add_tags(["input"]);
            b.link_rel(Some("noopener"));
            b
        })
        .clean(html)
        .to_string()
}

#[cfg(test)]
mod tests {
    use super::clean;

    #[test]
    fn removes_what_runs_code_and_keeps_tolk_markup() {
        let html = "<h2 id=\"setup\">Setup</h2><div class=\"alert alert-note\" role=\"note\"><p class=\"alert-title\">Note</p></div>\
<script>alert(1)</script><img src=\"x.png\" onerror=\"alert(1)\" alt=\"x\"><a href=\"javascript:alert(1)\">x</a><iframe src=\"https://e\"></iframe><p lang=\"da\">ok</p>";
        let out = clean(html);
        assert!(out.contains("<h2 id=\"setup\">Setup</h2>"), "{out}");
        assert!(out.contains("class=\"alert alert-note\""));
        assert!(out.contains("<p lang=\"da\">ok</p>"));
        for bad in ["<script", "onerror", "javascript:", "<iframe"] {
            assert!(!out.contains(bad), "{bad} in {out}");
        }
    }
}
