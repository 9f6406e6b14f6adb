//! Owns Fluent: loading the translators' `.ftl` files, fallback chains, and
//! the one Tera function, `t`, through which templates reach them.

pub mod autonyms;
mod bundles;
mod function;

pub use bundles::{Localizer, LOCALES_DIR};
pub use function::Translate;
