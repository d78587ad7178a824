//! The dialogue acts as a table: message × screen → act, in both
//! languages, with every example of the issue that asked for them; and the
//! held-out sentences (`tests/fixtures/acts_heldout.tsv`, written by someone
//! who had not seen the word lists), whose accuracy is printed per act.

use crate::case::{CaseStatus, CaseView, EventView};
use crate::conversation::screen_read::reading;
use crate::conversation::{Ctx, Effect, Input, Intents, State, step};
use crate::policy::ProfileId;
use crate::policy::calendar::Calendar;
use crate::render::{Lang, Renderer};
use chrono::{DateTime, TimeZone, Utc};
use chrono_tz::Asia::Shanghai;

fn now() -> DateTime<Utc> {
    Shanghai
        .with_ymd_and_hms(2026, 12, 6, 10, 0, 0)
        .single()
        .expect("valid")
        .with_timezone(&Utc)
}

/// A chat and its cases, kept as the app keeps them, without a store.
struct Bench {
    calendar: Calendar,
    intents: Intents,
    state: State,
    cases: Vec<CaseView>,
}

impl Bench {
    fn new(intents: Intents, lang: Lang) -> Bench {
        Bench {
            calendar: Calendar::china(),
            intents,
            state: State {
                lang: Some(lang),
                ..State::default()
            },
            cases: Vec::new(),
        }
    }

    fn ctx(&self) -> Ctx<'_> {
        Ctx {
            now: now(),
            profile: ProfileId::Ucloud,
            calendar: &self.calendar,
            cases: &self.cases,
            intents: &self.intents,
            reminders: &[],
            desk: None,
        }
    }

    /// Types a line (`/…` a command, `!id` a button press).
    fn say(&mut self, line: &str) {
        let input = match line.strip_prefix('!') {
            Some(id) => Input::Button(id.to_owned()),
            None => Input::from_text(line),
        };
        let out = step(&self.state, &input, &self.ctx());
        for e in out.effects {
            match e {
                Effect::SaveCase { number, status, data } => {
                    match self.cases.iter_mut().find(|c| c.number == number) {
                        Some(c) => {
                            c.status = status;
                            c.data = *data;
                        }
                        None => self.cases.push(CaseView {
                            number,
                            status,
                            data: *data,
                            events: vec![],
                            contacts: vec![],
                            created_at: now(),
                        }),
                    }
                }
                Effect::Event { number, status, note } => {
                    if let Some(c) = self.cases.iter_mut().find(|c| c.number == number) {
                        c.status = status;
                        c.events.push(EventView {
                            status,
                            at: now(),
                            note,
                        });
                    }
                }
                _ => {}
            }
        }
        self.state = out.state;
    }

    fn act(&self, text: &str) -> &'static str {
        reading(&self.state, text, &self.ctx()).act.name()
    }
}

const SENTENCE: &str = "uhost-1a2b3c4d 是 2026年11月1日 买的，包月一个月，实付 800 元，2026-11-11 删除了";

/// The lines that lead from the menu to a screen.
fn path(screen: &str) -> Vec<&'static str> {
    let to_instance = vec!["开始退款评估", "!billing:monthly", "!account:none"];
    let p: Vec<&'static str> = match screen {
        "menu" => vec![],
        "q.billing" => vec!["开始退款评估"],
        "q.account" => vec!["开始退款评估", "!billing:monthly"],
        "q.customised" => vec![
            "开始退款评估",
            "!billing:monthly",
            "!account:items",
            "!arrears:no",
            "!violation:no",
        ],
        "q.applicant" => vec![
            "开始退款评估",
            "!billing:monthly",
            "!account:items",
            "!arrears:no",
            "!violation:no",
            "!customised:no",
        ],
        "q.instance" => to_instance,
        "q.start" => [to_instance, vec!["uhost-1a2b3c4d"]].concat(),
        "q.end" => [to_instance, vec!["uhost-1a2b3c4d", "2026-11-01"]].concat(),
        "q.paid" => [to_instance, vec!["uhost-1a2b3c4d", "2026-11-01", "!end:1m"]].concat(),
        "q.delete_at" => [
            to_instance,
            vec!["uhost-1a2b3c4d", "2026-11-01", "!end:1m", "800"],
        ]
        .concat(),
        "result" => vec![SENTENCE, "!account:none"],
        "q.list_price" => vec![SENTENCE, "!account:none", "!result:refine"],
        "q.voucher" => vec![SENTENCE, "!account:none", "!result:refine", "!list:none"],
        "q.gift" => vec![
            SENTENCE,
            "!account:none",
            "!result:refine",
            "!list:none",
            "!voucher:none",
        ],
        "q.first_refund" => vec![
            "ins-abcd1234 2026年12月4日买的 包年一年 实付 1088",
            "!account:none",
        ],
        "case" => vec![SENTENCE, "!account:none", "/case 1"],
        "case.waiting" => vec![SENTENCE, "!account:none", "!result:submitted", "2026-11-12"],
        "q.submitted_at" => vec![SENTENCE, "!account:none", "!result:submitted"],
        "q.received" => vec![SENTENCE, "!account:none", "/case 1", "!follow:different"],
        "q.support_said" => vec!["我的退款被拒了"],
        "letter" => vec![
            "我的退款被拒了",
            "!reject:not_eligible",
            "uhost-1a2b3c4d",
            "2026-11-28",
        ],
        "ladder.name" => vec![
            "我的退款被拒了",
            "!reject:not_eligible",
            "uhost-1a2b3c4d",
            "2026-11-28",
            "!lad:1:letter:miit",
        ],
        "ladder.address" => [path("ladder.name"), vec!["赵丽华"]].concat(),
        other => panic!("no path to screen {other}"),
    };
    p
}

