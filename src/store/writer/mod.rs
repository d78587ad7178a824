//! SQLite's writer: one connection of its own, outside the pool, that every
//! write transaction of this process uses in turn, with group commit.
//!
//! SQLite lets one transaction write at a time. Its own wait for the lock (the
//! busy timeout) sleeps and polls, so this process's writers queue on a mutex
//! instead, in order, each starting the moment the one before ends. Keeping
//! the connection outside the pool also saves the pool's check of a
//! connection on every acquire and release (a round trip to SQLite's thread
//! each). The busy timeout still covers other processes on the same file.
//!
//! Group commit: a commit waits for the disk (fsync), which costs more than
//! a turn's own work. A turn runs inside a savepoint; when it ends while other
//! writers are waiting, it releases its savepoint without committing, lets
//! the next writer in (a turn joins the open transaction with its own
//! savepoint) and queues again. When its turn in the queue comes, the
//! transaction is committed (by it, or by an earlier turn of the same
//! transaction), so one fsync makes every turn of the group durable before any
//! of them answers. A turn that fails is rolled back to its savepoint alone. A
//! lone turn commits at once, as before.
//!
//! Layout: `turn` (how a turn's statements start and end), `conn` (the
//! connection and its transaction's state), `gate` (the queue, and waiting
//! for a commit).

mod conn;
mod gate;
mod turn;

pub(crate) use conn::Writer;
pub(crate) use gate::{Gate, Guard};
pub(crate) use turn::{TurnEnd, TurnStart};

#[cfg(test)]
mod tests;
