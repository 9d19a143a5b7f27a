//! "Export for AWS…": the Playground's function written as an AWS SAM project (code and
//! layer zips, template.yaml, event.json, README.md) on the file thread, with the trigger its
//! event suggests; the status bar says where it went and what to run next.

use std::path::Path;

use super::LambdaLabApp;
use crate::command::{AppCommand, AwsExport, Level, Message};
use crate::export::{self, ExportRequest};

impl LambdaLabApp {
    /// Writes `export` into `<parent>/<function>-aws` on the file thread.
    pub(super) fn export_for_aws(&mut self, export: AwsExport, parent: &Path) {
        let out_dir = parent.join(format!("{}-aws", export.config.function_name));
        self.jobs.files.run(move || {
            let source = export::suggested_for(&export.event_json);
            let request = ExportRequest {
                config: &export.config,
                source: &source,
                event_json: Some(&export.event_json),
            };
            let message = match export::export(&request, &out_dir) {
                Ok(done) => Message {
                    level: Level::Info,
                    text: format!(
                        "Exported for AWS into {} ({}; trigger: {}). Next: cd there, `sam deploy --guided`, as its README.md says.",
                        done.out_dir.display(),
                        done.files.join(", "),
                        source.describe()
                    ),
                },
                Err(error) => Message {
                    level: Level::Error,
                    text: format!("Could not export for AWS: {error}"),
                },
            };
            Some(AppCommand::ShowStatus(message))
        });
    }
}
