//! The store's one error type. Database URLs appear only with the password
//! masked (see [`redact`]).

/// Everything the store can fail with.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("database URL `{0}` is not supported: expected sqlite:..., postgres://... or postgresql://...")]
    UnsupportedUrl(String),
    #[error("cannot open the database at {url}: {source}")]
    Connect { url: String, source: sqlx::Error },
    #[error("cannot bring the database schema up to date: {0}")]
    Migrate(#[from] sqlx::migrate::MigrateError),
    #[error("database: {0}")]
    Database(#[from] sqlx::Error),
    #[error("the database connection failed before this change was committed; none of it was kept")]
    Lost,
    #[error("case {0} does not exist for this user")]
    NoSuchCase(i64),
    #[error("stored {what} is not valid: {detail}")]
    Corrupt { what: &'static str, detail: String },
}

impl StoreError {
    pub(crate) fn corrupt(what: &'static str, detail: impl ToString) -> Self {
        StoreError::Corrupt {
            what,
            detail: detail.to_string(),
        }
    }
}

/// `url` with any password masked as `***`, both in the user-info part
/// (`postgres://user:secret@host`) and in a `password=` query parameter.
pub fn redact(url: &str) -> String {
    let Some((scheme, rest)) = url.split_once("://") else {
        return redact_query(url);
    };
    // Everything before the last `@` is user info, even when a badly encoded
    // password holds `/`, `?` or `@`: masking too much is the safe side.
    let (userinfo, tail) = match rest.rfind('@') {
        Some(at) => (Some(&rest[..at]), &rest[at + 1..]),
        None => (None, rest),
    };
    let mut out = format!("{scheme}://");
    if let Some(userinfo) = userinfo {
        match userinfo.split_once(':') {
            Some((user, _password)) => {
                out.push_str(user);
                out.push_str(":***");
            }
            None => out.push_str(userinfo),
        }
        out.push('@');
    }
    out.push_str(&redact_query(tail));
    out
}

fn redact_query(s: &str) -> String {
    let Some((head, query)) = s.split_once('?') else {
        return s.to_string();
    };
    let pairs: Vec<String> = query
        .split('&')
        .map(|pair| match pair.split_once('=') {
            Some((key, _)) if key.eq_ignore_ascii_case("password") => format!("{key}=***"),
            _ => pair.to_string(),
        })
        .collect();
    format!("{head}?{}", pairs.join("&"))
}

#[cfg(test)]
mod tests {
    use super::redact;

    #[test]
    fn a_password_in_the_user_info_is_masked() {
        assert_eq!(
            redact("postgres://bot:s3cr:et@db.example:5432/ra"),
            "postgres://bot:***@db.example:5432/ra"
        );
    }

    #[test]
    fn a_password_parameter_is_masked() {
        assert_eq!(
            redact("postgresql://bot@db/ra?sslmode=require&password=hunter2"),
            "postgresql://bot@db/ra?sslmode=require&password=***"
        );
    }

    #[test]
    fn a_badly_encoded_password_is_masked_whole() {
        assert_eq!(redact("postgres://bot:pa/s?s@db/ra"), "postgres://bot:***@db/ra");
    }

    #[test]
    fn urls_without_secrets_are_unchanged() {
        for url in [
            "postgres://postgres@127.0.0.1:5432/test",
            "sqlite:///tmp/ra.db?mode=rwc",
            "sqlite::memory:",
        ] {
            assert_eq!(redact(url), url);
        }
    }
}
