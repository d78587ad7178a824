//! The console, run as the real binary with piped stdin.

use crate::console;

/// Buttons by number and by label, answers typed in the user's own forms.
const MONTHLY_800: &str = "\
1
按月
2
没有欠费
1
1
1
uhost 1a2b3c4d
uhost-1a2b3c4d
2026年3月1日
2026-03-31
800元
2026-03-11 00:00
1
不是活动价
#1
#1
1
1
1
业务调整
";

#[test]
fn a_scripted_console_session_reaches_the_quote() {
    let dir = tempfile::tempdir().expect("temp dir");
    let db = dir.path().join("ra.db");
    let out = console::run(&db, &[], MONTHLY_800);
    assert!(out.contains("[1] 开始退款评估"), "{out}");
    assert!(
        out.contains("你是想写 uhost-1a2b3c4d 吗") || out.contains("实例 ID：uhost-1a2b3c4d"),
        "the bad id is answered: {out}"
    );
    assert!(out.contains("预计退款 ¥400.00"), "{out}");
    assert!(out.contains("240/720"), "{out}");
}

#[test]
fn a_second_run_on_the_same_database_continues_the_same_case() {
    let dir = tempfile::tempdir().expect("temp dir");
    let db = dir.path().join("ra.db");
    // Stop in the middle: after the instance id.
    let first: String = MONTHLY_800.lines().take(9).map(|l| format!("{l}\n")).collect();
    console::run(&db, &[], &first);
    let second = console::run(&db, &[], "");
    assert!(second.contains("欢迎回来"), "{second}");
    assert!(
        second.contains("什么时候开始计费"),
        "resumes at the same question: {second}"
    );
    let rest: String = MONTHLY_800.lines().skip(9).map(|l| format!("{l}\n")).collect();
    let third = console::run(&db, &[], &rest);
    assert!(third.contains("预计退款 ¥400.00"), "{third}");
    let fourth = console::run(
        &db,
        &["--export-dir", dir.path().to_str().expect("utf-8 path")],
        "/cases\n/export 1\n",
    );
    assert!(fourth.contains("#1 uhost-1a2b3c4d"), "{fourth}");
    let doc = std::fs::read_to_string(console::exported_one(dir.path(), 1)).expect("exported");
    assert!(
        doc.contains("# 退款案例 #1") && doc.contains("uhost 1a2b3c4d"),
        "transcript included: {doc}"
    );
}

#[test]
fn english_is_chosen_with_a_flag_and_labels_can_be_typed() {
    let dir = tempfile::tempdir().expect("temp dir");
    let db = dir.path().join("ra.db");
    let out = console::run(&db, &["--lang", "en"], "Start a refund check\nMonthly\n");
    assert!(out.contains("questions to go · None of these apply"), "{out}");
}

#[test]
fn short_answers_match_the_buttons_on_screen() {
    let dir = tempfile::tempdir().expect("temp dir");
    let db = dir.path().join("ra.db");
    let out = console::run(&db, &[], "开始退款评估\n包月\n不确定\n没有\n不确定\n没有\n");
    assert!(
        out.contains("可以看看控制台站内信"),
        "不确定 answered the violation question: {out}"
    );
    assert!(out.contains("谁来申请退款"), "{out}");
    assert!(!out.contains("请点下面的按钮"), "{out}");
}

#[test]
fn a_bare_number_at_an_amount_question_is_the_amount() {
    let dir = tempfile::tempdir().expect("temp dir");
    let db = dir.path().join("ra.db");
    let first: String = MONTHLY_800.lines().take(13).map(|l| format!("{l}\n")).collect();
    // A bare "2" where the question also has buttons: the amount, or
    // option 2? The bot asks, and the amount is one press away.
    let out = console::run(&db, &[], &format!("{first}1\n不是活动价\n2\n#2\n"));
    assert!(out.contains("[#1] 没用代金券"), "{out}");
    let (asked, after) = out
        .split_once("是指第 2 个选项，还是金额 ¥2")
        .unwrap_or_else(|| panic!("2 was taken before asking: {out}"));
    assert!(!asked.contains("实付里有多少是赠金"), "{out}");
    assert!(
        after.contains("实付里有多少是赠金"),
        "the amount ¥2 was not taken as the voucher: {out}"
    );
}

