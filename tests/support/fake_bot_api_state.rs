//! State and method semantics of the fake Telegram Bot API (see `fake_bot_api.rs`). Test-only.

use std::collections::{HashMap, HashSet, VecDeque};
use std::sync::Arc;
use std::sync::atomic::AtomicU64;

use serde_json::{Value, json};

use super::{Call, Sent, Topic, wire};

pub struct Queued {
    pub update: Value,
    /// Set by `push_raw`: delivered once even if its id is below the offset.
    pub force: bool,
}

#[derive(Default)]
pub struct Inner {
    pub next_update_id: i64,
    pub next_message_id: i64,
    pub queue: VecDeque<Queued>,
    pub messages: Vec<(i64, Sent)>,
    /// Keep every call and message (tests); without it, only each chat's
    /// last few messages (benchmarks, so memory stays flat).
    pub history: bool,
    pub recent: HashMap<i64, VecDeque<Sent>>,
    pub calls: Vec<Call>,
    pub failures: HashMap<String, VecDeque<(u16, Option<u32>)>>,
    /// Calls (by method) still to be answered with an HTML page (`echo_page_next`).
    pub pages: HashMap<String, usize>,
    pub callbacks: HashSet<String>,
    pub answered: Vec<String>,
    pub commands: HashMap<String, Value>,
    pub webhook: Option<(String, Option<String>)>,
    /// Files users sent, by `file_id`: (`file_unique_id`, bytes). A file id
    /// not registered downloads as a few bytes made from its id.
    pub files: HashMap<String, (String, Vec<u8>)>,
    /// Files served as a stream instead (`user_document_streamed`), by `file_id`.
    pub streamed: HashMap<String, Streamed>,
    /// Forum topics created, in order.
    pub topics: Vec<Topic>,
}

/// A file whose download is made up as it is sent: `head`, then zero bytes
/// up to `len`; `getFile` announces `announced` (no `file_size` when `None`).
/// `sent` counts the bytes the download actually handed to the connection.
#[derive(Clone)]
pub struct Streamed {
    pub announced: Option<u64>,
    pub head: Vec<u8>,
    pub len: u64,
    pub sent: Arc<AtomicU64>,
}

impl Inner {
    /// The file sent under `file_id` (made up from the id when not registered).
    pub fn file(&self, file_id: &str) -> (String, Vec<u8>) {
        self.files
            .get(file_id)
            .cloned()
            // A photo, as Telegram sends every photo: a JPEG.
            .unwrap_or_else(|| {
                let mut jpeg = b"\xff\xd8\xff\xe0".to_vec();
                jpeg.extend(format!("bytes of {file_id}").bytes());
                (format!("u{file_id}"), jpeg)
            })
    }

    pub fn take_update_id(&mut self) -> i64 {
        self.next_update_id += 1;
        self.next_update_id - 1
    }

    pub fn take_message_id(&mut self) -> i64 {
        self.next_message_id += 1;
        self.next_message_id - 1
    }

    fn find(&mut self, chat_id: i64, message_id: i64) -> Option<&mut Sent> {
        if self.history {
            let found = self
                .messages
                .iter_mut()
                .rev()
                .find(|(c, s)| *c == chat_id && s.message_id == message_id);
            found.map(|(_, s)| s)
        } else {
            let recent = self.recent.get_mut(&chat_id)?;
            recent.iter_mut().find(|s| s.message_id == message_id)
        }
    }

    /// The messages in a chat, oldest first (only the last few without history).
    pub fn sent(&self, chat_id: i64) -> Vec<Sent> {
        if self.history {
            let sent = self.messages.iter().filter(|(chat, _)| *chat == chat_id);
            sent.map(|(_, s)| s.clone()).collect()
        } else {
            self.recent
                .get(&chat_id)
                .map(|r| r.iter().cloned().collect())
                .unwrap_or_default()
        }
    }

    pub fn message_json(&mut self, chat_id: i64, message_id: i64) -> Value {
        let Some(sent) = self.find(chat_id, message_id).map(|s| s.clone()) else {
            let content = wire::text_content("(message)");
            return wire::message(message_id, chat_id, wire::bot_user(), content);
        };
        let sent = &sent;
        let plain = wire::check_text(&sent.text, sent.parse_mode.as_deref(), usize::MAX, true);
        let plain = plain.unwrap_or_else(|_| sent.text.clone());
        let mut content = match &sent.document {
            Some(doc) => {
                let mut c = wire::document_content(message_id, doc["file_name"].as_str().unwrap_or(""), 0);
                c["caption"] = json!(plain);
                c
            }
            None => json!({ "text": plain }),
        };
        if let Some(markup) = wire::inline_markup(sent.reply_markup.as_ref()) {
            content["reply_markup"] = markup;
        }
        wire::message(message_id, chat_id, wire::bot_user(), content)
    }

