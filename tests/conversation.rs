//! Whole conversations through the engine, in both languages.

mod common;

use common::{Chat, sh};
use refund_assistant::case::CaseStatus;
use refund_assistant::cli::quote::{QuoteArgs, execute};
use refund_assistant::conversation::{Effect, Input, Position};
use refund_assistant::render::Lang;
use rust_decimal::Decimal;
use std::str::FromStr;

fn quote_command_refund() -> String {
    let args = QuoteArgs {
        billing: Some("monthly".into()),
        paid: Some("800".into()),
        start: Some("2026-03-01".into()),
        end: Some("2026-03-31".into()),
        at: Some("2026-03-11".into()),
        json: true,
        ..Default::default()
    };
    let (code, out, _) = execute(&args, sh(2026, 3, 11, 10));
    assert_eq!(code, 0);
    let v: serde_json::Value = serde_json::from_str(&out).expect("json");
    v["refund"].as_str().expect("refund").to_owned()
}

#[test]
fn the_happy_path_reaches_the_same_figure_as_the_quote_command_in_chinese() {
    let mut c = Chat::new(Lang::ZhCn);
    let inputs = c.monthly_800();
    assert!(inputs <= 9, "{inputs} inputs from the menu to the estimate");
    let out = c.last_text.clone();
    let expected = quote_command_refund();
    assert_eq!(expected, "400.00");
    assert!(out.contains(&format!("预计退款 ¥{expected}")), "{out}");
    assert!(out.contains("删除资源退费"), "{out}");
    assert_eq!(c.cases.len(), 1);
    assert_eq!(c.cases[0].status, CaseStatus::Quoted);
    let refund = c.cases[0].data.assessment.as_ref().map(|a| a.quote.refund);
    assert_eq!(refund, Some(Decimal::from_str("400.00").expect("decimal")));
    // The next steps are one press away.
    assert!(c.press("result:steps").contains("uhost-1a2b3c4d"));
    let text = c.press("result:request");
    assert!(
        text.contains("uhost-1a2b3c4d") && text.contains("¥400.00"),
        "{text}"
    );
    assert!(c.press("result:evidence").contains("订单详情"));
    // The estimate says what it assumed, and refining replaces it.
    assert!(out.contains("假设没有代金券"), "{out}");
    c.refine_up_to_reason();
    let refined = c.press("reason:business_change");
    assert_eq!(c.asked(), "quote");
    assert!(!refined.contains("假设没有代金券"), "{refined}");
    assert!(refined.contains("¥400.00"), "{refined}");
}

#[test]
fn buttons_only_the_estimate_takes_eight_inputs_from_the_menu() {
    for lang in [Lang::ZhCn, Lang::En] {
        let mut c = Chat::new(lang);
        c.text("/start");
        let before = c.inputs;
        c.press("menu:new");
        c.press("billing:monthly");
        c.press("account:none");
        c.text("uhost-1a2b3c4d");
        c.text("2026-03-01");
        c.press("end:1m");
        c.text("800");
        c.press("delete:now");
        assert_eq!(c.asked(), "quote", "{:?}", c.keys());
        assert_eq!(c.inputs - before, 8);
        // Deleted at 10:00 on 11 Mar: 1 Mar + 1 month = 744 h, 250 h used,
        // 800 × 250/744 × 1.5 = 403.23 consumed.
        let q = &c.cases[0].data.assessment.as_ref().expect("quoted").quote;
        assert_eq!(q.refund.to_string(), "396.77");
    }
}

#[test]
fn refining_replaces_the_estimate_in_the_case() {
    let mut c = Chat::new(Lang::En);
    c.monthly_800();
    c.press("result:refine");
    assert_eq!(c.asked(), "q.list_price");
    c.press("list:none");
    c.text("100");
    c.text("200");
    for b in [
        "overage:none",
        "vas:none",
        "request:self-service",
        "reason:performance",
    ] {
        c.press(b);
    }
    assert_eq!(c.asked(), "quote");
    let q = &c.cases[0].data.assessment.as_ref().expect("quoted").quote;
    // Same figure, now split between cash and gift balance (200 of 800).
    assert_eq!(q.refund.to_string(), "400.00");
    assert_eq!(q.refund_gift.to_string(), "100.00");
    assert_eq!(c.cases[0].data.draft.voucher, Some(Decimal::from(100)));
}

