//! A formal complaint the case's records show: a `complained` event, or a
//! contact record that reads as one, with its ticket number.

use crate::case::{CaseStatus, CaseView};
use crate::conversation::base::vocab::Ctx;
use crate::conversation::read::event::Event;
use crate::conversation::read::words::fold;
use chrono::{DateTime, Utc};

/// A ticket number written after its name: "工单 CS20261110-0457",
/// "ticket #884213", "工单号：123456".
pub(crate) fn ticket_in(text: &str) -> Option<String> {
    let re = regex::Regex::new(
        r"(?i)(?:工单号?|单号|ticket(?:\s*(?:no\.?|number))?)\s*[:：#]?\s*([a-z0-9][a-z0-9-]{4,39})",
    )
    .ok()?;
    re.captures(text)
        .and_then(|c| c.get(1))
        .map(|m| m.as_str().to_uppercase())
        .filter(|t| t.chars().any(|c| c.is_ascii_digit()))
}

/// Whether `text` reports a complaint made (not denied).
fn reports_complaint(text: &str, ctx: &Ctx) -> bool {
    ctx.intents.dialogue.event(&fold(text)) == Some((Event::Complained, false))
}

/// The complaint the case's records show, when the ladder has none: its
/// `complained` event, else a contact whose words report one.
pub(crate) fn complaint(c: &CaseView, ctx: &Ctx) -> Option<(DateTime<Utc>, Option<String>)> {
    if let Some(e) = c.events.iter().find(|e| e.status == CaseStatus::Complained) {
        return Some((e.at, e.note.clone()));
    }
    c.contacts
        .iter()
        .find(|k| reports_complaint(&k.said, ctx))
        .map(|k| (k.at, ticket_in(&k.said)))
}
