//! A todo as an iCalendar VTODO (RFC 5545 §3.6.2), both ways, with the `icalendar` crate's
//! parser: it keeps every property in order with its parameters, so what softly does not know
//! (another client's alarms, geo, X- properties, a yearly RRULE) is written back unchanged.
//!
//! softly owns these properties and writes them from the todo: UID, SUMMARY, STATUS,
//! COMPLETED, DUE, PRIORITY, CATEGORIES, DESCRIPTION, RRULE (the rules softly has),
//! CREATED, LAST-MODIFIED, DTSTAMP.

use icalendar::parser::{Component, ParseString, Property, read_calendar, unfold};
use jiff::Timestamp;
use jiff::tz::TimeZone;

use super::ical_time::{date_text, due_day, read_due, read_instant, utc_text};
use crate::fields::{Due, Recurrence};

/// What softly keeps of one VTODO.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TodoFields {
    pub uid: String,
    /// SUMMARY with the CATEGORIES softly's title does not already carry as `#tags`.
    pub title: String,
    pub done: bool,
    pub done_at: Option<Timestamp>,
    pub due: Option<Due>,
    /// 3 high, 2 medium, 1 low.
    pub priority: Option<i64>,
    pub note: Option<String>,
    /// A recurrence in softly's words ("week", "3 days").
    pub every: Option<String>,
    pub created_at: Option<Timestamp>,
    /// LAST-MODIFIED, else DTSTAMP: which of two edits is the newer.
    pub modified_at: Option<Timestamp>,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum VtodoError {
    #[error("not iCalendar: {0}")]
    Unreadable(String),
    #[error("holds no VTODO")]
    NoTodo,
    #[error("its VTODO has no UID")]
    NoUid,
}

const OWNED: &[&str] = &[
    "UID",
    "SUMMARY",
    "STATUS",
    "COMPLETED",
    "DUE",
    "PRIORITY",
    "CATEGORIES",
    "DESCRIPTION",
    "CREATED",
    "LAST-MODIFIED",
    "DTSTAMP",
];

/// Reads the VTODO of a calendar object resource. `zone` is where floating times and days are.
pub fn read_vtodo(text: &str, zone: &TimeZone) -> Result<TodoFields, VtodoError> {
    let unfolded = unfold(text);
    let calendar = read_calendar(&unfolded).map_err(|e| VtodoError::Unreadable(first_line(&e)))?;
    let todo = calendar
        .components
        .iter()
        .find(|c| c.name.as_str().eq_ignore_ascii_case("VTODO"))
        .ok_or(VtodoError::NoTodo)?;
    let value = |name: &str| property(todo, name).map(|p| p.val.as_str().to_string());
    let text_of = |name: &str| property(todo, name).map(|p| unescaped(&p.val));
    let instant = |name: &str| {
        property(todo, name).and_then(|p| read_instant(p.val.as_str(), param(p, "TZID"), zone))
    };
    let uid = value("UID")
        .filter(|u| !u.trim().is_empty())
        .ok_or(VtodoError::NoUid)?;
    let status = value("STATUS").unwrap_or_default().to_ascii_uppercase();
    let done =
        status == "COMPLETED" || (status.is_empty() && property(todo, "COMPLETED").is_some());
    let due = property(todo, "DUE").and_then(|p| {
        let is_date = param(p, "VALUE").is_some_and(|v| v.eq_ignore_ascii_case("DATE"));
        read_due(p.val.as_str(), param(p, "TZID"), is_date, zone)
    });
    let title = crate::fields::with_tags(text_of("SUMMARY").unwrap_or_default(), categories(todo));
    Ok(TodoFields {
        uid,
        title: title.trim().to_string(),
        done,
        done_at: done.then(|| instant("COMPLETED")).flatten(),
        due,
        priority: value("PRIORITY").and_then(|p| priority_from_ical(&p)),
        note: text_of("DESCRIPTION").filter(|n| !n.trim().is_empty()),
        every: property(todo, "RRULE").and_then(|p| every_from_rrule(p.val.as_str())),
        created_at: instant("CREATED"),
        modified_at: instant("LAST-MODIFIED").or_else(|| instant("DTSTAMP")),
    })
}

