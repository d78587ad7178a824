//! The shape of the house, read from the `use` lines of `src/`: no two files
//! import each other (directly or round a loop), the top-level modules form
//! layers (none imports a module that imports it back), and no source file
//! grows past the size a reader takes in.
//!
//! A path is followed to the file that defines the item, through `pub use`
//! re-exports, so a `mod.rs` that only declares and re-exports is no edge; a
//! `mod x;` declaration is no edge either. Inline `#[cfg(test)] mod tests {}`
//! blocks are left out (they import their own file).

use regex::Regex;
use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::path::{Path, PathBuf};
use std::sync::LazyLock;

/// Lines a source file may have.
const MAX_LINES: usize = 400;

type ModPath = Vec<String>;

struct Crate {
    files: BTreeMap<ModPath, PathBuf>,
    text: HashMap<ModPath, String>,
    defs: HashMap<ModPath, BTreeSet<String>>,
    /// (absolute path, name it is known by) per module.
    uses: HashMap<ModPath, Vec<(ModPath, String)>>,
}

fn src() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("src")
}

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for e in std::fs::read_dir(dir).expect("src folder").flatten() {
        let p = e.path();
        if p.is_dir() {
            rust_files(&p, out);
        } else if p.extension().is_some_and(|x| x == "rs") {
            out.push(p);
        }
    }
}

fn module_of(rel: &Path) -> ModPath {
    let mut parts: Vec<String> = rel
        .with_extension("")
        .iter()
        .map(|s| s.to_string_lossy().into_owned())
        .collect();
    match parts.last().map(String::as_str) {
        Some("lib") if parts.len() == 1 => vec![],
        Some("main") if parts.len() == 1 => vec!["<main>".into()],
        Some("mod") => {
            parts.pop();
            parts
        }
        _ => parts,
    }
}

fn re(pattern: &str) -> Regex {
    Regex::new(pattern).expect("regex")
}

