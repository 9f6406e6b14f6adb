//! `tolk explain [RULE]`: what a rule finds, why it matters, an example.

use crate::rules;
use crate::Exit;
use clap::Args;

/// Arguments of `tolk explain`.
#[derive(Debug, Args)]
pub struct ExplainArgs {
    /// The rule; without it, every rule is listed.
    pub rule: Option<String>,
}

/// Runs `tolk explain`.
#[allow(clippy::print_stdout, clippy::print_stderr)]
pub fn execute(args: &ExplainArgs) -> Exit {
    let Some(name) = &args.rule else {
        let width = rules::ALL.iter().map(|r| r.name.len()).max().unwrap_or(0);
        for r in rules::ALL {
            println!("{:<width$}  {:<7}  {}", r.name, r.severity.as_str(), r.summary);
        }
        return Exit::Clean;
    };
    let Some(r) = rules::find(name) else {
        eprintln!("error: no rule `{name}`; `tolk explain` lists them all");
        return Exit::Failure;
    };
    println!(
        "{} ({} by default)\n\n{}.\n\n{}",
        r.name,
        r.severity.as_str(),
        capitalize(r.summary),
        r.explanation
    );
    Exit::Clean
}

fn capitalize(s: &str) -> String {
    let mut c = s.chars();
    c.next().map(|f| f.to_uppercase().collect::<String>() + c.as_str()).unwrap_or_default()
}
