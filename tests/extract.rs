//! The free-text reader against the fixture of realistic messages
//! (`tests/fixtures/messages.toml`), focused cases, and properties: it never
//! panics and never reports a value that is not in the text.

use std::collections::BTreeMap;

use chrono::{DateTime, TimeZone, Utc};
use chrono_tz::Asia::Shanghai;
use proptest::prelude::*;
use refund_assistant::input::{Extracted, Fact, PeriodLen, UnclearKind, When, extract};
use refund_assistant::render::Lang;

const FIXTURE: &str = include_str!("fixtures/messages.toml");

fn when(w: &When) -> String {
    let local = w.at.with_timezone(&Shanghai);
    if w.has_time {
        local.format("%Y-%m-%d %H:%M").to_string()
    } else {
        local.format("%Y-%m-%d").to_string()
    }
}

fn period(p: &PeriodLen) -> String {
    let (n, unit) = match *p {
        PeriodLen::Hours(n) => (n, "hour"),
        PeriodLen::Days(n) => (n, "day"),
        PeriodLen::Months(n) => (n, "month"),
        PeriodLen::Years(n) => (n, "year"),
    };
    format!("{n} {unit}{}", if n == 1 { "" } else { "s" })
}

fn snake<T: serde::Serialize>(v: T) -> String {
    serde_json::to_value(v)
        .ok()
        .and_then(|v| v.as_str().map(str::to_owned))
        .unwrap_or_default()
}

fn unclear_name(kind: UnclearKind) -> &'static str {
    match kind {
        UnclearKind::DateWithoutRole => "date_without_role",
        UnclearKind::ConflictingDates => "conflicting_dates",
        UnclearKind::AmountWithoutRole => "amount_without_role",
        UnclearKind::ConflictingAmounts => "conflicting_amounts",
    }
}

/// The facts as `field=value` lines, in the fixture's vocabulary.
fn described(found: &Extracted) -> Vec<String> {
    let mut out: Vec<String> = found
        .facts
        .iter()
        .map(|f| match &f.fact {
            Fact::Instance(id) => format!("instance={id}"),
            Fact::Billing(b) => format!("billing={}", b.as_str()),
            Fact::Period(p) => format!("period={}", period(p)),
            Fact::Start(w) => format!("start={}", when(w)),
            Fact::End(w) => format!("end={}", when(w)),
            Fact::DeleteAt(w) => format!("delete_at={}", when(w)),
            Fact::Submitted(w) => format!("submitted={}", when(w)),
            Fact::Paid(d) => format!("paid={d}"),
            Fact::ListPrice(d) => format!("list_price={d}"),
            Fact::Voucher(d) => format!("voucher={d}"),
            Fact::Gift(d) => format!("gift={d}"),
            Fact::MonthlyPrice(d) => format!("monthly_price={d}"),
            Fact::Reason(r) => format!("reason={}", snake(r)),
        })
        .collect();
    out.extend(
        found
            .unclear
            .iter()
            .map(|u| format!("unclear={}", unclear_name(u.kind))),
    );
    out
}

/// What a fixture entry expects, as `field=value` lines.
fn expected(entry: &toml::Table) -> Vec<String> {
    const NOT_FACTS: [&str; 6] = ["lang", "text", "messages", "intent", "case_number", "note"];
    let mut out = Vec::new();
    for (key, value) in entry.iter().filter(|(k, _)| !NOT_FACTS.contains(&k.as_str())) {
        let values = match value {
            toml::Value::Array(items) => items.clone(),
            other => vec![other.clone()],
        };
        for v in values {
            let v = v.as_str().map(str::to_owned).unwrap_or_else(|| v.to_string());
            out.push(format!("{key}={v}"));
        }
    }
    out
}

fn fixture() -> (DateTime<Utc>, Vec<toml::Table>) {
    let doc: toml::Table = toml::from_str(FIXTURE).expect("messages.toml parses");
    let now = doc.get("now").and_then(|v| v.as_str()).expect("now is given");
    let now = DateTime::parse_from_rfc3339(now)
        .expect("now is RFC 3339")
        .with_timezone(&Utc);
    let entries = doc
        .get("message")
        .and_then(|v| v.as_array())
        .expect("[[message]] entries");
    (
        now,
        entries.iter().filter_map(|e| e.as_table().cloned()).collect(),
    )
}

fn texts(entry: &toml::Table) -> Vec<String> {
    match (entry.get("text"), entry.get("messages")) {
        (Some(t), _) => t.as_str().map(str::to_owned).into_iter().collect(),
        (None, Some(toml::Value::Array(all))) => {
            all.iter().filter_map(|m| m.as_str().map(str::to_owned)).collect()
        }
        _ => Vec::new(),
    }
}

