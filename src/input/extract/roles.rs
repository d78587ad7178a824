//! Giving values their roles (the pairing itself is `pair.rs`): each role word is paired with the nearest
//! value of its kind in the same clause (before it or, closer, after it),
//! one word to one value, nearest pairs first.

use std::collections::BTreeMap;
use std::ops::Range;

use chrono::{DateTime, Days, Utc};

use super::dates::{DateHit, resolve};
use super::facts::{Extracted, Fact, Found, Unclear, UnclearKind, When};
use super::pair::{Reach, pair};
use super::scan::MoneyHit;
use super::span::Text;
use super::words::{DateRole, Tag, Word};
use crate::input::datetime::shanghai;

/// Gathers facts in text order, once each.
pub(super) struct Collector<'t, 'a> {
    text: &'t Text<'a>,
    facts: Vec<(usize, Found)>,
    unclear: Vec<(usize, Unclear)>,
}

impl<'t, 'a> Collector<'t, 'a> {
    pub(super) fn new(text: &'t Text<'a>) -> Self {
        Collector {
            text,
            facts: Vec::new(),
            unclear: Vec::new(),
        }
    }

    /// Adds a fact unless the same one is already there.
    pub(super) fn fact(&mut self, at: &Range<usize>, fact: Fact) {
        if self.facts.iter().all(|(_, f)| f.fact != fact) {
            let words = self.text.words(at);
            self.facts.push((at.start, Found { fact, words }));
        }
    }

    pub(super) fn unclear(&mut self, at: &Range<usize>, kind: UnclearKind) {
        let words = self.text.words(at);
        self.unclear.push((
            at.start,
            Unclear {
                kind,
                words,
                past: None,
            },
        ));
    }

    /// A date without a role, with the day it names as one gone by.
    fn unclear_date(&mut self, at: &Range<usize>, past: Option<DateTime<Utc>>) {
        let words = self.text.words(at);
        let kind = UnclearKind::DateWithoutRole;
        self.unclear.push((at.start, Unclear { kind, words, past }));
    }

    pub(super) fn finish(mut self) -> Extracted {
        self.facts.sort_by_key(|(at, _)| *at);
        self.unclear.sort_by_key(|(at, _)| *at);
        Extracted {
            facts: self.facts.into_iter().map(|(_, f)| f).collect(),
            unclear: self.unclear.into_iter().map(|(_, u)| u).collect(),
        }
    }
}

/// "I never said the reason was business change": the clause before a
/// reason denies having said it.
fn said_denied(before: &str) -> bool {
    let clause = before
        .rsplit(['.', ',', ';', '!', '?', '。', '，', '；', '！', '？'])
        .next()
        .unwrap_or_default()
        .to_lowercase();
    [
        "never said",
        "didn't say",
        "didnt say",
        "did not say",
        "never told",
        "没说过",
        "没有说过",
        "从没说",
        "我没说",
    ]
    .iter()
    .any(|n| clause.contains(n))
}

/// Billing modes and reasons: the words themselves are the facts.
pub(super) fn plain_words(out: &mut Collector, s: &str, words: &[Word], money: &[MoneyHit]) {
    // "不是买的包月包年", "not monthly": a billing denied is none (a reason
    // too).
    let denied = |w: &Word| {
        let before = &s[..w.at.start];
        let near = crate::input::last_chars(before, 6);
        [
            "不是",
            "并非",
            "不是按",
            "没说",
            "没有说",
            "not ",
            "isn't ",
            "wasn't ",
            "didn't say ",
        ]
        .iter()
        .any(|n| near.contains(n))
    };
    // "pay-as-you-go ¥0.45/hour", "按量 0.45元": the hourly price named,
    // not the order's billing ("包月 99" is still monthly).
    let priced = |w: &Word| {
        money
            .iter()
            .any(|h| h.at.start >= w.at.end && h.at.start - w.at.end <= 6)
    };
    // "已用时间按月单价计算": the monthly price named, not the billing.
    // ("…按原价或者按月价算的？": a price, too.)
    let unit_price = |w: &Word| {
        let after = s[w.at.end..].trim_start();
        ["单价", "价", "的价", "费率", "price", "rate"]
            .iter()
            .any(|p| after.starts_with(p))
    };
    for w in words {
        match w.tag {
            Tag::Billing(_) if unit_price(w) => {}
            Tag::Billing(crate::policy::Billing::Hourly) if priced(w) => {}
            Tag::Billing(_) if denied(w) => {}
            Tag::Billing(b) => out.fact(&w.at, Fact::Billing(b)),
            // "我没说性能不好啊", "不是性能问题": a reason denied is none.
            Tag::Reason(_) if denied(w) || said_denied(&s[..w.at.start]) => {}
            // "到今天还没到账…这算不算太慢了": the refund's pace.
            Tag::Reason(crate::input::ReasonKind::Performance)
                if super::words::VOCABULARY.about_money(&s[..w.at.start]) => {}
            Tag::Reason(r) => out.fact(&w.at, Fact::Reason(r)),
            Tag::NoVoucher => out.fact(&w.at, Fact::Voucher(rust_decimal::Decimal::ZERO)),
            Tag::NoGift => out.fact(&w.at, Fact::Gift(rust_decimal::Decimal::ZERO)),
            _ => {}
        }
    }
}

