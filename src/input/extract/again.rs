//! A day said again in words: "当天", "the same day" after a date.

use super::dates::DateHit;
use super::span::Text;

/// "12月2号删的 当天就提了工单": "当天" is the day just said, again.
pub(super) fn same_day_again(text: &mut Text, hits: &mut Vec<DateHit>) {
    let s = text.masked();
    let mut more = Vec::new();
    for word in ["当天", "同一天", "the same day"] {
        for (start, _) in s.match_indices(word) {
            let at = start..start + word.len();
            let Some(said) = hits.iter().rev().find(|h| h.at.end <= start) else {
                continue;
            };
            // Only where a request is said beside it ("当天就提了工单", "opened a
            // ticket the same day"), not "showed up in my balance the same day".
            let clause = |t: &str| {
                t.split(['。', '，', ',', '.', ';', '；', '!', '！', '?', '？'])
                    .map(str::to_lowercase)
                    .collect::<Vec<_>>()
            };
            let after = clause(&s[at.end..]).into_iter().next().unwrap_or_default();
            let before = clause(&s[..start]).into_iter().last().unwrap_or_default();
            let asked = [
                "提",
                "工单",
                "申请",
                "ticket",
                "request",
                "submitted",
                "applied",
                "asked",
            ]
            .iter()
            .any(|w| after.contains(w) || before.contains(w));
            if !text.is_free(&at) || !asked {
                continue;
            }
            text.take(&at);
            more.push(DateHit {
                at,
                value: said.value.clone(),
            });
        }
    }
    hits.extend(more);
    hits.sort_by_key(|h| h.at.start);
}
