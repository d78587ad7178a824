//! UCloud resource IDs: `<product prefix>-<8 lowercase letters/digits>`,
//! such as `uhost-1a2b3c4d`; Tencent CVM IDs have the same shape
//! (`ins-rfmme2si`); Alibaba ECS IDs are `i-` and letters/digits of a length
//! Alibaba does not publish (`i-bp1etb69sqxgl4…`); Tencent Lighthouse IDs
//! are `lhins-` + 8 (`lhins-g4bwdjbf`); UCloud shows its lightweight hosts
//! as `ulhost-` and a longer suffix (`ulhost-1tregne0qp7u`, length unpublished).

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

use super::text::normalize;
use crate::policy::Provider;

/// Length of the part after the dash.
const SUFFIX_LEN: usize = 8;
/// Product prefixes we can recognise even when the dash is missing.
pub(crate) const KNOWN_PREFIXES: [&str; 17] = [
    "uphost", "uhost", "udisk", "eip", "udb", "umem", "ulb", "cube", "uk8s", "ufile", "ufs", "unet", "uvnet",
    "vpc", "subnet", "lhins", "ulhost",
];
/// UCloud's own product prefixes (`eip`, `vpc`, `subnet` are shared by other clouds).
const UCLOUD_PREFIXES: [&str; 13] = [
    "uphost", "uhost", "udisk", "udb", "umem", "ulb", "cube", "uk8s", "ufile", "ufs", "unet", "uvnet",
    "ulhost",
];
/// Tencent CVM: `ins-` + 8 lowercase letters/digits (CVM API DescribeInstances).
const TENCENT_CVM: &str = "ins";
/// Tencent Lighthouse: `lhins-` + 8 lowercase letters/digits (Lighthouse API).
const TENCENT_LIGHTHOUSE: &str = "lhins";
/// UCloud ULHost: `ulhost-` and a suffix longer than other products' (as the
/// console shows it; no length is published, 8 to 16 is accepted).
const UCLOUD_ULHOST: &str = "ulhost";
/// Alibaba ECS: `i-` + letters/digits, length unpublished.
const ALIBABA_ECS: &str = "i";
/// Wrapping that copy-paste tends to bring along.
const WRAPPING: [char; 16] = [
    '"', '\'', '`', '“', '”', '‘', '’', '「', '」', '『', '』', '(', ')', '[', ']', '。',
];
/// Longest piece of user text echoed back in an error.
const ECHO_MAX: usize = 20;

/// A well-formed UCloud resource ID, lowercase, e.g. `uhost-1a2b3c4d`.
/// Serialises as the plain string; deserialising re-parses it.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct InstanceId(String);

impl InstanceId {
    /// The whole ID, e.g. `uhost-1a2b3c4d`.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The product prefix before the dash, e.g. `uhost` (none for Huawei's
    /// UUIDs).
    pub fn prefix(&self) -> &str {
        if is_uuid(&self.0) {
            return "";
        }
        self.0.split_once('-').map_or(self.0.as_str(), |(p, _)| p)
    }

    /// The provider the ID's format belongs to, where the format is known:
    /// UCloud's own prefixes, Tencent CVM `ins-`, Alibaba ECS `i-`.
    /// `None` for prefixes several clouds use (`eip-`, `vpc-`…) and others.
    pub fn provider(&self) -> Option<Provider> {
        if is_uuid(&self.0) {
            return Some(Provider::Huawei);
        }
        match self.prefix() {
            TENCENT_CVM | TENCENT_LIGHTHOUSE => Some(Provider::Tencent),
            ALIBABA_ECS => Some(Provider::Aliyun),
            p if UCLOUD_PREFIXES.contains(&p) => Some(Provider::Ucloud),
            _ => None,
        }
    }
}

impl fmt::Display for InstanceId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl AsRef<str> for InstanceId {
    fn as_ref(&self) -> &str {
        &self.0
    }
}

impl FromStr for InstanceId {
    type Err = IdError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        parse_instance_id(s)
    }
}

impl TryFrom<String> for InstanceId {
    type Error = IdError;
    fn try_from(s: String) -> Result<Self, Self::Error> {
        parse_instance_id(&s).or_else(|e| as_told(&s).ok_or(e))
    }
}

impl From<InstanceId> for String {
    fn from(id: InstanceId) -> String {
        id.0
    }
}

/// Why some text is not a resource ID.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum IdError {
    #[error("no instance ID given")]
    Empty,
    #[error("missing dash; did you mean {suggestion}?")]
    MissingDash { suggestion: String },
    #[error("`{suffix}` lacks the product prefix, e.g. uhost-{suffix}")]
    MissingPrefix { suffix: String },
    #[error("`{prefix}` is not a product prefix")]
    BadPrefix { prefix: String },
    #[error("part after the dash has {got} characters, expected {SUFFIX_LEN}")]
    WrongLength { got: usize },
    #[error("part after the dash contains `{found}`; only a-z and 0-9 allowed")]
    BadCharacters { found: String },
    #[error("not an instance ID")]
    Unrecognised,
}

