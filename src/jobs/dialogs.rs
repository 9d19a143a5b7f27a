//! Native open and save dialogs that never block the window: rfd's asynchronous dialogs, each
//! driven on a short-lived thread of its own; the path chosen (or none) comes back to the app
//! as an [`AppCommand::DialogClosed`].

use std::path::PathBuf;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

use super::Inbox;
use crate::command::{AppCommand, FileRequest};

/// A dialog that closed with nothing chosen sooner than this never appeared.
const NO_DIALOG_WITHIN: Duration = Duration::from_millis(300);

/// The app's handle on its dialogs: at most one is open at a time.
pub struct Dialogs {
    inbox: Inbox,
    open: Arc<AtomicBool>,
}

impl Dialogs {
    pub fn new(inbox: Inbox) -> Self {
        Self {
            inbox,
            open: Arc::new(AtomicBool::new(false)),
        }
    }

    /// Whether a dialog is open now.
    pub fn is_open(&self) -> bool {
        self.open.load(Ordering::SeqCst)
    }

    /// Opens the dialog `request` asks for; false when another one is still open.
    pub fn open(&self, request: FileRequest) -> bool {
        if self.open.swap(true, Ordering::SeqCst) {
            return false;
        }
        let inbox = self.inbox.clone();
        let open = Arc::clone(&self.open);
        let dialog = dialog_for(&request);
        let spawned = std::thread::Builder::new()
            .name("file-dialog".to_owned())
            .spawn(move || {
                let started = Instant::now();
                let path = pollster::block_on(dialog.run());
                open.store(false, Ordering::SeqCst);
                // rfd answers "nothing chosen" both when the learner cancels and when no
                // dialog could be shown (no desktop portal, no zenity). Nobody cancels a
                // dialog this fast, so an instant "nothing" means there was no dialog.
                let failed = path.is_none() && started.elapsed() < NO_DIALOG_WITHIN;
                inbox.send(AppCommand::DialogClosed {
                    request,
                    path,
                    failed,
                });
            });
        if let Err(error) = spawned {
            self.open.store(false, Ordering::SeqCst);
            log::error!("could not start the file dialog's thread: {error}");
            return false;
        }
        true
    }
}

/// The dialog a request needs: an open dialog for imports, a save dialog with the suggested
/// name for everything saved.
fn dialog_for(request: &FileRequest) -> Dialog {
    match request {
        FileRequest::ImportEvent => Dialog::Open(
            rfd::AsyncFileDialog::new()
                .set_title("Import an event")
                .add_filter("JSON", &["json"]),
        ),
        FileRequest::AddLayer { folder: true, .. } => {
            Dialog::Folder(rfd::AsyncFileDialog::new().set_title("Attach a folder as a layer"))
        }
        FileRequest::AddLayer { folder: false, .. } => Dialog::Open(
            rfd::AsyncFileDialog::new()
                .set_title("Attach a layer .zip")
                .add_filter("Layer archive", &["zip"]),
        ),
        FileRequest::ExportForAws(export) => {
            Dialog::Folder(rfd::AsyncFileDialog::new().set_title(format!(
                "Export for AWS: the folder to put {}-aws into",
                export.config.function_name
            )))
        }
        FileRequest::SaveAs(save) => Dialog::Save(
            rfd::AsyncFileDialog::new()
                .add_filter(save.kind, &[save.extension])
                .set_file_name(format!("{}.{}", save.file_stem, save.extension)),
        ),
    }
}

/// A dialog ready to show.
enum Dialog {
    Open(rfd::AsyncFileDialog),
    Folder(rfd::AsyncFileDialog),
    Save(rfd::AsyncFileDialog),
}

impl Dialog {
    /// Shows the dialog and waits for the learner's choice.
    async fn run(self) -> Option<PathBuf> {
        let chosen = match self {
            Self::Open(dialog) => dialog.pick_file().await,
            Self::Folder(dialog) => dialog.pick_folder().await,
            Self::Save(dialog) => dialog.save_file().await,
        };
        chosen.map(|handle| handle.path().to_path_buf())
    }
}