#[test]
fn the_account_items_clear_with_one_press_or_open_one_by_one() {
    let mut c = Chat::new(Lang::ZhCn);
    c.text("/start");
    c.press("menu:new");
    c.press("billing:monthly");
    assert_eq!(c.asked(), "q.account");
    c.press("account:none");
    assert_eq!(c.asked(), "q.instance");
    let d = &c.state.draft;
    assert_eq!(
        (d.arrears, d.violation, d.customised, d.applicant),
        (
            Some(refund_assistant::policy::Tri::No),
            Some(refund_assistant::policy::Tri::No),
            Some(false),
            Some(refund_assistant::policy::Applicant::Owner)
        )
    );
    c.text("/back");
    c.press("account:items");
    assert_eq!(c.asked(), "q.arrears");
    c.press("arrears:yes");
    assert!(c.keys().contains(&"ack.arrears.yes".to_owned()));
}

#[test]
fn the_happy_path_works_in_english() {
    let mut c = Chat::new(Lang::En);
    c.monthly_800();
    assert!(c.last_text.contains("Expected refund ¥400.00"), "{}", c.last_text);
    c.refine_up_to_reason();
    let out = c.text("The project was cancelled");
    assert_eq!(c.asked(), "quote");
    assert!(out.contains("Expected refund ¥400.00"), "{out}");
    let text = c.press("result:request");
    assert!(text.contains("The project was cancelled"), "{text}");
}

#[test]
fn arrears_and_violations_are_explained_at_once_and_flagged_in_the_result() {
    let mut c = Chat::new(Lang::ZhCn);
    c.text("/start");
    c.press("menu:new");
    c.press("billing:monthly");
    c.press("account:items");
    c.press("arrears:yes");
    assert!(c.keys().contains(&"ack.arrears.yes".to_owned()));
    c.press("violation:unsure");
    assert!(c.keys().contains(&"ack.violation.unsure".to_owned()));
    c.press("customised:yes");
    assert!(c.keys().contains(&"ack.customised.yes".to_owned()));
    c.press("applicant:other");
    assert!(c.keys().contains(&"ack.applicant.other".to_owned()));
    c.text("uhost-1a2b3c4d");
    c.text("2026-03-01");
    c.press("end:1m");
    c.text("800");
    c.press("delete:now");
    assert_eq!(c.asked(), "quote");
    c.press("result:refine");
    c.press("list:none");
    c.text("50");
    c.press("gift:none");
    c.press("overage:none");
    c.press("vas:none");
    assert_eq!(c.asked(), "q.customisation");
    c.text("100");
    c.press("request:requested");
    assert_eq!(c.asked(), "q.ground");
    c.press("ground:none");
    assert!(c.keys().contains(&"ack.ground.none".to_owned()));
    let out = c.press("reason:performance");
    for code in [
        "arrears_outstanding",
        "violation_unknown",
        "applicant_permission",
        "no_agreement_ground",
    ] {
        let q = &c.cases[0].data.assessment.as_ref().expect("quoted").quote;
        assert!(
            q.findings.iter().any(|f| f.code.as_str() == code),
            "{code} missing"
        );
    }
    assert!(out.contains("（另付）不退"), "{out}");
    assert!(out.contains("审核"), "{out}");
}