/// The resource text for `fields`: `base` (the text last seen on the server) with softly's
/// properties replaced and every other property, parameter and component kept as it was.
/// `tags` become CATEGORIES. `now` is the DTSTAMP.
pub fn write_vtodo(
    base: Option<&str>,
    fields: &TodoFields,
    tags: &[String],
    now: Timestamp,
    zone: &TimeZone,
) -> String {
    let unfolded = base.map(unfold);
    let parsed = unfolded.as_deref().and_then(|u| read_calendar(u).ok());
    let (mut calendar_props, mut others, mut kept) = (Vec::new(), Vec::new(), Vec::new());
    let mut todo_children = Vec::new();
    if let Some(calendar) = parsed {
        calendar_props = calendar.properties;
        for component in calendar.components {
            if component.name.as_str().eq_ignore_ascii_case("VTODO") && kept.is_empty() {
                let had_own_rule = property(&component, "RRULE")
                    .is_some_and(|p| every_from_rrule(p.val.as_str()).is_some());
                kept = component
                    .properties
                    .into_iter()
                    .filter(|p| !is_owned(p, had_own_rule || fields.every.is_some()))
                    .collect();
                todo_children = component.components;
            } else {
                others.push(component);
            }
        }
    }
    if calendar_props.is_empty() {
        calendar_props = vec![
            prop("VERSION", "2.0"),
            prop("PRODID", "-//softly//softly//EN"),
        ];
    }
    let mut props = vec![prop("UID", &fields.uid), prop("DTSTAMP", &utc_text(now))];
    if let Some(created) = fields.created_at {
        props.push(prop("CREATED", &utc_text(created)));
    }
    if let Some(modified) = fields.modified_at {
        props.push(prop("LAST-MODIFIED", &utc_text(modified)));
    }
    props.push(prop("SUMMARY", &escaped(&fields.title)));
    props.push(prop(
        "STATUS",
        if fields.done {
            "COMPLETED"
        } else {
            "NEEDS-ACTION"
        },
    ));
    if let (true, Some(at)) = (fields.done, fields.done_at) {
        props.push(prop("COMPLETED", &utc_text(at)));
    }
    if let Some(due) = fields.due {
        props.push(match due.has_time {
            true => prop("DUE", &utc_text(due.at)),
            false => with_param(prop("DUE", &date_text(due_day(due, zone))), "VALUE", "DATE"),
        });
    }
    if let Some(p) = fields.priority.and_then(priority_to_ical) {
        props.push(prop("PRIORITY", p));
    }
    if !tags.is_empty() {
        let list: Vec<String> = tags.iter().map(|t| escaped(t)).collect();
        props.push(prop("CATEGORIES", &list.join(",")));
    }
    if let Some(note) = &fields.note {
        props.push(prop("DESCRIPTION", &escaped(note)));
    }
    if let Some(rule) = fields.every.as_deref().and_then(rrule_from_every) {
        props.push(prop("RRULE", &rule));
    }
    for p in &mut kept {
        if p.name.as_str().eq_ignore_ascii_case("PERCENT-COMPLETE") {
            p.val = ParseString::from(if fields.done { "100" } else { "0" }.to_string());
        }
    }
    props.extend(kept);
    let todo = Component {
        name: "VTODO".into(),
        properties: props,
        components: todo_children,
    };
    let mut components = others;
    components.push(todo);
    let calendar = icalendar::parser::Calendar {
        properties: calendar_props,
        components,
    };
    calendar.to_string()
}

fn is_owned(p: &Property<'_>, rrule_owned: bool) -> bool {
    let name = p.name.as_str().to_ascii_uppercase();
    OWNED.contains(&name.as_str()) || (rrule_owned && name == "RRULE")
}

