//! The page template (`template.html`, embedded with `include_str!`) and the escaping every
//! inserted value goes through.

use std::collections::BTreeMap;

use super::HtmlError;

/// The report page; `{{name}}` marks where a fragment goes.
pub(crate) const PAGE: &str = include_str!("template.html");

/// Escapes text for HTML element content and attribute values.
#[must_use]
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// Percent-encodes `text` for a `data:` URI (RFC 2397): everything but unreserved characters.
#[must_use]
pub fn data_uri(mime: &str, text: &str) -> String {
    let mut out = format!("data:{mime};charset=utf-8,");
    for b in text.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.' | b'~') {
            out.push(char::from(b));
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// Fills `{{name}}` placeholders in one pass (inserted fragments are never rescanned).
///
/// # Errors
/// [`HtmlError::Template`] when the template names a fragment that `values` lacks, or a
/// placeholder is not closed.
pub(crate) fn fill(template: &str, values: &BTreeMap<&str, String>) -> Result<String, HtmlError> {
    let mut out = String::with_capacity(template.len() * 2);
    let mut rest = template;
    while let Some(start) = rest.find("{{") {
        out.push_str(&rest[..start]);
        let after = &rest[start + 2..];
        let end = after
            .find("}}")
            .ok_or_else(|| HtmlError::Template("unclosed placeholder".to_owned()))?;
        let name = &after[..end];
        let value = values
            .get(name)
            .ok_or_else(|| HtmlError::Template(format!("no value for {{{{{name}}}}}")))?;
        out.push_str(value);
        rest = &after[end + 2..];
    }
    out.push_str(rest);
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_markup() {
        assert_eq!(
            escape(r#"<a href="x">'&'</a>"#),
            "&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;"
        );
    }

    #[test]
    fn data_uri_encodes() {
        assert_eq!(
            data_uri("text/csv", "a,b\n\"x y\""),
            "data:text/csv;charset=utf-8,a%2Cb%0A%22x%20y%22"
        );
    }

    #[test]
    fn fill_is_single_pass_and_strict() {
        let mut v = BTreeMap::new();
        v.insert("a", "{{b}}".to_owned());
        assert_eq!(fill("x{{a}}y", &v).unwrap(), "x{{b}}y");
        assert!(fill("{{missing}}", &v).is_err());
        assert!(fill("{{a", &v).is_err());
    }
}
