//! What kind of file a piece of evidence is: the pictures and PDF files the
//! bot keeps, told from the first bytes (their magic numbers, read by the
//! `infer` crate) and not from what the sender declared. A web page served
//! under a picture's name is not a picture.

/// A kind of file the bot keeps as evidence.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FileType {
    Jpeg,
    Png,
    Gif,
    Webp,
    Heif,
    Pdf,
}

/// How many first bytes are enough to tell the kind of a file.
pub const HEAD: usize = 8192;

impl FileType {
    pub const ALL: [FileType; 6] = [
        FileType::Jpeg,
        FileType::Png,
        FileType::Gif,
        FileType::Webp,
        FileType::Heif,
        FileType::Pdf,
    ];

    pub fn mime(self) -> &'static str {
        match self {
            FileType::Jpeg => "image/jpeg",
            FileType::Png => "image/png",
            FileType::Gif => "image/gif",
            FileType::Webp => "image/webp",
            FileType::Heif => "image/heif",
            FileType::Pdf => "application/pdf",
        }
    }

    /// The kind a MIME type names (`image/jpg` and the like included).
    pub fn from_mime(mime: &str) -> Option<FileType> {
        let mime = mime
            .split(';')
            .next()
            .unwrap_or_default()
            .trim()
            .to_ascii_lowercase();
        let found = match mime.as_str() {
            "image/jpg" | "image/pjpeg" => FileType::Jpeg,
            "image/heic" | "image/heic-sequence" | "image/heif-sequence" => FileType::Heif,
            "application/x-pdf" => FileType::Pdf,
            m => return FileType::ALL.into_iter().find(|t| t.mime() == m),
        };
        Some(found)
    }

    /// The kind a file name's extension names.
    pub fn from_name(name: &str) -> Option<FileType> {
        let (_, ext) = name.rsplit_once('.')?;
        let found = match ext.to_ascii_lowercase().as_str() {
            "jpg" | "jpeg" | "jpe" => FileType::Jpeg,
            "png" => FileType::Png,
            "gif" => FileType::Gif,
            "webp" => FileType::Webp,
            "heic" | "heif" => FileType::Heif,
            "pdf" => FileType::Pdf,
            _ => return None,
        };
        Some(found)
    }

    /// The kind the first bytes of a file show, when it is one the bot keeps.
    pub fn of_bytes(head: &[u8]) -> Option<FileType> {
        infer::get(head).and_then(|t| FileType::from_mime(t.mime_type()))
    }
}

/// What a sender declared a file to be.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Declared {
    /// A kind the bot keeps.
    Kept(FileType),
    /// A type the bot does not keep (`text/html`, `.zip`): its MIME type or name.
    Other(String),
    /// Nothing telling (no type, `application/octet-stream`, no extension).
    Unknown,
}

/// What the sender's MIME type, or else the file name, says the file is.
pub fn declared(mime: Option<&str>, name: Option<&str>) -> Declared {
    let generic = |m: &&str| {
        let m = m.trim().to_ascii_lowercase();
        !m.is_empty() && m != "application/octet-stream" && m != "binary/octet-stream"
    };
    if let Some(m) = mime.filter(generic) {
        return match FileType::from_mime(m) {
            Some(t) => Declared::Kept(t),
            None => Declared::Other(m.trim().to_owned()),
        };
    }
    match name {
        Some(n) => match FileType::from_name(n) {
            Some(t) => Declared::Kept(t),
            None if n.contains('.') => Declared::Other(n.rsplit('.').next().unwrap_or_default().to_owned()),
            None => Declared::Unknown,
        },
        None => Declared::Unknown,
    }
}

/// What the first bytes of a file the bot does not keep look like, for the
/// answer: `html` (a web page, as a failed download or a link's page),
/// `empty`, `text`, or `other`.
pub fn seen(head: &[u8]) -> &'static str {
    if head.is_empty() {
        return "empty";
    }
    if infer::text::is_html(head) || infer::text::is_xml(head) {
        return "html";
    }
    let text = std::str::from_utf8(head)
        .map(|s| !s.chars().any(|c| c.is_control() && !c.is_whitespace()))
        .unwrap_or(false);
    if text { "text" } else { "other" }
}

#[cfg(test)]
mod tests {
    use super::*;

    const PNG: &[u8] = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR";
    const JPEG: &[u8] = b"\xff\xd8\xff\xe0\0\x10JFIF\0";
    const PDF: &[u8] = b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n";
    const PAGE: &[u8] = b"<!DOCTYPE html>\n<html><head><title>404</title></head></html>";

    #[test]
    fn the_bytes_tell_pictures_and_pdfs_apart_from_a_web_page() {
        assert_eq!(FileType::of_bytes(PNG), Some(FileType::Png));
        assert_eq!(FileType::of_bytes(JPEG), Some(FileType::Jpeg));
        assert_eq!(FileType::of_bytes(PDF), Some(FileType::Pdf));
        assert_eq!(FileType::of_bytes(b"GIF89a\x01\0\x01\0"), Some(FileType::Gif));
        assert_eq!(
            FileType::of_bytes(b"RIFF\x24\0\0\0WEBPVP8 "),
            Some(FileType::Webp)
        );
        assert_eq!(FileType::of_bytes(PAGE), None);
        assert_eq!(FileType::of_bytes(b"PK\x03\x04 a zip"), None);
        assert_eq!(FileType::of_bytes(b""), None);
        assert_eq!(seen(PAGE), "html");
        assert_eq!(seen(b"  <html><body>hi</body></html>"), "html");
        assert_eq!(seen(b"just some notes"), "text");
        assert_eq!(seen(b"PK\x03\x04\0\x01"), "other");
        assert_eq!(seen(b""), "empty");
    }

    #[test]
    fn the_declared_type_comes_from_the_mime_type_or_else_the_name() {
        assert_eq!(
            declared(Some("image/png"), Some("a.pdf")),
            Declared::Kept(FileType::Png)
        );
        assert_eq!(declared(Some("image/jpg"), None), Declared::Kept(FileType::Jpeg));
        assert_eq!(
            declared(Some("application/octet-stream"), Some("Scan.PDF")),
            Declared::Kept(FileType::Pdf)
        );
        assert_eq!(
            declared(Some("text/html"), Some("a.png")),
            Declared::Other("text/html".into())
        );
        assert_eq!(declared(None, Some("notes.zip")), Declared::Other("zip".into()));
        assert_eq!(declared(None, Some("README")), Declared::Unknown);
        assert_eq!(declared(None, None), Declared::Unknown);
    }
}
