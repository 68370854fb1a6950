//! Export and import as streams: the streamed export is the whole document byte for byte,
//! an import fed in pieces adds everything or nothing, and rows that do not fit together
//! are refused by name wherever in the file they are.

use super::*;
use softly::backup::{DocumentWriter, parse, to_document};
use softly::store::rows::{EntryRow, ListRow, Piece, Rows, TodoRow};
use softly::store::{AnyRow, ListNames, ReadAll};

fn todo(id: i64, list: Option<i64>, entry: Option<i64>) -> TodoRow {
    TodoRow {
        id,
        title: format!("todo {id} #tag{}", id % 3),
        list,
        list_erased: false,
        done: id % 4 == 0,
        position: id,
        created_at: T0 - DAY,
        trash_entry: entry,
        due_at: (id % 5 == 0).then_some(T0 + DAY),
        due_has_time: id % 10 == 0,
        priority: [None, Some(1), Some(2), Some(3)][(id % 4) as usize],
        note: (id % 6 == 0).then(|| format!("note of {id}\nsecond line")),
        every: (id % 5 == 0 && id % 3 == 0).then(|| "week".to_string()),
        uid: None,
        done_at: None,
        cancelled: false,
        own_tags: Vec::new(),
    }
}

fn entry(id: i64, kind: &str, pinned: bool) -> EntryRow {
    EntryRow {
        id,
        kind: kind.into(),
        deleted_at: T0 - id,
        pinned,
    }
}

/// Every kind of row: live and trashed lists, todos in lists, the Inbox and the Trash (alone
/// and in a batch, one whose list was erased), pins, notes with controls, recurrences.
fn varied(n: i64) -> Rows {
    let mut rows = Rows::default();
    rows.lists.push(ListRow {
        id: 1,
        name: "Work".into(),
        position: 1,
        created_at: T0 - DAY,
        trash_entry: None,
    });
    rows.lists.push(ListRow {
        id: 2,
        name: "Gone".into(),
        position: 2,
        created_at: T0 - DAY,
        trash_entry: Some(1),
    });
    rows.entries.push(entry(1, "list", false));
    rows.entries.push(entry(2, "todo", true)); // a batch of two
    for id in 1..=n {
        let (list, trash) = match id % 7 {
            0 => (Some(2), Some(1)),
            1 if id < 10 => (Some(1), Some(2)),
            3 => (None, Some(id + 100)),
            4 => (Some(1), None),
            _ => (None, None),
        };
        if let Some(e) = trash.filter(|e| *e > 100) {
            rows.entries.push(entry(e, "todo", e % 2 == 0));
        }
        let mut t = todo(id, list, trash);
        t.list_erased = trash.is_some_and(|e| e > 100) && id % 2 == 0;
        rows.todos.push(t);
    }
    rows.entries.sort_by_key(|e| e.id);
    rows
}

fn streamed(store: &Store) -> String {
    let mut out = Vec::new();
    let source = store.database_id().unwrap();
    let mut doc = DocumentWriter::start(&mut out, at(T0), source.as_deref()).unwrap();
    let read = store
        .each_row(|row| {
            match row {
                AnyRow::List(l) => doc.list(l),
                AnyRow::Todo(t) => doc.todo(t),
                AnyRow::Entry(e) => doc.entry(e),
            }
            .unwrap();
            true
        })
        .unwrap();
    assert_eq!(read, ReadAll::Complete);
    doc.finish().unwrap();
    String::from_utf8(out).unwrap()
}

#[test]
fn the_streamed_export_is_the_whole_document_byte_for_byte() {
    for n in [0, 1, 40, 3_000] {
        let db = TempDb::new();
        let mut s = db.open();
        if n > 0 {
            s.import(&varied(n), at(T0)).unwrap();
        }
        let whole = {
            let doc = to_document(&s.dump(at(T0)).unwrap(), at(T0), s.database_id().unwrap());
            softly::text::escape_json_controls(serde_json::to_string_pretty(&doc).unwrap())
        };
        let streamed = streamed(&s);
        assert_eq!(streamed, whole, "{n} todos");
        // And it reads back as the rows it was made from.
        let rows = parse(&streamed).unwrap();
        assert_eq!(rows.todos, s.dump(at(T0)).unwrap().todos, "{n} todos");
    }
}

