//! The Playground's layers: attach folders or .zip files to the handler in order (up to
//! Lambda's 5), from the shipped ones, the learner's workspace or anywhere on disk; see the
//! /opt the handler gets as a tree (which layer each file comes from, which copies a later
//! layer hides) and the 250 MB unzipped quota the code and its layers share.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use super::PlaygroundPage;
use crate::command::{AppCommand, FileRequest};
use crate::content::Samples;
use crate::model::format;
use crate::model::limits::{MAX_LAYERS, MAX_UNZIPPED_DEPLOYMENT_BYTES};
use crate::runtime::layers::{OptFile, OptListing};
use crate::state::PlaygroundSettings;
use crate::ui::AppView;

/// Files shown in the /opt tree at most (a layer of node_modules can hold thousands).
const MAX_FILES_SHOWN: usize = 400;

/// The layers `handler` runs with: the learner's list, else its sample's suggested ones.
pub fn attached(samples: &Samples, settings: &PlaygroundSettings, handler: &str) -> Vec<PathBuf> {
    if let Some(layers) = settings.layers.get(handler) {
        return layers.clone();
    }
    samples
        .handlers
        .as_ref()
        .ok()
        .and_then(|handlers| handlers.get(handler))
        .and_then(|sample| samples.layers.resolve(&sample.layers).ok())
        .unwrap_or_default()
}

/// How a layer is named in the list: a shipped layer by its name, else its file name.
fn layer_name(view: &AppView<'_>, path: &Path) -> String {
    view.samples
        .layers
        .name_of(path)
        .map(str::to_owned)
        .or_else(|| path.file_name().map(|n| n.to_string_lossy().into_owned()))
        .unwrap_or_else(|| path.display().to_string())
}

impl PlaygroundPage {
    /// The listing of `layers` arrived from the file thread.
    pub fn layers_listed(&mut self, layers: Vec<PathBuf>, listing: OptListing) {
        if self.layers_asked.as_ref() == Some(&layers) {
            self.layers_asked = None;
        }
        self.layer_listing = Some((layers, listing));
    }

    /// The listing for `layers`, asking the file thread for it when it is missing or stale.
    fn listing_for(
        &mut self,
        layers: &[PathBuf],
        commands: &mut Vec<AppCommand>,
    ) -> Option<&OptListing> {
        let current = self
            .layer_listing
            .as_ref()
            .is_some_and(|(listed, _)| listed == layers);
        if !current && self.layers_asked.as_deref() != Some(layers) {
            self.layers_asked = Some(layers.to_vec());
            commands.push(AppCommand::ListLayers(layers.to_vec()));
        }
        self.layer_listing
            .as_ref()
            .filter(|(listed, _)| listed == layers)
            .map(|(_, listing)| listing)
    }

    /// The Layers button of the function panel, and the window it opens.
    pub(super) fn layers_section(
        &mut self,
        ui: &mut egui::Ui,
        view: &AppView<'_>,
        next: &mut PlaygroundSettings,
        commands: &mut Vec<AppCommand>,
    ) {
        let handler = next.handler.clone();
        let mut layers = attached(view.samples, next, &handler);
        let listing = self.listing_for(&layers, commands).cloned();
        let total_bytes = listing.as_ref().map(OptListing::total_layer_bytes);
        let title = match total_bytes {
            Some(bytes) if !layers.is_empty() => format!(
                "Layers ({} of {MAX_LAYERS}) · {} unzipped",
                layers.len(),
                format::bytes(bytes as usize)
            ),
            _ => format!("Layers ({} of {MAX_LAYERS})", layers.len()),
        };
        let before = layers.clone();
        // A window of its own: the tree can be long, and the editors keep their height.
        if ui
            .selectable_label(self.layers_open, title)
            .on_hover_text("Attach layers to this handler and see what it gets under /opt")
            .clicked()
        {
            self.layers_open = !self.layers_open;
        }
        let mut open = self.layers_open;
        egui::Window::new(format!("Layers of {handler}"))
            .open(&mut open)
            .default_width(540.0)
            // At the right, clear of the Invoke button at the left.
            .pivot(egui::Align2::RIGHT_TOP)
            .default_pos(ui.ctx().content_rect().right_top() + egui::vec2(-16.0, 96.0))
            .resizable(true)
            .show(ui.ctx(), |ui| {
                ui.label(
                    egui::RichText::new(
                        "Lambda extracts each layer into /opt, in this order: a later layer's copy of a file wins.",
                    )
                    .weak()
                    .small(),
                );
                self.layer_rows(ui, view, &mut layers, listing.as_ref());
                if let Some(bytes) = total_bytes {
                    quota_bar(ui, bytes);
                }
                self.add_layer_row(ui, view, &handler, &mut layers, commands);
                if let Some(listing) = &listing
                    && !layers.is_empty()
                {
                    opt_tree(ui, view, &layers, listing);
                }
            });
        self.layers_open = open;
        if layers != before {
            next.layers.insert(handler, layers);
        }
    }

