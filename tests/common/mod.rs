//! A harness that drives the real application (store on `sqlite::memory:`,
//! fixed clock, templates) like an adapter does, and renders every reply
//! again strictly so a missing or broken template fails the test.
#![allow(dead_code)]

use chrono::{DateTime, TimeZone, Utc};
use chrono_tz::Asia::Shanghai;
use refund_assistant::app::{App, Message, Response};
use refund_assistant::case::{CaseData, CaseView, ContactView, EventView};
use refund_assistant::cli::quote::{QuoteArgs, execute};
use refund_assistant::conversation::{Effect, Input, Reply, State};
use refund_assistant::render::{Lang, Renderer};
use refund_assistant::store::{Store, Turn, UserKey, Write};
use std::sync::{Arc, Mutex};

pub fn sh(y: i32, m: u32, d: u32, h: u32) -> DateTime<Utc> {
    Shanghai
        .with_ymd_and_hms(y, m, d, h, 0, 0)
        .single()
        .expect("valid time")
        .with_timezone(&Utc)
}

/// The refund the `quote` command gives for the worked example (monthly,
/// 800, 2026-03-01 to 2026-03-31, deleted 2026-03-11), as a string.
pub fn quote_command_refund() -> String {
    let args = QuoteArgs {
        billing: Some("monthly".into()),
        paid: Some("800".into()),
        start: Some("2026-03-01".into()),
        end: Some("2026-03-31".into()),
        at: Some("2026-03-11".into()),
        json: true,
        ..Default::default()
    };
    let (code, out, _) = execute(&args, sh(2026, 3, 11, 10));
    assert_eq!(code, 0);
    let v: serde_json::Value = serde_json::from_str(&out).expect("json");
    v["refund"].as_str().expect("refund").to_owned()
}

pub struct Chat {
    pub app: App,
    rt: tokio::runtime::Runtime,
    user: UserKey,
    clock: Arc<Mutex<DateTime<Utc>>>,
    lang: Lang,
    /// The chat's state and the user's cases as stored after the last message.
    pub state: State,
    pub cases: Vec<CaseView>,
    /// The clock for the next message.
    pub now: DateTime<Utc>,
    pub renderer: Arc<Renderer>,
    /// The replies of the last message, as the conversation gave them.
    pub last: Vec<Reply>,
    /// What the adapter was asked to do (export, erase).
    pub effects: Vec<Effect>,
    pub response: Response,
    /// Inputs sent so far (texts, commands and presses).
    pub inputs: usize,
    /// The plain text of the last replies.
    pub last_text: String,
}

impl Chat {
    pub fn new(lang: Lang) -> Chat {
        let rt = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .expect("runtime");
        let now = sh(2026, 3, 11, 10);
        let clock = Arc::new(Mutex::new(now));
        let read = clock.clone();
        let store = rt
            .block_on(Store::connect("sqlite::memory:"))
            .expect("in-memory store");
        let app = App::new(store, Arc::new(move || *read.lock().expect("clock"))).expect("app");
        Chat {
            renderer: app.renderer.clone(),
            app,
            rt,
            user: UserKey::new("test", 1),
            clock,
            lang,
            state: State {
                lang: Some(lang),
                ..State::default()
            },
            cases: vec![],
            now,
            last: vec![],
            effects: vec![],
            response: Response::default(),
            inputs: 0,
            last_text: String::new(),
        }
    }

    /// Send one message through the application and reload what it stored.
    pub fn message(&mut self, msg: Message) -> String {
        self.inputs += 1;
        *self.clock.lock().expect("clock") = self.now;
        let r = self
            .rt
            .block_on(self.app.handle(&self.user, 1, None, Some(self.lang.code()), msg))
            .expect("handled")
            .expect("not a duplicate");
        self.adopt(r)
    }

    /// The user's key in the store.
    pub fn user(&self) -> UserKey {
        self.user.clone()
    }

    /// Runs a future on the chat's runtime (for store and app calls).
    pub fn run<F: std::future::Future>(&self, f: F) -> F::Output {
        self.rt.block_on(f)
    }

