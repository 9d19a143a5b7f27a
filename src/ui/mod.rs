//! Everything drawn with egui: the shell (navigation rail, status bar) and one module per
//! page. Pages read state and push [`AppCommand`]s; they never change state themselves.

pub mod cold_starts;
pub mod cost;
pub mod event_check;
pub mod lessons;
pub mod playground;
pub mod status;
pub mod theme;
pub mod widgets;

use crate::command::AppCommand;
use crate::content::locate::LessonsLocation;
use crate::content::{LessonPack, PackError};
use crate::simulation::SimulationWorker;
use crate::state::{Page, State, ThemeChoice};

/// What the shell and the pages read each frame.
pub struct ShellData<'a> {
    pub state: &'a State,
    pub pack: &'a Result<LessonPack, PackError>,
    pub lessons_location: &'a LessonsLocation,
    pub status: &'a status::StatusBar,
    /// The Cold starts simulations: the latest result and whether one is running.
    pub simulation: &'a SimulationWorker,
}

/// Draws the whole window for one frame.
pub fn shell(
    ui: &mut egui::Ui,
    data: ShellData<'_>,
    lessons_page: &mut lessons::LessonsPage,
    playground_page: &mut playground::PlaygroundPage,
    cost_page: &mut cost::CostPage,
    commands: &mut Vec<AppCommand>,
) {
    egui::Panel::bottom("status_bar").show(ui, |ui| {
        status::show(
            ui,
            data.status,
            data.lessons_location,
            data.state.zoom,
            commands,
        );
    });
    egui::Panel::left("navigation_rail")
        .resizable(false)
        .exact_size(theme::RAIL_WIDTH)
        .show(ui, |ui| navigation_rail(ui, data.state, commands));
    egui::CentralPanel::default().show(ui, |ui| match data.state.page {
        Page::Lessons => lessons_page.ui(ui, data.state, data.pack, commands),
        Page::Playground => playground_page.ui(ui, data.state, commands),
        Page::Cost => cost_page.ui(
            ui,
            data.state,
            cost::PlaygroundWork {
                history: playground_page.history(),
                job: playground_page.current_job(&data.state.playground),
            },
            commands,
        ),
        Page::ColdStarts => cold_starts::ui(
            ui,
            data.state,
            data.simulation,
            playground_page.history(),
            commands,
        ),
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
