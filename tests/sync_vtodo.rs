//! A todo as a VTODO and back: softly's fields map both ways, and softly rewrites a property
//! only when its own value for it changed. Everything else another app wrote (order,
//! parameters, value types, time zones, X- properties, alarms, other occurrences) goes back
//! byte for byte, bar the properties every write stamps (DTSTAMP, LAST-MODIFIED, SEQUENCE,
//! and a CREATED added where there was none).

use jiff::Timestamp;
use jiff::tz::TimeZone;
use softly::store::TodoContent;
use softly::sync::ical::{RULE_ELSEWHERE, ReadTodo, Writing, read_todo, write_todo};

#[path = "common/ical.rs"]
mod ical;
use ical::{client_fixtures, kept_byte_for_byte};

fn paris() -> TimeZone {
    TimeZone::get("Europe/Paris").unwrap()
}

fn at(s: &str) -> Timestamp {
    s.parse().unwrap()
}

fn read(text: &str) -> ReadTodo {
    read_todo(text, &paris()).unwrap()
}

/// `base` written back with `change` made to softly's reading of it, in Paris.
fn edited(base: &str, change: impl FnOnce(&mut TodoContent)) -> String {
    let mut todo = read(base).content;
    change(&mut todo);
    write_todo(&Writing {
        base: Some(base),
        todo: &todo,
        modified_at: at("2026-12-02T09:00:00Z"),
        now: at("2026-12-02T09:00:01Z"),
        zone: &paris(),
        zone_name: Some("Europe/Paris"),
    })
    .expect("something changed")
}

/// A phone's task with properties softly has no field for, folded as servers send them.
const PHONE: &str = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Phone Inc//Tasks 3.1//EN\r\n\
BEGIN:VTODO\r\nUID:phone-42@example.com\r\nDTSTAMP:20261201T080000Z\r\n\
CREATED:20261130T070000Z\r\nLAST-MODIFIED:20261201T080000Z\r\n\
SUMMARY;LANGUAGE=en:Call the plumber\\, then the bank\r\nSTATUS:IN-PROCESS\r\nPRIORITY:3\r\n\
DUE;TZID=Europe/Berlin:20261210T170000\r\nCATEGORIES:Work Stuff,Home & Garden\r\n\
DESCRIPTION;ALTREP=\"cid:note@example.com\":Line one\\nLine two\\; with semicolon\r\n\
X-PHONE-COLOUR;X-SPACE=rgb:#ff00aa\r\nGEO:48.85;2.35\r\n\
X-LONG:aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\r\n bbbbbbbbbb\r\n\
RRULE:FREQ=YEARLY;BYMONTH=12\r\nPERCENT-COMPLETE:40\r\n\
BEGIN:VALARM\r\nACTION:DISPLAY\r\nTRIGGER:-PT15M\r\nDESCRIPTION:Reminder\r\nEND:VALARM\r\n\
END:VTODO\r\nEND:VCALENDAR\r\n";

#[test]
fn a_phones_task_reads_as_softlys_fields() {
    let f = read(PHONE);
    let c = &f.content;
    assert_eq!(c.uid.as_deref(), Some("phone-42@example.com"));
    assert_eq!(
        c.title, "Call the plumber, then the bank",
        "SUMMARY, exactly"
    );
    assert_eq!(
        c.tags,
        ["Home & Garden", "Work Stuff"],
        "categories as spelled"
    );
    assert!(!c.done && !c.cancelled, "IN-PROCESS is open");
    assert_eq!(c.priority, Some(3), "PRIORITY 3 is high");
    assert_eq!(c.due_at, Some(at("2026-12-10T16:00:00Z").as_millisecond()));
    assert!(c.due_has_time);
    assert_eq!(
        c.note.as_deref(),
        Some("Line one\nLine two; with semicolon")
    );
    assert_eq!(
        c.every.as_deref(),
        Some(RULE_ELSEWHERE),
        "a yearly rule is another app's"
    );
    assert_eq!(c.created_at, at("2026-11-30T07:00:00Z").as_millisecond());
    assert_eq!(f.modified_at, Some(at("2026-12-01T08:00:00Z")));
    assert!(f.unread.is_empty(), "{:?}", f.unread);
}

