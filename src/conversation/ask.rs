//! What the bot says to a question, to talk, and to what it could not read,
//! and how the screen on show comes back after it: a question never changes
//! the case, and the question that was on screen is asked again, unchanged.

use crate::conversation::base::buttons::Id;
use crate::conversation::base::reply::{Button, Out, Reply};
use crate::conversation::base::state::{Position as P, State};
use crate::conversation::base::vocab::Ctx;
use crate::conversation::cases::card;
use crate::conversation::check::flow;
use crate::conversation::knowledge::{self, About, Lookup, Topic};
use crate::conversation::read::act::Social;
use crate::conversation::read::clauses::split;
use crate::conversation::screen::show;
use crate::input;
use crate::render::Lang;
use serde_json::json;

/// After two messages in a row the bot could not read, or that said it was
/// wrong, a person is offered.
const STUCK: u8 = 2;

/// What the knowledge base has for a question: `None` nothing,
/// `Some(true)` one sure topic, `Some(false)` two likely topics to offer.
pub(crate) fn known(asked: &str, ctx: &Ctx) -> Option<bool> {
    match ctx.intents.knowledge.lookup(asked) {
        Lookup::Nothing => None,
        Lookup::Sure(_) => Some(true),
        Lookup::Unsure(..) => Some(false),
    }
}

