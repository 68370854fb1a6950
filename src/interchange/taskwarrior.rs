//! TaskReading `task export` (Taskwarrior 2.6 and 3): a JSON array of tasks, or one task object
//! per line. `pending` and `waiting` tasks come in live, `completed` ones done, `deleted`
//! ones into the Trash deleted at their `end` (so their purge clocks carry over); `recurring`
//! templates are skipped (their pending instances carry the rule). A task's uuid becomes
//! the todo's uid, by which a second import of the same tasks is recognised.

use std::io::BufRead;

use jiff::Timestamp;
use jiff::civil::DateTime;
use jiff::tz::TimeZone;
use serde::Deserialize;
use serde::de::{DeserializeSeed, SeqAccess, Visitor};

use super::emitter::{Emitter, ForeignItem};
use super::{Summary, syntax};
use crate::backup::ImportError;
use crate::fields::{Due, Recurrence, end_of_day};
use crate::store::rows::Piece;

/// The fields softly reads; every other (urgency, UDAs, `wait`, `scheduled`…) is left.
#[derive(Deserialize)]
struct Task {
    uuid: Option<String>,
    #[serde(default)]
    description: String,
    status: String,
    entry: Option<String>,
    end: Option<String>,
    modified: Option<String>,
    due: Option<String>,
    project: Option<String>,
    #[serde(default)]
    tags: Vec<String>,
    priority: Option<String>,
    #[serde(default)]
    annotations: Vec<Annotation>,
    recur: Option<String>,
}

#[derive(Deserialize)]
struct Annotation {
    entry: Option<String>,
    #[serde(default)]
    description: String,
}

/// Reads `input` and hands its rows on through `send`, as `backup::read_export` does.
pub fn read_taskwarrior(
    mut input: impl BufRead,
    send: impl FnMut(Piece) -> bool,
    now: Timestamp,
    zone: &TimeZone,
) -> Result<Summary, ImportError> {
    let mut reading = TaskReading {
        emitter: Emitter::new(send, now)?,
        zone: zone.clone(),
        summary: Summary::default(),
        failure: None,
        count: 0,
    };
    let array =
        first_byte(&mut input).map_err(|e| ImportError::Unreadable(e.to_string()))? == Some(b'[');
    let mut de = serde_json::Deserializer::from_reader(input);
    let read = if array {
        TaskArray(&mut reading)
            .deserialize(&mut de)
            .and_then(|()| de.end())
    } else {
        let mut lines = de.into_iter::<Task>();
        loop {
            match lines.next() {
                None => break Ok(()),
                Some(Err(e)) => break Err(e),
                Some(Ok(task)) => {
                    if let Err(e) = reading.task(task) {
                        reading.failure = Some(e);
                        break Ok(());
                    }
                }
            }
        }
    };
    if let Some(failure) = reading.failure {
        return Err(failure);
    }
    read.map_err(syntax)?;
    // Each task is recognised by its uuid, not the file as a whole.
    reading.emitter.finish(None)?;
    Ok(reading.summary)
}

/// The first byte that is not white space, left unread.
fn first_byte(input: &mut impl BufRead) -> std::io::Result<Option<u8>> {
    loop {
        let buf = input.fill_buf()?;
        let Some(&byte) = buf.first() else {
            return Ok(None);
        };
        if !byte.is_ascii_whitespace() {
            return Ok(Some(byte));
        }
        input.consume(1);
    }
}

struct TaskReading<F> {
    emitter: Emitter<F>,
    zone: TimeZone,
    summary: Summary,
    failure: Option<ImportError>,
    /// Tasks read so far.
    count: usize,
}

impl<F: FnMut(Piece) -> bool> TaskReading<F> {
    fn task(&mut self, task: Task) -> Result<(), ImportError> {
        let i = self.count;
        self.count += 1;
        let place = format!("tasks[{i}]");
        let bad = |field: &str, message: String| ImportError::Field {
            field: format!("{place}.{field}"),
            message,
        };
        let time = |field: &str, text: &Option<String>| -> Result<Option<Timestamp>, ImportError> {
            text.as_deref()
                .map(|t| parse_time(t).ok_or_else(|| bad(field, format!("'{t}' is not a time"))))
                .transpose()
        };
        let (done, deleted) = match task.status.as_str() {
            "pending" | "waiting" => (false, false),
            "completed" => (true, false),
            "deleted" => (false, true),
            "recurring" => {
                self.summary.templates += 1;
                return Ok(());
            }
            other => {
                return Err(bad(
                    "status",
                    format!("'{other}' is not a status Taskwarrior writes"),
                ));
            }
        };
        let now = self.emitter.now();
        let created_at = time("entry", &task.entry)?.map_or(now, |t| t.as_millisecond());
        let deleted_at = if deleted {
            let end = time("end", &task.end)?.or(time("modified", &task.modified)?);
            Some(end.map_or(now, |t| t.as_millisecond()))
        } else {
            None
        };
        let done_at = if done {
            time("end", &task.end)?.map(|t| t.as_millisecond())
        } else {
            None
        };
        let due = time("due", &task.due)?.map(|at| due_of(at, &self.zone));
        let priority = match task.priority.as_deref() {
            None | Some("") => None,
            Some("H") => Some(3),
            Some("M") => Some(2),
            Some("L") => Some(1),
            Some(other) => return Err(bad("priority", format!("'{other}' is not H, M or L"))),
        };
        let mut note: Vec<String> = Vec::new();
        for a in &task.annotations {
            let day = time("annotations", &a.entry)?
                .map(|t| {
                    t.to_zoned_datetime(self.zone.clone())
                        .strftime("%Y-%m-%d ")
                        .to_string()
                })
                .unwrap_or_default();
            note.push(format!("{day}{}", a.description));
        }
        let every = task.recur.as_deref().and_then(|r| {
            let mapped = recurrence(r);
            if mapped.is_none() {
                self.summary.unmapped_recurrences += 1;
                note.push(crate::wording::command_line::unmapped_recurrence(r));
            }
            mapped
        });
        let title = crate::fields::with_tags(task.description, &task.tags);
        self.emitter.item(ForeignItem {
            place,
            title,
            list: task.project,
            done,
            created_at,
            due,
            priority,
            note: (!note.is_empty()).then(|| note.join("\n")),
            every,
            uid: task.uuid,
            done_at,
            deleted_at,
        })
    }
}

