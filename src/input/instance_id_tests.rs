//! Tests for `instance_id.rs` (kept apart to keep each file short).

use super::*;

fn ok(s: &str) -> InstanceId {
    parse_instance_id(s).unwrap_or_else(|e| panic!("{s:?}: {e:?}"))
}

fn missing_dash(suggestion: &str) -> Result<InstanceId, IdError> {
    Err(IdError::MissingDash {
        suggestion: suggestion.to_string(),
    })
}

/// One of every variant; the match breaks the build when one is added.
pub(crate) fn every_error() -> Vec<IdError> {
    let all = vec![
        IdError::Empty,
        IdError::MissingDash {
            suggestion: "uhost-1a2b3c4d".to_string(),
        },
        IdError::MissingPrefix {
            suffix: "1a2b3c4d".to_string(),
        },
        IdError::BadPrefix {
            prefix: "主机".to_string(),
        },
        IdError::WrongLength { got: 7 },
        IdError::BadCharacters {
            found: "!".to_string(),
        },
        IdError::Unrecognised,
    ];
    for e in &all {
        match e {
            IdError::Empty
            | IdError::MissingDash { .. }
            | IdError::MissingPrefix { .. }
            | IdError::BadPrefix { .. }
            | IdError::WrongLength { .. }
            | IdError::BadCharacters { .. }
            | IdError::Unrecognised => {}
        }
    }
    all
}

#[test]
fn product_ids_are_accepted_as_typed() {
    for s in [
        "uhost-1a2b3c4d",
        "udisk-abcdefgh",
        "eip-12345678",
        "udb-0a0b0c0d",
        "umem-zzzz9999",
        "ulb-a1b2c3d4",
        "uphost-1a2b3c4d",
        "cube-1a2b3c4d",
        "uk8s-1a2b3c4d",
    ] {
        assert_eq!(ok(s).as_str(), s);
    }
}

#[test]
fn case_spaces_quotes_and_full_width_are_cleaned_up() {
    assert_eq!(ok("  UHOST-1A2B3C4D "), ok("uhost-1a2b3c4d"));
    assert_eq!(ok("“uhost-1a2b3c4d”"), ok("uhost-1a2b3c4d"));
    assert_eq!(ok("ｕｈｏｓｔ－１ａ２ｂ３ｃ４ｄ"), ok("uhost-1a2b3c4d"));
    assert_eq!(ok("uhost — 1a2b3c4d"), ok("uhost-1a2b3c4d"));
}

#[test]
fn prefix_and_display_show_the_parts() {
    let id = ok("uk8s-1a2b3c4d");
    assert_eq!(id.prefix(), "uk8s");
    assert_eq!(id.to_string(), "uk8s-1a2b3c4d");
    assert_eq!("uhost-1a2b3c4d".parse::<InstanceId>(), Ok(ok("uhost-1a2b3c4d")));
}

