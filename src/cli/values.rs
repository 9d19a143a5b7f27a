//! How the shared Lambda vocabulary is spelled on the command line: AWS's own names
//! (`x86_64`, `zip`, `RequestResponse`), so `--help` lists what the AWS CLI would accept.

use clap::ValueEnum;
use clap::builder::PossibleValue;

use crate::model::lambda::{Architecture, InvocationType, PackageType};

impl ValueEnum for Architecture {
    fn value_variants<'a>() -> &'a [Self] {
        &Self::ALL
    }

    fn to_possible_value(&self) -> Option<PossibleValue> {
        let help = match self {
            Self::X86_64 => "Intel/AMD",
            Self::Arm64 => "Graviton",
        };
        Some(PossibleValue::new(self.as_str()).help(help))
    }
}

impl ValueEnum for PackageType {
    fn value_variants<'a>() -> &'a [Self] {
        &Self::ALL
    }

    fn to_possible_value(&self) -> Option<PossibleValue> {
        Some(PossibleValue::new(self.as_str()))
    }
}

impl ValueEnum for InvocationType {
    fn value_variants<'a>() -> &'a [Self] {
        &Self::ALL
    }

    fn to_possible_value(&self) -> Option<PossibleValue> {
        let help = match self {
            Self::RequestResponse => "Wait for the response (what the console's Test button does)",
            Self::Event => {
                "Queue the event and answer 202 at once; run it in the background, retrying a failed run twice"
            }
            Self::DryRun => {
                "Validate the request and the function's settings, run nothing (HTTP 204)"
            }
        };
        Some(PossibleValue::new(self.api_name()).help(help))
    }
}
