//! A topic button pressed ("did you mean", or one that explains): its
//! answer, the other topic offered beside it kept, then the screen again.

use crate::conversation::base::reply::Out;
use crate::conversation::base::state::State;
use crate::conversation::base::vocab::Ctx;
use crate::conversation::knowledge::Topic;

/// A topic pressed ("did you mean" or a button that explains): its answer,
/// then the screen again.
pub(crate) fn topic_pressed(s: &mut State, t: Topic, ctx: &Ctx, out: &mut Out) {
    let about = crate::conversation::ask::about(s, "", ctx);
    out.say(crate::conversation::ask::topic_answer(s, t, &about, ctx));
    // "[8] 钱退到哪里 [9] 怎么提现…": the topic not pressed stays on offer
    // under the same number, so a "9" typed next is still its button.
    let shown: Vec<Topic> = s
        .keyboard
        .iter()
        .filter_map(|id| Topic::from_button(id))
        .take(2)
        .collect();
    let before: Vec<String> = std::mem::take(&mut s.topics_pressed)
        .into_iter()
        .filter(|p| shown.iter().any(|x| x.as_str() == p))
        .collect();
    let rest: Vec<Topic> = shown
        .iter()
        .copied()
        .filter(|other| *other != t && !before.iter().any(|p| p == other.as_str()))
        .collect();
    if !rest.is_empty() {
        out.say(crate::conversation::knowledge::offer_keeping(
            "kb.also", &rest, &shown,
        ));
        s.topics_pressed = before;
        s.topics_pressed.push(t.as_str().to_owned());
    }
    crate::conversation::ask::resume(s, ctx, out);
}
