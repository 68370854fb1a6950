//! A VTODO as softly's fields (RFC 5545 §3.6.2). What softly reads, it reads the same way
//! every time, so comparing a todo here with the reading of the text last sent says exactly
//! which of softly's fields changed (see `vtodo_write.rs`). A value softly cannot read is
//! named in `unread` and left in the text as it is.

use jiff::Timestamp;
use jiff::tz::TimeZone;

use super::escape::{split_list, unescape_text};
use super::lines::{Resource, ShapeError};
use super::times::time_value;
use crate::fields::{Recurrence, tag_key, tags_of};
use crate::store::TodoContent;

/// The recurrence a todo shows when another app's rule (or its own series of occurrences)
/// makes it recur: softly keeps the rule and does not make occurrences of its own.
pub const RULE_ELSEWHERE: &str = "elsewhere";

/// One VTODO as softly reads it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReadTodo {
    /// What the todo is here; `created_at` is 0 when the VTODO has no CREATED.
    pub content: TodoContent,
    /// LAST-MODIFIED, else DTSTAMP: which of two edits is the later.
    pub modified_at: Option<Timestamp>,
    /// SEQUENCE (0 when absent): which of two edits made close together is the later.
    pub sequence: i64,
    /// Properties softly could not read, with their values: kept in the text as they are.
    pub unread: Vec<String>,
    /// Why softly cannot hold the todo whole (a title or note over its limits), if so:
    /// taking part of it would lose the rest at softly's next edit.
    pub unholdable: Option<crate::text::TitleError>,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum VtodoError {
    #[error("not iCalendar: {0}")]
    Unreadable(#[from] ShapeError),
    #[error("holds no VTODO")]
    NoTodo,
    #[error("its VTODO has no UID")]
    NoUid,
}

/// Reads the master VTODO of a resource. `zone` is where floating times and days are.
pub fn read_todo(text: &str, zone: &TimeZone) -> Result<ReadTodo, VtodoError> {
    let resource = Resource::parse(text)?;
    read_resource(&resource, zone)
}

pub(super) fn read_resource(r: &Resource<'_>, zone: &TimeZone) -> Result<ReadTodo, VtodoError> {
    let todo = r.master_todo().ok_or(VtodoError::NoTodo)?;
    let line = |name: &str| r.find(todo, name).map(|i| &r.lines[i]);
    let text = |name: &str| line(name).map(|l| unescape_text(&l.value));
    let mut unread = Vec::new();
    let instant = |name: &str, unread: &mut Vec<String>| {
        let l = line(name)?;
        let at = time_value(l).and_then(|v| v.instant(r, zone));
        if at.is_none() {
            unread.push(format!("{name}:{}", l.value.trim()));
        }
        at
    };
    let uid = line("UID")
        .map(|l| l.value.trim().to_string())
        .filter(|u| !u.is_empty())
        .ok_or(VtodoError::NoUid)?;
    let created_at = instant("CREATED", &mut unread);
    let modified_at =
        instant("LAST-MODIFIED", &mut unread).or_else(|| instant("DTSTAMP", &mut unread));
    let completed_at = instant("COMPLETED", &mut unread);
    let status = line("STATUS")
        .map(|l| l.value.trim().to_ascii_uppercase())
        .unwrap_or_default();
    let cancelled = status == "CANCELLED";
    let done =
        cancelled || status == "COMPLETED" || (status.is_empty() && line("COMPLETED").is_some());
    let due = line("DUE").and_then(|l| {
        let due = time_value(l).and_then(|v| v.due(r, zone));
        if due.is_none() {
            unread.push(format!("DUE:{}", l.value.trim()));
        }
        due
    });
    let priority = line("PRIORITY").and_then(|l| {
        let level = priority_level(&l.value);
        if level.is_none() {
            unread.push(format!("PRIORITY:{}", l.value.trim()));
        }
        level.flatten()
    });
    let mut unholdable = None;
    let title = match crate::text::clean_title(&text("SUMMARY").unwrap_or_default(), "its title") {
        Ok(title) => title,
        Err(e @ crate::text::TitleError::TooLong { .. }) => {
            unholdable = Some(e);
            UNTITLED.to_string()
        }
        Err(_) => UNTITLED.to_string(),
    };
    let note = match text("DESCRIPTION").map(|n| crate::text::clean_note(&n)) {
        Some(Ok(note)) => note,
        Some(Err(e)) => {
            unholdable = unholdable.or(Some(e));
            None
        }
        None => None,
    };
    let overridden = r
        .top_components("VTODO")
        .iter()
        .any(|&c| r.find(c, "RECURRENCE-ID").is_some());
    let every = line("RRULE").map(|l| {
        let own = every_from_rrule(&l.value).filter(|_| due.is_some() && !overridden);
        own.unwrap_or_else(|| RULE_ELSEWHERE.to_string())
    });
    // Another app's order outside the places softly gives out means no order here.
    let order = line("X-APPLE-SORT-ORDER")
        .and_then(|l| l.value.trim().parse::<i64>().ok())
        .filter(|n| (-crate::store::MAX_POSITION..=crate::store::MAX_POSITION).contains(n));
    let sequence = line("SEQUENCE")
        .and_then(|l| l.value.trim().parse().ok())
        .unwrap_or(0);
    Ok(ReadTodo {
        content: TodoContent {
            uid: Some(uid),
            tags: extra_tags(r, todo, &title),
            title,
            done,
            cancelled,
            done_at: (done && !cancelled)
                .then(|| completed_at.map(|t| t.as_millisecond()))
                .flatten(),
            due_at: due.map(|d| d.at.as_millisecond()),
            due_has_time: due.is_some_and(|d| d.has_time),
            priority,
            note,
            every,
            created_at: created_at.map_or(0, |t| t.as_millisecond()),
            order,
        },
        modified_at,
        sequence,
        unread,
        unholdable,
    })
}

/// The title of a todo whose SUMMARY says nothing.
pub const UNTITLED: &str = "(untitled)";

/// Every CATEGORIES value of a resource's master VTODO, as spelled, each once (by its key).
pub fn categories_of(text: &str) -> Vec<String> {
    match Resource::parse(text) {
        Ok(r) => r
            .master_todo()
            .map(|t| categories(&r, t))
            .unwrap_or_default(),
        Err(_) => Vec::new(),
    }
}

/// Every CATEGORIES value, as spelled, each once (by its key).
pub(super) fn categories(r: &Resource<'_>, todo: usize) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for i in r.find_all(todo, "CATEGORIES") {
        for item in split_list(&r.lines[i].value) {
            let item = item.trim().to_string();
            if !item.is_empty() && !out.iter().any(|o| tag_key(o) == tag_key(&item)) {
                out.push(item);
            }
        }
    }
    out
}

