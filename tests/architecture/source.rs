//! Reading `src/`: the files and the module each one is, the code without
//! comments, strings and inline tests, and `use` trees expanded.

use regex::Regex;
use std::path::{Path, PathBuf};
use std::sync::LazyLock;

pub type ModPath = Vec<String>;

pub fn src() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("src")
}

pub fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for e in std::fs::read_dir(dir).expect("src folder").flatten() {
        let p = e.path();
        if p.is_dir() {
            rust_files(&p, out);
        } else if p.extension().is_some_and(|x| x == "rs") {
            out.push(p);
        }
    }
}

pub fn module_of(rel: &Path) -> ModPath {
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

pub fn re(pattern: &str) -> Regex {
    Regex::new(pattern).expect("regex")
}

static BLOCK_COMMENT: LazyLock<Regex> = LazyLock::new(|| re(r"(?s)/\*.*?\*/"));
static LINE_COMMENT: LazyLock<Regex> = LazyLock::new(|| re(r"//[^\n]*"));
static STRING: LazyLock<Regex> = LazyLock::new(|| re(r#""(?:\\.|[^"\\])*""#));
pub static USE: LazyLock<Regex> = LazyLock::new(|| re(r"\buse\s+[^;]+;"));
static TESTS: LazyLock<Regex> = LazyLock::new(|| re(r"#\[cfg\(test\)\]\s*(?:#\[[^\]]*\]\s*)*mod\s+\w+\s*\{"));

/// The code without comments, string contents and inline test modules.
pub fn code(text: &str) -> String {
    let t = BLOCK_COMMENT.replace_all(text, "");
    let t = LINE_COMMENT.replace_all(&t, "");
    let t = STRING.replace_all(&t, "\"\"").into_owned();
    match TESTS.find(&t) {
        Some(m) => t[..m.start()].to_owned(),
        None => t,
    }
}

/// Splits `a, b::{c, d}, e` at the commas outside braces.
pub fn split_top(s: &str) -> Vec<String> {
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
pub fn expand(tree: &str) -> Vec<(Vec<String>, String)> {
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
