//! Colours and emphasis. By default the colours are the terminal's own named ones, so they
//! follow the user's palette; `[theme]` in config.toml sets each role (accent, selection,
//! done, overdue, warning, muted) by name or `#rrggbb`, or picks the `light` preset. With
//! `NO_COLOR` set, emphasis alone (bold, reverse, underline) carries the meaning, whatever
//! the config says.

use ratatui::style::{Color, Modifier, Style};
use thiserror::Error;

use crate::config::LookSetting;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Theme {
    pub color: bool,
    pub palette: Palette,
}

/// The colour of each role.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Palette {
    /// Titles, keys, the active tab, the focused border.
    pub accent: Color,
    /// The selected row's background; `None`: shown reversed.
    pub selection: Option<Color>,
    pub done: Color,
    /// Overdue dates, errors, danger.
    pub overdue: Color,
    /// A purge less than a day away, high priorities.
    pub warning: Color,
    /// Borders, hints, counts.
    pub muted: Color,
}

/// The terminal's own colours, as on a dark background.
const DARK: Palette = Palette {
    accent: Color::Cyan,
    selection: None,
    done: Color::DarkGray,
    overdue: Color::Red,
    warning: Color::Yellow,
    muted: Color::DarkGray,
};

/// For a light background: no cyan or yellow text, which white washes out.
const LIGHT: Palette = Palette {
    accent: Color::Blue,
    selection: None,
    done: Color::DarkGray,
    overdue: Color::Red,
    warning: Color::Rgb(0xa0, 0x5a, 0x00),
    muted: Color::DarkGray,
};

/// Why `[theme]` cannot be used: what, and on which line of the config file.
#[derive(Debug, Error, PartialEq, Eq)]
#[error("line {line}: {message}")]
pub struct ThemeError {
    pub line: usize,
    pub message: String,
}

/// The roles `[theme]` sets, in the order the example config lists them.
pub const ROLES: [&str; 6] = ["accent", "selection", "done", "overdue", "warning", "muted"];

impl Theme {
    /// Colour unless `NO_COLOR` is set to anything non-empty (https://no-color.org).
    pub fn from_env() -> Self {
        let no_color = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
        Theme {
            color: !no_color,
            palette: DARK,
        }
    }

    /// Colour, whatever the environment says (for tests and screenshots).
    pub fn coloured() -> Self {
        Theme {
            color: true,
            palette: DARK,
        }
    }

    pub fn plain() -> Self {
        Theme {
            color: false,
            palette: DARK,
        }
    }

    /// The theme with config.toml's `[theme]` (`written`) put in: the preset first, then
    /// each role.
    pub fn with_looks(mut self, written: &[LookSetting]) -> Result<Self, ThemeError> {
        let fail = |w: &LookSetting, message: String| ThemeError {
            line: w.line,
            message,
        };
        for w in written.iter().filter(|w| w.name == "preset") {
            self.palette = match w.values[0].as_str() {
                "light" => LIGHT,
                "dark" | "default" => DARK,
                other => {
                    return Err(fail(
                        w,
                        format!(
                            "[theme] preset: '{other}' is not a preset; there are default and light"
                        ),
                    ));
                }
            };
        }
        for w in written.iter().filter(|w| w.name != "preset") {
            let text = &w.values[0];
            if w.name == "selection" && text == "reverse" {
                self.palette.selection = None;
                continue;
            }
            let colour = parse_colour(text).ok_or_else(|| {
                fail(w, format!(
                    "[theme] {}: '{text}' is not a colour; use a name (red, blue, dark-gray…) or #rrggbb",
                    w.name
                ))
            })?;
            let p = &mut self.palette;
            match w.name.as_str() {
                "accent" => p.accent = colour,
                "selection" => p.selection = Some(colour),
                "done" => p.done = colour,
                "overdue" => p.overdue = colour,
                "warning" => p.warning = colour,
                "muted" => p.muted = colour,
                other => {
                    return Err(fail(
                        w,
                        format!(
                            "[theme] has no role '{other}'; the roles are preset, {}",
                            ROLES.join(", ")
                        ),
                    ));
                }
            }
        }
        Ok(self)
    }

    fn fg(&self, color: Color) -> Style {
        if self.color {
            Style::new().fg(color)
        } else {
            Style::new()
        }
    }

