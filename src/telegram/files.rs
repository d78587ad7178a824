//! A photo or document a user sends: what Telegram says about it (kept
//! before anything else, since the name and type may be lost later), and
//! its bytes fetched with `getFile` and kept under their SHA-256 while the
//! download link is valid. A file over 20 MB is not fetched: the
//! conversation says what to do instead.

use super::tg::Tg;
use crate::app::App;
use crate::case::{Incoming, MAX_DOWNLOAD};
use crate::store::UserKey;
use teloxide::net::Download;
use teloxide::prelude::*;
use teloxide::types::FileMeta;

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

/// The file as the conversation sees it, its bytes kept; `None` when it
/// could not be fetched or kept (logged; the user is asked to send it again).
pub(super) async fn receive(tg: &Tg, app: &App, msg: &Message, user: &UserKey) -> Option<Incoming> {
    let (file, name, mime) = meta(msg)?;
    let mut incoming = Incoming {
        file_id: file.id.0.clone(),
        unique_id: file.unique_id.0.clone(),
        name,
        mime,
        size: u64::from(file.size),
        caption: msg.caption().map(str::to_owned),
        sha256: None,
        received_at: (app.clock)(),
    };
    if incoming.too_big() {
        return Some(incoming);
    }
    let found = match tg.bot.get_file(file.id.clone()).await {
        Ok(f) => f,
        Err(e) => {
            tracing::warn!("getFile failed: {e}");
            return None;
        }
    };
    if u64::from(found.meta.size) > MAX_DOWNLOAD {
        incoming.size = u64::from(found.meta.size);
        return Some(incoming);
    }
    let mut bytes: Vec<u8> = Vec::with_capacity(found.meta.size as usize);
    if let Err(e) = tg.bot.download_file(&found.path, &mut bytes).await {
        tracing::warn!("downloading a file failed: {e}");
        return None;
    }
    // What came is what getFile announced (an error page is not evidence).
    if found.meta.size > 0 && bytes.len() as u64 != u64::from(found.meta.size) {
        tracing::warn!(
            "a downloaded file has {} bytes, not the {} announced; not kept",
            bytes.len(),
            found.meta.size
        );
        return None;
    }
    incoming.size = bytes.len() as u64;
    let store = app.store.evidence().clone();
    let user = user.clone();
    let kept = tokio::task::spawn_blocking(move || store.put(&user, &bytes)).await;
    match kept {
        Ok(Ok(hash)) => {
            incoming.sha256 = Some(hash);
            Some(incoming)
        }
        Ok(Err(e)) => {
            tracing::error!("cannot keep an evidence file: {e}");
            None
        }
        Err(e) => {
            tracing::error!("keeping an evidence file stopped: {e}");
            None
        }
    }
}
