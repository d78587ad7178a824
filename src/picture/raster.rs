//! SVG to PNG with resvg (its `usvg` parser and `tiny-skia` renderer), on
//! the picture's own font database: nothing is read from the system.

use super::font::Font;
use resvg::tiny_skia::{Color, Pixmap, Transform};
use resvg::usvg::{self, fontdb};
use std::io::Write;
use std::sync::Arc;

/// Why a picture could not be made.
#[derive(Debug, thiserror::Error)]
pub enum RasterError {
    #[error("the picture's SVG does not parse: {0}")]
    Svg(#[from] usvg::Error),
    #[error("the picture is {0}×{1} px, which cannot be drawn")]
    Size(u32, u32),
    #[error("the picture cannot be written as PNG: {0}")]
    Png(String),
    #[error("the picture's font has no glyph for {0:?}")]
    Missing(String),
}

/// The faces the SVG names, loaded once.
pub struct Raster {
    db: Arc<fontdb::Database>,
    /// The font's family name, as the SVG must name it.
    pub family: String,
}

impl Raster {
    pub fn new(font: &Font) -> Raster {
        let mut db = fontdb::Database::new();
        for face in font.faces() {
            db.load_font_source(fontdb::Source::Binary(face));
        }
        let family = db
            .faces()
            .find_map(|f| f.families.first().map(|(name, _)| name.clone()))
            .unwrap_or_default();
        Raster {
            db: Arc::new(db),
            family,
        }
    }

    /// The PNG of `svg`, and its width and height.
    pub fn png(&self, svg: &str) -> Result<(Vec<u8>, u32, u32), RasterError> {
        let options = usvg::Options {
            fontdb: self.db.clone(),
            font_family: self.family.clone(),
            ..usvg::Options::default()
        };
        let tree = usvg::Tree::from_str(svg, &options)?;
        let size = tree.size().to_int_size();
        let (w, h) = (size.width(), size.height());
        // The whole picture's pixels would be refused by tiny-skia past this.
        if u64::from(w) * u64::from(h) * 4 > i32::MAX as u64 {
            return Err(RasterError::Size(w, h));
        }
        let mut band = Pixmap::new(w, h.min(BAND + 2 * OVERLAP)).ok_or(RasterError::Size(w, h))?;
        let png = encode(&tree, w, h, &mut band).map_err(|e| RasterError::Png(e.to_string()))?;
        Ok((png, w, h))
    }
}

#[cfg(test)]
impl Raster {
    /// The picture drawn in one piece, as the bands must add up to.
    pub(super) fn whole(&self, svg: &str) -> Pixmap {
        let options = usvg::Options {
            fontdb: self.db.clone(),
            font_family: self.family.clone(),
            ..usvg::Options::default()
        };
        let tree = usvg::Tree::from_str(svg, &options).expect("an SVG");
        let size = tree.size().to_int_size();
        let mut pixmap = Pixmap::new(size.width(), size.height()).expect("a size");
        pixmap.fill(Color::WHITE);
        resvg::render(&tree, Transform::identity(), &mut pixmap.as_mut());
        pixmap
    }
}

/// Rows written at a time: the picture is drawn and written in bands this
/// high, each band the shapes that reach into it, so only one band's pixels
/// (1080 × 320 × 4 bytes, about 1.3 MiB) are held, not the whole picture's
/// (about 9 MiB). Since only those shapes are drawn, a band more costs
/// little; 512 rows held 1.1 MiB more.
const BAND: u32 = 256;
/// Rows drawn above and below a band and not written: a shape cut at the
/// band's edge is anti-aliased a little differently for a few rows near
/// the cut (up to 11 rows away, differing by up to 57 levels, without
/// them); with them every pixel is as drawn whole (tests.rs).
const OVERLAP: u32 = 32;

/// The tree's top-level shapes that reach into the band starting at row
/// `from`, drawn shifted up by `from` (each drawn as `resvg::render` would:
/// the picture's SVG is flat, every shape a child of the root). A shape
/// wholly above or below the band is skipped: drawing the whole tree for
/// every band made each picture cost its bands' count in full drawings.
fn draw_band(tree: &usvg::Tree, from: f32, band: &mut Pixmap) {
    let to = from + band.height() as f32;
    let children = tree.root().children();
    let boxes: Option<Vec<_>> = children.iter().map(|n| n.abs_layer_bounding_box()).collect();
    // A shape without a box (a stroke along an axis, which `Svg::line`
    // does not write) cannot be drawn alone: the whole tree, then.
    let Some(boxes) = boxes else {
        resvg::render(tree, Transform::from_translate(0.0, -from), &mut band.as_mut());
        return;
    };
    for (node, b) in children.iter().zip(boxes) {
        // Its stroke and two rows of anti-aliasing count as reaching in.
        let reach = node.abs_stroke_bounding_box();
        if reach.bottom() + 2.0 < from || reach.top() - 2.0 > to {
            continue;
        }
        // `render_node` draws the node at its box's corner: put it back.
        let at = Transform::from_translate(b.x(), b.y() - from);
        resvg::render_node(node, at, &mut band.as_mut());
    }
}

/// The tree drawn band by band into `band` and written as an RGB PNG,
/// compressed the fast way: about a tenth of the time of tiny-skia's own
/// RGBA encoder at its balanced level, for a file about twice as large
/// (300–400 KB: nothing to Telegram's 10 MB). Never the whole RGB image
/// (7 MiB) at once either: a row at a time.
fn encode(tree: &usvg::Tree, w: u32, h: u32, band: &mut Pixmap) -> Result<Vec<u8>, png::EncodingError> {
    let width = w as usize;
    let mut out = Vec::with_capacity(width * h as usize * 3 / 8);
    let mut encoder = png::Encoder::new(&mut out, w, h);
    encoder.set_color(png::ColorType::Rgb);
    encoder.set_depth(png::BitDepth::Eight);
    encoder.set_compression(png::Compression::Fast);
    encoder.set_filter(png::Filter::Sub);
    let mut writer = encoder.write_header()?;
    let mut stream = writer.stream_writer()?;
    let mut row = vec![0; width * 3];
    let mut top = 0;
    while top < h {
        // The band's first row written is `top`; `above` rows are drawn over it.
        let above = top.min(OVERLAP);
        band.fill(Color::WHITE);
        draw_band(tree, (top - above) as f32, band);
        let rows = BAND.min(h - top);
        let drawn = band.data().chunks_exact(width * 4).skip(above as usize);
        for pixels in drawn.take(rows as usize) {
            // On white, every pixel is opaque: premultiplied equals straight colour.
            for (rgb, p) in row.chunks_exact_mut(3).zip(pixels.chunks_exact(4)) {
                rgb.copy_from_slice(&p[..3]);
            }
            stream.write_all(&row)?;
        }
        top += rows;
    }
    stream.finish()?;
    writer.finish()?;
    Ok(out)
}