#[test]
fn a_yearly_order_asks_the_monthly_price_and_estimates_it_when_unknown() {
    let mut c = Chat::new(Lang::ZhCn);
    c.text("/start");
    c.press("menu:new");
    c.press("billing:unsure");
    assert!(c.keys().contains(&"hint.billing".to_owned()));
    assert_eq!(c.asked(), "q.billing");
    c.press("billing:yearly");
    c.press("account:items");
    for b in ["arrears:no", "violation:no", "customised:no", "applicant:finance"] {
        c.press(b);
    }
    c.text("uhost-1a2b3c4d");
    c.text("2025年3月1日");
    c.press("end:1y");
    c.text("7968");
    let first = c.text("2025-05-01");
    assert!(first.contains("估算"), "{first}");
    c.press("result:refine");
    c.press("list:none");
    c.press("voucher:none");
    c.press("gift:none");
    assert_eq!(c.asked(), "q.monthly_price");
    c.press("monthly:unknown");
    c.press("overage:none");
    c.press("vas:none");
    c.press("request:self-service");
    let out = c.text("不想用了");
    assert!(out.contains("估算"), "{out}");
    assert!(out.contains("不允许删除退费"), "{out}");
}

#[test]
fn back_returns_to_every_previous_question_with_the_answer_kept() {
    let mut c = Chat::new(Lang::ZhCn);
    c.monthly_800();
    let draft = c.state.draft.clone();
    let mut seen = vec![c.state.at];
    for _ in 0..7 {
        c.text("/back");
        seen.push(c.state.at);
        assert_eq!(
            c.state.draft, draft,
            "answers lost going back to {:?}",
            c.state.at
        );
    }
    assert_eq!(c.state.at, Position::Billing);
    assert!(c.text("/back").contains("第一步"));
    // Keep every answer and walk forward again to the same estimate.
    for _ in 0..7 {
        c.press("nav:keep");
    }
    assert_eq!(c.asked(), "quote");
    assert_eq!(c.state.draft, draft);
}

#[test]
fn the_back_button_changes_one_answer_and_goes_on() {
    let mut c = Chat::new(Lang::ZhCn);
    c.monthly_800();
    c.press("nav:back"); // delete time
    c.press("nav:back"); // paid
    assert_eq!(c.state.at, Position::Paid);
    c.text("1600");
    assert_eq!(c.state.at, Position::DeleteAt);
    let out = c.press("nav:keep");
    assert!(out.contains("¥800.00"), "{out}");
}

