//! The escalation ladder through the real application, in both languages,
//! against fixed clocks: a case refused twice gets the ladder; MIIT waits
//! on day 14 after the complaint to the provider and opens on day 15; a fee
//! dispute is accepted to the 5-month day and not the day after; a company
//! account is warned off 12315; each letter asks for exactly the fields its
//! article requires and then carries every one; sending the MIIT complaint
//! records `escalated` and plans its clocks across the Qingming holiday.

use crate::common;

use chrono::{DateTime, Utc};
use common::{Chat, sh};
use refund_assistant::case::CaseStatus;
use refund_assistant::reminders::Kind;
use refund_assistant::render::Lang;
use serde_json::Value;

const LANGS: [Lang; 2] = [Lang::ZhCn, Lang::En];

/// The worked example submitted on 11 March and refused.
fn refused_once(lang: Lang) -> Chat {
    let mut c = Chat::new(lang);
    c.monthly_800();
    c.press("result:submitted");
    c.press("when:now");
    c.press("follow:rejected");
    c.press("reject:not_eligible");
    c
}

/// The worked example submitted on 11 March, refused, appealed, refused again.
fn refused_twice(lang: Lang) -> Chat {
    let mut c = refused_once(lang);
    assert!(c.keys().iter().any(|k| k.contains("appeal")), "{:?}", c.keys());
    // The appeal's answer comes on another day (a refusal told again the
    // same day is the same refusal).
    let first = c.now;
    c.now = first + chrono::TimeDelta::days(2);
    c.press("follow:rejected");
    c.press("reject:not_eligible");
    c
}

fn reply<'a>(c: &'a Chat, key: &str) -> &'a Value {
    &c.last
        .iter()
        .find(|r| r.key == key)
        .unwrap_or_else(|| panic!("no {key} in {:?}", c.keys()))
        .data
}

fn offered(c: &Chat, id: &str) -> bool {
    c.last.iter().any(|r| r.button_ids().any(|b| b == id))
}

/// The ladder of case 1 as shown at `now`.
fn ladder_at(c: &mut Chat, now: DateTime<Utc>) {
    c.now = now;
    c.press("case:1");
    c.press("ladder:1");
}

fn asked_field(c: &Chat) -> String {
    reply(c, "ladder.ask")["field"]
        .as_str()
        .unwrap_or_default()
        .to_owned()
}

fn complained_on_17_march(lang: Lang) -> Chat {
    let mut c = refused_twice(lang);
    c.now = sh(2026, 3, 17, 10);
    c.press("lad:1:complained");
    assert_eq!(asked_field(&c), "ticket");
    c.text("GD-20260317-0042");
    c
}

#[test]
fn a_second_refusal_shows_the_ladder_with_its_caveats() {
    for lang in LANGS {
        let c = refused_twice(lang);
        assert!(
            c.keys().contains(&"ladder.appeal_refused".to_owned()),
            "{:?}",
            c.keys()
        );
        let l = reply(&c, "ladder");
        assert_eq!(l["miit"]["state"], "needs_complaint");
        assert_eq!(l["samr"]["state"], "needs_complaint");
        assert_eq!(l["arose"], "2026-03-11", "the first refusal");
        let caveats = match lang {
            Lang::ZhCn => ["不是法律意见", "未经确认"],
            Lang::En => ["not legal advice", "Not confirmed"],
        };
        for w in caveats {
            assert!(c.last_text.contains(w), "{lang:?} {w}: {}", c.last_text);
        }
        assert!(offered(&c, "lad:1:complained"));
        assert!(
            !offered(&c, "lad:1:letter:miit"),
            "MIIT only after the complaint to the company"
        );
    }
}

#[test]
fn saying_the_appeal_was_refused_too_leads_to_the_ladder() {
    for (lang, words) in [
        (Lang::ZhCn, "申诉也被拒了，退款被拒了怎么办"),
        (Lang::En, "my refund was rejected again, what can I do?"),
    ] {
        let mut c = refused_once(lang);
        c.text(words);
        assert_eq!(c.asked(), "q.rejection", "{lang:?} {:?}", c.keys());
        c.press("reject:other");
        assert!(c.keys().contains(&"ladder".to_owned()), "{lang:?} {:?}", c.keys());
    }
}

