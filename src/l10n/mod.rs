//! Owns Fluent: loading the translators' `.ftl` files, fallback chains, and
//! the one Tera function, `t`, through which templates reach them.

pub mod autonyms;
mod bundles;
mod function;
pub mod outline;

pub use bundles::{ftl_files, read_limited, Localizer, LOCALES_DIR};
pub use function::Translate;