fn bench_at(intents: &Renderer, screen: &str, lang: Lang) -> Bench {
    let mut b = Bench::new(Intents::load(intents), lang);
    for line in path(screen) {
        b.say(line);
    }
    b
}

#[test]
fn every_example_is_read_as_its_act() {
    let r = Renderer::new().expect("templates");
    #[rustfmt::skip]
    let table: &[(&str, &str, &str)] = &[
        // Questions, mid-flow: answered, never taken as answers or events.
        ("q.billing", "按月、按年是什么意思呀？我就交了一年的钱。", "both"),
        ("q.instance", "实例ID是什么？在哪里看？", "question"),
        ("result", "控制台是什么呀？", "question"),
        ("q.voucher", "赠金和代金券是什么？", "question"),
        ("result", "请问计算公式里的 × 1.5 是什么意思？", "question"),
        ("letter", "这段话我要发到哪里去呢？", "question"),
        ("result", "where in the console is unsubscribe? and does the money go back to alipay or to my balance?", "question"),
        ("case", "钱现在是不是已经在ucloud余额里了", "question"),
        ("result", "那钱啥时候能到我支付宝", "question"),
        ("letter", "请问我现在是否符合向工信部申诉的条件？", "question"),
        ("result", "我是微信付的 钱能直接退回微信不", "question"),
        ("case", "钱到账了吗", "question"),
        // Reports name their event; denials change nothing.
        ("case", "钱到账了", "report"),
        ("case", "已经到账了", "report"),
        ("case.waiting", "got it, thanks", "report"),
        ("q.start", "got it", "social"),
        ("case", "钱到账了！在UCloud余额里看到了", "report"),
        ("menu", "我的退款被拒了", "report"),
        ("menu", "退款被拒了怎么办？", "report"),
        ("result", "没被拒啊 我还没申请呢", "denial"),
        ("letter", "申诉也被驳回了，还能怎么办", "report"),
        ("menu", "the refund hasn't arrived", "report"),
        // Talk.
        ("q.billing", "谢谢", "social"),
        ("q.support_said", "咋又从头开始了", "social"),
        ("letter", "你这信不行啊 你把我后面说的也当成客服的答复写进去了", "social"),
        ("q.start", "thanks!", "social"),
        // Answers in the person's own words, at button steps and others.
        ("q.account", "都没有 我是号主", "answer"),
        ("q.account", "没有欠费也没违规，我是公司账号的管理员", "answer"),
        ("q.customised", "没有定制，就是普通的", "answer"),
        ("q.list_price", "我哪知道是不是活动价", "answer"),
        ("q.instance", "找到了 是 uhost-7f3k2m9q 吧", "answer"),
        ("q.instance", "uhost-1a2b3c4d", "answer"),
        ("q.paid", "800", "answer"),
        ("q.support_said", "客服说已经超过五天无理由退款期限，不能全额退", "answer"),
        ("q.delete_at", "现在", "answer"),
        ("q.account", "none apply, I'm the owner of the account", "answer"),
        // Corrections.
        ("result", "不是15天，是1个月", "correction"),
        ("result", "到期应该是2027年7月15号", "correction"),
        ("q.paid", "不对不对 是十月一号买的 不是九月一号", "correction"),
        // Requests.
        ("q.start", "back", "request"),
        ("case", "导出案例 1", "request"),
        ("result", "找人工", "request"),
        ("menu", "talk to a human", "request"),
        ("case", "还能怎么办", "question"),
    ];
    let mut wrong = Vec::new();
    for (screen, text, want) in table {
        let lang = if text.is_ascii() { Lang::En } else { Lang::ZhCn };
        let b = bench_at(&r, screen, lang);
        let got = b.act(text);
        if got != *want {
            wrong.push(format!("{screen}: «{text}» → {got}, want {want}"));
        }
    }
    assert!(
        wrong.is_empty(),
        "{} of {}:\n{}",
        wrong.len(),
        table.len(),
        wrong.join("\n")
    );
}

