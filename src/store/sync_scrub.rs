//! The server's text that sync keeps per todo (`sync_items.ical`) must not keep a title or a
//! note the todo no longer has: "erased means erased" holds for that copy too, at once, with
//! or without a network. So when a todo's title or note changes (the triggers set
//! `text_changed`), its kept copy loses its SUMMARY and DESCRIPTION in the same transaction.
//! In their place go digests of them (SHA-256, salted with the UID), which is all the next
//! round's three-way merge needs: whether the server's title is still the one last seen.
//! The copy is otherwise kept byte for byte: other apps' properties still go back.

use rusqlite::{Transaction, params};

use super::Result;

/// Stands for the kept copy's SUMMARY: a digest of its value.
pub const SCRUBBED_SUMMARY: &str = "X-SOFTLY-SCRUBBED-SUMMARY";
/// Stands for the kept copy's DESCRIPTION: a digest of its value.
pub const SCRUBBED_DESCRIPTION: &str = "X-SOFTLY-SCRUBBED-DESCRIPTION";

/// Scrubs the kept copy of every todo whose title or note changed; true when one lost text.
pub(super) fn scrub_changed_copies(tx: &Transaction) -> Result<bool> {
    let changed: Vec<(i64, String)> = tx
        .prepare_cached("SELECT todo_id, ical FROM sync_items WHERE text_changed = 1")?
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<rusqlite::Result<_>>()?;
    let mut removed = false;
    for (id, ical) in changed {
        let scrubbed = without_text(&ical);
        removed |= scrubbed.is_some();
        tx.prepare_cached(
            "UPDATE sync_items SET ical = coalesce(?2, ical), text_changed = 0 WHERE todo_id = ?1",
        )?
        .execute(params![id, scrubbed])?;
    }
    Ok(removed)
}

/// Marks todo `id`'s kept copy to be scrubbed when the transaction ends: it may hold a title
/// or a note the todo does not have.
pub(super) fn scrub_copy_later(tx: &Transaction, id: super::TodoId) -> Result<()> {
    tx.prepare_cached("UPDATE sync_items SET text_changed = 1 WHERE todo_id = ?1")?
        .execute([id])?;
    Ok(())
}

/// The digest that stands for a SUMMARY or DESCRIPTION `value` (as written, unfolded) of
/// the todo with UID `uid`.
pub fn text_digest(uid: &str, value: &str) -> String {
    let mut salted = Vec::with_capacity(uid.len() + value.len() + 1);
    salted.extend_from_slice(uid.as_bytes());
    salted.push(b'\n');
    salted.extend_from_slice(value.as_bytes());
    let digest = ring::digest::digest(&ring::digest::SHA256, &salted);
    digest.as_ref().iter().map(|b| format!("{b:02x}")).collect()
}

/// One content line of the text: where it is, its name, its unfolded value.
struct Found<'a> {
    range: std::ops::Range<usize>,
    name: String,
    value: std::borrow::Cow<'a, str>,
    depth: usize,
}

/// `text` with its master VTODO's SUMMARY and DESCRIPTION replaced by their digests;
/// `None` when it has neither (or is not a text softly reads).
pub fn without_text(text: &str) -> Option<String> {
    let lines = found_lines(text);
    let (begin, end) = master_todo(&lines)?;
    let own = || lines[begin + 1..end].iter().filter(|l| l.depth == 2);
    let uid = own().find(|l| l.name == "UID").map(|l| l.value.trim())?;
    let ending = if text.contains("\r\n") { "\r\n" } else { "\n" };
    let mut out = String::with_capacity(text.len());
    let mut at = 0;
    let mut seen = (false, false);
    for l in own() {
        let (stand_in, first) = match l.name.as_str() {
            "SUMMARY" => (SCRUBBED_SUMMARY, !std::mem::replace(&mut seen.0, true)),
            "DESCRIPTION" => (SCRUBBED_DESCRIPTION, !std::mem::replace(&mut seen.1, true)),
            _ => continue,
        };
        out.push_str(&text[at..l.range.start]);
        if first {
            // Only the first of each is read (a second is not valid iCalendar anyway).
            out.push_str(&format!(
                "{stand_in}:{}{ending}",
                text_digest(uid, &l.value)
            ));
        }
        at = l.range.end;
    }
    if at == 0 {
        return None;
    }
    out.push_str(&text[at..]);
    Some(out)
}

