//! The case picture a step asks for: the case as it stands after the step
//! (its saved data, events and contacts), for the adapter to draw off the
//! message path; and drawing it, a failure logged and the text kept.

use super::application::{App, AppError};
use crate::case::{CaseView, EventView};
use crate::conversation::Effect;
use crate::picture::{Order, Painter, Picture};
use crate::render::Lang;
use crate::store::UserKey;
use chrono::{DateTime, Utc};

/// How many chats' last pictures are remembered (8 bytes each, and the key).
const SENT_REMEMBERED: usize = 100_000;

/// The picture the step's effects ask for, of the case as the step left it.
pub(super) fn order(cases: &[CaseView], effects: &[Effect], now: DateTime<Utc>, lang: Lang) -> Option<Order> {
    let (number, estimate) = effects.iter().rev().find_map(|e| match e {
        Effect::Picture { number, estimate } => Some((*number, *estimate)),
        _ => None,
    })?;
    let mut case = cases.iter().find(|c| c.number == number).cloned();
    for e in effects {
        if let Effect::SaveCase {
            number: n,
            status,
            data,
        } = e
            && *n == number
        {
            let c = case.get_or_insert_with(|| CaseView {
                number,
                status: *status,
                data: (**data).clone(),
                events: Vec::new(),
                contacts: Vec::new(),
                created_at: now,
            });
            c.status = *status;
            c.data = (**data).clone();
        }
    }
    let mut case = case?;
    for e in effects {
        match e {
            Effect::Event {
                number: n,
                status,
                note,
            } if *n == number => case.events.push(EventView {
                status: *status,
                at: now,
                note: note.clone(),
            }),
            Effect::Contact { number: n, contact } if *n == number => case.contacts.push(contact.clone()),
            _ => {}
        }
    }
    Some(Order {
        case,
        now,
        lang,
        estimate,
    })
}

/// The picture of `order`, or `None` (logged) when it could not be drawn:
/// the replies go without it.
pub fn draw(painter: &Painter, order: &Order) -> Option<Picture> {
    match painter.draw(order) {
        Ok(p) => Some(p),
        Err(e) => {
            tracing::warn!("case {}: no picture: {e}", order.case.number);
            None
        }
    }
}

impl App {
    /// The picture of the user's case `number` as it stands now, drawn in
    /// `lang` (`None`: no such case, or no font).
    pub async fn case_picture(
        &self,
        user: &UserKey,
        number: i64,
        lang: Lang,
    ) -> Result<Option<Picture>, AppError> {
        if !self.pictures_on() {
            return Ok(None);
        }
        let Some(d) = self.store.case(user, number).await? else {
            return Ok(None);
        };
        let order = Order {
            case: super::card::view_of(number, &d),
            now: (self.clock)(),
            lang,
            estimate: false,
        };
        Ok(match self.draw_later(&order) {
            Some(job) => job.await.ok().flatten(),
            None => None,
        })
    }

    /// Whether `chat` was last sent this very picture (the same case, as it
    /// stands, on the same day, for the same screen): a result shown again
    /// unchanged ("no voucher" answered to a refinement) is not drawn and
    /// sent twice. Remembered for the chats seen lately (a digest each).
    pub fn sent_before(&self, chat: i64, order: &Order) -> bool {
        use std::hash::{Hash, Hasher};
        let mut h = std::collections::hash_map::DefaultHasher::new();
        serde_json::to_string(&order.case)
            .unwrap_or_default()
            .hash(&mut h);
        crate::policy::timeline::local_date(order.now).hash(&mut h);
        (order.lang as u8, order.estimate).hash(&mut h);
        let digest = h.finish();
        let mut sent = self
            .sent
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        if sent.len() >= SENT_REMEMBERED && !sent.contains_key(&chat) {
            sent.clear();
        }
        sent.insert(chat, digest) == Some(digest)
    }

    /// The picture of `order`, drawn off the async workers with spare CPU
    /// only (`app::drawers`); `None` without a font or with no spare CPU.
    pub fn draw_later(&self, order: &Order) -> Option<tokio::task::JoinHandle<Option<Picture>>> {
        if !self.pictures_on() {
            return None;
        }
        let (app, order) = (self.clone(), order.clone());
        let picture = self
            .drawers
            .draw(Box::new(move || app.painter().and_then(|p| draw(&p, &order))))?;
        Some(tokio::spawn(async move { picture.await.ok().flatten() }))
    }
}
