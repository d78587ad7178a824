//! A harness that drives the conversation engine like an adapter does, and
//! renders every reply so a missing or broken template fails the test.
#![allow(dead_code)]

use chrono::{DateTime, TimeZone, Utc};
use chrono_tz::Asia::Shanghai;
use refund_assistant::conversation::{self, CaseView, Ctx, Effect, Input, Reply, State};
use refund_assistant::policy::ProfileId;
use refund_assistant::policy::calendar::Calendar;
use refund_assistant::render::{Lang, Renderer, plain};

pub fn sh(y: i32, m: u32, d: u32, h: u32) -> DateTime<Utc> {
    Shanghai
        .with_ymd_and_hms(y, m, d, h, 0, 0)
        .single()
        .expect("valid time")
        .with_timezone(&Utc)
}

pub struct Chat {
    pub state: State,
    pub cases: Vec<CaseView>,
    pub now: DateTime<Utc>,
    pub calendar: Calendar,
    pub renderer: Renderer,
    pub intents: refund_assistant::conversation::Intents,
    pub last: Vec<Reply>,
    pub effects: Vec<Effect>,
    /// Inputs sent so far (texts, commands and presses).
    pub inputs: usize,
    /// The plain text of the last replies.
    pub last_text: String,
}

impl Chat {
    pub fn new(lang: Lang) -> Chat {
        Chat {
            state: State {
                lang: Some(lang),
                ..State::default()
            },
            cases: vec![],
            now: sh(2026, 3, 11, 10),
            calendar: Calendar::china(),
            renderer: Renderer::new().expect("templates load"),
            intents: refund_assistant::conversation::Intents::load(&Renderer::new().expect("templates load")),
            last: vec![],
            effects: vec![],
            inputs: 0,
            last_text: String::new(),
        }
    }

    pub fn send(&mut self, input: Input) -> String {
        self.inputs += 1;
        let ctx = Ctx {
            now: self.now,
            profile: ProfileId::Ucloud,
            calendar: &self.calendar,
            cases: &self.cases,
            intents: &self.intents,
        };
        let out = conversation::step(&self.state, &input, &ctx);
        conversation::apply(&mut self.cases, &out.effects, self.now);
        self.state = out.state;
        self.effects = out.effects;
        self.last = out.replies;
        let lang = self.state.lang();
        let mut text = Vec::new();
        for r in &self.last {
            let body = self
                .renderer
                .render(lang, &r.key, &r.data)
                .unwrap_or_else(|e| panic!("reply {} does not render: {e:?}", r.key));
            text.push(plain(&body));
            for b in r.buttons.iter().flatten() {
                // Telegram callback data: the id, '#', and the turn, under 64 bytes.
                assert!(b.id.len() <= 40, "button id too long for callback data: {}", b.id);
                let label = self
                    .renderer
                    .render(lang, &b.label, &b.vars)
                    .unwrap_or_else(|e| panic!("button {} does not render: {e:?}", b.label));
                assert!(!label.trim().is_empty(), "empty label {}", b.label);
            }
        }
        self.last_text = text.join("\n---\n");
        self.last_text.clone()
    }

    pub fn text(&mut self, t: &str) -> String {
        self.send(Input::from_text(t))
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
