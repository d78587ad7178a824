//! The case at a glance: one picture of a case's money and dates, built as
//! SVG text from the case (so tests read it) and drawn to PNG, in the
//! user's language, with the font shipped in `fonts/`.
//!
//! Layout, each file using only those before it: `font` (the faces, their
//! widths and coverage), `svg` (the writer, sizes and palette), `labels`
//! (the words, from `templates/<lang>/strings/picture.toml`), `money` and
//! `scene` (what a case shows, pure), `draw_money`, `draw_grid`,
//! `draw_dates` (the layout), `raster` (PNG); [`Painter`] here. The
//! adapters (Telegram, console) call it off their message path.

mod draw_dates;
mod draw_grid;
mod draw_money;
mod font;
mod labels;
mod money;
mod raster;
mod scene;
mod svg;

#[cfg(test)]
mod tests;

pub use font::{Font, FontError};
pub use money::{Money, Part, Segment};
pub use raster::RasterError;
pub use scene::{Event, Kind, Scene, scene};
pub use svg::{SMALL, WIDTH};

use crate::case::CaseView;
use crate::policy::calendar::Calendar;
use crate::render::{Lang, Renderer};
use chrono::{DateTime, Utc};
use labels::Labels;
use serde_json::json;
use std::path::Path;
use std::sync::Arc;

/// What to draw: a case as it stands at `now`, in `lang`.
#[derive(Clone, Debug, PartialEq)]
pub struct Order {
    pub case: CaseView,
    pub now: DateTime<Utc>,
    pub lang: Lang,
    /// Drawn for a new estimate (else for the case's view).
    pub estimate: bool,
}

/// A drawn picture.
#[derive(Clone, Debug, PartialEq)]
pub struct Picture {
    pub png: Vec<u8>,
    pub width: u32,
    pub height: u32,
    /// The short caption sent with it, which describes it (its alt text).
    pub caption: String,
}

/// The SVG of a picture and every text in it.
#[derive(Clone, Debug, PartialEq)]
pub struct Drawing {
    pub svg: String,
    pub texts: Vec<String>,
}

/// Draws pictures: the font, its faces loaded for the rasteriser, the
/// templates and the calendar.
pub struct Painter {
    font: Font,
    raster: raster::Raster,
    renderer: Arc<Renderer>,
    calendar: Arc<Calendar>,
}

/// What the money and date filters print besides their templates.
const FILTERED: &str = "¥0123456789,.-";

/// Every character a picture's templates can print, in both languages: the
/// `picture.*` labels, the date formats, what the filters add, and the
/// holiday names of the calendar data.
pub fn characters(renderer: &Renderer, cal_names: &[&str]) -> String {
    let mut out = String::from(FILTERED);
    for lang in Lang::ALL {
        for key in renderer.keys(lang) {
            if key.starts_with("picture.") || key.starts_with("fmt.") {
                out.push_str(renderer.source(lang, &key).unwrap_or_default());
            }
        }
    }
    for name in cal_names {
        out.push_str(name);
    }
    out
}

impl Painter {
    pub fn new(font: Font, renderer: Arc<Renderer>, calendar: Arc<Calendar>) -> Painter {
        let raster = raster::Raster::new(&font);
        Painter {
            font,
            raster,
            renderer,
            calendar,
        }
    }

    /// The painter with the font at `path` (else the shipped one), refused
    /// when it cannot be read or lacks a character the pictures print.
    pub fn load(
        path: Option<&Path>,
        renderer: Arc<Renderer>,
        calendar: Arc<Calendar>,
    ) -> Result<Painter, FontError> {
        let needed = characters(&renderer, &calendar.holiday_names());
        let font = Font::load(path, &needed)?;
        Ok(Painter::new(font, renderer, calendar))
    }

    /// Where the font came from.
    pub fn font_origin(&self) -> &str {
        &self.font.origin
    }

    fn labels(&self, lang: Lang) -> Labels<'_> {
        Labels {
            renderer: &self.renderer,
            lang,
        }
    }

    /// The SVG of `order`.
    pub fn svg(&self, order: &Order) -> Drawing {
        let s = scene(&order.case, &self.calendar, order.now);
        let l = self.labels(order.lang);
        let mut doc = svg::Svg::new(&self.font, &self.raster.family);
        let y = draw_money::header(&mut doc, &s, &l, 24.0);
        let y = draw_money::money(&mut doc, &s, &l, y);
        let y = draw_money::where_now(&mut doc, &s, &l, y);
        let height = draw_dates::dates(&mut doc, &s, &self.calendar, &l, y);
        let texts = doc.texts.clone();
        Drawing {
            svg: doc.finish(height),
            texts,
        }
    }

    /// The caption: what the picture shows, in a sentence or two.
    pub fn caption(&self, order: &Order) -> String {
        let s = scene(&order.case, &self.calendar, order.now);
        let l = self.labels(order.lang);
        let m = s.money.as_ref();
        let positive = |d: rust_decimal::Decimal| (d > rust_decimal::Decimal::ZERO).then(|| d.to_string());
        let next = s
            .events
            .iter()
            .find(|e| e.day >= s.today && e.kind != scene::Kind::Expires)
            .map(|e| {
                let days = s.wait.map(|w| w.max_days);
                let label = l.get(
                    &e.kind.key(),
                    json!({ "awaits": s.wait.map(|w| w.awaits), "days": days }),
                );
                json!({ "label": label, "day": e.day })
            });
        let late = s.wait.and_then(|w| match w.progress {
            crate::policy::timeline::Progress::Overdue { by } => {
                Some(l.get("picture.overdue", json!({ "by": by })))
            }
            _ => None,
        });
        let where_now = l.get(
            &format!("picture.where.{}", s.stage.as_str()),
            json!({ "provider": s.provider }),
        );
        l.get(
            "picture.caption",
            json!({
                "n": s.n,
                "paid": m.map(|m| m.paid.to_string()),
                "consumed": m.and_then(|m| m.segments.iter().find(|g| g.part == Part::Consumed)).and_then(|g| positive(g.amount)),
                "refund": m.and_then(|m| m.refund).map(|r| r.to_string()),
                "where": where_now,
                "late": late,
                "next": next,
            }),
        )
    }

    /// The picture of `order`: refused when a text in it has a character
    /// the font lacks (never boxes).
    pub fn draw(&self, order: &Order) -> Result<Picture, RasterError> {
        let drawing = self.svg(order);
        let missing = self.font.missing(&drawing.texts.concat());
        if !missing.is_empty() {
            return Err(RasterError::Missing(missing));
        }
        let (png, width, height) = self.raster.png(&drawing.svg)?;
        Ok(Picture {
            png,
            width,
            height,
            caption: self.caption(order),
        })
    }
}