impl IdError {
    /// Stable template key for the user-facing message.
    pub fn key(&self) -> &'static str {
        match self {
            IdError::Empty => "input.instance_id.empty",
            IdError::MissingDash { .. } => "input.instance_id.missing_dash",
            IdError::MissingPrefix { .. } => "input.instance_id.missing_prefix",
            IdError::BadPrefix { .. } => "input.instance_id.bad_prefix",
            IdError::WrongLength { .. } => "input.instance_id.wrong_length",
            IdError::BadCharacters { .. } => "input.instance_id.bad_characters",
            IdError::Unrecognised => "input.instance_id.unrecognised",
        }
    }

    /// Values the message template may use.
    pub fn params(&self) -> Vec<(&'static str, String)> {
        match self {
            IdError::Empty | IdError::Unrecognised => Vec::new(),
            IdError::MissingDash { suggestion } => vec![("suggestion", suggestion.clone())],
            // Eight hexadecimal characters may be the first part of a Huawei
            // ID ("4f1c2a77" of 4f1c2a77-9b3e-…): the message says so.
            IdError::MissingPrefix { suffix } => {
                let huawei_part = suffix.len() == 8 && suffix.chars().all(|c| c.is_ascii_hexdigit());
                let mut out = vec![("suffix", suffix.clone())];
                if huawei_part {
                    out.push(("huawei_part", "yes".to_owned()));
                }
                out
            }
            IdError::BadPrefix { prefix } => vec![("prefix", prefix.clone())],
            IdError::WrongLength { got } => {
                vec![("got", got.to_string()), ("expected", SUFFIX_LEN.to_string())]
            }
            IdError::BadCharacters { found } => vec![("found", found.clone())],
        }
    }
}

/// Parses a resource ID, ignoring surrounding spaces, quotes and case, and
/// accepting spaces around the dash. Returns the canonical lowercase form.
pub fn parse_instance_id(text: &str) -> Result<InstanceId, IdError> {
    let lowered = normalize(text).to_lowercase();
    let s = lowered.trim_matches(|c: char| c.is_whitespace() || WRAPPING.contains(&c));
    if s.is_empty() {
        return Err(IdError::Empty);
    }
    if is_uuid(s) {
        return Ok(InstanceId(s.to_owned()));
    }
    let Some((prefix, suffix)) = s.split_once('-') else {
        return Err(without_dash(s));
    };
    let (prefix, suffix) = (prefix.trim(), suffix.trim());
    if prefix.is_empty() {
        return Err(IdError::MissingPrefix { suffix: echo(suffix) });
    }
    let alibaba = prefix == ALIBABA_ECS;
    if !is_prefix(prefix) && !alibaba {
        return Err(IdError::BadPrefix { prefix: echo(prefix) });
    }
    let mut found = String::new();
    for c in suffix.chars().filter(|c| !is_id_char(*c)) {
        if !found.contains(c) {
            found.push(c);
        }
    }
    if !found.is_empty() {
        return Err(IdError::BadCharacters { found: echo(&found) });
    }
    // Alibaba publishes no length for its IDs: any non-empty suffix will do.
    let length_ok = if alibaba {
        !suffix.is_empty()
    } else if prefix == UCLOUD_ULHOST {
        (SUFFIX_LEN..=16).contains(&suffix.len())
    } else {
        suffix.len() == SUFFIX_LEN
    };
    if !length_ok {
        return Err(IdError::WrongLength { got: suffix.len() });
    }
    Ok(InstanceId(format!("{prefix}-{suffix}")))
}

/// Huawei Cloud's ECS IDs are UUIDs, as its console shows them
/// (`4cc31f70-f0b5-4ce8-8b9a-1e4c0fb53b6a`).
fn is_uuid(s: &str) -> bool {
    let parts: Vec<&str> = s.split('-').collect();
    parts.iter().map(|p| p.len()).eq([8, 4, 4, 4, 12])
        && parts.iter().all(|p| p.bytes().all(|b| b.is_ascii_hexdigit()))
}

/// An instance ID as typed at the question that asks for it: the whole
/// text, or the one ID said in a sentence ("实例ID为 uhost-z9x8c7v6", "The
/// instance ID is uhost-m4rk2026.", "还是刚才那台 uhost-z9x8c7v6"); when no
/// word of it is an ID, the whole text's error.
pub fn read_instance_id(text: &str) -> Result<InstanceId, IdError> {
    let whole = parse_instance_id(text);
    if whole.is_ok() {
        return whole;
    }
    let lowered = normalize(text).to_lowercase();
    let mut ids: Vec<InstanceId> = Vec::new();
    for word in lowered
        .split(|c: char| !(c.is_ascii_alphanumeric() || c == '-'))
        .map(|w| w.trim_matches('-'))
        .filter(|w| w.contains('-'))
    {
        if let Ok(id) = parse_instance_id(word)
            && !ids.contains(&id)
            && !word_and_number(&id.0)
        {
            ids.push(id);
        }
    }
    match ids.as_slice() {
        [one] => Ok(one.clone()),
        _ => whole,
    }
}

