//! Time said as used is no order length on a case billed by the month or year.

use crate::conversation::base::state::State;
use crate::conversation::base::vocab::Ctx;
use crate::conversation::cases::card;
use crate::input;

/// "用了20天 付了120" on a case billed by the month or the year: days or
/// hours said as time used are no order length (the message itself may not
/// name the billing; the case does).
pub(crate) fn drop_time_used(s: &State, t: &str, read: &mut input::Extracted, ctx: &Ctx) {
    use crate::policy::Billing;
    let billing = s
        .draft
        .billing
        .or_else(|| card::about(s, ctx).and_then(|c| c.data.draft.billing));
    if !matches!(billing, Some(Billing::Monthly | Billing::Yearly)) {
        return;
    }
    read.facts.retain(|f| {
        let input::Fact::Period(p) = &f.fact else {
            return true;
        };
        let short = matches!(p, input::PeriodLen::Days(_) | input::PeriodLen::Hours(_));
        let before = t.find(&f.words).map_or("", |at| t[..at].trim_end());
        let used = crate::input::extract::USED_BEFORE
            .iter()
            .any(|w| before.ends_with(w));
        !(short && used)
    });
}