/// The categories the title does not carry as `#tags`: tags of their own, spelled as the
/// other app spelled them, in the order of their keys.
fn extra_tags(r: &Resource<'_>, todo: usize, title: &str) -> Vec<String> {
    let in_title = tags_of(title);
    let mut extra: Vec<String> = categories(r, todo)
        .into_iter()
        .filter(|c| !in_title.contains(&tag_key(c)))
        .collect();
    extra.sort_by_key(|t| tag_key(t));
    extra
}

/// PRIORITY 1–4 is high (3), 5 medium (2), 6–9 low (1), 0 none (RFC 5545 §3.8.1.9).
/// `None`: not a priority at all.
fn priority_level(value: &str) -> Option<Option<i64>> {
    Some(match value.trim().parse::<u8>().ok()? {
        0 => None,
        1..=4 => Some(3),
        5 => Some(2),
        6..=9 => Some(1),
        _ => return None,
    })
}

/// An RRULE softly has a rule for, in its words; `None` for the rest (another app's).
pub(super) fn every_from_rrule(rule: &str) -> Option<String> {
    let mut freq = None;
    let mut interval = 1u16;
    let mut by_day = None;
    for part in rule.trim().split(';') {
        let (key, value) = part.split_once('=')?;
        match key.trim().to_ascii_uppercase().as_str() {
            "FREQ" => freq = Some(value.trim().to_ascii_uppercase()),
            "INTERVAL" => {
                interval = value
                    .trim()
                    .parse()
                    .ok()
                    .filter(|n| (1..=999).contains(n))?
            }
            "BYDAY" => by_day = Some(value.trim().to_ascii_uppercase()),
            "WKST" => {}
            _ => return None, // COUNT, UNTIL, BYMONTH…: more than softly's rules say
        }
    }
    let rule = match (freq?.as_str(), by_day.as_deref()) {
        ("DAILY", None) => Recurrence::Days(interval),
        ("WEEKLY" | "DAILY", Some("MO,TU,WE,TH,FR")) if interval == 1 => Recurrence::Weekdays,
        ("WEEKLY", None) => Recurrence::Weeks(interval),
        ("MONTHLY", None) => Recurrence::Months(interval),
        _ => return None,
    };
    Some(rule.text())
}

/// softly's rule as an RRULE; `None` for a rule softly does not write (another app's).
pub(super) fn rrule_from_every(every: &str) -> Option<String> {
    Some(match Recurrence::parse(every).ok()?? {
        Recurrence::Days(n) => format!("FREQ=DAILY;INTERVAL={n}"),
        Recurrence::Weekdays => "FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR".to_string(),
        Recurrence::Weeks(n) => format!("FREQ=WEEKLY;INTERVAL={n}"),
        Recurrence::Months(n) => format!("FREQ=MONTHLY;INTERVAL={n}"),
        Recurrence::Elsewhere => return None,
    })
}