/// Answers a question (the screen comes back afterwards, from the caller):
/// each clause that asks is looked up on its own, so "where is unsubscribe?
/// and does the money go back to alipay?" gets both answers; when no topic
/// is sure, the two likeliest are offered.
pub(crate) fn answer(s: &State, asked: &str, ctx: &Ctx, out: &mut Out) {
    // "So 250 I guess?" at "how much did you pay": the value checked back, no topic.
    if matches!(s.at, P::Paid | P::ListPrice | P::Voucher | P::Gift)
        && crate::conversation::values::only_values(s, asked, ctx)
    {
        return;
    }
    let mut sure: Vec<Topic> = Vec::new();
    // Clause by clause, those that ask: "i cant find it in the console"
    // after a question is its context, not a question of its own.
    let words = &ctx.intents.dialogue.words;
    let asking: Vec<_> = split(asked).into_iter().filter(|c| words.asks(c)).collect();
    // Of two likely topics, the one the question on screen is about.
    // ("这是什么意思？" alone is the step's own help, below.)
    // On a case refunded in full by the five-day rule, the five days are its
    // topic ("阿里云五天是按天算还是按120小时算" is not the formula).
    let five_day_case = || {
        card::active(s, ctx)
            .and_then(|c| c.data.assessment.as_ref())
            .is_some_and(|a| a.quote.lines.iter().any(|l| l.key == "five_day_full"))
            .then_some(Topic::FiveDay)
    };
    let screen = Topic::of_screen(s.at)
        .or_else(five_day_case)
        .filter(|_| !only_this_means(asked, &ctx.intents.dialogue.this_means));
    // "删除是指释放吗" before anything is deleted: not whether to delete again.
    let undeleted = s.draft.not_deleted || s.draft.delete_at.is_none_or(|d| d > ctx.now);
    let moot = |t: Topic| t == Topic::DeleteAgain && undeleted;
    let lookup = |t: &str| crate::conversation::ask_fit::fitted(s, t, ctx);
    let pick = |l: Lookup| match l {
        Lookup::Sure(t) => Some(t),
        Lookup::Unsure(a, b) => [a, b].into_iter().find(|t| Some(*t) == screen).or_else(|| {
            [(a, b), (b, a)]
                .into_iter()
                .find(|(x, _)| moot(*x))
                .map(|(_, y)| y)
        }),
        Lookup::Nothing => None,
    };
    // A clause not sure of its topic beside one that is ("那咋在控制台操作哈？
    // 还有…能不能退回我微信？"): its "did you mean" after the sure answers.
    let mut unsure = None;
    // "实例id是啥 在哪看": a fragment after a question it was sure of asks on
    // about the same thing, no "did you mean" of its own.
    let mut after_sure = false;
    // "这个有影响吗" at the arrears question: the question on screen's topic.
    let matters = Topic::of_screen(s.at).filter(|_| only_this_means(asked, &ctx.intents.dialogue.matters));
    sure.extend(matters);
    for c in asking.iter().filter(|_| matters.is_none()) {
        let l = lookup(&c.text);
        let fragment = c.folded.chars().filter(|ch| ch.is_alphanumeric()).count() <= 4;
        match pick(l) {
            Some(t) => {
                if !sure.contains(&t) {
                    sure.push(t);
                }
                after_sure = true;
                continue;
            }
            None if fragment && after_sure => continue,
            None if let Lookup::Unsure(a, b) = l => unsure = unsure.or(Some((a, b))),
            _ => {}
        }
        after_sure = false;
    }
    // "所以我最后能拿回275.54 是这意思吧": a question naming the case's own
    // figure is about that figure.
    let figure = card::active(s, ctx)
        .and_then(|c| c.data.assessment.as_ref())
        .map(|a| a.quote.refund);
    // ("if the 210 lands in my balance can i…" supposes the figure, asks nothing of it.)
    if figure.is_some()
        && lone_amount(asked, s.lang.unwrap_or_default(), ctx) == figure
        && !ctx
            .intents
            .dialogue
            .words
            .supposes(&crate::conversation::read::words::fold(asked))
        && !sure.contains(&Topic::CheckAmount)
    {
        sure.insert(0, Topic::CheckAmount);
    }
    // "这是什么意思？", "what does this mean?" with nothing else asked: the
    // step's own help (`help.<step>`, the same text /help shows).
    if sure.is_empty() && only_this_means(asked, &ctx.intents.dialogue.this_means) {
        return out.say(Reply::new("help.this_step", json!({ "at": s.at })));
    }
    if sure.is_empty()
        && let Some(t) = pick(lookup(asked))
    {
        sure.push(t);
    }
    if sure.is_empty() {
        return match lookup(asked) {
            // The same two offered again ("退款怎么算" after "did you mean"
            // showed it): the likelier one is answered, not offered a third time.
            Lookup::Unsure(a, _) if s.keyboard.contains(&a.button_id()) => {
                out.say(topic_answer(s, a, &about(s, asked, ctx), ctx))
            }
            // Two close topics: both answered, the likelier first.
            Lookup::Unsure(a, b) if a.neighbours(b) => {
                let about = about(s, asked, ctx);
                out.say(topic_answer(s, a, &about, ctx));
                out.say(topic_answer(s, b, &about, ctx));
            }
            Lookup::Unsure(..) if asks_phone(asked, ctx) => not_sure(asked, ctx, out),
            // "its daily, so 1 day?": a value checked back, no topic to guess at.
            Lookup::Unsure(..) if crate::conversation::values::only_values(s, asked, ctx) => {}
            // Not sure between two: the likelier answered, the other offered
            // beside it ("为啥是30…1.5倍是啥" got a menu and no answer).
            Lookup::Unsure(a, b) => {
                out.say(topic_answer(s, a, &about(s, asked, ctx), ctx));
                out.say(knowledge::offer("kb.or", &[b]));
            }
            _ if asks_phone(asked, ctx) => not_sure(asked, ctx, out),
            // "…大概退20块到余额 再去提现 对吧": the case's points to compare with.
            _ if let Some(r) = crate::conversation::confirm::summary_checked(s, asked, ctx) => out.say(r),
            _ => out.say(Reply::new("ask.unknown", json!({ "asked": asked }))),
        };
    }
    let about = about(s, asked, ctx);
    // "我是微信充值的 能直接退回微信吗": where the money goes, and how it
    // gets to that channel for this case.
    let mut most = 2;
    // "所以我最后能拿回275.54到微信 是这意思吧": the amount, and the way to
    // that channel.
    if let Some(i) = sure
        .iter()
        .position(|t| matches!(t, Topic::WhereMoneyGoes | Topic::CheckAmount))
        && !sure.contains(&Topic::Withdrawal)
        && about.channel.is_some()
    {
        sure.insert(i + 1, Topic::Withdrawal);
        most = 3;
    }
    let answered: Vec<Topic> = sure.into_iter().take(most).collect();
    for t in &answered {
        out.say(topic_answer(s, *t, &about, ctx));
    }
    // "为啥只退40 到底对不对": the figure explained answers the "why" beside it too.
    let figure = [
        Topic::CheckAmount,
        Topic::WhyFigure,
        Topic::Formula,
        Topic::Coefficient,
    ];
    let covered = |t: &Topic| {
        answered.contains(t) || (figure.contains(t) && answered.iter().any(|a| figure.contains(a)))
    };
    // A clause not sure of its topic: its topics offered after the answers,
    // not asked about ("你是想问…" after an answer read as a second question).
    if let Some((a, b)) = unsure.filter(|(a, b)| !covered(a) && !covered(b)) {
        out.say(knowledge::offer("kb.also", &[a, b]));
    }
    // "发哪里 要不要打电话": no number is made up.
    if asks_phone(asked, ctx) {
        out.say(Reply::key("kb.phone"));
    }
}