#[test]
fn miit_waits_on_day_14_after_the_complaint_and_opens_on_day_15() {
    for lang in LANGS {
        let mut c = complained_on_17_march(lang);
        assert!(c.last_text.contains("GD-20260317-0042"), "{}", c.last_text);
        let case = &c.cases[0];
        assert_eq!(case.status, CaseStatus::Rejected, "the case keeps its status");
        assert!(
            case.events
                .iter()
                .any(|e| e.status == CaseStatus::Complained && e.note.as_deref() == Some("GD-20260317-0042")),
            "complained is in the timeline"
        );
        ladder_at(&mut c, sh(2026, 3, 31, 10));
        assert_eq!(reply(&c, "ladder")["miit"]["state"], "wait", "day 14");
        assert_eq!(reply(&c, "ladder")["miit"]["from"], "2026-04-01");
        // The letter can be made ready while the company's days run; it says from when to file it.
        assert!(offered(&c, "lad:1:letter:miit"), "day 14: made ready now");
        ladder_at(&mut c, sh(2026, 4, 1, 10));
        assert_eq!(reply(&c, "ladder")["miit"]["state"], "open", "day 15");
        assert!(offered(&c, "lad:1:letter:miit"));
        // The case view's timeline says it too.
        c.press("case:1");
        let word = match lang {
            Lang::ZhCn => "已向厂商正式投诉",
            Lang::En => "Formal complaint to the provider",
        };
        assert!(c.last_text.contains(word), "{}", c.last_text);
    }
}

#[test]
fn an_unsatisfying_answer_opens_miit_before_day_15() {
    let mut c = complained_on_17_march(Lang::ZhCn);
    c.now = sh(2026, 3, 18, 10);
    c.press("lad:1:unsatisfied");
    assert_eq!(reply(&c, "ladder")["miit"]["state"], "open");
}

#[test]
fn a_fee_dispute_is_taken_to_the_5_month_day_and_not_the_day_after() {
    for lang in LANGS {
        let mut c = complained_on_17_march(lang);
        // Refused on 11 March: the limit is 11 August, raised a week before.
        let plan = c.run(c.app.store.scheduled_reminders(&c.user())).expect("plan");
        let fee = plan.iter().find(|r| r.kind == Kind::FeeLimit).map(|r| r.due);
        assert_eq!(fee, Some(sh(2026, 8, 4, 10)));
        ladder_at(&mut c, sh(2026, 8, 11, 10));
        assert_eq!(reply(&c, "ladder")["miit"]["state"], "open");
        assert!(offered(&c, "lad:1:letter:miit"));
        ladder_at(&mut c, sh(2026, 8, 12, 10));
        assert_eq!(reply(&c, "ladder")["miit"]["state"], "too_late");
        assert_eq!(reply(&c, "ladder")["miit"]["limit"], "2026-08-11");
        assert!(!offered(&c, "lad:1:letter:miit"));
    }
}

