//! Reminders end to end through the real application: planned when a case
//! gets its dates, claimed when due, sent as one message whose buttons open
//! the matching flow, listed by /reminders, stopped by a button.

use crate::common;

use chrono::{DateTime, Duration, Utc};
use common::{Chat, sh};
use refund_assistant::reminders::Kind;
use refund_assistant::render::Lang;
use refund_assistant::store::StoredReminder;

fn scheduled(c: &Chat) -> Vec<StoredReminder> {
    c.run(c.app.store.scheduled_reminders(&c.user()))
        .expect("scheduled")
}

/// What the sending loop does at `now`: claim, preview, (send,) record.
fn remind_at(c: &mut Chat, now: DateTime<Utc>) -> Option<String> {
    c.now = now;
    let claimed = c
        .run(
            c.app
                .store
                .claim_reminders(&c.user().transport, now, Duration::minutes(5), 10),
        )
        .expect("claim");
    let mine = claimed.into_iter().find(|x| x.user == c.user())?;
    let preview = c
        .run(c.app.remind_preview(&mine.user, 1, &mine.reminders, now))
        .expect("preview")
        .expect("a response");
    let recorded = c
        .run(c.app.reminded(&mine.user, 1, &mine.reminders, now))
        .expect("recorded")
        .expect("a response");
    assert_eq!(preview, recorded, "what was sent is what is recorded");
    Some(c.adopt(recorded))
}

/// A monthly host deleted on UCloud (the money in the balance at once) and
/// its withdrawal asked for now: the withdrawal's clock starts today.
fn submitted_case(lang: Lang) -> Chat {
    let mut c = Chat::new(lang);
    c.monthly_800();
    c.press("result:submitted");
    c.press("when:now");
    assert!(scheduled(&c).is_empty(), "money in the balance waits for nothing");
    c.press("withdrawal:1");
    c.press("when:now");
    c
}

#[test]
fn a_submitted_case_is_reminded_when_the_withdrawal_window_ends_and_not_yet_opens_the_not_arrived_flow() {
    let mut c = submitted_case(Lang::ZhCn);
    let plan = scheduled(&c);
    let kinds: Vec<Kind> = plan.iter().map(|r| r.kind).collect();
    assert_eq!(
        kinds,
        [
            Kind::Withdrawal,
            Kind::WithdrawalOverdue,
            Kind::WithdrawalOverdue,
            Kind::WithdrawalOverdue
        ]
    );
    let due = plan[0].due;
    // Nothing before its moment.
    assert_eq!(remind_at(&mut c, due - Duration::hours(1)), None);
    let text = remind_at(&mut c, due).expect("the reminder goes out");
    assert!(text.contains("钱到了吗"), "{text}");
    let ids: Vec<&str> = c.last.iter().flat_map(|r| r.button_ids()).collect();
    for b in ["remind:arrived", "remind:not_yet", "remind:stop"] {
        assert!(ids.contains(&b), "{b} in {ids:?}");
    }
    // Sent once: the same moment claims nothing more.
    assert_eq!(remind_at(&mut c, due + Duration::minutes(1)), None);
    assert_eq!(scheduled(&c).len(), 3);
    let lines = c.run(c.app.store.transcript(&c.user(), 1)).expect("transcript");
    assert!(
        lines.iter().any(|l| l.text.contains("钱到了吗")),
        "the reminder is in the transcript"
    );
    let answer = c.press("remind:not_yet");
    assert!(answer.contains("先查这几处"), "{answer}");
}

#[test]
fn arrived_closes_the_case_and_its_reminders() {
    let mut c = submitted_case(Lang::En);
    let due = scheduled(&c)[0].due;
    let text = remind_at(&mut c, due).expect("reminder");
    assert!(text.contains("Has it arrived?"), "{text}");
    c.press("remind:arrived");
    assert!(scheduled(&c).is_empty(), "a refunded case gets no more reminders");
    assert_eq!(remind_at(&mut c, due + Duration::days(10)), None);
}

#[test]
fn the_stop_button_and_the_reminders_command() {
    let mut c = submitted_case(Lang::En);
    let listed = c.text("/reminders");
    assert!(listed.contains("Reminders scheduled"), "{listed}");
    let first = scheduled(&c)[0].id;
    let off = format!("remind:off:{first}");
    assert!(
        c.last.iter().any(|r| r.button_ids().any(|b| b == off)),
        "one stop button each"
    );
    c.press(&off);
    assert_eq!(scheduled(&c).len(), 3);
    let due = scheduled(&c)[0].due;
    remind_at(&mut c, due).expect("the next one still comes");
    let stopped = c.press("remind:stop");
    assert!(stopped.contains("no more reminders for case #1"), "{stopped}");
    assert!(scheduled(&c).is_empty());
    assert!(c.text("/reminders").contains("No reminders are scheduled"));
}

#[test]
fn a_deletion_planned_ahead_is_raised_that_morning_and_deleting_the_data_removes_every_reminder() {
    let mut c = Chat::new(Lang::ZhCn);
    c.text("/start");
    // Bought 1 March, one month, paid 800, deleting on 20 March at 14:00.
    c.text("uhost-1a2b3c4d 2026-03-01 买的，包月，1个月，实付 800 元，打算 3月20日 14:00 删除");
    while c.asked() != "quote" {
        let first = c
            .last
            .last()
            .and_then(|r| r.button_ids().next().map(str::to_owned))
            .expect("a button to move on");
        c.press(&first);
    }
    let plan = scheduled(&c);
    let deletion = plan
        .iter()
        .find(|r| r.kind == Kind::PlannedDeletion)
        .expect("the planned deletion is reminded");
    assert_eq!(deletion.due, sh(2026, 3, 20, 9));
    let text = remind_at(&mut c, sh(2026, 3, 20, 9)).expect("that morning");
    assert!(text.contains("先备份"), "{text}");
    c.text("/delete_my_data");
    c.press("delete:yes");
    assert!(scheduled(&c).is_empty());
    assert_eq!(
        remind_at(&mut c, sh(2026, 3, 28, 10)),
        None,
        "nothing after the data is erased"
    );
}

#[test]
fn stopping_someone_elses_reminder_says_it_was_not_found_and_changes_nothing() {
    use refund_assistant::app::Message;
    use refund_assistant::store::UserKey;
    let c = submitted_case(Lang::En);
    let theirs = scheduled(&c)[0].id;
    let before = scheduled(&c).len();
    let other = UserKey::new("test", 2);
    let press = Message::Button(format!("remind:off:{theirs}"));
    let r = c
        .run(c.app.handle(&other, 2, None, Some("en"), press))
        .expect("handled")
        .expect("not a duplicate");
    let said: String = r.replies.iter().map(|x| x.plain()).collect();
    assert!(said.contains("was not found"), "{said}");
    assert!(!said.contains("Done"), "{said}");
    assert_eq!(scheduled(&c).len(), before, "the owner's reminder is still on");
}
