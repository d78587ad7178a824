//! Wire details of the fake Telegram Bot API (see `fake_bot_api.rs`): JSON
//! shapes Telegram produces, error replies, HTML entity checking and request
//! body decoding (JSON, multipart/form-data, urlencoded). Test-only.

use std::collections::HashMap;
use std::time::{SystemTime, UNIX_EPOCH};

use serde_json::{Map, Value, json};

pub const BOT_ID: i64 = 123456;
pub const BOT_USERNAME: &str = "refund_assistant_test_bot";

/// HTTP status and JSON body of one answer.
pub type Reply = (u16, Value);

pub fn now() -> i64 {
    let since = SystemTime::now().duration_since(UNIX_EPOCH).unwrap_or_default();
    since.as_secs() as i64
}

pub fn ok(result: Value) -> Reply {
    (200, json!({ "ok": true, "result": result }))
}

pub fn error(code: u16, description: &str, retry_after: Option<u32>) -> Reply {
    let mut body = json!({ "ok": false, "error_code": code, "description": description });
    if let Some(secs) = retry_after {
        body["parameters"] = json!({ "retry_after": secs });
    }
    (code, body)
}

pub fn bad(description: &str) -> Reply {
    error(400, &format!("Bad Request: {description}"), None)
}

/// The answer to a call failed on purpose with `fail_next`.
pub fn injected(code: u16, retry_after: Option<u32>) -> Reply {
    let description = match code {
        429 => format!("Too Many Requests: retry after {}", retry_after.unwrap_or(1)),
        400 => "Bad Request: injected failure".to_owned(),
        401 => "Unauthorized".to_owned(),
        403 => "Forbidden: bot was blocked by the user".to_owned(),
        404 => "Not Found".to_owned(),
        409 => "Conflict: terminated by other getUpdates request; make sure that only one bot instance is running".to_owned(),
        500..=599 => "Internal Server Error".to_owned(),
        _ => format!("Error {code}"),
    };
    let retry_after = retry_after.or((code == 429).then_some(1));
    error(code, &description, retry_after)
}

/// A broken proxy's answer: an HTML page (not JSON) that echoes the request
/// path, token included (sent as `text/html` by the server).
pub fn echo_page(method: &str) -> Reply {
    let page = format!(
        "<html><body><h1>502 Bad Gateway</h1><p>upstream failed for POST /bot{}/{method}</p></body></html>",
        super::FakeBotApi::TOKEN
    );
    (502, Value::String(page))
}

/// `getMe` result: a full bot `User` plus the bot-only flags teloxide's `Me` requires.
pub fn me() -> Value {
    let mut me = bot_user();
    let flags = json!({
        "can_join_groups": true,
        "can_read_all_group_messages": false,
        "supports_inline_queries": false,
        "can_connect_to_business": false,
        "has_main_web_app": false,
    });
    merge(&mut me, flags);
    me
}

pub fn bot_user() -> Value {
    json!({ "id": BOT_ID, "is_bot": true, "first_name": "Refund Assistant", "username": BOT_USERNAME })
}

pub fn user(id: i64, language_code: Option<&str>) -> Value {
    let mut user = json!({
        "id": id, "is_bot": false, "first_name": format!("User{id}"), "username": format!("user{id}")
    });
    if let Some(code) = language_code {
        user["language_code"] = json!(code);
    }
    user
}

/// Positive ids are private chats, ids at or below -10^12 supergroups, other negative ids groups.
pub fn chat(id: i64) -> Value {
    if id > 0 {
        json!({ "id": id, "type": "private", "first_name": format!("User{id}"), "username": format!("user{id}") })
    } else if id <= -1_000_000_000_000 {
        json!({ "id": id, "type": "supergroup", "title": format!("Supergroup {id}") })
    } else {
        json!({ "id": id, "type": "group", "title": format!("Group {id}") })
    }
}

pub fn message(message_id: i64, chat_id: i64, from: Value, content: Value) -> Value {
    let mut msg = json!({ "message_id": message_id, "date": now(), "chat": chat(chat_id), "from": from });
    merge(&mut msg, content);
    msg
}

pub fn text_content(text: &str) -> Value {
    let mut content = json!({ "text": text });
    if text.starts_with('/') {
        let command = text.split_whitespace().next().unwrap_or(text);
        let length = command.encode_utf16().count();
        content["entities"] = json!([{ "type": "bot_command", "offset": 0, "length": length }]);
    }
    content
}

pub fn photo_content(seq: i64) -> Value {
    let size = |side: u32, bytes: u32| {
        json!({ "file_id": format!("photo-{seq}-{side}"), "file_unique_id": format!("uphoto-{seq}-{side}"),
                "file_size": bytes, "width": side, "height": side })
    };
    json!({ "photo": [size(90, 1_200), size(800, 48_000)] })
}