#[test]
fn every_fixture_message_yields_exactly_the_expected_facts() {
    let (now, entries) = fixture();
    let mut tally: BTreeMap<String, (usize, usize)> = BTreeMap::new();
    let mut misses = Vec::new();
    for entry in &entries {
        let lang_code = entry
            .get("lang")
            .and_then(|v| v.as_str())
            .unwrap_or_default()
            .to_owned();
        let lang: Lang = lang_code.parse().expect("lang is zh-CN or en");
        assert!(
            entry.get("intent").and_then(|v| v.as_str()).is_some(),
            "an entry lacks its intent"
        );
        let texts = texts(entry);
        assert!(!texts.is_empty(), "an entry has neither text nor messages");
        let mut got = Vec::new();
        for text in &texts {
            let found = extract(text, lang, now);
            for f in &found.facts {
                assert!(
                    text.contains(&f.words),
                    "{text:?}: words {:?} are not in it",
                    f.words
                );
            }
            got.extend(described(&found));
        }
        let mut want = expected(entry);
        got.sort();
        want.sort();
        let counts = tally.entry(lang_code).or_default();
        counts.1 += 1;
        if got == want {
            counts.0 += 1;
        } else {
            misses.push(format!("{texts:?}\n    expected {want:?}\n    got      {got:?}"));
        }
    }
    for (lang, (hit, all)) in &tally {
        println!(
            "fixture hit rate {lang}: {hit}/{all} ({:.1}%)",
            100.0 * *hit as f64 / *all as f64
        );
    }
    let (zh, en) = (
        tally.get("zh-CN").map_or(0, |t| t.1),
        tally.get("en").map_or(0, |t| t.1),
    );
    assert!(
        zh + en >= 60 && zh >= 30 && en >= 30,
        "the fixture needs 60 messages, half in each language"
    );
    assert!(
        misses.is_empty(),
        "{} misses:\n{}",
        misses.len(),
        misses.join("\n")
    );
}

#[test]
fn intents_use_only_the_agreed_names() {
    const INTENTS: [&str; 16] = [
        "check",
        "rejected",
        "not_arrived",
        "different_amount",
        "submitted",
        "tips",
        "cases",
        "case",
        "export",
        "delete_data",
        "back",
        "cancel",
        "restart",
        "help",
        "lang",
        "none",
    ];
    let (_, entries) = fixture();
    for entry in &entries {
        let intent = entry.get("intent").and_then(|v| v.as_str()).unwrap_or_default();
        assert!(INTENTS.contains(&intent), "unknown intent {intent}");
        assert_eq!(
            intent == "case",
            entry.contains_key("case_number"),
            "case goes with case_number"
        );
    }
}

fn at(text: &str) -> Extracted {
    let now = Shanghai
        .with_ymd_and_hms(2026, 3, 20, 10, 0, 0)
        .unwrap()
        .with_timezone(&Utc);
    extract(text, Lang::ZhCn, now)
}

fn facts(text: &str) -> Vec<String> {
    described(&at(text))
}

#[test]
fn words_are_the_users_own_characters() {
    let found = at("实付８００元，ＵＨＯＳＴ－１Ａ２Ｂ３Ｃ４Ｄ");
    let words: Vec<&str> = found.facts.iter().map(|f| f.words.as_str()).collect();
    assert_eq!(words, vec!["８００元", "ＵＨＯＳＴ－１Ａ２Ｂ３Ｃ４Ｄ"]);
}

#[test]
fn a_year_left_out_is_chosen_for_the_role_and_said_to_be_chosen() {
    // A purchase is not in the future: 12月 is last December.
    let found = at("12月5日买的");
    let Some(Fact::Start(w)) = found.facts.first().map(|f| &f.fact) else {
        panic!("{found:?}")
    };
    assert!(w.year_inferred);
    assert_eq!(when(w), "2025-12-05");
    // An end follows the purchase, even into the next year.
    assert_eq!(
        facts("11月20日开通，到期2月20日"),
        vec!["start=2025-11-20", "end=2026-02-20"]
    );
    // A planned deletion may lie ahead.
    assert_eq!(facts("打算4月2日删除"), vec!["delete_at=2026-04-02"]);
    let explicit = at("2026年3月1日买的");
    let Some(Fact::Start(w)) = explicit.facts.first().map(|f| &f.fact) else {
        panic!()
    };
    assert!(!w.year_inferred);
}

#[test]
fn numbers_that_are_parts_of_other_things_are_never_money() {
    for text in [
        "2026-03-01 14:00 删的",
        "3个月",
        "打8折",
        "20%",
        "4核8G",
        "uhost-12345678",
        "i-bp1234567890abcd",
        "八百元",
        "1.2万元",
        "第3个",
        "$800",
    ] {
        let money = at(text).facts.iter().any(|f| {
            matches!(
                f.fact,
                Fact::Paid(_) | Fact::ListPrice(_) | Fact::Voucher(_) | Fact::Gift(_) | Fact::MonthlyPrice(_)
            )
        });
        let loose = at(text)
            .unclear
            .iter()
            .any(|u| u.kind == UnclearKind::AmountWithoutRole);
        assert!(!money && !loose, "{text}: {:?}", at(text));
    }
}

