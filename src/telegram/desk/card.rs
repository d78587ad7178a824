//! What a person sees in the case's topic: the topic's name, the hand-off
//! card (the last messages, the promised reply), the case as the bot shows
//! it (its screen and latest letter), the whole case as a document and its
//! files; personal details masked unless the user agreed.

use crate::app::App;
use crate::case::handoff::mask_personal;
use crate::case::{CaseData, EvidenceFile};
use crate::render::{Lang, plain};
use crate::store::{Direction, HandOff, TranscriptLine};
use crate::telegram::send::{document_in_topic, file_in_topic, post_in_topic};
use crate::telegram::tg::Tg;
use serde_json::{Value, json};
use teloxide::types::{ChatId, MessageId, ThreadId};

/// Telegram's longest topic name.
const MAX_NAME: usize = 128;
/// The conversation's last lines on the card.
const LAST_LINES: usize = 8;
/// The longest line of the conversation shown on the card.
const MAX_LINE: usize = 300;
/// An instance ID longer than this is shortened in the topic's name.
const SHORT_ID: usize = 12;
/// The case's files posted with the card, at most.
const MAX_FILES: usize = 10;

/// The language of what the bot posts in the operator inbox.
pub(super) fn desk_lang(app: &App) -> Lang {
    app.desk.map(|d| d.lang).unwrap_or_default()
}

pub(super) fn thread(topic: i64) -> ThreadId {
    ThreadId(MessageId(topic as i32))
}

fn shorten(s: &str, max: usize) -> String {
    if s.chars().count() <= max {
        return s.to_owned();
    }
    let mut out: String = s.chars().take(max.saturating_sub(1)).collect();
    out.push('…');
    out
}

/// The case as the card shows it: its facts (nulls for a user without a
/// case), the conversation's lines and the evidence files.
async fn facts(app: &App, h: &HandOff) -> (Value, Vec<TranscriptLine>, Vec<EvidenceFile>) {
    let detail = match h.case_number {
        0 => None,
        n => app.store.case(&h.user, n).await.unwrap_or_else(|e| {
            tracing::warn!("hand-off {}: the case could not be read: {e}", h.id);
            None
        }),
    };
    let Some(d) = detail else {
        let lines = app.store.transcript(&h.user, h.chat_id).await.unwrap_or_default();
        return (json!({ "n": null }), lines, Vec::new());
    };
    let data: CaseData = serde_json::from_value(d.record.inputs.clone()).unwrap_or_default();
    let instance = data.draft.instance.as_ref().map(|i| i.to_string());
    let facts = json!({
        "n": h.case_number,
        "status": d.record.status,
        "provider": data.draft.provider(),
        "instance": instance,
        "short_instance": instance.as_deref().map(|i| shorten(i, SHORT_ID)),
        "evidence": data.evidence.iter().map(|e| e.name.clone()).collect::<Vec<_>>(),
    });
    (facts, d.transcript, data.evidence)
}

/// The topic's name: "#12 · UCloud · uhost-1a2b… · 被拒绝".
pub(super) async fn topic_name(app: &App, h: &HandOff) -> String {
    let (facts, _, _) = facts(app, h).await;
    let name = plain(&app.renderer.text(desk_lang(app), "desk.topic", &facts));
    shorten(name.trim(), MAX_NAME)
}

/// Posts the card, then the case, its document and files, in the hand-off's
/// topic; false when the topic took nothing (deleted by hand, say).
pub(super) async fn post(tg: &Tg, app: &App, h: &HandOff) -> bool {
    let Some(topic) = h.topic else { return false };
    let lang = desk_lang(app);
    let (mut facts, lines, files) = facts(app, h).await;
    let last: Vec<Value> = lines
        .iter()
        .rev()
        .take(LAST_LINES)
        .rev()
        .map(
            |l| json!({ "in": l.direction == Direction::In, "text": shorten(&l.text, MAX_LINE), "at": l.at }),
        )
        .collect();
    facts["lines"] = json!(last);
    facts["due"] = json!(h.due_at);
    facts["user_lang"] = json!(h.lang);
    facts["unmasked"] = json!(h.unmasked);
    // Masked unless the user agreed, this time, to show their details.
    let shown = |text: &str| {
        if h.unmasked {
            text.to_owned()
        } else {
            mask_personal(text)
        }
    };
    let card = shown(&app.renderer.text(lang, "desk.card", &facts));
    let chat = ChatId(h.operator_chat);
    if post_in_topic(tg, chat, thread(topic), &card).await.is_err() {
        return false;
    }
    if h.case_number == 0 {
        return true;
    }
    // The case's screen and its latest letter, as the user saw them.
    match app.case_card(&h.user, h.case_number, lang).await {
        Ok(shown_case) => {
            for r in shown_case {
                let _ = post_in_topic(tg, chat, thread(topic), &shown(&r.html)).await;
            }
        }
        Err(e) => tracing::warn!("hand-off {}: the case could not be shown: {e}", h.id),
    }
    match app.export(&h.user, h.case_number, lang, None).await {
        Ok(Some(doc)) => {
            let name = format!("case-{}.md", h.case_number);
            let _ = document_in_topic(tg, chat, thread(topic), &name, &shown(&doc)).await;
        }
        Ok(None) => {}
        Err(e) => tracing::warn!("hand-off {}: the case document could not be made: {e}", h.id),
    }
    // The files the user sent for the case, as documents.
    for (i, f) in files.iter().take(MAX_FILES).enumerate() {
        let Some(sha) = &f.sha256 else { continue };
        let path = app.store.evidence().path_of(&h.user, sha);
        if !path.exists() {
            continue;
        }
        let ext = match f.mime.as_deref() {
            Some("image/jpeg") => ".jpg",
            Some("image/png") => ".png",
            Some("application/pdf") => ".pdf",
            _ => "",
        };
        let name = f
            .name
            .clone()
            .unwrap_or_else(|| format!("evidence-{}{ext}", i + 1));
        let _ = file_in_topic(tg, chat, thread(topic), &path, &name).await;
    }
    true
}
