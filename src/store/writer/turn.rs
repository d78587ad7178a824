//! How a turn's statements start and end on the writer: what the statement
//! texts of a turn are built with (see `sql` and `sqlite_turn`).

/// How a turn's first statement starts.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(crate) enum TurnStart {
    /// `BEGIN IMMEDIATE` and the turn's savepoint.
    Begin,
    /// The turn's savepoint, in the transaction already open.
    Join,
}

/// How a turn's last statement ends.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(crate) enum TurnEnd {
    /// Its savepoint released and the transaction committed.
    Commit,
    /// Its savepoint released; a later writer commits.
    Release,
}

impl TurnEnd {
    pub(crate) fn sql(self) -> &'static str {
        match self {
            TurnEnd::Commit => "RELEASE turn;\nCOMMIT",
            TurnEnd::Release => "RELEASE turn",
        }
    }
}
