//! Facts out of free text: what a user wrote in one sentence ("uhost-1a2b3c4d
//! 是 2026年3月1日 买的，包月，实付 800 元"), found anywhere in it, in any
//! order, each with the words it came from. Pure: no I/O, no state; the
//! conversation decides what to do with the facts.
//!
//! The types (in `facts`) are the contract between this module and the
//! conversation.
//!
//! How it reads: values first, each claiming its characters so no number is
//! read twice (instance IDs, dates with their times, period lengths, then
//! the numbers that are not money, then amounts); then the words that give
//! values their roles (`templates/*/strings/extract.toml`), each word
//! paired with the nearest value in its clause, one to one. What cannot be
//! paired, or is paired twice with different values, is left unclear.

mod dates;
mod facts;
mod roles;
mod scan;
mod span;
mod words;

use chrono::{DateTime, Utc};

use crate::render::Lang;

pub use facts::{Extracted, Fact, Found, ReasonKind, Unclear, UnclearKind, When};

/// Finds every fact in `text`. `lang` is the chat's language (a tie-breaker
/// only: both languages' words are always understood); relative dates
/// (昨天, 3 days ago) are resolved against `now` on the Shanghai clock.
/// The one date a sentence gives, not after `now` ("2026年11月23日，刚才
/// 已经告诉过您了"), whatever else it says.
pub fn one_past_date(text: &str, lang: Lang, now: DateTime<Utc>) -> Option<DateTime<Utc>> {
    match extract(text, lang, now).past_dates(now).as_slice() {
        [one] => Some(*one),
        _ => None,
    }
}

pub fn extract(text: &str, lang: Lang, now: DateTime<Utc>) -> Extracted {
    // Both languages' words are always read; nothing yet needs the tie-breaker.
    let _ = lang;
    let mut text = span::Text::new(text);
    scan::skip_tickets(&mut text);
    let ids = scan::find_ids(&mut text);
    let dates = dates::find_dates(&mut text, now);
    let periods = scan::find_periods(&mut text);
    scan::skip_non_money(&mut text);
    let money = scan::find_money(&mut text);
    let masked = text.masked();
    let words = words::VOCABULARY.find(&masked);

    let mut out = roles::Collector::new(&text);
    for (at, id) in ids {
        out.fact(&at, Fact::Instance(id));
    }
    for (at, period) in periods {
        out.fact(&at, Fact::Period(period));
    }
    roles::plain_words(&mut out, &words, &money);
    roles::dates(&mut out, &masked, &dates, &words, now);
    roles::money(&mut out, &masked, &money, &words);
    out.finish()
}
