//! A photo or document a user sends: what Telegram says about it (kept
//! before anything else, since the name and type may be lost later), and
//! its bytes fetched with `getFile` and kept under their SHA-256 while the
//! download link is valid.
//!
//! The download is bounded whatever Telegram announced: the bytes are
//! streamed to a temporary file in the user's evidence folder and reading
//! stops past 20 MB (a `file_size` of 0, none, or a lie changes nothing).
//! What arrived is then told from its first bytes: only pictures and PDF
//! files are kept. A refusal keeps nothing and says why.

use super::tg::Tg;
use crate::app::App;
use crate::case::file_type::{Declared, FileType, declared, seen};
use crate::case::{Incoming, MAX_DOWNLOAD};
use crate::store::UserKey;
use futures_util::StreamExt;
use serde_json::{Value, json};
use teloxide::net::Download;
use teloxide::prelude::*;
use teloxide::types::FileMeta;

/// What became of a file the user sent.
pub(super) enum Received {
    /// Kept (or announced over the limit): the conversation takes it.
    File(Incoming),
    /// Not kept, for a reason the user is told: a template key and its data.
    Refused(&'static str, Value),
    /// Not fetched (logged); the user is asked to send it again.
    Failed,
}

/// What the message carries: the largest size of a photo, or the document.
fn meta(msg: &Message) -> Option<(FileMeta, Option<String>, Option<String>)> {
    if let Some(doc) = msg.document() {
        let mime = doc.mime_type.as_ref().map(|m| m.to_string());
        return Some((doc.file.clone(), doc.file_name.clone(), mime));
    }
    let sizes = msg.photo()?;
    // The largest picture (Telegram lists the sizes smallest first).
    let best = sizes
        .iter()
        .max_by_key(|p| (u64::from(p.width) * u64::from(p.height), p.file.size))?;
    Some((best.file.clone(), None, Some("image/jpeg".to_owned())))
}

fn limit_mb() -> u64 {
    MAX_DOWNLOAD / (1024 * 1024)
}

/// A size Telegram gave; teloxide reads a missing one as `u32::MAX`, which
/// means "unknown" (0 here, as a size of 0 does: nothing is taken from it).
fn size(s: u32) -> u64 {
    if s == u32::MAX { 0 } else { u64::from(s) }
}

/// The file as the conversation sees it, its bytes kept, or why not.
pub(super) async fn receive(tg: &Tg, app: &App, msg: &Message, user: &UserKey) -> Received {
    let Some((file, name, mime)) = meta(msg) else {
        return Received::Failed;
    };
    let mut incoming = Incoming {
        file_id: file.id.0.clone(),
        unique_id: file.unique_id.0.clone(),
        name,
        mime,
        size: size(file.size),
        caption: msg.caption().map(str::to_owned),
        sha256: None,
        received_at: (app.clock)(),
    };
    if incoming.too_big() {
        return Received::File(incoming);
    }
    let said = declared(incoming.mime.as_deref(), incoming.name.as_deref());
    if let Declared::Other(what) = &said {
        return Received::Refused(
            "evidence.type_not_kept",
            json!({ "name": incoming.name, "declared": what }),
        );
    }
    let found = match tg.bot.get_file(file.id.clone()).await {
        Ok(f) => f,
        Err(e) => {
            tracing::warn!("getFile failed: {e}");
            return Received::Failed;
        }
    };
    let announced = size(found.meta.size);
    if announced > MAX_DOWNLOAD {
        incoming.size = announced;
        return Received::File(incoming);
    }
    fetch(tg, app, user, &found.path, announced, said, incoming).await
}

/// Streams the file into the evidence folder, at most [`MAX_DOWNLOAD`]
/// bytes, and keeps it if it is what the bot keeps.
async fn fetch(
    tg: &Tg,
    app: &App,
    user: &UserKey,
    path: &str,
    announced: u64,
    said: Declared,
    mut incoming: Incoming,
) -> Received {
    let mut part = match app.store.evidence().begin(user).await {
        Ok(p) => p,
        Err(e) => {
            tracing::error!("cannot keep an evidence file: {e}");
            return Received::Failed;
        }
    };
    let mut stream = tg.bot.download_file_stream(path);
    while let Some(chunk) = stream.next().await {
        let chunk = match chunk {
            Ok(c) => c,
            Err(e) => {
                tracing::warn!("downloading a file failed: {e}");
                return Received::Failed;
            }
        };
        if part.len() + chunk.len() as u64 > MAX_DOWNLOAD {
            // Dropping the stream closes the connection; dropping the part
            // removes what was written.
            tracing::warn!(
                "a download went past {MAX_DOWNLOAD} bytes ({announced} announced); stopped, nothing kept"
            );
            return Received::Refused(
                "evidence.over_limit",
                json!({ "name": incoming.name, "limit_mb": limit_mb() }),
            );
        }
        if let Err(e) = part.write(&chunk).await {
            tracing::error!("cannot keep an evidence file: {e}");
            return Received::Failed;
        }
    }
    // What came is what getFile announced (a cut-off download is not evidence).
    if announced > 0 && part.len() != announced {
        tracing::warn!(
            "a downloaded file has {} bytes, not the {announced} announced; not kept",
            part.len()
        );
        return Received::Failed;
    }
    let Some(kind) = FileType::of_bytes(part.head()) else {
        let declared = match said {
            Declared::Kept(t) => Some(t.mime()),
            _ => None,
        };
        return Received::Refused(
            "evidence.not_what_it_says",
            json!({ "name": incoming.name, "declared": declared, "seen": seen(part.head()) }),
        );
    };
    incoming.size = part.len();
    // The type recorded is the one the bytes show.
    incoming.mime = Some(kind.mime().to_owned());
    match part.keep().await {
        Ok(hash) => {
            incoming.sha256 = Some(hash);
            Received::File(incoming)
        }
        Err(e) => {
            tracing::error!("cannot keep an evidence file: {e}");
            Received::Failed
        }
    }
}
