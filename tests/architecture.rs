//! The shape of the house, read from the `use` lines of `src/`: no two files
//! import each other (directly or round a loop), the top-level modules form
//! layers (none imports a module that imports it back), and no source file
//! (of `src/`, `tests/` or `benches/`) grows past the size a reader takes in.
//!
//! A path is followed to the file that defines the item, through `pub use`
//! re-exports, so a `mod.rs` that only declares and re-exports is no edge; a
//! `mod x;` declaration is no edge either. Inline `#[cfg(test)] mod tests {}`
//! blocks are left out (they import their own file).

#[path = "architecture/graph.rs"]
mod graph;
#[path = "architecture/source.rs"]
mod source;

use graph::{Crate, loops, short};
use source::{rust_files, src};
use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

/// Lines a source file may have.
const MAX_LINES: usize = 400;

#[test]
fn no_two_files_import_each_other_round_a_loop() {
    let krate = Crate::read();
    let found: Vec<String> = loops(&krate.edges())
        .iter()
        .map(|g| g.iter().map(|p| short(p)).collect::<Vec<_>>().join(" ↔ "))
        .collect();
    assert!(
        found.is_empty(),
        "import loops between files:\n{}",
        found.join("\n")
    );
}

#[test]
fn the_top_level_modules_are_layers() {
    let krate = Crate::read();
    let top = |p: &Path| -> String {
        let rel = short(p);
        match rel.split_once('/') {
            Some((dir, _)) => dir.to_owned(),
            None => rel.trim_end_matches(".rs").to_owned(),
        }
    };
    let mut edges: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for (from, to) in krate.edges() {
        let a = top(&from);
        let set = edges.entry(a.clone()).or_default();
        set.extend(to.iter().map(|t| top(t)).filter(|b| *b != a));
    }
    let found = loops(&edges);
    assert!(
        found.is_empty(),
        "top-level modules importing each other: {found:?}\n{edges:#?}"
    );
    // The model sits at the bottom: the pure modules import no adapter.
    for pure in ["policy", "case", "reminders", "input", "render"] {
        let bad: Vec<&String> = edges[pure]
            .iter()
            .filter(|m| ["app", "cli", "telegram", "store", "conversation", "ops"].contains(&m.as_str()))
            .collect();
        assert!(bad.is_empty(), "{pure} imports {bad:?}");
    }
}

#[test]
fn the_checker_sees_a_loop_when_there_is_one() {
    let mut edges: BTreeMap<&str, BTreeSet<&str>> = BTreeMap::new();
    edges.insert("a", ["b"].into());
    edges.insert("b", ["c"].into());
    edges.insert("c", ["a"].into());
    edges.insert("d", ["a"].into());
    assert_eq!(loops(&edges), vec![vec!["a", "b", "c"]]);
    // And the resolver follows re-exports to the defining file.
    let krate = Crate::read();
    let path = |s: &str| s.split("::").map(String::from).collect::<Vec<_>>();
    let state = krate.resolve(&path("conversation::State"), 0).map(|p| short(p));
    assert_eq!(state.as_deref(), Some("conversation/base/state.rs"));
}

#[test]
fn no_source_file_is_longer_than_a_reader_takes_in() {
    let mut paths = vec![];
    let root = src();
    let top = root.parent().expect("the crate");
    for dir in [root.clone(), top.join("tests"), top.join("benches")] {
        rust_files(&dir, &mut paths);
    }
    let mut long: Vec<(usize, String)> = paths
        .iter()
        .map(|p| {
            (
                std::fs::read_to_string(p).expect("source").lines().count(),
                p.strip_prefix(top).unwrap_or(p).display().to_string(),
            )
        })
        .filter(|(n, _)| *n > MAX_LINES)
        .collect();
    long.sort();
    assert!(long.is_empty(), "files over {MAX_LINES} lines: {long:?}");
}
