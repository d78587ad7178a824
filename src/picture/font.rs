//! The picture's font: the subset of Noto Sans CJK SC shipped in `fonts/`
//! (compiled in), or another font file named at start. It measures the
//! labels for the layout and says whether it has every character of a text,
//! so a picture never prints boxes.

use skrifa::instance::{LocationRef, Size};
use skrifa::{FontRef, MetadataProvider};
use std::path::Path;

const REGULAR: &[u8] = include_bytes!("../../fonts/NotoSansSC-Picture-Regular.otf");
const BOLD: &[u8] = include_bytes!("../../fonts/NotoSansSC-Picture-Bold.otf");

/// Why a font file cannot be used.
#[derive(Debug, thiserror::Error)]
pub enum FontError {
    #[error("cannot read the picture font {path}: {source}")]
    Read {
        path: String,
        #[source]
        source: std::io::Error,
    },
    #[error("{path} is not a font the picture can use: {reason}")]
    Invalid { path: String, reason: String },
    #[error("the picture font {path} has no glyph for {missing:?}")]
    Missing { path: String, missing: String },
}

/// One face: its bytes and the advance of every character it maps.
#[derive(Clone)]
struct Face {
    data: std::sync::Arc<Vec<u8>>,
    /// Advance widths at 1 px, by character (what the layout measures with).
    advances: std::collections::HashMap<char, f32>,
}

impl Face {
    fn read(data: Vec<u8>, path: &str) -> Result<Face, FontError> {
        let invalid = |reason: String| FontError::Invalid {
            path: path.to_owned(),
            reason,
        };
        let font = FontRef::new(&data).map_err(|e| invalid(e.to_string()))?;
        let metrics = font.glyph_metrics(Size::new(1.0), LocationRef::default());
        let advances = font
            .charmap()
            .mappings()
            .filter_map(|(code, glyph)| Some((char::from_u32(code)?, metrics.advance_width(glyph)?)))
            .collect::<std::collections::HashMap<_, _>>();
        if advances.is_empty() {
            return Err(invalid("it maps no characters".to_owned()));
        }
        Ok(Face {
            data: std::sync::Arc::new(data),
            advances,
        })
    }
}

/// The regular and bold faces the picture draws with.
#[derive(Clone)]
pub struct Font {
    regular: Face,
    bold: Face,
    /// Where it came from, for messages.
    pub origin: String,
}

impl Font {
    /// The font shipped with the program.
    pub fn shipped() -> Font {
        let face = |bytes: &[u8], name: &str| {
            Face::read(bytes.to_vec(), name).unwrap_or_else(|e| panic!("the shipped font is broken: {e}"))
        };
        Font {
            regular: face(REGULAR, "NotoSansSC-Picture-Regular.otf"),
            bold: face(BOLD, "NotoSansSC-Picture-Bold.otf"),
            origin: "fonts/NotoSansSC-Picture-*.otf".to_owned(),
        }
    }

    /// A font file (OpenType or TrueType; one face, used for bold too).
    pub fn from_file(path: &Path) -> Result<Font, FontError> {
        let shown = path.display().to_string();
        let data = std::fs::read(path).map_err(|source| FontError::Read {
            path: shown.clone(),
            source,
        })?;
        let face = Face::read(data, &shown)?;
        Ok(Font {
            regular: face.clone(),
            bold: face,
            origin: shown,
        })
    }

    /// The font for the picture: `path` when given, else the shipped one.
    /// A font that lacks a character of `needed` is refused, so the picture
    /// never shows boxes.
    pub fn load(path: Option<&Path>, needed: &str) -> Result<Font, FontError> {
        let font = match path {
            Some(p) => Font::from_file(p)?,
            None => Font::shipped(),
        };
        let missing = font.missing(needed);
        if !missing.is_empty() {
            return Err(FontError::Missing {
                path: font.origin.clone(),
                missing,
            });
        }
        Ok(font)
    }

    fn face(&self, bold: bool) -> &Face {
        if bold { &self.bold } else { &self.regular }
    }

    /// The width of `text` at `size` px (advances only; no kerning).
    pub fn width(&self, text: &str, size: f32, bold: bool) -> f32 {
        let face = self.face(bold);
        let em: f32 = text
            .chars()
            .map(|c| face.advances.get(&c).copied().unwrap_or(1.0))
            .sum();
        em * size
    }

    /// The characters of `text` (beyond line breaks) that a face lacks, each once.
    pub fn missing(&self, text: &str) -> String {
        let mut out = String::new();
        for c in text.chars().filter(|c| !c.is_control()) {
            let lacking = [&self.regular, &self.bold]
                .iter()
                .any(|f| !f.advances.contains_key(&c));
            if lacking && !out.contains(c) {
                out.push(c);
            }
        }
        out
    }

    /// The faces' bytes, for the rasteriser's font database.
    pub fn faces(&self) -> [std::sync::Arc<Vec<u8>>; 2] {
        [self.regular.data.clone(), self.bold.data.clone()]
    }
}
