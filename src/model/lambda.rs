//! The shared vocabulary of Lambda: architecture, package type, invocation type, why an
//! invocation started cold, and runtime identifiers. One type for each, used by the runtime,
//! the models, the CLI and the pages alike, spelled as AWS spells them.

/// The account the app pretends to be, in ARNs and log names.
pub const ACCOUNT_ID: &str = "123456789012";
/// The region the app pretends to run in.
pub const REGION: &str = "us-east-1";

use std::fmt;

use serde::{Deserialize, Serialize};

/// A managed runtime's identifier as AWS writes it (`nodejs24.x`, `python3.13`), or a
/// lambda-perf name for OS-only runtimes (`rust (prov.al2023)`).
pub type RuntimeId = &'static str;

/// The runtime a model uses when the learner picks none: the newest managed Node.js runtime.
/// Source: Lambda runtimes page (FACTS.md, "Runtimes and handlers", checked 2026-12).
pub const DEFAULT_RUNTIME: RuntimeId = "nodejs24.x";

/// The managed Node.js runtimes the embedded engine can behave like, the default first:
/// nodejs24.x as its runtime client 4.x does (callback handlers refused), nodejs22.x as the
/// 3.x client does (callbacks with a deprecation warning, `null` when the event loop
/// empties). FACTS.md, "Runtimes and handlers"; runtime/engine/flavour.rs.
pub const EMBEDDED_ENGINE_RUNTIMES: [RuntimeId; 2] = ["nodejs24.x", "nodejs22.x"];

/// What the embedded engine behaves like unless told otherwise ([`DEFAULT_RUNTIME`]).
pub const EMBEDDED_ENGINE_RUNTIME: RuntimeId = EMBEDDED_ENGINE_RUNTIMES[0];

/// The Python runtime a `.py` handler runs on when the learner picks none.
/// Source: Lambda runtimes page (FACTS.md, "Runtimes and handlers", checked 2026-12).
pub const DEFAULT_PYTHON_RUNTIME: RuntimeId = "python3.13";

/// The OS-only runtime: the function brings an executable `bootstrap`.
pub const CUSTOM_RUNTIME: RuntimeId = "provided.al2023";

/// The managed runtimes Lambda Lab can start as processes, newest first.
/// Source: Lambda runtimes page (FACTS.md, "Runtimes and handlers", checked 2026-12).
pub const PROCESS_RUNTIMES: [RuntimeId; 7] = [
    "nodejs24.x",
    "nodejs22.x",
    "python3.14",
    "python3.13",
    "python3.12",
    "python3.11",
    CUSTOM_RUNTIME,
];

/// The instruction set architecture of a function; each has its own prices and init times.
#[derive(
    Debug, Clone, Copy, Default, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize,
)]
pub enum Architecture {
    /// Intel/AMD (the default).
    #[default]
    #[serde(rename = "x86_64")]
    X86_64,
    /// Graviton.
    #[serde(rename = "arm64")]
    Arm64,
}

impl Architecture {
    pub const ALL: [Self; 2] = [Self::X86_64, Self::Arm64];

    /// AWS's spelling, used in the data, in the API and on the command line.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::X86_64 => "x86_64",
            Self::Arm64 => "arm64",
        }
    }

    /// Parses `x86_64` or `arm64`.
    pub fn parse(text: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|arch| arch.as_str() == text)
    }
}

impl fmt::Display for Architecture {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// How a function's code is deployed.
#[derive(
    Debug, Clone, Copy, Default, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize,
)]
#[serde(rename_all = "lowercase")]
pub enum PackageType {
    /// A .zip archive on a managed or OS-only runtime.
    #[default]
    Zip,
    /// A container image (up to 10 GB).
    Image,
}

impl PackageType {
    pub const ALL: [Self; 2] = [Self::Zip, Self::Image];

    /// The spelling used in the data and on the command line.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Zip => "zip",
            Self::Image => "image",
        }
    }

    /// Parses `zip` or `image`.
    pub fn parse(text: &str) -> Option<Self> {
        Self::ALL
            .into_iter()
            .find(|package| package.as_str() == text)
    }
}

impl fmt::Display for PackageType {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// How the caller invokes: wait for the answer, queue the event, or only validate.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum InvocationType {
    /// Wait for the response (what the console's Test button does).
    #[default]
    RequestResponse,
    /// Queue the event and answer 202 at once; run it in the background, retrying a
    /// failed run twice (what S3, SNS and EventBridge do).
    Event,
    /// Validate the request and the function's settings, run nothing (HTTP 204).
    DryRun,
}

impl InvocationType {
    pub const ALL: [Self; 3] = [Self::RequestResponse, Self::Event, Self::DryRun];

    /// The name the Invoke API uses (`X-Amz-Invocation-Type`).
    pub fn api_name(self) -> &'static str {
        match self {
            Self::RequestResponse => "RequestResponse",
            Self::Event => "Event",
            Self::DryRun => "DryRun",
        }
    }
}

impl fmt::Display for InvocationType {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.api_name())
    }
}

/// Why an invocation started a new execution environment. The runtime meets all five; the
/// traffic simulator only the first three (it never resets or redeploys).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ColdReason {
    /// The function had no environment yet.
    FirstInvoke,
    /// Every existing environment was busy with another request (or initialising).
    AllBusy,
    /// The environment that would have served it was reclaimed after sitting idle.
    IdleExpiry,
    /// The previous environment was reset after a timeout or crash.
    Reset,
    /// The code or configuration changed, so old environments were retired.
    ConfigChange,
}

impl ColdReason {
    pub fn explain(self) -> &'static str {
        match self {
            Self::FirstInvoke => "first invoke: no environment existed yet",
            Self::AllBusy => "every environment was busy, so a new one was started",
            Self::IdleExpiry => "the idle environment was reclaimed, so a new one was started",
            Self::Reset => "the previous environment was reset after a timeout or crash",
            Self::ConfigChange => "the code or configuration changed",
        }
    }

    /// A few words for a table cell.
    pub fn short(self) -> &'static str {
        match self {
            Self::FirstInvoke => "first invoke",
            Self::AllBusy => "all busy",
            Self::IdleExpiry => "idle reclaimed",
            Self::Reset => "after a reset",
            Self::ConfigChange => "code changed",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_round_trip_as_aws_spells_them() {
        for arch in Architecture::ALL {
            assert_eq!(Architecture::parse(arch.as_str()), Some(arch));
            assert_eq!(
                serde_json::to_string(&arch).unwrap_or_default(),
                format!("\"{arch}\"")
            );
        }
        for package in PackageType::ALL {
            assert_eq!(PackageType::parse(&package.to_string()), Some(package));
        }
        assert_eq!(Architecture::parse("amd64"), None);
        assert_eq!(InvocationType::Event.to_string(), "Event");
    }
}
