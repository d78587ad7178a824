//! Every template renders for every shape a case takes, with the data the
//! conversation itself passes: the real application is walked, in both
//! languages, for each provider, from the menu and from each way in (a
//! sentence with the facts, a follow-up from zero, a rejection), pressing at
//! every screen the button least pressed so far and answering every
//! question with a plausible value. Each reply is rendered strictly (the
//! harness fails on any missing value or template), must show no internal
//! text (phrase lists, keys, rule versions, `{{`, `None`, empty headings),
//! and at the end every key was reached or is listed below with a reason.

#[path = "every_template/checks.rs"]
mod checks;
#[path = "every_template/from_zero.rs"]
mod from_zero;
#[path = "every_template/later.rs"]
mod later;
#[path = "every_template/said.rs"]
mod said;
#[path = "every_template/scripted.rs"]
mod scripted;
#[path = "every_template/unreached.rs"]
mod unreached;

use crate::common::Chat;
use checks::Checks;
use refund_assistant::conversation::Input;
use refund_assistant::render::Lang;
use std::collections::{BTreeMap, BTreeSet, HashMap};
use unreached::{ELSEWHERE, NOT_YET};

/// Instance IDs by provider, as a user pastes them.
/// The products with rules of their own (Tencent Lighthouse, UCloud's
/// lightweight host) are walked too, under their provider.
const PROVIDERS: [(&str, &str); 6] = [
    ("ucloud", "uhost-1a2b3c4d"),
    ("tencent", "ins-2x8d9f0a"),
    ("huawei", "4cc31f70-f0b5-4ce8-8b9a-1e4c0fb53b6a"),
    ("aliyun", "i-bp1a2b3c4d5e6f"),
    ("tencent", "lhins-2x8d9f0a"),
    ("ucloud", "ulhost-1tregne0qp7u"),
];

fn sample_answers(asked: &str, instance: &str) -> Vec<String> {
    let v: &[&str] = match asked {
        // The ID, and one whose product prefix no cloud uses (a digit first).
        "q.instance" | "q.follow_instance" => return vec![instance.to_owned(), "9abc-1a2b3c4d".to_owned()],
        "q.start" => &["2026-03-01"],
        "q.end" => &["2026-03-31"],
        "q.paid" => &["800"],
        "q.delete_at" => &["2026-03-10 10:00"],
        "q.submitted_at" => &["2026-03-11 09:00"],
        "q.received" => &["300"],
        "q.contact_when" => &["2026-03-11 09:30"],
        "q.contact_agent" => &["Wang"],
        "q.contact_said" | "q.support_said" => &["正在处理，请耐心等待"],
        "q.reason_text" => &["no longer needed"],
        "q.list_price" => &["1500"],
        // "1" where the question also has buttons: the amount or option 1?
        "q.voucher" | "q.gift" => &["100", "1"],
        "q.overage" | "q.value_added" | "q.customisation" => &["100"],
        "q.monthly_price" => &["900"],
        // A price the cloud's rules need (Tencent's hourly price), and one
        // that is no price.
        "q.need" => &["0.42", "about 40 cents"],
        "ladder.ask" => &[
            "CS20261110-0457",
            "张三",
            "北京市海淀区中关村大街1号",
            "13812345678",
            "100080",
        ],
        _ => &[],
    };
    v.iter().map(|s| (*s).to_owned()).collect()
}

/// What a walk may send next: every button on screen and the answers to the
/// question asked.
fn options(c: &Chat, instance: &str) -> Vec<Input> {
    let mut out: Vec<Input> = c
        .last
        .iter()
        .flat_map(|r| r.button_ids())
        .map(|b| Input::Button(b.to_owned()))
        .collect();
    out.extend(sample_answers(&c.asked(), instance).into_iter().map(Input::Text));
    // What people also type anywhere: help, nonsense, a wrong value, a
    // command, their data erased.
    for t in [
        "/help",
        "abc",
        "-5",
        "/cases",
        "/back",
        "/tips",
        "/delete_my_data",
    ] {
        out.push(Input::Text(t.to_owned()));
    }
    out
}

fn label(i: &Input) -> String {
    match i {
        Input::Button(b) => format!("press {b}"),
        Input::Text(t) => format!("type {t}"),
        other => format!("{other:?}"),
    }
}

struct Walks {
    /// How often each option was taken at each question, across walks.
    taken: BTreeMap<(String, String), usize>,
    problems: Vec<String>,
    used: HashMap<Lang, BTreeSet<String>>,
    checks: Checks,
}