    pub fn apply(&mut self, method: &str, body: &Value) -> Result<Value, wire::Reply> {
        let text = |key: &str| body.get(key).and_then(Value::as_str);
        match method {
            "getme" => Ok(wire::me()),
            "getfile" => {
                let Some(id) = text("file_id") else {
                    return Err(wire::bad("file_id is empty"));
                };
                let (unique, bytes) = self.file(id);
                let mut found = json!({ "file_id": id, "file_unique_id": unique, "file_size": bytes.len(),
                                        "file_path": format!("files/{id}") });
                if let Some(s) = self.streamed.get(id) {
                    found["file_size"] = json!(s.announced);
                    if s.announced.is_none() {
                        found.as_object_mut().map(|o| o.remove("file_size"));
                    }
                }
                Ok(found)
            }
            "sendmessage" => {
                let chat_id = chat_id(body)?;
                let sent_text = text("text").unwrap_or_default();
                wire::check_text(sent_text, text("parse_mode"), 4096, false)?;
                self.record_sent(chat_id, sent_text, body, None)
            }
            "senddocument" | "sendphoto" => {
                let chat_id = chat_id(body)?;
                let caption = text("caption").unwrap_or_default();
                wire::check_text(caption, text("parse_mode"), 1024, true)?;
                let field = if method == "sendphoto" {
                    "photo"
                } else {
                    "document"
                };
                let document = match body.get(field) {
                    Some(Value::String(id)) => json!({ "file_name": id, "content": "" }),
                    Some(doc) => doc.clone(),
                    None => return Err(wire::bad("there is no document in the request")),
                };
                self.record_sent(chat_id, caption, body, Some(document))
            }
            "editmessagetext" | "editmessagereplymarkup" => self.edit(method == "editmessagetext", body),
            "createforumtopic" => {
                let chat_id = chat_id(body)?;
                if chat_id > -1_000_000_000_000 {
                    return Err(wire::bad("the chat is not a forum"));
                }
                let name = text("name").unwrap_or_default().to_owned();
                if name.is_empty() || name.chars().count() > 128 {
                    return Err(wire::bad("TOPIC_NAME_INVALID"));
                }
                let thread = self.take_message_id();
                self.topics.push(Topic {
                    chat_id,
                    thread,
                    name: name.clone(),
                    closed: false,
                    deleted: false,
                });
                Ok(json!({ "message_thread_id": thread, "name": name, "icon_color": 7322096 }))
            }
            "closeforumtopic" | "reopenforumtopic" | "deleteforumtopic" => {
                let chat_id = chat_id(body)?;
                let thread = body.get("message_thread_id").and_then(Value::as_i64);
                let found = self
                    .topics
                    .iter_mut()
                    .find(|t| t.chat_id == chat_id && Some(t.thread) == thread && !t.deleted);
                let Some(topic) = found else {
                    return Err(wire::bad("TOPIC_ID_INVALID"));
                };
                match method {
                    "closeforumtopic" if topic.closed => Err(wire::bad("TOPIC_NOT_MODIFIED")),
                    "reopenforumtopic" if !topic.closed => Err(wire::bad("TOPIC_NOT_MODIFIED")),
                    "closeforumtopic" | "reopenforumtopic" => {
                        topic.closed = method == "closeforumtopic";
                        Ok(json!(true))
                    }
                    _ => {
                        topic.deleted = true;
                        Ok(json!(true))
                    }
                }
            }
            "copymessage" => {
                let chat_id = chat_id(body)?;
                let from = body
                    .get("from_chat_id")
                    .and_then(Value::as_i64)
                    .unwrap_or_default();
                let id = body.get("message_id").and_then(Value::as_i64).unwrap_or_default();
                let mut sent = self.record_sent(chat_id, "", body, None)?;
                let message_id = sent["message_id"].as_i64().unwrap_or_default();
                if let Some(s) = self.find(chat_id, message_id) {
                    s.copy_of = Some((from, id));
                }
                if let Some(o) = sent.as_object_mut() {
                    o.retain(|k, _| k == "message_id");
                }
                Ok(sent)
            }
            "answercallbackquery" => {
                let id = text("callback_query_id").unwrap_or_default().to_owned();
                if !self.callbacks.contains(&id) {
                    let msg = "query is too old and response timeout expired or query ID is invalid";
                    return Err(wire::bad(msg));
                }
                self.answered.push(id);
                Ok(json!(true))
            }
            "setmycommands" => {
                let commands = body.get("commands").cloned().unwrap_or(json!([]));
                self.commands
                    .insert(text("language_code").unwrap_or("").to_owned(), commands);
                Ok(json!(true))
            }
            "getmycommands" => Ok(self
                .commands
                .get(text("language_code").unwrap_or(""))
                .cloned()
                .unwrap_or(json!([]))),
            "deletemycommands" => Ok(json!(
                self.commands
                    .remove(text("language_code").unwrap_or(""))
                    .is_some()
            )),
            "setwebhook" => {
                let url = text("url").unwrap_or_default();
                self.webhook =
                    (!url.is_empty()).then(|| (url.to_owned(), text("secret_token").map(str::to_owned)));
                self.drop_pending_if_asked(body);
                Ok(json!(true))
            }
            "deletewebhook" => {
                self.webhook = None;
                self.drop_pending_if_asked(body);
                Ok(json!(true))
            }
            "getwebhookinfo" => Ok(json!({
                "url": self.webhook.as_ref().map_or("", |w| w.0.as_str()),
                "has_custom_certificate": false,
                "pending_update_count": self.queue.len(),
            })),
            _ => Ok(json!(true)),
        }
    }

