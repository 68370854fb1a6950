//! Model-based test: random sequences of everything a user can do, checked after every step
//! against a plain in-memory model of the deletion rules.

mod common;

use std::collections::{BTreeMap, HashSet};

use common::*;
use proptest::prelude::*;
use softly::purge::purge_expired;
use softly::retention::Retention;
use softly::store::{EntryId, ListId, Store, StoreError, TodoId, TodoScope, Trigger};

#[derive(Debug, Clone)]
enum Op {
    AddTodo {
        list: usize,
        name: u8,
    },
    AddList {
        name: u8,
    },
    ToggleDone {
        todo: usize,
    },
    Move {
        todo: usize,
        list: usize,
    },
    DeleteTodo {
        todo: usize,
    },
    DeleteList {
        list: usize,
    },
    Restore {
        entry: usize,
    },
    Erase {
        entry: usize,
    },
    Empty,
    Purge,
    /// Move the clock, forwards or backwards, by up to 40 days.
    Clock {
        hours: i64,
    },
}

fn op() -> impl Strategy<Value = Op> {
    prop_oneof![
        4 => (any::<usize>(), 0u8..6).prop_map(|(list, name)| Op::AddTodo { list, name }),
        1 => (0u8..4).prop_map(|name| Op::AddList { name }),
        1 => any::<usize>().prop_map(|todo| Op::ToggleDone { todo }),
        1 => (any::<usize>(), any::<usize>()).prop_map(|(todo, list)| Op::Move { todo, list }),
        3 => any::<usize>().prop_map(|todo| Op::DeleteTodo { todo }),
        1 => any::<usize>().prop_map(|list| Op::DeleteList { list }),
        2 => any::<usize>().prop_map(|entry| Op::Restore { entry }),
        1 => any::<usize>().prop_map(|entry| Op::Erase { entry }),
        1 => Just(Op::Empty),
        1 => Just(Op::Purge),
        2 => (-960i64..960).prop_map(|hours| Op::Clock { hours }),
    ]
}

const RETENTION_MS: i64 = 30 * DAY;

#[derive(Debug, Clone)]
struct MTodo {
    title: String,
    list: Option<i64>,
    /// Its list was erased while it sat in the Trash.
    list_erased: bool,
    done: bool,
    position: i64,
    entry: Option<i64>,
}

#[derive(Debug, Clone)]
struct MList {
    name: String,
    position: i64,
    entry: Option<i64>,
}

#[derive(Debug, Default)]
struct Model {
    todos: BTreeMap<i64, MTodo>,
    lists: BTreeMap<i64, MList>,
    /// entry id -> delete time
    entries: BTreeMap<i64, i64>,
    erased: HashSet<i64>,
    now: i64,
}

impl Model {
    fn live_todos(&self, list: Option<i64>) -> Vec<i64> {
        let mut ids: Vec<(i64, i64)> = self
            .todos
            .iter()
            .filter(|(_, t)| t.entry.is_none() && t.list == list)
            .map(|(id, t)| (t.position, *id))
            .collect();
        ids.sort();
        ids.into_iter().map(|(_, id)| id).collect()
    }

    fn live_lists(&self) -> Vec<i64> {
        let mut ids: Vec<(i64, i64)> = self
            .lists
            .iter()
            .filter(|(_, l)| l.entry.is_none())
            .map(|(id, l)| (l.position, *id))
            .collect();
        ids.sort();
        ids.into_iter().map(|(_, id)| id).collect()
    }

    fn next_position(&self, list: Option<i64>) -> i64 {
        self.todos
            .values()
            .filter(|t| t.entry.is_none() && t.list == list)
            .map(|t| t.position)
            .max()
            .unwrap_or(0)
            + 1
    }

    fn name_taken(&self, name: &str) -> bool {
        let key = name.to_lowercase();
        self.lists
            .values()
            .any(|l| l.entry.is_none() && l.name.to_lowercase() == key)
    }

    fn erase(&mut self, entry: i64) {
        let lists: Vec<i64> = self
            .lists
            .iter()
            .filter(|(_, l)| l.entry == Some(entry))
            .map(|(id, _)| *id)
            .collect();
        for t in self.todos.values_mut() {
            if t.list.is_some_and(|l| lists.contains(&l)) && t.entry != Some(entry) {
                t.list = None;
                t.list_erased = true;
            }
        }
        let gone: Vec<i64> = self
            .todos
            .iter()
            .filter(|(_, t)| t.entry == Some(entry))
            .map(|(id, _)| *id)
            .collect();
        for id in gone {
            self.todos.remove(&id);
            self.erased.insert(id);
        }
        for id in lists {
            self.lists.remove(&id);
        }
        self.entries.remove(&entry);
    }
}