/// Every line, its range running to the next line's start (its folds and line ending with
/// it), and how deep in components it is.
fn found_lines(text: &str) -> Vec<Found<'_>> {
    let base = text.as_ptr() as usize;
    let parsed: Vec<vparser::ContentLine<'_>> = vparser::Parser::new(text).collect();
    let starts: Vec<usize> = parsed
        .iter()
        .map(|l| l.raw().as_ptr() as usize - base)
        .collect();
    let mut depth = 0usize;
    let mut out = Vec::with_capacity(parsed.len());
    for (i, l) in parsed.iter().enumerate() {
        let name = l.name().trim().to_ascii_uppercase();
        // A BEGIN and its END are as deep as the component's own lines.
        if name == "BEGIN" {
            depth += 1;
        }
        out.push(Found {
            range: starts[i]..starts.get(i + 1).copied().unwrap_or(text.len()),
            value: l.value(),
            depth,
            name: name.clone(),
        });
        if name == "END" {
            depth = depth.saturating_sub(1);
        }
    }
    out
}

/// The BEGIN and END lines of the VTODO softly reads: the first inside the calendar without
/// a RECURRENCE-ID (the others are single occurrences), else the first.
fn master_todo(lines: &[Found<'_>]) -> Option<(usize, usize)> {
    let mut todos = Vec::new();
    for (i, l) in lines.iter().enumerate() {
        if l.name == "BEGIN" && l.depth == 2 && l.value.trim().eq_ignore_ascii_case("VTODO") {
            let end =
                (i + 1..lines.len()).find(|&j| lines[j].name == "END" && lines[j].depth == 2)?;
            todos.push((i, end));
        }
    }
    let single = |&(b, e): &(usize, usize)| {
        lines[b + 1..e]
            .iter()
            .any(|l| l.depth == 2 && l.name == "RECURRENCE-ID")
    };
    todos.iter().find(|t| !single(t)).or(todos.first()).copied()
}

#[cfg(test)]
mod tests {
    use super::*;

    const TEXT: &str = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nBEGIN:VTODO\r\nUID:u-1\r\n\
        SUMMARY;LANGUAGE=en:call the\r\n  bank\r\nX-OTHER:kept\r\nDESCRIPTION:the old note\r\n\
        BEGIN:VALARM\r\nACTION:DISPLAY\r\nDESCRIPTION:Reminder\r\nEND:VALARM\r\nEND:VTODO\r\n\
        END:VCALENDAR\r\n";

    /// No alarm: the VTODO's END is found by its own depth.
    const PLAIN: &str = "BEGIN:VCALENDAR\r\nBEGIN:VTODO\r\nUID:u-2\r\nSUMMARY:old\r\n\
        END:VTODO\r\nEND:VCALENDAR\r\n";

    #[test]
    fn the_title_and_note_go_and_their_digests_stand_in_for_them() {
        let out = without_text(TEXT).unwrap();
        assert!(!out.contains("bank") && !out.contains("old note"), "{out}");
        let summary = text_digest("u-1", "call the bank");
        assert!(
            out.contains(&format!("{SCRUBBED_SUMMARY}:{summary}\r\n")),
            "{out}"
        );
        assert!(out.contains(&format!(
            "{SCRUBBED_DESCRIPTION}:{}",
            text_digest("u-1", "the old note")
        )));
        // Everything else as it was: another app's line, the alarm's own description.
        assert!(out.contains("X-OTHER:kept\r\n") && out.contains("DESCRIPTION:Reminder\r\n"));
        assert!(without_text(&out).is_none(), "nothing left to scrub");
        let plain = without_text(PLAIN).unwrap();
        assert!(!plain.contains("SUMMARY:old"), "{plain}");
    }

    #[test]
    fn digests_differ_by_text_and_by_todo() {
        assert_ne!(text_digest("u-1", "a"), text_digest("u-1", "b"));
        assert_ne!(text_digest("u-1", "a"), text_digest("u-2", "a"));
        assert_eq!(text_digest("u-1", "a").len(), 64);
    }
}
