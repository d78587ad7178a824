//! The calendar of the picture: the weeks around what the case waits for,
//! one cell a day, working days shaded, holidays marked, the waiting window
//! and overdue days banded, today outlined, and each event as a numbered
//! badge (the numbers of the list under it).

use super::labels::Labels;
use super::scene::{Event, Kind, Scene};
use super::svg::{MARGIN, SMALL, Style, Svg, WIDTH, colour};
use crate::policy::calendar::Calendar;
use crate::policy::timeline::Progress;
use chrono::{Datelike, Days, NaiveDate};
use serde_json::json;

/// The most weeks drawn (a phone screen's worth).
pub const MAX_WEEKS: u64 = 6;
const CELL_H: f32 = 104.0;
const BADGE: f32 = 19.0;

/// The days the grid is drawn around: what happened and what is awaited,
/// not the order's first and last day (the order line shows those).
fn around(s: &Scene) -> impl Iterator<Item = NaiveDate> + '_ {
    s.events
        .iter()
        .filter(|e| !matches!(e.kind, Kind::Bought | Kind::Expires))
        .map(|e| e.day)
}

/// The first Monday and the number of weeks the grid shows: from the first
/// event of the case's last six weeks to the last, today included, the
/// waiting window's end kept in view.
pub fn span(s: &Scene) -> (NaiveDate, u64) {
    let mut hi = s.today;
    if let Some(w) = &s.wait {
        hi = hi.max(w.latest);
    }
    let near = |d: NaiveDate| d <= hi && d >= hi - Days::new(7 * MAX_WEEKS - 7);
    let lo = around(s)
        .filter(|d| near(*d))
        .chain([s.today])
        .min()
        .unwrap_or(s.today);
    let hi = around(s)
        .filter(|d| *d >= hi && *d <= lo + Days::new(7 * MAX_WEEKS - 1))
        .max()
        .unwrap_or(hi);
    let monday = lo - Days::new(u64::from(lo.weekday().num_days_from_monday()));
    let days = (hi - monday).num_days().max(0) as u64;
    (monday, (days / 7 + 1).min(MAX_WEEKS))
}

fn cell_w() -> f32 {
    (WIDTH - 2.0 * MARGIN) / 7.0
}

/// Whether `day` is past the due day and not after today (the case is late).
fn overdue(s: &Scene, day: NaiveDate) -> bool {
    s.wait
        .is_some_and(|w| matches!(w.progress, Progress::Overdue { .. }) && day > w.latest && day <= s.today)
}

/// Whether `day` is in the waiting window (after the day it counts from).
fn waiting(s: &Scene, day: NaiveDate) -> bool {
    s.wait.is_some_and(|w| day > w.from && day <= w.latest)
}

