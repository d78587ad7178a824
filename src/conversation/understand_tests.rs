//! Facts put into a check, with hand-made extractions (the extractor is
//! tested on its own).

use crate::conversation::state::{Position, State};
use crate::conversation::understand::understand;
use crate::conversation::{Ctx, Input, Intent, Intents, Out, Wish, step};
use crate::input::{Fact, Found, When, parse_instance_id};
use crate::policy::calendar::Calendar;
use crate::policy::{Billing, ProfileId};
use crate::render::{Lang, Renderer};
use chrono::{DateTime, TimeZone, Utc};
use chrono_tz::Asia::Shanghai;
use rust_decimal::Decimal;

fn sh(y: i32, m: u32, d: u32, h: u32) -> DateTime<Utc> {
    Shanghai
        .with_ymd_and_hms(y, m, d, h, 0, 0)
        .single()
        .expect("valid")
        .with_timezone(&Utc)
}

fn day(y: i32, m: u32, d: u32, year_inferred: bool) -> When {
    When {
        at: sh(y, m, d, 0),
        has_time: false,
        year_inferred,
        planned: false,
    }
}

fn found(fact: Fact) -> Found {
    Found {
        fact,
        words: String::new(),
    }
}

struct World {
    calendar: Calendar,
    intents: Intents,
    renderer: Renderer,
}

impl World {
    fn new() -> World {
        let renderer = Renderer::new().expect("templates");
        World {
            calendar: Calendar::china(),
            intents: Intents::load(&renderer),
            renderer,
        }
    }

    fn ctx(&self) -> Ctx<'_> {
        Ctx {
            now: sh(2026, 3, 11, 10),
            profile: ProfileId::Ucloud,
            calendar: &self.calendar,
            cases: &[],
            intents: &self.intents,
            reminders: &[],
            desk: None,
        }
    }

    /// The sentence's facts, as `text` would take them; returns the reply keys.
    fn say(&self, s: &mut State, facts: Vec<Fact>) -> (Vec<String>, Out) {
        let mut out = Out::default();
        let none = Wish::sure(Intent::None, None);
        let found = facts.into_iter().map(found).collect();
        understand(s, "", none, found, false, &self.ctx(), &mut out);
        for r in &out.replies {
            self.renderer
                .render(s.lang(), &r.key, &r.data)
                .unwrap_or_else(|e| panic!("{} does not render: {e:?}", r.key));
        }
        (out.replies.iter().map(|r| r.key.clone()).collect(), out)
    }

    fn step(&self, s: &mut State, input: Input) -> Vec<String> {
        let o = step(s, &input, &self.ctx());
        *s = o.state;
        o.replies.iter().map(|r| r.key.clone()).collect()
    }
}

fn the_sentence() -> Vec<Fact> {
    vec![
        Fact::Billing(Billing::Monthly),
        Fact::Start(day(2026, 3, 1, true)),
        Fact::End(day(2026, 3, 31, false)),
        Fact::Paid(Decimal::from(800)),
        Fact::DeleteAt(day(2026, 3, 11, false)),
    ]
}

#[test]
fn a_sentence_at_the_menu_starts_a_check_and_asks_only_what_is_missing() {
    let w = World::new();
    let mut s = State {
        lang: Some(Lang::En),
        ..State::default()
    };
    let (keys, out) = w.say(&mut s, the_sentence());
    assert_eq!(keys, vec!["understood", "q.account"]);
    assert_eq!(s.case_no, Some(1));
    let understood = w
        .renderer
        .render(Lang::En, "understood", &out.replies[0].data)
        .expect("renders");
    for line in [
        "Billing: monthly",
        "Bought: 2026-03-01 (taken as 2026)",
        "Ends: 2026-03-31",
        "Paid: ¥800.00",
        "Deletion: 2026-03-11",
    ] {
        assert!(understood.contains(line), "{line} in {understood}");
    }
    // The question's own options first, then a correction button per fact.
    let ids: Vec<&str> = out.replies[1].button_ids().collect();
    assert_eq!(
        ids,
        vec![
            "account:none",
            "account:none_admin",
            "account:none_finance",
            "account:items",
            "nav:back",
            "fix:billing",
            "fix:start",
            "fix:end",
            "fix:paid",
            "fix:delete_at"
        ]
    );
    // Two more inputs to the estimate: the sentence answered five of the
    // seven questions, so this one is the sixth.
    assert_eq!(out.replies[1].data["step"], 6);
    assert_eq!(out.replies[1].data["total"], 7);
    w.step(&mut s, Input::Button("account:none".into()));
    assert_eq!(s.at, Position::Instance);
    let keys = w.step(&mut s, Input::Text("uhost-1a2b3c4d".into()));
    assert_eq!(keys.last().map(String::as_str), Some("quote"));
}

#[test]
fn a_fact_that_contradicts_an_answer_is_asked_about_and_the_others_are_put() {
    let w = World::new();
    let mut s = State::default();
    w.say(&mut s, the_sentence());
    w.step(&mut s, Input::Button("account:none".into()));
    assert_eq!(s.at, Position::Instance);
    let paid = s.draft.paid;
    let (keys, out) = w.say(
        &mut s,
        vec![
            Fact::Paid(Decimal::from(900)),
            Fact::Instance(parse_instance_id("uhost-1a2b3c4d").expect("id")),
        ],
    );
    assert_eq!(keys, vec!["understood", "conflict.ask"]);
    assert_eq!(s.draft.paid, paid, "never replaced without a word");
    assert!(s.draft.instance.is_some());
    assert_eq!(s.at, Position::Paid);
    let ids: Vec<&str> = out.replies[1].button_ids().collect();
    assert_eq!(ids[0], "conflict:paid:t:900");
    // The new value pressed answers the amount question, as a fix.
    let keys = w.step(&mut s, Input::Button("conflict:paid:t:900".into()));
    assert_eq!(s.draft.paid, Some(Decimal::from(900)));
    assert_eq!(keys.last().map(String::as_str), Some("quote"));
}

#[test]
fn an_invalid_fact_gets_its_questions_error_and_the_others_are_kept() {
    let w = World::new();
    let mut s = State::default();
    let (keys, _) = w.say(
        &mut s,
        vec![
            Fact::Billing(Billing::Monthly),
            Fact::Start(day(2026, 3, 1, false)),
            Fact::End(day(2026, 2, 1, false)),
            Fact::Paid(Decimal::from(800)),
        ],
    );
    assert_eq!(keys, vec!["understood", "check.end_before_start", "q.account"]);
    assert_eq!(s.draft.end, None);
    assert_eq!(s.draft.paid, Some(Decimal::from(800)));
    // A start in the future is refused like the question refuses it.
    let (keys, _) = w.say(&mut s, vec![Fact::Start(day(2027, 1, 1, false))]);
    assert_eq!(keys[0], "input.date.in_future");
    assert_eq!(s.draft.start, Some(sh(2026, 3, 1, 0)));
}

#[test]
fn correcting_an_understood_fact_goes_back_to_what_is_missing() {
    let w = World::new();
    let mut s = State::default();
    w.say(&mut s, the_sentence());
    assert_eq!(s.at, Position::Account);
    w.step(&mut s, Input::Button("fix:start".into()));
    assert_eq!(s.at, Position::Start);
    w.step(&mut s, Input::Text("2026-03-02".into()));
    assert_eq!(s.draft.start, Some(sh(2026, 3, 2, 0)));
    assert_eq!(s.at, Position::Account, "on to the first open question");
    assert_eq!(s.draft.end, Some(sh(2026, 3, 31, 0)), "the rest is kept");
}
