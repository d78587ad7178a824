//! What users do in the fake Telegram Bot API (see `fake_bot_api.rs`): the
//! updates a test queues as if a user had typed, pressed or sent something.
//! Test-only.

use serde_json::{Value, json};

use super::{FakeBotApi, wire};

impl FakeBotApi {
    pub fn user_text(&self, user_id: i64, text: &str, language_code: Option<&str>) -> i64 {
        let from = wire::user(user_id, language_code);
        self.push_message("message", user_id, from, wire::text_content(text))
    }

    /// A press on an inline button of bot message `message_id` in the private chat
    /// with `user_id`. The callback query id is `"cb<update_id>"`.
    pub fn user_press(&self, user_id: i64, message_id: i64, data: &str) -> i64 {
        let mut inner = self.shared.lock();
        let id = inner.take_update_id();
        let message = inner.message_json(user_id, message_id);
        let callback_id = format!("cb{id}");
        inner.callbacks.insert(callback_id.clone());
        let update = json!({ "update_id": id, "callback_query": {
            "id": callback_id, "from": wire::user(user_id, None), "message": message,
            "chat_instance": format!("instance-{user_id}"), "data": data } });
        self.enqueue(inner, update, false);
        id
    }

    pub fn user_photo(&self, user_id: i64) -> i64 {
        let seq = self.shared.lock().next_update_id;
        self.push_message(
            "message",
            user_id,
            wire::user(user_id, None),
            wire::photo_content(seq),
        )
    }

    /// The user sends `bytes` as a photo (Telegram's largest size carries
    /// `file_id`), with an optional caption.
    pub fn user_photo_of(
        &self,
        user_id: i64,
        file_id: &str,
        unique_id: &str,
        bytes: &[u8],
        caption: Option<&str>,
    ) -> i64 {
        self.shared
            .lock()
            .files
            .insert(file_id.to_owned(), (unique_id.to_owned(), bytes.to_vec()));
        let mut content = json!({ "photo": [
            { "file_id": format!("{file_id}-thumb"), "file_unique_id": format!("{unique_id}-thumb"),
              "file_size": 100, "width": 90, "height": 90 },
            { "file_id": file_id, "file_unique_id": unique_id, "file_size": bytes.len(), "width": 800, "height": 600 },
        ] });
        if let Some(c) = caption {
            content["caption"] = json!(c);
        }
        self.push_message("message", user_id, wire::user(user_id, None), content)
    }

    /// The user sends a document of `size` bytes (its bytes registered only
    /// when given: a file too big for `getFile` is never fetched).
    pub fn user_document_of(
        &self,
        user_id: i64,
        file_id: &str,
        name: &str,
        mime: &str,
        size: usize,
        bytes: Option<&[u8]>,
    ) -> i64 {
        let unique_id = format!("u{file_id}");
        if let Some(b) = bytes {
            self.shared
                .lock()
                .files
                .insert(file_id.to_owned(), (unique_id.clone(), b.to_vec()));
        }
        let content = json!({ "document": {
            "file_id": file_id, "file_unique_id": unique_id, "file_size": size, "file_name": name, "mime_type": mime
        } });
        self.push_message("message", user_id, wire::user(user_id, None), content)
    }

    /// The user sends a document whose message says `size` bytes, whose
    /// `getFile` announces `announced` (none when `None`), and whose download
    /// is `head` then zero bytes up to `len`, made up as it is read. Returns
    /// the count of bytes the download handed to the connection.
    #[allow(clippy::too_many_arguments)]
    pub fn user_document_streamed(
        &self,
        user_id: i64,
        file_id: &str,
        name: &str,
        mime: &str,
        size: u64,
        announced: Option<u64>,
        head: &[u8],
        len: u64,
    ) -> std::sync::Arc<std::sync::atomic::AtomicU64> {
        let sent = std::sync::Arc::new(std::sync::atomic::AtomicU64::new(0));
        let streamed = super::state::Streamed {
            announced,
            head: head.to_vec(),
            len,
            sent: sent.clone(),
        };
        self.shared.lock().streamed.insert(file_id.to_owned(), streamed);
        let content = json!({ "document": {
            "file_id": file_id, "file_unique_id": format!("u{file_id}"), "file_size": size,
            "file_name": name, "mime_type": mime
        } });
        self.push_message("message", user_id, wire::user(user_id, None), content);
        sent
    }