/// A topic's answer; on a case with an estimate, where to delete and what
/// evidence to keep are the case's own steps and list (its cloud, its product).
pub(crate) fn topic_answer(s: &State, t: Topic, about: &knowledge::About, ctx: &Ctx) -> Reply {
    use crate::conversation::cases::card::{case_data, key_for};
    let key = match t {
        Topic::WhereToDelete => "steps",
        Topic::Evidence => "evidence",
        _ => return knowledge::answer(t, about),
    };
    match card::active(s, ctx).filter(|c| c.data.assessment.is_some()) {
        Some(c) => Reply::new(&key_for(key, c), case_data(c, ctx)),
        None => knowledge::answer(t, about),
    }
}

/// "这是什么意思？", "what does that mean?": the phrase and little else
/// ("那个包年订单不允许删除退费是啥意思" names what it asks about).
fn only_this_means(asked: &str, phrases: &[String]) -> bool {
    let folded = crate::conversation::read::words::fold(asked);
    if !phrases.iter().any(|p| folded.contains(p.as_str())) {
        return false;
    }
    let mut longest_first: Vec<&String> = phrases.iter().collect();
    longest_first.sort_by_key(|p| std::cmp::Reverse(p.len()));
    let rest = longest_first
        .iter()
        .fold(folded, |t, p| t.replace(p.as_str(), " "));
    let rest: String = rest
        .chars()
        .filter(|c| c.is_alphanumeric() && !"这那个的是呀啊呢吗啥".contains(*c))
        .collect();
    // "0元是什么意思" asks about the figure, not the step.
    rest.chars().count() <= 4 && !rest.chars().any(|c| c.is_ascii_digit())
}

/// What an answer may use: the case on screen, the check's answers so far,
/// and the provider or payment channel the question names.
pub(crate) fn about<'a>(s: &'a State, asked: &str, ctx: &'a Ctx) -> About<'a> {
    let k = &ctx.intents.knowledge;
    About::new(ctx.now, ctx.calendar)
        .with_case(card::active(s, ctx))
        .with_draft(Some(&s.draft))
        .with_product(k.product_named(asked).or(s.draft.product))
        // "Sorry I use Tencent Cloud, not UCloud": the cloud meant; a topic pressed after a
        // question about a cloud is about that cloud.
        .naming(
            k.provider_meant(asked)
                .or(k.provider_named(asked))
                .or(s.cloud_named.filter(|(t, _)| s.turn <= t + 3).map(|(_, p)| p)),
            k.channel_named(asked),
        )
        .mentioning(lone_amount(asked, s.lang.unwrap_or_default(), ctx))
        // "…if it takes past 13 Jan?": a day is the top-up's only when said as one.
        .dated(
            crate::conversation::read::clauses::contains_any(
                &crate::conversation::read::words::fold(asked),
                &ctx.intents.dialogue.topup,
            )
            .then(|| input::extract(asked, s.lang.unwrap_or_default(), ctx.now).lone_past_date(ctx.now))
            .flatten(),
        )
}

/// The one amount a question names without saying what it is ("退400对吗？"); not the
/// difference between what came and the estimate ("那差的201到底哪来的？").
fn lone_amount(asked: &str, lang: Lang, ctx: &Ctx) -> Option<rust_decimal::Decimal> {
    let gap = ctx.cases.iter().filter_map(|c| {
        let a = c.data.assessment.as_ref()?;
        Some((c.data.received? - a.quote.refund).abs())
    });
    let gaps: Vec<_> = gap.collect();
    input::extract(asked, lang, ctx.now)
        .lone_amount(None)
        .filter(|v| !gaps.contains(v))
}

/// Thanks, a greeting, "ok", or "you got it wrong": a short line, then the
/// screen again.
pub(crate) fn social(s: &mut State, x: Social, ctx: &Ctx, out: &mut Out) {
    let name: &'static str = x.into();
    if matches!(x, Social::BotWrong | Social::Frustrated) {
        s.stuck = s.stuck.saturating_add(1);
    }
    // Leaving: what is kept and how to come back, no screen again.
    if x == Social::Bye {
        return out.say(Reply::new("social.bye", json!({ "n": s.case_no })));
    }
    out.say(Reply::new(&format!("social.{name}"), json!({ "at": s.at })));
    resume(s, ctx, out);
}