fn bad_answers_keep_everything(lang: Lang) {
    let mut c = Chat::new(lang);
    c.text("/start");
    c.press("menu:new");
    c.text("weekly please");
    assert_eq!(c.keys()[0], "nav.use_buttons");
    c.press("billing:monthly");
    c.press("account:items");
    c.press("arrears:no");
    c.send(Input::Button("billing:daily".into())); // a stale button
    assert_eq!(c.keys()[0], "nav.stale_button");
    assert_eq!(c.state.at, Position::Violation);
    for b in ["violation:no", "customised:no", "applicant:owner"] {
        c.press(b);
    }
    let before = c.state.draft.clone();
    let cases = [
        (Position::Instance, "uhost-1a2b", "input.instance_id.wrong_length"),
        (Position::Instance, "hello", "input.instance_id.unrecognised"),
    ];
    for (at, text, key) in cases {
        c.text(text);
        assert_eq!((c.state.at, c.keys()[0].as_str()), (at, key));
        assert_eq!(c.state.draft, before);
    }
    // A missing dash: the fixed ID is suggested (or, read as a fact, shown
    // for confirmation); either way the right ID is on screen.
    let out = c.text("uhost 1a2b3c4d");
    assert!(
        out.contains("你是想写 uhost-1a2b3c4d")
            || out.contains("Did you mean uhost-1a2b3c4d")
            || out.contains("：uhost-1a2b3c4d")
            || out.contains(": uhost-1a2b3c4d"),
        "{out}"
    );
    if c.state.at == Position::Instance {
        c.text("uhost-1a2b3c4d");
    }
    c.text("2027-01-01");
    assert_eq!(
        (c.state.at, c.keys()[0].as_str()),
        (Position::Start, "input.date.in_future")
    );
    c.text("2026-02-30");
    assert_eq!(c.keys()[0], "input.date.invalid_date");
    c.text("3月1日");
    c.text("2026-02-01");
    assert_eq!(
        (c.state.at, c.keys()[0].as_str()),
        (Position::End, "check.end_before_start")
    );
    c.text("0 个月");
    assert_eq!(c.keys()[0], "input.period.zero");
    c.text("1 个月");
    for (text, key) in [
        ("-800", "input.money.negative"),
        ("0", "input.money.zero"),
        ("八百", "input.money.not_a_number"),
        ("800.123", "input.money.too_many_decimals"),
        ("9999999999", "input.money.too_large"),
    ] {
        c.text(text);
        assert_eq!(
            (c.state.at, c.keys()[0].as_str()),
            (Position::Paid, key),
            "{text}"
        );
    }
    c.text("８００");
    assert_eq!(c.state.at, Position::DeleteAt);
    c.text("2026-02-01");
    assert_eq!(
        (c.state.at, c.keys()[0].as_str()),
        (Position::DeleteAt, "check.delete_before_start")
    );
    c.text("2026-03-11");
    assert_eq!(c.asked(), "quote");
    c.press("result:refine");
    c.text("600");
    assert_eq!(
        (c.state.at, c.keys()[0].as_str()),
        (Position::ListPrice, "check.list_not_above_paid")
    );
    c.press("list:none");
    c.text("abc");
    assert_eq!(c.state.at, Position::Voucher);
    c.text("0");
    c.text("900");
    assert_eq!(
        (c.state.at, c.keys()[0].as_str()),
        (Position::Gift, "check.gift_exceeds_paid")
    );
    c.text("200");
    c.text("100 GB");
    assert_eq!(
        (c.state.at, c.keys()[0].as_str()),
        (Position::Overage, "check.overage_format")
    );
    c.text("100 120 0.8 GB");
    c.text("support");
    assert_eq!(
        (c.state.at, c.keys()[0].as_str()),
        (Position::ValueAdded, "check.vas_format")
    );
    c.text("support 100 150%");
    assert_eq!(c.keys()[0], "check.vas_format");
    c.text("support 100 50%");
    assert_eq!(
        (c.state.at, c.keys()[0].as_str()),
        (Position::ValueAdded, "ack.vas.added")
    );
    c.press("vas:done");
    c.press("request:self-service");
    c.text(&"很".repeat(600));
    assert_eq!(
        (c.state.at, c.keys()[0].as_str()),
        (Position::Reason, "check.text_too_long")
    );
    c.press("reason:other");
    assert_eq!(c.state.at, Position::ReasonText);
    c.text("   ");
    assert_eq!(c.keys()[0], "check.text_empty");
    c.text("项目结束");
    assert_eq!(c.asked(), "quote");
    let q = &c.cases[0].data.assessment.as_ref().expect("quoted").quote;
    // 1 Mar + 1 month = 744 h: 800 × 240/744 × 1.5 = 387.10 consumed; 16
    // overage; support 100 paid, 50% used: 800 − 387.10 − 16 + 100 − 50.
    assert_eq!(q.refund.to_string(), "446.90");
    // The gift part (200 of 900 paid) comes back in proportion.
    assert_eq!(q.refund_gift.to_string(), "99.31");
}

#[test]
fn bad_input_at_each_step_is_answered_without_losing_answers_in_chinese() {
    bad_answers_keep_everything(Lang::ZhCn);
}

#[test]
fn bad_input_at_each_step_is_answered_without_losing_answers_in_english() {
    bad_answers_keep_everything(Lang::En);
}

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
    // Not arrived: submitted 11 Mar, self-service → offline withdrawal 7–15
    // working days, latest 1 Apr; on 10 Apr it is overdue by 6 working days
    // (Qingming: 4–6 Apr off).
    c.now = sh(2026, 4, 10, 10);
    let late = c.press("follow:not_arrived");
    assert!(c.last[0].data["overdue"].as_bool().unwrap_or(false), "{late}");
    assert_eq!(c.last[0].data["followed"]["progress"]["by"], 6);
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
    let mut c = quoted(Lang::ZhCn);
    c.text("/case 1");
    c.press("follow:not_arrived");
    assert_eq!(c.state.at, Position::SubmittedAt);
    c.text("2026-03-11");
    assert!(c.keys().contains(&"followup.not_arrived".to_owned()));
    assert_eq!(c.cases[0].status, CaseStatus::Submitted);
}