#[test]
fn an_unrelated_edit_rewrites_only_the_property_it_changed() {
    let written = edited(PHONE, |t| t.title = "Call the plumber".into());
    kept_byte_for_byte(PHONE, &written, &["SUMMARY"]);
    assert!(
        written.contains("SUMMARY;LANGUAGE=en:Call the plumber\r\n"),
        "{written}"
    );
    assert!(written.contains("SEQUENCE:1\r\n"));
    // The priority changed, but not its level: PRIORITY keeps its number.
    let text = PHONE.replace("PRIORITY:3", "PRIORITY:7");
    let written = edited(&text, |t| t.note = Some("a new note".into()));
    kept_byte_for_byte(&text, &written, &["DESCRIPTION"]);
    assert!(
        written.contains("DESCRIPTION:a new note\r\n"),
        "ALTREP was of the old text"
    );
    let written = edited(PHONE, |t| t.priority = Some(2));
    kept_byte_for_byte(PHONE, &written, &["PRIORITY"]);
    assert!(written.contains("PRIORITY:5\r\n"));
    let written = edited(PHONE, |t| t.tags.push("urgent".into()));
    kept_byte_for_byte(PHONE, &written, &["CATEGORIES"]);
    assert!(
        written.contains("CATEGORIES:Home & Garden,Work Stuff,urgent\r\n"),
        "{written}"
    );
}

#[test]
fn nothing_changed_writes_nothing() {
    let todo = read(PHONE).content;
    let again = write_todo(&Writing {
        base: Some(PHONE),
        todo: &todo,
        modified_at: at("2026-12-02T09:00:00Z"),
        now: at("2026-12-02T09:00:01Z"),
        zone: &paris(),
        zone_name: Some("Europe/Paris"),
    });
    assert_eq!(again, None);
}

#[test]
fn done_cancelled_and_open_are_states_not_a_boolean() {
    let done = edited(PHONE, |t| t.done = true);
    kept_byte_for_byte(PHONE, &done, &["STATUS", "COMPLETED", "PERCENT-COMPLETE"]);
    assert!(done.contains("STATUS:COMPLETED\r\n") && done.contains("PERCENT-COMPLETE:100\r\n"));
    assert!(done.contains("COMPLETED:2026"), "{done}");
    let reopened = edited(&done, |t| t.done = false);
    for gone in ["STATUS", "COMPLETED", "PERCENT-COMPLETE"] {
        assert!(
            !reopened.contains(&format!("\n{gone}:")),
            "{gone} left in\n{reopened}"
        );
    }
    let cancelled = PHONE.replace("STATUS:IN-PROCESS", "STATUS:CANCELLED");
    let c = read(&cancelled).content;
    assert!(c.done && c.cancelled, "closed, not done");
    let edited_title = edited(&cancelled, |t| t.title = "no plumber".into());
    assert!(
        edited_title.contains("STATUS:CANCELLED\r\n"),
        "never reopened by an edit"
    );
    let bare = PHONE.replace("STATUS:IN-PROCESS\r\n", "COMPLETED:20261201T090000Z\r\n");
    assert!(read(&bare).content.done, "COMPLETED without STATUS is done");
}