/// Words joining two dates into a range ("3月1日到3月31日", "from March 1 to
/// March 31"): the first is the start, the second the end.
const RANGE_JOINERS: [&str; 8] = ["到", "至", "-", "~", "to", "until", "till", "through"];

/// Values listed together share a role ("3月1日和3月5日都买过", "for 500
/// and 700"), so two purchase dates are seen as two, not guessed between.
/// `spans` are in text order.
pub(super) fn share_listed_roles<R: Copy>(s: &str, spans: &[Range<usize>], roles: &mut [Option<R>]) {
    let listed = |i: usize| {
        s.get(spans[i - 1].end..spans[i].start).is_some_and(|g| {
            let g = g.trim();
            let short = g.chars().filter(|c| !c.is_whitespace()).count() <= 8;
            short
                && LIST_JOINERS.iter().any(|j| {
                    g.starts_with(j)
                        && (!j.is_ascii() || !g[j.len()..].starts_with(|c: char| c.is_ascii_alphabetic()))
                })
        })
    };
    for i in 1..spans.len() {
        if listed(i) && roles[i].is_none() {
            roles[i] = roles[i - 1];
        }
    }
    for i in (1..spans.len()).rev() {
        if listed(i) && roles[i - 1].is_none() {
            roles[i - 1] = roles[i];
        }
    }
}

/// Words before a date's role word that deny the role.
const NOT_ROLE: [&str; 6] = ["不是", "并非", "not a", "not the", "isn't a", "isn't the"];

/// Words before a date that deny it.
/// "到今天（12月7日）客服一直没回复": today's date named beside "today" is
/// no day of the case either.
const NOT_ON: [&str; 9] = [
    "没有在",
    "没在",
    "并非",
    "not on",
    "never on",
    "今天（",
    "今天(",
    "today (",
    "today(",
];

/// Words listing two values together.
const LIST_JOINERS: [&str; 8] = ["和", "与", "跟", "或", "还有", "and", "or", "&"];