#[test]
fn the_miit_letter_asks_only_what_is_missing_then_carries_every_field() {
    for lang in LANGS {
        let mut c = complained_on_17_march(lang);
        ladder_at(&mut c, sh(2026, 4, 1, 10));
        c.press("lad:1:letter:miit");
        let mut asked = Vec::new();
        let answers = [
            ("name", "张三"),
            ("address", "上海市杨浦区国定路 1 号"),
            ("phone", "13800138000"),
            ("postcode", "200093"),
            ("respondent_address", "上海市杨浦区隆昌路 619 号"),
        ];
        for (field, value) in answers {
            assert_eq!(asked_field(&c), field, "{lang:?} asked {asked:?}");
            asked.push(field);
            if field == "phone" {
                c.text("call me");
                assert!(c.keys().contains(&"ladder.bad_phone".to_owned()));
            }
            if field == "postcode" {
                c.text("2000");
                assert!(c.keys().contains(&"ladder.bad_postcode".to_owned()));
            }
            if field == "address" {
                // A phone number typed at the address is not taken for one.
                c.text("13800138000");
                assert!(
                    c.keys().contains(&"ladder.bad_address".to_owned()),
                    "{:?}",
                    c.keys()
                );
                assert_eq!(asked_field(&c), "address");
                // And the question says once which body requires it.
                assert!(!c.last_text.contains("The the"), "{}", c.last_text);
            }
            c.text(value);
        }
        // The respondent's name came from the data file: never asked.
        assert!(!asked.contains(&"respondent_name"));
        let letter = &c.last_text;
        assert!(
            c.keys().contains(&"ladder.letter_miit".to_owned()),
            "{:?}",
            c.keys()
        );
        for (_, v) in answers {
            assert!(letter.contains(v), "{lang:?} {v}: {letter}");
        }
        for v in [
            "优刻得科技股份有限公司",
            "GD-20260317-0042",
            "uhost-1a2b3c4d",
            "¥400.00",
        ] {
            assert!(letter.contains(v), "{lang:?} {v}: {letter}");
        }
        // Sent with complete materials: escalated, and the clocks planned.
        c.press("lad:1:sent:miit");
        let case = &c.cases[0];
        assert!(
            case.events
                .iter()
                .any(|e| e.status == CaseStatus::Escalated && e.note.as_deref() == Some("miit"))
        );
        let plan = c.run(c.app.store.scheduled_reminders(&c.user())).expect("plan");
        let due = |k: Kind| plan.iter().find(|r| r.kind == k).map(|r| r.due);
        // Five working days from Wednesday 1 April: 2, 3, then Qingming
        // (4–6 April) is skipped, 7, 8, 9 April.
        assert_eq!(due(Kind::MiitAccept), Some(sh(2026, 4, 9, 10)));
        // Thirty calendar days, whatever the holidays.
        assert_eq!(due(Kind::MiitReply), Some(sh(2026, 5, 1, 10)));
        assert_eq!(due(Kind::FeeLimit), None, "sent in time: no limit to watch");
        assert_eq!(due(Kind::MiitOpen), None, "already sent");
    }
}

#[test]
fn a_company_account_is_warned_off_12315_and_its_letter_needs_no_postcode() {
    for lang in LANGS {
        let mut c = complained_on_17_march(lang);
        assert!(offered(&c, "lad:1:company"));
        c.press("lad:1:company");
        assert_eq!(reply(&c, "ladder")["samr"]["state"], "company");
        let warning = match lang {
            Lang::ZhCn => "公司账号很可能不在受理范围",
            Lang::En => "a company account is likely outside it",
        };
        assert!(c.last_text.contains(warning), "{}", c.last_text);
        c.press("lad:1:letter:samr");
        let mut asked = Vec::new();
        while c.keys().contains(&"ladder.ask".to_owned()) {
            let f = asked_field(&c);
            asked.push(f.clone());
            c.text(if f == "phone" {
                "13800138000"
            } else {
                "某地址 1 号"
            });
        }
        assert_eq!(
            asked,
            ["name", "phone", "address", "respondent_address"],
            "art. 9: no postcode"
        );
        assert!(c.keys().contains(&"ladder.letter_samr".to_owned()));
        assert!(
            c.last_text.contains(warning) || c.last_text.contains("生活消费"),
            "{}",
            c.last_text
        );
    }
}

#[test]
fn the_ladder_reminder_on_day_15_opens_the_ladder() {
    let mut c = complained_on_17_march(Lang::ZhCn);
    let plan = c.run(c.app.store.scheduled_reminders(&c.user())).expect("plan");
    let open = plan.iter().find(|r| r.kind == Kind::MiitOpen).expect("planned");
    assert_eq!(open.due, sh(2026, 4, 1, 10));
    let now = sh(2026, 4, 1, 10);
    c.now = now;
    let claimed = c
        .run(
            c.app
                .store
                .claim_reminders("test", now, chrono::Duration::minutes(5), 10),
        )
        .expect("claim");
    let mine = claimed.into_iter().find(|x| x.user == c.user()).expect("due");
    let r = c
        .run(c.app.reminded(&mine.user, 1, &mine.reminders, now))
        .expect("recorded")
        .expect("a response");
    let text = c.adopt(r);
    assert!(text.contains("向厂商投诉已满 15 天"), "{text}");
    assert!(offered(&c, "ladder:1"));
    // Stoppable like every reminder.
    assert!(offered(&c, "remind:stop"));
}