fn pick<T: Copy>(items: &[T], i: usize) -> Option<T> {
    (!items.is_empty()).then(|| items[i % items.len()])
}

/// Applies `op` to both; panics (failing the case) on any disagreement.
fn step(store: &mut Store, m: &mut Model, op: &Op) {
    let now = at(m.now);
    let lists = m.live_lists();
    let live: Vec<i64> = {
        let mut all = m.live_todos(None);
        for l in &lists {
            all.extend(m.live_todos(Some(*l)));
        }
        all
    };
    let entries: Vec<i64> = m.entries.keys().copied().collect();
    match *op {
        Op::AddTodo { list, name } => {
            let target = if list % 3 == 0 {
                None
            } else {
                pick(&lists, list)
            };
            let title = format!("todo {name}");
            let id = store.add_todo(&title, target.map(ListId), now).unwrap().0;
            let position = m.next_position(target);
            m.todos.insert(
                id,
                MTodo {
                    title,
                    list: target,
                    list_erased: false,
                    done: false,
                    position,
                    entry: None,
                },
            );
        }
        Op::AddList { name } => {
            let name = format!("List {name}");
            match store.add_list(&name, now) {
                Ok(id) => {
                    assert!(!m.name_taken(&name));
                    let position = m.lists.values().map(|l| l.position).max().unwrap_or(0) + 1;
                    m.lists.insert(
                        id.0,
                        MList {
                            name,
                            position,
                            entry: None,
                        },
                    );
                }
                Err(StoreError::ListNameTaken(_)) => assert!(m.name_taken(&name)),
                Err(e) => panic!("{e}"),
            }
        }
        Op::ToggleDone { todo } => {
            if let Some(id) = pick(&live, todo) {
                let done = !m.todos[&id].done;
                store.set_done(&[TodoId(id)], done, now).unwrap();
                m.todos.get_mut(&id).unwrap().done = done;
            }
        }
        Op::Move { todo, list } => {
            if let Some(id) = pick(&live, todo) {
                let to = if list % 3 == 0 {
                    None
                } else {
                    pick(&lists, list)
                };
                store.move_todos(&[TodoId(id)], to.map(ListId)).unwrap();
                if m.todos[&id].list != to {
                    let position = m.next_position(to);
                    let t = m.todos.get_mut(&id).unwrap();
                    t.list = to;
                    t.position = position;
                }
            }
        }
        Op::DeleteTodo { todo } => {
            if let Some(id) = pick(&live, todo) {
                let entry = store.trash_todos(&[TodoId(id)], now).unwrap()[0].0;
                m.entries.insert(entry, m.now);
                m.todos.get_mut(&id).unwrap().entry = Some(entry);
            }
        }
        Op::DeleteList { list } => {
            if let Some(id) = pick(&lists, list) {
                let entry = store.trash_list(ListId(id), now).unwrap().0;
                m.entries.insert(entry, m.now);
                m.lists.get_mut(&id).unwrap().entry = Some(entry);
                for t in m.todos.values_mut() {
                    if t.list == Some(id) && t.entry.is_none() {
                        t.entry = Some(entry);
                    }
                }
            }
        }
        Op::Restore { entry } => {
            if let Some(e) = pick(&entries, entry) {
                store.restore_entries(&[EntryId(e)]).unwrap();
                m.entries.remove(&e);
                let list_ids: Vec<i64> = m
                    .lists
                    .iter()
                    .filter(|(_, l)| l.entry == Some(e))
                    .map(|(id, _)| *id)
                    .collect();
                for id in list_ids {
                    let name = m.lists[&id].name.clone();
                    let mut candidate = name.clone();
                    let mut n = 1;
                    while m.name_taken(&candidate) {
                        candidate = if n == 1 {
                            format!("{name} (restored)")
                        } else {
                            format!("{name} (restored {n})")
                        };
                        n += 1;
                    }
                    let l = m.lists.get_mut(&id).unwrap();
                    l.name = candidate;
                    l.entry = None;
                }
                let todo_ids: Vec<i64> = m
                    .todos
                    .iter()
                    .filter(|(_, t)| t.entry == Some(e))
                    .map(|(id, _)| *id)
                    .collect();
                for id in todo_ids {
                    // Back where it was, unless its list is gone (in the Trash or erased):
                    // then to the end of the Inbox.
                    let t = &m.todos[&id];
                    let home_gone = t.list_erased
                        || t.list
                            .is_some_and(|l| m.lists.get(&l).is_none_or(|l| l.entry.is_some()));
                    let position = m.next_position(None);
                    let t = m.todos.get_mut(&id).unwrap();
                    if home_gone {
                        t.list = None;
                        t.position = position;
                    }
                    t.list_erased = false;
                    t.entry = None;
                }
            }
        }
        Op::Erase { entry } => {
            if let Some(e) = pick(&entries, entry) {
                store
                    .erase_entries(&[EntryId(e)], now, Trigger::Manual)
                    .unwrap();
                m.erase(e);
            }
        }
        Op::Empty => {
            store.empty_trash(now, Trigger::Manual).unwrap();
            for e in entries {
                m.erase(e);
            }
        }
        Op::Purge => {
            purge_expired(
                store,
                Retention::After(jiff::SignedDuration::from_millis(RETENTION_MS)),
                now,
                Trigger::Timer,
            )
            .unwrap();
            for e in entries {
                if m.entries[&e] <= m.now - RETENTION_MS {
                    m.erase(e);
                }
            }
        }
        Op::Clock { hours } => m.now += hours * HOUR,
    }
}

