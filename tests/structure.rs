//! The shape of the code, held as the rest of the behaviour is: no source file over 400
//! lines, and no two files that import each other, directly or round a loop (the file-level
//! graph of `use crate::…`, `use super::…` and inline `super::x::` paths; a module's own
//! `mod` and `pub use` of its children are structure, not imports).

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// Every `.rs` file under `dir`.
fn sources(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            sources(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// The module path of a source file: `src/tui/keymap/mod.rs` is `tui::keymap`.
fn module_of(src: &Path, file: &Path) -> Vec<String> {
    let relative = file.strip_prefix(src).unwrap().with_extension("");
    let mut parts: Vec<String> = relative
        .iter()
        .map(|p| p.to_string_lossy().into_owned())
        .collect();
    if matches!(
        parts.last().map(String::as_str),
        Some("mod" | "lib" | "main")
    ) {
        parts.pop();
    }
    parts
}

/// The code of a file without comments, strings' contents aside, and without its unit tests.
fn code(text: &str) -> String {
    let text = match text.find("#[cfg(test)]\nmod tests") {
        Some(at) => &text[..at],
        None => text,
    };
    text.lines()
        .map(|line| match line.find("//") {
            Some(at) => &line[..at],
            None => line,
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// Every path that starts `crate::`, `super::` or `self::` in `code`, with `use` groups
/// (`a::{b, c::d}`) spelled out one path each.
fn paths(code: &str) -> Vec<Vec<String>> {
    let mut found = Vec::new();
    let bytes = code.as_bytes();
    let is_ident = |b: u8| b.is_ascii_alphanumeric() || b == b'_';
    let mut i = 0;
    while i < bytes.len() {
        let starts = ["crate::", "super::", "self::"]
            .iter()
            .any(|p| bytes[i..].starts_with(p.as_bytes()));
        if !starts || (i > 0 && (is_ident(bytes[i - 1]) || bytes[i - 1] == b':')) {
            i += 1;
            continue;
        }
        let mut end = i;
        while end < bytes.len() && (is_ident(bytes[end]) || bytes[end] == b':') {
            end += 1;
        }
        let stem: Vec<String> = code[i..end]
            .split("::")
            .filter(|s| !s.is_empty())
            .map(String::from)
            .collect();
        if code[end..].starts_with('{') {
            let close = code[end..].find('}').map_or(code.len(), |c| end + c);
            for item in code[end + 1..close].split([',', '{']) {
                let item = item.trim().trim_matches('}').trim();
                if item.is_empty() {
                    continue;
                }
                let mut full = stem.clone();
                full.extend(item.split("::").map(|s| s.trim().to_string()));
                found.push(full);
            }
        }
        found.push(stem);
        i = end;
    }
    found
}

/// The file a path leads to: the longest prefix of it that is a module with a file.
fn resolve(from: &[String], path: &[String], files: &BTreeSet<Vec<String>>) -> Option<Vec<String>> {
    let mut full: Vec<String> = match path.first().map(String::as_str) {
        Some("crate") => Vec::new(),
        Some("self") => from.to_vec(),
        Some("super") => from.to_vec(),
        _ => return None,
    };
    let mut rest = path;
    if rest[0] == "crate" || rest[0] == "self" {
        rest = &rest[1..];
    }
    while rest.first().is_some_and(|s| s == "super") {
        full.pop();
        rest = &rest[1..];
    }
    full.extend(rest.iter().cloned());
    (0..=full.len())
        .rev()
        .map(|n| full[..n].to_vec())
        .find(|prefix| files.contains(prefix))
}

/// The file-level import graph of the crate in `src`.
fn graph(src: &Path) -> BTreeMap<Vec<String>, BTreeSet<Vec<String>>> {
    let mut files = Vec::new();
    sources(src, &mut files);
    let modules: BTreeSet<Vec<String>> = files.iter().map(|f| module_of(src, f)).collect();
    let mut edges = BTreeMap::new();
    for file in &files {
        let from = module_of(src, file);
        let code = code(&std::fs::read_to_string(file).unwrap());
        let mut to: BTreeSet<Vec<String>> = paths(&code)
            .iter()
            .filter_map(|p| resolve(&from, p, &modules))
            .collect();
        to.remove(&from);
        edges.insert(from, to);
    }
    edges
}

/// The groups of files that reach each other (strongly connected, more than one file).
fn cycles(edges: &BTreeMap<Vec<String>, BTreeSet<Vec<String>>>) -> Vec<Vec<String>> {
    let reach = |start: &Vec<String>| {
        let mut seen = BTreeSet::new();
        let mut todo = vec![start.clone()];
        while let Some(node) = todo.pop() {
            for next in edges.get(&node).into_iter().flatten() {
                if seen.insert(next.clone()) {
                    todo.push(next.clone());
                }
            }
        }
        seen
    };
    let reaches: BTreeMap<_, _> = edges.keys().map(|k| (k.clone(), reach(k))).collect();
    let mut groups: BTreeSet<Vec<String>> = BTreeSet::new();
    for (a, from_a) in &reaches {
        let group: Vec<String> = reaches
            .iter()
            .filter(|(b, from_b)| *b != a && from_a.contains(*b) && from_b.contains(a))
            .map(|(b, _)| b.join("::"))
            .chain(std::iter::once(a.join("::")))
            .collect::<BTreeSet<_>>()
            .into_iter()
            .collect();
        if group.len() > 1 {
            groups.insert(group);
        }
    }
    groups.into_iter().collect()
}

fn src() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("src")
}

#[test]
fn no_source_file_is_over_400_lines() {
    let mut files = Vec::new();
    sources(&src(), &mut files);
    let long: Vec<String> = files
        .iter()
        .map(|f| (f, std::fs::read_to_string(f).unwrap().lines().count()))
        .filter(|(_, lines)| *lines > 400)
        .map(|(f, lines)| format!("{} has {lines} lines", f.display()))
        .collect();
    assert!(long.is_empty(), "{long:#?}");
}

#[test]
fn no_two_files_import_each_other_even_round_a_loop() {
    let edges = graph(&src());
    assert!(edges.len() > 50, "only {} files found", edges.len());
    assert!(
        edges[&vec!["tui".to_string(), "session".to_string()]]
            .contains(&vec!["tui".to_string(), "effects".to_string()]),
        "the graph must see the session's imports"
    );
    let loops = cycles(&edges);
    assert!(loops.is_empty(), "files that import each other: {loops:#?}");
}

#[test]
fn the_loop_finder_finds_a_loop() {
    let key = |s: &str| vec![s.to_string()];
    let mut edges = BTreeMap::new();
    edges.insert(key("a"), BTreeSet::from([key("b")]));
    edges.insert(key("b"), BTreeSet::from([key("c")]));
    edges.insert(key("c"), BTreeSet::from([key("a")]));
    edges.insert(key("d"), BTreeSet::from([key("a")]));
    assert_eq!(cycles(&edges), vec![vec!["a", "b", "c"]]);
    let parsed =
        paths("use super::{app::App, mode::{Mode, Confirm}};\nlet x = crate::when::local(t);");
    assert!(parsed.contains(&vec!["super".into(), "app".into(), "App".into()]));
    assert!(parsed.contains(&vec!["crate".into(), "when".into(), "local".into()]));
}

/// Two files or two types of one name leave a newcomer guessing which is meant.
#[test]
fn file_names_and_type_names_are_unique() {
    let mut files = Vec::new();
    sources(&src(), &mut files);
    let mut names: BTreeMap<String, Vec<String>> = BTreeMap::new();
    let mut types: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for file in &files {
        let shown = file.strip_prefix(src()).unwrap().display().to_string();
        let name = file.file_name().unwrap().to_string_lossy().into_owned();
        if name != "mod.rs" {
            names.entry(name).or_default().push(shown.clone());
        }
        // Items at the top of a file (an associated `type Err` is not a type of its own).
        let text = code(&std::fs::read_to_string(file).unwrap());
        for line in text.lines().filter(|l| !l.starts_with(char::is_whitespace)) {
            let words: Vec<&str> = line.split_whitespace().collect();
            let declared = match words.as_slice() {
                [
                    "pub" | "pub(crate)" | "pub(super)",
                    "struct" | "enum" | "trait" | "type",
                    name,
                    ..,
                ]
                | ["struct" | "enum" | "trait" | "type", name, ..] => name,
                _ => continue,
            };
            let name: String = declared
                .chars()
                .take_while(|c| c.is_alphanumeric() || *c == '_')
                .collect();
            if name.is_empty() {
                continue;
            }
            types.entry(name).or_default().push(shown.clone());
        }
    }
    let twice = |map: BTreeMap<String, Vec<String>>| -> Vec<String> {
        map.into_iter()
            .filter(|(_, places)| places.len() > 1)
            .map(|(name, places)| format!("{name}: {}", places.join(", ")))
            .collect()
    };
    assert_eq!(twice(names), Vec::<String>::new(), "file names used twice");
    assert_eq!(twice(types), Vec::<String>::new(), "type names used twice");
}
