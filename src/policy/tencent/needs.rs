//! What Tencent's non-full formula still needs from the user: today's
//! monthly and pay-as-you-go prices, the discount step, the price tier, the
//! bandwidth price and unstarted renewals.

use super::usage::usage;
use crate::policy::case::CaseFacts;
use crate::policy::profile::Profile;
use crate::policy::provider::ProviderFacts;
use crate::policy::shared::{Need, Needed, five_day_applies};

/// The inputs Tencent's formula wants for a case, in the order to ask them;
/// none when the five-day refund surely applies (the formula is not used).
pub(super) fn needs(facts: &CaseFacts, pf: &ProviderFacts, profile: &Profile) -> Vec<Needed> {
    let mut out = Vec::new();
    if facts.orders.is_empty() || !formula_may_apply(profile, facts, pf) {
        return out;
    }
    let mut push = |need, required, given: bool| {
        if !given {
            out.push(Needed { need, required });
        }
    };
    let u = usage(facts);
    push(
        Need::MonthlyPrice,
        u.months > 0,
        facts.monthly_price.is_some() || u.months == 0,
    );
    push(
        Need::UsedDiscount,
        false,
        pf.used_discount.is_some() || u.months == 0,
    );
    let hours = u.rest_seconds > 0;
    push(Need::HourlyPrice, hours, pf.hourly_price.is_some() || !hours);
    push(Need::HourlyTier, false, pf.hourly_tier.is_some() || !hours);
    push(
        Need::BandwidthPrice,
        false,
        pf.bandwidth_price.is_some() || !hours,
    );
    push(Need::Renewals, false, !pf.renewals.is_empty());
    out
}

/// Whether the non-full formula may be needed (the five-day refund does not
/// surely apply).
fn formula_may_apply(p: &Profile, facts: &CaseFacts, pf: &ProviderFacts) -> bool {
    p.five_day
        .as_ref()
        .is_none_or(|fd| five_day_applies(fd, facts, pf) != Some(true))
}
