//! Command-line mistakes clap finds (an unknown flag, a missing value, a flag
//! given twice, an unknown command) become one line in the user's language
//! naming the flag, what was expected and an example, exit status 2 — the
//! same shape as the `quote` command's own errors.

use crate::render::{Lang, Renderer, plain};
use clap::error::{ContextKind, ContextValue, ErrorKind};
use serde_json::json;
use std::str::FromStr;

/// What each flag takes (a key under `cli.expected.`) and an example value.
const HINTS: &[(&str, &str, &str)] = &[
    ("--billing", "billing", "monthly"),
    ("--paid", "money", "800"),
    ("--start", "date", "2026-03-01"),
    ("--end", "date", "2026-03-31"),
    ("--period", "period", "\"1 month\""),
    ("--at", "date", "\"2026-03-11 14:00\""),
    ("--policy", "policy", "ucloud-2026"),
    ("--product", "product", "lighthouse"),
    ("--voucher", "money", "50"),
    ("--gift", "money", "200"),
    ("--list-price", "money", "1000"),
    ("--monthly-price", "money", "100"),
    ("--instance", "instance", "uhost-1a2b3c4d"),
    ("--quota", "money", "100"),
    ("--usage", "money", "120"),
    ("--unit-price", "money", "0.8"),
    ("--unit", "unit", "GB"),
    ("--vas", "vas", "support:100:0.5"),
    ("--customisation", "money", "50"),
    ("--arrears", "tri", "no"),
    ("--violation", "tri", "no"),
    ("--applicant", "applicant", "owner"),
    ("--ground", "ground", "service-quality"),
    ("--input", "file", "case.json"),
    ("--lang", "lang", "en"),
    ("--first-refund", "tri", "yes"),
    ("--hourly-price", "money", "0.42"),
    ("--hourly-tier", "hourly_tier", "96:0.21"),
    ("--used-discount", "discount", "0.88"),
    ("--renewal", "money", "507.96"),
    ("--bandwidth-price", "money", "0.063"),
    ("--fee", "money", "12.50"),
    ("--shown-refund", "money", "850"),
    ("--db", "db", "./refund-assistant.db"),
    ("--export-dir", "folder", "./exports"),
    ("--evidence-dir", "folder", "./evidence"),
    ("--webhook", "webhook", "https://bot.example.com/hook"),
    ("--listen", "listen", "0.0.0.0:8443"),
    ("--webhook-secret", "secret", "a-long-random-string"),
    ("--metrics-listen", "listen", "127.0.0.1:9100"),
    ("--retain-days", "days", "365"),
    ("--at", "date", "\"2026-03-16 10:00\""),
    ("--rate-limit", "rate_limit", "30"),
    ("--operator-chat-id", "operator_chat", "-1001234567890"),
    ("--operator-reply-within", "reply_within", "4h"),
    ("--operator-lang", "lang", "en"),
    ("--now", "date", "2026-12-06T10:00:00+08:00"),
    ("--picture-font", "file", "NotoSansCJKsc-Regular.otf"),
];

fn hint(flag: &str) -> (&'static str, &'static str) {
    HINTS
        .iter()
        .find(|(f, _, _)| *f == flag)
        .map_or(("value", "…"), |(_, e, x)| (*e, *x))
}

/// The language asked for on the command line (`--lang en`), else Chinese.
pub fn lang_of(args: &[String]) -> Lang {
    let mut it = args.iter();
    while let Some(a) = it.next() {
        let value = match a.strip_prefix("--lang") {
            Some("") => it.next().map(String::as_str),
            Some(rest) => rest.strip_prefix('='),
            None => None,
        };
        if let Some(l) = value.and_then(|v| Lang::from_str(v).ok()) {
            return l;
        }
    }
    Lang::ZhCn
}

fn context(e: &clap::Error, kind: ContextKind) -> Option<String> {
    match e.get(kind)? {
        ContextValue::String(s) => Some(s.clone()),
        ContextValue::Strings(v) => v.first().cloned(),
        _ => None,
    }
}

/// `--paid <PAID>` → `--paid`.
fn flag_name(arg: &str) -> String {
    arg.split([' ', '=']).next().unwrap_or(arg).to_owned()
}

/// clap's first line without its `error: ` prefix.
fn first_line(e: &clap::Error) -> String {
    let text = e.render().to_string();
    let line = text.lines().next().unwrap_or_default();
    line.strip_prefix("error: ").unwrap_or(line).trim().to_owned()
}