    pub fn user_sticker(&self, user_id: i64) -> i64 {
        let seq = self.shared.lock().next_update_id;
        self.push_message(
            "message",
            user_id,
            wire::user(user_id, None),
            wire::sticker_content(seq),
        )
    }

    pub fn group_text(&self, chat_id: i64, user_id: i64, text: &str) -> i64 {
        self.push_message(
            "message",
            chat_id,
            wire::user(user_id, None),
            wire::text_content(text),
        )
    }

    /// The user edited their earlier message `message_id` (in the private chat).
    pub fn edited_text(&self, user_id: i64, message_id: i64, text: &str) -> i64 {
        let mut inner = self.shared.lock();
        let id = inner.take_update_id();
        let mut message = wire::message(
            message_id,
            user_id,
            wire::user(user_id, None),
            wire::text_content(text),
        );
        message["date"] = json!(wire::now() - 60);
        message["edit_date"] = json!(wire::now());
        self.enqueue(
            inner,
            json!({ "update_id": id, "edited_message": message }),
            false,
        );
        id
    }

    /// A press by `presser` on bot message `message_id` in the private chat
    /// with `chat_user` (someone else's keyboard when the two differ).
    pub fn press_as(&self, presser: i64, chat_user: i64, message_id: i64, data: &str) -> i64 {
        let mut inner = self.shared.lock();
        let id = inner.take_update_id();
        let message = inner.message_json(chat_user, message_id);
        let callback_id = format!("cb{id}");
        inner.callbacks.insert(callback_id.clone());
        let update = json!({ "update_id": id, "callback_query": {
            "id": callback_id, "from": wire::user(presser, None), "message": message,
            "chat_instance": format!("instance-{chat_user}"), "data": data } });
        self.enqueue(inner, update, false);
        id
    }

    /// Queues the update `build` makes from the next update id; returns the id.
    pub fn push_update(&self, build: impl FnOnce(i64) -> Value) -> i64 {
        let mut inner = self.shared.lock();
        let id = inner.take_update_id();
        self.enqueue(inner, build(id), false);
        id
    }

    /// A text from an account marked `is_bot` in the private chat `chat_id`.
    pub fn bot_account_text(&self, chat_id: i64, text: &str) -> i64 {
        let mut from = wire::user(chat_id, None);
        from["is_bot"] = json!(true);
        self.push_message("message", chat_id, from, wire::text_content(text))
    }

    /// A post by `user_id` in forum topic `thread` of supergroup `chat_id`
    /// (the general topic when `thread` is `None`).
    pub fn topic_text(&self, chat_id: i64, thread: Option<i64>, user_id: i64, text: &str) -> i64 {
        let mut content = wire::text_content(text);
        if let Some(t) = thread {
            content["message_thread_id"] = json!(t);
            content["is_topic_message"] = json!(true);
        }
        self.push_message("message", chat_id, wire::user(user_id, None), content)
    }

    /// A photo posted by `user_id` in forum topic `thread` of supergroup `chat_id`.
    pub fn topic_photo(&self, chat_id: i64, thread: i64, user_id: i64, caption: &str) -> i64 {
        let seq = self.shared.lock().next_update_id;
        let mut content = wire::photo_content(seq);
        content["caption"] = json!(caption);
        content["message_thread_id"] = json!(thread);
        content["is_topic_message"] = json!(true);
        self.push_message("message", chat_id, wire::user(user_id, None), content)
    }
}
