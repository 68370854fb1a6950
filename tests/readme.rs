//! The README's "What softly guarantees" table names, for each promise, the tests that hold
//! it (in `tests/`, or unit tests in `src/`). A renamed or deleted test must not leave a promise pointing at nothing.

use std::path::Path;

#[test]
fn every_test_the_guarantees_table_names_exists() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let readme = std::fs::read_to_string(root.join("README.md")).unwrap();
    let section = readme
        .split("## What softly guarantees")
        .nth(1)
        .expect("the README has a guarantees section");
    let section = section.split("\n## ").next().unwrap();
    let mut named = 0;
    let mut missing = Vec::new();
    for row in section
        .lines()
        .filter(|l| l.starts_with("| ") && !l.contains("---"))
    {
        let Some(checked_by) = row.trim_end_matches('|').rsplit(" | ").next() else {
            continue;
        };
        let checked_by = without_parentheses(checked_by);
        let mut file = None;
        for quoted in checked_by.split('`').skip(1).step_by(2) {
            if quoted.starts_with("tests/") || quoted.starts_with("src/") {
                let text = read_tests(&root.join(quoted))
                    .unwrap_or_else(|| panic!("{quoted}, named in the README, does not exist"));
                file = Some((quoted, text));
            } else if quoted
                .chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
            {
                let (path, text) = file.as_ref().expect("a test name follows its file");
                named += 1;
                if !text.contains(&format!("fn {quoted}(")) {
                    missing.push(format!("{path} {quoted}"));
                }
            }
        }
    }
    assert!(
        named > 10,
        "only {named} tests named: is the table still there?"
    );
    assert!(
        missing.is_empty(),
        "the README names tests that do not exist: {missing:#?}"
    );
}

/// The text of a test file, or of every file of a test folder (one binary per folder).
fn read_tests(path: &Path) -> Option<String> {
    if path.is_dir() {
        let mut text = String::new();
        for entry in std::fs::read_dir(path).ok()? {
            text.push_str(&std::fs::read_to_string(entry.ok()?.path()).ok()?);
        }
        Some(text)
    } else {
        std::fs::read_to_string(path).ok()
    }
}

/// `text` with every parenthesised aside removed (they describe, they do not name).
fn without_parentheses(text: &str) -> String {
    let mut depth = 0;
    text.chars()
        .filter(|&c| {
            match c {
                '(' => depth += 1,
                ')' => depth -= 1,
                _ => return depth == 0,
            }
            false
        })
        .collect()
}
