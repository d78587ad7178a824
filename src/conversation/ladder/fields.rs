//! A detail of a complaint letter as typed: the value inside a sentence
//! ("315000，刚才说过了"), a postcode said with the address, and what is
//! wrong with a value that cannot be one.

use crate::policy::escalation::Field;

/// The value of `field` in a typed sentence, and a postcode said beside an
/// address: a phone number or a postcode is its run of digits when the
/// sentence holds exactly one ("315000，刚才说过了"); an address loses a
/// trailing "邮编 315000" (returned apart).
pub(super) fn value_in(field: Field, t: &str) -> (String, Option<String>) {
    // "企业地址就先填：上海市（详细地址提交时补）。": what follows the last colon;
    // "钱慧（上一条消息已经写过了：…）": a name ends before a remark.
    let t = match field {
        Field::Name | Field::RespondentName => t
            .split(['（', '(', '，', ',', '；', ';', '。'])
            .next()
            .unwrap_or(t)
            .trim(),
        Field::Address | Field::RespondentAddress => t
            .rsplit_once(['：', ':'])
            .map_or(t, |(_, after)| after)
            .trim()
            .trim_end_matches('。'),
        _ => t,
    };
    let runs: Vec<&str> = t
        .split(|c: char| !c.is_ascii_digit() && c != '-' && c != '+')
        .map(|r| r.trim_matches(|c| c == '-' || c == '+'))
        .filter(|r| r.chars().filter(char::is_ascii_digit).count() >= 6)
        .collect();
    match field {
        Field::Postcode | Field::Phone if runs.len() == 1 => (runs[0].to_owned(), None),
        Field::Address => match POSTCODE.captures(t) {
            Some(c) => {
                let at = c.get(0).map_or(t.len(), |m| m.start());
                let address = t[..at]
                    .trim_end_matches([' ', ',', '，', '、', '；', ';'])
                    .to_owned();
                (address, c.get(1).map(|m| m.as_str().to_owned()))
            }
            None => (t.to_owned(), None),
        },
        _ => (t.to_owned(), None),
    }
}

/// The ticket number in an answer to "what is the complaint's ticket
/// number?": the one a ticket reader finds, else the answer itself when it
/// is one token with a digit ("GD-20260317-0042"); none in a sentence
/// that has none ("投诉没给我单号").
pub(super) fn ticket_in(t: &str) -> Option<String> {
    let t = t.trim();
    crate::input::ticket_number(t).or_else(|| {
        let token = !t.contains(char::is_whitespace)
            && t.chars().count() >= 5
            && t.chars().all(|c| c.is_ascii_alphanumeric() || "-_/#".contains(c))
            && t.chars().any(|c| c.is_ascii_digit());
        token.then(|| t.to_owned())
    })
}

/// The day a sentence names ("投诉没给我单号，11月21号投的"), taken as one
/// gone by, at the latest `now`.
pub(super) fn day_in(t: &str, now: chrono::DateTime<chrono::Utc>) -> Option<chrono::DateTime<chrono::Utc>> {
    let read = crate::input::extract(t, crate::render::Lang::ZhCn, now);
    let dated = read.facts.iter().find_map(|f| f.fact.when()).map(|w| w.at);
    let loose = read.unclear.iter().find_map(|u| u.past);
    dated.or(loose).filter(|at| *at <= now)
}

/// The other details of a letter said in one message with the one asked
/// ("陈建国，电话13800138000，地址成都市武侯区人民南路四段1号"): each after
/// its own word.
pub(super) fn others_in(asked: Field, t: &str) -> Vec<(Field, String)> {
    let mut out = Vec::new();
    for (field, pattern) in [
        (Field::Name, &*NAME),
        (Field::Phone, &*PHONE),
        (Field::Address, &*ADDRESS),
    ] {
        if field == asked {
            continue;
        }
        if let Some(v) = pattern.captures(t).and_then(|c| c.get(1)) {
            let v = v.as_str().trim().trim_end_matches('。');
            if !v.is_empty() && invalid(field, v).is_none() {
                out.push((field, v.to_owned()));
            }
        }
    }
    out
}