/// The held-out sentences: acts as the author labelled them, read on the
/// screen they were written for. `denial` counts as `correction` (it
/// corrects what the bot believes), `both` as itself.
#[test]
fn the_held_out_sentences_are_read_as_their_author_meant() {
    let text = include_str!("../../tests/fixtures/acts_heldout.tsv");
    held_out(text, 200, MIN_PERCENT);
}

/// The second set, by another author who never saw the word lists, written
/// after the reader was built and never used to tune it.
#[test]
fn the_second_held_out_set_is_read_as_its_author_meant() {
    let text = include_str!("../../tests/fixtures/acts_heldout_b.tsv");
    held_out(text, 100, MIN_PERCENT_B);
}

/// The share of the second set read as meant, at least (first measured at
/// 70 %, 84 of 120; the floor is below it to catch a regression).
const MIN_PERCENT_B: u32 = 65;

fn held_out(text: &str, at_least: u32, min_percent: u32) {
    let r = Renderer::new().expect("templates");
    let mut per: std::collections::BTreeMap<(String, &str), (u32, u32)> = Default::default();
    let mut benches: std::collections::HashMap<(String, bool), Bench> = Default::default();
    for line in text.lines().filter(|l| !l.trim().is_empty()) {
        let cols: Vec<&str> = line.split('\t').collect();
        let [screen, want, message, ..] = cols[..] else {
            continue;
        };
        let english = message.is_ascii();
        let lang = if english { Lang::En } else { Lang::ZhCn };
        let b = benches
            .entry((screen.to_owned(), english))
            .or_insert_with(|| bench_at(&r, screen, lang));
        let got = match b.act(message) {
            "denial" => "correction",
            g => g,
        };
        let e = per
            .entry((want.to_owned(), if english { "en" } else { "zh" }))
            .or_default();
        e.1 += 1;
        if got == want {
            e.0 += 1;
        } else {
            println!("miss {screen}: «{message}» → {got}, meant {want}");
        }
    }
    let (right, all) = per.values().fold((0, 0), |(a, b), (r, n)| (a + r, b + n));
    for ((act, lang), (r, n)) in &per {
        println!("{act:<11} {lang}: {r}/{n}");
    }
    println!(
        "all: {right}/{all} ({:.0} %)",
        f64::from(right) * 100.0 / f64::from(all)
    );
    assert!(all >= at_least, "{all} sentences");
    assert!(right * 100 >= all * min_percent, "{right}/{all} read as meant");
}

/// The share of held-out sentences read as their author meant, at least.
const MIN_PERCENT: u32 = 75;

#[test]
fn a_question_never_changes_the_case() {
    let r = Renderer::new().expect("templates");
    for (screen, q) in [
        ("result", "那钱啥时候能到我支付宝"),
        ("case", "钱能退回微信吗"),
        ("case", "请问我现在是否符合向工信部申诉的条件？"),
        ("letter", "这段话我要发到哪里去呢？"),
    ] {
        let mut b = bench_at(&r, screen, Lang::ZhCn);
        let before: Vec<(i64, CaseStatus)> = b.cases.iter().map(|c| (c.number, c.status)).collect();
        b.say(q);
        let after: Vec<(i64, CaseStatus)> = b.cases.iter().map(|c| (c.number, c.status)).collect();
        assert_eq!(before, after, "{screen}: «{q}» changed the cases");
    }
}

#[test]
fn the_furthest_step_a_message_reports_is_the_one_read() {
    use crate::conversation::read::act::{Act, Event};
    let r = Renderer::new().expect("templates");
    let mut b = Bench::new(Intents::load(&r), Lang::ZhCn);
    let told = "退款被拒，申诉也被驳回，11月10日已经向优刻得正式投诉，一直没结果，想向工信部投诉。";
    assert_eq!(
        reading(&b.state, told, &b.ctx()).act,
        Act::Report(Event::Complained)
    );
    // Wanting to complain is not having complained.
    let wants = "退款被拒了，想向工信部投诉";
    assert_eq!(
        reading(&b.state, wants, &b.ctx()).act,
        Act::Report(Event::Rejected)
    );
    b.say(told);
    // On the ladder, the step a sentence names is its button.
    assert_eq!(
        reading(&b.state, "写工信部申诉书", &b.ctx()).act,
        Act::Choice("lad:1:letter:miit".to_owned())
    );
}
