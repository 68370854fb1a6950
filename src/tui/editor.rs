//! A one-line text editor: the cursor, word motions, deleting, and paste.
//! Pure state; the keymap for it lives in `handle_key` so every editor behaves the same.

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use unicode_segmentation::UnicodeSegmentation;

/// What a key did to the editor.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EditorOutcome {
    /// The text or the cursor changed (or nothing happened); keep editing.
    Editing,
    /// Enter: the user wants to save.
    Submit,
    /// Esc: the user wants to drop the edit.
    Cancel,
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

    /// Applies one key press.
    pub fn handle_key(&mut self, key: KeyEvent) -> EditorOutcome {
        let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
        let alt = key.modifiers.contains(KeyModifiers::ALT);
        match key.code {
            KeyCode::Enter => return EditorOutcome::Submit,
            KeyCode::Esc => return EditorOutcome::Cancel,
            KeyCode::Left if ctrl || alt => self.cursor = self.word_start_before(self.cursor),
            KeyCode::Right if ctrl || alt => self.cursor = self.word_end_after(self.cursor),
            KeyCode::Left => self.cursor = self.previous_cluster(),
            KeyCode::Right => self.cursor = self.next_cluster(),
            KeyCode::Home => self.cursor = 0,
            KeyCode::End => self.cursor = self.text.len(),
            KeyCode::Backspace if ctrl || alt => self.delete_word_before(),
            KeyCode::Backspace if self.cursor > 0 => {
                let start = self.previous_cluster();
                self.text.replace_range(start..self.cursor, "");
                self.cursor = start;
            }
            KeyCode::Delete if self.cursor < self.text.len() => {
                let end = self.next_cluster();
                self.text.replace_range(self.cursor..end, "");
            }
            KeyCode::Char('a') if ctrl => self.cursor = 0,
            KeyCode::Char('e') if ctrl => self.cursor = self.text.len(),
            KeyCode::Char('b') if alt => self.cursor = self.word_start_before(self.cursor),
            KeyCode::Char('f') if alt => self.cursor = self.word_end_after(self.cursor),
            KeyCode::Char('w') if ctrl => self.delete_word_before(),
            KeyCode::Char('u') if ctrl => {
                self.text.replace_range(..self.cursor, "");
                self.cursor = 0;
            }
            KeyCode::Char('k') if ctrl => self.text.truncate(self.cursor),
            KeyCode::Char(c) if !ctrl && !alt => self.insert(c),
            _ => {}
        }
        EditorOutcome::Editing
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
    use super::*;

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
        assert_eq!(e.handle_key(key(KeyCode::Enter)), EditorOutcome::Submit);
        assert_eq!(e.handle_key(key(KeyCode::Esc)), EditorOutcome::Cancel);
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
