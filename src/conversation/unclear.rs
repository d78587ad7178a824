//! Nothing read with confidence: the question's own error, or the likely
//! requests as "did you mean", and after two in a row a person.

use crate::conversation::Wish;
use crate::conversation::ask;
use crate::conversation::base::answer::Answer;
use crate::conversation::base::reply::{Out, Reply};
use crate::conversation::base::state::{Position, State};
use crate::conversation::base::vocab::Ctx;
use crate::conversation::cases::card;
use crate::conversation::requests;
use crate::conversation::route;

/// Nothing read with confidence: on a question, its own answer to what it
/// takes (its error, with an example); elsewhere the likely requests as
/// "did you mean";
/// after two in a row, a person is offered.
pub(crate) fn unclear(s: &mut State, t: &str, wish: Wish, ctx: &Ctx, out: &mut Out) {
    // "申请步骤" typed on the case after its estimate left the screen: the
    // estimate's own buttons (steps, request text, evidence) still work, and
    // on a refused case "写正式投诉", the ladder's first step.
    let mut gone: Vec<String> = ["result:steps", "result:request", "result:evidence"]
        .map(str::to_owned)
        .into();
    if let Some(c) = card::active(s, ctx).filter(|c| c.status == crate::case::CaseStatus::Rejected) {
        gone.push(format!("lad:{}:complaint_text", c.number));
    }
    if matches!(s.at, Position::CaseView | Position::Result)
        && let Some(id) = ctx
            .intents
            .choices
            .pick(&gone, &crate::conversation::read::words::fold(t))
    {
        return crate::conversation::press::button(s, &id, ctx, out);
    }
    s.stuck = s.stuck.saturating_add(1);
    // On a question, its own error says what it takes, with an example: a
    // guess at a menu request ("weekly please" → "delete my data?") is no
    // help there.
    if ask::on_question(s) {
        route::answer(s, Answer::Text(t), ctx, out);
    } else if wish.offers().next().is_some() {
        requests::did_you_mean(&wish, out);
    } else {
        out.say(Reply::key("menu.not_understood"));
        ask::resume(s, ctx, out);
        return;
    }
    ask::offer_person(s, out);
}
