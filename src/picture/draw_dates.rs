//! The dates of the picture: the order as a line (the used part and the
//! rest), how the case's clock stands, the calendar, the list of every
//! dated event, the colour key and the footer.

use super::draw_grid::{badge, badge_colour, grid, shown};
use super::draw_money::{heading, paragraph};
use super::labels::Labels;
use super::scene::{Event, Kind, Scene};
use super::svg::{BODY, MARGIN, SMALL, Style, Svg, WIDTH, colour};
use crate::policy::calendar::Calendar;
use crate::policy::timeline::Progress;
use chrono::NaiveDate;
use serde_json::json;

const ROW: f32 = 46.0;

fn inner() -> f32 {
    WIDTH - 2.0 * MARGIN
}

/// The order from its first to its last day, the part used up to the
/// deletion thick; returns the next free y.
fn order_line(svg: &mut Svg, s: &Scene, l: &Labels, y: f32) -> f32 {
    let Some((start, end)) = s.order else {
        return y;
    };
    svg.text(
        MARGIN,
        y + SMALL,
        &l.key("picture.order"),
        Style::new(SMALL).colour(colour::GREY),
    );
    let line_y = y + SMALL + 44.0;
    let span = (end - start).num_days().max(1) as f32;
    let x_of = |d: NaiveDate| MARGIN + inner() * ((d - start).num_days() as f32 / span).clamp(0.0, 1.0);
    let deleted = s.events.iter().find(|e| e.kind == Kind::Deleted).map(|e| e.day);
    svg.line((MARGIN, line_y), (WIDTH - MARGIN, line_y), colour::LINE, 10.0);
    if let Some(d) = deleted {
        svg.line((MARGIN, line_y), (x_of(d), line_y), colour::ORANGE, 14.0);
        svg.line((x_of(d), line_y), (WIDTH - MARGIN, line_y), colour::GREEN, 14.0);
        svg.circle(x_of(d), line_y, 14.0, colour::INK, "");
        let label = l.short_date(d);
        let half = svg.width(&label, Style::new(SMALL)) / 2.0;
        let x = x_of(d).clamp(MARGIN + half, WIDTH - MARGIN - half);
        svg.text(
            x,
            line_y - 24.0,
            &label,
            Style::new(SMALL).bold().anchor("middle"),
        );
    }
    for (x, day, anchor) in [(MARGIN, start, "start"), (WIDTH - MARGIN, end, "end")] {
        svg.line((x, line_y - 18.0), (x, line_y + 18.0), colour::INK, 4.0);
        svg.text(
            x,
            line_y + 24.0 + SMALL,
            &l.short_date(day),
            Style::new(SMALL).anchor(anchor),
        );
    }
    line_y + 24.0 + SMALL + 24.0
}

/// How the case's clock stands: days left, or overdue in red.
fn standing(svg: &mut Svg, s: &Scene, l: &Labels, y: f32) -> f32 {
    let Some(w) = &s.wait else { return y };
    let (text, ink) = match w.progress {
        Progress::Overdue { by } => (l.get("picture.overdue", json!({ "by": by })), colour::VERMILLION),
        Progress::OnTime { left } | Progress::Due { left } => {
            (l.get("picture.left", json!({ "left": left })), colour::BLUE)
        }
    };
    paragraph(svg, &text, Style::new(BODY).bold().colour(ink), y)
}

/// The label of an event.
fn label(s: &Scene, l: &Labels, e: &Event) -> String {
    let awaits = s.wait.map(|w| w.awaits);
    let days = s.wait.map(|w| w.max_days);
    l.get(&e.kind.key(), json!({ "awaits": awaits, "days": days }))
}

