//! "明白了 就是今天删掉 大概退20块到余额 再去提现 对吧": a summary checked
//! back that no topic answers. The bot cannot vouch for every word of it, so
//! it gives the case's own points to compare it with, not "I can't answer".

use serde_json::json;

use crate::conversation::base::reply::Reply;
use crate::conversation::base::state::State;
use crate::conversation::base::vocab::Ctx;
use crate::conversation::cases::card;
use crate::conversation::read::clauses::contains_any;
use crate::conversation::read::words::fold;

/// The case's points, when `asked` ends asking "right?" on a case with an estimate.
pub(crate) fn summary_checked(s: &State, asked: &str, ctx: &Ctx) -> Option<Reply> {
    let folded = fold(asked);
    let end = folded.trim_end_matches(|c: char| !c.is_alphanumeric() || "啊吧呢呀".contains(c));
    let d = &ctx.intents.dialogue;
    let tagged = d
        .confirm_tags
        .iter()
        .chain(&d.confirm)
        .any(|t| folded.ends_with(t.as_str()) || end.ends_with(t.trim_end_matches(['?', '吧'])));
    // A summary says several things; "对吧" alone or "是这个吗" is not one.
    let long = asked.chars().count() >= 12 && !contains_any(&folded, &d.words.correction_strong);
    if !tagged || !long {
        return None;
    }
    let c = card::active(s, ctx)?;
    let a = c.data.assessment.as_ref()?;
    let draft = &c.data.draft;
    Some(Reply::new(
        "ask.summary",
        json!({
            "case": c.number,
            "expected": crate::policy::cents(a.quote.refund),
            "provider": draft.provider().map(|p| p.as_str()),
            "not_deleted": draft.not_deleted,
            "delete_at": draft.delete_at.map(|t| t.to_rfc3339()),
        }),
    ))
}