#[test]
fn a_due_date_keeps_its_zone_and_type_unless_it_changed() {
    let written = edited(PHONE, |t| t.title = "x".into());
    assert!(written.contains("DUE;TZID=Europe/Berlin:20261210T170000\r\n"));
    // Moved by an hour here: written in the zone softly writes in, with its VTIMEZONE.
    let written = edited(PHONE, |t| {
        t.due_at = Some(at("2026-12-10T17:00:00Z").as_millisecond());
    });
    kept_byte_for_byte(
        PHONE,
        &written,
        &[
            "DUE",
            "BEGIN",
            "END",
            "TZID",
            "DTSTART",
            "TZOFFSETFROM",
            "TZOFFSETTO",
            "RRULE",
            "TZNAME",
        ],
    );
    assert!(
        written.contains("DUE;TZID=Europe/Paris:20261210T180000\r\n"),
        "{written}"
    );
    assert!(
        written.contains("BEGIN:VTIMEZONE\r\nTZID:Europe/Paris\r\n"),
        "{written}"
    );
    let back = read(&written).content;
    assert_eq!(
        back.due_at,
        Some(at("2026-12-10T17:00:00Z").as_millisecond())
    );
    // A day is a DATE.
    let day = softly::fields::end_of_day(jiff::civil::date(2026, 12, 24), &paris()).unwrap();
    let written = edited(PHONE, |t| {
        (t.due_at, t.due_has_time) = (Some(day.at.as_millisecond()), false);
    });
    assert!(written.contains("DUE;VALUE=DATE:20261224\r\n"), "{written}");
}

#[test]
fn a_zone_named_the_windows_way_is_read_by_its_own_vtimezone() {
    let outlook = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:Microsoft Exchange Server 2010\r\n\
BEGIN:VTIMEZONE\r\nTZID:Eastern Standard Time\r\nBEGIN:STANDARD\r\nDTSTART:16010101T020000\r\n\
TZOFFSETFROM:-0400\r\nTZOFFSETTO:-0500\r\nRRULE:FREQ=YEARLY;INTERVAL=1;BYDAY=1SU;BYMONTH=11\r\n\
END:STANDARD\r\nBEGIN:DAYLIGHT\r\nDTSTART:16010101T020000\r\nTZOFFSETFROM:-0500\r\n\
TZOFFSETTO:-0400\r\nRRULE:FREQ=YEARLY;INTERVAL=1;BYDAY=2SU;BYMONTH=3\r\nEND:DAYLIGHT\r\n\
END:VTIMEZONE\r\nBEGIN:VTODO\r\nUID:outlook-1\r\nDTSTAMP:20261201T080000Z\r\n\
SUMMARY:Quarterly report\r\nDUE;TZID=Eastern Standard Time:20261210T170000\r\n\
END:VTODO\r\nEND:VCALENDAR\r\n";
    let due = read(outlook).content.due_at;
    assert_eq!(
        due,
        Some(at("2026-12-10T22:00:00Z").as_millisecond()),
        "17:00 in New York"
    );
    let written = edited(outlook, |t| t.title = "Quarterly report!".into());
    kept_byte_for_byte(outlook, &written, &["SUMMARY"]);
}

#[test]
fn a_start_date_agrees_with_a_due_date_softly_changes() {
    let text = PHONE.replace(
        "DUE;TZID=Europe/Berlin:20261210T170000",
        "DTSTART;VALUE=DATE:20261220",
    );
    let written = edited(&text, |t| {
        (t.due_at, t.due_has_time) = (Some(at("2026-12-18T10:00:00Z").as_millisecond()), true);
    });
    // RFC 5545 wants DTSTART and DUE of one value type, and DTSTART no later.
    assert!(
        written.contains("DTSTART;TZID=Europe/Paris:20261218T110000\r\n"),
        "{written}"
    );
    assert!(
        written.contains("DUE;TZID=Europe/Paris:20261218T110000\r\n"),
        "{written}"
    );
}

#[test]
fn values_softly_cannot_read_are_kept_and_said() {
    for due in [
        "DUE;VALUE=DATE:99991231",
        "DUE:20261224T1430Z",
        "DUE:-1",
        "DUE;TZID=Nowhere/Atlantis:20261224T143000",
    ] {
        let text = PHONE.replace("DUE;TZID=Europe/Berlin:20261210T170000", due);
        let f = read(&text);
        let readable = due.starts_with("DUE;VALUE=DATE:9999");
        assert!(
            readable || f.unread.iter().any(|u| u.starts_with("DUE")),
            "{due}: {:?}",
            f.unread
        );
        let written = edited(&text, |t| t.title = "renamed".into());
        assert!(
            written.contains(&format!("{due}\r\n")),
            "{due} kept:\n{written}"
        );
    }
}