    fn layer_rows(
        &mut self,
        ui: &mut egui::Ui,
        view: &AppView<'_>,
        layers: &mut Vec<PathBuf>,
        listing: Option<&OptListing>,
    ) {
        let mut action: Option<(usize, i32)> = None;
        egui::Grid::new("layers_grid")
            .num_columns(4)
            .show(ui, |ui| {
                let count = layers.len();
                for (index, path) in layers.iter().enumerate() {
                    ui.label(format!("{}.", index + 1));
                    // Told by the name: no file system calls in the frame loop.
                    let kind = if path
                        .extension()
                        .is_some_and(|e| e.eq_ignore_ascii_case("zip"))
                    {
                        ".zip"
                    } else {
                        "folder"
                    };
                    ui.monospace(layer_name(view, path))
                        .on_hover_text(path.display().to_string());
                    let problem = listing.and_then(|l| {
                        l.problems
                            .iter()
                            .find(|(i, _)| *i == index)
                            .map(|(_, p)| p.clone())
                    });
                    match (problem, listing.and_then(|l| l.layer_bytes.get(index))) {
                        (Some(problem), _) => {
                            ui.colored_label(ui.visuals().error_fg_color, problem);
                        }
                        (None, Some(bytes)) => {
                            ui.label(format!("{kind}, {}", format::bytes(*bytes as usize)));
                        }
                        (None, None) => {
                            ui.label(kind);
                        }
                    }
                    ui.horizontal(|ui| {
                        if ui
                            .add_enabled(index > 0, egui::Button::new("⏶").small())
                            .on_hover_text("Earlier: extracted before the others")
                            .clicked()
                        {
                            action = Some((index, -1));
                        }
                        if ui
                            .add_enabled(index + 1 < count, egui::Button::new("⏷").small())
                            .on_hover_text("Later: its files win over earlier layers'")
                            .clicked()
                        {
                            action = Some((index, 1));
                        }
                        if ui
                            .small_button("✖")
                            .on_hover_text("Detach this layer")
                            .clicked()
                        {
                            action = Some((index, 0));
                        }
                    });
                    ui.end_row();
                }
            });
        match action {
            Some((index, 0)) => {
                layers.remove(index);
            }
            Some((index, -1)) => layers.swap(index, index - 1),
            Some((index, _)) => layers.swap(index, index + 1),
            None => {}
        }
    }

    fn add_layer_row(
        &mut self,
        ui: &mut egui::Ui,
        view: &AppView<'_>,
        handler: &str,
        layers: &mut Vec<PathBuf>,
        commands: &mut Vec<AppCommand>,
    ) {
        let full = layers.len() >= MAX_LAYERS;
        let full_text = format!("Lambda allows {MAX_LAYERS} layers per function");
        ui.add_enabled_ui(!full, |ui| {
            ui.horizontal_wrapped(|ui| {
                egui::ComboBox::from_id_salt("add_shipped_layer")
                    .selected_text("Add a shipped layer")
                    .show_ui(ui, |ui| {
                        for name in &view.samples.layers.names {
                            if ui.selectable_label(false, name).clicked()
                                && let Some(path) = view.samples.layers.path_of(name)
                            {
                                layers.push(path);
                            }
                        }
                    })
                    .response
                    .on_disabled_hover_text(&full_text)
                    .widget_info(|| {
                        egui::WidgetInfo::labeled(egui::Role::ComboBox, true, "Add a shipped layer")
                    });
                let workspace = &view.workspace_files.folders;
                egui::ComboBox::from_id_salt("add_workspace_layer")
                    .selected_text("Add a workspace folder")
                    .show_ui(ui, |ui| {
                        if workspace.is_empty() {
                            ui.label("No folders yet: make one in the workspace folder (nodejs/node_modules/… or python/…)");
                        }
                        for name in workspace {
                            if ui.selectable_label(false, name).clicked() {
                                layers.push(view.workspace.handlers_dir().join(name));
                            }
                        }
                    })
                    .response
                    .on_hover_text("Turn a folder of your workspace into a layer: its nodejs/, python/, bin/ and lib/ appear under /opt")
                    .on_disabled_hover_text(&full_text)
                    .widget_info(|| {
                        egui::WidgetInfo::labeled(
                            egui::Role::ComboBox,
                            true,
                            "Add a workspace folder",
                        )
                    });
                if ui
                    .button("Folder…")
                    .on_hover_text("Pick a folder laid out as the layer's zip would be")
                    .clicked()
                {
                    commands.push(AppCommand::RequestFile(FileRequest::AddLayer {
                        handler: handler.to_owned(),
                        folder: true,
                    }));
                }
                if ui
                    .button(".zip…")
                    .on_hover_text("Pick a layer .zip, as you would upload to publish-layer-version")
                    .clicked()
                {
                    commands.push(AppCommand::RequestFile(FileRequest::AddLayer {
                        handler: handler.to_owned(),
                        folder: false,
                    }));
                }
            });
            ui.horizontal(|ui| {
                ui.add(
                    egui::TextEdit::singleline(&mut self.layer_path)
                        .hint_text("or type a folder or .zip path")
                        .desired_width(280.0),
                )
                .widget_info(|| {
                    egui::WidgetInfo::labeled(egui::Role::TextInput, true, "Layer path")
                });
                let typed = self.layer_path.trim();
                if ui
                    .add_enabled(!typed.is_empty(), egui::Button::new("Add"))
                    .clicked()
                {
                    layers.push(PathBuf::from(typed));
                    self.layer_path.clear();
                }
                if ui
                    .small_button("↻")
                    .on_hover_text("Read the layers again (after you changed their files)")
                    .clicked()
                {
                    self.layer_listing = None;
                }
            });
        });
    }
}