/// One day's cell.
fn cell(svg: &mut Svg, s: &Scene, cal: &Calendar, l: &Labels, day: NaiveDate, (x, y): (f32, f32)) {
    let w = cell_w();
    let holiday = cal.holiday_name(day).is_some()
        || (!cal.is_working_day(day) && day.weekday().num_days_from_monday() < 5);
    let weekend = day.weekday().num_days_from_monday() >= 5;
    let (fill, mark) = if holiday {
        (colour::ORANGE, Some("picture.cell.holiday"))
    } else if cal.is_working_day(day) && weekend {
        (colour::SHADE, Some("picture.cell.workday"))
    } else if cal.is_working_day(day) {
        (colour::SHADE, None)
    } else {
        ("#FFFFFF", None)
    };
    let opacity = if holiday { r#"fill-opacity="0.45""# } else { "" };
    svg.rect(
        x,
        y,
        w,
        CELL_H,
        fill,
        &format!(r#"{opacity} stroke="{}" stroke-width="1""#, colour::LINE),
    );
    if waiting(s, day) {
        svg.rect(x + 2.0, y + CELL_H - 12.0, w - 4.0, 10.0, colour::SKY, "");
    }
    if overdue(s, day) {
        svg.rect(x + 2.0, y + CELL_H - 12.0, w - 4.0, 10.0, colour::VERMILLION, "");
        svg.rect(
            x + 2.0,
            y + 2.0,
            w - 4.0,
            CELL_H - 4.0,
            "none",
            &format!(r#"stroke="{}" stroke-width="4""#, colour::VERMILLION),
        );
    }
    if day == s.today {
        svg.rect(
            x + 3.0,
            y + 3.0,
            w - 6.0,
            CELL_H - 6.0,
            "none",
            r##"stroke="#1A1A1A" stroke-width="6""##,
        );
    }
    let first = day.day() == 1;
    let number = if first {
        l.short_date(day)
    } else {
        day.day().to_string()
    };
    let style = Style::new(SMALL).bold();
    svg.text(x + 10.0, y + 12.0 + SMALL, &number, style);
    if let Some(mark) = mark {
        let text = l.key(mark);
        let room = w - 28.0 - svg.width(&number, style);
        if svg.width(&text, Style::new(SMALL)) <= room {
            let style = Style::new(SMALL).colour(colour::GREY).anchor("end");
            svg.text(x + w - 10.0, y + 12.0 + SMALL, &text, style);
        }
    }
}

/// The colour of an event's badge: red for the due day of a late case.
pub fn badge_colour(s: &Scene, e: &Event) -> &'static str {
    let late = matches!(s.wait.map(|w| w.progress), Some(Progress::Overdue { .. }));
    if late && e.kind == Kind::Due {
        colour::VERMILLION
    } else {
        colour::BLUE
    }
}

/// The numbered badge of an event (`index` from 1), centred at (x, y):
/// filled when its day is in the calendar above, a ring when it is not.
pub fn badge(svg: &mut Svg, index: usize, (x, y): (f32, f32), inside: bool, tint: &'static str) {
    let (fill, ink) = if inside {
        (tint, "#FFFFFF")
    } else {
        ("#FFFFFF", tint)
    };
    svg.circle(x, y, BADGE, fill, &format!(r#"stroke="{tint}" stroke-width="3""#));
    let style = Style::new(SMALL).bold().colour(ink).anchor("middle");
    svg.text(x, y + SMALL * 0.36, &index.to_string(), style);
}

/// The grid; returns the next free y. `listed` are the events in the order
/// of the list under it (a badge carries its place there).
pub fn grid(svg: &mut Svg, s: &Scene, cal: &Calendar, l: &Labels, listed: &[Event], y: f32) -> f32 {
    let (monday, weeks) = span(s);
    let w = cell_w();
    for wd in 0..7 {
        let name = l.get("picture.weekday", json!({ "wd": wd }));
        let x = MARGIN + w * wd as f32 + w / 2.0;
        svg.text(
            x,
            y + SMALL,
            &name,
            Style::new(SMALL).colour(colour::GREY).anchor("middle"),
        );
    }
    let top = y + SMALL + 12.0;
    for week in 0..weeks {
        for wd in 0..7u64 {
            let day = monday + Days::new(week * 7 + wd);
            let origin = (MARGIN + w * wd as f32, top + CELL_H * week as f32);
            cell(svg, s, cal, l, day, origin);
            let on_day: Vec<(usize, &Event)> = listed
                .iter()
                .enumerate()
                .filter(|(_, e)| e.day == day)
                .map(|(i, e)| (i + 1, e))
                .collect();
            let shown = on_day.len().min(3);
            for (k, (index, e)) in on_day.iter().take(3).enumerate() {
                let from_right = (shown - 1 - k) as f32;
                let cx = origin.0 + w - 12.0 - BADGE - (2.0 * BADGE + 4.0) * from_right;
                let at = (cx, origin.1 + CELL_H - 18.0 - BADGE);
                badge(svg, *index, at, true, badge_colour(s, e));
            }
        }
    }
    top + CELL_H * weeks as f32 + 16.0
}

/// Whether `day` is in the grid.
pub fn shown(s: &Scene, day: NaiveDate) -> bool {
    let (monday, weeks) = span(s);
    day >= monday && day < monday + Days::new(7 * weeks)
}
