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
        let mut pixmap = Pixmap::new(w, h).ok_or(RasterError::Size(w, h))?;
        pixmap.fill(Color::WHITE);
        resvg::render(&tree, Transform::identity(), &mut pixmap.as_mut());
        let png = encode(&pixmap).map_err(|e| RasterError::Png(e.to_string()))?;
        Ok((png, w, h))
    }
}

/// An opaque pixmap as an RGB PNG, compressed the fast way: about a tenth
/// of the time of tiny-skia's own RGBA encoder at its balanced level, for a
/// file about twice as large (300–400 KB: nothing to Telegram's 10 MB).
/// Written a row at a time, never the whole RGB image (7 MiB) at once.
fn encode(pixmap: &Pixmap) -> Result<Vec<u8>, png::EncodingError> {
    let width = pixmap.width() as usize;
    let mut out = Vec::with_capacity(width * pixmap.height() as usize * 3 / 8);
    let mut encoder = png::Encoder::new(&mut out, pixmap.width(), pixmap.height());
    encoder.set_color(png::ColorType::Rgb);
    encoder.set_depth(png::BitDepth::Eight);
    encoder.set_compression(png::Compression::Fast);
    encoder.set_filter(png::Filter::Adaptive);
    let mut writer = encoder.write_header()?;
    let mut stream = writer.stream_writer()?;
    let mut row = vec![0; width * 3];
    for pixels in pixmap.data().chunks_exact(width * 4) {
        // On white, every pixel is opaque: premultiplied equals straight colour.
        for (rgb, p) in row.chunks_exact_mut(3).zip(pixels.chunks_exact(4)) {
            rgb.copy_from_slice(&p[..3]);
        }
        stream.write_all(&row)?;
    }
    stream.finish()?;
    writer.finish()?;
    Ok(out)
}