#[test]
fn serde_uses_the_plain_string_and_re_parses_it() {
    let id = ok("uhost-1a2b3c4d");
    assert_eq!(serde_json::to_string(&id).unwrap(), r#""uhost-1a2b3c4d""#);
    let back: InstanceId = serde_json::from_str(r#""UHOST-1a2b3c4d""#).unwrap();
    assert_eq!(back, id);
    assert!(serde_json::from_str::<InstanceId>(r#""uhost-1""#).is_err());
}

#[test]
fn empty_text_is_refused() {
    assert_eq!(parse_instance_id(""), Err(IdError::Empty));
    assert_eq!(parse_instance_id(" \u{3000} \"\" "), Err(IdError::Empty));
}

#[test]
fn a_space_or_underscore_instead_of_the_dash_gets_a_suggestion() {
    assert_eq!(
        parse_instance_id("uhost 1a2b3c4d"),
        missing_dash("uhost-1a2b3c4d")
    );
    assert_eq!(
        parse_instance_id("uhost_1a2b3c4d"),
        missing_dash("uhost-1a2b3c4d")
    );
    assert_eq!(
        parse_instance_id("UDISK.ABCDEFGH"),
        missing_dash("udisk-abcdefgh")
    );
    let params = parse_instance_id("uhost 1a2b3c4d").unwrap_err().params();
    assert_eq!(params, vec![("suggestion", "uhost-1a2b3c4d".to_string())]);
}

#[test]
fn a_glued_prefix_gets_a_suggestion() {
    assert_eq!(parse_instance_id("uhost1a2b3c4d"), missing_dash("uhost-1a2b3c4d"));
    assert_eq!(parse_instance_id("uk8s1a2b3c4d"), missing_dash("uk8s-1a2b3c4d"));
    assert_eq!(parse_instance_id("ufsx1a2b3c4d"), missing_dash("ufsx-1a2b3c4d"));
}

#[test]
fn the_random_part_alone_asks_for_the_prefix() {
    let e = parse_instance_id("1a2b3c4d");
    assert_eq!(
        e,
        Err(IdError::MissingPrefix {
            suffix: "1a2b3c4d".to_string()
        })
    );
    assert_eq!(parse_instance_id("-1a2b3c4d"), e);
}

#[test]
fn a_bad_prefix_is_reported() {
    for (s, prefix) in [("主机-1a2b3c4d", "主机"), ("1host-1a2b3c4d", "1host")] {
        let expected = IdError::BadPrefix {
            prefix: prefix.to_string(),
        };
        assert_eq!(parse_instance_id(s), Err(expected), "{s}");
    }
    assert_eq!(
        parse_instance_id("u-1a2b3c4d").unwrap_err().key(),
        "input.instance_id.bad_prefix"
    );
    let long = parse_instance_id(&format!("{}-1a2b3c4d", "x".repeat(40)));
    assert_eq!(long.unwrap_err().params()[0].1.chars().count(), 21);
}

#[test]
fn a_suffix_of_the_wrong_length_reports_its_length() {
    assert_eq!(
        parse_instance_id("uhost-1a2b3c4"),
        Err(IdError::WrongLength { got: 7 })
    );
    assert_eq!(
        parse_instance_id("uhost-1a2b3c4d5"),
        Err(IdError::WrongLength { got: 9 })
    );
    assert_eq!(parse_instance_id("uhost-"), Err(IdError::WrongLength { got: 0 }));
}

#[test]
fn bad_characters_after_the_dash_are_listed_once() {
    let e = parse_instance_id("uhost-1a2b!!c#");
    assert_eq!(
        e,
        Err(IdError::BadCharacters {
            found: "!#".to_string()
        })
    );
    assert_eq!(
        parse_instance_id("uhost-1a2b-3c4d").unwrap_err().key(),
        "input.instance_id.bad_characters"
    );
    assert_eq!(
        parse_instance_id("uhost-云主机abcde").unwrap_err().key(),
        "input.instance_id.bad_characters"
    );
}

#[test]
fn text_that_is_not_an_id_is_unrecognised() {
    for s in ["hello", "我的主机", "uhost", "uhost1a2b3c4d5", "1a2b3c4d5"] {
        assert_eq!(parse_instance_id(s), Err(IdError::Unrecognised), "{s}");
    }
}

#[test]
fn tencent_cvm_ids_parse_and_name_their_provider() {
    for s in ["ins-rfmme2si", "ins-2pajzo4q", "INS-3JAW1J8M", " `ins-3jaw1j8m` "] {
        assert_eq!(ok(s).provider(), Some(Provider::Tencent), "{s}");
    }
    // Tencent's own example of a malformed ID (wrong length).
    assert_eq!(
        parse_instance_id("ins-1122"),
        Err(IdError::WrongLength { got: 4 })
    );
}

#[test]
fn alibaba_ecs_ids_parse_whatever_their_length_and_name_their_provider() {
    let id = ok("i-bp1etb69sqxgl4abcdef");
    assert_eq!(id.provider(), Some(Provider::Aliyun));
    assert_eq!(id.prefix(), "i");
    assert_eq!(ok("i-bp1etb69").provider(), Some(Provider::Aliyun));
    // The masked form of Alibaba's docs is not an ID.
    assert_eq!(
        parse_instance_id("i-bp1etb69sqxgl4*******"),
        Err(IdError::BadCharacters { found: "*".into() })
    );
    assert_eq!(parse_instance_id("i-"), Err(IdError::WrongLength { got: 0 }));
}

#[test]
fn ucloud_prefixes_name_ucloud_and_shared_prefixes_name_nobody() {
    assert_eq!(ok("uhost-1a2b3c4d").provider(), Some(Provider::Ucloud));
    assert_eq!(ok("udisk-abcdefgh").provider(), Some(Provider::Ucloud));
    assert_eq!(ok("eip-12345678").provider(), None);
    assert_eq!(ok("vpc-12345678").provider(), None);
}

#[test]
fn a_word_and_a_ticket_number_in_a_sentence_are_not_an_id() {
    assert!(read_instance_id("Still no ticket number in the letter though - 88123456. Third time").is_err());
    assert_eq!(
        read_instance_id("the server is uhost-2w4e6r8t, ticket 88123456").map(|i| i.0),
        Ok("uhost-2w4e6r8t".to_owned())
    );
}
