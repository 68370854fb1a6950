//! The groups of flags several commands share: which todos, which list, where to move.

use clap::{Args, ValueEnum};

use super::complete;

#[derive(Debug, Args)]
#[group(multiple = false)]
pub struct ListScope {
    /// Only this list's todos
    #[arg(long, value_name = "NAME", add = complete::a_list())]
    pub list: Option<String>,
    /// Only the Inbox (todos in no list)
    #[arg(long)]
    pub inbox: bool,
    /// Only todos due today or overdue, from every list
    #[arg(long)]
    pub today: bool,
    /// Only todos due from now to the end of the seventh day ahead, from every list
    #[arg(long)]
    pub upcoming: bool,
}

/// Which todos `softly ls` shows by whether they are done.
#[derive(Debug, Args)]
#[group(multiple = false)]
pub struct DoneFilter {
    /// Only done todos
    #[arg(long)]
    pub done: bool,
    /// Open and done todos
    #[arg(long)]
    pub all: bool,
}

/// A list, the Inbox, or (neither given) every list.
#[derive(Debug, Args)]
#[group(multiple = false)]
pub struct ListOrInbox {
    /// Only this list
    #[arg(long, value_name = "NAME", add = complete::a_list())]
    pub list: Option<String>,
    /// Only the Inbox
    #[arg(long)]
    pub inbox: bool,
}

/// How `softly ls` orders its todos.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum SortOrder {
    Manual,
    Due,
    Priority,
    Created,
    Title,
}

#[derive(Debug, Args)]
#[group(required = true, multiple = false)]
pub struct MoveTarget {
    /// The list to move them to
    #[arg(long, value_name = "NAME", add = complete::a_list())]
    pub list: Option<String>,
    /// Move them to the Inbox
    #[arg(long)]
    pub inbox: bool,
}
