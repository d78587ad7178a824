//! Pairing values with role words: each role word goes to the nearest
//! value of its kind in the same clause (before it or, closer, after it),
//! one word to one value, nearest pairs first; a value left over may look a
//! little further.

use std::ops::Range;

use super::span::{BOUNDARIES, gap};

/// How far (in non-space characters) a role word may be from its value.
#[derive(Clone, Copy)]
pub(super) struct Reach {
    pub(super) before: usize,
    pub(super) after: usize,
    /// Left unpaired, may take a word further back in its clause, or just
    /// before it in the previous one ("申请提交了，在3月18日").
    pub(super) further: bool,
}

/// How far back, over a clause boundary, a value left unpaired may look.
const OVER_BOUNDARY: usize = 6;
/// How far ahead in its own clause a value left unpaired may look.
const FURTHER_AFTER: usize = 14;

/// Pairs `items` with `words` (each with its role), nearest first, one to
/// one; a word may not reach over another item or a clause boundary.
/// `words` are in text order.
pub(super) fn pair<R: Copy>(
    s: &str,
    items: &[(Range<usize>, Reach)],
    words: &[(Range<usize>, R)],
) -> Vec<Option<R>> {
    let mut order: Vec<usize> = (0..items.len()).collect();
    order.sort_by_key(|i| items[*i].0.start);
    // The words between an item's neighbours, split by side.
    let mut near: Vec<(usize, Vec<usize>)> = Vec::new();
    for (k, &i) in order.iter().enumerate() {
        let lo = k.checked_sub(1).map_or(0, |p| items[order[p]].0.end);
        let hi = order.get(k + 1).map_or(s.len(), |n| items[*n].0.start);
        let first = words.partition_point(|(w, _)| w.start < lo);
        let inside = words[first..].iter().take_while(|(w, _)| w.end <= hi).count();
        near.push((i, (first..first + inside).collect()));
    }
    let mut candidates = Vec::new();
    for (i, js) in &near {
        let (item, reach) = &items[*i];
        for &j in js {
            let word = &words[j].0;
            let (between, after, limit) = if word.end <= item.start {
                (word.end..item.start, false, reach.before)
            } else if word.start >= item.end {
                (item.end..word.start, true, reach.after)
            } else {
                continue;
            };
            let Some((distance, boundary)) = gap(s, between) else {
                continue;
            };
            if !boundary && distance <= limit {
                candidates.push((distance, after, *i, j));
            }
        }
    }
    candidates.sort();
    let mut roles = vec![None; items.len()];
    let mut used = vec![false; words.len()];
    for (_, _, i, j) in candidates {
        if roles[i].is_none() && !used[j] {
            roles[i] = Some(words[j].1);
            used[j] = true;
        }
    }
    let mut further = Vec::new();
    for (i, js) in &near {
        let (item, reach) = &items[*i];
        if !reach.further || roles[*i].is_some() {
            continue;
        }
        for &j in js {
            let word = &words[j].0;
            if used[j] {
                continue;
            }
            // "2026年10月8日在双11预热活动页面下单的": the word later in the
            // same clause, a little further than it may usually be.
            // Not past a sentence's end ("on 2026-11-20. I have not deleted").
            if word.start >= item.end {
                if let Some((distance, false)) = gap(s, item.end..word.start)
                    && distance <= FURTHER_AFTER
                    && !s[item.end..word.start].contains(". ")
                {
                    further.push((0, distance, *i, j));
                }
                continue;
            }
            if word.end > item.start {
                continue;
            }
            let between = word.end..item.start;
            let boundaries = s
                .get(between.clone())
                .map_or(0, |g| g.matches(BOUNDARIES).count());
            let Some((distance, _)) = gap(s, between) else {
                continue;
            };
            if boundaries == 0 || (boundaries == 1 && distance <= OVER_BOUNDARY) {
                further.push((boundaries, distance, *i, j));
            }
        }
    }
    further.sort();
    for (_, _, i, j) in further {
        if roles[i].is_none() && !used[j] {
            roles[i] = Some(words[j].1);
            used[j] = true;
        }
    }
    roles
}
