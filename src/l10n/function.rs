//! The Tera function `t(key="…", lang=lang, …)`: every chrome string a
//! template shows comes through it. Extra arguments become Fluent variables,
//! so `t(key="articles-count", lang=lang, count=3)` picks the plural form.

use super::Localizer;
use fluent::{FluentArgs, FluentValue};
use std::collections::HashMap;
use std::sync::Arc;
use tera::Value;

/// The `t` function; its output is escaped by Tera like any other value.
pub struct Translate(pub Arc<Localizer>);

impl tera::Function for Translate {
    fn call(&self, args: &HashMap<String, Value>) -> tera::Result<Value> {
        let key = args.get("key").and_then(Value::as_str).ok_or("t() needs key=\"message-id\"")?;
        let lang = args.get("lang").and_then(Value::as_str).ok_or("t() needs lang=lang")?;
        let mut fluent_args = FluentArgs::new();
        for (name, value) in args {
            if name == "key" || name == "lang" {
                continue;
            }
            let v = match value {
                Value::Number(n) => {
                    n.as_f64().map_or_else(|| FluentValue::from(n.to_string()), FluentValue::from)
                }
                Value::String(s) => FluentValue::from(s.clone()),
                other => FluentValue::from(other.to_string()),
            };
            fluent_args.set(name.clone(), v);
        }
        let text = self.0.format(lang, key, Some(&fluent_args)).ok_or_else(|| {
            format!("no Fluent message `{key}` for {lang} or its fallbacks; add it to locales/{lang}/*.ftl")
        })?;
        Ok(Value::String(text))
    }
}
