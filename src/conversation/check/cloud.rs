//! The cloud a message names where no instance ID says it: "包月的 华为云的"
//! is the check's cloud (not UCloud by default), "不是优刻得啊 是华为云"
//! changes it.

use crate::case::Draft;
use crate::conversation::base::reply::Out;
use crate::conversation::base::state::State;
use crate::conversation::base::vocab::Ctx;
use crate::conversation::check::facts::{self, Applied};
use crate::conversation::check::flow;
use serde_json::json;

/// Takes the cloud `t` names into the check; `replace` takes it over one
/// said before (a correction), never over an instance ID's.
pub(crate) fn named(d: &mut Draft, t: &str, replace: bool, ctx: &Ctx, a: &mut Applied) {
    let k = &ctx.intents.knowledge;
    // "我买的是腾讯云的，不是优刻得": the cloud not denied.
    let Some(p) = k.provider_meant(t) else {
        return;
    };
    let known = d.provider();
    if known == Some(p) || (known.is_some() && !replace) || d.instance.is_some() {
        return;
    }
    d.provider = Some(p);
    // "腾讯云轻量应用服务器": the product's own rules, where the cloud is its.
    d.product = k.product_of(t, p);
    a.lines.push(
        json!({ "field": "provider", "kind": "provider", "value": p.as_str(), "replaced": known.is_some() }),
    );
}

/// Whether a correction during a check names another cloud than the one it has.
pub(crate) fn differs(s: &State, t: &str, ctx: &Ctx) -> bool {
    flow::is_check(s.at)
        && s.draft.instance.is_none()
        && ctx
            .intents
            .knowledge
            .provider_meant(t)
            .is_some_and(|p| s.draft.provider() != Some(p))
}

/// The cloud changed (the caller asks the question on screen again).
pub(crate) fn correct(s: &mut State, t: &str, ctx: &Ctx, out: &mut Out) {
    let mut applied = Applied::default();
    named(&mut s.draft, t, true, ctx, &mut applied);
    if !applied.lines.is_empty() {
        out.say(facts::reply(&applied));
    }
}