#[test]
fn an_import_adds_nothing_unless_its_pieces_reach_the_end() {
    let rows = varied(3_000);
    let db = TempDb::new();
    let mut s = db.open();
    s.add_todo("already here", None, at(T0)).unwrap();
    let before = s.dump(at(T0)).unwrap();
    // The reader stopped (a syntax error halfway, a closed pipe): no End.
    let cut: Vec<Piece> = rows.pieces().filter(|p| *p != Piece::End).collect();
    let err = s.import_pieces(cut, at(T0), ListNames::Rename).unwrap_err();
    assert!(matches!(err, StoreError::ImportStopped), "{err}");
    assert_eq!(s.dump(at(T0)).unwrap(), before, "nothing was added");
    // Where the file came from may arrive last (a file whose keys were sorted); it is
    // still recorded, and the same file is then refused.
    let mut with_origin = rows.clone();
    with_origin.origin = Some(softly::store::rows::Origin {
        source: Some("elsewhere".into()),
        exported_at: T0,
    });
    let mut pieces: Vec<Piece> = with_origin.pieces().collect();
    let origin = pieces.remove(0);
    pieces.insert(pieces.len() - 1, origin);
    s.import_pieces(pieces.clone(), at(T0), ListNames::Rename)
        .unwrap();
    let live = rows
        .todos
        .iter()
        .filter(|t| t.trash_entry.is_none())
        .count();
    assert_eq!(s.live_todos(TodoScope::All).unwrap().len(), 1 + live);
    let err = s
        .import_pieces(pieces, at(T0), ListNames::Rename)
        .unwrap_err();
    assert!(matches!(err, StoreError::AlreadyImported(_)), "{err}");
}

#[test]
fn rows_that_do_not_fit_together_are_refused_by_id_and_nothing_is_imported() {
    let good = varied(200);
    let mut no_entry = good.clone();
    no_entry.entries.retain(|e| e.id != 103);
    let mut empty_entry = good.clone();
    empty_entry.entries.push(entry(9_999, "todo", false));
    let mut list_in_todo_entry = good.clone();
    list_in_todo_entry.lists.push(ListRow {
        id: 3,
        name: "In a todo entry".into(),
        position: 3,
        created_at: T0,
        trash_entry: Some(2),
    });
    let mut two_lists = good.clone();
    two_lists.lists.push(ListRow {
        id: 3,
        name: "Also gone".into(),
        position: 3,
        created_at: T0,
        trash_entry: Some(1),
    });
    let mut list_no_entry = good.clone();
    list_no_entry.lists[1].trash_entry = Some(77);
    let cases = [
        (
            no_entry,
            "todo 3 is in trash entry 103, which the file does not have",
        ),
        (
            empty_entry,
            "trash entry 9999 is a todo entry holding 0 lists and 0 todos",
        ),
        (
            list_in_todo_entry,
            "trash entry 2 is a todo entry holding 1 list and 2 todos",
        ),
        (
            two_lists,
            "trash entry 1 is a list entry holding 2 lists and",
        ),
        (
            list_no_entry,
            "list 2 is in trash entry 77, which the file does not have",
        ),
    ];
    for used in [false, true] {
        let db = TempDb::new();
        let mut s = db.open();
        if used {
            // Ids shifted past rows already here: the message still names the file's ids.
            s.add_todo("here", None, at(T0)).unwrap();
            let l = s.add_list("Here", at(T0)).unwrap();
            s.trash_list(l, at(T0)).unwrap();
        }
        let before = s.dump(at(T0)).unwrap();
        for (rows, expect) in &cases {
            let err = s.import(rows, at(T0)).unwrap_err().to_string();
            assert!(err.starts_with(expect), "{err} should start with {expect}");
            assert_eq!(
                s.dump(at(T0)).unwrap(),
                before,
                "{expect}: nothing imported"
            );
        }
        s.import(&good, at(T0)).unwrap();
    }
}