pub fn sticker_content(seq: i64) -> Value {
    json!({ "sticker": {
        "file_id": format!("sticker-{seq}"), "file_unique_id": format!("usticker-{seq}"), "file_size": 20_000,
        "type": "regular", "width": 512, "height": 512, "is_animated": false, "is_video": false,
        "emoji": "\u{1F44D}", "set_name": "TestStickers"
    } })
}

pub fn document_content(seq: i64, file_name: &str, size: usize) -> Value {
    let mime = match file_name.rsplit('.').next() {
        Some("csv") => "text/csv",
        Some("json") => "application/json",
        Some("txt") => "text/plain",
        _ => "application/octet-stream",
    };
    json!({ "document": {
        "file_id": format!("document-{seq}"), "file_unique_id": format!("udocument-{seq}"),
        "file_size": size, "file_name": file_name, "mime_type": mime
    } })
}

/// The inline keyboard a message carries, if any (other markups are not echoed by Telegram).
pub fn inline_markup(markup: Option<&Value>) -> Option<Value> {
    let markup = markup?;
    let rows = markup.get("inline_keyboard")?.as_array()?;
    (!rows.is_empty()).then(|| markup.clone())
}

pub fn merge(into: &mut Value, from: Value) {
    if let (Some(into), Value::Object(from)) = (into.as_object_mut(), from) {
        into.extend(from);
    }
}

/// Checks text like Telegram: entity parsing first, then emptiness and length
/// (counted in UTF-16 code units of the text after entity parsing).
/// Returns the plain text Telegram would store.
pub fn check_text(
    text: &str,
    parse_mode: Option<&str>,
    max: usize,
    allow_empty: bool,
) -> Result<String, Reply> {
    let plain = match parse_mode.map(str::to_ascii_lowercase).as_deref() {
        None | Some("markdown") | Some("markdownv2") => text.to_owned(),
        Some("html") => parse_html(text).map_err(|e| bad(&format!("can't parse entities: {e}")))?,
        Some(_) => return Err(bad("unsupported parse_mode")),
    };
    if !allow_empty && plain.trim().is_empty() {
        return Err(bad("message text is empty"));
    }
    if plain.encode_utf16().count() > max {
        return Err(bad(if allow_empty {
            "message caption is too long"
        } else {
            "message is too long"
        }));
    }
    Ok(plain)
}

const HTML_TAGS: &[&str] = &[
    "b",
    "strong",
    "i",
    "em",
    "u",
    "ins",
    "s",
    "strike",
    "del",
    "span",
    "tg-spoiler",
    "a",
    "code",
    "pre",
    "blockquote",
    "tg-emoji",
];

/// Telegram's HTML parse mode: only `HTML_TAGS`, properly nested and closed; `<`
/// must start a tag; `&lt; &gt; &amp; &quot;` and numeric entities are decoded.
pub fn parse_html(text: &str) -> Result<String, String> {
    let (mut plain, mut stack, mut i) = (String::new(), Vec::<String>::new(), 0);
    while i < text.len() {
        let rest = &text[i..];
        if rest.starts_with('<') {
            let Some(end) = rest.find('>') else {
                return Err(format!("Unclosed start tag at byte offset {i}"));
            };
            let inner = &rest[1..end];
            if let Some(closing) = inner.strip_prefix('/') {
                let name = closing.trim().to_ascii_lowercase();
                match stack.pop() {
                    None => return Err(format!("Unexpected end tag at byte offset {i}")),
                    Some(open) if open != name => {
                        return Err(format!(
                            "Unmatched end tag at byte offset {i}, expected \"</{open}>\", found \"</{name}>\""
                        ));
                    }
                    Some(_) => {}
                }
            } else {
                let name = inner
                    .split(|c: char| c.is_whitespace() || c == '/')
                    .next()
                    .unwrap_or("");
                let name = name.to_ascii_lowercase();
                if name.is_empty() {
                    return Err(format!("Empty tag name at byte offset {i}"));
                }
                if !HTML_TAGS.contains(&name.as_str()) {
                    return Err(format!("Unsupported start tag \"{name}\" at byte offset {i}"));
                }
                stack.push(name);
            }
            i += end + 1;
        } else if let Some((decoded, used)) = rest.strip_prefix('&').and_then(html_entity) {
            plain.push(decoded);
            i += used + 1;
        } else {
            let c = rest.chars().next().unwrap_or_default();
            plain.push(c);
            i += c.len_utf8();
        }
    }
    match stack.pop() {
        Some(open) => Err(format!(
            "Can't find end tag corresponding to start tag \"{open}\""
        )),
        None => Ok(plain),
    }
}

