//! What the knowledge tests share: the templates, the index, a fixed clock
//! and cases of a few shapes.

use chrono::{DateTime, NaiveDateTime, TimeZone, Utc};
use chrono_tz::Asia::Shanghai;
use refund_assistant::case::{CaseData, CaseStatus, CaseView, Draft, EventView};
use refund_assistant::conversation::Reply;
use refund_assistant::conversation::knowledge::Knowledge;
use refund_assistant::policy::Provider;
use refund_assistant::render::{Lang, Renderer, plain};
use std::sync::OnceLock;

pub fn renderer() -> &'static Renderer {
    static R: OnceLock<Renderer> = OnceLock::new();
    R.get_or_init(|| Renderer::new().expect("templates load"))
}

pub fn knowledge() -> &'static Knowledge {
    static K: OnceLock<Knowledge> = OnceLock::new();
    K.get_or_init(|| Knowledge::load(renderer()))
}

/// A Beijing time, "2026-12-06 10:00".
pub fn at(s: &str) -> DateTime<Utc> {
    let naive = NaiveDateTime::parse_from_str(s, "%Y-%m-%d %H:%M").expect("a test time");
    Shanghai
        .from_local_datetime(&naive)
        .single()
        .expect("one Beijing time")
        .with_timezone(&Utc)
}

/// The day every test lives on: Sunday 6 December 2026, 10:00 in Beijing.
pub fn now() -> DateTime<Utc> {
    at("2026-12-06 10:00")
}

/// A case with this provider and purchase time, as the check left it.
pub fn case(provider: Provider, start: &str) -> CaseView {
    let draft = Draft {
        provider: Some(provider),
        start: Some(at(start)),
        ..Draft::default()
    };
    CaseView {
        number: 1,
        status: CaseStatus::Quoted,
        data: CaseData {
            draft,
            ..CaseData::default()
        },
        events: Vec::new(),
        contacts: Vec::new(),
        created_at: at(start),
    }
}

/// The case refused by support on `day` (the dispute arises then).
pub fn refused(mut c: CaseView, day: &str) -> CaseView {
    c.status = CaseStatus::Rejected;
    c.events.push(EventView {
        status: CaseStatus::Rejected,
        at: at(day),
        note: None,
    });
    c
}

/// A reply as the console shows it.
pub fn text(reply: &Reply, lang: Lang) -> String {
    let html = renderer()
        .render(lang, &reply.key, &reply.data)
        .unwrap_or_else(|e| panic!("{} ({}) does not render: {e}", reply.key, lang.code()));
    plain(&html)
}
