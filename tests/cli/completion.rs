//! Tab in bash, as a person presses it: the script softly writes completes list names
//! (written as bash needs them, `Side\ project`), and lists todo ids with their titles.

use super::discover::for_completion;
use super::*;

/// The bash script, sourced in a real bash, completes a list name through softly.
#[test]
fn bash_completes_a_list_name_through_the_script() {
    let s = Softly::new();
    for_completion(&s);
    let script = s.dir.path().join("softly.bash");
    std::fs::write(&script, s.ok(&["completions", "bash"])).unwrap();
    let out = std::process::Command::new("bash")
        .arg("-c")
        .arg(format!(
            "source '{}'; COMP_WORDS=(softly list rm W); COMP_CWORD=3; \
             _clap_complete_softly softly W rm; printf '%s\\n' \"${{COMPREPLY[@]}}\"",
            script.display()
        ))
        .env("SOFTLY_DB", s.db())
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(String::from_utf8_lossy(&out.stdout), "Work\n");
}

/// A real interactive bash in a terminal, with the script sourced and softly on its PATH.
fn bash_with_the_script(s: &Softly) -> Pty {
    let script = s.dir.path().join("softly.bash");
    std::fs::write(&script, s.ok(&["completions", "bash"])).unwrap();
    let bin = std::path::Path::new(env!("CARGO_BIN_EXE_softly"))
        .parent()
        .unwrap();
    let mut env = environment_of(s);
    env.retain(|(k, _)| k != "PATH");
    let path = format!(
        "{}:{}",
        bin.display(),
        std::env::var("PATH").unwrap_or_default()
    );
    env.extend([
        ("PATH".to_string(), path),
        ("PS1".to_string(), "$ ".to_string()),
    ]);
    env.push(("INPUTRC".to_string(), "/dev/null".to_string()));
    let args = ["--norc", "--noprofile", "-i"];
    let mut pty = Pty::spawn_program("bash", &args, env, s.dir.path(), 120, 24);
    pty.wait_for("$ ");
    pty.send(&format!("source '{}'; clear\r", script.display()));
    pty.wait_for_gone("source");
    pty
}

/// Issue 25, 18: an unquoted name with a space completes, escaped, and a second Tab lists
/// todo ids with their titles, as the README says.
#[test]
fn bash_completes_an_escaped_list_name_and_lists_ids_with_their_titles() {
    let s = Softly::new();
    s.ok(&["list", "add", "Side project"]);
    s.ok(&["list", "add", "Work"]);
    s.ok(&["add", "milk"]);
    s.ok(&["add", "buy bread"]);
    let mut pty = bash_with_the_script(&s);
    pty.send("softly ls --list Side\\ p\t");
    pty.wait_for("softly ls --list Side\\ project");
    pty.send("\x15"); // Ctrl-U: the line empty again
    pty.send("softly ls --list 'Side p\t");
    pty.wait_for("softly ls --list 'Side project'");
    pty.send("\x15softly done \t\t");
    let screen = pty.wait_for("buy bread");
    assert!(screen.contains("1  milk"), "{screen}");
    assert!(screen.contains("2  buy bread"), "{screen}");
    // One choice left: the id alone goes in, never its title.
    pty.send("2\t");
    let screen = pty.wait_for("softly done 2 ");
    assert!(!screen.contains("softly done 2  buy"), "{screen}");
    pty.send("\x15exit\r");
    pty.wait_exit();
}
