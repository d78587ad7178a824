//! The top of the picture: the case's title, the money bar from what was
//! paid to the refund with every part labelled, and where the money is now.

use super::labels::Labels;
use super::money::{Money, Part};
use super::scene::Scene;
use super::svg::{BODY, HEADING, MARGIN, SMALL, Style, Svg, TITLE, WIDTH, colour};
use crate::case::Stage;
use rust_decimal::Decimal;
use rust_decimal::prelude::ToPrimitive;
use serde_json::json;

/// A row of the money's key.
const ROW: f32 = 48.0;
const BAR: f32 = 64.0;

fn inner() -> f32 {
    WIDTH - 2.0 * MARGIN
}

fn part_colour(p: Part) -> &'static str {
    match p {
        Part::Consumed => colour::ORANGE,
        Part::Deduction => colour::PURPLE,
        Part::Kept => colour::GREY,
        Part::RefundCash => colour::GREEN,
        Part::RefundGift => colour::SKY,
    }
}

/// The title and the line under it; returns the next free y.
pub fn header(svg: &mut Svg, s: &Scene, l: &Labels, y: f32) -> f32 {
    let title = l.get(
        "picture.title",
        json!({ "n": s.n, "provider": s.provider, "instance": s.instance }),
    );
    let style = Style::new(TITLE).bold();
    let title = svg.fit(&title, style, inner());
    svg.text(MARGIN, y + TITLE, &title, style);
    let sub = l.get(
        "picture.subtitle",
        json!({ "billing": s.billing, "today": s.today }),
    );
    svg.text(
        MARGIN,
        y + TITLE + 16.0 + BODY,
        &sub,
        Style::new(BODY).colour(colour::GREY),
    );
    y + TITLE + 16.0 + BODY + 24.0
}

/// A section heading; returns the next free y.
pub fn heading(svg: &mut Svg, text: &str, y: f32) -> f32 {
    svg.line((MARGIN, y), (WIDTH - MARGIN, y), colour::LINE, 2.0);
    svg.text(MARGIN, y + 16.0 + HEADING, text, Style::new(HEADING).bold());
    y + 16.0 + HEADING + 20.0
}

/// Wrapped text in `style`; returns the next free y.
pub fn paragraph(svg: &mut Svg, text: &str, style: Style, y: f32) -> f32 {
    let mut y = y;
    for line in svg.wrap(text, style, inner()) {
        y += style.size + 10.0;
        svg.text(MARGIN, y, &line, style);
    }
    y + 12.0
}

/// One row of the key: a swatch, the label, the amount at the right.
fn key_row(svg: &mut Svg, fill: Option<&str>, label: &str, amount: &str, bold: bool, y: f32) -> f32 {
    let style = if bold {
        Style::new(HEADING).bold()
    } else {
        Style::new(BODY)
    };
    if let Some(fill) = fill {
        svg.rect(MARGIN, y + ROW / 2.0 - 16.0, 32.0, 32.0, fill, "");
    }
    let right = style.anchor("end");
    svg.text(WIDTH - MARGIN, y + ROW / 2.0 + style.size * 0.36, amount, right);
    let room = inner() - 48.0 - svg.width(amount, style) - 24.0;
    let label = svg.fit(label, style, room);
    svg.text(MARGIN + 48.0, y + ROW / 2.0 + style.size * 0.36, &label, style);
    y + if bold { ROW + 8.0 } else { ROW }
}

fn money_text(l: &Labels, amount: Decimal) -> String {
    l.get("picture.amount", json!({ "amount": amount.to_string() }))
}

