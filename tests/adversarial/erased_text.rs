//! Erased text leaves the disk, even when softly is killed right after the commit.

use super::*;

/// Promise: text removed by an erase (titles, notes, tags), an edit (of a title or a note)
/// or a list rename leaves the disk even if softly is killed right after the change commits, while another softly has the file open: the
/// next command finishes the scrub.
#[test]
fn removed_text_leaves_the_disk_even_if_softly_dies_right_after_the_commit() {
    type Step<'a> = (&'a str, &'a [&'a str], &'a [&'a str]);
    let cases: [Step; 6] = [
        (
            "ERASED-MARKER-7f3a",
            &["add", "ERASED-MARKER-7f3a"],
            &["erase", "1", "--yes"],
        ),
        // A note and a tag (kept in tables of their own) leave with their todo.
        (
            "ERASED-NOTE-MARKER-2d4c",
            &["add", "noted", "--note", "ERASED-NOTE-MARKER-2d4c"],
            &["erase", "1", "--yes"],
        ),
        (
            "erased-tag-marker-8e1b",
            &["add", "tagged #erased-tag-marker-8e1b"],
            &["erase", "1", "--yes"],
        ),
        // A note replaced, and a tag an edit took out of the title.
        (
            "OLD-NOTE-MARKER-61fa",
            &["add", "noted", "--note", "OLD-NOTE-MARKER-61fa"],
            &["edit", "1", "--note", "a new note"],
        ),
        (
            "OLD-TITLE-MARKER-19c2",
            &["add", "OLD-TITLE-MARKER-19c2"],
            &["edit", "1", "a new title"],
        ),
        (
            "OLD-NAME-MARKER-5b0e",
            &["list", "add", "OLD-NAME-MARKER-5b0e"],
            &["list", "rename", "OLD-NAME-MARKER-5b0e", "Renamed"],
        ),
    ];
    for _ in 0..stress() {
        for (marker, create, remove) in cases {
            let s = Softly::new();
            s.ok(create);
            s.ok(&["add", "unrelated"]);
            if remove[0] == "erase" {
                s.ok(&["rm", "1"]);
            }
            let app = another_program(&s.db());
            let mut cmd = s.command(remove);
            cmd.env("SOFTLY_CRASH_AT", "after-removal-commit");
            let out = cmd.output().unwrap();
            assert_eq!(out.status.code(), None, "{remove:?} was not killed");
            assert!(
                on_disk(&s.db(), marker),
                "{remove:?}: the crash came too late to test anything"
            );
            s.ok(&["ls"]);
            assert!(
                !on_disk(&s.db(), marker),
                "{remove:?}: the text is still on disk after the next command"
            );
            drop(app);
        }
    }
}
