//! Evidence kept with a case: what Telegram (or the console) said about each
//! file when it arrived, and what the user says it shows. The bytes are kept
//! by `store` (`store::EvidenceDir`) under their SHA-256.
//!
//! A Bot API file link lasts about an hour and a `file_id` works only for
//! the bot that received it, so the bytes are kept; `file_unique_id` is
//! stable and tells the same file sent twice.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

/// The largest file the Bot API's `getFile` downloads (20 MB).
pub const MAX_DOWNLOAD: u64 = 20 * 1024 * 1024;

/// What a file shows: the items of the case's evidence checklist.
#[derive(Serialize, Deserialize, Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[serde(rename_all = "snake_case")]
pub enum Shows {
    Order,
    Deletion,
    Ticket,
    Payment,
    Other,
}

impl Shows {
    pub const ALL: [Shows; 5] = [
        Shows::Order,
        Shows::Deletion,
        Shows::Ticket,
        Shows::Payment,
        Shows::Other,
    ];

    /// The items a checklist ticks (everything but "other").
    pub const CHECKLIST: [Shows; 4] = [Shows::Order, Shows::Deletion, Shows::Ticket, Shows::Payment];

    pub fn as_str(self) -> &'static str {
        match self {
            Shows::Order => "order",
            Shows::Deletion => "deletion",
            Shows::Ticket => "ticket",
            Shows::Payment => "payment",
            Shows::Other => "other",
        }
    }

    pub fn parse(s: &str) -> Option<Shows> {
        Shows::ALL.into_iter().find(|k| k.as_str() == s)
    }
}

/// A file as it arrived, before it belongs to a case.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq)]
pub struct Incoming {
    /// The transport's id for the file (Telegram's `file_id`; `local` on the console).
    pub file_id: String,
    /// Stable across time and bots (Telegram's `file_unique_id`; the hash on the console).
    pub unique_id: String,
    pub name: Option<String>,
    pub mime: Option<String>,
    pub size: u64,
    pub caption: Option<String>,
    /// SHA-256 of the bytes kept on disk; `None` when they were not fetched
    /// (the file is over [`MAX_DOWNLOAD`]).
    pub sha256: Option<String>,
    pub received_at: DateTime<Utc>,
}

impl Incoming {
    /// Over what `getFile` can download.
    pub fn too_big(&self) -> bool {
        self.size > MAX_DOWNLOAD
    }

    /// The transcript's line for the file: its name (or type) and hash.
    pub fn transcript_line(&self) -> String {
        let what = self
            .name
            .clone()
            .or_else(|| self.mime.clone())
            .unwrap_or_else(|| self.unique_id.clone());
        match &self.sha256 {
            Some(h) => format!("[📎 {what} · sha256 {h}]"),
            None => format!("[📎 {what}]"),
        }
    }
}

/// A file kept in a case.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq)]
pub struct EvidenceFile {
    pub file_id: String,
    pub unique_id: String,
    pub name: Option<String>,
    pub mime: Option<String>,
    pub size: u64,
    pub received_at: DateTime<Utc>,
    pub sha256: Option<String>,
    /// What it shows, once the user said.
    pub shows: Option<Shows>,
}

impl EvidenceFile {
    pub fn from_incoming(i: &Incoming) -> EvidenceFile {
        EvidenceFile {
            file_id: i.file_id.clone(),
            unique_id: i.unique_id.clone(),
            name: i.name.clone(),
            mime: i.mime.clone(),
            size: i.size,
            received_at: i.received_at,
            sha256: i.sha256.clone(),
            shows: None,
        }
    }
}

/// The case a caption names: `#2`, `# 2`, `＃2`.
pub fn caption_case(caption: &str) -> Option<i64> {
    let at = caption.find(['#', '＃'])?;
    let rest = caption[at..].trim_start_matches(['#', '＃']).trim_start();
    let digits: String = rest.chars().take_while(char::is_ascii_digit).collect();
    digits.parse::<i64>().ok().filter(|n| *n > 0)
}

/// Each checklist item with whether a file shows it, and the files that
/// show something else or have not been described.
pub fn checklist(files: &[EvidenceFile]) -> serde_json::Value {
    let items: Vec<_> = Shows::CHECKLIST
        .iter()
        .map(|k| {
            let count = files.iter().filter(|f| f.shows == Some(*k)).count();
            serde_json::json!({ "kind": k.as_str(), "have": count > 0, "count": count })
        })
        .collect();
    let other = files.iter().filter(|f| f.shows == Some(Shows::Other)).count();
    let undescribed = files.iter().filter(|f| f.shows.is_none()).count();
    serde_json::json!({ "items": items, "other": other, "undescribed": undescribed, "files": files.len() })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_caption_names_its_case() {
        assert_eq!(caption_case("#2"), Some(2));
        assert_eq!(caption_case("订单截图 ＃ 12 号案例"), Some(12));
        assert_eq!(caption_case("order page"), None);
        assert_eq!(caption_case("#0"), None);
    }

    #[test]
    fn the_checklist_ticks_what_a_file_shows() {
        let f = |shows| EvidenceFile {
            file_id: "f".into(),
            unique_id: "u".into(),
            name: None,
            mime: None,
            size: 1,
            received_at: DateTime::UNIX_EPOCH,
            sha256: None,
            shows,
        };
        let c = checklist(&[f(Some(Shows::Order)), f(None), f(Some(Shows::Other))]);
        assert_eq!(c["items"][0]["have"], true);
        assert_eq!(c["items"][1]["have"], false);
        assert_eq!(c["other"], 1);
        assert_eq!(c["undescribed"], 1);
    }
}
