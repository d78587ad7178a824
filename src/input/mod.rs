//! Parsing what users type into domain values ("parse, don't validate").
//!
//! Every parser takes the raw text a user typed (Chinese or English, with or
//! without full-width characters) and returns either a domain value or an
//! error whose [`key`](MoneyError::key) names a message template in
//! `templates/<lang>/strings/input.toml` and whose `params()` fill it in.
//! Nothing here does I/O, and no input makes a parser panic.

mod datetime;
pub mod extract;
mod instance_id;
mod money;
mod numeral;
mod period;
mod relative;
mod text;
pub use text::{find_iter, last_chars};
mod ticket;

pub use datetime::{DateError, parse_datetime, parse_past_datetime, plausible_range, says_time, shanghai};
pub use extract::{
    Extracted, Fact, Found, ReasonKind, Unclear, UnclearKind, When, amount_answers, amount_said, extract,
    fix_typos, one_past_date,
};
pub use instance_id::{
    IdError, InstanceId, parse_instance_id, read_instance_id, read_instance_id_or_as_told,
};
pub use money::{MAX_AMOUNT, MoneyError, parse_amount};
pub use period::{PeriodError, PeriodLen, parse_period};
pub(crate) use text::normalize;
pub use ticket::ticket_number;

#[cfg(test)]
mod tests {
    use std::collections::BTreeMap;

    use minijinja::{Environment, UndefinedBehavior};

    use super::*;

    const ZH: &str = include_str!("../../templates/zh-CN/strings/input.toml");
    const EN: &str = include_str!("../../templates/en/strings/input.toml");

    fn load(text: &str) -> BTreeMap<String, String> {
        match toml::from_str(text) {
            Ok(map) => map,
            Err(e) => panic!("input.toml does not parse as flat TOML: {e}"),
        }
    }

    /// One value of every error variant, with the params each one produces.
    fn every_error() -> Vec<(&'static str, Vec<(&'static str, String)>)> {
        let mut all = Vec::new();
        for e in money::tests::every_error() {
            all.push((e.key(), e.params()));
        }
        for e in datetime::tests::every_error() {
            all.push((e.key(), e.params()));
        }
        for e in period::tests::every_error() {
            all.push((e.key(), e.params()));
        }
        for e in instance_id::tests::every_error() {
            all.push((e.key(), e.params()));
        }
        all
    }

    fn parse_everything(s: &str) {
        let now = chrono::DateTime::UNIX_EPOCH;
        let _ = parse_amount(s, false);
        let _ = parse_past_datetime(s, now);
        let _ = parse_datetime(s, chrono::DateTime::<chrono::Utc>::MAX_UTC);
        let _ = parse_datetime(s, chrono::DateTime::<chrono::Utc>::MIN_UTC);
        if let Ok(p) = parse_period(s) {
            let _ = p.end_from(now);
            let _ = p.end_from(chrono::DateTime::<chrono::Utc>::MAX_UTC);
        }
        let _ = parse_instance_id(s).map(|id| id.prefix().len());
    }

    proptest::proptest! {
        #[test]
        fn no_parser_panics_on_any_text(s in "\\PC{0,40}") {
            parse_everything(&s);
        }

        #[test]
        fn no_parser_panics_on_near_miss_text(
            s in "[0-9０-９年月日号点时分秒半个十两上下午:：.,，/ TZ+元¥a-z_-]{0,24}",
        ) {
            parse_everything(&s);
        }
    }

    #[test]
    fn both_languages_have_exactly_the_same_keys() {
        let zh: Vec<String> = load(ZH).into_keys().collect();
        let en: Vec<String> = load(EN).into_keys().collect();
        assert_eq!(zh, en);
    }

    #[test]
    fn every_error_key_has_a_message_in_both_languages() {
        for (name, file) in [("zh-CN", load(ZH)), ("en", load(EN))] {
            for (key, _) in every_error() {
                assert!(file.contains_key(key), "{name} input.toml lacks {key}");
            }
        }
    }

    #[test]
    fn every_file_key_is_one_that_an_error_can_return() {
        let keys: Vec<&str> = every_error().into_iter().map(|(k, _)| k).collect();
        for key in load(ZH).keys() {
            assert!(keys.contains(&key.as_str()), "unused key {key}");
        }
    }

    #[test]
    fn every_message_renders_with_the_params_its_error_provides() {
        let mut env = Environment::new();
        env.set_undefined_behavior(UndefinedBehavior::Strict);
        for (name, file) in [("zh-CN", load(ZH)), ("en", load(EN))] {
            for (key, params) in every_error() {
                let ctx: BTreeMap<&str, String> = params.into_iter().collect();
                let tpl = file.get(key).map(String::as_str).unwrap_or_default();
                match env.render_str(tpl, &ctx) {
                    Ok(out) => assert!(!out.trim().is_empty(), "{name} {key} is empty"),
                    Err(e) => panic!("{name} {key} does not render: {e}"),
                }
            }
        }
    }
}
