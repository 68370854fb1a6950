//! Effect → store for a change to the marked todos (`Space`, `m`, `t`, `p`, `#` with
//! marks): one write and one undo step for all of them. Only the todos the change changes
//! are written and named in the step; the message says how many were so already.

use super::action::{BatchChange, Written};
use super::applied::Applied;
use super::undo::{At, BatchStep, Change};
use super::view::{ListPaneRow, list_name};
use crate::fields::{Due, Priority, due_label, tag_key, tags_of, without_tag};
use crate::store::{DetailsChange, Store, StoreError, Todo, TodoEdit, TodoId};
use crate::text::count;
use crate::wording::marked as say;

/// Performs `change` on the todos `ids` (all live, or nothing is written).
pub fn apply(
    s: &mut Store,
    ids: &[TodoId],
    change: BatchChange,
    lists: &[ListPaneRow],
    at: At<'_>,
) -> Result<Applied, StoreError> {
    let todos = ids
        .iter()
        .map(|&id| s.live_todo(id))
        .collect::<Result<Vec<Todo>, _>>()?;
    let n = todos.len();
    let (step, message) = match change {
        BatchChange::ToggleDone => tick(s, &todos, at)?,
        BatchChange::MoveTo(to) => {
            let moving: Vec<&Todo> = todos.iter().filter(|t| list_of(t) != to).collect();
            let from = moving
                .iter()
                .map(|t| Ok((t.id, s.todo_place(t.id)?)))
                .collect::<Result<Vec<_>, StoreError>>()?;
            let ids: Vec<TodoId> = moving.iter().map(|t| t.id).collect();
            s.move_todos(&ids, to)?;
            let name = to.map(|id| list_name(lists, id));
            let message = say::moved(ids.len(), name.as_deref(), n - ids.len());
            (BatchStep::Moved { from }, message)
        }
        BatchChange::Due(due) => {
            let edits = details(&todos, |t| (t.due != due).then(|| due_change(t.due, due)));
            let words = due.map(|d| due_label(d, at.now, at.zone).text);
            let message = say::due_set(edits.0.len(), words.as_deref(), n - edits.0.len());
            (edit(s, edits)?, message)
        }
        BatchChange::Priority(priority) => {
            let edits = details(&todos, |t| {
                (t.priority != priority).then(|| priority_change(t.priority, priority))
            });
            let name = priority.map(Priority::name);
            let message = say::priority_set(edits.0.len(), name, n - edits.0.len());
            (edit(s, edits)?, message)
        }
        BatchChange::Tag { tag, add } => {
            let edits = tag_edits(s, &todos, &tag, add)?;
            let message = say::tagged(edits.0.len(), &tag, add, n - edits.0.len());
            (edit(s, edits)?, message)
        }
    };
    let changed = match &step {
        BatchStep::Ticked { plain, made, .. } => plain.len() + made.len(),
        BatchStep::Moved { from } => from.len(),
        BatchStep::Edited { after, .. } => after.len(),
    };
    Ok(Applied {
        undo: (changed > 0).then(|| Change::Batch {
            step: Box::new(step),
            title: count(changed as i64, "todo"),
        }),
        message: Some(match changed {
            0 => say::all_so_already(n),
            _ => message,
        }),
        written: Some(Written::UsedMarks),
        ..Applied::default()
    })
}

fn list_of(todo: &Todo) -> Option<crate::store::ListId> {
    todo.list.as_ref().map(|(id, _)| *id)
}

/// Done, or not done when every one is done already (as `Space` on one todo toggles).
fn tick(s: &mut Store, todos: &[Todo], at: At<'_>) -> Result<(BatchStep, String), StoreError> {
    let is_done = |t: &Todo| t.done && !t.cancelled;
    let done = !todos.iter().all(is_done);
    let changing: Vec<TodoId> = todos
        .iter()
        .filter(|t| is_done(t) != done)
        .map(|t| t.id)
        .collect();
    let already = todos.len() - changing.len();
    let made = match done {
        true => s.mark_done(&changing, at.now, at.zone)?,
        false => {
            s.set_done(&changing, false, at.now)?;
            Vec::new()
        }
    };
    let message = say::ticked(changing.len(), done, already, made.len());
    let plain = changing
        .into_iter()
        .filter(|id| !made.iter().any(|m| m.done == *id))
        .collect();
    let step = BatchStep::Ticked {
        plain,
        made,
        taken: Vec::new(),
        done,
    };
    Ok((step, message))
}

/// The edits of a batch, as they will be and as they were.
type TagAndDetailEdits = (Vec<TodoEdit>, Vec<TodoEdit>);

/// For each todo `change` changes, the edit (after, before).
fn details(
    todos: &[Todo],
    change: impl Fn(&Todo) -> Option<(DetailsChange, DetailsChange)>,
) -> TagAndDetailEdits {
    let edit = |id, change| TodoEdit {
        id,
        title: None,
        change,
        own_tags: None,
    };
    todos
        .iter()
        .filter_map(|t| change(t).map(|(after, before)| (edit(t.id, after), edit(t.id, before))))
        .unzip()
}

fn due_change(before: Option<Due>, after: Option<Due>) -> (DetailsChange, DetailsChange) {
    let with = |due| DetailsChange {
        due: Some(due),
        ..DetailsChange::default()
    };
    (with(after), with(before))
}

fn priority_change(
    before: Option<Priority>,
    after: Option<Priority>,
) -> (DetailsChange, DetailsChange) {
    let with = |priority| DetailsChange {
        priority: Some(priority),
        ..DetailsChange::default()
    };
    (with(after), with(before))
}

/// Adding: a tag of the todo's own, unless its title or own tags carry it already. Taking
/// off: out of its own tags, and its `#tag` words out of the title.
fn tag_edits(
    s: &Store,
    todos: &[Todo],
    tag: &str,
    add: bool,
) -> Result<TagAndDetailEdits, StoreError> {
    let key = tag_key(tag);
    let mut edits: TagAndDetailEdits = (Vec::new(), Vec::new());
    for todo in todos {
        let own = s.own_tags(todo.id)?;
        let in_title = tags_of(&todo.title).contains(&key);
        let in_own = own.iter().any(|t| tag_key(t) == key);
        let (title, own_after) = match (add, in_title || in_own) {
            (true, false) => (None, [own.clone(), vec![tag.to_string()]].concat()),
            (false, true) => {
                let title = in_title.then(|| without_tag(&todo.title, &key));
                let kept = own.iter().filter(|t| tag_key(t) != key).cloned().collect();
                (title, kept)
            }
            _ => continue,
        };
        let edit = |title, own_tags| TodoEdit {
            id: todo.id,
            title,
            change: DetailsChange::default(),
            own_tags: Some(own_tags),
        };
        let before_title = title.is_some().then(|| todo.title.clone());
        edits.0.push(edit(title, own_after));
        edits.1.push(edit(before_title, own));
    }
    Ok(edits)
}

fn edit(s: &mut Store, (after, before): TagAndDetailEdits) -> Result<BatchStep, StoreError> {
    s.edit_todos(&after)?;
    Ok(BatchStep::Edited { before, after })
}
