//! `/export N`: the whole case, transcript included, as one Markdown document.

use super::application::{App, AppError};
use crate::case::CaseData;
use crate::render::Lang;
use crate::store::{Direction, UserKey};
use serde_json::json;

impl App {
    /// The case as Markdown, or `None` when the user has no such case; with
    /// `picture` (its file name beside the document, and its alt text) the
    /// document shows the case picture at the top.
    pub async fn export(
        &self,
        user: &UserKey,
        number: i64,
        lang: Lang,
        picture: Option<(&str, &str)>,
    ) -> Result<Option<String>, AppError> {
        let Some(detail) = self.store.case(user, number).await? else {
            return Ok(None);
        };
        let data: CaseData = serde_json::from_value(detail.record.inputs.clone()).unwrap_or_default();
        let a = data.assessment.as_ref();
        let status = detail.record.status;
        // "Welcome back, here is where we left off" repeats the question
        // that is already in the transcript: the conversation as it was.
        let back: Vec<String> = Lang::ALL
            .iter()
            .map(|l| crate::render::plain(&self.renderer.text(*l, "resume", ())))
            .collect();
        let welcome_back = |text: &str| {
            back.iter()
                .any(|b| !b.is_empty() && text.trim_start().starts_with(b.as_str()))
        };
        let doc = self.renderer.render(
            lang,
            "export.md",
            json!({
                "n": number,
                "picture": picture.map(|(file, alt)| json!({ "file": file, "alt": alt })),
                "status": status,
                "draft": data.draft,
                "instance_id": data.draft.instance,
                "billing": data.draft.billing,
                "quote": a.map(|a| &a.quote),
                "figure": a.and_then(|a| a.quote.figure()),
                "evidence": data.evidence,
                "events": detail.events.iter().map(|e| json!({ "status": e.status.as_str(), "at": e.at.to_rfc3339(), "note": e.note })).collect::<Vec<_>>(),
                "contacts": detail.contacts.iter().map(|c| json!({ "at": c.at.to_rfc3339(), "agent": c.agent, "said": c.said })).collect::<Vec<_>>(),
                "transcript": detail.transcript.iter().filter(|t| !(t.direction == Direction::Out && welcome_back(t.text.as_str()))).map(|t| json!({
                    "direction": if t.direction == Direction::In { "in" } else { "out" },
                    "text": t.text,
                    "at": t.at.to_rfc3339(),
                })).collect::<Vec<_>>(),
            }),
        )?;
        Ok(Some(doc))
    }
}
