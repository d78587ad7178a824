//! The matcher: its data, its leave-one-out accuracy on its own
//! paraphrases (printed; run with `--nocapture` to read it), the questions
//! people asked in issue 26, and near misses that ask nothing.

use crate::knowledge::support::{knowledge, renderer};
use refund_assistant::conversation::knowledge::{Knowledge, Label, Lookup, Topic, parse};
use std::collections::{BTreeMap, HashSet};
use strum::VariantArray;

const DATA: [(&str, &str); 2] = [
    ("zh-CN", include_str!("../../../intents/knowledge/zh-CN.tsv")),
    ("en", include_str!("../../../intents/knowledge/en.tsv")),
];

#[test]
fn every_topic_has_a_dozen_paraphrases_in_each_language_and_none_twice() {
    for (lang, text) in DATA {
        let lines = parse(text).unwrap_or_else(|e| panic!("{lang}: {e}"));
        let mut per: BTreeMap<&str, usize> = BTreeMap::new();
        let mut seen = HashSet::new();
        for (label, sentence) in &lines {
            *per.entry(label.map_or("none", |t| t.as_str())).or_default() += 1;
            assert!(seen.insert(sentence.to_lowercase()), "{lang}: {sentence} twice");
        }
        for t in Topic::VARIANTS {
            let n = per.get(t.as_str()).copied().unwrap_or(0);
            assert!(n >= 12, "{lang}: {} has {n} paraphrases", t.as_str());
        }
        assert!(
            per.get("none").copied().unwrap_or(0) >= 30,
            "{lang}: too few sentences that ask nothing"
        );
    }
}

fn is_chinese(s: &str) -> bool {
    s.chars().any(|c| ('\u{4E00}'..='\u{9FFF}').contains(&c))
}

#[derive(Default, Debug)]
struct Tally {
    n: usize,
    top1: usize,
    sure_right: usize,
    sure_wrong: usize,
    unsure_with_it: usize,
    unsure_without: usize,
    nothing: usize,
    // Sentences that ask nothing.
    none_n: usize,
    none_sure: usize,
}

#[test]
fn leave_one_out_each_paraphrase_is_found_by_the_others() {
    let mut k = Knowledge::load(renderer());
    let mut tallies: BTreeMap<&str, Tally> = BTreeMap::new();
    let mut misses = Vec::new();
    for (label, text, ranked) in k.leave_one_out() {
        let t = tallies
            .entry(if is_chinese(text) { "zh-CN" } else { "en" })
            .or_default();
        let best: Option<Label> = ranked.0.first().map(|(l, _)| *l);
        let lookup = ranked.lookup();
        let Some(topic) = label else {
            t.none_n += 1;
            if matches!(lookup, Lookup::Sure(_)) {
                t.none_sure += 1;
                misses.push(format!("none → {lookup:?}: {text}"));
            }
            continue;
        };
        t.n += 1;
        if best == Some(Some(topic)) {
            t.top1 += 1;
        }
        match lookup {
            Lookup::Sure(s) if s == topic => t.sure_right += 1,
            Lookup::Sure(s) => {
                t.sure_wrong += 1;
                misses.push(format!("{} → sure {}: {text}", topic.as_str(), s.as_str()));
            }
            Lookup::Unsure(a, b) if a == topic || b == topic => t.unsure_with_it += 1,
            Lookup::Unsure(a, b) => {
                t.unsure_without += 1;
                misses.push(format!(
                    "{} → unsure {} / {}: {text}",
                    topic.as_str(),
                    a.as_str(),
                    b.as_str()
                ));
            }
            Lookup::Nothing => {
                t.nothing += 1;
                misses.push(format!("{} → nothing: {text}", topic.as_str()));
            }
        }
    }
    let pct = |a: usize, b: usize| 100.0 * a as f64 / b.max(1) as f64;
    println!(
        "| language | questions | best topic right | sure and right | sure and wrong | did-you-mean with it | did-you-mean without | nothing | asks-nothing sentences taken as sure |"
    );
    println!("|---|---:|---:|---:|---:|---:|---:|---:|---:|");
    for (lang, t) in &tallies {
        println!(
            "| {lang} | {} | {:.1} % | {:.1} % | {:.1} % | {:.1} % | {:.1} % | {:.1} % | {}/{} |",
            t.n,
            pct(t.top1, t.n),
            pct(t.sure_right, t.n),
            pct(t.sure_wrong, t.n),
            pct(t.unsure_with_it, t.n),
            pct(t.unsure_without, t.n),
            pct(t.nothing, t.n),
            t.none_sure,
            t.none_n
        );
    }
    for m in &misses {
        println!("  {m}");
    }
    for (lang, t) in &tallies {
        assert!(
            pct(t.top1, t.n) >= 55.0,
            "{lang}: best topic right {:.1} %",
            pct(t.top1, t.n)
        );
        // A sure answer is rarely the wrong one: a wrong answer costs more
        // than a "did you mean".
        assert!(
            pct(t.sure_wrong, t.n) <= 8.0,
            "{lang}: sure and wrong {:.1} %",
            pct(t.sure_wrong, t.n)
        );
        assert!(
            pct(t.sure_right + t.unsure_with_it, t.n) >= 65.0,
            "{lang}: answered or offered {:.1} %",
            pct(t.sure_right + t.unsure_with_it, t.n)
        );
    }
}