/// An ID kept as the person wrote it although its suffix is one or two
/// characters off the usual eight ("uhost-4kd92js", copied from a console
/// that shows it so): the case keeps it and the bot says to compare it with
/// the console. Only a known prefix; four characters stay an error.
pub fn as_told(text: &str) -> Option<InstanceId> {
    let lowered = normalize(text).to_lowercase();
    let mut found = lowered
        .split(|c: char| !(c.is_ascii_alphanumeric() || c == '-'))
        .map(|w| w.trim_matches('-'))
        .filter_map(|w| w.split_once('-'))
        .filter(|(prefix, suffix)| {
            KNOWN_PREFIXES.contains(prefix)
                && (SUFFIX_LEN - 2..=SUFFIX_LEN + 2).contains(&suffix.len())
                && suffix.chars().all(is_id_char)
                && suffix.chars().any(|c| c.is_ascii_digit())
        });
    let (prefix, suffix) = found.next()?;
    found
        .next()
        .is_none()
        .then(|| InstanceId(format!("{prefix}-{suffix}")))
}

/// The ID of the text, or one kept as told (`as_told`) and whether it was.
pub fn read_instance_id_or_as_told(text: &str) -> Result<(InstanceId, bool), IdError> {
    match read_instance_id(text) {
        Ok(id) => Ok((id, false)),
        Err(e) => as_told(text)
            .map(|id| (id, true))
            .ok_or_else(|| word_error(text).unwrap_or(e)),
    }
}

/// "already gave it: uhost-4kd92js": the error of the one ID-like word, not
/// the whole sentence's ("already gave it: uho… isn't a product prefix").
fn word_error(text: &str) -> Option<IdError> {
    let lowered = normalize(text).to_lowercase();
    let mut errors = lowered
        .split(|c: char| !(c.is_ascii_alphanumeric() || c == '-'))
        .map(|w| w.trim_matches('-'))
        .filter(|w| {
            w.split_once('-')
                .is_some_and(|(p, _)| KNOWN_PREFIXES.contains(&p))
        })
        .filter_map(|w| parse_instance_id(w).err());
    let one = errors.next()?;
    errors.next().is_none().then_some(one)
}

/// Inside a sentence, "though - 88123456" is a word and a ticket number,
/// not an ID: a suffix of digits only counts after a prefix the clouds use
/// for servers.
fn word_and_number(id: &str) -> bool {
    const SERVERS: [&str; 5] = ["uhost", "ulhost", "ins", "lhins", ALIBABA_ECS];
    id.split_once('-').is_some_and(|(prefix, suffix)| {
        suffix.chars().all(|c| c.is_ascii_digit()) && !SERVERS.contains(&prefix)
    })
}

/// Explains text that has no dash at all, suggesting a fix when we can.
fn without_dash(s: &str) -> IdError {
    let parts: Vec<&str> = s
        .split(|c: char| c.is_whitespace() || matches!(c, '_' | '.' | '/' | ':' | '~'))
        .filter(|p| !p.is_empty())
        .collect();
    if let [prefix, suffix] = parts.as_slice()
        && is_prefix(prefix)
        && is_suffix(suffix)
    {
        return IdError::MissingDash {
            suggestion: format!("{prefix}-{suffix}"),
        };
    }
    if is_suffix(s) {
        return IdError::MissingPrefix {
            suffix: s.to_string(),
        };
    }
    let glued = KNOWN_PREFIXES.iter().find_map(|p| {
        let rest = s.strip_prefix(p)?;
        is_suffix(rest).then(|| format!("{p}-{rest}"))
    });
    let guessed = || {
        let head = s.get(..s.len().checked_sub(SUFFIX_LEN)?)?;
        let tail = &s[head.len()..];
        let letters = head.len() >= 2 && head.bytes().all(|b| b.is_ascii_lowercase());
        (letters && is_prefix(head) && is_suffix(tail)).then(|| format!("{head}-{tail}"))
    };
    match glued.or_else(guessed) {
        Some(suggestion) => IdError::MissingDash { suggestion },
        None => IdError::Unrecognised,
    }
}

fn is_id_char(c: char) -> bool {
    c.is_ascii_lowercase() || c.is_ascii_digit()
}

/// 2–12 characters: a lowercase letter, then lowercase letters or digits.
fn is_prefix(s: &str) -> bool {
    let mut chars = s.chars();
    (2..=12).contains(&s.len())
        && chars.next().is_some_and(|c| c.is_ascii_lowercase())
        && chars.all(is_id_char)
}

fn is_suffix(s: &str) -> bool {
    s.len() == SUFFIX_LEN && s.chars().all(is_id_char)
}

/// User text shortened for echoing in a message.
fn echo(s: &str) -> String {
    if s.chars().count() <= ECHO_MAX {
        return s.to_string();
    }
    let mut short: String = s.chars().take(ECHO_MAX).collect();
    short.push('…');
    short
}

#[cfg(test)]
#[path = "instance_id_tests.rs"]
pub(crate) mod tests;
