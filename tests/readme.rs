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
        let mut file = None;
        for (quoted, aside) in quoted_words(checked_by) {
            let snake = quoted
                .chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_');
            // An aside in parentheses describes too (an index, a table): there, a name of
            // four words or more is a test's.
            let a_test = snake && (!aside || quoted.matches('_').count() >= 3);
            if quoted.starts_with("tests/") || quoted.starts_with("src/") {
                let text = read_tests(&root.join(&quoted))
                    .unwrap_or_else(|| panic!("{quoted}, named in the README, does not exist"));
                file = Some((quoted, text));
            } else if a_test {
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

/// Each word in backquotes, and whether it is inside a parenthesised aside.
fn quoted_words(text: &str) -> Vec<(String, bool)> {
    let mut words = Vec::new();
    let (mut depth, mut word): (i32, Option<(String, bool)>) = (0, None);
    for c in text.chars() {
        match (c, word.as_mut()) {
            ('`', Some(_)) => words.push(word.take().unwrap_or_default()),
            ('`', None) => word = Some((String::new(), depth > 0)),
            (c, Some((w, _))) => w.push(c),
            ('(', None) => depth += 1,
            (')', None) => depth -= 1,
            _ => {}
        }
    }
    words
}