/// A reminder that came due while the console was closed is shown when it
/// opens, before anything is typed, and only once.
#[test]
fn due_reminders_are_shown_when_the_console_opens_and_only_once() {
    use refund_assistant::reminders::{Kind, Planned};
    use refund_assistant::store::{CaseRecord, Loaded, Replan, Store, Write, sqlite_url};
    let dir = tempfile::tempdir().expect("temp dir");
    let db = dir.path().join("c.db");
    let rt = tokio::runtime::Runtime::new().expect("runtime");
    rt.block_on(async {
        let store = Store::connect(&sqlite_url(&db)).await.expect("connect");
        let then = chrono::DateTime::parse_from_rfc3339("2026-01-05T02:00:00Z")
            .expect("time")
            .to_utc();
        let user = refund_assistant::cli::console::console_user();
        store
            .turn(&user, 1, None, then, move |_: &Loaded| {
                let w = Write {
                    cases: vec![CaseRecord::draft(1, serde_json::json!({}), then)],
                    replans: vec![Replan {
                        case: 1,
                        plan: vec![Planned {
                            kind: Kind::Withdrawal,
                            seq: 0,
                            due: then + chrono::Duration::days(1),
                        }],
                    }],
                    ..Write::default()
                };
                (w, ())
            })
            .await
            .expect("seed");
        store.close().await;
    });
    let first = console::run(&db, &["--lang", "en"], "");
    assert!(first.contains("Case #1: Has it arrived?"), "{first}");
    assert!(first.contains("Stop reminders for this case"), "{first}");
    let again = console::run(&db, &["--lang", "en"], "");
    assert!(!again.contains("Has it arrived?"), "shown once: {again}");
}

#[test]
fn asking_for_a_person_in_the_console_gets_the_honest_answer() {
    let dir = tempfile::tempdir().expect("temp dir");
    let db = dir.path().join("ra.db");
    for ask in ["/human\n", "找人工\n", "talk to a human\n"] {
        let out = console::run(&db, &[], ask);
        assert!(out.contains("这里没有接入人工客服"), "{ask}: {out}");
        assert!(!out.contains("已经转给人工"), "{ask}: {out}");
    }
    let en = console::run(&dir.path().join("en.db"), &["--lang", "en"], "/human\n");
    assert!(en.contains("No person is connected here"), "{en}");
}

#[test]
fn exports_are_named_by_case_and_time_never_overwritten_and_kept_beside_the_database() {
    let dir = tempfile::tempdir().expect("temp dir");
    let db = dir.path().join("ra.db");
    let now = ["--now", "2026-12-06T11:40:00+08:00"];
    // Three sessions: two welcome-backs that the document does not repeat.
    let half: String = MONTHLY_800.lines().take(9).map(|l| format!("{l}\n")).collect();
    let rest: String = MONTHLY_800.lines().skip(9).map(|l| format!("{l}\n")).collect();
    console::run(&db, &now, &half);
    console::run(&db, &now, "");
    console::run(&db, &now, &rest);
    let out = console::run(&db, &now, "/export 1\n/export 1\n");
    let exports = std::fs::canonicalize(dir.path()).expect("folder").join("exports");
    let first = exports.join("refund-case-1-20261206-1140.md");
    let second = exports.join("refund-case-1-20261206-1140-2.md");
    for path in [&first, &second] {
        assert!(path.exists(), "{} missing: {out}", path.display());
        assert!(
            out.contains(&path.display().to_string()),
            "full path printed: {out}"
        );
    }
    let doc = std::fs::read_to_string(&first).expect("exported");
    assert!(doc.contains("预计退款：¥400.00"), "{doc}");
    assert!(!doc.contains("欢迎回来"), "the conversation as it was: {doc}");
    // No section without content: a heading is never followed by another.
    let lines: Vec<&str> = doc.lines().filter(|l| !l.trim().is_empty()).collect();
    for pair in lines.windows(2) {
        assert!(
            !(pair[0].starts_with("## ") && pair[1].starts_with("## ")),
            "empty section {}: {doc}",
            pair[0]
        );
    }
    assert!(!doc.contains("暂无"), "{doc}");
}
