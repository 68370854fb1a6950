//! Titles and names: cleaning what users type, and making stored text safe to print.
//!
//! Input is cleaned once at the boundary (`clean_title`), so the store only ever holds tidy text.
//! Output is escaped again (`display_safe`) because a database can be edited by other tools.

use std::borrow::Cow;

use thiserror::Error;

/// The longest title or list name accepted, in characters (after cleaning).
pub const MAX_TITLE_CHARS: usize = 500;

/// The longest note accepted, in characters (after cleaning).
pub const MAX_NOTE_CHARS: usize = 10_000;

/// Why a title or name was refused.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum TitleError {
    #[error("{what} is empty")]
    Empty { what: &'static str },
    #[error("{what} is too long: {chars} characters, at most {MAX_TITLE_CHARS}")]
    TooLong { what: &'static str, chars: usize },
    #[error("the note is too long: {chars} characters, at most {MAX_NOTE_CHARS}")]
    NoteTooLong { chars: usize },
}

/// Bidi override and isolate controls (the "Trojan Source" set): they can make a row read
/// differently from what it holds, so they never enter the store and are shown escaped.
fn is_bidi_control(c: char) -> bool {
    matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

/// Cleans a title or list name typed by a user: tabs and line breaks become spaces, other
/// control characters and bidi overrides are removed, the ends are trimmed. `what` names the
/// thing in error messages ("title", "list name").
pub fn clean_title(raw: &str, what: &'static str) -> Result<String, TitleError> {
    if is_clean(raw, what)? {
        return Ok(raw.to_string());
    }
    let cleaned = cleaned_chars(raw);
    let trimmed = cleaned.trim();
    if trimmed.is_empty() {
        return Err(TitleError::Empty { what });
    }
    let chars = trimmed.chars().count();
    if chars > MAX_TITLE_CHARS {
        return Err(TitleError::TooLong { what, chars });
    }
    Ok(trimmed.to_string())
}

/// [`clean_title`] of a title already owned: kept as it is when it needs nothing done, as
/// nearly every title of an import does.
pub fn clean_title_owned(raw: String, what: &'static str) -> Result<String, TitleError> {
    if is_clean(&raw, what)? {
        return Ok(raw);
    }
    clean_title(&raw, what)
}

/// True when `raw` is a title as [`clean_title`] would leave it (within the length limit,
/// or the error); false when it has something to clean.
fn is_clean(raw: &str, what: &'static str) -> Result<bool, TitleError> {
    if raw.is_ascii() {
        is_clean_ascii(raw, what)
    } else {
        is_clean_chars(raw, what)
    }
}

/// [`is_clean`] for ASCII text: one byte a character, nothing to decode (an import checks
/// every title it reads).
fn is_clean_ascii(raw: &str, what: &'static str) -> Result<bool, TitleError> {
    let bytes = raw.as_bytes();
    let printable = bytes.iter().all(|b| (b' '..=b'~').contains(b));
    let trimmed = bytes.first() != Some(&b' ') && bytes.last() != Some(&b' ');
    if raw.is_empty() || !printable || !trimmed {
        return Ok(false);
    }
    if bytes.len() > MAX_TITLE_CHARS {
        return Err(TitleError::TooLong {
            what,
            chars: bytes.len(),
        });
    }
    Ok(true)
}

fn is_clean_chars(raw: &str, what: &'static str) -> Result<bool, TitleError> {
    let clean = |c: char| !(c.is_control() || is_bidi_control(c));
    if raw.is_empty() || raw.trim().len() != raw.len() || !raw.chars().all(clean) {
        return Ok(false);
    }
    let chars = raw.chars().count();
    if chars > MAX_TITLE_CHARS {
        return Err(TitleError::TooLong { what, chars });
    }
    Ok(true)
}

/// `raw` with tabs and line breaks made spaces and other control and bidi characters
/// removed: the cleaning of [`clean_title`], before trimming and length checks.
fn cleaned_chars(raw: &str) -> String {
    raw.chars()
        .filter_map(|c| match c {
            '\t' | '\n' | '\r' => Some(' '),
            c if c.is_control() || is_bidi_control(c) => None,
            c => Some(c),
        })
        .collect()
}

/// Cleans a note as [`clean_title`] cleans a title, except that its lines are kept: line
/// breaks (`\r\n`, `\r`) become `\n`, tabs become spaces, other control and bidi characters
/// go, each line loses its trailing spaces and the note its blank first and last lines.
/// `Ok(None)`: nothing is left, which clears a note.
pub fn clean_note(raw: &str) -> Result<Option<String>, TitleError> {
    let unified = raw.replace("\r\n", "\n").replace('\r', "\n");
    let lines: Vec<String> = unified
        .split('\n')
        .map(|line| cleaned_chars(line).trim_end().to_string())
        .collect();
    let first = lines.iter().position(|l| !l.trim().is_empty());
    let last = lines.iter().rposition(|l| !l.trim().is_empty());
    let (Some(first), Some(last)) = (first, last) else {
        return Ok(None);
    };
    let note = lines[first..=last].join("\n");
    let chars = note.chars().count();
    if chars > MAX_NOTE_CHARS {
        return Err(TitleError::NoteTooLong { chars });
    }
    Ok(Some(note))
}

/// The key under which list names are compared: cleaned exactly as a new name is, trimmed
/// and case-folded, so "Work", " work " and "Work\t" all find the list made as "Work".
pub fn name_key(name: &str) -> String {
    cleaned_chars(name).trim().to_lowercase()
}

/// The name of the built-in Inbox, which no list may take.
pub const INBOX: &str = "Inbox";

/// True when `name` means the Inbox (any case, spacing or stray control characters).
pub fn is_inbox_name(name: &str) -> bool {
    name_key(name) == name_key(INBOX)
}

/// Makes stored text safe for a terminal: every control character becomes a visible symbol
/// (ESC shows as `␛`, DEL as `␡`, C1 controls as `�`) and bidi controls are shown as `⟨U+202E⟩`,
/// so nothing in the data can move the cursor, change colours or reorder a line.
pub fn display_safe(text: &str) -> Cow<'_, str> {
    // Printable ASCII, the usual case, is safe as it is: a quick test of the bytes first.
    if text.bytes().all(|b| (b' '..=b'~').contains(&b))
        || !text.chars().any(|c| c.is_control() || is_bidi_control(c))
    {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        match c {
            // C0 controls map onto the Control Pictures block, U+2400 + code.
            '\0'..='\u{1f}' => out.push(char::from_u32(0x2400 + c as u32).unwrap_or('\u{FFFD}')),
            '\u{7f}' => out.push('\u{2421}'),
            c if c.is_control() => out.push('\u{FFFD}'),
            c if is_bidi_control(c) => out.push_str(&format!("⟨U+{:04X}⟩", c as u32)),
            c => out.push(c),
        }
    }
    Cow::Owned(out)
}

/// JSON text made safe for a terminal: serde_json escapes only C0 controls, so C1 controls
/// (U+0080–U+009F, among them the 8-bit CSI and OSC), DEL and bidi controls are written as
/// `\uXXXX` escapes here. They can only stand inside strings, where such an escape means
/// the same character, so the JSON reads back unchanged.
pub fn escape_json_controls(json: String) -> String {
    // Only DEL (0x7F) and characters whose UTF-8 starts 0xC2 (C1) or 0xE2 (bidi) can need
    // it: one pass over the bytes settles the usual case.
    if !json.bytes().any(|b| matches!(b, 0x7F | 0xC2 | 0xE2)) {
        return json;
    }
    let mut out = String::with_capacity(json.len() + 16);
    for c in json.chars() {
        if (c.is_control() && !c.is_ascii_control()) || c == '\u{7f}' || is_bidi_control(c) {
            out.push_str(&format!("\\u{:04x}", c as u32));
        } else {
            out.push(c);
        }
    }
    out
}

/// A number with its noun: "1 todo", "3 todos", "2 entries".
pub fn count(n: i64, noun: &str) -> String {
    if n == 1 {
        format!("1 {noun}")
    } else if let Some(stem) = noun.strip_suffix('y') {
        format!("{n} {stem}ies")
    } else {
        format!("{n} {noun}s")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        /// The ASCII shortcut says what the general check says, for every ASCII text.
        #[test]
        fn ascii_titles_are_judged_as_any_other(raw in "[\\x00-\\x7f]{0,8}|[ -~]{495,505}") {
            prop_assert_eq!(is_clean_ascii(&raw, "title"), is_clean_chars(&raw, "title"));
        }
    }

    #[test]
    fn tabs_and_newlines_become_spaces_and_ends_are_trimmed() {
        assert_eq!(
            clean_title("  buy\tmilk\nnow\r\n ", "title").unwrap(),
            "buy milk now"
        );
    }

    #[test]
    fn control_and_bidi_characters_are_removed() {
        assert_eq!(
            clean_title("a\x1b[2Jb\u{7}c\u{9b}d\u{202E}e\u{2066}f", "title").unwrap(),
            "a[2Jbcdef"
        );
    }

    #[test]
    fn empty_after_cleaning_is_an_error() {
        assert_eq!(
            clean_title(" \t\x1b ", "title"),
            Err(TitleError::Empty { what: "title" })
        );
    }

    #[test]
    fn the_length_limit_counts_characters_not_bytes() {
        let at_limit = "é".repeat(MAX_TITLE_CHARS);
        assert!(clean_title(&at_limit, "title").is_ok());
        let over = "é".repeat(MAX_TITLE_CHARS + 1);
        assert_eq!(
            clean_title(&over, "list name"),
            Err(TitleError::TooLong {
                what: "list name",
                chars: MAX_TITLE_CHARS + 1
            })
        );
    }

    #[test]
    fn cleaning_twice_changes_nothing() {
        for raw in ["  a\tb ", "x\u{202E}y", "日本語 ✓", "a\u{0}b\u{85}c"] {
            let once = clean_title(raw, "title").unwrap();
            assert_eq!(clean_title(&once, "title").unwrap(), once);
        }
    }

    #[test]
    fn display_safe_shows_controls_as_visible_symbols() {
        assert_eq!(display_safe("a\x1b[2Jb"), "a␛[2Jb");
        assert_eq!(display_safe("bell\x07del\x7f"), "bell␇del␡");
        assert_eq!(display_safe("c1\u{9b}x"), "c1\u{FFFD}x");
        assert_eq!(display_safe("rlo\u{202E}x"), "rlo⟨U+202E⟩x");
    }

    #[test]
    fn display_safe_leaves_ordinary_text_untouched() {
        assert!(matches!(
            display_safe("Groceries 🛒 日本"),
            Cow::Borrowed(_)
        ));
    }

    #[test]
    fn json_escapes_c1_del_and_bidi_controls_and_reads_back_the_same() {
        let value = serde_json::json!({"t": "a\u{9b}2J\u{9d}0;x\u{7f}\u{202e}b\u{2066}c é 日"});
        let json = escape_json_controls(serde_json::to_string(&value).unwrap());
        assert_eq!(
            json,
            r#"{"t":"a\u009b2J\u009d0;x\u007f\u202eb\u2066c é 日"}"#
        );
        assert_eq!(
            serde_json::from_str::<serde_json::Value>(&json).unwrap(),
            value
        );
    }

    #[test]
    fn counts_read_as_words() {
        assert_eq!(count(1, "todo"), "1 todo");
        assert_eq!(count(0, "todo"), "0 todos");
        assert_eq!(count(3, "trash entry"), "3 trash entries");
    }

    #[test]
    fn list_names_compare_case_insensitively_after_trimming() {
        assert_eq!(name_key("  Work "), name_key("wORK"));
    }

    #[test]
    fn a_name_is_found_by_whatever_creation_cleaned_away() {
        for typed in [
            "Work\tStuff",
            "Work\nStuff",
            "\u{202E}work stuff",
            "Work\u{1}\tStuff ",
        ] {
            let made = clean_title(typed, "list name").unwrap();
            assert_eq!(name_key(typed), name_key(&made), "{typed:?}");
        }
        assert!(is_inbox_name(" INBOX\t") && is_inbox_name("inbox") && !is_inbox_name("Inboxes"));
    }
}
