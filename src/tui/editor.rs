//! A one-line text editor: the cursor, word motions, deleting, and paste.
//! Pure state; which key does what is in the keymap table (context `Editor`), so every
//! editor behaves the same and `?` lists its keys.

use unicode_segmentation::UnicodeSegmentation;

/// A cursor motion or a deletion in an editor.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TextEdit {
    Left,
    Right,
    WordLeft,
    WordRight,
    Home,
    End,
    /// Delete the character before the cursor.
    Backspace,
    /// Delete the character under the cursor.
    Delete,
    DeleteWordBefore,
    DeleteToStart,
    DeleteToEnd,
}

/// Single-line text with a cursor. The cursor moves and deletes by grapheme cluster (what a
/// terminal draws as one character), so a joined emoji such as 👨‍👩‍👧‍👦 or a flag is one step,
/// never half a picture.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct LineEditor {
    text: String,
    /// Byte offset into `text`, always on a character boundary.
    cursor: usize,
}

impl LineEditor {
    /// An editor holding `text`, with the cursor at its end.
    pub fn new(text: &str) -> Self {
        LineEditor {
            text: text.to_string(),
            cursor: text.len(),
        }
    }

    pub fn text(&self) -> String {
        self.text.clone()
    }

    /// The text before the cursor, the cluster under it (if any), and the text after that.
    pub fn split_at_cursor(&self) -> (&str, Option<&str>, &str) {
        let (before, rest) = self.text.split_at(self.cursor);
        match rest.graphemes(true).next() {
            Some(at) => (before, Some(at), &rest[at.len()..]),
            None => (before, None, ""),
        }
    }

    /// The cursor's position, in bytes from the start.
    pub fn cursor(&self) -> usize {
        self.cursor
    }

    pub fn is_empty(&self) -> bool {
        self.text.is_empty()
    }

    /// Inserts pasted or typed text at the cursor. Line breaks and tabs become spaces and other
    /// control characters are dropped, since a title is one line.
    pub fn insert_str(&mut self, text: &str) {
        for c in text.chars() {
            match c {
                '\n' | '\r' | '\t' => self.insert(' '),
                c if c.is_control() => {}
                c => self.insert(c),
            }
        }
    }

    fn insert(&mut self, c: char) {
        self.text.insert(self.cursor, c);
        self.cursor += c.len_utf8();
    }

    /// Where the cluster before the cursor starts.
    fn previous_cluster(&self) -> usize {
        self.text[..self.cursor]
            .grapheme_indices(true)
            .next_back()
            .map_or(0, |(i, _)| i)
    }

    /// Where the cluster under the cursor ends.
    fn next_cluster(&self) -> usize {
        self.text[self.cursor..]
            .graphemes(true)
            .next()
            .map_or(self.cursor, |g| self.cursor + g.len())
    }

    /// Types one character at the cursor (the keymap sends only printable ones).
    pub fn type_char(&mut self, c: char) {
        self.insert(c);
    }

    /// Applies one motion or deletion.
    pub fn apply(&mut self, edit: TextEdit) {
        match edit {
            TextEdit::WordLeft => self.cursor = self.word_start_before(self.cursor),
            TextEdit::WordRight => self.cursor = self.word_end_after(self.cursor),
            TextEdit::Left => self.cursor = self.previous_cluster(),
            TextEdit::Right => self.cursor = self.next_cluster(),
            TextEdit::Home => self.cursor = 0,
            TextEdit::End => self.cursor = self.text.len(),
            TextEdit::DeleteWordBefore => self.delete_word_before(),
            TextEdit::Backspace if self.cursor > 0 => {
                let start = self.previous_cluster();
                self.text.replace_range(start..self.cursor, "");
                self.cursor = start;
            }
            TextEdit::Delete if self.cursor < self.text.len() => {
                let end = self.next_cluster();
                self.text.replace_range(self.cursor..end, "");
            }
            TextEdit::Backspace | TextEdit::Delete => {}
            TextEdit::DeleteToStart => {
                self.text.replace_range(..self.cursor, "");
                self.cursor = 0;
            }
            TextEdit::DeleteToEnd => self.text.truncate(self.cursor),
        }
    }

    fn delete_word_before(&mut self) {
        let start = self.word_start_before(self.cursor);
        self.text.replace_range(start..self.cursor, "");
        self.cursor = start;
    }

    /// The start of the word before `from` (skipping spaces first), as in a shell.
    fn word_start_before(&self, from: usize) -> usize {
        let before = &self.text[..from];
        let trimmed = before.trim_end();
        trimmed
            .char_indices()
            .rev()
            .find(|(_, c)| c.is_whitespace())
            .map_or(0, |(i, c)| i + c.len_utf8())
    }

    /// The end of the word after `from` (skipping spaces first).
    fn word_end_after(&self, from: usize) -> usize {
        let after = &self.text[from..];
        let skipped = after.len() - after.trim_start().len();
        let word = &after[skipped..];
        let len = word.find(char::is_whitespace).unwrap_or(word.len());
        from + skipped + len
    }
}

