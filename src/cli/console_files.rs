//! What the console writes beside its exports: the `/export N` documents
//! (`refund-case-N-YYYYMMDD-HHMM.md`, never over another) with their case
//! picture of the same name (`.png`), and the picture of a case view
//! (`refund-case-N.png`, the case as it stands, replaced each time). Each
//! file is readable by its owner only: they hold the case.

use std::io::Write as _;
use std::path::{Path, PathBuf};

/// Creates `dir` (owner only) when missing.
fn folder(dir: &Path) -> std::io::Result<()> {
    if dir.as_os_str().is_empty() {
        return Ok(());
    }
    crate::store::create_private_dir(dir)
}

fn private(create_new: bool) -> std::fs::OpenOptions {
    let mut options = std::fs::OpenOptions::new();
    options.write(true);
    if create_new {
        options.create_new(true);
    } else {
        options.create(true).truncate(true);
    }
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    options
}

/// The first of `<base>`, `<base>-2`, … for which neither a document nor
/// a picture exists in `dir` (an export never overwrites another).
pub fn free_base(dir: &Path, base: &str) -> String {
    (1..1000)
        .map(|k| {
            if k == 1 {
                base.to_owned()
            } else {
                format!("{base}-{k}")
            }
        })
        .find(|b| !dir.join(format!("{b}.md")).exists() && !dir.join(format!("{b}.png")).exists())
        .unwrap_or_else(|| base.to_owned())
}

/// Writes `bytes` as the new file `name` in `dir` (never over another).
pub fn write_new(dir: &Path, name: &str, bytes: &[u8]) -> std::io::Result<PathBuf> {
    folder(dir)?;
    let path = dir.join(name);
    private(true).open(&path)?.write_all(bytes)?;
    Ok(path)
}

/// Writes `bytes` as `name` in `dir`, replacing what was there.
pub fn write_over(dir: &Path, name: &str, bytes: &[u8]) -> std::io::Result<PathBuf> {
    folder(dir)?;
    let path = dir.join(name);
    private(false).open(&path)?.write_all(bytes)?;
    Ok(path)
}

/// The `refund-case-N…` documents and pictures in the export folder, by
/// full path, sorted by case number and name.
pub fn exported_files(dir: &Path) -> Vec<String> {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return Vec::new();
    };
    let mut found: Vec<(u64, String)> = entries
        .filter_map(Result::ok)
        .filter_map(|e| {
            let name = e.file_name().to_string_lossy().into_owned();
            let rest = name.strip_prefix("refund-case-")?;
            let rest = rest.strip_suffix(".md").or_else(|| rest.strip_suffix(".png"))?;
            let n = rest.split('-').next()?.parse().ok()?;
            Some((n, e.path().display().to_string()))
        })
        .collect();
    found.sort();
    found.into_iter().map(|(_, path)| path).collect()
}
