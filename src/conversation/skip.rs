//! "先不填行不行", "can I skip this?": said at a question that can be left
//! for later, the bot says how or goes on without it; at the ID, the cloud
//! named instead of it is its button.

use crate::conversation::base::reply::{Out, Reply};
use crate::conversation::base::state::{Position, State};
use crate::conversation::base::vocab::Ctx;
use crate::conversation::read::clauses::contains_any;
use crate::conversation::read::words::fold;

/// Whether the text asked to skip the question on screen (and was acted on).
pub(crate) fn skipped(s: &mut State, t: &str, ctx: &Ctx, out: &mut Out) -> bool {
    // "华为云 id不知道是啥 侄子弄的", "实例ID我手边没有，是阿里云的服务器": no ID,
    // the cloud named: as its button.
    // A token of letters and digits is a try at the ID ("uhost-1a2b"): its
    // own error says what is wrong with it.
    let id_like = t
        .split_whitespace()
        .any(|w| w.chars().any(|c| c.is_ascii_digit()) && w.chars().any(|c| c.is_ascii_alphabetic()));
    if s.at == Position::Instance
        && !id_like
        && crate::input::read_instance_id(t).is_err()
        && let Some(p) = ctx.intents.knowledge.provider_named(t)
        && !crate::input::extract(t, s.lang(), ctx.now)
            .facts
            .iter()
            .any(|f| matches!(f.fact, crate::input::Fact::Instance(_)))
    {
        // "那我选腾讯云轻量": the product's button, where the cloud is its.
        let product = ctx.intents.knowledge.product_of(t, p);
        // "是优刻得的，ID我还没看，要去控制台哪里找啊": the cloud kept, where its
        // ID is shown, and the ID asked again (it is being looked up).
        if asks_where_the_id_is(t, ctx) {
            s.draft.provider = Some(p);
            s.draft.product = product;
            crate::conversation::ask::answer(s, t, ctx, out);
            crate::conversation::ask::resume(s, ctx, out);
            return true;
        }
        let id = product.map_or_else(
            || format!("provider:{}", p.as_str()),
            |x| format!("product:{}", x.as_str()),
        );
        crate::conversation::press::button(s, &id, ctx, out);
        return true;
    }
    if !contains_any(&fold(t), &ctx.intents.dialogue.skip) {
        return false;
    }
    match s.at {
        // At a detail a complaint needs: why it is asked, and how to come
        // back to it; the question stays.
        Position::LadderField => {
            out.say(Reply::key("ladder.field_later"));
            crate::conversation::ladder::escalate::show(s, ctx, out);
            true
        }
        // At the ID, the cloud already told ("现在不在电脑边上 先不填行不行
        // 就是优刻得的"): the check goes on without the ID, as the cloud's
        // button does.
        Position::Instance if let Some(p) = s.draft.provider() => {
            // "我先不填吧 对了新人特惠的单子到底能不能退啊": the questions beside it answered first.
            let read = crate::input::extract(t, s.lang(), ctx.now);
            crate::conversation::aside::aside(s, t, &read, ctx, out);
            // The product already named keeps its own rules.
            let id = match s.draft.product {
                Some(x) => format!("product:{}", x.as_str()),
                None => format!("provider:{}", p.as_str()),
            };
            crate::conversation::press::button(s, &id, ctx, out);
            true
        }
        _ => false,
    }
}

/// Whether a clause asks what the instance ID is or where to find it.
fn asks_where_the_id_is(t: &str, ctx: &Ctx) -> bool {
    use crate::conversation::knowledge::{Lookup, Topic};
    let words = &ctx.intents.dialogue.words;
    crate::conversation::read::clauses::split(t)
        .iter()
        .filter(|c| words.asks(c))
        .any(|c| match ctx.intents.knowledge.lookup(&c.text) {
            Lookup::Sure(x) | Lookup::Unsure(x, _) => x == Topic::InstanceId,
            Lookup::Nothing => false,
        })
}