#[test]
fn commands_in_the_middle_lose_nothing() {
    let mut c = Chat::new(Lang::ZhCn);
    c.text("/start");
    c.press("menu:new");
    c.press("billing:monthly");
    c.press("account:items");
    c.press("arrears:no");
    let draft = c.state.draft.clone();
    assert!(c.text("/help").contains("违规"));
    assert_eq!(c.state.at, Position::Violation);
    c.text("/tips");
    c.text("/cases");
    c.text("/cancel");
    assert_eq!(c.state.at, Position::Menu);
    assert_eq!(c.state.draft, draft);
    c.press("menu:continue");
    assert_eq!(c.state.at, Position::Violation);
    c.text("/nonsense");
    assert_eq!(c.keys()[0], "nav.unknown_command");
    c.text("/restart");
    assert_eq!(c.state.at, Position::Billing);
    assert!(c.state.draft.billing.is_none());
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
fn the_state_survives_serialisation_at_every_question() {
    let mut c = Chat::new(Lang::ZhCn);
    c.monthly_800();
    c.refine_up_to_reason();
    c.state.draft.ground = Some(None);
    c.state.draft.monthly_price = Some(None);
    let json = serde_json::to_string(&c.state).expect("serialises");
    let back: refund_assistant::conversation::State = serde_json::from_str(&json).expect("deserialises");
    assert_eq!(back, c.state);
}

#[test]
fn an_end_as_a_length_moves_with_the_start_and_month_days_after_the_start_are_read_forward() {
    let mut c = Chat::new(Lang::ZhCn);
    c.now = sh(2026, 11, 26, 10);
    c.text("/start");
    c.press("menu:new");
    c.press("billing:monthly");
    c.press("account:none");
    c.text("uhost-1a2b3c4d");
    c.text("11月1日");
    // "12月1日" typed on 26 Nov is the coming 1 December, after the start.
    c.text("12月1日");
    assert_eq!(c.state.at, Position::Paid);
    assert_eq!(c.state.draft.end, Some(sh(2026, 12, 1, 0)));
    c.text("/back");
    c.text("/back");
    assert_eq!(c.state.at, Position::Start);
    c.text("2026-10-01");
    c.press("end:1m");
    c.text("/back");
    c.text("/back");
    c.text("2026-10-10");
    assert_eq!(
        c.state.draft.end,
        Some(sh(2026, 11, 10, 0)),
        "one month from the new start"
    );
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

#[test]
fn a_package_product_and_a_promotional_price_are_asked_and_flagged() {
    let mut c = Chat::new(Lang::ZhCn);
    c.text("/start");
    c.press("menu:new");
    c.press("billing:monthly");
    c.press("account:none");
    c.text("ucdn-abcd1234");
    assert_eq!(c.state.at, Position::Package);
    c.press("package:yes");
    assert!(c.keys().contains(&"ack.package.yes".to_owned()));
    c.text("2026-03-01");
    c.text("2026-03-31");
    c.text("800");
    assert_eq!(c.state.at, Position::DeleteAt);
    c.text("2026-03-11");
    c.press("result:refine");
    assert_eq!(c.state.at, Position::ListPrice);
    c.text("1500");
    assert!(c.keys().contains(&"ack.list.promotional".to_owned()));
    for b in ["voucher:none", "gift:none", "overage:none", "vas:none"] {
        c.press(b);
    }
    c.press("request:self-service");
    c.press("reason:business_change");
    let q = &c.cases[0].data.assessment.as_ref().expect("quoted").quote;
    assert_eq!(q.refund.to_string(), "0.00");
    assert!(q.findings.iter().any(|f| f.code.as_str() == "package_product"));
    assert!(q.findings.iter().any(|f| f.code.as_str() == "promotional_order"));
}
