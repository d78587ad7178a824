//! A letter of the ladder asked for with the person's details in the same
//! message ("帮我生成一份12300的申诉材料，我的信息：郑凯，电话…，地址…"):
//! the details are kept and only what is still missing is asked.

use super::escalate::{letter, save, updated, with_arose};
use crate::conversation::base::reply::Out;
use crate::conversation::base::state::{Position as P, State};
use crate::conversation::base::vocab::Ctx;
use crate::policy::escalation::Field;

/// After a letter was asked for: the details the same text gives, kept;
/// false when it gives none (the field asked stays on screen).
pub(crate) fn said_with(s: &mut State, t: &str, ctx: &Ctx, out: &mut Out) -> bool {
    let Some((ask, c)) = s.ladder.and_then(|a| ctx.case(a.case).map(|c| (a, c))) else {
        return false;
    };
    let Some(body) = ask.body.filter(|_| s.at == P::LadderField) else {
        return false;
    };
    let said = super::fields::others_in(Field::Postcode, t);
    if said.is_empty() {
        return false;
    }
    let mut ladder = with_arose(c);
    for (field, value) in said {
        if ladder.details.get(field).is_none() {
            ladder.details.set(field, value);
        }
    }
    save(c, ladder.clone(), out);
    // The question just asked is replaced by the next one still missing.
    out.replies.clear();
    letter(s, &updated(c, &ladder), body, ctx, out);
    true
}
