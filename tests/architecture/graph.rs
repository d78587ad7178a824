//! The file graph: each path followed to the file that defines its item
//! (through `pub use` re-exports), and the loops in a graph (Tarjan).

use super::source::{ModPath, USE, code, expand, module_of, rust_files, src};
use regex::Regex;
use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::path::{Path, PathBuf};

pub struct Crate {
    files: BTreeMap<ModPath, PathBuf>,
    text: HashMap<ModPath, String>,
    defs: HashMap<ModPath, BTreeSet<String>>,
    /// (absolute path, name it is known by) per module.
    uses: HashMap<ModPath, Vec<(ModPath, String)>>,
}

impl Crate {
    pub fn read() -> Crate {
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
    pub fn resolve(&self, path: &[String], depth: usize) -> Option<&PathBuf> {
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
    pub fn edges(&self) -> BTreeMap<PathBuf, BTreeSet<PathBuf>> {
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
pub fn loops<N: Ord + Clone>(edges: &BTreeMap<N, BTreeSet<N>>) -> Vec<Vec<N>> {
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

pub fn short(p: &Path) -> String {
    p.strip_prefix(src()).unwrap_or(p).display().to_string()
}
