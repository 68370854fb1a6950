//! Comparing iCalendar texts line by line, as written: what softly must give back byte for
//! byte after an edit, bar the properties it changed and the stamps every write makes.

/// The content lines of `text` but those named in `owned` (and the stamps every write
/// makes: DTSTAMP, LAST-MODIFIED, SEQUENCE, and CREATED, which softly adds where there was
/// none), each as written: folds and line endings included.
pub fn untouched(text: &str, owned: &[&str]) -> Vec<String> {
    let stamps = ["DTSTAMP", "LAST-MODIFIED", "SEQUENCE", "CREATED"];
    let mut lines: Vec<String> = Vec::new();
    for physical in text.split_inclusive('\n') {
        match lines.last_mut() {
            Some(last) if physical.starts_with([' ', '\t']) => last.push_str(physical),
            _ => lines.push(physical.to_string()),
        }
    }
    lines
        .into_iter()
        .filter(|l| {
            let name = l.split([':', ';']).next().unwrap_or("");
            !stamps.contains(&name) && !owned.contains(&name)
        })
        .collect()
}

/// `after` holds every line of `before` byte for byte, in order, but the `owned` ones.
pub fn kept_byte_for_byte(before: &str, after: &str, owned: &[&str]) {
    assert_eq!(
        untouched(before, owned),
        untouched(after, owned),
        "\n--- before\n{before}\n--- after\n{after}"
    );
}

/// The fixtures of other clients' todos: (file name, text).
pub fn client_fixtures() -> Vec<(String, String)> {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/sync/clients");
    let mut out: Vec<(String, String)> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "ics"))
        .map(|p| {
            let name = p.file_name().unwrap().to_string_lossy().into_owned();
            (name, std::fs::read_to_string(&p).unwrap())
        })
        .collect();
    out.sort();
    assert!(out.len() >= 7, "the client fixtures are there");
    out
}
