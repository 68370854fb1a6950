//! Rows for an import from another tool's file, made as its items are read: ids in order,
//! places in each list in file order, a list for each project or `+project` the first time
//! it comes, a trash entry for each deleted item; handed on in pieces like an export's.

use std::collections::HashMap;

use crate::backup::ImportError;
use crate::fields::Due;
use crate::store::rows::{EntryRow, ListRow, Origin, Piece, ROWS_PER_PIECE, TodoRow};
use crate::text::{clean_note, clean_title_owned, is_inbox_name, name_key};

/// One item of the other tool, in softly's terms.
pub struct ForeignItem {
    /// Where it is in the file, for messages ("tasks[3]", "line 4").
    pub place: String,
    pub title: String,
    /// The project (a list's name); `None` for the Inbox.
    pub list: Option<String>,
    pub done: bool,
    pub created_at: i64,
    pub due: Option<Due>,
    /// 3 high, 2 medium, 1 low.
    pub priority: Option<i64>,
    pub note: Option<String>,
    pub every: Option<String>,
    pub uid: Option<String>,
    /// When it was done, if the other tool says.
    pub done_at: Option<i64>,
    /// When it was deleted, for an item the other tool keeps as deleted: it goes to the
    /// Trash with this time, so its purge clock carries over.
    pub deleted_at: Option<i64>,
}

pub struct Emitter<F> {
    send: F,
    now: i64,
    todos: Vec<TodoRow>,
    entries: Vec<EntryRow>,
    first_todo: usize,
    first_entry: usize,
    /// Lists by name key: their id; and the rows, sent last.
    list_ids: HashMap<String, i64>,
    lists: Vec<ListRow>,
    /// The last place given in each list (`None`: the Inbox).
    places: HashMap<Option<i64>, i64>,
}

impl<F: FnMut(Piece) -> bool> Emitter<F> {
    /// Starts an import; `now` stamps what the file gives no time for.
    pub fn new(send: F, now: jiff::Timestamp) -> Result<Self, ImportError> {
        Ok(Emitter {
            send,
            now: now.as_millisecond(),
            todos: Vec::with_capacity(ROWS_PER_PIECE),
            entries: Vec::new(),
            first_todo: 0,
            first_entry: 0,
            list_ids: HashMap::new(),
            lists: Vec::new(),
            places: HashMap::new(),
        })
    }

    pub fn item(&mut self, item: ForeignItem) -> Result<(), ImportError> {
        let field = |what: &str, e: &dyn std::fmt::Display| ImportError::Field {
            field: format!("{}.{what}", item.place),
            message: e.to_string(),
        };
        let title = clean_title_owned(item.title, "title").map_err(|e| field("title", &e))?;
        let note = match item.note {
            Some(note) => clean_note(&note).map_err(|e| field("note", &e))?,
            None => None,
        };
        let list = match item.list {
            Some(name) if !is_inbox_name(&name) => {
                Some(self.list(name, item.created_at, &field)?)
            }
            _ => None,
        };
        let id = (self.first_todo + self.todos.len() + 1) as i64;
        let place = self.places.entry(list).or_insert(0);
        *place += 1;
        let trash_entry = item.deleted_at.map(|deleted_at| {
            let entry = (self.first_entry + self.entries.len() + 1) as i64;
            self.entries.push(EntryRow {
                id: entry,
                kind: "todo".into(),
                deleted_at,
                pinned: false,
            });
            entry
        });
        self.todos.push(TodoRow {
            id,
            title,
            list,
            list_erased: false,
            done: item.done,
            position: *place,
            created_at: item.created_at,
            trash_entry,
            due_at: item.due.map(|d| d.at.as_millisecond()),
            due_has_time: item.due.is_some_and(|d| d.has_time),
            priority: item.priority,
            note,
            every: item.every.filter(|_| item.due.is_some()),
            uid: item.uid,
            done_at: item.done_at.filter(|_| item.done),
            cancelled: false,
            own_tags: Vec::new(),
        });
        if self.todos.len() == ROWS_PER_PIECE {
            self.flush()?;
        }
        Ok(())
    }

    /// The list named `name`, made the first time it comes.
    fn list(
        &mut self,
        name: String,
        created_at: i64,
        field: &dyn Fn(&str, &dyn std::fmt::Display) -> ImportError,
    ) -> Result<i64, ImportError> {
        let name = clean_title_owned(name, "list name").map_err(|e| field("project", &e))?;
        let key = name_key(&name);
        if let Some(id) = self.list_ids.get(&key) {
            return Ok(*id);
        }
        let id = self.lists.len() as i64 + 1;
        self.list_ids.insert(key, id);
        self.lists.push(ListRow {
            id,
            name,
            position: id,
            created_at: created_at.min(self.now),
            trash_entry: None,
        });
        Ok(id)
    }

    fn flush(&mut self) -> Result<(), ImportError> {
        let todos = std::mem::replace(&mut self.todos, Vec::with_capacity(ROWS_PER_PIECE));
        let entries = std::mem::take(&mut self.entries);
        let (first_todo, first_entry) = (self.first_todo, self.first_entry);
        self.first_todo += todos.len();
        self.first_entry += entries.len();
        self.deliver(Piece::Todos {
            first: first_todo,
            rows: todos,
        })?;
        if !entries.is_empty() {
            self.deliver(Piece::Entries {
                first: first_entry,
                rows: entries,
            })?;
        }
        Ok(())
    }

    fn deliver(&mut self, piece: Piece) -> Result<(), ImportError> {
        let rows = matches!(
            piece,
            Piece::Lists { .. } | Piece::Todos { .. } | Piece::Entries { .. }
        );
        if (rows && piece.is_empty()) || (self.send)(piece) {
            Ok(())
        } else {
            Err(ImportError::Stopped)
        }
    }

    /// Every item was read: the rest of the rows, the lists, where the file came from
    /// (`None` when its items are recognised one by one, by their uids), and the end.
    pub fn finish(mut self, origin: Option<Origin>) -> Result<(), ImportError> {
        self.flush()?;
        self.deliver(Piece::Origin(origin))?;
        let lists = std::mem::take(&mut self.lists);
        self.deliver(Piece::Lists {
            first: 0,
            rows: lists,
        })?;
        if (self.send)(Piece::End) {
            Ok(())
        } else {
            Err(ImportError::Stopped)
        }
    }

    pub fn now(&self) -> i64 {
        self.now
    }
}
