//! The bot coming back on its own: a reminder message for the due reminders
//! of a user (one message, the most urgent case first, with the buttons that
//! answer it), `/reminders` (what is scheduled, each with a stop button), and
//! the buttons that stop them.

use crate::case::{CaseStatus, CaseView};
use crate::conversation::base::buttons::Id;
use crate::conversation::base::reply::{Button, Effect, Out, Reply};
use crate::conversation::base::state::{Position as P, State};
use crate::conversation::base::vocab::Ctx;
use crate::conversation::base::vocab::ReminderView;
use crate::conversation::cases::card::{case_buttons, case_data};
use crate::conversation::cases::screens::open;
use crate::reminders::Kind;
use serde_json::json;

/// The buttons that answer a reminder of `kind` about case `c`.
fn answer_buttons(kind: Kind, c: &CaseView) -> Vec<Vec<Button>> {
    let mut rows = match kind {
        Kind::Review | Kind::ReviewOverdue => vec![vec![
            Button::new(Id::RemindApproved),
            Button::new(Id::FollowRejected),
            Button::new(Id::RemindNoAnswer),
        ]],
        Kind::Withdrawal | Kind::WithdrawalOverdue => {
            vec![vec![
                Button::new(Id::RemindArrived),
                Button::new(Id::RemindNotYet),
            ]]
        }
        Kind::PlannedDeletion | Kind::ExpiryAhead => vec![vec![Button::with(
            format!("case:{}", c.number),
            "btn.open_case",
            json!({ "n": c.number }),
        )]],
        Kind::MiitOpen | Kind::FeeLimit | Kind::MiitAccept | Kind::MiitReply => vec![vec![Button::with(
            format!("ladder:{}", c.number),
            "btn.ladder.open",
            json!({ "n": c.number }),
        )]],
    };
    rows.push(vec![Button::new(Id::RemindStop)]);
    rows
}

/// One message for every reminder due: the case of the earliest one is
/// opened, so its buttons answer it; the others are listed with a button to
/// open each. Every reminder shown is marked sent with this step.
pub(crate) fn remind(s: &mut State, due: &[ReminderView], ctx: &Ctx, out: &mut Out) {
    let shown: Vec<(&ReminderView, &CaseView)> = due
        .iter()
        .filter_map(|r| ctx.case(r.case).map(|c| (r, c)))
        .collect();
    out.effects
        .push(Effect::RemindersSent(due.iter().map(|r| r.id).collect()));
    let Some((first, case)) = shown.first().copied() else {
        return;
    };
    let items: Vec<_> = shown
        .iter()
        .map(|(r, c)| {
            let mut data = case_data(c, ctx);
            data["kind"] = json!(r.kind);
            data["seq"] = json!(r.seq);
            data["due"] = json!(r.due);
            data
        })
        .collect();
    let others: Vec<i64> = shown
        .iter()
        .map(|(_, c)| c.number)
        .filter(|n| *n != case.number)
        .collect();
    s.case_no = Some(case.number);
    s.draft = case.data.draft.clone();
    s.history = vec![P::Menu];
    s.follow = Default::default();
    s.at = P::CaseView;
    let mut buttons = answer_buttons(first.kind, case);
    let mut seen = Vec::new();
    for n in others {
        if !seen.contains(&n) {
            seen.push(n);
            buttons.push(vec![Button::with(
                format!("case:{n}"),
                "btn.open_case",
                json!({ "n": n }),
            )]);
        }
    }
    out.say(Reply::new("remind", json!({ "items": items, "n": case.number })).buttons(buttons));
}

/// `/reminders`: what is scheduled, earliest first, each with a stop button.
pub(crate) fn list(s: &mut State, ctx: &Ctx, out: &mut Out) {
    let items: Vec<_> = ctx
        .reminders
        .iter()
        .map(|r| {
            json!({
                "id": r.id, "case": r.case, "kind": r.kind, "seq": r.seq, "due": r.due,
                "instance_id": ctx.case(r.case).and_then(|c| c.data.draft.instance.clone()),
            })
        })
        .collect();
    let mut rows: Vec<Vec<Button>> = ctx
        .reminders
        .iter()
        .take(10)
        .map(|r| {
            vec![Button::with(
                format!("remind:off:{}", r.id),
                "btn.remind.off",
                json!({ "case": r.case, "kind": r.kind, "due": r.due }),
            )]
        })
        .collect();
    rows.push(vec![Button::new(Id::MenuMain)]);
    out.say(Reply::new("reminders", json!({ "items": items })).buttons(rows));
    let _ = s;
}

/// The reminder buttons, from any screen; `false` when `id` is not one.
pub(crate) fn button(s: &mut State, id: &str, ctx: &Ctx, out: &mut Out) -> bool {
    if let Some(rid) = id.strip_prefix("remind:off:").and_then(|n| n.parse::<i64>().ok()) {
        // Only the user's own scheduled reminders can be stopped; any other
        // id (someone else's, or one already sent or stopped) is not found.
        match ctx.reminders.iter().find(|r| r.id == rid) {
            Some(known) => {
                out.effects.push(Effect::StopReminder { id: rid });
                out.say(Reply::new(
                    "remind.off",
                    json!({ "case": known.case, "kind": known.kind }),
                ));
            }
            None => out.say(Reply::key("remind.not_found")),
        }
        crate::conversation::screen::show(s, ctx, out);
        return true;
    }
    let Some(pressed) = Id::parse(id) else {
        return false;
    };
    if !matches!(
        pressed,
        Id::RemindApproved | Id::RemindNoAnswer | Id::RemindArrived | Id::RemindNotYet | Id::RemindStop
    ) {
        return false;
    }
    let Some(case) = s.case_no.and_then(|n| ctx.case(n)).cloned() else {
        out.say(Reply::key("nav.stale_button"));
        crate::conversation::screen::show(s, ctx, out);
        return true;
    };
    match pressed {
        Id::RemindStop => {
            out.effects.push(Effect::StopReminders { number: case.number });
            out.say(Reply::new("remind.stopped", json!({ "n": case.number })));
            open(s, case.number, ctx, out);
        }
        Id::RemindApproved => {
            let mut c = case.clone();
            c.status = CaseStatus::Approved;
            out.effects.push(Effect::SaveCase {
                number: c.number,
                status: c.status,
                data: Box::new(c.data.clone()),
            });
            out.effects.push(Effect::Event {
                number: c.number,
                status: CaseStatus::Approved,
                note: None,
            });
            out.say(Reply::new("remind.approved", case_data(&c, ctx)));
            out.say(Reply::new("case.what_next", json!({ "n": c.number })).buttons(case_buttons(&c, ctx)));
        }
        Id::RemindNoAnswer => {
            out.say(Reply::new("remind.no_answer", case_data(&case, ctx)));
            out.say(
                Reply::new("case.what_next", json!({ "n": case.number })).buttons(case_buttons(&case, ctx)),
            );
        }
        Id::RemindArrived => crate::conversation::follow::followup::answer(
            s,
            crate::conversation::base::answer::Answer::Button(Id::FollowRefunded.as_str()),
            ctx,
            out,
        ),
        _ => crate::conversation::follow::followup::answer(
            s,
            crate::conversation::base::answer::Answer::Button(Id::FollowNotArrived.as_str()),
            ctx,
            out,
        ),
    }
    true
}
