//! The ready-made experiments: one click sets the inputs and runs, with what to look for.

use serde::{Deserialize, Serialize};

use super::*;

/// The ready-made experiments: one click sets the inputs and runs.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Experiment {
    QuietHour,
    BurstOf500,
    SteadyNeverCold,
    Provisioned10,
    CompareRuntimes,
    Reserved5,
}

impl Experiment {
    pub const ALL: [Self; 6] = [
        Self::QuietHour,
        Self::BurstOf500,
        Self::SteadyNeverCold,
        Self::Provisioned10,
        Self::CompareRuntimes,
        Self::Reserved5,
    ];

    pub fn label(self) -> &'static str {
        match self {
            Self::QuietHour => "First request after a quiet hour",
            Self::BurstOf500 => "A burst of 500",
            Self::SteadyNeverCold => "Steady traffic never goes cold",
            Self::Provisioned10 => "Provisioned concurrency 10",
            Self::CompareRuntimes => "Java vs Node vs Python vs Rust",
            Self::Reserved5 => "Reserved concurrency 5 under a burst (throttles)",
        }
    }

    /// The stable id lesson files use (`experiment = "burst-500"`).
    pub fn id(self) -> &'static str {
        match self {
            Self::QuietHour => "quiet-hour",
            Self::BurstOf500 => "burst-500",
            Self::SteadyNeverCold => "steady",
            Self::Provisioned10 => "provisioned-10",
            Self::CompareRuntimes => "compare-runtimes",
            Self::Reserved5 => "reserved-5",
        }
    }

    pub fn from_id(id: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|e| e.id() == id)
    }

    /// One line on what to look for in the result.
    pub fn look_for(self) -> &'static str {
        match self {
            Self::QuietHour => {
                "One request an hour: every one is cold, because an hour idle is longer than the \
                 idle lifetime, so p50 latency is init + handler."
            }
            Self::BurstOf500 => {
                "500 requests at once find every environment busy: 500 cold starts, peak \
                 concurrency 500, and p50 latency includes init."
            }
            Self::SteadyNeverCold => {
                "A request every 500 ms finds the one environment idle every time, so it is never \
                 reclaimed: 1 cold start in 7,200 requests."
            }
            Self::Provisioned10 => {
                "Bursts of 10 every 15 minutes: zero cold starts with 10 provisioned, but compare \
                 the two monthly bills below."
            }
            Self::CompareRuntimes => {
                "The same bursts on four runtimes: every request is cold, so the latency bars \
                 differ by the init time alone."
            }
            Self::Reserved5 => {
                "Only 5 environments may run: 5 cold starts and 495 throttles (HTTP 429), at once, \
                 because synchronous requests are never queued."
            }
        }
    }

    /// The inputs the experiment sets: the defaults, changed where it matters.
    pub fn inputs(self) -> ScenarioInputs {
        let base = ScenarioInputs {
            function_ms: 100.0,
            ..ScenarioInputs::default()
        };
        match self {
            Self::QuietHour => ScenarioInputs {
                pattern: Pattern::Burst,
                burst_size: 1,
                burst_repeat: true,
                burst_every_secs: 3_600.0,
                duration_secs: 4.0 * 3_600.0,
                ..base
            },
            Self::BurstOf500 => ScenarioInputs {
                pattern: Pattern::Burst,
                burst_size: 500,
                burst_repeat: false,
                duration_secs: 60.0,
                ..base
            },
            Self::SteadyNeverCold => ScenarioInputs {
                pattern: Pattern::Steady,
                rate_per_s: 2.0,
                duration_secs: 3_600.0,
                ..base
            },
            Self::Provisioned10 => ScenarioInputs {
                pattern: Pattern::Burst,
                burst_size: 10,
                burst_repeat: true,
                burst_every_secs: 900.0,
                duration_secs: 2.0 * 3_600.0,
                provisioned: 10,
                ..base
            },
            Self::CompareRuntimes => ScenarioInputs {
                pattern: Pattern::Burst,
                burst_size: 100,
                burst_repeat: true,
                burst_every_secs: 1_200.0,
                duration_secs: 2.0 * 3_600.0,
                compare_runtimes: true,
                ..base
            },
            Self::Reserved5 => ScenarioInputs {
                pattern: Pattern::Burst,
                burst_size: 500,
                burst_repeat: false,
                duration_secs: 60.0,
                reserved: Some(5),
                ..base
            },
        }
    }
}
