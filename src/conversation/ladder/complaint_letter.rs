//! The formal complaint to the provider itself, the ladder's first step: a
//! text from the case (its refusals, support's words, the ticket, the rule
//! and the estimate), to send through the provider's complaint channel.

use crate::case::{CaseStatus, CaseView};
use crate::conversation::base::reply::{Button, Out, Reply};
use crate::conversation::base::state::State;
use crate::conversation::base::vocab::Ctx;
use crate::conversation::cases::card::case_data;
use crate::conversation::ladder::buttons::{btn, case_and_menu};
use serde_json::json;

/// Days the complaint gives the provider to answer: MIIT's centre takes a
/// complaint once the company has had 15 days (`escalation::COMPANY_DAYS`).
const ANSWER_DAYS: u64 = crate::policy::escalation::COMPANY_DAYS;

pub(crate) fn write(s: &mut State, c: &CaseView, ctx: &Ctx, out: &mut Out) {
    let n = c.number;
    s.case_no = Some(n);
    let mut data = case_data(c, ctx);
    let refusals = c
        .events
        .iter()
        .filter(|e| e.status == CaseStatus::Rejected)
        .count();
    data["refusals"] = json!(refusals);
    data["answer_days"] = json!(ANSWER_DAYS);
    out.say(Reply::new("ladder.letter_complaint", data).buttons(vec![
        vec![btn(n, "complained", "complained")],
        vec![Button::with(
            format!("ladder:{n}"),
            "btn.ladder.back",
            json!({ "n": n }),
        )],
        case_and_menu(n),
    ]));
}
