//! Time: the retention boundary across daylight-saving changes, and clocks that move.

use super::*;

/// Promise: retention is elapsed time, so the purge boundary does not move by an hour when
/// the clocks change (US spring forward 2026-03-08, fall back 2026-11-01).
#[test]
fn the_retention_boundary_holds_across_daylight_saving_changes() {
    for (deleted, just_before, at_expiry) in [
        (
            "2026-03-07T17:00:00Z",
            "2026-03-08T16:59:59.999Z",
            "2026-03-08T17:00:00Z",
        ),
        (
            "2026-10-31T16:00:00Z",
            "2026-11-01T15:59:59.999Z",
            "2026-11-01T16:00:00Z",
        ),
    ] {
        let db = TempDb::new();
        let path = db.path();
        // A day's retention from the start (a shorter one later would wait to be accepted).
        let day = ["--retention", "1d"];
        softly_in_new_york(
            &path,
            deleted,
            &[&day[..], &["add", "across the change"]].concat(),
        );
        softly_in_new_york(&path, deleted, &[&day[..], &["rm", "1"]].concat());
        let kept = softly_in_new_york(
            &path,
            just_before,
            &["--retention", "1d", "trash", "--json"],
        );
        assert!(
            kept.contains("across the change"),
            "purged early at {just_before}"
        );
        let gone = softly_in_new_york(&path, at_expiry, &["--retention", "1d", "trash", "--json"]);
        assert_eq!(gone.trim(), "[]", "not purged at {at_expiry}");
        // The log shows New York wall time: 24 hours later reads 13:00 after spring forward
        // and 11:00 after fall back, though exactly one day passed.
        let log = softly_in_new_york(&path, at_expiry, &["log"]);
        let wall = if deleted.starts_with("2026-03") {
            "2026-03-08 13:00"
        } else {
            "2026-11-01 11:00"
        };
        assert!(log.contains(wall), "{log}");
    }
}

/// Promise: a clock set back never purges early; an entry deleted "in the future" is kept
/// until its own time is up.
#[test]
fn a_clock_set_back_never_purges_early() {
    let db = TempDb::new();
    let path = db.path();
    // Deleted while the clock ran a year fast...
    softly_in_new_york(&path, "2027-11-26T12:00:00Z", &["add", "from the future"]);
    softly_in_new_york(&path, "2027-11-26T12:00:00Z", &["rm", "1"]);
    // ...then the clock is corrected: thirty and more days pass, and it stays.
    for now in [
        "2026-11-26T12:00:00Z",
        "2027-01-01T00:00:00Z",
        "2027-12-26T11:59:59.999Z",
    ] {
        let trash = softly_in_new_york(&path, now, &["trash", "--json"]);
        assert!(trash.contains("from the future"), "purged early at {now}");
    }
    let trash = softly_in_new_york(&path, "2027-12-26T12:00:00Z", &["trash", "--json"]);
    assert_eq!(trash.trim(), "[]");
}
