//! Every message of `tests/fixtures/messages.toml` against the facts and the
//! intent it lists.

use super::*;

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
