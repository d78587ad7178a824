//! Every message of the fixture is read for its intent as the conversation
//! reads it; a miss fails, and the hit rate is printed by language.

use refund_assistant::conversation::{Intent, Intents};
use refund_assistant::render::Renderer;
use std::str::FromStr;

#[test]
fn every_fixture_message_has_its_intent_recognised() {
    let text = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/messages.toml"
    ))
    .expect("fixture");
    let fixture: toml::Table = toml::from_str(&text).expect("fixture parses");
    let intents = Intents::load(&Renderer::new().expect("templates"));
    let messages = fixture["message"].as_array().expect("messages");
    let mut misses = Vec::new();
    let mut seen = std::collections::BTreeMap::<String, (usize, usize)>::new();
    for m in messages {
        let want = m["intent"].as_str().expect("intent");
        let want = Intent::from_str(want).unwrap_or_else(|_| panic!("unknown intent {want}"));
        let lang = m["lang"].as_str().unwrap_or("?").to_owned();
        // Two messages in a row: each is read on its own; the intent is the
        // first one that is not "none".
        let texts: Vec<&str> = match (m.get("text"), m.get("messages")) {
            (Some(t), _) => vec![t.as_str().expect("text")],
            (None, Some(list)) => list
                .as_array()
                .expect("list")
                .iter()
                .map(|t| t.as_str().expect("text"))
                .collect(),
            _ => panic!("a message without text"),
        };
        let got = texts
            .iter()
            .map(|t| intents.read(t, chrono::Utc::now()).intent)
            .find(|i| *i != Intent::None)
            .unwrap_or(Intent::None);
        let e = seen.entry(lang).or_default();
        e.1 += 1;
        if got == want {
            e.0 += 1;
        } else {
            misses.push(format!("{texts:?}: want {want:?}, got {got:?}"));
        }
    }
    for (lang, (hit, all)) in &seen {
        println!("intents {lang}: {hit}/{all}");
    }
    assert!(
        misses.is_empty(),
        "{} misses:\n{}",
        misses.len(),
        misses.join("\n")
    );
}
