//! todo.txt (github.com/todotxt/todo.txt), in and out: `x` done (with the day it was
//! done), `(A)`–`(C)` high, medium and low, a creation date, the last `+project` the list,
//! `@context` and `#tag` tags, `due:` the due date, `rec:` the recurrence (a common
//! extension); any other `key:value` stays in the title. Written by hand: the format is a
//! dozen rules, and the maintained crate (todo-txt) brings chrono, which softly leaves for
//! jiff, with nom, regex and rand.

use std::collections::HashMap;
use std::io::{self, BufRead, Write};

use jiff::Timestamp;
use jiff::civil::{Date, DateTime};
use jiff::tz::TimeZone;

use super::Summary;
use super::bounded_line::bounded_line;
use super::emitter::{Emitter, ForeignItem};
use crate::backup::ImportError;
use crate::fields::{Due, Priority, Recurrence, end_of_day};
use crate::store::rows::{EntryRow, ListRow, Origin, Piece, TodoRow};

/// Reads todo.txt lines from `input` and hands the rows on through `send`.
pub fn read_todotxt(
    mut input: impl BufRead,
    send: impl FnMut(Piece) -> bool,
    now: Timestamp,
    zone: &TimeZone,
) -> Result<Summary, ImportError> {
    let mut emitter = Emitter::new(send, now)?;
    let mut summary = Summary::default();
    // The file is recognised as a whole (its lines have no ids): by a hash of its text.
    let mut file_hash = FNV_START;
    let mut bytes = Vec::new();
    let mut number = 0;
    loop {
        number += 1;
        let unreadable = |e: io::Error| ImportError::Unreadable(e.to_string());
        if !bounded_line(&mut input, &mut bytes, number).map_err(unreadable)?? {
            break;
        }
        file_hash = fnv1a(file_hash, &bytes);
        let line = std::str::from_utf8(&bytes).map_err(|_| ImportError::Field {
            field: format!("line {number}"),
            message: "it is not UTF-8 text".into(),
        })?;
        let text = line.trim();
        if text.is_empty() {
            continue;
        }
        // The same line twice in a file is two todos; each keeps its own identity.
        let item = parse_line(text, number, zone, emitter.now(), &mut summary)?;
        emitter.item(item)?;
    }
    emitter.finish(Some(Origin {
        source: Some(format!("todo.txt {file_hash:016x}")),
        exported_at: 0,
    }))?;
    Ok(summary)
}

fn parse_line(
    text: &str,
    number: usize,
    zone: &TimeZone,
    now: i64,
    summary: &mut Summary,
) -> Result<ForeignItem, ImportError> {
    let place = format!("line {number}");
    let mut words = text.split_whitespace().peekable();
    let done = words.next_if_eq(&"x").is_some();
    let start_of = |day: Date| {
        day.to_zoned_datetime(zone.clone())
            .ok()
            .map(|z| z.timestamp().as_millisecond())
    };
    let done_at = if done {
        words
            .next_if(|w| date(w).is_some())
            .and_then(date)
            .and_then(start_of)
    } else {
        None
    };
    let mut priority = words.next_if(|w| letter(w).is_some()).and_then(letter);
    let created_at = words
        .next_if(|w| date(w).is_some())
        .and_then(date)
        .and_then(start_of)
        .unwrap_or(now);
    let words: Vec<&str> = words.collect();
    // The last `+project` is the list (softly writes it last); any other stays in the title.
    let project = words
        .iter()
        .rposition(|w| w.len() > 1 && w.starts_with('+'));
    let list = project.map(|at| words[at][1..].replace('_', " "));
    let (mut due, mut every) = (None, None);
    let mut title: Vec<String> = Vec::new();
    for (at, word) in words.into_iter().enumerate() {
        if Some(at) == project {
            continue;
        } else if let Some(context) = word.strip_prefix('@').filter(|c| !c.is_empty()) {
            title.push(format!("#{context}"));
            continue;
        } else if let Some(day) = word.strip_prefix("due:").and_then(due_of(zone)) {
            due = Some(day);
            continue;
        } else if let Some(rule) = word.strip_prefix("rec:").and_then(recurrence) {
            every = Some(rule);
            continue;
        } else if let Some(p) = word
            .strip_prefix("pri:")
            .and_then(|p| letter(&format!("({p})")))
        {
            priority = priority.or(Some(p));
            continue;
        }
        title.push(word.to_string());
    }
    let priority = priority.map(|p| {
        if p > 'C' {
            summary.lowered_priorities += 1;
        }
        match p {
            'A' => 3,
            'B' => 2,
            _ => 1,
        }
    });
    Ok(ForeignItem {
        place,
        title: title.join(" "),
        list,
        done,
        created_at,
        due,
        priority,
        note: None,
        every,
        uid: None,
        done_at,
        deleted_at: None,
    })
}