/// Taskwarrior's times: `20261205T000000Z` (2.6), or RFC 3339 (3.x).
fn parse_time(text: &str) -> Option<Timestamp> {
    if let Ok(t) = text.parse::<Timestamp>() {
        return Some(t);
    }
    let civil = DateTime::strptime("%Y%m%dT%H%M%SZ", text).ok()?;
    civil
        .to_zoned_datetime(TimeZone::UTC)
        .ok()
        .map(|z| z.timestamp())
}

/// A due time: at the start or the last second of a local day (`due:2026-12-05`,
/// `due:eod`), the day itself; otherwise that time of day.
fn due_of(at: Timestamp, zone: &TimeZone) -> Due {
    let local = at.to_zoned_datetime(zone.clone());
    let (h, m, s) = (local.hour(), local.minute(), local.second());
    let whole_day = (h, m, s) == (0, 0, 0) || (h, m, s) == (23, 59, 59);
    match whole_day.then(|| end_of_day(local.date(), zone)).flatten() {
        Some(day) => day,
        None => Due { at, has_time: true },
    }
}

/// Taskwarrior's `recur` in softly's words, where softly has the rule.
fn recurrence(recur: &str) -> Option<String> {
    let r = recur.trim().to_lowercase();
    let counted = |unit: &str| -> Option<u16> {
        let n = r.strip_suffix(unit)?;
        if n.is_empty() {
            Some(1)
        } else {
            n.parse().ok()
        }
    };
    let rule = match r.as_str() {
        "daily" | "day" => "day".to_string(),
        "weekdays" => "weekday".to_string(),
        "weekly" | "week" => "week".to_string(),
        "biweekly" | "fortnight" => "2 weeks".to_string(),
        "monthly" | "month" | "mo" => "month".to_string(),
        _ => {
            if let Some(n) = counted("days").or_else(|| counted("d")) {
                format!("{n} days")
            } else if let Some(n) = ["weeks", "wks", "wk", "w"].iter().find_map(|u| counted(u)) {
                format!("{n} weeks")
            } else if ["months", "mo"].iter().find_map(|u| counted(u)) == Some(1) {
                "month".to_string()
            } else {
                return None;
            }
        }
    };
    // Only what softly reads back (1 to 999 days or weeks).
    Recurrence::parse(&rule)
        .ok()
        .flatten()
        .map(Recurrence::text)
}

/// The array form, read a task at a time.
struct TaskArray<'r, F>(&'r mut TaskReading<F>);

impl<'de, F: FnMut(Piece) -> bool> DeserializeSeed<'de> for TaskArray<'_, F> {
    type Value = ();

    fn deserialize<D: serde::Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        d.deserialize_seq(self)
    }
}

impl<'de, F: FnMut(Piece) -> bool> Visitor<'de> for TaskArray<'_, F> {
    type Value = ();

    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str("Taskwarrior's export: a list of tasks")
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
        while let Some(task) = seq.next_element::<Task>()? {
            if let Err(e) = self.0.task(task) {
                self.0.failure = Some(e);
                return Err(serde::de::Error::custom("stopped"));
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn recurrences_map_where_softly_has_the_rule() {
        for (tw, softly) in [
            ("daily", Some("day")),
            ("weekdays", Some("weekday")),
            ("weekly", Some("week")),
            ("biweekly", Some("2 weeks")),
            ("monthly", Some("month")),
            ("3d", Some("3 days")),
            ("2w", Some("2 weeks")),
            ("10days", Some("10 days")),
            ("1mo", Some("month")),
            ("yearly", None),
            ("quarterly", None),
            ("2mo", None),
            ("P1D", None),
        ] {
            assert_eq!(recurrence(tw).as_deref(), softly, "{tw}");
        }
    }

    #[test]
    fn a_day_without_a_time_is_due_at_its_end_and_a_time_is_kept() {
        let zone = TimeZone::get("Europe/Paris").unwrap();
        // Local midnight of 5 December in Paris, as `due:2026-12-05` stores it.
        let day = due_of(parse_time("20261204T230000Z").unwrap(), &zone);
        assert!(!day.has_time);
        assert_eq!(day.at.to_zoned_datetime(zone.clone()).date().day(), 5);
        let timed = due_of(parse_time("2026-12-03T14:30:00Z").unwrap(), &zone);
        assert!(timed.has_time);
        assert_eq!(timed.at, parse_time("20261203T143000Z").unwrap());
    }
}
