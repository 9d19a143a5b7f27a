//! A function's configuration, validated against Lambda's quotas with the messages AWS's
//! API returns, so a learner who later meets them on AWS recognises them.

use std::collections::BTreeMap;
use std::fmt;
use std::path::PathBuf;

use crate::model::lambda::{Architecture, EMBEDDED_ENGINE_RUNTIME};
use crate::model::limits::{
    DEFAULT_EPHEMERAL_STORAGE_MB, DEFAULT_MEMORY_MB, DEFAULT_TIMEOUT_SECS, MAX_ENVIRONMENT_BYTES,
    MAX_EPHEMERAL_STORAGE_MB, MAX_FUNCTION_NAME_CHARS, MAX_HANDLER_CHARS, MAX_LAYERS,
    MAX_MEMORY_MB, MAX_TIMEOUT_SECS, MIN_EPHEMERAL_STORAGE_MB, MIN_MEMORY_MB, MIN_TIMEOUT_SECS,
};

/// The FunctionName pattern in the CreateFunction API reference; AWS quotes it in the error.
/// Lambda Lab only accepts the plain-name part (letters, digits, hyphen, underscore).
pub const FUNCTION_NAME_PATTERN: &str = r"(arn:(aws[a-zA-Z-]*)?:lambda:)?([a-z]{2}(-gov)?-[a-z]+-\d{1}:)?(\d{12}:)?(function:)?([a-zA-Z0-9-_]+)(:(\$LATEST|[a-zA-Z0-9-_]+))?";

/// Variables the Lambda service sets itself; AWS refuses to let a function override them.
pub const RESERVED_ENVIRONMENT_KEYS: [&str; 16] = [
    "_HANDLER",
    "_X_AMZN_TRACE_ID",
    "AWS_DEFAULT_REGION",
    "AWS_REGION",
    "AWS_EXECUTION_ENV",
    "AWS_LAMBDA_FUNCTION_NAME",
    "AWS_LAMBDA_FUNCTION_MEMORY_SIZE",
    "AWS_LAMBDA_FUNCTION_VERSION",
    "AWS_LAMBDA_INITIALIZATION_TYPE",
    "AWS_LAMBDA_LOG_GROUP_NAME",
    "AWS_LAMBDA_LOG_STREAM_NAME",
    "AWS_ACCESS_KEY",
    "AWS_ACCESS_KEY_ID",
    "AWS_SECRET_ACCESS_KEY",
    "AWS_SESSION_TOKEN",
    "AWS_LAMBDA_RUNTIME_API",
];

/// Everything CreateFunction takes that matters to running the function here.
#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct FunctionConfig {
    pub function_name: String,
    /// Runtime identifier, e.g. `nodejs22.x` ([`EMBEDDED_ENGINE_RUNTIME`] by default).
    pub runtime: String,
    /// `file.export`, e.g. `index.handler`.
    pub handler: String,
    /// A file, or a folder used as the task root.
    pub code_path: PathBuf,
    pub memory_size_mb: u32,
    pub timeout_secs: u32,
    pub ephemeral_storage_mb: u32,
    pub environment: BTreeMap<String, String>,
    pub architecture: Architecture,
    /// None: the function uses the account's unreserved pool.
    pub reserved_concurrency: Option<u32>,
    pub provisioned_concurrency: u32,
    /// Folders mounted under /opt, in order (a later layer's file wins).
    pub layers: Vec<PathBuf>,
    /// What runs the handler: the embedded engine, or a real runtime process.
    #[serde(default)]
    pub executor: Executor,
    /// For a process runtime: the python3 or node to use (None: the one on PATH).
    #[serde(default)]
    pub interpreter: Option<PathBuf>,
    /// Which edit of the code this is (the Playground hashes the text): a new revision is a
    /// new deployment, so warm environments holding the old code are not reused.
    #[serde(default)]
    pub code_revision: u64,
}

/// What runs a function's handler.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Executor {
    /// QuickJS inside the app, behaving like [`EMBEDDED_ENGINE_RUNTIME`]: needs nothing
    /// installed and cannot touch the user's files.
    #[default]
    Embedded,
    /// A runtime process (python3, node or the function's `bootstrap`) polling a Runtime API
    /// endpoint, as Lambda runs it; `runtime` names which.
    Process,
}