#[test]
fn a_recurring_series_with_its_occurrences_is_kept_whole() {
    let series = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Mozilla.org/NONSGML Mozilla Calendar V1.1//EN\r\n\
BEGIN:VTODO\r\nUID:series-1\r\nDTSTAMP:20261201T080000Z\r\nSUMMARY:Stand-up\r\n\
DTSTART:20261201T090000Z\r\nDUE:20261201T091500Z\r\nRRULE:FREQ=DAILY\r\nEND:VTODO\r\n\
BEGIN:VTODO\r\nUID:series-1\r\nDTSTAMP:20261201T080000Z\r\nRECURRENCE-ID:20261202T090000Z\r\n\
SUMMARY:Stand-up (moved)\r\nDTSTART:20261202T100000Z\r\nDUE:20261202T101500Z\r\nEND:VTODO\r\n\
END:VCALENDAR\r\n";
    let f = read(series).content;
    assert_eq!(f.title, "Stand-up", "the master");
    assert_eq!(
        f.every.as_deref(),
        Some(RULE_ELSEWHERE),
        "it recurs, by its app's series"
    );
    let written = edited(series, |t| t.title = "Daily stand-up".into());
    kept_byte_for_byte(series, &written, &["SUMMARY"]);
    assert!(
        written.contains("SUMMARY:Stand-up (moved)\r\n"),
        "the override is kept"
    );
}

#[test]
fn softlys_own_todo_round_trips_every_field() {
    let z = paris();
    let due = softly::fields::end_of_day(jiff::civil::date(2026, 12, 24), &z).unwrap();
    let todo = TodoContent {
        uid: Some("0b6f1c7e-2d7e-4a57-9a43-1f7c1b3f5a10".into()),
        title: "Water the plants, all; of them\\ #garden".into(),
        due_at: Some(due.at.as_millisecond()),
        priority: Some(1),
        note: Some("first\nsecond, third".into()),
        every: Some("weekday".into()),
        tags: vec!["Balcony".into()],
        created_at: at("2026-12-01T10:00:00Z").as_millisecond(),
        ..TodoContent::default()
    };
    let write = |base: Option<&str>, todo: &TodoContent| {
        write_todo(&Writing {
            base,
            todo,
            modified_at: at("2026-12-01T11:00:00Z"),
            now: at("2026-12-01T12:00:00Z"),
            zone: &z,
            zone_name: Some("Europe/Paris"),
        })
    };
    let text = write(None, &todo).unwrap();
    assert!(text.starts_with("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//softly//softly//EN\r\n"));
    assert!(text.contains("DUE;VALUE=DATE:20261224\r\n"), "{text}");
    assert!(
        text.contains("PRIORITY:9\r\nCATEGORIES:garden,Balcony\r\n"),
        "{text}"
    );
    assert!(text.contains("RRULE:FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR\r\n"));
    assert!(
        text.split("\r\n").all(|l| l.len() <= 75),
        "folded at 75 octets"
    );
    assert_eq!(read_todo(&text, &z).unwrap().content, todo);
    for every in ["day", "3 days", "week", "2 weeks", "month", "2 months"] {
        let g = TodoContent {
            every: Some(every.into()),
            ..todo.clone()
        };
        let text = write(Some(&text), &g).unwrap();
        assert_eq!(
            read_todo(&text, &z).unwrap().content.every.as_deref(),
            Some(every)
        );
        assert_eq!(text.matches("RRULE").count(), 1, "one rule, replaced");
    }
    let cleared = TodoContent {
        every: None,
        due_at: None,
        note: None,
        priority: None,
        tags: Vec::new(),
        title: "Water the plants".into(),
        ..todo.clone()
    };
    let text = write(Some(&text), &cleared).unwrap();
    for gone in ["RRULE", "DUE", "DESCRIPTION", "PRIORITY", "CATEGORIES"] {
        assert!(!text.contains(gone), "{gone} cleared:\n{text}");
    }
}

