//! SVG to PNG with resvg (its `usvg` parser and `tiny-skia` renderer), on
//! the picture's own font database: nothing is read from the system.

use super::font::Font;
use resvg::tiny_skia::{Pixmap, Transform};
use resvg::usvg::{self, fontdb};
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
        resvg::render(&tree, Transform::identity(), &mut pixmap.as_mut());
        let png = pixmap.encode_png().map_err(|e| RasterError::Png(e.to_string()))?;
        Ok((png, w, h))
    }
}
