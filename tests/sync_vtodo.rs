//! A todo as a VTODO and back: softly's fields map both ways, and what another client wrote
//! that softly does not know survives softly's edit.

use jiff::Timestamp;
use jiff::tz::TimeZone;
use softly::fields::Due;
use softly::sync::vtodo::{TodoFields, read_vtodo, write_vtodo};

fn zone() -> TimeZone {
    TimeZone::get("Europe/Paris").unwrap()
}

fn at(s: &str) -> Timestamp {
    s.parse().unwrap()
}

/// A phone's task with properties softly has no field for, folded as servers send them.
const PHONE: &str = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Phone Inc//Tasks 3.1//EN\r\n\
BEGIN:VTODO\r\nUID:phone-42@example.com\r\nDTSTAMP:20261201T080000Z\r\n\
CREATED:20261130T070000Z\r\nLAST-MODIFIED:20261201T080000Z\r\n\
SUMMARY:Call the plumber\\, then the bank\r\nSTATUS:NEEDS-ACTION\r\nPRIORITY:2\r\n\
DUE;TZID=Europe/Paris:20261224T153000\r\nCATEGORIES:home,Calls\r\n\
DESCRIPTION:Line one\\nLine two\\; with semicolon\r\n\
X-PHONE-COLOUR;X-SPACE=rgb:#ff00aa\r\nGEO:48.85;2.35\r\n\
X-LONG:aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\r\n bbbbbbbbbb\r\n\
RRULE:FREQ=YEARLY;BYMONTH=12\r\nPERCENT-COMPLETE:40\r\n\
BEGIN:VALARM\r\nACTION:DISPLAY\r\nTRIGGER:-PT15M\r\nDESCRIPTION:Reminder\r\nEND:VALARM\r\n\
END:VTODO\r\nEND:VCALENDAR\r\n";

#[test]
fn a_phones_task_reads_as_softlys_fields() {
    let f = read_vtodo(PHONE, &zone()).unwrap();
    assert_eq!(f.uid, "phone-42@example.com");
    assert_eq!(f.title, "Call the plumber, then the bank #home #Calls");
    assert!(!f.done);
    assert_eq!(f.priority, Some(3), "PRIORITY 2 is high");
    assert_eq!(
        f.due,
        Some(Due {
            at: at("2026-12-24T14:30:00Z"),
            has_time: true
        })
    );
    assert_eq!(
        f.note.as_deref(),
        Some("Line one\nLine two; with semicolon")
    );
    assert_eq!(f.every, None, "a yearly rule is not one of softly's");
    assert_eq!(f.created_at, Some(at("2026-11-30T07:00:00Z")));
    assert_eq!(f.modified_at, Some(at("2026-12-01T08:00:00Z")));
}

#[test]
fn unknown_properties_survive_softlys_edit() {
    let mut f = read_vtodo(PHONE, &zone()).unwrap();
    f.title = "Call the plumber #home".into();
    f.done = true;
    f.done_at = Some(at("2026-12-02T09:00:00Z"));
    f.modified_at = Some(at("2026-12-02T09:00:00Z"));
    let written = write_vtodo(
        Some(PHONE),
        &f,
        &["home".into()],
        at("2026-12-02T09:00:01Z"),
        &zone(),
    );
    for kept in [
        "PRODID:-//Phone Inc//Tasks 3.1//EN",
        "X-PHONE-COLOUR;X-SPACE=rgb:#ff00aa",
        "GEO:48.85;2.35",
        "RRULE:FREQ=YEARLY;BYMONTH=12",
        "BEGIN:VALARM\r\nACTION:DISPLAY\r\nTRIGGER:-PT15M\r\nDESCRIPTION:Reminder\r\nEND:VALARM",
    ] {
        assert!(written.contains(kept), "{kept} is kept in\n{written}");
    }
    let unfolded = icalendar::parser::unfold(&written);
    assert!(unfolded.contains(&format!("X-LONG:{}{}", "a".repeat(73), "b".repeat(10))));
    assert!(written.contains("PERCENT-COMPLETE:100"), "done is 100%");
    assert!(written.contains("STATUS:COMPLETED\r\nCOMPLETED:20261202T090000Z"));
    assert!(!written.contains("NEEDS-ACTION"));
    assert!(written.contains("CATEGORIES:home\r\n"), "{written}");
    assert!(
        written.contains("DUE:20261224T143000Z"),
        "the due time, in UTC"
    );
    assert!(
        written.lines().all(|l| l.len() <= 76),
        "folded at 75 octets"
    );
    let back = read_vtodo(&written, &zone()).unwrap();
    assert_eq!(back, f, "softly reads back what it wrote");
}

#[test]
fn softlys_own_todo_round_trips_every_field() {
    let z = zone();
    let f = TodoFields {
        uid: "0b6f1c7e-2d7e-4a57-9a43-1f7c1b3f5a10".into(),
        title: "Water the plants, all; of them\\ #garden".into(),
        done: false,
        done_at: None,
        due: softly::fields::end_of_day(jiff::civil::date(2026, 12, 24), &z),
        priority: Some(1),
        note: Some("first\nsecond, third".into()),
        every: Some("weekday".into()),
        created_at: Some(at("2026-12-01T10:00:00Z")),
        modified_at: Some(at("2026-12-01T11:00:00Z")),
    };
    let text = write_vtodo(None, &f, &["garden".into()], at("2026-12-01T12:00:00Z"), &z);
    assert!(text.starts_with("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//softly//softly//EN\r\n"));
    assert!(text.contains("DUE;VALUE=DATE:20261224\r\n"), "{text}");
    assert!(text.contains("PRIORITY:9\r\n"));
    assert!(text.contains("RRULE:FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR\r\n"));
    assert_eq!(read_vtodo(&text, &z).unwrap(), f);
    for every in ["day", "3 days", "week", "2 weeks", "month"] {
        let g = TodoFields {
            every: Some(every.into()),
            ..f.clone()
        };
        let text = write_vtodo(Some(&text), &g, &[], at("2026-12-01T12:00:00Z"), &z);
        assert_eq!(read_vtodo(&text, &z).unwrap().every.as_deref(), Some(every));
        assert_eq!(text.matches("RRULE").count(), 1, "one rule, replaced");
    }
    let cleared = TodoFields {
        every: None,
        due: None,
        note: None,
        priority: None,
        ..f.clone()
    };
    let text = write_vtodo(Some(&text), &cleared, &[], at("2026-12-01T12:00:00Z"), &z);
    for gone in ["RRULE", "DUE", "DESCRIPTION", "PRIORITY", "CATEGORIES"] {
        assert!(!text.contains(gone), "{gone} cleared:\n{text}");
    }
}

#[test]
fn what_is_not_a_todo_is_refused_in_words() {
    let z = zone();
    let event = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nBEGIN:VEVENT\r\nUID:e\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n";
    assert_eq!(
        read_vtodo(event, &z).unwrap_err().to_string(),
        "holds no VTODO"
    );
    let no_uid = "BEGIN:VCALENDAR\r\nBEGIN:VTODO\r\nSUMMARY:x\r\nEND:VTODO\r\nEND:VCALENDAR\r\n";
    assert_eq!(
        read_vtodo(no_uid, &z).unwrap_err().to_string(),
        "its VTODO has no UID"
    );
    assert!(
        read_vtodo("hello", &z)
            .unwrap_err()
            .to_string()
            .starts_with("not iCalendar")
    );
}
