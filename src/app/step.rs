//! One step, pure apart from the clock it is given: the stored chat and
//! cases as the conversation sees them, the conversation's step, its replies
//! rendered, and the rows it changes.

use crate::case::{CaseData, CaseView, ContactView, EventView};
use crate::conversation::{self, Ctx, Effect, Input, Reply, State};
use crate::policy::calendar::Calendar;
use crate::render::Lang;
use crate::store::{self, CaseRecord, Direction, Loaded, TranscriptLine, Write};
use chrono::{DateTime, Utc};
use serde_json::json;
use std::str::FromStr;

use super::application::App;
use super::labels::{self, resolve};
use super::message::{DeskWork, Message, Rendered, Response};
use super::remind;
use serde::Deserialize;

/// A stored case as the conversation sees it.
fn case_view(r: &CaseRecord, loaded: &Loaded) -> CaseView {
    let data = CaseData::deserialize(&r.inputs).unwrap_or_else(|e| {
        tracing::warn!("case {} has unreadable inputs ({e}); showing it empty", r.number);
        CaseData::default()
    });
    let status = r.status;
    CaseView {
        number: r.number,
        status,
        data,
        events: loaded
            .events
            .iter()
            .filter(|(n, _)| *n == r.number)
            .map(|(_, e)| EventView {
                status: e.status,
                at: e.at,
                note: e.note.clone(),
            })
            .collect(),
        contacts: loaded
            .contacts
            .iter()
            .filter(|(n, _)| *n == r.number)
            .map(|(_, c)| ContactView {
                at: c.at,
                agent: c.agent.clone(),
                said: c.said.clone(),
            })
            .collect(),
        created_at: r.created_at,
    }
}

/// The store rows one step's effects change.
fn write_effects(w: &mut Write, effects: &[Effect], cal: &Calendar, now: DateTime<Utc>) {
    for e in effects {
        remind::write(w, e, cal, now);
        match e {
            Effect::SaveCase { number, status, data } => {
                let quote = data.assessment.as_ref().map(|a| &a.quote);
                w.cases.push(CaseRecord {
                    number: *number,
                    status: *status,
                    inputs: json!(data),
                    quote: quote.map(|q| json!(q)),
                    policy: quote.map(|q| q.policy.as_str().to_owned()),
                    policy_version: quote.map(|q| q.policy_version.clone()),
                    expected_refund: quote.map(|q| q.refund),
                    next_date: data.next_date(),
                    created_at: now,
                    updated_at: now,
                });
            }
            Effect::Event { number, status, note } => w.events.push((
                *number,
                store::StatusEvent {
                    status: *status,
                    at: now,
                    note: note.clone(),
                },
            )),
            Effect::Contact { number, contact } => w.contacts.push((
                *number,
                store::Contact {
                    at: contact.at,
                    agent: contact.agent.clone(),
                    said: contact.said.clone(),
                },
            )),
            Effect::SetLang(l) => w.lang = Some(l.code().to_owned()),
            Effect::Export { .. }
            | Effect::DeleteMyData
            | Effect::RemindersSent(_)
            | Effect::StopReminders { .. }
            | Effect::StopReminder { .. }
            | Effect::HandOff { .. }
            | Effect::HandBack { .. }
            | Effect::Relay { .. }
            | Effect::Unmask { .. }
            | Effect::Picture { .. } => {}
        }
    }
}

/// What the operator inbox has to do for an effect.
fn desk_work(e: &Effect) -> Option<DeskWork> {
    match e {
        Effect::HandOff { number } => Some(DeskWork::Open(*number)),
        Effect::Relay { number } => Some(DeskWork::Relay(*number)),
        Effect::HandBack { number } => Some(DeskWork::Back(*number)),
        Effect::Unmask { number } => Some(DeskWork::Unmask(*number)),
        _ => None,
    }
}