impl Default for FunctionConfig {
    fn default() -> Self {
        Self {
            function_name: "my-function".to_owned(),
            runtime: EMBEDDED_ENGINE_RUNTIME.to_owned(),
            handler: "index.handler".to_owned(),
            code_path: PathBuf::from("index.mjs"),
            memory_size_mb: DEFAULT_MEMORY_MB,
            timeout_secs: DEFAULT_TIMEOUT_SECS,
            ephemeral_storage_mb: DEFAULT_EPHEMERAL_STORAGE_MB,
            environment: BTreeMap::new(),
            architecture: Architecture::default(),
            reserved_concurrency: None,
            provisioned_concurrency: 0,
            layers: Vec::new(),
            executor: Executor::Embedded,
            interpreter: None,
            code_revision: 0,
        }
    }
}

/// The `--runtime` word for the embedded engine (as nodejs24.x); `embedded:nodejs22.x` picks
/// the other runtime it can behave like.
pub const EMBEDDED: &str = "embedded";

/// The embedded engine behaving like `runtime`, if `requested` asks for it (`embedded`,
/// `embedded:nodejs22.x`).
pub fn embedded_runtime(requested: &str) -> Option<&'static str> {
    use crate::model::lambda::EMBEDDED_ENGINE_RUNTIMES;
    if requested == EMBEDDED {
        return Some(EMBEDDED_ENGINE_RUNTIME);
    }
    let wanted = requested.strip_prefix("embedded:")?;
    EMBEDDED_ENGINE_RUNTIMES
        .iter()
        .find(|runtime| **runtime == wanted)
        .copied()
}

/// What runs a handler: `requested` (`embedded` or a runtime identifier), or else what its
/// code suggests: a `.py` file the default Python runtime, a folder with a `bootstrap`
/// the custom runtime, anything else the embedded engine. Returns the executor and the
/// runtime identifier Lambda would show.
pub fn choose_runtime(
    code_path: &std::path::Path,
    requested: Option<&str>,
) -> Result<(Executor, String), String> {
    use crate::model::lambda::{CUSTOM_RUNTIME, DEFAULT_PYTHON_RUNTIME, PROCESS_RUNTIMES};
    match requested {
        Some(requested) if embedded_runtime(requested).is_some() => Ok((
            Executor::Embedded,
            embedded_runtime(requested)
                .unwrap_or(EMBEDDED_ENGINE_RUNTIME)
                .to_owned(),
        )),
        Some(runtime) if PROCESS_RUNTIMES.contains(&runtime) => {
            Ok((Executor::Process, runtime.to_owned()))
        }
        Some(other) => Err(format!(
            "unknown runtime `{other}`: use {EMBEDDED}, {EMBEDDED}:nodejs22.x or one of {}",
            PROCESS_RUNTIMES.join(", ")
        )),
        None => {
            let extension = code_path.extension().and_then(|e| e.to_str());
            if code_path
                .file_name()
                .is_some_and(|name| name == "bootstrap")
            {
                Ok((Executor::Process, CUSTOM_RUNTIME.to_owned()))
            } else if extension == Some("py")
                || (code_path.is_dir() && has_python_handler(code_path))
            {
                Ok((Executor::Process, DEFAULT_PYTHON_RUNTIME.to_owned()))
            } else if code_path.is_dir() && code_path.join("bootstrap").is_file() {
                Ok((Executor::Process, CUSTOM_RUNTIME.to_owned()))
            } else {
                Ok((Executor::Embedded, EMBEDDED_ENGINE_RUNTIME.to_owned()))
            }
        }
    }
}

/// A folder whose handler is Python: it holds `.py` files and no JavaScript entry point.
fn has_python_handler(folder: &std::path::Path) -> bool {
    let names: Vec<String> = std::fs::read_dir(folder)
        .map(|entries| {
            entries
                .flatten()
                .map(|entry| entry.file_name().to_string_lossy().into_owned())
                .collect()
        })
        .unwrap_or_default();
    let any = |suffixes: &[&str]| {
        names
            .iter()
            .any(|name| suffixes.iter().any(|suffix| name.ends_with(suffix)))
    };
    any(&[".py"]) && !any(&[".js", ".mjs", ".cjs"]) && !names.iter().any(|n| n == "bootstrap")
}

/// One rejected setting, worded as AWS words it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ValidationError {
    /// The API field, e.g. `memorySize`, so the UI can show the message next to its field.
    pub field: &'static str,
    pub message: String,
}

impl fmt::Display for ValidationError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

