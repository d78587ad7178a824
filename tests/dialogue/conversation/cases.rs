//! After the estimate: every follow-up branch, the case list and deep links,
//! deleting one's data, a second case opened while the first is in progress.

use crate::common::{Chat, sh};
use refund_assistant::case::CaseStatus;
use refund_assistant::conversation::{Effect, Position};
use refund_assistant::render::Lang;

fn quoted(lang: Lang) -> Chat {
    let mut c = Chat::new(lang);
    c.monthly_800();
    c
}

fn follow_up_branches(lang: Lang) {
    let mut c = quoted(lang);
    c.press("result:submitted");
    c.press("when:now");
    assert_eq!(c.cases[0].status, CaseStatus::Submitted);
    assert!(c.keys().contains(&"followup.submitted".to_owned()));
    assert_eq!(
        c.last[0].data["stage"], "in_balance",
        "deleted on UCloud: in the balance"
    );
    assert!(
        c.last[0].data["followed"].is_null(),
        "no clock on money in the balance"
    );
    // The withdrawal, asked for on 11 Mar by bank: offline, 7–15 working
    // days from that day, latest 1 Apr; on 10 Apr it is overdue by 6
    // working days (Qingming: 4–6 Apr off).
    c.press("withdrawal:1");
    assert_eq!(c.state.at, Position::SubmittedAt);
    c.text("2026-03-11");
    assert!(
        c.keys().contains(&"followup.withdrawal".to_owned()),
        "{:?}",
        c.keys()
    );
    c.now = sh(2026, 4, 10, 10);
    let late = c.press("follow:not_arrived");
    assert!(c.last[0].data["overdue"].as_bool().unwrap_or(false), "{late}");
    assert_eq!(c.last[0].data["followed"]["progress"]["by"], 6);
    assert_eq!(c.last[0].data["followed"]["window"]["latest"], "2026-04-01");
    assert!(
        !late.contains("12300"),
        "a late withdrawal is chased firmly, not threatened: {late}"
    );
    // A contact with support, then the rejection quotes it.
    c.press("follow:contact");
    c.text("3月11日 09:00");
    c.text("王女士");
    c.text("需要提供压测数据 <script>");
    assert_eq!(c.cases[0].contacts.len(), 1);
    c.press("follow:rejected");
    let appeal = c.press("reject:not_eligible");
    assert_eq!(c.cases[0].status, CaseStatus::Rejected);
    assert!(
        appeal.contains("王女士") && appeal.contains("uhost-1a2b3c4d"),
        "{appeal}"
    );
    assert!(
        appeal.contains("<script>"),
        "plain text keeps the user's words: {appeal}"
    );
    assert!(
        appeal.contains("12300"),
        "a refusal is answered with the ladder: {appeal}"
    );
    let html = c
        .renderer
        .render(lang, &c.last[0].key, &c.last[0].data)
        .expect("renders");
    assert!(
        html.contains("&lt;script&gt;"),
        "user text is escaped in HTML: {html}"
    );
    // A different amount.
    c.press("follow:different");
    let diff = c.text("350");
    assert!(diff.contains("¥50.00"), "{diff}");
    c.press("follow:refunded");
    assert_eq!(c.cases[0].status, CaseStatus::Refunded);
    let statuses: Vec<CaseStatus> = c.cases[0].events.iter().map(|e| e.status).collect();
    use CaseStatus::*;
    assert_eq!(statuses, vec![Draft, Quoted, Submitted, Rejected, Refunded]);
}

#[test]
fn every_follow_up_branch_in_chinese() {
    follow_up_branches(Lang::ZhCn);
}

#[test]
fn every_follow_up_branch_in_english() {
    follow_up_branches(Lang::En);
}

#[test]
fn not_arrived_without_a_submission_date_asks_for_it_first() {
    // A refund asked from support, not yet answered: its date counts.
    let mut c = quoted(Lang::ZhCn);
    c.press("result:refine");
    for b in [
        "list:none",
        "voucher:none",
        "gift:none",
        "overage:none",
        "vas:none",
    ] {
        c.press(b);
    }
    c.press("request:requested");
    c.press("ground:none");
    c.press("reason:performance");
    c.text("/case 1");
    c.press("follow:not_arrived");
    assert_eq!(c.state.at, Position::SubmittedAt);
    c.text("2026-03-11");
    assert!(c.keys().contains(&"followup.not_arrived".to_owned()));
    assert_eq!(c.cases[0].status, CaseStatus::Submitted);
}

#[test]
fn not_arrived_after_a_ucloud_deletion_points_to_the_balance_and_asks_no_date() {
    let mut c = quoted(Lang::ZhCn);
    c.now = sh(2026, 3, 12, 10);
    c.text("/case 1");
    let said = c.press("follow:not_arrived");
    assert_eq!(c.state.at, Position::CaseView);
    assert_eq!(c.last[0].data["stage"], "in_balance");
    assert!(said.contains("余额") && !said.contains("催办的话"), "{said}");
    // How it was topped up, asked once: Alipay on 1 Mar, quick until 30 May.
    let said = c.press("topup:1:alipay");
    assert!(said.contains("5月30日"), "{said}");
    assert!(
        !c.last
            .iter()
            .any(|r| r.button_ids().any(|b| b.starts_with("topup:"))),
        "asked once"
    );
}

#[test]
fn cases_are_listed_opened_by_number_and_by_deep_link() {
    let mut c = quoted(Lang::ZhCn);
    let list = c.text("/cases");
    assert!(list.contains("#1") && list.contains("¥400.00"), "{list}");
    c.text("/case 2");
    assert_eq!(c.keys()[0], "cases.missing");
    c.text("/case abc");
    assert_eq!(c.keys()[0], "cases.bad_number");
    c.text("/start case_1");
    assert_eq!(c.state.at, Position::CaseView);
    c.text("/export 1");
    assert!(c.effects.contains(&Effect::Export { number: 1 }));
}

#[test]
fn deleting_my_data_asks_first() {
    let mut c = quoted(Lang::ZhCn);
    c.text("/delete_my_data");
    c.press("delete:no");
    assert_eq!(c.cases.len(), 1);
    c.text("/delete_my_data");
    c.press("delete:yes");
    assert!(c.effects.contains(&Effect::DeleteMyData));
    assert!(c.cases.is_empty());
}

#[test]
fn answers_in_progress_survive_opening_another_case_and_continue_from_the_list() {
    let mut c = quoted(Lang::ZhCn);
    c.text("/start");
    c.press("menu:new");
    assert_eq!(c.state.case_no, Some(2));
    c.press("billing:yearly");
    c.press("account:items");
    c.press("arrears:no");
    let draft = c.state.draft.clone();
    // Saved into case 2 at once.
    assert_eq!(c.cases[1].data.draft, draft);
    c.text("/case 1");
    assert_eq!(c.state.at, Position::CaseView);
    let cancelled = c.text("/cancel");
    assert!(!cancelled.contains("继续上次"), "case 1 is finished: {cancelled}");
    c.text("/case 2");
    assert_eq!(c.keys()[0], "cases.continue_draft");
    assert_eq!(c.state.at, Position::Violation);
    assert_eq!(c.state.draft, draft);
    let out = c.text("/cancel");
    assert!(out.contains("案例 #2"), "{out}");
    c.press("menu:continue");
    assert_eq!(c.state.at, Position::Violation);
}
