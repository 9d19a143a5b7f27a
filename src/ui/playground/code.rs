//! The Playground's code editor: the handler's source with highlighting and line numbers, the
//! line named by the last error marked, and every edit saved as the learner's own copy (the
//! shipped sample is never written).

use super::PlaygroundPage;
use crate::command::AppCommand;
use crate::session::Session;
use crate::workspace::{Language, WorkspaceFiles};

impl PlaygroundPage {
    pub(super) fn code_editor(
        &mut self,
        ui: &mut egui::Ui,
        session: &Session,
        files: &WorkspaceFiles,
        commands: &mut Vec<AppCommand>,
    ) {
        ui.horizontal(|ui| {
            ui.heading("Code");
            ui.label(
                egui::RichText::new(if files.copies.contains_key(&self.code_handler) {
                    "your copy (saved as you type)"
                } else {
                    "shipped sample: typing makes your own copy"
                })
                .weak()
                .small(),
            );
        });
        if let Some(error) = &self.code_error {
            ui.colored_label(ui.visuals().error_fg_color, error);
        }
        let error_line = self.latest_error_line(session);
        let changed = self.code_area.show(
            ui,
            "code_editor",
            "Handler code",
            &mut self.code,
            self.code_language.highlight(),
            error_line,
            true,
        );
        if changed && self.is_open() {
            commands.push(AppCommand::SaveCode {
                handler: self.code_handler.clone(),
                code: self.code.clone(),
                language: self.code_language,
            });
        }
    }

    /// The line of the handler's file named in the last error's trace, to mark in the editor:
    /// `api.mjs:12:5` in a Node trace, `File "/…/hello.py", line 12` in a Python one.
    fn latest_error_line(&self, session: &Session) -> Option<usize> {
        let record = session.by_hand().next_back()?;
        let error = record.error.as_ref()?;
        let (file, after) = match self.code_language {
            Language::JavaScript => (format!("{}:", self.code_file_name), ":"),
            Language::Python => (format!("{}\", line ", self.code_file_name), ","),
            // A shell script's errors carry no line of the file.
            Language::Bootstrap => return None,
        };
        error
            .trace
            .iter()
            .chain(std::iter::once(&error.error_message))
            .find_map(|line| {
                let at = line.rfind(&file)? + file.len();
                line[at..].split(after).next()?.trim().parse().ok()
            })
    }
}