/// `(A)` to `(Z)`: the letter.
fn letter(word: &str) -> Option<char> {
    let inner = word.strip_prefix('(')?.strip_suffix(')')?;
    let mut chars = inner.chars();
    let c = chars.next().filter(|c| c.is_ascii_uppercase())?;
    chars.next().is_none().then_some(c)
}

fn date(word: &str) -> Option<Date> {
    (word.len() == 10).then(|| word.parse().ok()).flatten()
}

/// `due:2026-12-05` (the end of that day) or `due:2026-12-05T14:30` (that time).
fn due_of(zone: &TimeZone) -> impl Fn(&str) -> Option<Due> + '_ {
    move |text| match date(text) {
        Some(day) => end_of_day(day, zone),
        None => {
            let at = text
                .parse::<DateTime>()
                .ok()?
                .to_zoned_datetime(zone.clone())
                .ok()?;
            Some(Due {
                at: at.timestamp(),
                has_time: true,
            })
        }
    }
}

/// `rec:` as the extension writes it (`1d`, `2w`, `1m`, `1b`, a leading `+` for "from the
/// due date", which is how softly counts anyway), in softly's words where it has the rule.
fn recurrence(rec: &str) -> Option<String> {
    let rec = rec.trim_start_matches('+');
    let unit = rec.chars().last()?;
    let n: u16 = match &rec[..rec.len() - unit.len_utf8()] {
        "" => 1,
        n => n.parse().ok()?,
    };
    let rule = match (unit, n) {
        ('d', n) => format!("{n} days"),
        ('w', n) => format!("{n} weeks"),
        ('m', 1) => "month".to_string(),
        ('b', 1) => "weekday".to_string(),
        _ => return None,
    };
    Recurrence::parse(&rule)
        .ok()
        .flatten()
        .map(Recurrence::text)
}

/// Where [`fnv1a`] starts.
const FNV_START: u64 = 0xcbf2_9ce4_8422_2325;

/// `hash` carried on over `bytes` (FNV-1a, 64 bits): the same file gives the same hash in
/// any build, in constant memory.
fn fnv1a(hash: u64, bytes: &[u8]) -> u64 {
    bytes.iter().fold(hash, |h, b| {
        (h ^ u64::from(*b)).wrapping_mul(0x0100_0000_01b3)
    })
}

/// Writes todo.txt: one line per live todo (the Trash, and notes, have no place in it).
pub struct TodoTxtWriter<W: Write> {
    out: W,
    zone: TimeZone,
    lists: HashMap<i64, String>,
    pub todos: i64,
    /// What todo.txt cannot carry, to say so.
    pub left_out_notes: i64,
    pub left_out_trash: i64,
}

impl<W: Write> TodoTxtWriter<W> {
    pub fn new(out: W, zone: TimeZone) -> Self {
        TodoTxtWriter {
            out,
            zone,
            lists: HashMap::new(),
            todos: 0,
            left_out_notes: 0,
            left_out_trash: 0,
        }
    }

    pub fn list(&mut self, l: &ListRow) -> io::Result<()> {
        if l.trash_entry.is_none() {
            self.lists.insert(
                l.id,
                l.name.split_whitespace().collect::<Vec<_>>().join("_"),
            );
        }
        Ok(())
    }

