//! The folder-as-bucket tab: which folder stands for the bucket, the notification's prefix and
//! suffix filters, and each object event as a file is created, changed or deleted.

use egui::RichText;

use super::{slot_report, start_stop};
use crate::command::AppCommand;
use crate::jobs::sources::{SourceKind, SourceStart};
use crate::runtime::config::FunctionConfig;
use crate::sources::settings::BucketSettings;
use crate::ui::AppView;

pub(super) fn tab(
    ui: &mut egui::Ui,
    view: &AppView<'_>,
    settings: &mut BucketSettings,
    config: &Result<FunctionConfig, String>,
    commands: &mut Vec<AppCommand>,
) {
    let slot = view.jobs.sources.slot(SourceKind::Bucket);
    let default_dir = view.workspace.bucket_dir().display().to_string();
    ui.label(
        "A folder stands for an S3 bucket: create, change or delete a file in it and the handler \
         gets the notification S3 would send (ObjectCreated:Put, ObjectRemoved:Delete, the key \
         URL-encoded), invoked asynchronously with S3's retries. Files already there are not \
         events.",
    );
    ui.add_enabled_ui(!slot.is_running(), |ui| {
        egui::Grid::new("bucket_settings")
            .num_columns(2)
            .spacing([12.0, 6.0])
            .show(ui, |ui| {
                let label = ui.label("Folder");
                ui.add(
                    egui::TextEdit::singleline(&mut settings.folder)
                        .desired_width(420.0)
                        .hint_text(&default_dir),
                )
                .labelled_by(label.id);
                ui.end_row();
                let label = ui.label("Prefix filter");
                ui.add(
                    egui::TextEdit::singleline(&mut settings.prefix)
                        .desired_width(200.0)
                        .hint_text("uploads/"),
                )
                .labelled_by(label.id);
                ui.end_row();
                let label = ui.label("Suffix filter");
                ui.add(
                    egui::TextEdit::singleline(&mut settings.suffix)
                        .desired_width(200.0)
                        .hint_text(".jpg"),
                )
                .labelled_by(label.id);
                ui.end_row();
            });
    });
    let dir = folder(settings, &default_dir);
    let start = Ok(start(settings, &default_dir));
    start_stop(ui, SourceKind::Bucket, slot, config, start, commands);
    if slot.is_running() {
        ui.horizontal_wrapped(|ui| {
            ui.label("Put files in");
            ui.label(RichText::new(&dir).monospace());
            if ui.small_button("📋 Copy path").clicked() {
                ui.ctx().copy_text(dir.clone());
            }
        });
    }
    slot_report(ui, slot);
}

/// The folder to watch: the one typed, else the data folder's `bucket`.
pub(super) fn folder(settings: &BucketSettings, default_dir: &str) -> String {
    let typed = settings.folder.trim();
    if typed.is_empty() {
        default_dir.to_owned()
    } else {
        typed.to_owned()
    }
}

/// What Start starts.
pub(super) fn start(settings: &BucketSettings, default_dir: &str) -> SourceStart {
    SourceStart::Bucket {
        dir: folder(settings, default_dir).into(),
        prefix: settings.prefix.clone(),
        suffix: settings.suffix.clone(),
    }
}
