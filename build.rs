//! Embeds every file under `templates/` so the binary needs no data files,
//! and trains the intent model from `intents/train/` (see
//! `src/conversation/read/model/train.rs`), so the binary carries its weights.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

#[path = "src/conversation/read/model/features.rs"]
mod features;
#[path = "src/conversation/read/model/train.rs"]
mod train;

fn walk(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            walk(&path, out);
        } else {
            out.push(path);
        }
    }
}

fn main() {
    embed_templates();
    train_intents();
}

fn train_intents() {
    let manifest = PathBuf::from(std::env::var("CARGO_MANIFEST_DIR").unwrap_or_default());
    let data = manifest.join("intents/train");
    println!("cargo:rerun-if-changed={}", data.display());
    println!("cargo:rerun-if-changed=src/conversation/read/model/features.rs");
    println!("cargo:rerun-if-changed=src/conversation/read/model/train.rs");
    let out = PathBuf::from(std::env::var("OUT_DIR").unwrap_or_default());
    let trained = train::examples(&data)
        .and_then(|examples| train::train(&examples))
        .and_then(|t| train::write(&t, &out));
    if let Err(e) = trained {
        panic!("intent model: {e}");
    }
}

fn embed_templates() {
    let root = PathBuf::from(std::env::var("CARGO_MANIFEST_DIR").unwrap_or_default()).join("templates");
    println!("cargo:rerun-if-changed={}", root.display());
    println!("cargo:rerun-if-changed=migrations");
    let mut files = Vec::new();
    walk(&root, &mut files);
    files.sort();
    let mut code = String::from("pub static FILES: &[(&str, &str)] = &[\n");
    for f in &files {
        println!("cargo:rerun-if-changed={}", f.display());
        let rel = f
            .strip_prefix(&root)
            .unwrap_or(f)
            .to_string_lossy()
            .replace('\\', "/");
        let _ = writeln!(
            code,
            "    ({rel:?}, include_str!({:?})),",
            f.display().to_string()
        );
    }
    code.push_str("];\n");
    let out = PathBuf::from(std::env::var("OUT_DIR").unwrap_or_default()).join("templates.rs");
    if let Err(e) = std::fs::write(&out, code) {
        panic!("cannot write {}: {e}", out.display());
    }
}
