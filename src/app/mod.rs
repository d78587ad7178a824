//! The one path every message takes, whatever the transport: load the chat
//! from the store, run the pure conversation step, render the replies, and
//! write everything back in one transaction. The console and Telegram
//! adapters only map their events to [`Message`] and show [`Response`].

mod export;
mod guard;
mod labels;
mod remind;

use crate::case::{CaseData, CaseView, ContactView, EventView};
use crate::conversation::{self, Ctx, Effect, Input, Intents, Reply, State};
use crate::policy::ProfileId;
use crate::policy::calendar::Calendar;
use crate::render::{Lang, Renderer, plain};
use crate::store::{
    self, CaseRecord, Direction, Loaded, Store, StoreError, TranscriptLine, Turn, UserKey, Write,
};
use chrono::{DateTime, Utc};
use serde_json::json;
use std::str::FromStr;
use std::sync::Arc;

pub use labels::resolve;
pub use remind::view as reminder_view;

/// What a user sent.
#[derive(Clone, Debug, PartialEq)]
pub enum Message {
    /// Typed text (commands included).
    Text(String),
    /// A pressed button, by id. Transports that keep old keyboards on screen
    /// send `id#turn` (see [`Response::turn`]); a press from another turn is
    /// answered as expired and changes nothing.
    Button(String),
    /// The user came back: show where they are (or welcome a new user).
    Resume,
    /// The bot comes back with these due reminders (not typed by the user).
    Remind(Vec<conversation::ReminderView>),
    /// A photo or document, its bytes already kept (see `evidence`).
    File(crate::case::Incoming),
}

/// A reply ready for a transport: Telegram HTML and labelled buttons.
#[derive(Clone, Debug, PartialEq)]
pub struct Rendered {
    pub html: String,
    pub buttons: Vec<Vec<(String, String)>>,
}

impl Rendered {
    pub fn plain(&self) -> String {
        plain(&self.html)
    }
}

/// Everything the adapter has to show or do after one message.
#[derive(Clone, Debug, PartialEq, Default)]
pub struct Response {
    pub lang: Lang,
    pub replies: Vec<Rendered>,
    /// A case exported as Markdown: (case number, document).
    pub export: Option<(i64, String)>,
    /// The user's data was erased.
    pub deleted: bool,
    /// The press came from an old keyboard: nothing was done.
    pub expired: bool,
    /// The turn the buttons of these replies belong to.
    pub turn: u64,
    /// The question on screen takes an amount (a bare number is not a button).
    pub takes_amount: bool,
    /// The store could not be reached: nothing was saved, the user is asked
    /// to send the message again (what is on screen still stands).
    pub unsaved: bool,
    /// The replies as the conversation gave them (template keys, data and
    /// button ids), before rendering: for tests and tools.
    pub said: Vec<Reply>,
    /// New refund figures worked out in this step (for the metrics).
    pub quotes_computed: u32,
}

/// Where "now" comes from (tests fix it).
pub type Clock = Arc<dyn Fn() -> DateTime<Utc> + Send + Sync>;

/// The application: store, templates, rules and clock.
#[derive(Clone)]
pub struct App {
    pub store: Store,
    pub renderer: Arc<Renderer>,
    /// The words users ask for things with (from the templates).
    pub intents: Arc<Intents>,
    pub calendar: Arc<Calendar>,
    pub profile: ProfileId,
    pub clock: Clock,
}

#[derive(Debug, thiserror::Error)]
pub enum AppError {
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error("templates: {0}")]
    Render(#[from] crate::render::RenderError),
}

/// What a committed step adds to the operator's counters.
fn count_metrics(response: &Response, effects: &[Effect]) {
    use crate::ops::{count, names};
    let created = effects
        .iter()
        .filter(|e| matches!(e, Effect::Event { status, .. } if *status == crate::case::CaseStatus::Draft))
        .count() as u64;
    if created > 0 {
        count(names::CASES_CREATED, created);
    }
    if response.quotes_computed > 0 {
        count(names::QUOTES, u64::from(response.quotes_computed));
    }
}

/// A stored case as the conversation sees it.
fn case_view(r: &CaseRecord, loaded: &Loaded) -> CaseView {
    let data: CaseData = serde_json::from_value(r.inputs.clone()).unwrap_or_else(|e| {
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
            | Effect::StopReminder { .. } => {}
        }
    }
}

impl App {
    pub fn new(store: Store, clock: Clock) -> Result<App, AppError> {
        let renderer = Renderer::new()?;
        Ok(App {
            store,
            intents: Arc::new(Intents::load(&renderer)),
            renderer: Arc::new(renderer),
            calendar: Arc::new(Calendar::china()),
            profile: ProfileId::Ucloud,
            clock,
        })
    }

    /// The real clock.
    pub fn system_clock() -> Clock {
        Arc::new(Utc::now)
    }

    pub fn render(&self, lang: Lang, r: &Reply) -> Rendered {
        Rendered {
            html: self.renderer.text(lang, &r.key, &r.data),
            buttons: r
                .buttons
                .iter()
                .map(|row| {
                    row.iter()
                        .map(|b| (b.id.clone(), plain(&self.renderer.text(lang, &b.label, &b.vars))))
                        .collect()
                })
                .collect(),
        }
    }

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
                Effect::Export { number } => match self.export(user, *number, response.lang).await {
                    Ok(doc) => response.export = doc.map(|doc| (*number, doc)),
                    Err(AppError::Store(e)) => return Ok(Some(self.unsaved(client_lang, &e))),
                    Err(AppError::Render(e)) => {
                        response
                            .replies
                            .push(self.export_failed(response.lang, *number, &e))
                    }
                },
                Effect::DeleteMyData => match self.store.delete_user(user).await {
                    Ok(_) => response.deleted = true,
                    Err(e) => return Ok(Some(self.unsaved(client_lang, &e))),
                },
                _ => {}
            }
        }
        Ok(Some(response))
    }

    fn step(
        &self,
        loaded: &Loaded,
        client_lang: Option<&str>,
        msg: &Message,
        now: DateTime<Utc>,
    ) -> (Write, (Response, Vec<Effect>)) {
        let stored: Option<State> = loaded
            .state
            .clone()
            .and_then(|v| match serde_json::from_value(v) {
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
        };
        let (input, said) = match msg {
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
            takes_amount: conversation::takes_amount(&new_state),
            unsaved: false,
            said: replies,
            quotes_computed,
        };
        (w, (response, effects))
    }
}
