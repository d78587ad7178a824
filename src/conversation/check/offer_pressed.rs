//! A press on an offered value (an amount or date said without a role): it
//! is taken as the answer to the question on screen.

use crate::conversation::base::answer::Answer;
use crate::conversation::base::reply::Out;
use crate::conversation::base::reply::Reply;
use crate::conversation::base::state::{Position as P, State};
use crate::conversation::base::vocab::Ctx;
use crate::conversation::check::offered::takes_date;
use crate::conversation::check::question;
use crate::conversation::check::questions;
use crate::input::{self, Fact};

/// A press on an offered value: the question on screen answered with it.
/// `false` when the id is not an offer.
pub(crate) fn pressed(s: &mut State, id: &str, ctx: &Ctx, out: &mut Out) -> bool {
    let Some(rest) = id.strip_prefix("offer:") else {
        return false;
    };
    let (list, fits) = match rest.split_at_checked(1) {
        Some(("a", _)) => (&mut s.offered.amounts, s.at == P::Paid),
        Some(("d", _)) => (&mut s.offered.dates, takes_date(s.at)),
        _ => (&mut s.offered.dates, false),
    };
    let is_date = rest.starts_with('d');
    let words = rest
        .get(1..)
        .and_then(|n| n.parse::<usize>().ok())
        .filter(|i| *i < list.len() && fits)
        .map(|i| list.remove(i));
    let words = if is_date {
        words.and_then(|w| as_answer(s.at, &w, ctx))
    } else {
        words
    };
    match words {
        Some(w) => questions::answer(s, Answer::Text(&w), ctx, out),
        None => {
            out.say(Reply::key("nav.stale_button"));
            out.say(question::ask(s, ctx));
        }
    }
    true
}

/// A date as the user wrote it ("march 5", "周五"), read for the role of the
/// question on screen (a date without a year is the past one for a purchase,
/// the coming one for an end), written as the question takes it.
fn as_answer(p: P, words: &str, ctx: &Ctx) -> Option<String> {
    // The extractor's own role words: it reads both languages always.
    let role = match p {
        P::Start => "bought",
        P::End => "ends",
        _ => "deleted",
    };
    let read = input::extract(&format!("{role} {words}"), crate::render::Lang::En, ctx.now);
    read.facts.iter().find_map(|f| {
        let w = match (&f.fact, p) {
            (Fact::Start(w), P::Start) | (Fact::End(w), P::End) | (Fact::DeleteAt(w), P::DeleteAt) => w,
            _ => return None,
        };
        let local = input::shanghai(w.at);
        Some(if w.has_time {
            local.format("%Y-%m-%d %H:%M").to_string()
        } else {
            local.format("%Y-%m-%d").to_string()
        })
    })
}