#[test]
fn what_is_not_a_todo_is_refused_in_words() {
    let z = paris();
    let event = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nBEGIN:VEVENT\r\nUID:e\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n";
    assert_eq!(
        read_todo(event, &z).unwrap_err().to_string(),
        "holds no VTODO"
    );
    let no_uid = "BEGIN:VCALENDAR\r\nBEGIN:VTODO\r\nSUMMARY:x\r\nEND:VTODO\r\nEND:VCALENDAR\r\n";
    assert_eq!(
        read_todo(no_uid, &z).unwrap_err().to_string(),
        "its VTODO has no UID"
    );
    assert!(
        read_todo("hello", &z)
            .unwrap_err()
            .to_string()
            .starts_with("not iCalendar")
    );
}

#[test]
fn other_clients_todos_survive_an_unrelated_edit_byte_for_byte() {
    for (name, text) in client_fixtures() {
        let read = read(&text);
        assert!(read.unread.is_empty(), "{name}: {:?}", read.unread);
        let written = edited(&text, |t| t.title = format!("{} (edited)", t.title));
        kept_byte_for_byte(&text, &written, &["SUMMARY"]);
        let written = edited(&text, |t| t.note = Some("a note from softly".into()));
        kept_byte_for_byte(&text, &written, &["DESCRIPTION"]);
    }
}

#[test]
fn other_clients_todos_read_as_they_mean() {
    let fixtures: std::collections::HashMap<String, String> =
        client_fixtures().into_iter().collect();
    let content = |name: &str| read(&fixtures[name]).content;
    let t = content("tasks_org.ics");
    assert_eq!(
        (t.priority, t.due_has_time, t.tags.clone()),
        (Some(3), false, vec!["errands".into()])
    );
    let j = content("jtx_board.ics");
    assert!(!j.done, "IN-PROCESS is open");
    assert_eq!(
        j.due_at,
        Some(at("2026-12-06T16:00:00Z").as_millisecond()),
        "17:00 in Vienna"
    );
    assert_eq!(j.priority, Some(1), "PRIORITY 6 is low");
    assert_eq!(j.tags, ["DIY", "Home"]);
    let b = content("thunderbird.ics");
    assert_eq!(b.title, "Weekly review", "the master, not its occurrence");
    assert_eq!(b.every.as_deref(), Some(RULE_ELSEWHERE));
    assert_eq!(b.due_at, Some(at("2026-12-04T16:00:00Z").as_millisecond()));
    let a = content("apple_reminders.ics");
    assert_eq!(
        a.due_at,
        Some(at("2026-12-03T18:00:00Z").as_millisecond()),
        "10:00 in LA"
    );
    assert_eq!(a.priority, None, "PRIORITY 0 is none");
    let n = content("nextcloud_tasks.ics");
    assert!(n.done && n.cancelled);
    assert_eq!(n.tags, ["Home & Garden", "Work Stuff"]);
    let o = content("outlook_caldav_synchronizer.ics");
    assert!(o.done && !o.cancelled);
    assert_eq!(
        o.due_at,
        Some(at("2026-12-08T23:00:00Z").as_millisecond()),
        "midnight in W. Europe Standard Time, by its own VTIMEZONE"
    );
    let d = content("todoman.ics");
    assert_eq!(
        d.due_at,
        Some(at("2026-12-07T18:00:00Z").as_millisecond()),
        "18:00 in Lisbon"
    );
}

