//! Everything drawn with egui: the shell (navigation rail, status bar), the page list, and one
//! folder per page. Pages read an [`AppView`] and push [`AppCommand`]s; they never change app
//! state, start threads or touch files themselves.

pub mod cold_starts;
pub mod cost;
pub mod event_sources;
pub mod lessons;
pub mod playground;
pub mod status;
pub mod theme;
pub mod widgets;

use crate::command::AppCommand;
use crate::content::locate::LessonsLocation;
use crate::content::{LessonPack, PackError, Samples};
use crate::jobs::Jobs;
use crate::session::Session;
use crate::state::{Page, State, ThemeChoice};
use crate::workspace::{Workspace, WorkspaceFiles};

/// What every page may read, each frame: the app's state, this run's session, the background
/// work, the content and the learner's files as last listed.
pub struct AppView<'a> {
    pub state: &'a State,
    pub session: &'a Session,
    pub jobs: &'a Jobs,
    pub samples: &'a Samples,
    pub workspace: &'a Workspace,
    pub workspace_files: &'a WorkspaceFiles,
    pub pack: &'a Result<LessonPack, PackError>,
    pub lessons_location: &'a LessonsLocation,
    pub status: &'a status::StatusBar,
}

/// The pages' own parts: what each is editing or has laid out. One field per page that needs
/// one; the Cold starts page needs none.
pub struct Pages {
    pub lessons: lessons::LessonsPage,
    pub playground: playground::PlaygroundPage,
    pub cost: cost::CostPage,
}

/// Draws the whole window for one frame.
pub fn shell(
    ui: &mut egui::Ui,
    view: &AppView<'_>,
    pages: &mut Pages,
    commands: &mut Vec<AppCommand>,
) {
    egui::Panel::bottom("status_bar").show(ui, |ui| {
        status::show(
            ui,
            view.status,
            view.lessons_location,
            view.state.zoom,
            commands,
        );
    });
    egui::Panel::left("navigation_rail")
        .resizable(false)
        .exact_size(theme::RAIL_WIDTH)
        .show(ui, |ui| navigation_rail(ui, view.state, commands));
    if let Some(hint) = view
        .state
        .try_it_hint
        .as_ref()
        .filter(|hint| hint.page == view.state.page)
    {
        egui::Panel::top("try_it_hint").show(ui, |ui| {
            ui.horizontal_wrapped(|ui| {
                ui.label(
                    egui::RichText::new("Look for:")
                        .strong()
                        .color(theme::accent(ui)),
                );
                ui.label(&hint.text);
                if ui
                    .small_button("✖")
                    .on_hover_text("Hide this hint")
                    .clicked()
                {
                    commands.push(AppCommand::DismissTryItHint);
                }
            });
        });
    }
    egui::CentralPanel::default().show(ui, |ui| match view.state.page {
        Page::Lessons => pages
            .lessons
            .ui(ui, view.state, view.pack, view.samples, commands),
        Page::Playground => pages.playground.ui(ui, view, commands),
        Page::Cost => {
            let source = pages.playground.sweep_source(view, &view.state.playground);
            pages.cost.ui(ui, view, source, commands);
        }
        Page::ColdStarts => cold_starts::ui(ui, view, commands),
        Page::EventSources => {
            let source = pages.playground.sweep_source(view, &view.state.playground);
            event_sources::ui(ui, view, &source.config, commands);
        }
    });
}

fn navigation_rail(ui: &mut egui::Ui, state: &State, commands: &mut Vec<AppCommand>) {
    ui.add_space(8.0);
    ui.label(
        egui::RichText::new("λ Lambda Lab")
            .strong()
            .color(theme::accent(ui)),
    );
    ui.add_space(10.0);
    for page in Page::ALL {
        let selected = state.page == page;
        let button = egui::Button::selectable(selected, page.label())
            .min_size(egui::vec2(ui.available_width(), 30.0));
        if ui.add(button).clicked() && !selected {
            commands.push(AppCommand::Navigate(page));
        }
    }
    ui.with_layout(egui::Layout::bottom_up(egui::Align::Min), |ui| {
        ui.add_space(6.0);
        let dark = ui.visuals().dark_mode;
        let (label, next) = if dark {
            ("☀ Light theme", ThemeChoice::Light)
        } else {
            ("🌙 Dark theme", ThemeChoice::Dark)
        };
        if ui
            .button(label)
            .on_hover_text("Switch between light and dark")
            .clicked()
        {
            commands.push(AppCommand::SetTheme(next));
        }
    });
}
