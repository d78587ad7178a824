//! The [`App`]: store, templates, rules and clock, and rendering one reply.

use crate::conversation::{Intents, Reply};
use crate::picture::Painter;
use crate::policy::ProfileId;
use crate::policy::calendar::Calendar;
use crate::render::{Lang, Renderer, plain};
use crate::store::{Store, StoreError};
use chrono::{DateTime, Utc};
use std::sync::{Arc, OnceLock};

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
    /// Draws the case picture, loaded on first use; `None` in it: text-only
    /// replies (no usable font).
    painter: Arc<OnceLock<Option<Arc<Painter>>>>,
    /// The threads that draw pictures with spare CPU (see [`App::draw_later`]).
    pub(super) drawers: Arc<super::drawers::Drawers>,
    /// The last picture sent to each chat, as a digest (see [`App::sent_before`]).
    pub(super) sent: Arc<std::sync::Mutex<std::collections::HashMap<i64, u64>>>,
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

/// The painter with the font at `font` (the shipped one when `None`), or
/// `None` with the reason said once.
fn load(
    font: Option<&std::path::Path>,
    renderer: &Arc<Renderer>,
    calendar: &Arc<Calendar>,
) -> Option<Arc<Painter>> {
    match Painter::load(font, renderer.clone(), calendar.clone()) {
        Ok(p) => Some(Arc::new(p)),
        Err(e) => {
            tracing::warn!("{e}: replies go without the case picture");
            None
        }
    }
}

#[derive(Debug, thiserror::Error)]
pub enum AppError {
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error("templates: {0}")]
    Render(#[from] crate::render::RenderError),
}

impl App {
    /// The app, drawing case pictures with the shipped font.
    pub fn new(store: Store, clock: Clock) -> Result<App, AppError> {
        let renderer = Arc::new(Renderer::new()?);
        let calendar = Arc::new(Calendar::china());
        Ok(App {
            store,
            intents: Arc::new(Intents::load(&renderer)),
            renderer,
            calendar,
            profile: ProfileId::Ucloud,
            clock,
            desk: None,
            painter: Arc::new(OnceLock::new()),
            drawers: Arc::default(),
            sent: Arc::default(),
        })
    }

    /// The painter (the shipped font is loaded the first time a picture is
    /// drawn), or `None` when pictures are off.
    pub fn painter(&self) -> Option<Arc<Painter>> {
        self.painter
            .get_or_init(|| load(None, &self.renderer, &self.calendar))
            .clone()
    }

    /// Whether replies may carry a picture (not known to be off).
    pub fn pictures_on(&self) -> bool {
        !matches!(self.painter.get(), Some(None))
    }

    /// The app drawing case pictures with the font at `font` (the shipped
    /// one when `None`); a font that cannot be read, or lacks a character
    /// the picture prints, is said once here and the replies go text-only.
    pub fn with_picture_font(mut self, font: Option<&std::path::Path>) -> App {
        if font.is_some() {
            let loaded = load(font, &self.renderer, &self.calendar);
            self.painter = Arc::new(OnceLock::from(loaded));
        }
        self
    }

    /// The app without case pictures (text-only replies).
    pub fn without_pictures(mut self) -> App {
        self.painter = Arc::new(OnceLock::from(None));
        self
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