/// Questions as people asked them in issue 26 (from the tryouts' chats).
#[test]
fn the_questions_of_the_tryouts_find_their_topic() {
    let k = knowledge();
    for (text, want) in [
        ("按月、按年是什么意思呀？我就交了一年的钱。", Topic::BillingKinds),
        ("实例ID是什么？在哪里看？", Topic::InstanceId),
        ("控制台是什么呀？", Topic::Console),
        ("赠金和代金券是什么？", Topic::GiftVsVoucher),
        ("请问计算公式里的 × 1.5 是什么意思？", Topic::Coefficient),
        ("这段话我要发到哪里去呢？", Topic::WhereToSend),
        ("钱现在是不是已经在ucloud余额里了", Topic::WhereMoneyGoes),
        ("那钱啥时候能到我支付宝", Topic::Withdrawal),
        ("请问我现在是否符合向工信部申诉的条件？", Topic::Miit),
        ("我是微信付的 钱能直接退回微信不", Topic::WhereMoneyGoes),
        ("where in the console is unsubscribe?", Topic::WhereToDelete),
        (
            "does the money go back to alipay or to my balance?",
            Topic::WhereMoneyGoes,
        ),
    ] {
        assert_eq!(k.lookup(text), Lookup::Sure(want), "{text}");
    }
}

/// Statements and reports that name no question: never a sure answer.
/// (The reader of acts decides first; this is the matcher's own margin.)
#[test]
fn near_misses_that_ask_nothing_get_no_sure_answer() {
    let k = knowledge();
    let mut taken = Vec::new();
    for text in [
        "退款已经到我余额了",
        "钱收到了，谢谢你",
        "好的，明白",
        "我刚提交了工单",
        "客服拒绝了我的退款",
        "服务器已经删掉了",
        "我用的是支付宝",
        "收到了 312 块",
        "the refund came through",
        "thanks a lot",
        "I've just deleted the server",
        "support turned me down",
        "I paid with alipay",
        "fine, ok",
    ] {
        if let Lookup::Sure(t) = k.lookup(text) {
            taken.push(format!("{text} → {}", t.as_str()));
        }
    }
    assert!(taken.is_empty(), "taken as questions: {taken:#?}");
}

#[test]
fn the_provider_and_the_channel_a_question_names_are_read() {
    use refund_assistant::conversation::knowledge::Channel;
    use refund_assistant::policy::Provider;
    let k = knowledge();
    assert_eq!(k.provider_named("华为云的手续费怎么算"), Some(Provider::Huawei));
    assert_eq!(
        k.provider_named("is the tencent id ins-?"),
        Some(Provider::Tencent)
    );
    assert_eq!(k.provider_named("腾讯和阿里哪个好"), None, "two named: neither");
    assert_eq!(k.channel_named("那钱啥时候能到我支付宝"), Some(Channel::Alipay));
    assert_eq!(
        k.channel_named("can it go back to WeChat?"),
        Some(Channel::Wechat)
    );
    assert_eq!(k.channel_named("退到哪里"), None);
}