    pub fn drop_pending_if_asked(&mut self, body: &Value) {
        if body.get("drop_pending_updates") == Some(&json!(true)) {
            self.queue.clear();
        }
    }

    pub fn record_sent(
        &mut self,
        chat_id: i64,
        text: &str,
        body: &Value,
        doc: Option<Value>,
    ) -> Result<Value, wire::Reply> {
        let message_id = self.take_message_id();
        let parse_mode = body.get("parse_mode").and_then(Value::as_str).map(str::to_owned);
        let reply_markup = body.get("reply_markup").filter(|m| !m.is_null()).cloned();
        let thread = body.get("message_thread_id").and_then(Value::as_i64);
        if let Some(t) = thread {
            let topic = self.topics.iter().find(|x| x.chat_id == chat_id && x.thread == t);
            if topic.is_none_or(|x| x.deleted) {
                return Err(wire::bad("message thread not found"));
            }
        }
        let sent = Sent {
            message_id,
            text: text.to_owned(),
            parse_mode,
            reply_markup,
            document: doc,
            thread,
            copy_of: None,
        };
        if self.history {
            self.messages.push((chat_id, sent));
        } else {
            let recent = self.recent.entry(chat_id).or_default();
            if recent.len() >= 4 {
                recent.pop_front();
            }
            recent.push_back(sent);
        }
        Ok(self.message_json(chat_id, message_id))
    }

    pub fn edit(&mut self, with_text: bool, body: &Value) -> Result<Value, wire::Reply> {
        if body.get("inline_message_id").is_some() {
            return Ok(json!(true));
        }
        let chat_id = chat_id(body)?;
        let message_id = body.get("message_id").and_then(Value::as_i64).unwrap_or_default();
        let Some(sent) = self.find(chat_id, message_id) else {
            return Err(wire::bad("message to edit not found"));
        };
        let mut edited = sent.clone();
        if with_text {
            if sent.document.is_some() {
                return Err(wire::bad("there is no text in the message to edit"));
            }
            let text = body.get("text").and_then(Value::as_str).unwrap_or_default();
            let parse_mode = body.get("parse_mode").and_then(Value::as_str);
            wire::check_text(text, parse_mode, 4096, false)?;
            (edited.text, edited.parse_mode) = (text.to_owned(), parse_mode.map(str::to_owned));
        }
        // Like Telegram, an edit without an inline keyboard removes the current one.
        edited.reply_markup = wire::inline_markup(body.get("reply_markup"));
        if edited == *sent {
            return Err(wire::bad(
                "message is not modified: specified new message content and reply markup are exactly the same as a current content and reply markup of the message",
            ));
        }
        *sent = edited;
        let mut message = self.message_json(chat_id, message_id);
        message["edit_date"] = json!(wire::now());
        Ok(message)
    }

    /// Applies the `getUpdates` offset: drops confirmed updates (id < offset,
    /// or all but the last `-offset` ones for a negative offset).
    pub fn confirm(&mut self, offset: i64) {
        if offset < 0 {
            let keep = offset.unsigned_abs() as usize;
            let drop_count = self.queue.len().saturating_sub(keep);
            self.queue.drain(..drop_count);
        } else if offset > 0 {
            let id = |q: &Queued| q.update["update_id"].as_i64().unwrap_or_default();
            self.queue.retain(|q| q.force || id(q) >= offset);
        }
    }
}

pub fn chat_id(body: &Value) -> Result<i64, wire::Reply> {
    match body.get("chat_id") {
        Some(Value::Number(n)) => n.as_i64(),
        Some(Value::String(s)) => s.parse().ok(),
        _ => None,
    }
    .ok_or_else(|| wire::bad("chat not found"))
}