/// A name after its word ("我的信息：郑凯，", "姓名：钱慧", "my name is Ann Lee").
static NAME: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
    regex::Regex::new(r"(?i)(?:姓名|名字|我叫|我的信息|申诉人|my name is|name)\s*(?:是|为)?\s*[:：]?\s*(\p{Han}{2,4}|[A-Za-z][A-Za-z .'-]{1,38}[A-Za-z])\s*(?:[，,；;。]|$)")
        .expect("name pattern")
});

/// A phone number after its word ("电话13800138000", "phone: 138…").
static PHONE: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
    regex::Regex::new(r"(?i)(?:电话|手机|手机号|联系电话|phone|mobile|tel)\s*(?:是|为|号码)?\s*[:：]?\s*(\+?[0-9][0-9 \-]{5,18}[0-9])")
        .expect("phone pattern")
});

/// An address after its word, to the end of its clause ("地址成都市…1号").
static ADDRESS: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
    regex::Regex::new(r"(?i)(?:通信地址|联系地址|地址|address)\s*(?:是|为)?\s*[:：]?\s*([^，,；;\n]+)")
        .expect("address pattern")
});

/// "邮编315000", "postcode 315000" at the end of an address.
static POSTCODE: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
    regex::Regex::new(r"(?i)(?:邮编|邮政编码|post\s*code|zip)\s*[:：]?\s*([0-9]{6})\s*[。.]?$")
        .expect("postcode pattern")
});

/// What is wrong with a typed value (a template key), if anything.
pub(super) fn invalid(field: Field, t: &str) -> Option<&'static str> {
    let digits = t.chars().filter(char::is_ascii_digit).count();
    match field {
        _ if t.is_empty() => Some("ladder.empty"),
        Field::Phone if !(7..=15).contains(&digits) || t.chars().any(|c| c.is_alphabetic()) => {
            Some("ladder.bad_phone")
        }
        Field::Postcode if digits != 6 || t.chars().count() != 6 => Some("ladder.bad_postcode"),
        // An address has words (a phone number typed here is not one).
        Field::Address | Field::RespondentAddress if t.chars().filter(|c| c.is_alphabetic()).count() < 2 => {
            Some("ladder.bad_address")
        }
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_phone_and_address_said_with_the_name_are_read() {
        let said = "陈建国，电话13800138000，地址成都市武侯区人民南路四段1号";
        assert_eq!(
            others_in(Field::Name, said),
            vec![
                (Field::Phone, "13800138000".to_owned()),
                (Field::Address, "成都市武侯区人民南路四段1号".to_owned())
            ]
        );
        assert!(others_in(Field::Name, "陈建国").is_empty());
    }

    #[test]
    fn a_complaint_day_said_with_no_ticket_is_read() {
        let now = chrono::DateTime::parse_from_rfc3339("2026-12-07T10:00:00+08:00")
            .expect("a time")
            .to_utc();
        let day = day_in("投诉没给我单号，11月21号投的，到今天一个字都没回", now).expect("a day");
        assert_eq!(day.to_rfc3339(), "2026-11-20T16:00:00+00:00");
        assert_eq!(ticket_in("投诉没给我单号，11月21号投的"), None);
        assert_eq!(ticket_in("GD-20260317-0042").as_deref(), Some("GD-20260317-0042"));
    }

    #[test]
    fn a_remark_beside_a_value_is_left_out() {
        assert_eq!(
            value_in(Field::Name, "钱慧（上一条消息已经写过了：电话13912345678）").0,
            "钱慧"
        );
        assert_eq!(
            value_in(
                Field::RespondentAddress,
                "我问的不是发票退回的事。企业地址就先填：上海市（详细地址提交时补）。"
            )
            .0,
            "上海市（详细地址提交时补）"
        );
        assert_eq!(
            value_in(Field::Address, "苏州市姑苏区人民路100号，邮编215000"),
            ("苏州市姑苏区人民路100号".to_owned(), Some("215000".to_owned()))
        );
    }
}