impl Walks {
    fn walk(&mut self, lang: Lang, instance: &str, opener: &[&str], steps: usize) {
        let mut c = Chat::new(lang);
        let mut path = Vec::new();
        for o in opener {
            c.text(o);
            path.push(format!("type {o}"));
            self.check(&c, &path);
        }
        for _ in 0..steps {
            let asked = c.asked();
            let mut choices = options(&c, instance);
            // The languages walk in threads of their own, each with its own
            // counts: English takes the options from the other end, so the
            // two between them still take different ones.
            if lang != Lang::ZhCn {
                choices.reverse();
            }
            let next = choices
                .into_iter()
                .min_by_key(|o| self.taken.get(&(asked.clone(), label(o))).copied().unwrap_or(0));
            let Some(next) = next else {
                break;
            };
            *self.taken.entry((asked, label(&next))).or_default() += 1;
            path.push(label(&next));
            c.send(next);
            self.check(&c, &path);
        }
        self.used.entry(lang).or_default().extend(c.renderer.used(lang));
    }

    /// A scripted walk at its end: its texts checked, its templates counted as reached.
    fn record(&mut self, c: &Chat, lang: Lang, what: &str) {
        self.check(c, &[what.to_owned()]);
        self.reached(c, lang);
    }

    /// The templates a walk rendered, counted as reached.
    fn reached(&mut self, c: &Chat, lang: Lang) {
        self.used.entry(lang).or_default().extend(c.renderer.used(lang));
    }

    fn check(&mut self, c: &Chat, path: &[String]) {
        for r in &c.response.replies {
            for found in self.checks.internal(&r.html, &r.plain()) {
                self.problems.push(format!(
                    "{found} in a reply after {}:\n{}",
                    path.join(" → "),
                    r.plain()
                ));
            }
        }
    }
}

#[test]
fn every_template_renders_for_every_case_shape_and_shows_no_internal_text() {
    let probe = Chat::new(Lang::ZhCn);
    // A thread a language: each walks its own conversations (the test was
    // the longest of the suite on one core).
    let walked: Vec<Walks> = std::thread::scope(|s| {
        let each: Vec<_> = Lang::ALL
            .into_iter()
            .map(|lang| s.spawn(move || walk_language(lang)))
            .collect();
        each.into_iter()
            .map(|h| h.join().expect("a language's walks"))
            .collect()
    });
    let problems: Vec<String> = walked.iter().flat_map(|w| w.problems.iter().cloned()).collect();
    let kinds: BTreeSet<&str> = problems
        .iter()
        .filter_map(|p| p.split(" in a reply").next())
        .collect();
    assert!(
        problems.is_empty(),
        "{} replies show internal text: {kinds:?}; the first ones:\n{}",
        problems.len(),
        problems.iter().take(4).cloned().collect::<Vec<_>>().join("\n\n")
    );
    // Reached in either language (both have the same keys, and every reply
    // reached was rendered strictly in its own).
    let used: BTreeSet<String> = walked
        .iter()
        .flat_map(|w| w.used.values().flatten().cloned())
        .collect();
    let missing: Vec<String> = probe
        .renderer
        .keys(Lang::ZhCn)
        .into_iter()
        .filter(|k| !used.contains(k))
        .filter(|k| !ELSEWHERE.iter().any(|(p, _)| k.starts_with(p)))
        .filter(|k| !NOT_YET.contains(&k.as_str()))
        .collect();
    assert!(
        missing.is_empty(),
        "{} keys were never reached by a conversation nor listed with a reason: {missing:?}",
        missing.len()
    );
}