/// The README's table of what softly does with each property, as (property, example).
fn interop_table() -> Vec<(String, String)> {
    let readme =
        std::fs::read_to_string(std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("README.md"))
            .unwrap();
    let section = readme
        .split("### What softly does with each property of a task")
        .nth(1)
        .expect("the README has the table");
    let section = section.split("\n## ").next().unwrap();
    section
        .lines()
        .filter(|l| l.starts_with("| `"))
        .map(|row| {
            let cells: Vec<&str> = row.trim_matches('|').split(" | ").collect();
            let property = cells[0].split('`').nth(1).unwrap().to_string();
            let example = cells[2].trim().trim_matches('`').to_string();
            (property, example)
        })
        .collect()
}

#[test]
fn every_property_of_the_readmes_table_survives_an_unrelated_edit() {
    let rows = interop_table();
    assert!(rows.len() >= 20, "{} rows", rows.len());
    let todo_with = |inside: &str, calendar: &str, after: &str| {
        format!(
            "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Test//EN\r\n{calendar}BEGIN:VTODO\r\n\
             UID:t-1\r\nDTSTAMP:20261201T080000Z\r\nSUMMARY:Water the plants\r\n{inside}\
             END:VTODO\r\n{after}END:VCALENDAR\r\n"
        )
    };
    for (property, example) in rows {
        let (text, kept) = match (property.as_str(), example.as_str()) {
            (_, "stamped") => continue, // below
            ("VALARM", _) => {
                let alarm = "BEGIN:VALARM\r\nACTION:DISPLAY\r\nTRIGGER:-PT15M\r\nDESCRIPTION:x\r\nEND:VALARM\r\n";
                (todo_with(alarm, "", ""), alarm.to_string())
            }
            ("VTIMEZONE", _) => {
                let zone = "BEGIN:VTIMEZONE\r\nTZID:Our/Zone\r\nBEGIN:STANDARD\r\nDTSTART:19700101T000000\r\n\
                            TZOFFSETFROM:+0300\r\nTZOFFSETTO:+0300\r\nEND:STANDARD\r\nEND:VTIMEZONE\r\n";
                let due = "DUE;TZID=Our/Zone:20261210T170000\r\n";
                let read = read(&todo_with(due, zone, "")).content;
                assert_eq!(
                    read.due_at,
                    Some(at("2026-12-10T14:00:00Z").as_millisecond())
                );
                (todo_with(due, zone, ""), zone.to_string())
            }
            ("RECURRENCE-ID", line) => {
                let other = format!(
                    "BEGIN:VTODO\r\nUID:t-1\r\nDTSTAMP:20261201T080000Z\r\n{line}\r\nSUMMARY:Once\r\nEND:VTODO\r\n"
                );
                (todo_with("RRULE:FREQ=DAILY\r\n", "", &other), other)
            }
            ("PRODID", line) => {
                let text = todo_with("", "", "").replace("PRODID:-//Test//EN", line);
                (text, format!("{line}\r\n"))
            }
            (_, line) => (
                todo_with(&format!("{line}\r\n"), "", ""),
                format!("{line}\r\n"),
            ),
        };
        let owned = if property == "SUMMARY" {
            let w = edited(&text, |t| t.priority = Some(1));
            (w, "PRIORITY")
        } else {
            let w = edited(&text, |t| t.title = "Water the ferns".into());
            (w, "SUMMARY")
        };
        let (written, edited_property) = owned;
        assert!(
            written.contains(&kept),
            "{property}: {kept:?} not kept in\n{written}"
        );
        kept_byte_for_byte(&text, &written, &[edited_property]);
    }
    // The stamps: set on every write, CREATED added where there was none.
    let text = todo_with("SEQUENCE:4\r\nLAST-MODIFIED:20261201T080000Z\r\n", "", "");
    let written = edited(&text, |t| t.title = "Water the ferns".into());
    assert!(written.contains("SEQUENCE:5\r\n"), "{written}");
    assert!(
        written.contains("LAST-MODIFIED:20261202T090000Z\r\n"),
        "{written}"
    );
    assert!(
        written.contains("DTSTAMP:20261202T090001Z\r\n"),
        "{written}"
    );
    assert!(written.contains("\r\nCREATED:"), "{written}");
}