/// The bar from paid to refund, its key and the vouchers; returns the next y.
fn bar(svg: &mut Svg, m: &Money, l: &Labels, y: f32) -> f32 {
    let paid = l.get("picture.paid", json!({ "amount": m.paid.to_string() }));
    svg.text(MARGIN, y + BODY, &paid, Style::new(BODY));
    let top = y + BODY + 16.0;
    let drawn: Decimal = m.segments.iter().map(|s| s.amount).sum();
    let scale = drawn.max(m.paid).to_f32().unwrap_or(0.0);
    svg.rect(
        MARGIN,
        top,
        inner(),
        BAR,
        "#FFFFFF",
        &format!(r#"stroke="{}" stroke-width="2""#, colour::LINE),
    );
    let mut x = MARGIN;
    for s in &m.segments {
        let share = if scale > 0.0 {
            s.amount.to_f32().unwrap_or(0.0) / scale
        } else {
            0.0
        };
        let w = (share * inner()).max(6.0);
        svg.rect(
            x,
            top,
            w,
            BAR,
            part_colour(s.part),
            r##"stroke="#FFFFFF" stroke-width="3""##,
        );
        x += w;
    }
    let mut y = top + BAR + 16.0;
    let refund_parts = m
        .segments
        .iter()
        .filter(|s| matches!(s.part, Part::RefundCash | Part::RefundGift))
        .count();
    for s in &m.segments {
        let whole_refund = refund_parts == 1 && s.part == Part::RefundCash;
        if whole_refund {
            continue;
        }
        let label = l.get(&s.label, json!({ "before_fee": m.before_fee }));
        y = key_row(
            svg,
            Some(part_colour(s.part)),
            &label,
            &money_text(l, s.amount),
            false,
            y,
        );
    }
    match m.refund {
        Some(refund) => {
            let label = l.get("picture.seg.refund", json!({ "before_fee": m.before_fee }));
            let swatch = (refund_parts == 1).then_some(colour::GREEN);
            y = key_row(svg, swatch, &label, &money_text(l, refund), true, y);
        }
        None => y = paragraph(svg, &l.key("picture.no_figure"), Style::new(BODY).bold(), y),
    }
    let note = Style::new(SMALL).colour(colour::GREY);
    if let Some(v) = m.voucher_returned {
        y = paragraph(
            svg,
            &l.get("picture.voucher_returned", json!({ "amount": v.to_string() })),
            note,
            y,
        );
    } else if m.voucher > Decimal::ZERO {
        let text = l.get("picture.voucher", json!({ "amount": m.voucher.to_string() }));
        y = paragraph(svg, &text, note, y);
    }
    if let Some(r) = m.received {
        let text = l.get("picture.received", json!({ "amount": r.to_string() }));
        y = paragraph(svg, &text, Style::new(BODY).bold().colour(colour::VERMILLION), y);
    }
    y
}

/// The money section; returns the next free y.
pub fn money(svg: &mut Svg, s: &Scene, l: &Labels, y: f32) -> f32 {
    let y = heading(svg, &l.key("picture.money"), y);
    match &s.money {
        Some(m) => bar(svg, m, l, y) + 8.0,
        None => paragraph(svg, &l.key("picture.no_quote"), Style::new(BODY), y),
    }
}

/// Which of the four places holds the money at a stage.
fn place(stage: Stage) -> usize {
    match stage {
        Stage::InBalance => 1,
        Stage::WithdrawalRequested => 2,
        Stage::Arrived => 3,
        _ => 0,
    }
}

/// Where the money is: four places, the current one marked, and a sentence.
pub fn where_now(svg: &mut Svg, s: &Scene, l: &Labels, y: f32) -> f32 {
    let y = heading(svg, &l.key("picture.where"), y);
    let places = ["provider", "balance", "withdrawal", "account"];
    let at = place(s.stage);
    let step = (inner() - 2.0 * 90.0) / 3.0;
    let cy = y + 36.0;
    let now = if s.stage.disputed() {
        colour::VERMILLION
    } else {
        colour::BLUE
    };
    svg.line(
        (MARGIN + 90.0, cy),
        (WIDTH - MARGIN - 90.0, cy),
        colour::LINE,
        6.0,
    );
    for (i, name) in places.iter().enumerate() {
        let x = MARGIN + 90.0 + step * i as f32;
        let label = l.key(&format!("picture.place.{name}"));
        let mut style = Style::new(SMALL).anchor("middle");
        if i == at {
            svg.circle(x, cy, 26.0, now, r##"stroke="#1A1A1A" stroke-width="4""##);
            style = style.bold();
        } else if i < at {
            svg.circle(x, cy, 18.0, colour::BLUE, "");
        } else {
            svg.circle(
                x,
                cy,
                18.0,
                "#FFFFFF",
                &format!(r#"stroke="{}" stroke-width="4""#, colour::LINE),
            );
        }
        let label = svg.fit(&label, style, step - 8.0);
        svg.text(x, cy + 40.0 + SMALL, &label, style);
    }
    let sentence = l.get(
        &format!("picture.where.{}", s.stage.as_str()),
        json!({ "provider": s.provider }),
    );
    paragraph(
        svg,
        &sentence,
        Style::new(BODY).bold().colour(now),
        cy + 40.0 + SMALL + 8.0,
    )
}