    pub fn entry(&mut self, _: &EntryRow) -> io::Result<()> {
        self.left_out_trash += 1;
        Ok(())
    }

    pub fn todo(&mut self, t: &TodoRow) -> io::Result<()> {
        if t.trash_entry.is_some() {
            return Ok(());
        }
        let mut line = String::new();
        let priority = t
            .priority
            .and_then(Priority::from_stored)
            .map(|p| match p.stored() {
                3 => 'A',
                2 => 'B',
                _ => 'C',
            });
        let day = |ms: i64| {
            let at = Timestamp::from_millisecond(ms).unwrap_or_default();
            at.to_zoned_datetime(self.zone.clone())
                .strftime("%Y-%m-%d ")
                .to_string()
        };
        if t.done {
            // A creation date after `x` reads as the completion date unless one comes
            // first: a todo done before softly kept the time is written without dates.
            line.push_str("x ");
            if let Some(done_at) = t.done_at {
                line.push_str(&day(done_at));
                line.push_str(&day(t.created_at));
            }
        } else {
            if let Some(p) = priority {
                line.push_str(&format!("({p}) "));
            }
            line.push_str(&day(t.created_at));
        }
        let words: Vec<String> = t
            .title
            .split(' ')
            .map(|w| match w.strip_prefix('#') {
                Some(tag) if !crate::fields::tags_of(w).is_empty() => format!("@{tag}"),
                _ => w.to_string(),
            })
            .collect();
        line.push_str(&words.join(" "));
        if let Some(name) = t.list.and_then(|l| self.lists.get(&l)) {
            line.push_str(&format!(" +{name}"));
        }
        if let Some(at) = t.due_at.and_then(|ms| Timestamp::from_millisecond(ms).ok()) {
            let local = at.to_zoned_datetime(self.zone.clone());
            let format = if t.due_has_time {
                "%Y-%m-%dT%H:%M"
            } else {
                "%Y-%m-%d"
            };
            line.push_str(&format!(" due:{}", local.strftime(format)));
        }
        if let Some(rec) = t.every.as_deref().and_then(rec_of) {
            line.push_str(&format!(" rec:{rec}"));
        }
        if t.done
            && let Some(p) = priority
        {
            line.push_str(&format!(" pri:{p}"));
        }
        if t.note.is_some() {
            self.left_out_notes += 1;
        }
        self.todos += 1;
        writeln!(self.out, "{line}")
    }

    pub fn finish(self) -> io::Result<W> {
        Ok(self.out)
    }
}

/// softly's recurrence as `rec:`.
fn rec_of(every: &str) -> Option<String> {
    Some(match Recurrence::parse(every).ok()?? {
        Recurrence::Days(n) => format!("{n}d"),
        Recurrence::Weekdays => "1b".into(),
        Recurrence::Weeks(n) => format!("{n}w"),
        Recurrence::Months(n) => format!("{n}m"),
        Recurrence::Elsewhere => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rec_reads_the_extension_and_writes_it_back() {
        for (rec, rule) in [
            ("1d", Some("day")),
            ("d", Some("day")),
            ("+3d", Some("3 days")),
            ("2w", Some("2 weeks")),
            ("1m", Some("month")),
            ("1b", Some("weekday")),
            ("1y", None),
            ("2m", None),
            ("x", None),
        ] {
            let read = recurrence(rec);
            assert_eq!(read.as_deref(), rule, "{rec}");
            if let Some(rule) = read {
                assert_eq!(recurrence(&rec_of(&rule).unwrap()), Some(rule));
            }
        }
    }

    #[test]
    fn priorities_are_letters_in_brackets() {
        assert_eq!(letter("(A)"), Some('A'));
        assert_eq!(letter("(Z)"), Some('Z'));
        for no in ["(a)", "(AB)", "A", "()", "(1)"] {
            assert_eq!(letter(no), None, "{no}");
        }
    }
}
