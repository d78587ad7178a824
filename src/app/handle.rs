//! [`App::handle`]: the one path, from a message to its response, with the
//! step's rows written in one transaction and what follows a commit (the
//! export, the erasure, the operator's counters).

use crate::conversation::Effect;
use crate::store::{Turn, UserKey, Write};
use chrono::{DateTime, Utc};

use super::application::{App, AppError};
use super::guard;
use super::message::{DeskWork, Message, Response};

/// What a committed step adds to the operator's counters.
fn count_metrics(response: &Response, effects: &[Effect]) {
    use crate::ops::{Counter, count};
    let created = effects
        .iter()
        .filter(|e| matches!(e, Effect::Event { status, .. } if *status == crate::case::CaseStatus::Draft))
        .count() as u64;
    if created > 0 {
        count(Counter::CasesCreated, created);
    }
    if response.quotes_computed > 0 {
        count(Counter::Quotes, u64::from(response.quotes_computed));
    }
}

impl App {
    /// Handle one message of one user in one chat. `update_id` makes a
    /// redelivered transport update change nothing (`Ok(None)`).
    pub async fn handle(
        &self,
        user: &UserKey,
        chat_id: i64,
        update_id: Option<i64>,
        client_lang: Option<&str>,
        msg: Message,
    ) -> Result<Option<Response>, AppError> {
        let now = (self.clock)();
        self.handle_at(user, chat_id, update_id, client_lang, msg, now, true)
            .await
    }

    /// [`App::handle`] at a given moment; with `commit` false nothing the step
    /// did is written (the state is kept as it was), for a preview.
    #[allow(clippy::too_many_arguments)]
    pub(crate) async fn handle_at(
        &self,
        user: &UserKey,
        chat_id: i64,
        update_id: Option<i64>,
        client_lang: Option<&str>,
        msg: Message,
        now: DateTime<Utc>,
        commit: bool,
    ) -> Result<Option<Response>, AppError> {
        let msg = guard::clean(msg);
        let turn = match self
            .store
            .turn(user, chat_id, update_id, now, |loaded| {
                let (w, out) = self.step(loaded, client_lang, &msg, now);
                let w = if commit {
                    w
                } else {
                    Write {
                        state: loaded.state.clone(),
                        ..Write::default()
                    }
                };
                (w, out)
            })
            .await
        {
            Ok(turn) => turn,
            Err(e) => return Ok(Some(self.unsaved(client_lang, &e))),
        };
        let Turn::Done((mut response, effects)) = turn else {
            return Ok(None);
        };
        if commit {
            count_metrics(&response, &effects);
        }
        for e in &effects {
            match e {
                Effect::Export { number } => match self.export(user, *number, response.lang, None).await {
                    Ok(doc) => response.export = doc.map(|doc| (*number, doc)),
                    Err(AppError::Store(e)) => return Ok(Some(self.unsaved(client_lang, &e))),
                    Err(AppError::Render(e)) => {
                        response
                            .replies
                            .push(self.export_failed(response.lang, *number, &e))
                    }
                },
                Effect::DeleteMyData => {
                    // The hand-offs' topics go too: read before the rows go.
                    let handoffs = match self.store.handoffs_of_user(user).await {
                        Ok(h) => h,
                        Err(e) => return Ok(Some(self.unsaved(client_lang, &e))),
                    };
                    match self.store.delete_user(user).await {
                        Ok(_) => response.deleted = true,
                        Err(e) => return Ok(Some(self.unsaved(client_lang, &e))),
                    }
                    if !handoffs.is_empty() {
                        response.desk.push(DeskWork::Erased(handoffs));
                    }
                }
                _ => {}
            }
        }
        Ok(Some(response))
    }
}
