//! `/attach PATH` on the console: a local file copied into the same store as
//! Telegram's, under its hash, and handed to the conversation like a file
//! sent in the chat.

use super::evidence_dir::EvidenceDir;
use super::types::UserKey;
use crate::case::{Incoming, MAX_DOWNLOAD};
use chrono::{DateTime, Utc};
use std::io;
use std::path::Path;

/// The MIME type a file name suggests (the common evidence formats).
fn mime_of(path: &Path) -> Option<String> {
    let ext = path.extension()?.to_string_lossy().to_ascii_lowercase();
    let mime = match ext.as_str() {
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "gif" => "image/gif",
        "webp" => "image/webp",
        "pdf" => "application/pdf",
        "txt" => "text/plain",
        "html" | "htm" => "text/html",
        "eml" => "message/rfc822",
        _ => return None,
    };
    Some(mime.to_owned())
}

/// Copies the file at `path` into `dir` for `user` (a file over the size
/// limit is not copied, and the conversation says so).
pub fn attach_local(
    dir: &EvidenceDir,
    user: &UserKey,
    path: &Path,
    now: DateTime<Utc>,
) -> io::Result<Incoming> {
    let meta = std::fs::metadata(path)?;
    if !meta.is_file() {
        return Err(io::Error::new(io::ErrorKind::InvalidInput, "not a file"));
    }
    let name = path.file_name().map(|n| n.to_string_lossy().into_owned());
    let mut incoming = Incoming {
        file_id: "local".to_owned(),
        unique_id: String::new(),
        name,
        mime: mime_of(path),
        size: meta.len(),
        caption: None,
        sha256: None,
        received_at: now,
    };
    if meta.len() > MAX_DOWNLOAD {
        incoming.unique_id = format!("local:{}:{}", path.display(), meta.len());
        return Ok(incoming);
    }
    let bytes = std::fs::read(path)?;
    let hash = dir.put(user, &bytes)?;
    incoming.size = bytes.len() as u64;
    // The same bytes attached twice are the same file.
    incoming.unique_id = format!("sha256:{hash}");
    incoming.sha256 = Some(hash);
    Ok(incoming)
}
