//! Reading a view one screenful at a time. A page starts at an end of the view or next to a
//! known row (keyset paging), so moving about a list of a million todos reads about as many
//! rows as the screen shows, however deep the list goes.

/// A row's place in its view's order: (position, id) for todos, (deleted_at, id) for trash.
pub type RowKey = (i64, i64);

/// Where a page starts.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Seek {
    /// At the first row of the view.
    #[default]
    Start,
    /// At the first row whose key is this one or after it.
    From(RowKey),
    /// Going backwards from the last row whose key is before this one.
    Before(RowKey),
    /// Going backwards from the last row of the view.
    End,
}

/// Which rows of a view to read: those whose title contains `filter` (empty: all), from
/// `seek`, skipping `skip` rows in the seek's direction, at most `limit` (`None`: all).
/// Rows always come back in the view's order, whichever way the seek went.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Page<'a> {
    pub filter: &'a str,
    pub seek: Seek,
    pub skip: i64,
    pub limit: Option<i64>,
}

impl Page<'_> {
    /// Whether the rows are read backwards (and must be reversed afterwards).
    pub(super) fn backwards(&self) -> bool {
        matches!(self.seek, Seek::Before(_) | Seek::End)
    }

    /// The key condition (using `?5`, `?6`) and the ORDER BY for a view sorted by
    /// `(first, second)`.
    pub(super) fn key_sql(&self, first: &str, second: &str) -> (String, String) {
        let condition = match self.seek {
            Seek::Start | Seek::End => "1".to_string(),
            Seek::From(_) => format!("({first}, {second}) >= (?5, ?6)"),
            Seek::Before(_) => format!("({first}, {second}) < (?5, ?6)"),
        };
        let direction = if self.backwards() { "DESC" } else { "ASC" };
        (
            condition,
            format!("{first} {direction}, {second} {direction}"),
        )
    }

    /// The key to bind as `?5`, `?6`, if the seek has one.
    pub(super) fn key(&self) -> Option<RowKey> {
        match self.seek {
            Seek::From(key) | Seek::Before(key) => Some(key),
            Seek::Start | Seek::End => None,
        }
    }
}

/// Runs a page query whose parameters are `?1` (`first`), `?2` (the title pattern),
/// `?3` limit, `?4` skip, and `?5`, `?6` (the key, when the seek has one); puts backwards
/// results back into view order.
pub(super) fn query_page<T>(
    conn: &rusqlite::Connection,
    sql: &str,
    first: &dyn rusqlite::ToSql,
    page: &Page<'_>,
    row: impl FnMut(&rusqlite::Row<'_>) -> rusqlite::Result<T>,
) -> rusqlite::Result<Vec<T>> {
    let pattern = like_pattern(page.filter);
    let limit = page.limit.unwrap_or(-1);
    let key = page.key();
    let mut params: Vec<&dyn rusqlite::ToSql> = vec![first, &pattern, &limit, &page.skip];
    if let Some((a, b)) = &key {
        params.push(a);
        params.push(b);
    }
    let mut stmt = conn.prepare_cached(sql)?;
    let mut rows = stmt
        .query_map(params.as_slice(), row)?
        .collect::<rusqlite::Result<Vec<T>>>()?;
    if page.backwards() {
        rows.reverse();
    }
    Ok(rows)
}

/// A LIKE pattern matching titles that contain `text`, with LIKE's own wildcards escaped;
/// `None` (match everything) for an empty filter.
pub(super) fn like_pattern(text: &str) -> Option<String> {
    if text.is_empty() {
        return None;
    }
    let mut pattern = String::with_capacity(text.len() + 2);
    pattern.push('%');
    for c in text.chars() {
        if matches!(c, '%' | '_' | '\\') {
            pattern.push('\\');
        }
        pattern.push(c);
    }
    pattern.push('%');
    Some(pattern)
}

/// Matches `?2`, a pattern from [`like_pattern`], or every row when `?2` is NULL. The NULL
/// test comes first so an unfiltered view never reads a title it does not show (at a
/// million rows, the difference between reading an index and reading the whole table).
pub(super) const TITLE_MATCH: &str = "(?2 IS NULL OR t.title LIKE ?2 ESCAPE '\\')";

/// From this many rows on, a view is big: a filter keystroke reads only its first stretch
/// and leaves the rest to a worker (`view_start.rs`, `background.rs`). A pass over a
/// smaller view takes a few milliseconds, less than a worker costs to start.
pub(super) const BIG_VIEW: i64 = 10_000;

/// The first `height` rows of a filtered view and how many it holds, in one pass over
/// what the filter looks at. Counting costs a scan of every title, and so does finding the
/// first screenful when the filter matches little; read separately they cost up to three
/// scans at a million todos. So read a screenful and one row more (`fetch`): fewer means
/// that was every match; otherwise count on from that extra row (`count_from`), where the
/// reading stopped.
pub(super) fn screen_and_count<T>(
    height: i64,
    key: impl Fn(&T) -> RowKey,
    fetch: impl FnOnce(Page<'_>) -> super::Result<Vec<T>>,
    count_from: impl FnOnce(RowKey) -> super::Result<i64>,
) -> super::Result<(Vec<T>, i64)> {
    let mut rows = fetch(Page {
        limit: Some(height + 1),
        ..Page::default()
    })?;
    if rows.len() as i64 <= height {
        let total = rows.len() as i64;
        return Ok((rows, total));
    }
    let next = rows.pop().expect("height + 1 rows were read");
    let total = height + count_from(key(&next))?;
    Ok((rows, total))
}