    /// Takes a response the application gave outside [`Chat::message`] (a
    /// reminder) as the one on screen, checking it as every reply is checked.
    pub fn adopt(&mut self, r: Response) -> String {
        self.reload();
        self.effects.clear();
        if let Some((n, _)) = &r.export {
            self.effects.push(Effect::Export { number: *n });
        }
        if r.deleted {
            self.effects.push(Effect::DeleteMyData);
        }
        self.last = r.said.clone();
        let lang = r.lang;
        for reply in &self.last {
            self.renderer
                .render(lang, &reply.key, &reply.data)
                .unwrap_or_else(|e| panic!("reply {} does not render: {e:?}", reply.key));
            for b in reply.buttons.iter().flatten() {
                // Telegram callback data: the id, '#', and the turn, under 64 bytes.
                assert!(
                    format!("{}#{}", b.id, r.turn).len() < 64,
                    "button id too long for callback data: {}",
                    b.id
                );
                let label = self
                    .renderer
                    .render(lang, &b.label, &b.vars)
                    .unwrap_or_else(|e| panic!("button {} does not render: {e:?}", b.label));
                assert!(!label.trim().is_empty(), "empty label {}", b.label);
            }
        }
        self.last_text = r
            .replies
            .iter()
            .map(|x| x.plain())
            .collect::<Vec<_>>()
            .join("\n---\n");
        self.response = r;
        self.last_text.clone()
    }

    /// A typed text, or a button pressed as the Telegram adapter sends it
    /// (`id#turn`).
    pub fn send(&mut self, input: Input) -> String {
        match input {
            Input::Text(t) => self.message(Message::Text(t)),
            Input::Button(id) => {
                let wire = format!("{id}#{}", self.response.turn);
                self.message(Message::Button(wire))
            }
            Input::Command(c) => panic!("send commands as text: {c:?}"),
            Input::Remind(due) => self.message(Message::Remind(due)),
            Input::File(f) => self.message(Message::File(f)),
            Input::Desk(d) => self.message(Message::Desk(d)),
        }
    }

    fn reload(&mut self) {
        let user = self.user.clone();
        let store = self.app.store.clone();
        let now = self.now;
        let (state, cases) = self.rt.block_on(async move {
            let turn = store
                .turn(&user, 1, None, now, |l| {
                    (
                        Write {
                            state: l.state.clone(),
                            ..Write::default()
                        },
                        l.state.clone(),
                    )
                })
                .await
                .expect("state");
            let state = match turn {
                Turn::Done(v) => v,
                Turn::Duplicate => None,
            };
            let mut cases = Vec::new();
            for r in store.cases(&user).await.expect("cases") {
                let d = store.case(&user, r.number).await.expect("case").expect("exists");
                cases.push(CaseView {
                    number: r.number,
                    status: r.status,
                    data: serde_json::from_value::<CaseData>(r.inputs.clone()).expect("case data"),
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
                    created_at: r.created_at,
                });
            }
            cases.sort_by_key(|c| c.number);
            (state, cases)
        });
        self.state = state
            .map(|v| serde_json::from_value(v).expect("state"))
            .unwrap_or_default();
        self.cases = cases;
    }

    pub fn text(&mut self, t: &str) -> String {
        self.message(Message::Text(t.to_owned()))
    }

    pub fn press(&mut self, id: &str) -> String {
        let offered = self.last.iter().any(|r| r.button_ids().any(|b| b == id));
        assert!(
            offered,
            "button {id} not offered; last replies: {:?}",
            self.keys()
        );
        self.send(Input::Button(id.to_owned()))
    }

    pub fn keys(&self) -> Vec<String> {
        self.last.iter().map(|r| r.key.clone()).collect()
    }

    pub fn asked(&self) -> String {
        self.last.last().map(|r| r.key.clone()).unwrap_or_default()
    }

    /// The worked example with buttons wherever a button exists: monthly,
    /// 800, 2026-03-01 to 2026-03-31, deleted 2026-03-11, up to the first
    /// estimate. Returns the number of inputs from the menu to the estimate.
    pub fn monthly_800(&mut self) -> usize {
        self.text("/start");
        let before = self.inputs;
        self.press("menu:new");
        self.press("billing:monthly");
        self.press("account:none");
        self.text("uhost-1a2b3c4d");
        self.text("2026-03-01");
        self.text("2026-03-31");
        self.text("800元");
        self.text("2026-03-11");
        assert_eq!(self.asked(), "quote", "{:?}", self.keys());
        self.inputs - before
    }

    /// After the estimate: "Refine", every amount detail "none", a refund by
    /// deleting in the console, up to (not including) the reason.
    pub fn refine_up_to_reason(&mut self) {
        self.press("result:refine");
        for b in [
            "list:none",
            "voucher:none",
            "gift:none",
            "overage:none",
            "vas:none",
            "request:self-service",
        ] {
            self.press(b);
        }
        assert_eq!(self.asked(), "q.reason");
    }
}
