//! A receipt recorded by mistake, taken back when the person says nothing
//! came or gives its amount another role.

use crate::conversation::base::reply::Out;
use crate::conversation::base::state::State;
use crate::conversation::base::vocab::Ctx;
use crate::input;

/// "钱还没有退，一分也没到账…3600是我们当初付的钱" on a case that recorded
/// ¥3,600 as what came: the amount was misread, and the record is taken
/// back after the step (every save of the case this step makes drops it,
/// so the letters stop saying it came), said first in the reply.
pub(crate) fn drop_misread_received(s: &State, t: &str, ctx: &Ctx, out: &mut Out) {
    use crate::conversation::base::reply::{Effect, Reply};
    use crate::conversation::read::act::Act;
    let Some(c) = crate::conversation::cases::card::active(s, ctx) else {
        return;
    };
    let Some(got) = c.data.received else {
        return;
    };
    let read = input::extract(t, s.lang(), ctx.now);
    // The amount given another role ("3600是当初付的钱"), or nothing came.
    let other_role = read.facts.iter().any(|f| {
        matches!(f.fact, input::Fact::Paid(v) | input::Fact::ListPrice(v) | input::Fact::MonthlyPrice(v) if v == got)
    });
    let nothing = crate::conversation::screen_read::nothing_came(Act::Unclear, t, &read, ctx) != Act::Unclear;
    if !(other_role || nothing) {
        return;
    }
    let mut saved = false;
    for e in &mut out.effects {
        if let Effect::SaveCase { number, data, .. } = e
            && *number == c.number
        {
            data.received = None;
            saved = true;
        }
    }
    if !saved {
        let mut c = c.clone();
        c.data.received = None;
        crate::conversation::follow::follow_steps::save(out, &c, None, None);
    }
    out.replies.insert(
        0,
        Reply::new(
            "report.received_taken_back",
            serde_json::json!({ "n": c.number, "amount": crate::policy::cents(got) }),
        ),
    );
}