#[test]
fn an_id_given_twice_is_named_by_its_place_in_any_piece() {
    let mut rows = varied(3_000);
    // In the third piece of todos, the same id as one in the first.
    rows.todos[2_500].id = rows.todos[17].id;
    let mut entries_twice = varied(3_000);
    let last = entries_twice.entries.len() - 1;
    entries_twice.entries[last].id = entries_twice.entries[last - 1].id;
    for used in [false, true] {
        let db = TempDb::new();
        let mut s = db.open();
        if used {
            s.add_todo("here", None, at(T0)).unwrap();
        }
        let err = s.import(&rows, at(T0)).unwrap_err().to_string();
        assert_eq!(err, "todos[2500].id: 18 appears twice");
        let err = s.import(&entries_twice, at(T0)).unwrap_err().to_string();
        let id = entries_twice.entries[last].id;
        assert_eq!(err, format!("trash[{last}].id: {id} appears twice"));
        assert_eq!(s.live_todos(TodoScope::All).unwrap().len(), used as usize);
    }
}

#[test]
fn a_file_whose_keys_were_sorted_imports_the_same() {
    let rows = varied(300);
    let source = TempDb::new();
    let mut src = source.open();
    src.import(&rows, at(T0)).unwrap();
    let text = streamed(&src);
    // serde_json's own map (and `jq -S`, Python's sort_keys) puts keys in alphabetical
    // order: exported_at, format, lists, source, todos, trash, version.
    let sorted =
        serde_json::to_string(&serde_json::from_str::<serde_json::Value>(&text).unwrap()).unwrap();
    assert!(sorted.starts_with("{\"exported_at\""), "{}", &sorted[..40]);
    let back = parse(&sorted).unwrap();
    assert_eq!(back, parse(&text).unwrap());
    let db = TempDb::new();
    let mut s = db.open();
    s.import(&back, at(T0)).unwrap();
    assert_eq!(
        s.dump(at(T0)).unwrap().todos,
        src.dump(at(T0)).unwrap().todos
    );
}

/// The bulk path builds the index of uids at the end: a uid brought twice, or one a todo
/// here has, is still refused by name, and nothing is imported.
#[test]
fn a_uid_twice_or_taken_is_refused_on_the_bulk_path_too() {
    let with_uids = |n: i64, prefix: &str| -> Rows {
        let mut rows = Rows::default();
        for id in 1..=n {
            let mut t = todo(id, None, None);
            t.uid = Some(format!("{prefix}-{id}"));
            rows.todos.push(t);
        }
        rows
    };
    // Twice in one file, into an empty database (the bulk path at once).
    let mut twice = with_uids(12_000, "u");
    twice.todos[11_000].uid = Some("u-17".into());
    let db = TempDb::new();
    let mut s = db.open();
    let err = s.import(&twice, at(T0)).unwrap_err().to_string();
    assert_eq!(err, "uid u-17 appears twice in the file");
    assert!(
        s.dump(at(T0)).unwrap().todos.is_empty(),
        "nothing was imported"
    );
    // Taken here, with enough todos for the bulk path in a used database.
    s.import(&with_uids(3, "u"), at(T0)).unwrap();
    let err = s
        .import(&with_uids(12_000, "u"), at(T0))
        .unwrap_err()
        .to_string();
    assert!(
        err.starts_with("the item with uid u-1 was imported before (it is 'todo 1"),
        "{err}"
    );
    assert_eq!(s.dump(at(T0)).unwrap().todos.len(), 3);
    // Fresh uids go in, and the index holds them again.
    s.import(&with_uids(12_000, "v"), at(T0)).unwrap();
    assert_eq!(s.dump(at(T0)).unwrap().todos.len(), 12_003);
    assert!(
        s.import(&with_uids(1, "v"), at(T0)).is_err(),
        "the uid index is back"
    );
}
