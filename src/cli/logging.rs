//! The log, on stderr: `RUST_LOG` filters it (warnings by default),
//! `LOG_FORMAT=json` makes it one JSON object a line. Every line, whoever
//! wrote it (this program, teloxide, reqwest), goes through one place that
//! takes the bot token out: an error page that echoes the request path
//! (`/bot<token>/GetMe`) cannot put it in the log.

use std::io::Write;
use tracing_subscriber::fmt::MakeWriter;

/// What stands in for a secret in the log.
const HIDDEN: &str = "<redacted>";

/// The secrets of this process (the bot token, as typed and as it looks
/// percent-encoded in a URL), replaced wherever they appear.
#[derive(Clone, Debug, Default)]
pub struct Redactor {
    secrets: Vec<String>,
}

impl Redactor {
    /// The secrets from the environment: `TELOXIDE_TOKEN`.
    pub fn from_env() -> Redactor {
        let token = std::env::var("TELOXIDE_TOKEN").unwrap_or_default();
        Redactor::new(token.trim())
    }

    pub fn new(secret: &str) -> Redactor {
        let mut secrets = Vec::new();
        // A secret of a few characters would blank out ordinary words.
        if secret.len() >= 8 {
            secrets.push(secret.to_owned());
            let encoded = secret.replace(':', "%3A");
            if encoded != secret {
                secrets.push(encoded.clone());
                secrets.push(encoded.replace("%3A", "%3a"));
            }
            // The secret half of `<bot id>:<secret>`, should it show alone.
            if let Some((_, tail)) = secret.split_once(':').filter(|(_, t)| t.len() >= 8) {
                secrets.push(tail.to_owned());
            }
        }
        Redactor { secrets }
    }

    /// `text` with every secret replaced.
    pub fn apply(&self, text: &str) -> String {
        let mut out = text.to_owned();
        for s in &self.secrets {
            if out.contains(s.as_str()) {
                out = out.replace(s.as_str(), HIDDEN);
            }
        }
        out
    }
}

/// Makes one [`Line`] per log event.
#[derive(Clone)]
struct Redacting(Redactor);

impl<'a> MakeWriter<'a> for Redacting {
    type Writer = Line;

    fn make_writer(&'a self) -> Line {
        Line {
            redactor: self.0.clone(),
            buf: Vec::new(),
        }
    }
}

/// One event's text, held until the event is written whole, then written
/// to stderr with the secrets replaced (a secret cannot be split between
/// two writes).
struct Line {
    redactor: Redactor,
    buf: Vec<u8>,
}

impl Write for Line {
    fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
        self.buf.extend_from_slice(bytes);
        Ok(bytes.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

impl Drop for Line {
    fn drop(&mut self) {
        let text = self.redactor.apply(&String::from_utf8_lossy(&self.buf));
        let _ = std::io::stderr().lock().write_all(text.as_bytes());
    }
}

/// Installs the log (see the module's doc).
pub fn init(redactor: &Redactor) {
    let filter = tracing_subscriber::EnvFilter::try_from_default_env()
        .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("warn"));
    let json = std::env::var("LOG_FORMAT").is_ok_and(|f| f.eq_ignore_ascii_case("json"));
    let builder = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(Redacting(redactor.clone()));
    let _ = if json {
        builder.json().try_init()
    } else {
        builder.try_init()
    };
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_token_is_replaced_as_typed_and_as_encoded() {
        let r = Redactor::new("123456:ABC-def_ghi");
        let line = "GET /bot123456:ABC-def_ghi/GetMe and /bot123456%3AABC-def_ghi/x, ABC-def_ghi";
        let out = r.apply(line);
        assert!(!out.contains("ABC-def_ghi"), "{out}");
        assert_eq!(out.matches(HIDDEN).count(), 3, "{out}");
    }
}
