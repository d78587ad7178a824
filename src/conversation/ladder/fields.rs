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