/// The `InvalidParameterValueException`/`ValidationException` text for a list of errors:
/// AWS prefixes constraint failures with "N validation error(s) detected: " and joins them
/// with "; ".
pub fn describe(errors: &[ValidationError]) -> String {
    let constraint: Vec<&str> = errors
        .iter()
        .filter(|e| e.message.starts_with("Value '"))
        .map(|e| e.message.as_str())
        .collect();
    let mut parts = Vec::new();
    if !constraint.is_empty() {
        let plural = if constraint.len() == 1 { "" } else { "s" };
        parts.push(format!(
            "{} validation error{plural} detected: {}",
            constraint.len(),
            constraint.join("; ")
        ));
    }
    parts.extend(
        errors
            .iter()
            .filter(|e| !e.message.starts_with("Value '"))
            .map(|e| e.message.clone()),
    );
    parts.join("\n")
}

fn at_most(
    field: &'static str,
    value: impl fmt::Display,
    max: impl fmt::Display,
) -> ValidationError {
    ValidationError {
        field,
        message: format!(
            "Value '{value}' at '{field}' failed to satisfy constraint: Member must have value less than or equal to {max}"
        ),
    }
}

fn at_least(
    field: &'static str,
    value: impl fmt::Display,
    min: impl fmt::Display,
) -> ValidationError {
    ValidationError {
        field,
        message: format!(
            "Value '{value}' at '{field}' failed to satisfy constraint: Member must have value greater than or equal to {min}"
        ),
    }
}

fn in_range(
    errors: &mut Vec<ValidationError>,
    field: &'static str,
    value: u32,
    min: u32,
    max: u32,
) {
    if value < min {
        errors.push(at_least(field, value, min));
    } else if value > max {
        errors.push(at_most(field, value, max));
    }
}

impl FunctionConfig {
    /// Every setting AWS would refuse, in the order CreateFunction reports them.
    pub fn validate(&self) -> Vec<ValidationError> {
        let mut errors = Vec::new();
        let name = &self.function_name;
        if name.chars().count() > MAX_FUNCTION_NAME_CHARS {
            errors.push(ValidationError {
                field: "functionName",
                message: format!(
                    "Value '{name}' at 'functionName' failed to satisfy constraint: Member must have length less than or equal to {MAX_FUNCTION_NAME_CHARS}"
                ),
            });
        }
        if name.is_empty()
            || !name
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
        {
            errors.push(ValidationError {
                field: "functionName",
                message: format!(
                    "Value '{name}' at 'functionName' failed to satisfy constraint: Member must satisfy regular expression pattern: {FUNCTION_NAME_PATTERN}"
                ),
            });
        }
        let handler = &self.handler;
        if handler.chars().count() > MAX_HANDLER_CHARS {
            errors.push(ValidationError {
                field: "handler",
                message: format!(
                    "Value '{handler}' at 'handler' failed to satisfy constraint: Member must have length less than or equal to {MAX_HANDLER_CHARS}"
                ),
            });
        }
        if handler.is_empty() || handler.chars().any(char::is_whitespace) {
            errors.push(ValidationError {
                field: "handler",
                message: format!(
                    "Value '{handler}' at 'handler' failed to satisfy constraint: Member must satisfy regular expression pattern: [^\\s]+"
                ),
            });
        }
        in_range(
            &mut errors,
            "memorySize",
            self.memory_size_mb,
            MIN_MEMORY_MB,
            MAX_MEMORY_MB,
        );
        in_range(
            &mut errors,
            "timeout",
            self.timeout_secs,
            MIN_TIMEOUT_SECS,
            MAX_TIMEOUT_SECS,
        );
        in_range(
            &mut errors,
            "ephemeralStorage.size",
            self.ephemeral_storage_mb,
            MIN_EPHEMERAL_STORAGE_MB,
            MAX_EPHEMERAL_STORAGE_MB,
        );
        if self.layers.len() > MAX_LAYERS {
            let listed: Vec<String> = self
                .layers
                .iter()
                .map(|layer| layer.display().to_string())
                .collect();
            errors.push(ValidationError {
                field: "layers",
                message: format!(
                    "Value '[{}]' at 'layers' failed to satisfy constraint: Member must have length less than or equal to {MAX_LAYERS}",
                    listed.join(", ")
                ),
            });
        }
        errors.extend(self.validate_environment());
        errors
    }

    /// The environment variables' size as AWS measures it: the JSON object of all of them.
    pub fn environment_bytes(&self) -> usize {
        serde_json::to_string(&self.environment).map_or(0, |json| json.len())
    }