impl App {
    pub(super) fn step(
        &self,
        loaded: &Loaded,
        client_lang: Option<&str>,
        msg: &Message,
        now: DateTime<Utc>,
    ) -> (Write, (Response, Vec<Effect>)) {
        let stored: Option<State> = loaded.state.as_ref().and_then(|v| match State::deserialize(v) {
            Ok(s) => Some(s),
            Err(e) => {
                tracing::warn!("stored conversation state unreadable ({e}); starting from the menu");
                None
            }
        });
        let returning = stored.is_some();
        let mut state = stored.unwrap_or_default();
        if state.lang.is_none() {
            let saved = loaded.user.lang.as_deref().and_then(|l| Lang::from_str(l).ok());
            state.lang = Some(saved.unwrap_or_else(|| Lang::from_client(client_lang)));
        }
        if let Message::Button(id) = msg {
            let turn = id.rsplit_once('#').map(|(_, t)| t.parse::<u64>().ok());
            if let Some(t) = turn
                && t != Some(state.turn)
            {
                let response = Response {
                    lang: state.lang(),
                    expired: true,
                    turn: state.turn,
                    ..Response::default()
                };
                let w = Write {
                    state: loaded.state.clone(),
                    ..Write::default()
                };
                return (w, (response, vec![]));
            }
        }
        let cases: Vec<CaseView> = loaded.cases.iter().map(|r| case_view(r, loaded)).collect();
        let reminders: Vec<_> = loaded.reminders.iter().map(remind::view).collect();
        let ctx = Ctx {
            now,
            profile: self.profile,
            calendar: &self.calendar,
            cases: &cases,
            intents: &self.intents,
            reminders: &reminders,
            desk: self.desk.map(|d| d.reply_within),
        };
        let (input, said) = match msg {
            // While a person has the case, what is typed goes to them as it
            // is (a number is not a button); commands still work.
            Message::Text(t) if state.handed_off.is_some() && !t.trim_start().starts_with('/') => {
                (Input::Text(t.clone()), Some(t.clone()))
            }
            Message::Text(t) => (resolve(&self.renderer, &state, &ctx, t), Some(t.clone())),
            Message::Button(id) => {
                let id = &id.split('#').next().unwrap_or(id).to_owned();
                let label = labels::label_of(&self.renderer, &state, &ctx, id).unwrap_or_else(|| id.clone());
                (Input::Button(id.clone()), Some(format!("[{label}]")))
            }
            Message::Resume if returning => (Input::Command(conversation::Command::Help), None),
            Message::Resume => (Input::Command(conversation::Command::Start(None)), None),
            Message::Remind(due) => (Input::Remind(due.clone()), None),
            Message::File(f) => (Input::File(f.clone()), Some(f.transcript_line())),
            Message::Desk(d) => (Input::Desk(d.clone()), None),
        };
        let (new_state, replies, effects) = if matches!(msg, Message::Resume) && returning {
            let mut replies = vec![Reply::key("resume")];
            replies.extend(conversation::current(&state, &ctx));
            (state.clone(), replies, vec![])
        } else {
            let out = conversation::step(&state, &input, &ctx);
            (out.state, out.replies, out.effects)
        };
        let lang = new_state.lang();
        let rendered: Vec<Rendered> = replies
            .iter()
            .map(|r| self.render_guarded(lang, r, new_state.case_no))
            .collect();
        let mut w = Write {
            state: Some(json!(new_state)),
            ..Write::default()
        };
        let case_number = new_state.case_no;
        if let Some(text) = said {
            w.transcript.push(TranscriptLine {
                direction: Direction::In,
                text,
                at: now,
                case_number,
            });
        }
        for r in &rendered {
            w.transcript.push(TranscriptLine {
                direction: Direction::Out,
                text: r.plain(),
                at: now,
                case_number,
            });
        }
        write_effects(&mut w, &effects, &self.calendar, now);
        let quotes_computed = effects
            .iter()
            .filter(|e| match e {
                Effect::SaveCase { number, data, .. } => {
                    let before = cases.iter().find(|c| c.number == *number);
                    data.assessment.is_some()
                        && before.and_then(|c| c.data.assessment.as_ref()) != data.assessment.as_ref()
                }
                _ => false,
            })
            .count() as u32;
        let response = Response {
            lang,
            replies: rendered,
            export: None,
            deleted: false,
            expired: false,
            turn: new_state.turn,
            takes_amount: conversation::bare_number_is_amount(&new_state),
            unsaved: false,
            said: replies,
            quotes_computed,
            desk: effects.iter().filter_map(desk_work).collect(),
            picture: self
                .pictures_on()
                .then(|| super::picture::order(&cases, &effects, now, lang))
                .flatten(),
        };
        (w, (response, effects))
    }
}
