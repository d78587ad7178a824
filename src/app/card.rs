//! The case as the bot shows it, for the person a case is handed to: the
//! stored case read back as the conversation sees it and shown by the
//! conversation's own screens (`conversation::human::card`), rendered in the
//! operator inbox's language.

use crate::case::{CaseData, CaseView, ContactView, EventView};
use crate::conversation::{Ctx, human};
use crate::render::Lang;
use crate::store::{CaseDetail, UserKey};

use super::application::{App, AppError};
use super::message::Rendered;
use serde::Deserialize;

/// A stored case as the conversation sees it.
pub(super) fn view_of(number: i64, d: &CaseDetail) -> CaseView {
    let data = CaseData::deserialize(&d.record.inputs).unwrap_or_else(|e| {
        tracing::warn!("case {number} has unreadable inputs ({e}); shown empty");
        CaseData::default()
    });
    CaseView {
        number,
        status: d.record.status,
        data,
        events: d
            .events
            .iter()
            .map(|e| EventView {
                status: e.status,
                at: e.at,
                note: e.note.clone(),
            })
            .collect(),
        contacts: d
            .contacts
            .iter()
            .map(|c| ContactView {
                at: c.at,
                agent: c.agent.clone(),
                said: c.said.clone(),
            })
            .collect(),
        created_at: d.record.created_at,
    }
}

impl App {
    /// Case `number`'s screen and latest letter, rendered in `lang`
    /// (nothing for a case the user does not have).
    pub async fn case_card(
        &self,
        user: &UserKey,
        number: i64,
        lang: Lang,
    ) -> Result<Vec<Rendered>, AppError> {
        let Some(d) = self.store.case(user, number).await? else {
            return Ok(Vec::new());
        };
        let view = view_of(number, &d);
        let ctx = Ctx {
            now: (self.clock)(),
            profile: self.profile,
            calendar: &self.calendar,
            cases: std::slice::from_ref(&view),
            intents: &self.intents,
            reminders: &[],
            desk: None,
        };
        let replies = human::card(&view, &ctx);
        Ok(replies
            .iter()
            .map(|r| self.render_guarded(lang, r, Some(number)))
            .collect())
    }
}
