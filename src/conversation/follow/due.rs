//! "就是说14号以前到都算正常 过了14号没到再催 对不": the person checks the due
//! day the bot gave; the answer is yes (or the right day) and what to do after it.

use crate::conversation::base::reply::{Out, Reply};
use crate::conversation::base::state::{Position as P, State};
use crate::conversation::base::vocab::Ctx;
use crate::conversation::cases::card;
use chrono::Datelike;
use serde_json::json;

/// Whether `t` checks the case's due day (a confirmation asked, a day of the month named), answered.
pub(crate) fn confirmed(s: &mut State, t: &str, ctx: &Ctx, out: &mut Out) -> bool {
    if !matches!(s.at, P::CaseView | P::Result) {
        return false;
    }
    let bare = t.trim().trim_end_matches(['?', '？', '。', '!', '！']);
    let tags = &ctx.intents.dialogue.confirm_tags;
    if !tags.iter().any(|w| bare.to_lowercase().ends_with(w.as_str())) {
        return false;
    }
    let Some(c) = card::active(s, ctx) else {
        return false;
    };
    let Some(k) = crate::case::clock(c, ctx.calendar, ctx.now) else {
        return false;
    };
    let Some(said) = day_numbers(t).first().copied() else {
        return false;
    };
    let due = k.window.latest;
    out.say(Reply::new(
        "followup.due_confirmed",
        json!({ "right": said == due.day(), "due": due.format("%Y-%m-%d").to_string(), "awaits": k.awaits, "n": c.number }),
    ));
    crate::conversation::ask::resume(s, ctx, out);
    true
}

/// The days of the month a text names ("14号", "14日", "the 14th").
fn day_numbers(t: &str) -> Vec<u32> {
    let cs: Vec<char> = t.chars().collect();
    let mut out = vec![];
    let mut i = 0;
    while i < cs.len() {
        if cs[i].is_ascii_digit() {
            let start = i;
            while i < cs.len() && cs[i].is_ascii_digit() {
                i += 1;
            }
            let n: String = cs[start..i].iter().collect();
            let next: String = cs[i..].iter().take(2).collect();
            if ["号", "日", "th", "st", "nd", "rd"]
                .iter()
                .any(|w| next.starts_with(w))
                && let Ok(d) = n.parse::<u32>()
                && (1..=31).contains(&d)
            {
                out.push(d);
            }
        } else {
            i += 1;
        }
    }
    out
}
