//! A one-line text editor: the cursor, word motions, deleting, and paste.
//! Pure state; the keymap for it lives in `handle_key` so every editor behaves the same.

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

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

/// Single-line text with a cursor measured in characters.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct LineEditor {
    chars: Vec<char>,
    cursor: usize,
}

impl LineEditor {
    /// An editor holding `text`, with the cursor at its end.
    pub fn new(text: &str) -> Self {
        let chars: Vec<char> = text.chars().collect();
        let cursor = chars.len();
        LineEditor { chars, cursor }
    }

    pub fn text(&self) -> String {
        self.chars.iter().collect()
    }

    /// The cursor's position, in characters from the start.
    pub fn cursor(&self) -> usize {
        self.cursor
    }

    pub fn is_empty(&self) -> bool {
        self.chars.is_empty()
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
        self.chars.insert(self.cursor, c);
        self.cursor += 1;
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
            KeyCode::Left => self.cursor = self.cursor.saturating_sub(1),
            KeyCode::Right => self.cursor = (self.cursor + 1).min(self.chars.len()),
            KeyCode::Home => self.cursor = 0,
            KeyCode::End => self.cursor = self.chars.len(),
            KeyCode::Backspace if ctrl || alt => self.delete_word_before(),
            KeyCode::Backspace if self.cursor > 0 => {
                self.cursor -= 1;
                self.chars.remove(self.cursor);
            }
            KeyCode::Delete if self.cursor < self.chars.len() => {
                self.chars.remove(self.cursor);
            }
            KeyCode::Char('a') if ctrl => self.cursor = 0,
            KeyCode::Char('e') if ctrl => self.cursor = self.chars.len(),
            KeyCode::Char('b') if alt => self.cursor = self.word_start_before(self.cursor),
            KeyCode::Char('f') if alt => self.cursor = self.word_end_after(self.cursor),
            KeyCode::Char('w') if ctrl => self.delete_word_before(),
            KeyCode::Char('u') if ctrl => {
                self.chars.drain(..self.cursor);
                self.cursor = 0;
            }
            KeyCode::Char('k') if ctrl => self.chars.truncate(self.cursor),
            KeyCode::Char(c) if !ctrl && !alt => self.insert(c),
            _ => {}
        }
        EditorOutcome::Editing
    }

    fn delete_word_before(&mut self) {
        let start = self.word_start_before(self.cursor);
        self.chars.drain(start..self.cursor);
        self.cursor = start;
    }

    /// The start of the word before `from` (skipping spaces first), as in a shell.
    fn word_start_before(&self, from: usize) -> usize {
        let mut i = from;
        while i > 0 && self.chars[i - 1].is_whitespace() {
            i -= 1;
        }
        while i > 0 && !self.chars[i - 1].is_whitespace() {
            i -= 1;
        }
        i
    }

    /// The end of the word after `from` (skipping spaces first).
    fn word_end_after(&self, from: usize) -> usize {
        let mut i = from;
        let n = self.chars.len();
        while i < n && self.chars[i].is_whitespace() {
            i += 1;
        }
        while i < n && !self.chars[i].is_whitespace() {
            i += 1;
        }
        i
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
}
