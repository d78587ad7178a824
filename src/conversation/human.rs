//! "Talk to a person": `/human`, the words, or the button the bot offers
//! when it is stuck. Where no operator inbox is set up, the bot says so
//! honestly and what it can still do, then the screen comes back. Where one
//! is, the case is handed off (an effect the adapter carries out: the topic,
//! the card, the relay) and the chat is "handed off" until the person hands
//! it back or the user goes back to the bot: what the user types and sends
//! meanwhile goes to the person, and the bot answers only commands.

use crate::case::{CaseStatus, CaseView};
use crate::conversation::ask;
use crate::conversation::base::buttons::Id;
use crate::conversation::base::reply::{Button, Effect, Out, Reply};
use crate::conversation::base::state::State;
use crate::conversation::base::vocab::{Ctx, DeskInput, Input};
use crate::conversation::cases::card::{case_data, difference, key_for};
use crate::conversation::evidence;
use serde_json::json;

/// The case number as the texts show it (none for 0, no case yet).
fn shown(number: i64) -> Option<i64> {
    (number > 0).then_some(number)
}

fn back_button() -> Vec<Vec<Button>> {
    vec![vec![Button::new(Id::HumanBack)]]
}

pub(crate) fn ask(s: &mut State, ctx: &Ctx, out: &mut Out) {
    s.stuck = 0;
    let Some(within) = ctx.desk else {
        out.say(Reply::new("human.none", json!({ "n": s.case_no })));
        return ask::resume(s, ctx, out);
    };
    if let Some(number) = s.handed_off {
        let r = Reply::new("handoff.already", json!({ "n": shown(number) }));
        return out.say(r.buttons(back_button()));
    }
    // The case on screen, else the one most recently worked on.
    let latest = ctx.cases.iter().max_by_key(|c| (c.created_at, c.number));
    let number = s.case_no.or(latest.map(|c| c.number)).unwrap_or(0);
    s.handed_off = Some(number);
    out.effects.push(Effect::HandOff { number });
    let data = json!({
        "n": shown(number),
        "hours": within.hours(),
        "minutes": within.minutes,
        "due": within.due(ctx.calendar, ctx.now),
    });
    let mut buttons = back_button();
    buttons.push(vec![Button::new(Id::HumanUnmask)]);
    out.say(Reply::new("handoff.opened", data).buttons(buttons));
}

/// "The person may see my details": only while a person has the case.
pub(crate) fn unmask(s: &mut State, ctx: &Ctx, out: &mut Out) {
    match s.handed_off {
        Some(number) => {
            out.effects.push(Effect::Unmask { number });
            let r = Reply::new("handoff.unmasked", json!({ "n": shown(number) }));
            out.say(r.buttons(back_button()));
        }
        None => ask::resume(s, ctx, out),
    }
}

/// While a person has the case, a text or a file goes to them: no reply
/// from the bot. A file is still kept as evidence, as always. Returns
/// whether the input was taken.
pub(crate) fn relayed(s: &mut State, input: &Input, ctx: &Ctx, out: &mut Out) -> bool {
    let Some(number) = s.handed_off else {
        return false;
    };
    match input {
        Input::Text(_) => {}
        Input::File(f) => {
            // Kept as evidence without the bot's own questions about it:
            // the screen stays where it was.
            let (at, history) = (s.at, s.history.clone());
            let mut quiet = Out::default();
            evidence::files::received(s, f, ctx, &mut quiet);
            (s.at, s.history) = (at, history);
            out.effects.extend(quiet.effects);
        }
        _ => return false,
    }
    out.effects.push(Effect::Relay { number });
    true
}

/// What comes from the operator inbox.
pub(crate) fn desk(s: &mut State, input: &DeskInput, ctx: &Ctx, out: &mut Out) {
    let n = s.handed_off.and_then(shown);
    match input {
        DeskInput::Said(text) => out.say(Reply::new("handoff.person_said", json!({ "text": text, "n": n }))),
        DeskInput::Sent(caption) => out.say(Reply::new(
            "handoff.person_sent",
            json!({ "caption": caption, "n": n }),
        )),
        DeskInput::Closed => {
            if s.handed_off.take().is_some() {
                out.say(Reply::new("handoff.closed", json!({ "n": n })));
                ask::resume(s, ctx, out);
            }
        }
        DeskInput::Unreachable => {
            if s.handed_off.take().is_some() {
                out.say(Reply::new("handoff.unreachable", json!({ "n": n })));
                ask::resume(s, ctx, out);
            }
        }
        DeskInput::Overdue => {
            if s.handed_off.is_some() {
                let r = Reply::new("handoff.overdue", json!({ "n": n }));
                let buttons = vec![vec![Button::new(Id::HumanWait), Button::new(Id::HumanBack)]];
                out.say(r.buttons(buttons));
            }
        }
    }
}

/// "Back to the bot": the person's hand-off ends, the screen comes back.
pub(crate) fn back(s: &mut State, ctx: &Ctx, out: &mut Out) {
    if let Some(number) = s.handed_off.take() {
        out.effects.push(Effect::HandBack { number });
        out.say(Reply::new("handoff.back", json!({ "n": shown(number) })));
    }
    ask::resume(s, ctx, out);
}

/// "I'll wait": nothing changes; the way back stays on offer.
pub(crate) fn wait(s: &mut State, ctx: &Ctx, out: &mut Out) {
    match s.handed_off {
        Some(number) => {
            let r = Reply::new("handoff.waiting", json!({ "n": shown(number) }));
            out.say(r.buttons(back_button()));
        }
        None => ask::resume(s, ctx, out),
    }
}

/// The case as the bot shows it, for the person it is handed to: its screen
/// (facts, figure and breakdown, dates, history, evidence) and the letter
/// its stage calls for (the appeal after a refusal, the letter about a
/// different amount, else the request), as the user saw them.
pub fn card(c: &CaseView, ctx: &Ctx) -> Vec<Reply> {
    let mut replies = vec![Reply::new("case", case_data(c, ctx))];
    let letter = match c.status {
        CaseStatus::Rejected => Some("appeal"),
        _ if c.data.received.is_some() => Some("followup.different"),
        _ if c.data.assessment.is_some() => Some("request_text"),
        _ => None,
    };
    if let Some(key) = letter {
        let mut data = case_data(c, ctx);
        if let Some(got) = c.data.received {
            difference(&mut data, c, got);
        }
        replies.push(Reply::new(&key_for(key, c), data));
    }
    replies
}