pub(super) fn dates(out: &mut Collector, s: &str, hits: &[DateHit], words: &[Word], now: DateTime<Utc>) {
    let reach = Reach {
        before: 12,
        after: 6,
        further: true,
    };
    let items: Vec<_> = hits.iter().map(|h| (h.at.clone(), reach)).collect();
    // "…is when i sent the ticket, not a delete date", "不是删除时间": a role
    // denied names no date.
    let denied = |w: &Word| NOT_ROLE.iter().any(|n| s[..w.at.start].trim_end().ends_with(n));
    let role_words: Vec<_> = words
        .iter()
        .filter(|w| !denied(w))
        .filter_map(|w| match w.tag {
            Tag::Date(r) => Some((w.at.clone(), r)),
            _ => None,
        })
        .collect();
    let mut roles = pair(s, &items, &role_words);
    super::joined::placed(s, hits, &role_words, &mut roles);
    for i in 1..hits.len() {
        let joined = s
            .get(hits[i - 1].at.end..hits[i].at.start)
            .is_some_and(|g| RANGE_JOINERS.contains(&g.trim()));
        if joined {
            if roles[i - 1].is_none() && roles[i] != Some(DateRole::Start) {
                roles[i - 1] = Some(DateRole::Start);
            }
            if roles[i].is_none() && roles[i - 1] == Some(DateRole::Start) {
                roles[i] = Some(DateRole::End);
            }
        }
    }
    let spans: Vec<Range<usize>> = hits.iter().map(|h| h.at.clone()).collect();
    share_listed_roles(s, &spans, &mut roles);
    // "23号提了工单把钱提现到银行卡": a ticket that asks for a withdrawal
    // dates the withdrawal.
    for (i, hit) in hits.iter().enumerate() {
        let until = hits.get(i + 1).map_or(s.len(), |h| h.at.start);
        let clause_end = s[hit.at.end..until]
            .find(['。', '，', ',', '；', ';', '.', '!', '！', '?', '？'])
            .map_or(until, |k| hit.at.end + k);
        let withdraws = role_words
            .iter()
            .any(|(at, r)| *r == DateRole::Withdraw && at.start >= hit.at.end && at.end <= clause_end);
        if roles[i] == Some(DateRole::Submit) && withdraws {
            roles[i] = Some(DateRole::Withdraw);
        }
        // "当天就提了工单 4号客服回的说…": the words right after the day say
        // support answered on it; the request's words before it are the other day's.
        let answered_next = role_words.iter().any(|(at, r)| {
            *r == DateRole::Answered && at.start >= hit.at.end && s[hit.at.end..at.start].trim().is_empty()
        });
        if roles[i] == Some(DateRole::Submit) && answered_next {
            roles[i] = Some(DateRole::Answered);
        }
        // "I already opened ticket TK-88213 on 2026-11-17": a ticket opened
        // earlier in the sentence dates the request, not the purchase.
        let sentence = s[..hit.at.start]
            .rsplit(['.', '!', '?', '。', '！', '？'])
            .next()
            .unwrap_or_default()
            .to_lowercase();
        // (The ticket's number is masked with the word before it: "opened ▒▒▒".)
        let masked_ticket = ["opened ", "opened a ", "opened the ", "提了", "开了"]
            .iter()
            .any(|w| sentence.contains(&format!("{w}{}", super::span::MASK)));
        let ticket = masked_ticket
            || ["opened a ticket", "opened the ticket", "提了工单", "开了工单"]
                .iter()
                .any(|w| sentence.contains(w));
        if ticket && matches!(roles[i], None | Some(DateRole::Start)) {
            roles[i] = Some(DateRole::Submit);
        }
    }
    let mut by_role: BTreeMap<DateRole, Vec<&DateHit>> = BTreeMap::new();
    for (i, (hit, role)) in hits.iter().zip(&roles).enumerate() {
        // "我没有在12月7日删除什么": a day denied is no day of the case.
        // "…was on 2026-11-25, not the 17th", "是25号不是17号": the day
        // denied beside another ("是不是17号" asks).
        let before = s[..hit.at.start].trim_end();
        let denied = ["not the", ", not", "，不是", ",不是"]
            .iter()
            .any(|w| before.ends_with(w))
            || before.ends_with("不是") && !before.ends_with("是不是");
        // "那我今天就去控制台把正式投诉提交了": a plan's day, nothing done.
        let planned = matches!(
            role,
            Some(DateRole::Submit | DateRole::Withdraw | DateRole::Answered)
        ) && super::words::VOCABULARY.intended(s, &hit.at);
        // "到今天（12月7日）客服一直没回复": a day in brackets after a word
        // taken out as a day of its own ("今天") says that word again.
        let bracketed = before.ends_with(['(', '（'])
            && before
                .trim_end_matches(['(', '（'])
                .trim_end()
                .ends_with(super::span::MASK);
        // "今天（12月7日）": a day said again in brackets after another is that one.
        let restates = i > 0
            && s.get(hits[i - 1].at.end..hit.at.start)
                .is_some_and(|g| matches!(g.trim(), "(" | "（"));
        if NOT_ON.iter().any(|w| before.ends_with(w))
            || denied && hits.len() > 1
            || planned
            || bracketed
            || restates
        {
            continue;
        }
        match role {
            Some(r) => by_role.entry(*r).or_default().push(hit),
            None => out.unclear_date(
                &hit.at,
                resolve(&hit.value, DateRole::Submit, None, now).map(|w| w.at),
            ),
        }
    }
    let mut start = None;
    for (role, hits) in by_role {
        // "today 2026-12-07": one day said twice is that day (with its time, if one has it).
        let days: Vec<When> = hits
            .iter()
            .filter_map(|h| resolve(&h.value, role, None, now))
            .collect();
        let one_day = days.len() == hits.len()
            && days
                .windows(2)
                .all(|w| shanghai(w[0].at).date_naive() == shanghai(w[1].at).date_naive());
        if hits.len() > 1 && !one_day {
            hits.iter()
                .for_each(|h| out.unclear(&h.at, UnclearKind::ConflictingDates));
            continue;
        }
        let hit = hits[days.iter().position(|w| w.has_time).unwrap_or(0)];
        let start_day = start.map(|w: When| shanghai(w.at).date_naive());
        let not_before = match role {
            DateRole::Start => None,
            DateRole::End => start_day.and_then(|d| d.checked_add_days(Days::new(1))),
            DateRole::Delete | DateRole::Submit | DateRole::Withdraw | DateRole::Answered => start_day,
        };
        let Some(mut when) = resolve(&hit.value, role, not_before, now) else {
            continue;
        };
        let today = !when.has_time && shanghai(when.at).date_naive() == shanghai(now).date_naive();
        when.planned = role == DateRole::Delete && super::words::VOCABULARY.planned(s, &hit.at, today);
        let fact = match role {
            DateRole::Start => {
                start = Some(when);
                Fact::Start(when)
            }
            DateRole::End => Fact::End(when),
            DateRole::Delete => Fact::DeleteAt(when),
            DateRole::Submit => Fact::Submitted(when),
            DateRole::Withdraw => Fact::Withdrawal(when),
            DateRole::Answered => Fact::Answered(when),
        };
        out.fact(&hit.at, fact);
    }
}