    /// The selected row of the focused pane.
    pub fn selected(&self) -> Style {
        match self.palette.selection.filter(|_| self.color) {
            Some(colour) => Style::new().bg(colour).add_modifier(Modifier::BOLD),
            None => Style::new().add_modifier(Modifier::REVERSED),
        }
    }

    /// The selected row of a pane without focus.
    pub fn selected_unfocused(&self) -> Style {
        Style::new().add_modifier(Modifier::BOLD | Modifier::UNDERLINED)
    }

    pub fn active_tab(&self) -> Style {
        self.fg(self.palette.accent)
            .add_modifier(Modifier::BOLD | Modifier::REVERSED)
    }

    pub fn title(&self) -> Style {
        self.fg(self.palette.accent).add_modifier(Modifier::BOLD)
    }

    pub fn dim(&self) -> Style {
        if self.color {
            Style::new().fg(self.palette.muted)
        } else {
            Style::new().add_modifier(Modifier::DIM)
        }
    }

    pub fn done(&self) -> Style {
        if self.color {
            Style::new()
                .fg(self.palette.done)
                .add_modifier(Modifier::CROSSED_OUT)
        } else {
            Style::new().add_modifier(Modifier::DIM | Modifier::CROSSED_OUT)
        }
    }

    pub fn key(&self) -> Style {
        self.fg(self.palette.accent).add_modifier(Modifier::BOLD)
    }

    /// A purge less than a day away.
    pub fn urgent(&self) -> Style {
        self.fg(self.palette.warning).add_modifier(Modifier::BOLD)
    }

    pub fn error(&self) -> Style {
        self.fg(self.palette.overdue).add_modifier(Modifier::BOLD)
    }

    pub fn info(&self) -> Style {
        self.fg(Color::Green)
    }

    pub fn border(&self) -> Style {
        self.dim()
    }

    pub fn focused_border(&self) -> Style {
        self.fg(self.palette.accent)
    }

    pub fn danger(&self) -> Style {
        self.fg(self.palette.overdue)
            .add_modifier(Modifier::BOLD | Modifier::REVERSED)
    }
}

/// A colour as config.toml writes it: a name (`red`, `light-blue`, `dark gray`), `#rrggbb`,
/// or a palette index (0–255).
fn parse_colour(text: &str) -> Option<Color> {
    let normal: String = text.trim().to_lowercase().replace(['-', '_', ' '], "");
    let normal = normal.replace("grey", "gray");
    normal.parse::<Color>().ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn written(name: &str, value: &str, line: usize) -> LookSetting {
        LookSetting {
            table: "theme".into(),
            name: name.into(),
            values: vec![value.into()],
            line,
        }
    }

    #[test]
    fn colours_are_names_or_hex_and_a_bad_one_names_its_line() {
        assert_eq!(parse_colour("Dark-Grey"), Some(Color::DarkGray));
        assert_eq!(parse_colour("#ff8800"), Some(Color::Rgb(0xff, 0x88, 0x00)));
        assert_eq!(parse_colour("light blue"), Some(Color::LightBlue));
        assert_eq!(parse_colour("blurple"), None);
        let theme = Theme::from_env().with_looks(&[
            written("preset", "light", 3),
            written("accent", "#123456", 4),
        ]);
        let theme = theme.unwrap();
        assert_eq!(theme.palette.accent, Color::Rgb(0x12, 0x34, 0x56));
        assert_eq!(
            theme.palette.warning, LIGHT.warning,
            "the rest from the preset"
        );
        let err = Theme::from_env()
            .with_looks(&[written("accent", "blurple", 7)])
            .unwrap_err();
        assert_eq!(err.line, 7);
        assert!(err.message.contains("'blurple' is not a colour"), "{err}");
        let err = Theme::from_env()
            .with_looks(&[written("background", "red", 2)])
            .unwrap_err();
        assert!(err.message.contains("no role 'background'"), "{err}");
    }

    #[test]
    fn no_color_wins_over_the_config() {
        let plain = Theme::plain()
            .with_looks(&[written("accent", "red", 1), written("selection", "blue", 2)])
            .unwrap();
        assert_eq!(plain.title().fg, None);
        assert!(plain.selected().add_modifier.contains(Modifier::REVERSED));
        assert_eq!(plain.selected().bg, None);
    }
}
