//! The README's promises: its first commands, its configuration example and
//! its list of rules are the real ones.

use crate::support::repo;

fn readme() -> String {
    std::fs::read_to_string(repo().join("README.md")).unwrap()
}

#[test]
fn opens_with_the_build_and_test_commands() {
    let text = readme();
    let first_block = text.split("```sh\n").nth(1).unwrap().split("```").next().unwrap();
    let commands: Vec<&str> = first_block.lines().map(|l| l.split('#').next().unwrap().trim()).collect();
    assert_eq!(commands, ["cargo run --release -- build", "cargo test"]);
    let ci = std::fs::read_to_string(repo().join(".ci/run")).unwrap();
    assert!(ci.contains("cargo test"), ".ci/run runs the README's test command");
}

#[test]
fn configuration_example_is_valid() {
    let text = readme();
    let toml = text.split("```toml\n").nth(1).unwrap().split("```").next().unwrap();
    let config = tolk::config::Config::parse(toml, std::path::Path::new("README.md")).unwrap();
    assert_eq!(config.book.source_locale, "en-US");
    assert_eq!(config.build.base_url, "https://help.example.com/");
}

#[test]
fn every_rule_is_documented() {
    let text = readme();
    for rule in tolk::rules::ALL {
        assert!(text.contains(&format!("`{}`", rule.name)), "{} is not in the README", rule.name);
    }
}
