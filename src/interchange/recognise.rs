//! Which tool wrote a file, from its first bytes, for `softly import` without `--from`: a
//! softly export is a JSON object that says its `"format"`; Taskwarrior's
//! `task export` is a JSON array, or a task a line (objects without that key); anything else
//! is todo.txt, one todo a line.

use std::io::Read;

use super::Format;

/// How much of a file is looked at.
const HEAD: u64 = 4096;

/// The format of the file at `path`; softly's own when it cannot be read (its reader then
/// says why).
pub fn recognise_file(path: &str) -> Format {
    let mut head = Vec::new();
    let read = std::fs::File::open(path).and_then(|f| f.take(HEAD).read_to_end(&mut head));
    match read {
        Ok(_) => recognise(&head),
        Err(_) => Format::Softly,
    }
}

/// The format whose file starts with `head`.
pub fn recognise(head: &[u8]) -> Format {
    let text = String::from_utf8_lossy(head);
    let text = text.trim_start_matches('\u{feff}').trim_start();
    match text.chars().next() {
        Some('[') => Format::Taskwarrior,
        // An object that names its format is softly's reader's to judge (an export, or
        // something that says what else it is).
        Some('{') if text.contains("\"format\"") => Format::Softly,
        Some('{') => Format::Taskwarrior,
        // An empty file reads as an empty todo.txt: nothing to import, said so.
        _ => Format::Todotxt,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_tool_is_told_by_its_first_bytes() {
        assert_eq!(
            recognise(b"{\n  \"format\": \"softly-export\",\n  \"version\": 4"),
            Format::Softly
        );
        assert_eq!(recognise(b"[{\"uuid\":\"x\"}]"), Format::Taskwarrior);
        assert_eq!(
            recognise(b"{\"id\":1,\"description\":\"a\"}\n"),
            Format::Taskwarrior
        );
        assert_eq!(recognise(b"(A) Call mom +Family\n"), Format::Todotxt);
        assert_eq!(
            recognise(b"\xef\xbb\xbfx 2026-12-01 done\n"),
            Format::Todotxt
        );
    }
}
