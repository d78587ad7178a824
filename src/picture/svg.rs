//! A small SVG writer: shapes and single-line texts, measured with the
//! picture's font, written as one document. The texts come rendered from
//! the templates as plain text and are escaped here, once.

use super::font::Font;
use std::fmt::Write as _;

/// The picture's width in pixels (a phone shows it across the screen).
pub const WIDTH: f32 = 1080.0;
/// The side margins.
pub const MARGIN: f32 = 48.0;
/// The smallest text drawn (readable on a phone at full width).
pub const SMALL: f32 = 28.0;
/// Body text, section headings and the title.
pub const BODY: f32 = 30.0;
pub const HEADING: f32 = 36.0;
pub const TITLE: f32 = 44.0;

/// Okabe–Ito, a palette told apart with every common colour-vision deficiency.
pub mod colour {
    pub const ORANGE: &str = "#E69F00";
    pub const SKY: &str = "#56B4E9";
    pub const GREEN: &str = "#009E73";
    pub const BLUE: &str = "#0072B2";
    pub const VERMILLION: &str = "#D55E00";
    pub const PURPLE: &str = "#CC79A7";
    pub const INK: &str = "#1A1A1A";
    pub const GREY: &str = "#595959";
    pub const SHADE: &str = "#E3E3E3";
    pub const LINE: &str = "#B0B0B0";
}

/// How a text is placed and drawn.
#[derive(Clone, Copy, Debug)]
pub struct Style {
    pub size: f32,
    pub bold: bool,
    pub colour: &'static str,
    /// `start`, `middle` or `end` (SVG's text-anchor).
    pub anchor: &'static str,
}

impl Style {
    pub fn new(size: f32) -> Style {
        Style {
            size,
            bold: false,
            colour: colour::INK,
            anchor: "start",
        }
    }

    pub fn bold(mut self) -> Style {
        self.bold = true;
        self
    }

    pub fn colour(mut self, c: &'static str) -> Style {
        self.colour = c;
        self
    }

    pub fn anchor(mut self, a: &'static str) -> Style {
        self.anchor = a;
        self
    }
}

/// Escapes text for an SVG text node or attribute.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            c if c.is_control() => out.push(' '),
            c => out.push(c),
        }
    }
    out
}

/// An SVG document being drawn, top to bottom.
pub struct Svg<'f> {
    font: &'f Font,
    family: String,
    body: String,
    /// Every text drawn, in order (for the alt text check and the tests).
    pub texts: Vec<String>,
}

impl<'f> Svg<'f> {
    pub fn new(font: &'f Font, family: &str) -> Svg<'f> {
        Svg {
            font,
            family: family.to_owned(),
            body: String::new(),
            texts: Vec::new(),
        }
    }

    /// The width `text` takes in `style`.
    pub fn width(&self, text: &str, style: Style) -> f32 {
        self.font.width(text, style.size, style.bold)
    }

    /// `text` cut to `max` px, with an ellipsis when cut.
    pub fn fit(&self, text: &str, style: Style, max: f32) -> String {
        if self.width(text, style) <= max {
            return text.to_owned();
        }
        let mut out = String::new();
        for c in text.chars() {
            let next = format!("{out}{c}…");
            if self.width(&next, style) > max {
                break;
            }
            out.push(c);
        }
        out.push('…');
        out
    }

    /// Lines of `text` no wider than `max` (broken at spaces, or anywhere
    /// in text without spaces).
    pub fn wrap(&self, text: &str, style: Style, max: f32) -> Vec<String> {
        let mut lines = Vec::new();
        let mut line = String::new();
        for c in text.chars() {
            line.push(c);
            if self.width(&line, style) > max {
                let cut = line
                    .rfind(' ')
                    .filter(|i| *i > 0)
                    .unwrap_or(line.len() - c.len_utf8());
                let rest = line.split_off(cut);
                lines.push(line.trim_end().to_owned());
                line = rest.trim_start().to_owned();
            }
        }
        if !line.is_empty() {
            lines.push(line);
        }
        lines
    }

    /// A text with its baseline at `y`.
    pub fn text(&mut self, x: f32, y: f32, text: &str, style: Style) {
        let weight = if style.bold { 700 } else { 400 };
        let _ = writeln!(
            self.body,
            r#"<text x="{x:.1}" y="{y:.1}" font-size="{}" font-weight="{weight}" fill="{}" text-anchor="{}">{}</text>"#,
            style.size,
            style.colour,
            style.anchor,
            escape(text)
        );
        self.texts.push(text.to_owned());
    }

    pub fn rect(&mut self, x: f32, y: f32, w: f32, h: f32, fill: &str, extra: &str) {
        let _ = writeln!(
            self.body,
            r#"<rect x="{x:.1}" y="{y:.1}" width="{:.1}" height="{:.1}" fill="{fill}" {extra}/>"#,
            w.max(0.0),
            h.max(0.0)
        );
    }

    /// A line; one along an axis is written as the rectangle its stroke
    /// covers (the same shape), which has a box to be drawn band by band
    /// (`raster::draw_band`; a stroked line along an axis has none).
    pub fn line(&mut self, (x1, y1): (f32, f32), (x2, y2): (f32, f32), stroke: &str, width: f32) {
        let half = width / 2.0;
        if y1 == y2 {
            let (x, w) = (x1.min(x2), (x2 - x1).abs());
            return self.rect(x, y1 - half, w, width, stroke, "");
        }
        if x1 == x2 {
            let (y, h) = (y1.min(y2), (y2 - y1).abs());
            return self.rect(x1 - half, y, width, h, stroke, "");
        }
        let _ = writeln!(
            self.body,
            r#"<line x1="{x1:.1}" y1="{y1:.1}" x2="{x2:.1}" y2="{y2:.1}" stroke="{stroke}" stroke-width="{width}"/>"#
        );
    }

    pub fn circle(&mut self, x: f32, y: f32, r: f32, fill: &str, extra: &str) {
        let _ = writeln!(
            self.body,
            r#"<circle cx="{x:.1}" cy="{y:.1}" r="{r:.1}" fill="{fill}" {extra}/>"#
        );
    }

    /// The finished document, `height` px tall.
    pub fn finish(self, height: f32) -> String {
        let h = height.ceil();
        format!(
            r##"<svg xmlns="http://www.w3.org/2000/svg" width="{WIDTH}" height="{h}" viewBox="0 0 {WIDTH} {h}" font-family="{}">
<rect width="100%" height="100%" fill="#FFFFFF"/>
{}</svg>
"##,
            escape(&self.family),
            self.body
        )
    }
}
