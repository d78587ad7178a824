//! Journeys: scripted conversations in `tests/journeys/*.toml`, each run
//! through the real console binary on its own database, with the clock set
//! to the journey's `now`. Every reply is checked against what it must and
//! must not contain; all failures are listed at once.

use crate::console;

use serde::Deserialize;
use std::path::{Path, PathBuf};

#[derive(Deserialize)]
struct Journey {
    title: String,
    lang: String,
    now: String,
    /// Written before the fix: the journey is expected to fail until the fix
    /// lands, and the test says so when it starts to hold.
    #[serde(default)]
    fails: bool,
    turn: Vec<Turn>,
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct Turn {
    say: Option<String>,
    /// Close the console and open it again on the same database.
    resume: bool,
    expect: Vec<String>,
    reject: Vec<String>,
}

/// The marker the console's `--echo` prints before a line it read.
const ECHO: &str = "» ";

fn journeys() -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/journeys");
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .expect("tests/journeys")
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "toml"))
        .collect();
    files.sort();
    files
}

/// One console session: the opening screen, then one reply per line said.
fn session(db: &Path, j: &Journey, lines: &[&str]) -> (String, Vec<String>) {
    let dir = db.parent().expect("a folder");
    let export = dir.to_string_lossy().into_owned();
    let args = [
        "--lang",
        &j.lang,
        "--now",
        &j.now,
        "--frozen",
        "--echo",
        "--export-dir",
        &export,
    ];
    let script: String = lines.iter().map(|l| format!("{l}\n")).collect();
    let out = console::run(db, &args, &script);
    let marker = format!("\n{ECHO}");
    let mut parts = out.split(&marker);
    let opening = parts.next().unwrap_or_default().to_owned();
    // Each part starts with the echoed line; the reply follows it.
    let replies = parts
        .map(|p| p.split_once('\n').map_or("", |(_, r)| r).to_owned())
        .collect();
    (opening, replies)
}

/// Runs one journey; the failures, each with its turn and reply.
fn run(path: &Path) -> Vec<String> {
    let text = std::fs::read_to_string(path).expect("journey file");
    let j: Journey = match toml::from_str(&text) {
        Ok(j) => j,
        Err(e) => return vec![format!("{}: unreadable: {e}", path.display())],
    };
    let dir = tempfile::tempdir().expect("temp dir");
    let db = dir.path().join("ra.db");
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let mut failures = Vec::new();
    // Sessions: split at each `resume`; the resume turn checks the opening.
    let mut start = 0;
    while start < j.turn.len() {
        let end = j.turn[start + 1..]
            .iter()
            .position(|t| t.resume)
            .map_or(j.turn.len(), |i| start + 1 + i);
        let turns = &j.turn[start..end];
        let lines: Vec<&str> = turns.iter().filter_map(|t| t.say.as_deref()).collect();
        let (opening, replies) = session(&db, &j, &lines);
        let mut said = replies.iter();
        for (k, t) in turns.iter().enumerate() {
            let reply = match (&t.say, t.resume) {
                (Some(_), _) => said.next().cloned().unwrap_or_default(),
                (None, true) => opening.clone(),
                (None, false) => continue,
            };
            let at = start + k + 1;
            let said_text = t.say.as_deref().unwrap_or("(coming back)");
            for e in &t.expect {
                if !reply.contains(e.as_str()) {
                    failures.push(format!(
                        "{name} ({}) turn {at} «{said_text}»: expected «{e}» in:\n{reply}",
                        j.title
                    ));
                }
            }
            for r in &t.reject {
                if reply.contains(r.as_str()) {
                    failures.push(format!(
                        "{name} ({}) turn {at} «{said_text}»: must not say «{r}» in:\n{reply}",
                        j.title
                    ));
                }
            }
        }
        start = end;
    }
    match (j.fails, failures.is_empty()) {
        (true, true) => vec![format!("{name} ({}): holds now; remove `fails = true`", j.title)],
        (true, false) => vec![],
        (false, _) => failures,
    }
}

#[test]
fn there_are_at_least_thirty_journeys_in_both_languages() {
    let all = journeys();
    let english = all
        .iter()
        .filter(|p| std::fs::read_to_string(p).is_ok_and(|t| t.contains("lang = \"en\"")))
        .count();
    assert!(all.len() >= 30, "{} journeys", all.len());
    assert!(
        english >= 5 && all.len() - english >= 5,
        "{english} of {} in English",
        all.len()
    );
}

#[test]
fn every_journey_holds() {
    let all = journeys();
    // Each journey is its own console process: two at a time (the test was
    // one of the longest of the suite on one core).
    let halves: Vec<&[std::path::PathBuf]> = all.chunks(all.len().div_ceil(2)).collect();
    let failures: Vec<String> = std::thread::scope(|s| {
        let each: Vec<_> = halves
            .into_iter()
            .map(|half| s.spawn(move || half.iter().flat_map(|p| run(p)).collect::<Vec<_>>()))
            .collect();
        each.into_iter()
            .flat_map(|h| h.join().expect("journeys"))
            .collect()
    });
    let failed: std::collections::BTreeSet<&str> =
        failures.iter().filter_map(|f| f.split(' ').next()).collect();
    assert!(
        failures.is_empty(),
        "{} of {} journeys failed:\n\n{}",
        failed.len(),
        all.len(),
        failures.join("\n\n")
    );
}