/// Every event, numbered as its badge, with its full date; returns the next y.
fn list(svg: &mut Svg, s: &Scene, l: &Labels, y: f32) -> f32 {
    let date_style = Style::new(SMALL).bold();
    let dates: Vec<String> = s.events.iter().map(|e| l.date(e.day)).collect();
    let date_w = dates.iter().map(|d| svg.width(d, date_style)).fold(0.0, f32::max);
    let text_x = MARGIN + 56.0 + date_w + 20.0;
    let mut y = y;
    for (i, (e, date)) in s.events.iter().zip(&dates).enumerate() {
        let tint = badge_colour(s, e);
        badge(svg, i + 1, (MARGIN + 20.0, y + ROW / 2.0), shown(s, e.day), tint);
        let ink = match tint {
            colour::VERMILLION => tint,
            _ => colour::INK,
        };
        svg.text(
            MARGIN + 56.0,
            y + ROW / 2.0 + SMALL * 0.36,
            date,
            date_style.colour(ink),
        );
        let style = Style::new(SMALL).colour(ink);
        let lines = svg.wrap(&label(s, l, e), style, WIDTH - MARGIN - text_x);
        for (k, line) in lines.iter().enumerate() {
            svg.text(
                text_x,
                y + ROW / 2.0 + SMALL * 0.36 + 38.0 * k as f32,
                line,
                style,
            );
        }
        y += ROW + 38.0 * lines.len().saturating_sub(1) as f32;
    }
    y + 12.0
}

/// The colour key of the calendar, its items flowing over lines.
fn key(svg: &mut Svg, s: &Scene, cal: &Calendar, l: &Labels, y: f32) -> f32 {
    let (monday, weeks) = super::draw_grid::span(s);
    let days: Vec<NaiveDate> = (0..7 * weeks).map(|k| monday + chrono::Days::new(k)).collect();
    let mut names: Vec<&str> = days.iter().filter_map(|d| cal.holiday_name(*d)).collect();
    names.dedup();
    let holidays = days
        .iter()
        .any(|d| !cal.is_working_day(*d) && chrono::Datelike::weekday(d).num_days_from_monday() < 5);
    let workdays = days
        .iter()
        .any(|d| cal.is_working_day(*d) && chrono::Datelike::weekday(d).num_days_from_monday() >= 5);
    let overdue = matches!(s.wait.map(|w| w.progress), Some(Progress::Overdue { .. }));
    let mut items: Vec<(&str, String)> = vec![(colour::SHADE, l.key("picture.key.working"))];
    if holidays {
        items.push((
            colour::ORANGE,
            l.get("picture.key.holiday", json!({ "names": names })),
        ));
    }
    if workdays {
        items.push((colour::SHADE, l.key("picture.key.workday")));
    }
    if s.wait.is_some() {
        items.push((colour::SKY, l.key("picture.key.window")));
    }
    if overdue {
        items.push((colour::VERMILLION, l.key("picture.key.overdue")));
    }
    items.push(("today", l.key("picture.key.today")));
    let style = Style::new(SMALL);
    let (mut x, mut y) = (MARGIN, y);
    for (fill, text) in items {
        let text = svg.fit(&text, style, inner() - 48.0);
        let w = 44.0 + svg.width(&text, style) + 28.0;
        if x + w > WIDTH - MARGIN + 28.0 {
            x = MARGIN;
            y += ROW;
        }
        match fill {
            "today" => svg.rect(
                x + 2.0,
                y + 9.0,
                28.0,
                28.0,
                "#FFFFFF",
                r##"stroke="#1A1A1A" stroke-width="5""##,
            ),
            colour::ORANGE => svg.rect(x, y + 7.0, 32.0, 32.0, fill, r#"fill-opacity="0.45""#),
            _ => svg.rect(
                x,
                y + 7.0,
                32.0,
                32.0,
                fill,
                &format!(r#"stroke="{}""#, colour::LINE),
            ),
        }
        svg.text(x + 44.0, y + 23.0 + SMALL * 0.36, &text, style);
        x += w;
    }
    y + ROW + 8.0
}

/// The dates section and the footer; returns the picture's height.
pub fn dates(svg: &mut Svg, s: &Scene, cal: &Calendar, l: &Labels, y: f32) -> f32 {
    let y = heading(svg, &l.key("picture.dates"), y);
    let y = order_line(svg, s, l, y);
    let y = standing(svg, s, l, y);
    let y = grid(svg, s, cal, l, &s.events, y);
    let y = key(svg, s, cal, l, y);
    let y = list(svg, s, l, y + 8.0);
    let note = Style::new(SMALL).colour(colour::GREY);
    let mut y = y;
    if !s.fallback_years.is_empty() {
        let years: Vec<String> = s.fallback_years.iter().map(i32::to_string).collect();
        let text = l.get("picture.fallback", json!({ "years": years.join(", ") }));
        y = paragraph(svg, &text, note, y);
    }
    let footer = l.get("picture.footer", json!({ "provider": s.provider }));
    paragraph(svg, &footer, note, y) + 24.0
}
