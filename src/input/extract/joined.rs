//! Values joined to their role word across a particle or a place, which the
//! nearest-word pairing of `roles.rs` does not reach: "还用了张50的代金券",
//! "另外200是平台之前送我的赠金", "6月15号在UCloud买了".

use super::dates::DateHit;
use super::scan::MoneyHit;
use super::words::{DateRole, MoneyRole};
use std::ops::Range;

/// Where the clause after a value ends (its length in bytes).
fn clause(after: &str) -> usize {
    after
        .find(|c: char| "，。,;；！？!?\n".contains(c))
        .unwrap_or(after.len())
}

/// "6月15号在UCloud买了": a day left without a role takes the role word
/// after a place (在…) in its clause.
pub(super) fn placed(
    s: &str,
    hits: &[DateHit],
    words: &[(Range<usize>, DateRole)],
    roles: &mut [Option<DateRole>],
) {
    for (hit, role) in hits.iter().zip(roles.iter_mut()) {
        let after = &s[hit.at.end..];
        if role.is_none() && after.trim_start().starts_with('在') {
            let end = hit.at.end + clause(after);
            *role = words
                .iter()
                .find(|(w, _)| w.start > hit.at.end && w.end <= end && w.start - hit.at.end <= 24)
                .map(|(_, r)| *r);
        }
    }
}

/// "还用了张50的代金券": a bare number joined by 的 to the word it is;
/// "另外200是平台之前送我的赠金": a voucher or gift that 是 names, in its clause.
pub(super) fn named_after(
    s: &str,
    hits: &[MoneyHit],
    words: &[(Range<usize>, MoneyRole)],
    roles: &mut [Option<MoneyRole>],
) -> Vec<Range<usize>> {
    let mut claimed = Vec::new();
    for (hit, role) in hits.iter().zip(roles.iter_mut()) {
        if role.is_some() || hit.marked {
            continue;
        }
        let after = &s[hit.at.end..];
        if after.starts_with('的') {
            let at = hit.at.end + '的'.len_utf8();
            let w = words.iter().find(|(w, _)| w.start == at);
            *role = w.map(|(_, r)| *r);
            claimed.extend(w.map(|(w, _)| w.clone()));
        } else if after.starts_with('是') || english_link(after) {
            // "800是支付宝付的现金", "2000 by alipay and 400 was a voucher":
            // the clause up to the next "and".
            let mut end = clause(after);
            if let Some(and) = after.find(" and ") {
                end = end.min(and);
            }
            let end = hit.at.end + end;
            let w = words.iter().find(|(w, r)| {
                w.start > hit.at.end
                    && w.end <= end
                    && matches!(
                        r,
                        MoneyRole::Voucher | MoneyRole::Gift | MoneyRole::Paid | MoneyRole::List
                    )
            });
            *role = w.map(|(_, r)| *r);
            claimed.extend(w.map(|(w, _)| w.clone()));
        }
    }
    claimed
}

/// " was a voucher", " by alipay": an English amount joined to the word
/// that names it.
fn english_link(after: &str) -> bool {
    [
        " was ", " were ", " is ", " by ", " via ", " in ", " as ", " from ",
    ]
    .iter()
    .any(|l| after.starts_with(l))
}

/// "68 原价是200", "实付是68": a word followed by 是 (or a colon) names the
/// amount right after it, not the one before the word.
pub(super) fn named_before(
    s: &str,
    hits: &[MoneyHit],
    words: &[(Range<usize>, MoneyRole)],
    roles: &mut [Option<MoneyRole>],
) -> Vec<Range<usize>> {
    let mut claimed = Vec::new();
    for (w, r) in words {
        let after = &s[w.end..];
        let link = ["是", "为", "：", ":"].iter().find(|l| after.starts_with(**l));
        let Some(link) = link else { continue };
        let at = w.end + link.len();
        let at = at + (s[at..].len() - s[at..].trim_start().len());
        let hit = hits.iter().position(|h| h.at.start == at);
        if let Some(i) = hit.filter(|i| roles[*i].is_none()) {
            roles[i] = Some(*r);
            claimed.push(w.clone());
        }
    }
    claimed
}
