//! `refund-assistant quote`: a thin shell over the policy engine. It reads
//! the case, picks the profile and hands the case to the output of the
//! provider's rules (`ucloud` or `clouds`), which never import this file.

use super::clouds;
use super::flags::{FlagError, bad, choice, deleted_before_start, facts_from_flags, facts_from_json};
use super::instance::{normalise_instance, policy_from_instance, provider_matches};
use super::output::render_flag_error;
use super::ucloud;
use crate::policy::{Profile, ProfileId, Provider};
use crate::render::{Lang, Renderer};
use chrono::{DateTime, Utc};
use std::process::ExitCode;
use std::str::FromStr;

pub use super::args::QuoteArgs;
pub use super::output::to_json;

/// Runs the command with a fixed clock (tests) and returns (exit code, stdout, stderr).
pub fn execute(a: &QuoteArgs, now: DateTime<Utc>) -> (u8, String, String) {
    let Ok(r) = Renderer::new() else {
        return (1, String::new(), "templates failed to load".into());
    };
    let lang = match &a.lang {
        None => Lang::ZhCn,
        Some(l) => match Lang::from_str(l) {
            Ok(l) => l,
            Err(()) => {
                return (
                    2,
                    String::new(),
                    render_flag_error(&r, Lang::ZhCn, &bad("--lang", "lang", "en", l)),
                );
            }
        },
    };
    let fail = |e: FlagError| (2, String::new(), render_flag_error(&r, lang, &e));
    let parsed = match &a.input {
        Some(path) => match std::fs::read_to_string(path) {
            Ok(text) => facts_from_json(&text, now),
            Err(e) => Err(FlagError {
                detail: Some(("cli.json_detail", vec![("message", e.to_string())])),
                ..bad("--input", "file", "case.json", path)
            }),
        },
        None => facts_from_flags(a, now).map(|f| (f, None)),
    };
    let (mut facts, file_policy) = match parsed {
        Ok(x) => x,
        Err(e) => return fail(e),
    };
    let product = match choice::<ProfileId>("--product", "product", "lighthouse", &a.product) {
        Ok(p) if p.is_none_or(|p| p.is_product()) => p,
        Ok(_) => {
            return fail(bad(
                "--product",
                "product",
                "lighthouse",
                a.product.as_deref().unwrap_or_default(),
            ));
        }
        Err(e) => return fail(e),
    };
    let policy = match choice::<ProfileId>("--policy", "policy", "ucloud-2026", &a.policy) {
        Ok(p) => product
            .or(p)
            .or(file_policy)
            .or_else(|| policy_from_instance(&facts))
            .unwrap_or_default(),
        Err(e) => return fail(e),
    };
    let profile = Profile::load(policy);
    if let Err(e) = deleted_before_start(a, &facts, profile) {
        return fail(e);
    }
    let extra: Vec<_> = normalise_instance(a, &mut facts).into_iter().collect();
    let out = provider_matches(&facts, profile).and_then(|()| match profile.provider {
        Provider::Ucloud => ucloud::execute(a, &r, lang, &facts, profile, &extra),
        Provider::Tencent | Provider::Huawei | Provider::Aliyun => {
            clouds::execute(a, &r, lang, &facts, profile, &extra)
        }
    });
    match out {
        Ok(out) => (0, out, String::new()),
        Err(e) => fail(e),
    }
}

pub fn run(a: QuoteArgs) -> ExitCode {
    use std::io::Write;
    let (code, out, err) = execute(&a, Utc::now());
    // A reader that stops early (`quote | head -1`) closes the pipe: the rest
    // of the output has nowhere to go, and that is no error.
    if !out.is_empty() {
        let mut stdout = std::io::stdout().lock();
        let _ = writeln!(stdout, "{out}").and_then(|()| stdout.flush());
    }
    if !err.is_empty() {
        let _ = writeln!(std::io::stderr(), "{err}");
    }
    ExitCode::from(code)
}