/// The share of the 250 MB the layers take (the code counts too, checked at invoke).
fn quota_bar(ui: &mut egui::Ui, bytes: u64) {
    let fraction = bytes as f32 / MAX_UNZIPPED_DEPLOYMENT_BYTES as f32;
    let mut bar = egui::ProgressBar::new(fraction.min(1.0))
        .desired_width(ui.available_width().min(480.0))
        .text(format!(
            "layers: {} of 250 MB unzipped (code counts too)",
            format::bytes(bytes as usize)
        ));
    if fraction >= 1.0 {
        bar = bar.fill(ui.visuals().error_fg_color);
    }
    ui.add(bar).on_hover_text(format!(
        "Layers: {} of the {} bytes (250 MB) that the function's code and all its layers share, unzipped. Over it, Lambda refuses the function: Unzipped size must be smaller than … bytes.",
        format::count(bytes),
        format::count(MAX_UNZIPPED_DEPLOYMENT_BYTES),
    ));
}

/// A folder of the /opt tree: its files and subfolders.
#[derive(Default)]
struct Folder<'a> {
    files: Vec<&'a OptFile>,
    folders: BTreeMap<&'a str, Folder<'a>>,
}

/// The merged /opt, folder by folder.
fn opt_tree(ui: &mut egui::Ui, view: &AppView<'_>, layers: &[PathBuf], listing: &OptListing) {
    let mut root = Folder::default();
    for file in listing.files.iter().take(MAX_FILES_SHOWN) {
        let mut parts: Vec<&str> = file.path.split('/').collect();
        parts.pop();
        let mut folder = &mut root;
        for part in parts {
            folder = folder.folders.entry(part).or_default();
        }
        folder.files.push(file);
    }
    let names: Vec<String> = layers.iter().map(|l| layer_name(view, l)).collect();
    egui::CollapsingHeader::new(format!(
        "What the handler sees under /opt ({} files)",
        listing.files.len()
    ))
    .id_salt("opt_tree")
    .default_open(true)
    .show(ui, |ui| {
        egui::ScrollArea::vertical()
            .max_height(220.0)
            .auto_shrink([false, true])
            .show(ui, |ui| {
                show_folder(ui, "/opt", &root, &names);
                if listing.files.len() > MAX_FILES_SHOWN {
                    ui.label(format!(
                        "… and {} more files",
                        listing.files.len() - MAX_FILES_SHOWN
                    ));
                }
            });
    });
}

fn show_folder(ui: &mut egui::Ui, path: &str, folder: &Folder<'_>, names: &[String]) {
    for (name, child) in &folder.folders {
        let child_path = format!("{path}/{name}");
        egui::CollapsingHeader::new(egui::RichText::new(format!("{name}/")).monospace())
            .id_salt(&child_path)
            .default_open(true)
            .show(ui, |ui| show_folder(ui, &child_path, child, names));
    }
    for file in &folder.files {
        let name = file.path.rsplit('/').next().unwrap_or(&file.path);
        let from = names.get(file.from_layer).map_or("?", String::as_str);
        let mut note = format!("{}, from {from}", format::bytes(file.bytes as usize));
        if !file.hides.is_empty() {
            let hidden: Vec<&str> = file
                .hides
                .iter()
                .map(|i| names.get(*i).map_or("?", String::as_str))
                .collect();
            note.push_str(&format!(" (hides the copy in {})", hidden.join(", ")));
        }
        ui.horizontal(|ui| {
            ui.monospace(name);
            ui.label(egui::RichText::new(note).weak().small());
        });
    }
}