/// Every way into the conversation, in one language.
fn walk_language(lang: Lang) -> Walks {
    let probe = Chat::new(lang);
    let mut walks = Walks {
        taken: BTreeMap::new(),
        problems: Vec::new(),
        used: HashMap::new(),
        checks: Checks::new(&probe),
    };
    let zh = lang == Lang::ZhCn;
    for (_, id) in PROVIDERS {
        let sentence = if zh {
            format!("{id} 是 2026年3月1日 买的，包月，到期 2026-03-31，实付 800 元，2026-03-11 删除了")
        } else {
            format!("{id} bought 2026-03-01, monthly, expires 2026-03-31, paid 800, deleted 2026-03-11")
        };
        let ways_in: [&[&str]; 8] = [
            &["/start"],
            &[sentence.as_str()],
            &[if zh { "金额不对" } else { "the amount is wrong" }],
            &[if zh {
                "退款还没到"
            } else {
                "the refund hasn't arrived"
            }],
            &[if zh {
                "我已经提交了"
            } else {
                "I've submitted it"
            }],
            &[if zh { "被拒了" } else { "they rejected it" }],
            &[sentence.as_str(), if zh { "被拒了" } else { "they rejected it" }],
            &[
                sentence.as_str(),
                if zh {
                    "被拒了，客服说用量异常"
                } else {
                    "they rejected it, support said abnormal usage"
                },
            ],
        ];
        // Twice each: the second walk takes the options the first did not.
        for opener in ways_in {
            for _ in 0..2 {
                walks.walk(lang, id, opener, 40);
            }
        }
    }
    // What people say beside the answers: thanks, greetings, annoyance, a
    // question the bot has no answer for, reports and denials of events.
    let (_, id) = PROVIDERS[0];
    let sentence = if zh {
        format!("{id} 是 2026年3月1日 买的，包月，到期 2026-03-31，实付 800 元，2026-03-11 删除了")
    } else {
        format!("{id} bought 2026-03-01, monthly, expires 2026-03-31, paid 800, deleted 2026-03-11")
    };
    let s = sentence.as_str();
    let talk: [&[&str]; 10] = if zh {
        [
            &["/start", "谢谢"],
            &["/start", "你好"],
            &["/start", "好的"],
            &["/start", "烦死了"],
            &["/start", "今天股市怎么样？"],
            &["/start", "钱到账了"],
            &[s, "我已经提交了", "2026-03-12 10:00", "没提交啊 我还没申请呢"],
            &[s, "你搞错了"],
            &[s, "我已经向厂商投诉了"],
            // Without a case a complaint is only noted.
            &["/start", "我已经向厂商投诉了"],
        ]
    } else {
        [
            &["/start", "thanks"],
            &["/start", "hello"],
            &["/start", "ok"],
            &["/start", "this is so annoying"],
            &["/start", "what's the stock market doing today?"],
            &["/start", "the money arrived"],
            &[
                s,
                "I've submitted it",
                "2026-03-12 10:00",
                "no, I haven't applied yet",
            ],
            &[s, "you got it wrong"],
            &[s, "I complained to the provider"],
            &["/start", "I complained to the provider"],
        ]
    };
    for opener in talk {
        walks.walk(lang, id, opener, 3);
    }
    // A correction that names no fact of the check, then a submission
    // reported, denied and taken back.
    let mut c = Chat::new(lang);
    c.text(s);
    c.press("account:none");
    c.text(if zh {
        "不对，是3号"
    } else {
        "no wait, it was the 3rd"
    });
    assert_eq!(c.keys()[0], "fix.which", "{}", c.last_text);
    c.text(if zh {
        "我已经提交了"
    } else {
        "I've submitted it"
    });
    c.press("when:now");
    c.text(if zh {
        "没提交啊 我还没申请呢"
    } else {
        "no, I haven't applied yet"
    });
    assert_eq!(c.keys()[0], "report.denied", "{}", c.last_text);
    c.press("undo:1");
    assert_eq!(c.keys()[0], "report.undone", "{}", c.last_text);
    walks.record(&c, lang, "a submission taken back");
    scripted::no_case_yet(&mut walks, lang);
    scripted::arrears_and_an_administrators_appeal(&mut walks, lang, s);
    scripted::complained_at_once_and_a_letter_called_wrong(&mut walks, lang);
    scripted::cloud_named_a_ticket_and_a_bank_topup(&mut walks, lang, s);
    scripted::a_value_told_twice(&mut walks, lang, s);
    scripted::a_deletion_supposed(&mut walks, lang);
    scripted::neither_and_a_phone_number(&mut walks, lang);
    later::a_letter_for_later(&mut walks, lang);
    later::an_id_kept_as_told(&mut walks, lang);
    later::a_summary_checked_back(&mut walks, lang);
    later::a_receipt_taken_back(&mut walks, lang);
    later::a_refund_counted_from_the_request(&mut walks, lang);
    later::a_use_told_after_an_abnormal_use_refusal(&mut walks, lang);
    said::asked_here_a_due_day_checked_and_a_rule_never_shown(&mut walks, lang);
    scripted::a_question_it_cannot_answer(&mut walks, lang);
    walks
}