/// The one line for a clap error (not for `--help`/`--version`).
pub fn one_line(r: &Renderer, lang: Lang, e: &clap::Error) -> String {
    let flag = context(e, ContextKind::InvalidArg).map(|a| flag_name(&a));
    let text = |key: &str, vars: serde_json::Value| plain(&r.text(lang, key, vars));
    match (e.kind(), flag) {
        (ErrorKind::UnknownArgument, Some(flag)) => text(
            "cli.unknown_flag",
            json!({ "flag": flag, "suggestion": context(e, ContextKind::SuggestedArg) }),
        ),
        (ErrorKind::InvalidValue | ErrorKind::ValueValidation | ErrorKind::NoEquals, Some(flag)) => {
            let (expected, example) = hint(&flag);
            let got = context(e, ContextKind::InvalidValue).unwrap_or_default();
            let detail = (e.kind() == ErrorKind::ValueValidation).then(|| first_line(e));
            text(
                "cli.error",
                json!({
                    "flag": flag,
                    "expected": text(&format!("cli.expected.{expected}"), json!({})),
                    "example": example,
                    "got": got,
                    "detail": detail,
                }),
            )
        }
        (ErrorKind::ArgumentConflict, Some(flag)) => {
            let other = context(e, ContextKind::PriorArg).map(|a| flag_name(&a));
            let (_, example) = hint(&flag);
            let key = if other.as_deref().is_none_or(|o| o == flag) {
                "cli.repeated"
            } else {
                "cli.conflict"
            };
            text(key, json!({ "flag": flag, "other": other, "example": example }))
        }
        (ErrorKind::InvalidSubcommand, _) => text(
            "cli.unknown_command",
            json!({ "got": context(e, ContextKind::InvalidSubcommand) }),
        ),
        _ => text("cli.usage", json!({ "message": first_line(e) })),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::cli::Cli;
    use clap::Parser;

    fn line(args: &[&str]) -> String {
        let r = Renderer::new().expect("templates");
        let argv: Vec<String> = args.iter().map(|s| (*s).to_owned()).collect();
        let e = Cli::try_parse_from(&argv).expect_err("a usage error");
        one_line(&r, lang_of(&argv), &e)
    }

    #[test]
    fn each_clap_mistake_is_one_line_naming_the_flag_with_an_example() {
        let cases: [(&[&str], &[&str]); 6] = [
            (&["ra", "quote", "--bogus", "--lang", "en"], &["--bogus", "e.g."]),
            (
                &["ra", "quote", "--lang", "en", "--paid"],
                &["--paid", "amount", "--paid 800"],
            ),
            (
                &["ra", "quote", "--lang", "en", "--paid", "1", "--paid", "2"],
                &["--paid", "once", "--paid 800"],
            ),
            (
                &["ra", "quote", "--lang=en", "--biling", "x"],
                &["--biling", "--billing"],
            ),
            (&["ra", "bogus", "--lang", "en"], &["bogus", "quote"]),
            (
                &["ra", "bot", "--listen", "nowhere"],
                &["--listen", "0.0.0.0:8443"],
            ),
        ];
        for (args, wanted) in cases {
            let l = line(args);
            assert_eq!(l.lines().count(), 1, "{args:?}: {l}");
            for w in wanted {
                assert!(l.contains(w), "{args:?}: {l} lacks {w}");
            }
        }
    }

    #[test]
    fn every_flag_that_takes_a_value_has_a_hint_both_languages_can_say() {
        use clap::CommandFactory;
        let r = Renderer::new().expect("templates");
        let cli = Cli::command();
        for sub in cli.get_subcommands() {
            for arg in sub.get_arguments() {
                let Some(long) = arg.get_long() else { continue };
                if !arg.get_action().takes_values() || long == "help" {
                    continue;
                }
                let flag = format!("--{long}");
                let (expected, _) = hint(&flag);
                assert_ne!(expected, "value", "{flag} of {} has no hint", sub.get_name());
                for lang in Lang::ALL {
                    assert!(
                        r.has(lang, &format!("cli.expected.{expected}")),
                        "{flag}: {lang:?}"
                    );
                }
            }
        }
    }

    #[test]
    fn the_line_is_in_the_language_asked_for() {
        assert!(line(&["ra", "quote", "--paid"]).starts_with("错误"));
        assert!(line(&["ra", "quote", "--lang", "en", "--paid"]).starts_with("error"));
    }
}