fn html_entity(rest: &str) -> Option<(char, usize)> {
    let semi = rest.find(';').filter(|&n| n <= 10)?;
    let name = &rest[..semi];
    let c = match name {
        "lt" => '<',
        "gt" => '>',
        "amp" => '&',
        "quot" => '"',
        _ => {
            let num = name.strip_prefix('#')?;
            let code = match num.strip_prefix(['x', 'X']) {
                Some(hex) => u32::from_str_radix(hex, 16).ok()?,
                None => num.parse().ok()?,
            };
            char::from_u32(code)?
        }
    };
    Some((c, semi + 1))
}

/// Decodes a request body into a JSON object. Multipart/urlencoded fields are
/// strings on the wire; numbers, booleans and JSON objects/arrays among them are
/// parsed (except in free-text fields). Uploaded files become
/// `{"file_name": .., "content": ..}` and replace the `attach://<id>` reference.
pub fn parse_body(content_type: &str, bytes: &[u8], query: Option<&str>) -> Value {
    let mut obj = Map::new();
    if let Some(query) = query {
        form_fields(query, &mut obj);
    }
    if content_type.starts_with("application/json") {
        if let Ok(Value::Object(fields)) = serde_json::from_slice::<Value>(bytes) {
            obj.extend(fields);
        }
    } else if let Some(boundary) = content_type.split("boundary=").nth(1) {
        multipart(
            bytes,
            boundary.split(';').next().unwrap_or("").trim_matches('"'),
            &mut obj,
        );
    } else if content_type.starts_with("application/x-www-form-urlencoded") {
        form_fields(&String::from_utf8_lossy(bytes), &mut obj);
    }
    Value::Object(obj)
}

const TEXT_FIELDS: &[&str] = &[
    "text",
    "caption",
    "url",
    "secret_token",
    "parse_mode",
    "ip_address",
    "callback_query_id",
    "data",
    "language_code",
    "title",
    "description",
    "file_name",
    "content",
];

fn typed(key: &str, value: &str) -> Value {
    if TEXT_FIELDS.contains(&key) {
        return json!(value);
    }
    match serde_json::from_str::<Value>(value) {
        Ok(v @ (Value::Number(_) | Value::Bool(_) | Value::Object(_) | Value::Array(_))) => v,
        _ => json!(value),
    }
}

fn form_fields(encoded: &str, obj: &mut Map<String, Value>) {
    use axum::extract::Query;
    let Ok(uri) = format!("/?{encoded}").parse() else {
        return;
    };
    if let Ok(Query(pairs)) = Query::<Vec<(String, String)>>::try_from_uri(&uri) {
        obj.extend(pairs.into_iter().map(|(k, v)| (k.clone(), typed(&k, &v))));
    }
}

fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).position(|w| w == needle)
}

fn multipart(body: &[u8], boundary: &str, obj: &mut Map<String, Value>) {
    let delimiter = format!("--{boundary}").into_bytes();
    let mut files = HashMap::new();
    let mut rest = match find(body, &delimiter) {
        Some(start) => &body[start + delimiter.len()..],
        None => return,
    };
    while !rest.starts_with(b"--") {
        let Some(end) = find(rest, &delimiter) else { break };
        let part = rest[..end].strip_prefix(b"\r\n").unwrap_or(&rest[..end]);
        let part = part.strip_suffix(b"\r\n").unwrap_or(part);
        rest = &rest[end + delimiter.len()..];
        let Some(split) = find(part, b"\r\n\r\n") else {
            continue;
        };
        let headers = String::from_utf8_lossy(&part[..split]);
        let raw = &part[split + 4..];
        let content = String::from_utf8_lossy(raw).into_owned();
        let (mut name, mut file_name) = (String::new(), None);
        let disposition = headers
            .lines()
            .find(|l| l.to_ascii_lowercase().starts_with("content-disposition"));
        for param in disposition.unwrap_or("").split(';').skip(1) {
            match param.trim().split_once('=') {
                Some(("name", v)) => name = v.trim_matches('"').to_owned(),
                Some(("filename", v)) => file_name = Some(v.trim_matches('"').to_owned()),
                _ => {}
            }
        }
        match file_name {
            Some(file_name) => {
                // Its size, and its first bytes in hex (a PNG's signature and size).
                let head: String = raw.iter().take(24).map(|b| format!("{b:02x}")).collect();
                let file =
                    json!({ "file_name": file_name, "content": content, "size": raw.len(), "head": head });
                drop(files.insert(name, file))
            }
            None => drop(obj.insert(name.clone(), typed(&name, &content))),
        }
    }
    for value in obj.values_mut() {
        let attached = value.as_str().and_then(|s| s.strip_prefix("attach://"));
        if let Some(file) = attached.and_then(|id| files.remove(id)) {
            *value = file;
        }
    }
    obj.extend(files);
}
