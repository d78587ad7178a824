//! What a profile still needs from the user before it can quote a case:
//! the five-day question inside the window, then what its rule family asks.
//! The conversation asks these, in this order, with `need.<need>.question`
//! and `need.<need>.where` from the templates.

use super::case::CaseFacts;
use super::dispatch::family;
use super::profile::Profile;
use super::provider::ProviderFacts;
use super::shared::{FiveDays, Need, Needed, five_days};

impl Profile {
    /// The inputs this profile still wants for a case, in the order to ask
    /// them; an input already given is not listed.
    pub fn needs(&self, facts: &CaseFacts, pf: &ProviderFacts) -> Vec<Needed> {
        let mut out = Vec::new();
        let Some(o) = facts.orders.first() else {
            return out;
        };
        // Nothing is computed from the time used: nothing to ask.
        if self.excludes(facts.billing) || (self.refunds_unstarted && facts.at < o.start) {
            return out;
        }
        if let Some(fd) = &self.five_day
            && five_days(fd, o.start, facts.at) != FiveDays::Outside
            && pf.first_refund.is_none()
        {
            out.push(Needed {
                need: Need::FirstRefund,
                required: true,
            });
        }
        out.extend(family(self).needs(facts, pf, self));
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::policy::{Billing, Order, OrderKind, ProfileId, Tri};
    use chrono::{DateTime, TimeDelta, TimeZone, Utc};
    use chrono_tz::Asia::Shanghai;
    use rust_decimal::Decimal;

    fn sh(d: u32, h: u32, m: u32) -> DateTime<Utc> {
        Shanghai
            .with_ymd_and_hms(2026, 4, d, h, m, 0)
            .single()
            .expect("valid")
            .with_timezone(&Utc)
    }

    fn case(at: DateTime<Utc>) -> CaseFacts {
        CaseFacts {
            billing: Billing::Yearly,
            product: None,
            instance_id: None,
            orders: vec![Order {
                kind: OrderKind::New,
                start: sh(1, 9, 30),
                end: sh(1, 9, 30) + TimeDelta::days(365),
                paid: Decimal::new(40796, 2),
                list_price: None,
            }],
            at,
            voucher: Decimal::ZERO,
            gift: Decimal::ZERO,
            monthly_price: None,
            overage: None,
            value_added: vec![],
            customisation_cost: Decimal::ZERO,
            account: Default::default(),
        }
    }

    #[test]
    fn needs_lists_what_the_profile_still_wants_in_order() {
        let tencent = Profile::load(ProfileId::Tencent);
        let need = |n: &[Needed]| n.iter().map(|x| (x.need, x.required)).collect::<Vec<_>>();
        // Inside the window, nothing told: the five-day question first.
        let early = case(sh(3, 9, 30));
        let n = tencent.needs(&early, &ProviderFacts::default());
        assert_eq!(
            n[0],
            Needed {
                need: Need::FirstRefund,
                required: true
            }
        );
        // The five-day refund applies: no prices are needed.
        let yes = ProviderFacts {
            first_refund: Some(Tri::Yes),
            ..Default::default()
        };
        assert!(tencent.needs(&early, &yes).is_empty());
        // Two months and some days later: monthly and hourly prices required.
        let late = case(sh(1, 9, 30) + TimeDelta::days(70));
        assert_eq!(
            need(&tencent.needs(&late, &ProviderFacts::default())),
            [
                (Need::MonthlyPrice, true),
                (Need::UsedDiscount, false),
                (Need::HourlyPrice, true),
                (Need::HourlyTier, false),
                (Need::BandwidthPrice, false),
                (Need::Renewals, false),
            ]
        );
        // Alibaba needs only the five-day answer, inside the window.
        let aliyun = Profile::load(ProfileId::Aliyun);
        assert_eq!(
            need(&aliyun.needs(&early, &ProviderFacts::default())),
            [(Need::FirstRefund, true)]
        );
        assert!(aliyun.needs(&late, &ProviderFacts::default()).is_empty());
        // Huawei also the fee on the refund order, wherever the five-day
        // refund does not surely apply (no China fee is computed).
        let huawei = Profile::load(ProfileId::Huawei);
        assert_eq!(
            need(&huawei.needs(&early, &ProviderFacts::default())),
            [(Need::FirstRefund, true), (Need::RefundFee, false)]
        );
        assert!(huawei.needs(&early, &yes).is_empty());
        assert_eq!(
            need(&huawei.needs(&late, &ProviderFacts::default())),
            [(Need::RefundFee, false)]
        );
        // UCloud's profiles ask none of these.
        assert!(
            Profile::load(ProfileId::Ucloud)
                .needs(&late, &ProviderFacts::default())
                .is_empty()
        );
    }
}