#[cfg(test)]
mod tests {
    use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

    use super::*;
    use crate::tui::action::Action;
    use crate::tui::keymap::{Context, Keymap};

    /// The editor, driven by keys through the keymap table as the app drives it.
    trait Keys {
        fn handle_key(&mut self, key: KeyEvent) -> Option<Action>;
    }

    impl Keys for LineEditor {
        fn handle_key(&mut self, key: KeyEvent) -> Option<Action> {
            match Keymap::default().action_for(Context::Edit, &key) {
                Some(Action::Type(c)) => self.type_char(c),
                Some(Action::Text(edit)) => self.apply(edit),
                other => return other,
            }
            None
        }
    }

    fn key(code: KeyCode) -> KeyEvent {
        KeyEvent::new(code, KeyModifiers::NONE)
    }

    fn ctrl(c: char) -> KeyEvent {
        KeyEvent::new(KeyCode::Char(c), KeyModifiers::CONTROL)
    }

    fn typed(text: &str) -> LineEditor {
        let mut e = LineEditor::default();
        for c in text.chars() {
            e.handle_key(key(KeyCode::Char(c)));
        }
        e
    }

    #[test]
    fn typing_inserts_at_the_cursor() {
        let mut e = typed("buy milk");
        e.handle_key(key(KeyCode::Home));
        e.handle_key(key(KeyCode::Right));
        e.handle_key(key(KeyCode::Char('!')));
        assert_eq!(e.text(), "b!uy milk");
        assert_eq!(e.cursor(), 2);
    }

    #[test]
    fn word_motions_jump_over_words() {
        let mut e = typed("one two  three");
        e.handle_key(KeyEvent::new(KeyCode::Left, KeyModifiers::CONTROL));
        assert_eq!(e.cursor(), 9);
        e.handle_key(KeyEvent::new(KeyCode::Char('b'), KeyModifiers::ALT));
        assert_eq!(e.cursor(), 4);
        e.handle_key(KeyEvent::new(KeyCode::Right, KeyModifiers::CONTROL));
        assert_eq!(e.cursor(), 7);
    }

    #[test]
    fn deleting_words_and_lines() {
        let mut e = typed("one two three");
        e.handle_key(ctrl('w'));
        assert_eq!(e.text(), "one two ");
        e.handle_key(KeyEvent::new(KeyCode::Backspace, KeyModifiers::ALT));
        assert_eq!(e.text(), "one ");
        e.handle_key(key(KeyCode::Left));
        e.handle_key(ctrl('k'));
        assert_eq!(e.text(), "one");
        e.handle_key(ctrl('u'));
        assert!(e.is_empty());
    }

    #[test]
    fn backspace_and_delete_remove_one_character() {
        let mut e = typed("日本語");
        e.handle_key(key(KeyCode::Backspace));
        e.handle_key(key(KeyCode::Home));
        e.handle_key(key(KeyCode::Delete));
        assert_eq!(e.text(), "本");
    }

    #[test]
    fn a_paste_becomes_one_line_without_control_characters() {
        let mut e = LineEditor::new("a");
        e.insert_str("b\nc\td\x1b[2J");
        assert_eq!(e.text(), "ab c d[2J");
    }

    #[test]
    fn enter_submits_and_escape_cancels() {
        let mut e = typed("x");
        assert_eq!(e.handle_key(key(KeyCode::Enter)), Some(Action::Save));
        assert_eq!(e.handle_key(key(KeyCode::Esc)), Some(Action::Cancel));
        assert_eq!(e.text(), "x");
    }

    #[test]
    fn joined_emoji_are_one_step_for_the_cursor_and_for_deleting() {
        let family = "👨\u{200d}👩\u{200d}👧\u{200d}👦";
        let mut e = LineEditor::new(&format!("a{family}🇯🇵b"));
        e.handle_key(key(KeyCode::Left)); // before b
        e.handle_key(key(KeyCode::Left)); // before the flag
        assert_eq!(
            e.split_at_cursor(),
            ("a👨\u{200d}👩\u{200d}👧\u{200d}👦", Some("🇯🇵"), "b")
        );
        e.handle_key(key(KeyCode::Backspace)); // the whole family, not one person
        assert_eq!(e.text(), "a🇯🇵b");
        e.handle_key(key(KeyCode::Delete)); // the whole flag, not half of it
        assert_eq!(e.text(), "ab");
        assert_eq!(e.split_at_cursor(), ("a", Some("b"), ""));
    }

    #[test]
    fn a_heart_keeps_its_emoji_selector() {
        let mut e = LineEditor::new("x❤\u{fe0f}");
        e.handle_key(key(KeyCode::Left));
        assert_eq!(e.split_at_cursor(), ("x", Some("❤\u{fe0f}"), ""));
        e.handle_key(key(KeyCode::Right));
        e.handle_key(key(KeyCode::Backspace));
        assert_eq!(e.text(), "x");
    }
}