    fn validate_environment(&self) -> Vec<ValidationError> {
        let mut errors = Vec::new();
        let reserved: Vec<&str> = self
            .environment
            .keys()
            .map(String::as_str)
            .filter(|key| RESERVED_ENVIRONMENT_KEYS.contains(key))
            .collect();
        if !reserved.is_empty() {
            errors.push(ValidationError {
                field: "environment",
                message: format!(
                    "Lambda was unable to configure your environment variables because the environment variables you have provided contains reserved keys that are currently not supported for modification. Reserved keys used in this request: {}",
                    reserved.join(", ")
                ),
            });
        }
        for key in self.environment.keys() {
            let mut chars = key.chars();
            let valid = chars.next().is_some_and(|c| c.is_ascii_alphabetic())
                && chars.all(|c| c.is_ascii_alphanumeric() || c == '_')
                && key.len() >= 2;
            if !valid {
                errors.push(ValidationError {
                    field: "environment",
                    message: format!(
                        "Value '{key}' at 'environment.variables' failed to satisfy constraint: Member must satisfy regular expression pattern: [a-zA-Z]([a-zA-Z0-9_])+"
                    ),
                });
            }
        }
        if self.environment_bytes() > MAX_ENVIRONMENT_BYTES {
            let measured = serde_json::to_string(&self.environment).unwrap_or_default();
            errors.push(ValidationError {
                field: "environment",
                message: format!(
                    "Lambda was unable to configure your environment variables because the environment variables you have provided exceeded the 4KB limit. String measured: {measured}"
                ),
            });
        }
        errors
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_default_configuration_is_valid() {
        assert_eq!(FunctionConfig::default().validate(), vec![]);
    }

    #[test]
    fn memory_out_of_range_uses_aws_wording() {
        let config = FunctionConfig {
            memory_size_mb: 20_000,
            ..FunctionConfig::default()
        };
        let errors = config.validate();
        assert_eq!(
            errors[0].message,
            "Value '20000' at 'memorySize' failed to satisfy constraint: Member must have value less than or equal to 10240"
        );
        assert_eq!(errors[0].field, "memorySize");
        assert_eq!(
            describe(&errors),
            "1 validation error detected: Value '20000' at 'memorySize' failed to satisfy constraint: Member must have value less than or equal to 10240"
        );
        let config = FunctionConfig {
            memory_size_mb: 64,
            timeout_secs: 0,
            ..FunctionConfig::default()
        };
        let text = describe(&config.validate());
        assert!(
            text.starts_with("2 validation errors detected: Value '64' at 'memorySize'"),
            "{text}"
        );
        assert!(text.contains("Value '0' at 'timeout' failed to satisfy constraint: Member must have value greater than or equal to 1"));
    }

    #[test]
    fn limits_at_the_edges_are_accepted() {
        let config = FunctionConfig {
            memory_size_mb: MAX_MEMORY_MB,
            timeout_secs: MAX_TIMEOUT_SECS,
            ephemeral_storage_mb: MAX_EPHEMERAL_STORAGE_MB,
            layers: (0..MAX_LAYERS)
                .map(|n| PathBuf::from(format!("layer{n}")))
                .collect(),
            ..FunctionConfig::default()
        };
        assert_eq!(config.validate(), vec![]);
    }

    #[test]
    fn too_many_layers_bad_names_and_big_environments_are_refused() {
        let mut config = FunctionConfig {
            function_name: "my function".into(),
            layers: (0..6).map(|n| PathBuf::from(format!("l{n}"))).collect(),
            ..FunctionConfig::default()
        };
        config.environment.insert("BIG".into(), "x".repeat(4100));
        config
            .environment
            .insert("AWS_REGION".into(), "eu-west-1".into());
        config.environment.insert("1BAD".into(), "v".into());
        let fields: Vec<&str> = config.validate().iter().map(|e| e.field).collect();
        assert_eq!(
            fields,
            [
                "functionName",
                "layers",
                "environment",
                "environment",
                "environment"
            ]
        );
        let text = describe(&config.validate());
        assert!(
            text.contains("Member must have length less than or equal to 5"),
            "{text}"
        );
        assert!(
            text.contains("Reserved keys used in this request: AWS_REGION"),
            "{text}"
        );
        assert!(
            text.contains("exceeded the 4KB limit. String measured: {"),
            "{text}"
        );
    }

    #[test]
    fn the_environment_is_measured_as_json() {
        let mut config = FunctionConfig::default();
        config.environment.insert("KEY".into(), "value".into());
        assert_eq!(config.environment_bytes(), r#"{"KEY":"value"}"#.len());
    }
}