fn check(store: &Store, m: &Model) {
    let shown = |scope| -> Vec<(i64, String, bool)> {
        store
            .live_todos(scope)
            .unwrap()
            .into_iter()
            .map(|t| (t.id.0, t.title, t.done))
            .collect()
    };
    let expect = |list| -> Vec<(i64, String, bool)> {
        m.live_todos(list)
            .into_iter()
            .map(|id| (id, m.todos[&id].title.clone(), m.todos[&id].done))
            .collect()
    };
    assert_eq!(shown(TodoScope::Inbox), expect(None), "Inbox");
    let lists = store.live_lists().unwrap();
    let names: Vec<(i64, String)> = lists.iter().map(|l| (l.id.0, l.name.clone())).collect();
    let model_names: Vec<(i64, String)> = m
        .live_lists()
        .into_iter()
        .map(|id| (id, m.lists[&id].name.clone()))
        .collect();
    assert_eq!(names, model_names, "lists");
    for l in &lists {
        assert_eq!(
            shown(TodoScope::List(l.id)),
            expect(Some(l.id.0)),
            "list {}",
            l.name
        );
        assert_eq!(
            l.todos,
            m.live_todos(Some(l.id.0)).len() as i64,
            "count of {}",
            l.name
        );
    }
    // The Trash's size, kept by triggers, is the real count.
    assert_eq!(store.trash_count().unwrap(), m.entries.len() as i64);
    let trash: Vec<(i64, i64, i64)> = store
        .trash_entries()
        .unwrap()
        .into_iter()
        .map(|e| (e.id.0, e.deleted_at.as_millisecond(), e.todos))
        .collect();
    let mut model_trash: Vec<(i64, i64, i64)> = m
        .entries
        .iter()
        .map(|(id, at)| {
            (
                *id,
                *at,
                m.todos.values().filter(|t| t.entry == Some(*id)).count() as i64,
            )
        })
        .collect();
    model_trash.sort_by_key(|(id, at, _)| (*at, *id));
    assert_eq!(trash, model_trash, "trash");
    for id in &m.erased {
        assert!(
            matches!(store.live_todo(TodoId(*id)), Err(StoreError::NoSuchTodo(_))),
            "erased {id} came back"
        );
    }
}

proptest! {
    #![proptest_config(ProptestConfig {
        cases: 256 * stress(),
        failure_persistence: None,
        ..ProptestConfig::default()
    })]

    /// Promise: whatever the sequence, the store agrees with the rules (the model) after every
    /// step; erased ids never return; the file stays sound.
    #[test]
    fn the_store_follows_the_deletion_rules_step_by_step(ops in proptest::collection::vec(op(), 40)) {
        let db = TempDb::new();
        let mut store = db.open();
        let mut model = Model { now: T0, ..Model::default() };
        for op in &ops {
            step(&mut store, &mut model, op);
            check(&store, &model);
        }
        let conn = rusqlite::Connection::open(db.path()).unwrap();
        let ok: String = conn.query_row("PRAGMA integrity_check", [], |r| r.get(0)).unwrap();
        prop_assert_eq!(ok, "ok");
        let fk_problems: i64 = conn.query_row("SELECT count(*) FROM pragma_foreign_key_check", [], |r| r.get(0)).unwrap();
        prop_assert_eq!(fk_problems, 0);
        drop(conn);

        // Whatever softly made, its export imports into a new database and exports again
        // byte for byte: every field softly writes is one its import accepts.
        let now = at(model.now);
        let export = |store: &mut Store| {
            let rows = store.dump(now).unwrap();
            serde_json::to_string_pretty(&softly::backup::to_document(&rows, now, None)).unwrap()
        };
        let text = export(&mut store);
        let rows = softly::backup::parse(&text)
            .unwrap_or_else(|e| panic!("softly refused its own export: {e}\n{text}"));
        let copy = TempDb::new();
        let mut copy_store = copy.open();
        copy_store.import(&rows, at(T0)).unwrap();
        prop_assert_eq!(export(&mut copy_store), text);
    }
}