static BLOCK_COMMENT: LazyLock<Regex> = LazyLock::new(|| re(r"(?s)/\*.*?\*/"));
static LINE_COMMENT: LazyLock<Regex> = LazyLock::new(|| re(r"//[^\n]*"));
static STRING: LazyLock<Regex> = LazyLock::new(|| re(r#""(?:\\.|[^"\\])*""#));
static USE: LazyLock<Regex> = LazyLock::new(|| re(r"\buse\s+[^;]+;"));
static TESTS: LazyLock<Regex> = LazyLock::new(|| re(r"#\[cfg\(test\)\]\s*(?:#\[[^\]]*\]\s*)*mod\s+\w+\s*\{"));

/// The code without comments, string contents and inline test modules.
fn code(text: &str) -> String {
    let t = BLOCK_COMMENT.replace_all(text, "");
    let t = LINE_COMMENT.replace_all(&t, "");
    let t = STRING.replace_all(&t, "\"\"").into_owned();
    match TESTS.find(&t) {
        Some(m) => t[..m.start()].to_owned(),
        None => t,
    }
}

/// Splits `a, b::{c, d}, e` at the commas outside braces.
fn split_top(s: &str) -> Vec<String> {
    let (mut out, mut depth, mut cur) = (vec![], 0, String::new());
    for ch in s.chars() {
        match ch {
            '{' => depth += 1,
            '}' => depth -= 1,
            _ => {}
        }
        if ch == ',' && depth == 0 {
            out.push(std::mem::take(&mut cur));
        } else {
            cur.push(ch);
        }
    }
    out.push(cur);
    out.into_iter()
        .map(|s| s.trim().to_owned())
        .filter(|s| !s.is_empty())
        .collect()
}

/// A use tree as (segments, the name it binds).
fn expand(tree: &str) -> Vec<(Vec<String>, String)> {
    let tree = tree.trim();
    if let Some(open) = tree.find('{').filter(|_| tree.ends_with('}')) {
        let prefix: Vec<String> = tree[..open]
            .split("::")
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .map(String::from)
            .collect();
        let mut out = vec![];
        for part in split_top(&tree[open + 1..tree.len() - 1]) {
            for (segs, alias) in expand(&part) {
                if segs == ["self"] {
                    let name = if alias == "self" {
                        prefix.last().cloned().unwrap_or_default()
                    } else {
                        alias
                    };
                    out.push((prefix.clone(), name));
                } else {
                    out.push(([prefix.clone(), segs].concat(), alias));
                }
            }
        }
        return out;
    }
    let (path, alias) = match tree.split_once(" as ") {
        Some((p, a)) => (p.trim(), Some(a.trim().to_owned())),
        None => (tree, None),
    };
    let segs: Vec<String> = path
        .split("::")
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(String::from)
        .collect();
    let name = alias.unwrap_or_else(|| segs.last().cloned().unwrap_or_default());
    vec![(segs, name)]
}

impl Crate {
    fn read() -> Crate {
        let root = src();
        let mut paths = vec![];
        rust_files(&root, &mut paths);
        let mut files = BTreeMap::new();
        for p in &paths {
            let rel = p.strip_prefix(&root).expect("under src");
            files.insert(module_of(rel), p.clone());
        }
        // Test files named by `#[path]`: children of the file naming them.
        let path_attr =
            Regex::new(r#"#\[path\s*=\s*"([^"]+)"\]\s*(?:#\[[^\]]*\]\s*)*(?:pub\s+)?mod\s+(\w+)"#)
                .expect("regex");
        for (m, p) in files.clone() {
            let text = std::fs::read_to_string(&p).expect("source");
            for c in path_attr.captures_iter(&text) {
                let target = p.parent().expect("folder").join(&c[1]);
                if let Some((k, _)) = files.clone().iter().find(|(_, v)| **v == target) {
                    files.remove(k);
                    files.insert([m.clone(), vec![c[2].to_owned()]].concat(), target);
                }
            }
        }
        let mut krate = Crate {
            files,
            text: HashMap::new(),
            defs: HashMap::new(),
            uses: HashMap::new(),
        };
        let def =
            Regex::new(r"\b(?:fn|struct|enum|trait|type|const|static|macro_rules!)\s+(\w+)").expect("regex");
        let use_stmt = Regex::new(r"\buse\s+([^;]+);").expect("regex");
        for (m, p) in krate.files.clone() {
            let text = code(&std::fs::read_to_string(&p).expect("source"));
            krate.defs.insert(
                m.clone(),
                def.captures_iter(&text).map(|c| c[1].to_owned()).collect(),
            );
            let mut uses = vec![];
            for c in use_stmt.captures_iter(&text) {
                for (segs, alias) in expand(&c[1]) {
                    if let Some(abs) = krate.absolute(&m, &segs) {
                        uses.push((abs, alias));
                    }
                }
            }
            krate.uses.insert(m.clone(), uses);
            krate.text.insert(m, text);
        }
        krate
    }

    fn absolute(&self, at: &ModPath, segs: &[String]) -> Option<ModPath> {
        let first = segs.first()?.as_str();
        if first == "crate" || first == "refund_assistant" {
            return Some(segs[1..].to_vec());
        }
        let mut cur = at.clone();
        let mut i = usize::from(first == "self");
        while segs.get(i).is_some_and(|s| s == "super") {
            cur.pop();
            i += 1;
        }
        if i > 0 {
            return Some([cur, segs[i..].to_vec()].concat());
        }
        let child = [at.clone(), vec![first.to_owned()]].concat();
        self.files
            .contains_key(&child)
            .then(|| [at.clone(), segs.to_vec()].concat())
    }

    /// The file that defines what `path` names.
    fn resolve(&self, path: &[String], depth: usize) -> Option<&PathBuf> {
        if depth > 16 {
            return None;
        }
        let mut cur: ModPath = vec![];
        for (i, seg) in path.iter().enumerate() {
            let next = [cur.clone(), vec![seg.clone()]].concat();
            if self.files.contains_key(&next) {
                cur = next;
                continue;
            }
            if self.defs.get(&cur).is_some_and(|d| d.contains(seg)) {
                return self.files.get(&cur);
            }
            for (abs, alias) in self.uses.get(&cur).into_iter().flatten() {
                let rest = &path[i + 1..];
                if alias == seg
                    && *abs != next
                    && let Some(f) = self.resolve(&[abs.clone(), rest.to_vec()].concat(), depth + 1)
                {
                    return Some(f);
                }
                if alias == "*" {
                    let base = &abs[..abs.len() - 1];
                    let found = self.resolve(
                        &[base.to_vec(), vec![seg.clone()], rest.to_vec()].concat(),
                        depth + 1,
                    );
                    if found.is_some() && found != self.files.get(base) {
                        return found;
                    }
                }
            }
            return self.files.get(&cur);
        }
        self.files.get(&cur)
    }

    /// File → the files it uses.
    fn edges(&self) -> BTreeMap<PathBuf, BTreeSet<PathBuf>> {
        let qualified = Regex::new(r"(?:^|[^\w:])((?:crate|super|self)(?:::\w+)+)").expect("regex");
        let any = Regex::new(r"(?:^|[^\w:])(\w+)((?:::\w+)+)").expect("regex");
        let mut edges = BTreeMap::new();
        for (m, me) in &self.files {
            let uses = &self.uses[m];
            let mut paths: Vec<ModPath> = uses
                .iter()
                .map(|(a, alias)| {
                    if alias == "*" {
                        a[..a.len() - 1].to_vec()
                    } else {
                        a.clone()
                    }
                })
                .collect();
            // Paths in the code (the `use` lines are read above: a grouped
            // `use crate::x::{..}` names `x`'s items, not `x` itself).
            let text = USE.replace_all(&self.text[m], "");
            let text = text.as_ref();
            for c in qualified.captures_iter(text) {
                let segs: Vec<String> = c[1].split("::").map(String::from).collect();
                paths.extend(self.absolute(m, &segs));
            }
            let modules: HashMap<&str, &ModPath> = uses
                .iter()
                .filter(|(a, _)| self.files.contains_key(a))
                .map(|(a, alias)| (alias.as_str(), a))
                .collect();
            for c in any.captures_iter(text) {
                let rest: Vec<String> = c[2]
                    .split("::")
                    .filter(|s| !s.is_empty())
                    .map(String::from)
                    .collect();
                let child = [m.clone(), vec![c[1].to_owned()]].concat();
                if let Some(base) = modules.get(&c[1]) {
                    paths.push([(*base).clone(), rest].concat());
                } else if self.files.contains_key(&child) {
                    paths.push([child, rest].concat());
                }
            }
            let to: BTreeSet<PathBuf> = paths
                .iter()
                .filter_map(|p| self.resolve(p, 0))
                .filter(|f| *f != me)
                .cloned()
                .collect();
            edges.insert(me.clone(), to);
        }
        edges
    }
}

/// The groups of nodes that reach each other (Tarjan), largest loops only.
fn loops<N: Ord + Clone>(edges: &BTreeMap<N, BTreeSet<N>>) -> Vec<Vec<N>> {
    struct Walk<'a, N> {
        edges: &'a BTreeMap<N, BTreeSet<N>>,
        index: BTreeMap<N, usize>,
        low: BTreeMap<N, usize>,
        stack: Vec<N>,
        out: Vec<Vec<N>>,
    }
    fn visit<N: Ord + Clone>(w: &mut Walk<N>, v: &N) {
        let i = w.index.len();
        w.index.insert(v.clone(), i);
        w.low.insert(v.clone(), i);
        w.stack.push(v.clone());
        for u in w.edges.get(v).into_iter().flatten() {
            if !w.index.contains_key(u) {
                visit(w, u);
                let l = w.low[u].min(w.low[v]);
                w.low.insert(v.clone(), l);
            } else if w.stack.contains(u) {
                let l = w.index[u].min(w.low[v]);
                w.low.insert(v.clone(), l);
            }
        }
        if w.low[v] == w.index[v] {
            let mut group = vec![];
            while let Some(u) = w.stack.pop() {
                let done = u == *v;
                group.push(u);
                if done {
                    break;
                }
            }
            if group.len() > 1 {
                group.sort();
                w.out.push(group);
            }
        }
    }
    let mut w = Walk {
        edges,
        index: BTreeMap::new(),
        low: BTreeMap::new(),
        stack: vec![],
        out: vec![],
    };
    for v in edges.keys() {
        if !w.index.contains_key(v) {
            visit(&mut w, v);
        }
    }
    w.out
}

fn short(p: &Path) -> String {
    p.strip_prefix(src()).unwrap_or(p).display().to_string()
}

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
    for pure in ["policy", "case", "reminders", "escalation", "input", "render"] {
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
    assert_eq!(state.as_deref(), Some("conversation/state.rs"));
}

#[test]
fn no_source_file_is_longer_than_a_reader_takes_in() {
    let mut paths = vec![];
    rust_files(&src(), &mut paths);
    let mut long: Vec<(usize, String)> = paths
        .iter()
        .map(|p| {
            (
                std::fs::read_to_string(p).expect("source").lines().count(),
                short(p),
            )
        })
        .filter(|(n, _)| *n > MAX_LINES)
        .collect();
    long.sort();
    assert!(long.is_empty(), "files over {MAX_LINES} lines: {long:?}");
}
