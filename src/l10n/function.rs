//! The Tera function `t(key="…", lang=lang, …)`: every chrome string a
//! template shows comes through it. Extra arguments become Fluent variables,
//! so `t(key="articles-count", lang=lang, count=3)` picks the plural form.

use super::Localizer;
use fluent::{FluentArgs, FluentValue};
use std::collections::HashMap;
use std::sync::{Arc, RwLock};
use tera::Value;

/// The `t` function; its output is escaped by Tera like any other value.
/// A message without variables is formatted once per locale and kept: every
/// page shows the same few.
pub struct Translate {
    localizer: Arc<Localizer>,
    /// Locale → message id → text.
    plain: RwLock<HashMap<String, HashMap<String, String>>>,
}

impl Translate {
    /// The function, answered from `localizer`.
    #[must_use]
    pub fn new(localizer: Arc<Localizer>) -> Self {
        Self { localizer, plain: RwLock::default() }
    }
}

impl tera::Function for Translate {
    fn call(&self, args: &HashMap<String, Value>) -> tera::Result<Value> {
        let key = args.get("key").and_then(Value::as_str).ok_or("t() needs key=\"message-id\"")?;
        let lang = args.get("lang").and_then(Value::as_str).ok_or("t() needs lang=lang")?;
        let plain = args.len() == 2;
        if plain {
            let known = self.plain.read().ok().and_then(|m| m.get(lang)?.get(key).cloned());
            if let Some(text) = known {
                return Ok(Value::String(text));
            }
        }
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
        let text = self.localizer.format(lang, key, Some(&fluent_args)).ok_or_else(|| {
            format!("no Fluent message `{key}` for {lang} or its fallbacks; add it to locales/{lang}/*.ftl")
        })?;
        if plain {
            if let Ok(mut known) = self.plain.write() {
                known.entry(lang.to_string()).or_default().insert(key.to_string(), text.clone());
            }
        }
        Ok(Value::String(text))
    }
}
