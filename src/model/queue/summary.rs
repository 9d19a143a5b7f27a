//! Where the queue's messages are: totals for a chart ([`Counts`]) and a per-message history
//! ([`Summary`]) that accounts for every message sent, so a run can stop without losing one.

/// Messages in each place at one instant. Every message sent is in exactly one of them.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Counts {
    /// Can be received now.
    pub visible: usize,
    /// Sent with a delay that has not ended.
    pub delayed: usize,
    /// Received and not deleted; hidden until their visibility timeout ends.
    pub in_flight: usize,
    /// Moved to the dead-letter queue.
    pub dead_lettered: usize,
    /// Processed and deleted.
    pub deleted: usize,
    /// FIFO duplicates accepted but never stored.
    pub deduplicated: usize,
}

impl Counts {
    /// All messages ever sent.
    pub fn total(&self) -> usize {
        self.visible
            + self.delayed
            + self.in_flight
            + self.dead_lettered
            + self.deleted
            + self.deduplicated
    }
}

/// Where one message is.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Place {
    Visible,
    Delayed { visible_at_ms: u64 },
    InFlight { visible_again_at_ms: u64 },
    Deleted { at_ms: u64 },
    DeadLettered { at_ms: u64 },
    Deduplicated { original_message_id: String },
}

/// One message's history.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MessageSummary {
    pub message_id: String,
    pub message_group_id: Option<String>,
    pub body: String,
    pub sent_ms: u64,
    /// Times Lambda received it.
    pub receive_count: u32,
    pub place: Place,
}

impl MessageSummary {
    /// "deleted after 2 receives", "in the dead-letter queue after 3 receives", ...
    pub fn describe(&self) -> String {
        let receives = match self.receive_count {
            1 => "1 receive".to_owned(),
            n => format!("{n} receives"),
        };
        match &self.place {
            Place::Visible => format!("still visible, after {receives}"),
            Place::Delayed { visible_at_ms } => format!("delayed until {visible_at_ms} ms"),
            Place::InFlight {
                visible_again_at_ms,
            } => {
                format!("in flight after {receives}, visible again at {visible_again_at_ms} ms")
            }
            Place::Deleted { .. } => format!("deleted after {receives}"),
            Place::DeadLettered { .. } => format!("in the dead-letter queue after {receives}"),
            Place::Deduplicated {
                original_message_id,
            } => {
                format!("dropped as a duplicate of {original_message_id}")
            }
        }
    }
}

/// Every message sent, in send order.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Summary {
    pub messages: Vec<MessageSummary>,
}

impl Summary {
    /// Messages processed and deleted.
    pub fn delivered(&self) -> usize {
        self.count(|m| matches!(m.place, Place::Deleted { .. }))
    }

    /// Messages received more than once.
    pub fn retried(&self) -> usize {
        self.count(|m| m.receive_count > 1)
    }

    /// Messages in the dead-letter queue.
    pub fn dead_lettered(&self) -> usize {
        self.count(|m| matches!(m.place, Place::DeadLettered { .. }))
    }

    /// Messages still in the queue: visible, delayed or in flight.
    pub fn still_queued(&self) -> usize {
        self.count(|m| {
            matches!(
                m.place,
                Place::Visible | Place::Delayed { .. } | Place::InFlight { .. }
            )
        })
    }

    /// Receives of all messages together.
    pub fn total_receives(&self) -> u64 {
        self.messages
            .iter()
            .map(|m| u64::from(m.receive_count))
            .sum()
    }

    fn count(&self, matches: impl Fn(&MessageSummary) -> bool) -> usize {
        self.messages.iter().filter(|m| matches(m)).count()
    }
}
