//! Every answer renders for every provider (and none), every language, with
//! and without a case: no internal text, short enough for a phone screen,
//! and it ends by naming its source.

use crate::knowledge::support::{case, now, text};
use refund_assistant::conversation::knowledge::{About, Channel, Topic, answer, offer};
use refund_assistant::policy::Provider;
use refund_assistant::policy::calendar::Calendar;
use refund_assistant::render::Lang;
use regex::Regex;
use strum::VariantArray;

/// What a template's data or a missing string would leak into the text.
fn internal(t: &str) -> Option<String> {
    // Commands (/delete_my_data) are meant to be typed.
    let t = &Regex::new(r"/[a-z_]+")
        .expect("a valid pattern")
        .replace_all(t, "");
    let leak = Regex::new(r"\b(null|undefined|true|false|None|Some)\b|\[kb\.|\bkb\.[a-z]|\bbtn\.[a-z]|\bprovider\.[a-z]|\{\{|\{%|\b[a-z]+_[a-z_]+\b")
        .expect("a valid pattern");
    leak.find(t).map(|m| m.as_str().to_owned())
}

/// Lines a phone shows of one answer before the question comes back.
const MAX_LINES: usize = 12;

fn check(topic: Topic, provider: Option<Provider>, lang: Lang, about: &About) {
    let reply = answer(topic, about);
    assert_eq!(reply.key, format!("kb.{}", topic.as_str()));
    assert!(
        reply.buttons.is_empty(),
        "an answer carries no buttons: the question on screen keeps its own"
    );
    let t = text(&reply, lang);
    let what = format!("{} / {provider:?} / {}:\n{t}", topic.as_str(), lang.code());
    if let Some(leak) = internal(&t) {
        panic!("internal text {leak:?} in {what}");
    }
    let lines: Vec<&str> = t.lines().filter(|l| !l.trim().is_empty()).collect();
    assert!(lines.len() <= MAX_LINES, "{} lines in {what}", lines.len());
    let source = match lang {
        Lang::ZhCn => "来源：",
        Lang::En => "Source: ",
    };
    let last = lines.last().copied().unwrap_or_default();
    assert!(last.starts_with(source), "no source line at the end of {what}");
    if lang == Lang::En {
        // English screens: English words around the quoted original titles.
        let latin = t.chars().filter(char::is_ascii_alphabetic).count();
        assert!(latin > t.chars().count() / 3, "not English: {what}");
    }
}

#[test]
fn every_topic_answers_for_every_provider_and_language_without_internal_text() {
    let cal = Calendar::china();
    let providers = [
        None,
        Some(Provider::Ucloud),
        Some(Provider::Tencent),
        Some(Provider::Huawei),
        Some(Provider::Aliyun),
    ];
    for topic in Topic::VARIANTS {
        for provider in providers {
            for lang in Lang::ALL {
                let bare = About::new(now(), &cal).naming(provider, None);
                check(*topic, provider, lang, &bare);
                // The same with a case that holds a purchase date, and a
                // question that names a channel.
                let c = case(provider.unwrap_or_default(), "2026-11-20 09:30");
                for channel in [
                    None,
                    Some(Channel::Alipay),
                    Some(Channel::Wechat),
                    Some(Channel::Bank),
                ] {
                    let about = About::new(now(), &cal)
                        .with_case(Some(&c))
                        .naming(provider, channel);
                    check(*topic, provider, lang, &about);
                }
            }
        }
    }
}

#[test]
fn topics_offered_beside_an_answer_are_buttons() {
    let reply = offer("kb.also", &[Topic::Withdrawal, Topic::WhereMoneyGoes]);
    let ids: Vec<&str> = reply.button_ids().collect();
    assert_eq!(ids, ["kb:withdrawal", "kb:where_money_goes"]);
    assert_eq!(Topic::from_button(ids[0]), Some(Topic::Withdrawal));
    assert_eq!(Topic::from_button("kb:nothing_like_it"), None);
    for lang in Lang::ALL {
        let t = text(&reply, lang);
        assert!(internal(&t).is_none(), "{t}");
        for b in reply.buttons.iter().flatten() {
            let label = crate::knowledge::support::renderer()
                .render(lang, &b.label, &b.vars)
                .expect("a label renders");
            assert!(!label.is_empty() && internal(&label).is_none(), "{label}");
        }
    }
}

#[test]
fn every_topic_has_a_button_label_in_both_languages() {
    let r = crate::knowledge::support::renderer();
    for topic in Topic::VARIANTS {
        for lang in Lang::ALL {
            assert!(
                r.has(lang, &format!("btn.kb.{}", topic.as_str())),
                "{topic:?} {lang:?}"
            );
            assert!(r.has(lang, &topic.key()), "{topic:?} {lang:?}");
        }
    }
}
