//! The picture's words, from the templates (`templates/<lang>/strings/picture.toml`)
//! as plain text: the SVG writer escapes them itself.

use crate::render::{Lang, Renderer, plain};
use chrono::NaiveDate;
use serde::Serialize;
use serde_json::{Value, json};

/// Renders the picture's labels in one language.
pub struct Labels<'r> {
    pub renderer: &'r Renderer,
    pub lang: Lang,
}

impl Labels<'_> {
    /// Template `key` with `data`, as plain text.
    pub fn get<S: Serialize>(&self, key: &str, data: S) -> String {
        plain(&self.renderer.text(self.lang, key, data))
    }

    /// Template `key` without data.
    pub fn key(&self, key: &str) -> String {
        self.get(key, Value::Null)
    }

    /// A day in the language's long form ("2026年3月11日（周三）", "Wed 11 Mar 2026").
    pub fn date(&self, day: NaiveDate) -> String {
        self.get("picture.day", json!({ "day": day }))
    }

    /// A day in the language's short form ("3月11日", "11 Mar").
    pub fn short_date(&self, day: NaiveDate) -> String {
        self.get("picture.short_day", json!({ "day": day }))
    }
}
