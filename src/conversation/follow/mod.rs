//! Following a case after the request: submitted, rejected, a different
//! amount, not arrived, refunded, contacts (`followup`, `follow_steps`), a
//! follow-up asked for in words (`follow_intent`), one opened without an
//! estimate (`fresh`, `fresh_answer`), the money in a balance and its
//! withdrawal (`balance`), an approval told (`approved`), an appeal counted
//! from the request (`count_from`), the use told after an abnormal-use refusal
//! (`usage`, `usage_told`), and the reminders (`reminders`).

pub(crate) mod approved;
pub(crate) mod balance;
pub(crate) mod count_from;
pub(crate) mod due;
pub(crate) mod follow_intent;
pub(crate) mod follow_steps;
pub(crate) mod followup;
pub(crate) mod fresh;
pub(crate) mod fresh_answer;
pub(crate) mod fresh_told;
pub(crate) mod not_arrived;
pub(crate) mod not_shown;
pub(crate) mod note;
mod note_words;
pub(crate) mod refused_on;
pub mod reminders;
pub(crate) mod report;
pub(crate) mod ticket;
pub(crate) mod tone;
pub(crate) mod topup;
pub(crate) mod usage;
pub(crate) mod usage_told;

use crate::conversation::base::reply::Out;
use crate::conversation::base::state::State;
use crate::conversation::base::vocab::Ctx;

/// Words for the case on screen, asked for or said as such (its letter's words, support's quote
/// and day, a rule never shown, its due day checked): acted on, or false.
pub(crate) fn said_for_case(s: &mut State, t: &str, ctx: &Ctx, out: &mut Out) -> bool {
    refused_on::quote_told(s, t, ctx, out)
        || count_from::asked(s, t, ctx, out)
        || usage_told::told(s, t, ctx, out)
        || note::wanted(s, t, ctx, out)
        || note::not_shown(s, t, ctx, out)
        || note::customised(s, t, ctx, out)
        || due::confirmed(s, t, ctx, out)
        || tone::softer_asked(s, &crate::conversation::read::words::fold(t), ctx, out)
        || balance::topup_dated(s, t, ctx, out)
        || note::write_asked(s, t, ctx, out)
        || refused_on::told(s, t, ctx, out)
}