#[test]
fn currency_forms_are_read() {
    for (text, want) in [
        ("实付800元", "paid=800"),
        ("实付800块", "paid=800"),
        ("paid ¥1,200.50", "paid=1200.50"),
        ("实付￥800", "paid=800"),
        ("paid CNY 800", "paid=800"),
        ("paid RMB 800", "paid=800"),
        ("paid 800 yuan", "paid=800"),
        ("代金券 50", "voucher=50"),
    ] {
        assert_eq!(facts(text), vec![want.to_string()], "{text}");
    }
}

#[test]
fn two_amounts_for_one_role_are_not_guessed() {
    assert_eq!(
        facts("实付800元，后来又实付了900元"),
        vec!["unclear=conflicting_amounts", "unclear=conflicting_amounts"]
    );
    assert_eq!(facts("2026-03-01"), vec!["unclear=date_without_role"]);
}

#[test]
fn focused_cases() {
    for (text, want) in [
        // 包年 is a billing mode, not a length; a length implies no billing.
        ("包年", vec!["billing=yearly"]),
        ("买了一年", vec!["period=1 year"]),
        ("一年半", vec!["period=18 months"]),
        ("per month", vec!["billing=monthly"]),
        ("¥100 per month", vec!["monthly_price=100"]),
        ("100元/月", vec!["monthly_price=100"]),
        // Dates: month/day, day of month, ranges, times.
        ("3/1买的", vec!["start=2026-03-01"]),
        ("15号删的", vec!["delete_at=2026-03-15"]),
        ("2026-03-01T14:00 开通", vec!["start=2026-03-01 14:00"]),
        (
            "from March 1 to March 31",
            vec!["start=2026-03-01", "end=2026-03-31"],
        ),
        ("明天早上9点释放", vec!["delete_at=2026-03-21 09:00"]),
        ("3月前买的", vec![]),
        ("星期一买的，下周删", vec!["start=2026-03-16"]),
        ("打算周日释放", vec!["delete_at=2026-03-22"]),
        ("2月30日买的", vec![]),
        // Emoji, typos and noise mislead nothing.
        ("😀😀😀 uhost-1a2b3c4d 🙏", vec!["instance=uhost-1a2b3c4d"]),
        ("i payed 800 yaun", vec!["paid=800"]),
        ("v2.0 版本", vec![]),
        ("我有2台服务器", vec![]),
        ("call me at 13800138000", vec![]),
    ] {
        let want: Vec<String> = want.into_iter().map(str::to_owned).collect();
        assert_eq!(facts(text), want, "{text}");
    }
}

/// Digits only, with full-width digits read as ASCII.
fn digits(s: &str) -> String {
    s.chars()
        .filter_map(|c| match c {
            '0'..='9' => Some(c),
            '０'..='９' => char::from_u32(c as u32 - 0xFEE0),
            _ => None,
        })
        .collect()
}

fn check_no_invention(text: &str) {
    let found = at(text);
    let all_digits = digits(text);
    for f in &found.facts {
        assert!(text.contains(&f.words), "{text:?}: {:?}", f.words);
        let amount = match f.fact {
            Fact::Paid(d) | Fact::ListPrice(d) | Fact::Voucher(d) | Fact::Gift(d) | Fact::MonthlyPrice(d) => {
                d
            }
            _ => continue,
        };
        let shown = digits(&amount.to_string());
        assert!(
            all_digits.contains(&shown),
            "{text:?}: amount {amount} is not in the text"
        );
        assert!(
            digits(&f.words).contains(&shown),
            "{text:?}: amount {amount} not in its words"
        );
    }
    for u in &found.unclear {
        assert!(text.contains(&u.words), "{text:?}: {:?}", u.words);
    }
}

proptest! {
    #[test]
    fn never_panics_and_never_invents_on_any_text(s in "\\PC{0,80}") {
        check_no_invention(&s);
    }

    #[test]
    fn never_panics_and_never_invents_on_near_miss_text(
        s in "[0-9０-９年月日号点时分元块¥￥,，.:：/ -]{0,12}(实付|原价|代金券|赠金|paid|list price|voucher|月单价|到期|删除|买的|bought|deleted|ago|天前|上周|uhost|-|\u{0}|\u{7}| |😀){0,3}[0-9a-z０-９,.元 ]{0,16}",
    ) {
        check_no_invention(&s);
    }

    #[test]
    fn control_characters_and_long_text_are_harmless(
        s in "[\u{0}-\u{1f}\u{7f}a-z0-9元 ]{0,64}",
        n in 1usize..400,
    ) {
        check_no_invention(&s.repeat(n));
    }
}
