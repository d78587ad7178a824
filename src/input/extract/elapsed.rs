//! Words around a length that make it no order length: time gone by, a
//! wait, what is left, a window or a rule's name.

/// Words before a length that make it time gone by ("已满15天", "after
/// 10 days", "it's been 2 weeks"), deny it ("不是15天，是1个月") or point at
/// some time ("这两天", "那2.5个月") or what is left ("只剩两周"), and words after it ("15天仍无答复",
/// "10 days ago", "3天内", "五天无理由"): a wait, a window, a rule's name
/// or a denied value, never the order's length.
const ELAPSED_BEFORE: [&str; 50] = [
    // "that's within the 5 days, right?": the rule's days, not a length.
    "within the",
    "已满",
    "满了",
    "已经",
    "等了",
    "已过",
    "快",
    "都",
    "又",
    "不是",
    "这",
    "那",
    "近",
    "最近",
    "前",
    "剩",
    "剩下",
    "剩余",
    "等满",
    "要等",
    "同",
    "哪",
    "某",
    "每",
    "还有",
    "only",
    "been",
    "after",
    "waited",
    "waiting",
    "already",
    "than",
    "within",
    "for over",
    "over",
    "超过",
    "more than",
    "not",
    "isn't",
    "wasn't",
    "these",
    "those",
    "last",
    "past few",
    // "a quick withdrawal of about 2 hours", "it takes 3 days": a pace.
    "of about",
    "in about",
    "takes",
    "take",
    "took",
    // "still in 5 days?": the five days' window.
    "still in",
];
const ELAPSED_AFTER: [&str; 64] = [
    "以内",
    "之内",
    "left",
    "remaining",
    "to go",
    "仍",
    "还没",
    "还是",
    "还未",
    "没",
    "后",
    "以后",
    "之后",
    "以来",
    "内",
    "了还",
    "了仍",
    "无理由",
    "退款",
    "全额",
    "ago",
    // "54 days before the withdrawal".
    "before",
    "later",
    "since",
    "without",
    "and still",
    // "it's been over a week and the money…", "一周了，钱还没到".
    "and the",
    "and no",
    "了，",
    "了,",
    "了钱",
    "no-reason",
    // "heard tencent has a 5 day no reason refund", "5 days is the refund
    // thing i heard about": the rule's name.
    "no reason",
    "no questions",
    "no-questions",
    "is the refund",
    "is the rule",
    "is the thing",
    "cooling",
    "no-question",
    "return",
    "refund",
    "money-back",
    // "is there like a 5 day thing?", "the 5 days isnt the length": the
    // rule's name, or a length denied.
    "thing",
    "rule",
    "window",
    "policy",
    "guarantee",
    "isn't",
    "isnt",
    "is not",
    "规则",
    "政策",
    "期限",
    // "能走那个2小时的快速提现吧", "2 hour withdrawal": how long a process
    // takes, not the order's length.
    "的快速提现",
    "快速提现",
    "的提现",
    "提现",
    "到账",
    "就到",
    "审核",
    "withdrawal",
    "quick withdrawal",
    "to arrive",
];

pub(super) fn elapsed(before: &str, after: &str) -> bool {
    let before = before.trim_end();
    let after = after.trim_start();
    ELAPSED_BEFORE.iter().any(|w| before.ends_with(w)) || ELAPSED_AFTER.iter().any(|w| after.starts_with(w))
}
