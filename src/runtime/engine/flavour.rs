//! Which of Lambda's Node.js runtime clients the engine answers like, and that client's own
//! texts. nodejs22.x runs aws-lambda-ric 3.x ("classic": callback handlers with a deprecation
//! warning, `beforeExit` ends an invoke, uncaught errors are posted and end the process);
//! nodejs24.x runs 4.x ("modern": callback handlers refused at init, the handler's value is
//! awaited, uncaught errors crash Node with exit code 1). Texts from the clients as recorded in
//! tests/fixtures/runtime_api/nodejs (assets/runtimes/nodejs/bootstrap.mjs cites their lines).

use std::collections::BTreeMap;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Flavour {
    Classic,
    Modern,
}

impl Flavour {
    /// From `AWS_EXECUTION_ENV` (`AWS_Lambda_nodejs24.x`): nodejs24.x and newer are modern.
    pub fn of_environment(environment: &BTreeMap<String, String>) -> Self {
        let major = environment
            .get("AWS_EXECUTION_ENV")
            .and_then(|env| env.strip_prefix("AWS_Lambda_nodejs"))
            .and_then(|rest| rest.split('.').next())
            .and_then(|major| major.parse::<u32>().ok());
        match major {
            Some(major) if major < 24 => Self::Classic,
            _ => Self::Modern,
        }
    }

    /// `process.version` on that runtime (the major version is what handlers test).
    pub fn node_version(self) -> &'static str {
        match self {
            Self::Classic => "v22.21.1",
            Self::Modern => "v24.11.1",
        }
    }
}

/// Classic: an async handler's promise is still pending when the event loop runs empty
/// (Errors.js NodeJsExit).
pub const NODEJS_EXIT_TYPE: &str = "Runtime.NodeJsExit";
pub const NODEJS_EXIT_MESSAGE: &str = "The Lambda runtime client detected an unexpected Node.js exit code. This is most commonly caused by a Promise that was never settled. For more information, see https://nodejs.org/docs/latest/api/process.html#exit-codes";

/// Modern: a handler declaring (event, context, callback) is refused at init.
pub const CALLBACK_REMOVED_TYPE: &str = "Runtime.CallbackHandlerDeprecated";
pub const CALLBACK_REMOVED_MESSAGE: &str = "ERROR: AWS Lambda has removed support for callback-based function handlers starting with Node.js 24. You need to modify this function to use a supported handler signature to use Node.js 24 or later. For more information see https://docs.aws.amazon.com/lambda/latest/dg/nodejs-handler.html.";

/// Classic: the warning logged at init for such a handler (WarningForCallbackHandlers.js),
/// unless AWS_LAMBDA_NODEJS_DISABLE_CALLBACK_WARNING is set.
pub const CALLBACK_WARNING: &str = "AWS Lambda plans to remove support for callback-based function handlers starting with Node.js 24. You will need to update this function to use an async handler to use Node.js 24 or later. For more information and to provide feedback on this change, see https://github.com/aws/aws-lambda-nodejs-runtime-interface-client/issues/137. To disable this warning, set the AWS_LAMBDA_NODEJS_DISABLE_CALLBACK_WARNING environment variable.";

/// A response JSON.stringify cannot write (a BigInt, a cycle): classic posts a plain Error,
/// modern a Runtime.JSONStringifyError, both with this message.
pub const STRINGIFY_MESSAGE: &str = "Unable to stringify response body";

impl Flavour {
    pub fn stringify_error_type(self) -> &'static str {
        match self {
            Self::Classic => "Error",
            Self::Modern => "Runtime.JSONStringifyError",
        }
    }
}

/// A runtime that ends mid-invoke with exit code 0, in Lambda's words.
pub const EXITED_WITHOUT_REASON: &str = "Runtime exited without providing a reason";

/// How Lambda words a runtime's exit code: `exit status 2`, or no reason for 0.
pub fn exit_words(code: i32) -> String {
    if code == 0 {
        EXITED_WITHOUT_REASON.to_owned()
    } else {
        format!("exit status {code}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nodejs22_and_older_are_classic_and_everything_newer_modern() {
        let of = |runtime: &str| {
            Flavour::of_environment(&BTreeMap::from([(
                "AWS_EXECUTION_ENV".to_owned(),
                format!("AWS_Lambda_{runtime}"),
            )]))
        };
        assert_eq!(of("nodejs22.x"), Flavour::Classic);
        assert_eq!(of("nodejs20.x"), Flavour::Classic);
        assert_eq!(of("nodejs24.x"), Flavour::Modern);
        assert_eq!(of("nodejs26.x"), Flavour::Modern);
    }
}
