//! Giving amounts their roles: the role word paired with each amount
//! (`pair.rs`), then what the words around say (a charge beside the order,
//! an amount beside its length or its purchase, two amounts paid apart by a
//! voucher or a gift).

use std::collections::BTreeMap;
use std::ops::Range;

use super::facts::{Fact, UnclearKind};
use super::pair::{Reach, pair};
use super::roles::{Collector, share_listed_roles};
use super::scan::MoneyHit;
use super::span::gap;
use super::words::{DateRole, MoneyRole, Tag, Word};

pub(super) fn money(
    out: &mut Collector,
    s: &str,
    hits: &[MoneyHit],
    words: &[Word],
    lengths: &[Range<usize>],
) {
    let items: Vec<_> = hits
        .iter()
        .map(|h| {
            let reach = if h.marked {
                Reach {
                    before: 12,
                    after: 4,
                    further: true,
                }
            } else {
                Reach {
                    before: 4,
                    after: 0,
                    further: false,
                }
            };
            (h.at.clone(), reach)
        })
        .collect();
    let role_words: Vec<_> = words
        .iter()
        .filter_map(|w| match w.tag {
            Tag::Money(r) => Some((w.at.clone(), r)),
            _ => None,
        })
        .collect();
    // "30是代金券 180是wx付的": a word a value names with 是 or 的 is that
    // value's, not the next one's.
    let mut named: Vec<Option<MoneyRole>> = vec![None; hits.len()];
    let mut claimed = super::joined::named_after(s, hits, &role_words, &mut named);
    claimed.extend(super::joined::named_before(s, hits, &role_words, &mut named));
    let free: Vec<_> = role_words
        .iter()
        .filter(|(w, _)| !claimed.contains(w))
        .cloned()
        .collect();
    let mut roles = pair(s, &items, &free);
    for (role, n) in roles.iter_mut().zip(named) {
        if n.is_some() {
            *role = n;
        }
    }
    // "买了一年 3600元": an amount said right after the purchase is what was paid.
    for (hit, role) in hits.iter().zip(roles.iter_mut()) {
        let bought = words.iter().any(|w| {
            w.tag == Tag::Date(DateRole::Start)
                && w.at.end <= hit.at.start
                && gap(s, w.at.end..hit.at.start).is_some_and(|(n, boundary)| !boundary && n <= 6)
        });
        if role.is_none() && hit.marked && bought {
            *role = Some(MoneyRole::Paid);
        }
    }
    // "按年的，一年198", "198 a year": an amount beside the order's length,
    // with no word of its own, is what the order cost.
    for (hit, role) in hits.iter().zip(roles.iter_mut()) {
        let beside = lengths.iter().any(|l| {
            let between = if l.end <= hit.at.start {
                l.end..hit.at.start
            } else {
                hit.at.end..l.start.max(hit.at.end)
            };
            gap(s, between).is_some_and(|(n, boundary)| !boundary && n <= 1)
        });
        // "包年的，3600块", "一年，3600元": a yearly order and then its price, a comma alone between.
        let yearly = words
            .iter()
            .filter(|w| w.tag == Tag::Billing(crate::policy::Billing::Yearly))
            .map(|w| &w.at)
            .chain(lengths.iter())
            .any(|l| {
                let comma = s
                    .get(l.end..hit.at.start)
                    .unwrap_or("x")
                    .trim_matches(|c: char| c.is_whitespace() || c == '的');
                l.end <= hit.at.start && matches!(comma, "，" | ",")
            });
        let beside = beside || (hit.marked && yearly);
        if role.is_none() && beside {
            *role = Some(MoneyRole::Paid);
        }
    }
    let _ = super::joined::named_after(s, hits, &role_words, &mut roles);
    // "I paid ¥12 this month for traffic beyond the plan": a charge named in
    // the amount's clause is what the amount is, whatever word is nearer.
    for (hit, role) in hits.iter().zip(roles.iter_mut()) {
        let charge = role_words.iter().any(|(w, r)| {
            *r == MoneyRole::Charge && {
                let between = if w.start >= hit.at.end {
                    hit.at.end..w.start
                } else {
                    w.end..hit.at.start
                };
                gap(s, between).is_some_and(|(n, boundary)| !boundary && n <= 30)
            }
        });
        if charge {
            *role = Some(MoneyRole::Charge);
        }
    }
    let spans: Vec<Range<usize>> = hits.iter().map(|h| h.at.clone()).collect();
    share_listed_roles(s, &spans, &mut roles);
    let mut by_role: BTreeMap<MoneyRole, Vec<&MoneyHit>> = BTreeMap::new();
    for (hit, role) in hits.iter().zip(roles) {
        let role = match role {
            // "list price 800 per month" is the monthly price, not a promotion's.
            Some(MoneyRole::Paid | MoneyRole::List) | None if hit.per_month => Some(MoneyRole::Monthly),
            other => other,
        };
        match role {
            Some(r) => by_role.entry(r).or_default().push(hit),
            None => out.unclear(&hit.at, UnclearKind::AmountWithoutRole),
        }
    }
    // "总共1350 我微信付了1200 券抵了150": of two amounts paid, the total is
    // the other and the voucher together; what was paid is the smaller.
    // "一共900，其中800是支付宝付的现金，100是账户赠金": what was paid is cash
    // and gift together, the larger.
    two_paid_apart_by(&mut by_role, MoneyRole::Voucher, false);
    two_paid_apart_by(&mut by_role, MoneyRole::Gift, true);
    for (role, hits) in by_role {
        let first = hits[0].value;
        if hits.iter().any(|h| h.value != first) {
            hits.iter()
                .for_each(|h| out.unclear(&h.at, UnclearKind::ConflictingAmounts));
            continue;
        }
        let fact = match role {
            MoneyRole::Charge => continue,
            MoneyRole::Paid => Fact::Paid(first),
            MoneyRole::List => Fact::ListPrice(first),
            MoneyRole::Voucher => Fact::Voucher(first),
            MoneyRole::Gift => Fact::Gift(first),
            MoneyRole::Monthly => Fact::MonthlyPrice(first),
        };
        let zero_means_none = matches!(role, MoneyRole::Voucher | MoneyRole::Gift);
        if first.is_zero() && !zero_means_none {
            out.unclear(&hits[0].at, UnclearKind::AmountWithoutRole);
            continue;
        }
        out.fact(&hits[0].at, fact);
    }
}

/// Two amounts paid that differ by exactly the one amount of `part`: the
/// larger (`keep_larger`) or the smaller is what was paid.
fn two_paid_apart_by(by_role: &mut BTreeMap<MoneyRole, Vec<&MoneyHit>>, part: MoneyRole, keep_larger: bool) {
    let part = by_role.get(&part).filter(|v| v.len() == 1).map(|v| v[0].value);
    if let (Some(p), Some(paid)) = (part, by_role.get_mut(&MoneyRole::Paid))
        && let [a, b] = paid.as_slice()
        && (a.value - b.value).abs() == p
        && !p.is_zero()
    {
        let keep = if (a.value > b.value) == keep_larger {
            *a
        } else {
            *b
        };
        *paid = vec![keep];
    }
}