fn property<'a>(c: &'a Component<'a>, name: &str) -> Option<&'a Property<'a>> {
    c.properties
        .iter()
        .find(|p| p.name.as_str().eq_ignore_ascii_case(name))
}

fn param<'a>(p: &'a Property<'a>, key: &str) -> Option<&'a str> {
    p.params
        .iter()
        .find(|q| q.key.as_str().eq_ignore_ascii_case(key))
        .and_then(|q| q.val.as_ref().map(|v| v.as_str()))
}

fn prop(name: &'static str, value: &str) -> Property<'static> {
    Property {
        name: name.into(),
        val: value.to_string().into(),
        params: Vec::new(),
    }
}

fn with_param(
    mut p: Property<'static>,
    key: &'static str,
    value: &'static str,
) -> Property<'static> {
    p.params.push(icalendar::parser::Parameter {
        key: key.into(),
        val: Some(value.into()),
    });
    p
}

/// Every CATEGORIES value, each property split at its unescaped commas.
fn categories(todo: &Component<'_>) -> Vec<String> {
    let mut out = Vec::new();
    for p in todo
        .properties
        .iter()
        .filter(|p| p.name.as_str().eq_ignore_ascii_case("CATEGORIES"))
    {
        let mut item = String::new();
        let mut chars = p.val.as_str().chars();
        while let Some(c) = chars.next() {
            match c {
                '\\' => item.extend(chars.next()),
                ',' => out.push(std::mem::take(&mut item)),
                c => item.push(c),
            }
        }
        out.push(item);
    }
    out.into_iter()
        .map(|c| c.trim().to_string())
        .filter(|c| !c.is_empty())
        .collect()
}

fn unescaped(value: &ParseString<'_>) -> String {
    value.clone().unescape_text().as_str().to_string()
}

/// TEXT escaping (RFC 5545 §3.3.11).
fn escaped(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            ';' => out.push_str("\\;"),
            ',' => out.push_str("\\,"),
            '\n' => out.push_str("\\n"),
            '\r' => {}
            c => out.push(c),
        }
    }
    out
}

/// PRIORITY 1–4 is high, 5 medium, 6–9 low, 0 none (RFC 5545 §3.8.1.9).
fn priority_from_ical(value: &str) -> Option<i64> {
    match value.trim().parse::<u8>().ok()? {
        1..=4 => Some(3),
        5 => Some(2),
        6..=9 => Some(1),
        _ => None,
    }
}

fn priority_to_ical(stored: i64) -> Option<&'static str> {
    match stored {
        3 => Some("1"),
        2 => Some("5"),
        1 => Some("9"),
        _ => None,
    }
}

/// An RRULE softly has a rule for, in its words; `None` for the rest (they are kept as they are).
fn every_from_rrule(rule: &str) -> Option<String> {
    let mut freq = None;
    let mut interval = 1u16;
    let mut by_day = None;
    for part in rule.split(';') {
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
        ("WEEKLY", Some("MO,TU,WE,TH,FR")) if interval == 1 => Recurrence::Weekdays,
        ("DAILY", Some("MO,TU,WE,TH,FR")) if interval == 1 => Recurrence::Weekdays,
        ("WEEKLY", None) => Recurrence::Weeks(interval),
        ("MONTHLY", None) if interval == 1 => Recurrence::Months(1),
        _ => return None,
    };
    Some(rule.text())
}

fn rrule_from_every(every: &str) -> Option<String> {
    Some(match Recurrence::parse(every).ok()?? {
        Recurrence::Days(n) => format!("FREQ=DAILY;INTERVAL={n}"),
        Recurrence::Weekdays => "FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR".to_string(),
        Recurrence::Weeks(n) => format!("FREQ=WEEKLY;INTERVAL={n}"),
        Recurrence::Months(n) => format!("FREQ=MONTHLY;INTERVAL={n}"),
    })
}

fn first_line(error: &str) -> String {
    error
        .lines()
        .find(|l| !l.trim().is_empty())
        .unwrap_or(error)
        .trim()
        .to_string()
}
