//! The outline of a Fluent file, as the checks compare it: each message and
//! term with its attributes, the variables and references it uses, its
//! select expressions, and where it is in the file. fluent-syntax keeps no
//! positions, so entries are located by their defining line.

use fluent_syntax::ast::{self, Expression, InlineExpression, Pattern, PatternElement, VariantKey};
use std::collections::BTreeSet;
use std::ops::Range;

/// A select expression's shape.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Select {
    /// Variant keys, as written.
    pub keys: Vec<String>,
    /// Whether the selector is a number: a variable or `NUMBER()`, with
    /// plural-category or numeric keys.
    pub numeric: bool,
}

/// One message or term.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    /// The id; terms keep their leading `-`.
    pub id: String,
    /// Attribute names.
    pub attributes: Vec<String>,
    /// `$variables` used anywhere in it.
    pub variables: BTreeSet<String>,
    /// Message ids and `-term` ids it references.
    pub references: BTreeSet<String>,
    /// Its select expressions.
    pub selects: Vec<Select>,
    /// The value is present but renders as nothing.
    pub empty: bool,
    /// The defining line.
    pub span: Range<usize>,
}

/// A syntax error.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SyntaxError {
    /// Where.
    pub span: Range<usize>,
    /// What.
    pub message: String,
}

/// A parsed Fluent file.
#[derive(Debug, Clone, Default)]
pub struct Outline {
    /// Entries in file order.
    pub entries: Vec<Entry>,
    /// Syntax errors.
    pub errors: Vec<SyntaxError>,
}

/// CLDR plural category names.
pub const PLURAL_CATEGORIES: &[&str] = &["zero", "one", "two", "few", "many", "other"];

/// Parses a Fluent file's text.
#[must_use]
pub fn extract(text: &str) -> Outline {
    let parsable = super::parsable(text);
    let (resource, errors) = match fluent_syntax::parser::parse(parsable.as_ref()) {
        Ok(r) => (r, Vec::new()),
        Err((r, errors)) => (r, errors),
    };
    let errors = errors
        .into_iter()
        .map(|e| SyntaxError {
            span: e.pos.start.min(text.len())..e.pos.end.min(text.len()),
            message: e.kind.to_string(),
        })
        .collect();
    let mut entries = Vec::new();
    let mut from = 0;
    for entry in &resource.body {
        let (id, value, attributes): (String, Option<&Pattern<&str>>, &Vec<ast::Attribute<&str>>) =
            match entry {
                ast::Entry::Message(m) => (m.id.name.to_string(), m.value.as_ref(), &m.attributes),
                ast::Entry::Term(t) => (format!("-{}", t.id.name), Some(&t.value), &t.attributes),
                _ => continue,
            };
        let span = locate(text, &id, from);
        from = span.end;
        let mut e = Entry {
            id,
            attributes: attributes.iter().map(|a| a.id.name.to_string()).collect(),
            variables: BTreeSet::new(),
            references: BTreeSet::new(),
            selects: Vec::new(),
            empty: value.is_some_and(is_empty),
            span,
        };
        for pattern in value.into_iter().chain(attributes.iter().map(|a| &a.value)) {
            walk_pattern(pattern, &mut e);
        }
        entries.push(e);
    }
    Outline { entries, errors }
}

/// The line `id =` at a line start, searching from byte `from`.
fn locate(text: &str, id: &str, from: usize) -> Range<usize> {
    let mut pos = 0;
    for line in text.split_inclusive('\n') {
        let start = pos;
        pos += line.len();
        if start < from {
            continue;
        }
        if let Some(rest) = line.strip_prefix(id) {
            if rest.trim_start().starts_with('=') {
                return start..start + line.trim_end().len();
            }
        }
    }
    from.min(text.len())..from.min(text.len())
}

fn is_empty(pattern: &Pattern<&str>) -> bool {
    pattern.elements.iter().all(|el| {
        let text = match el {
            PatternElement::TextElement { value }
            | PatternElement::Placeable {
                expression: Expression::Inline(InlineExpression::StringLiteral { value }),
            } => *value,
            PatternElement::Placeable { .. } => return false,
        };
        text.trim().is_empty()
    })
}

fn walk_pattern(pattern: &Pattern<&str>, e: &mut Entry) {
    for el in &pattern.elements {
        if let PatternElement::Placeable { expression } = el {
            walk_expression(expression, e);
        }
    }
}

fn walk_expression(expr: &Expression<&str>, e: &mut Entry) {
    match expr {
        Expression::Inline(inline) => walk_inline(inline, e),
        Expression::Select { selector, variants } => {
            walk_inline(selector, e);
            let keys: Vec<String> = variants
                .iter()
                .map(|v| match &v.key {
                    VariantKey::Identifier { name } => (*name).to_string(),
                    VariantKey::NumberLiteral { value } => (*value).to_string(),
                })
                .collect();
            let number_selector = match selector {
                InlineExpression::VariableReference { .. } => true,
                InlineExpression::FunctionReference { id, .. } => id.name == "NUMBER",
                _ => false,
            };
            let plural_keys =
                keys.iter().any(|k| PLURAL_CATEGORIES.contains(&k.as_str()) || k.parse::<f64>().is_ok());
            e.selects.push(Select { keys, numeric: number_selector && plural_keys });
            for v in variants {
                walk_pattern(&v.value, e);
            }
        }
    }
}

fn walk_inline(inline: &InlineExpression<&str>, e: &mut Entry) {
    match inline {
        InlineExpression::VariableReference { id } => {
            e.variables.insert(id.name.to_string());
        }
        InlineExpression::MessageReference { id, .. } => {
            e.references.insert(id.name.to_string());
        }
        InlineExpression::TermReference { id, arguments, .. } => {
            e.references.insert(format!("-{}", id.name));
            if let Some(args) = arguments {
                args.positional.iter().for_each(|a| walk_inline(a, e));
                args.named.iter().for_each(|a| walk_inline(&a.value, e));
            }
        }
        InlineExpression::FunctionReference { arguments, .. } => {
            arguments.positional.iter().for_each(|a| walk_inline(a, e));
            arguments.named.iter().for_each(|a| walk_inline(&a.value, e));
        }
        InlineExpression::Placeable { expression } => walk_expression(expression, e),
        InlineExpression::StringLiteral { .. } | InlineExpression::NumberLiteral { .. } => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn entries_with_positions_and_uses() {
        let text = "# c\nhello = Hi { $name }, see { other } and { -brand }\n    .title = { $count ->\n        [one] one\n       *[other] many\n    }\n-brand = Tolk\nempty = { \"\" }\n";
        let o = extract(text);
        assert!(o.errors.is_empty(), "{:?}", o.errors);
        let hello = &o.entries[0];
        assert_eq!(hello.id, "hello");
        assert_eq!(&text[hello.span.clone()], "hello = Hi { $name }, see { other } and { -brand }");
        assert_eq!(hello.attributes, ["title"]);
        assert_eq!(hello.variables.iter().collect::<Vec<_>>(), ["count", "name"]);
        assert_eq!(hello.references.iter().collect::<Vec<_>>(), ["-brand", "other"]);
        assert!(hello.selects[0].numeric);
        assert_eq!(o.entries[1].id, "-brand");
        assert!(o.entries[2].empty);
    }

    #[test]
    fn syntax_errors_have_positions() {
        let text = "ok = fine\nbroken line\n";
        let o = extract(text);
        assert_eq!(o.entries.len(), 1);
        assert_eq!(o.errors.len(), 1);
        assert!(o.errors[0].span.start >= 10, "{:?}", o.errors[0]);
    }
}