/// "你这信不行啊 你把我后面说的也当成客服的答复写进去了": what can be
/// changed in the letter of the case on screen, as buttons (support's words
/// again where the letter quotes them, the tone), and the screen again.
pub(crate) fn letter_wrong(s: &mut State, c: &crate::case::CaseView, out: &mut Out) {
    use crate::conversation::base::buttons::Id;
    use crate::conversation::base::reply::Button;
    s.stuck = s.stuck.saturating_add(1);
    let refused = c.status == crate::case::CaseStatus::Rejected;
    let mut rows = Vec::new();
    if refused {
        rows.push(vec![Button::new(Id::FollowRequote)]);
    }
    rows.push(vec![Button::new(Id::LetterSofter), Button::new(Id::LetterFirmer)]);
    out.say(
        Reply::new(
            "social.letter_wrong",
            json!({ "n": c.number, "quoted": refused && c.data.support_said.is_some() }),
        )
        .buttons(rows),
    );
}

/// The screen on show again: a question with its buttons as it was; on a
/// result, a case or the menu, one short line with the screen's buttons
/// (never the whole card again).
pub(crate) fn resume(s: &mut State, ctx: &Ctx, out: &mut Out) {
    match s.at {
        P::Result | P::CaseView => {
            let buttons = match (s.at, card::active(s, ctx)) {
                (P::Result, Some(c)) => card::result_buttons_for(c, ctx.now),
                (_, Some(c)) => card::case_buttons(c, ctx),
                (_, None) => return show(s, ctx, out),
            };
            out.say(Reply::new("case.what_next", json!({ "n": s.case_no })).buttons(buttons));
        }
        _ => show(s, ctx, out),
    }
    offer_person(s, out);
}

/// Whether `asked` is about calling support ("要不要打电话", "电话多少").
fn asks_phone(asked: &str, ctx: &Ctx) -> bool {
    let folded = crate::conversation::read::words::fold(asked);
    crate::conversation::read::clauses::contains_any(&folded, &ctx.intents.dialogue.phone)
}

/// A question the knowledge base cannot place with confidence: said so,
/// with the way to a person (and, asked about a phone number, why none).
fn not_sure(asked: &str, ctx: &Ctx, out: &mut Out) {
    if asks_phone(asked, ctx) {
        return out.say(Reply::key("kb.phone"));
    }
    let mut reply = Reply::key("kb.not_sure");
    reply.buttons.push(vec![Button::new(Id::Human)]);
    out.say(reply);
}

/// After `STUCK` messages in a row that went nowhere, the last reply carries
/// a button to reach a person.
pub(crate) fn offer_person(s: &State, out: &mut Out) {
    if s.stuck < STUCK {
        return;
    }
    if let Some(last) = out.replies.last_mut()
        && !last.button_ids().any(|b| b == Id::Human.as_str())
    {
        last.buttons.push(vec![Button::new(Id::Human)]);
    }
}

/// Whether the screen on show is a question of a flow (not a result, a
/// case or a list).
pub(crate) fn on_question(s: &State) -> bool {
    flow::is_check(s.at)
        || matches!(
            s.at,
            P::SubmittedAt
                | P::Rejection
                | P::Received
                | P::ContactWhen
                | P::ContactAgent
                | P::ContactSaid
                | P::SupportSaid
                | P::FollowInstance
                | P::LadderField
        )
}

/// The clauses of `t` that ask, save those naming any of `skip` (what the
/// message does besides, e.g. a line asked for in a letter), answered each
/// on its own line; nothing when none asks.
pub(crate) fn answer_others(s: &State, t: &str, skip: &[&[String]], ctx: &Ctx, out: &mut Out) {
    let words = &ctx.intents.dialogue.words;
    let others: Vec<String> = split(t)
        .into_iter()
        .filter(|k| {
            words.asks(k)
                && !skip
                    .iter()
                    .any(|l| crate::conversation::read::clauses::contains_any(&k.folded, l))
        })
        .map(|k| k.text)
        .collect();
    if !others.is_empty() {
        answer(s, &others.join("\n"), ctx, out);
    }
}
