//! The [`App`]: store, templates, rules and clock, and rendering one reply.

use crate::conversation::{Intents, Reply};
use crate::policy::ProfileId;
use crate::policy::calendar::Calendar;
use crate::render::{Lang, Renderer, plain};
use crate::store::{Store, StoreError};
use chrono::{DateTime, Utc};
use std::sync::Arc;

use super::message::Rendered;

/// Where "now" comes from (tests fix it).
pub type Clock = Arc<dyn Fn() -> DateTime<Utc> + Send + Sync>;

/// The application: store, templates, rules and clock.
#[derive(Clone)]
pub struct App {
    pub store: Store,
    pub renderer: Arc<Renderer>,
    /// The words users ask for things with (from the templates).
    pub intents: Arc<Intents>,
    pub calendar: Arc<Calendar>,
    pub profile: ProfileId,
    pub clock: Clock,
    /// The operator inbox, when a person can be reached (the bot only).
    pub desk: Option<Desk>,
}

/// The operator inbox: a Telegram supergroup with forum topics, one topic
/// per case handed to a person, and the first reply it promises.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Desk {
    pub chat_id: i64,
    pub reply_within: crate::case::handoff::ReplyWithin,
    /// The language of the bot's posts in the inbox.
    pub lang: Lang,
}

#[derive(Debug, thiserror::Error)]
pub enum AppError {
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error("templates: {0}")]
    Render(#[from] crate::render::RenderError),
}

impl App {
    pub fn new(store: Store, clock: Clock) -> Result<App, AppError> {
        let renderer = Renderer::new()?;
        Ok(App {
            store,
            intents: Arc::new(Intents::load(&renderer)),
            renderer: Arc::new(renderer),
            calendar: Arc::new(Calendar::china()),
            profile: ProfileId::Ucloud,
            clock,
            desk: None,
        })
    }

    /// The app with an operator inbox to hand cases to.
    pub fn with_desk(mut self, desk: Option<Desk>) -> App {
        self.desk = desk;
        self
    }

    /// The real clock.
    pub fn system_clock() -> Clock {
        Arc::new(Utc::now)
    }

    /// A clock that starts at `start` and runs from there at the real pace
    /// (a scripted session set on a given day).
    pub fn clock_from(start: DateTime<Utc>) -> Clock {
        let t0 = std::time::Instant::now();
        Arc::new(move || start + chrono::TimeDelta::from_std(t0.elapsed()).unwrap_or_default())
    }

    pub fn render(&self, lang: Lang, r: &Reply) -> Rendered {
        Rendered {
            html: self.renderer.text(lang, &r.key, &r.data),
            buttons: r
                .buttons
                .iter()
                .map(|row| {
                    row.iter()
                        .map(|b| (b.id.clone(), plain(&self.renderer.text(lang, &b.label, &b.vars))))
                        .collect()
                })
                .collect(),
        }
    }
}
