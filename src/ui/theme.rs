//! Colours, text sizes and spacing: the only place the palette lives.

use egui::{Color32, FontFamily, FontId, TextStyle};

use crate::state::{Progress, ThemeChoice};

/// A subset of DejaVu Sans (arrows, maths, Greek, shapes) that egui's default font lacks;
/// lesson authors write "S3 → Lambda" and "≈ 2 ms". See assets/fonts/make_fallback_font.sh.
const FALLBACK_FONT: &[u8] = include_bytes!("../../assets/fonts/DejaVuSans-subset.ttf");
const FALLBACK_FONT_NAME: &str = "DejaVuSans-subset";

/// Fonts (with the fallback last in each family) and text sizes picked for reading long
/// lessons at 1280×800.
pub fn install(ctx: &egui::Context) {
    let mut fonts = egui::FontDefinitions::default();
    fonts.font_data.insert(
        FALLBACK_FONT_NAME.to_owned(),
        std::sync::Arc::new(egui::FontData::from_static(FALLBACK_FONT)),
    );
    for family in [FontFamily::Proportional, FontFamily::Monospace] {
        fonts
            .families
            .entry(family)
            .or_default()
            .push(FALLBACK_FONT_NAME.to_owned());
    }
    ctx.set_fonts(fonts);
    ctx.all_styles_mut(|style| {
        style.text_styles = [
            (
                TextStyle::Heading,
                FontId::new(22.0, FontFamily::Proportional),
            ),
            (TextStyle::Body, FontId::new(15.0, FontFamily::Proportional)),
            (
                TextStyle::Button,
                FontId::new(14.5, FontFamily::Proportional),
            ),
            (
                TextStyle::Small,
                FontId::new(12.0, FontFamily::Proportional),
            ),
            (
                TextStyle::Monospace,
                FontId::new(13.5, FontFamily::Monospace),
            ),
        ]
        .into();
        style.spacing.item_spacing = egui::vec2(8.0, 6.0);
        style.spacing.button_padding = egui::vec2(8.0, 4.0);
    });
}

pub fn apply_choice(ctx: &egui::Context, choice: ThemeChoice) {
    ctx.set_theme(match choice {
        ThemeChoice::System => egui::ThemePreference::System,
        ThemeChoice::Light => egui::ThemePreference::Light,
        ThemeChoice::Dark | ThemeChoice::HighContrast => egui::ThemePreference::Dark,
    });
    // The app calls this only when the choice changes, so setting the dark style each time
    // costs nothing per frame.
    ctx.set_visuals_of(
        egui::Theme::Dark,
        if choice == ThemeChoice::HighContrast {
            high_contrast_visuals()
        } else {
            egui::Visuals::dark()
        },
    );
}

/// Dark visuals pushed to white on black, with thicker, brighter outlines on controls.
fn high_contrast_visuals() -> egui::Visuals {
    let mut visuals = egui::Visuals::dark();
    visuals.panel_fill = Color32::BLACK;
    visuals.window_fill = Color32::BLACK;
    visuals.extreme_bg_color = Color32::BLACK;
    visuals.faint_bg_color = Color32::from_gray(20);
    visuals.override_text_color = Some(Color32::WHITE);
    let outline = egui::Stroke::new(1.5, Color32::from_gray(220));
    for widget in [
        &mut visuals.widgets.inactive,
        &mut visuals.widgets.hovered,
        &mut visuals.widgets.active,
        &mut visuals.widgets.open,
    ] {
        widget.bg_stroke = outline;
        widget.fg_stroke = egui::Stroke::new(1.5, Color32::WHITE);
    }
    visuals.widgets.noninteractive.bg_stroke = egui::Stroke::new(1.0, Color32::from_gray(160));
    visuals.widgets.noninteractive.fg_stroke = egui::Stroke::new(1.0, Color32::WHITE);
    visuals.selection.bg_fill = Color32::from_rgb(0, 90, 200);
    visuals.selection.stroke = egui::Stroke::new(1.5, Color32::WHITE);
    visuals
}

/// Red for errors, readable on both themes.
pub fn error_colour(ui: &egui::Ui) -> Color32 {
    if ui.visuals().dark_mode {
        Color32::from_rgb(255, 120, 110)
    } else {
        Color32::from_rgb(190, 30, 30)
    }
}

/// Background tint for error panels.
pub fn error_fill(ui: &egui::Ui) -> Color32 {
    if ui.visuals().dark_mode {
        Color32::from_rgb(60, 24, 24)
    } else {
        Color32::from_rgb(255, 236, 234)
    }
}

/// Lambda orange, for the selected navigation entry and progress marks.
pub fn accent(ui: &egui::Ui) -> Color32 {
    if ui.visuals().dark_mode {
        Color32::from_rgb(255, 153, 0)
    } else {
        Color32::from_rgb(200, 100, 0)
    }
}

pub fn success(ui: &egui::Ui) -> Color32 {
    if ui.visuals().dark_mode {
        Color32::from_rgb(110, 210, 120)
    } else {
        Color32::from_rgb(20, 130, 50)
    }
}

/// The glyph and colour of a lesson's progress mark.
pub fn progress_mark(ui: &egui::Ui, progress: Progress) -> (&'static str, Color32) {
    match progress {
        Progress::NotStarted => ("○", ui.visuals().weak_text_color()),
        Progress::Read => ("◐", accent(ui)),
        Progress::QuizPassed => ("●", success(ui)),
    }
}

/// Widest a line of lesson text gets, so lines stay readable on wide windows; narrower
/// windows get lines as wide as they are.
pub const READING_WIDTH: f32 = 820.0;

/// Room a lesson's code block needs beside its longest line: the editor's margins, its
/// frame, and the copy button's corner.
pub const CODE_BLOCK_PADDING: f32 = 28.0;

/// Width of the navigation rail and the lesson list.
pub const RAIL_WIDTH: f32 = 144.0;
pub const LESSON_LIST_WIDTH: f32 = 270.0;
/// How narrow and wide the learner can drag the lesson list.
pub const LESSON_LIST_MIN_WIDTH: f32 = 200.0;
pub const LESSON_LIST_MAX_WIDTH: f32 = 480.0;

// ---------------------------------------------------------------------------------------------
// The cold/warm/error palette and the Cold starts page's charts
// ---------------------------------------------------------------------------------------------

/// Picks the dark-theme or light-theme shade.
fn shade(ui: &egui::Ui, dark: Color32, light: Color32) -> Color32 {
    if ui.visuals().dark_mode { dark } else { light }
}

/// Cold starts and initialising environments: ice blue.
pub fn cold(ui: &egui::Ui) -> Color32 {
    shade(
        ui,
        Color32::from_rgb(90, 170, 255),
        Color32::from_rgb(20, 100, 200),
    )
}

/// Warm starts: green, like success.
pub fn warm(ui: &egui::Ui) -> Color32 {
    success(ui)
}

/// Throttled requests (HTTP 429): the error red.
pub fn throttled(ui: &egui::Ui) -> Color32 {
    error_colour(ui)
}

/// Environments running a request.
pub fn busy(ui: &egui::Ui) -> Color32 {
    accent(ui)
}

/// Idle environments, waiting to be reused or reclaimed.
pub fn idle(ui: &egui::Ui) -> Color32 {
    shade(
        ui,
        Color32::from_rgb(150, 150, 160),
        Color32::from_rgb(120, 120, 130),
    )
}

/// Provisioned environments.
pub fn provisioned(ui: &egui::Ui) -> Color32 {
    shade(
        ui,
        Color32::from_rgb(200, 140, 255),
        Color32::from_rgb(120, 50, 180),
    )
}

/// Requests in flight (concurrency).
pub fn concurrency(ui: &egui::Ui) -> Color32 {
    ui.visuals().strong_text_color()
}

/// How many handler colours [`handler`] has before it repeats.
pub const HANDLER_COLOURS: usize = 6;

/// One colour per handler on the session timeline: hues apart from the cold/warm/error
/// palette, so a handler's stripe is not read as a state.
pub fn handler(ui: &egui::Ui, index: usize) -> Color32 {
    let dark = [
        Color32::from_rgb(255, 170, 60),
        Color32::from_rgb(200, 140, 255),
        Color32::from_rgb(80, 210, 200),
        Color32::from_rgb(255, 120, 180),
        Color32::from_rgb(220, 220, 90),
        Color32::from_rgb(160, 160, 255),
    ];
    let light = [
        Color32::from_rgb(200, 110, 0),
        Color32::from_rgb(120, 50, 180),
        Color32::from_rgb(0, 130, 120),
        Color32::from_rgb(190, 40, 110),
        Color32::from_rgb(130, 120, 0),
        Color32::from_rgb(60, 60, 190),
    ];
    let index = index % HANDLER_COLOURS;
    shade(ui, dark[index], light[index])
}

/// Latency percentiles p50, p90, p99 and the maximum, light to dark.
pub fn percentile(ui: &egui::Ui, index: usize) -> Color32 {
    let dark = [
        Color32::from_rgb(120, 200, 255),
        Color32::from_rgb(70, 150, 235),
        Color32::from_rgb(40, 95, 200),
        Color32::from_rgb(150, 150, 160),
    ];
    let light = [
        Color32::from_rgb(110, 175, 235),
        Color32::from_rgb(40, 110, 200),
        Color32::from_rgb(20, 55, 140),
        Color32::from_rgb(120, 120, 130),
    ];
    let index = index.min(dark.len() - 1);
    shade(ui, dark[index], light[index])
}

/// The "model" badge next to every modelled number.
pub fn model_badge(ui: &egui::Ui) -> (Color32, Color32) {
    let text = shade(
        ui,
        Color32::from_rgb(200, 170, 255),
        Color32::from_rgb(100, 40, 160),
    );
    let fill = shade(
        ui,
        Color32::from_rgb(45, 35, 65),
        Color32::from_rgb(240, 232, 252),
    );
    (text, fill)
}

/// The background of the "what to look for" note of an experiment.
pub fn note_fill(ui: &egui::Ui) -> Color32 {
    shade(
        ui,
        Color32::from_rgb(50, 40, 20),
        Color32::from_rgb(255, 244, 225),
    )
}

/// Width of the simulator's inputs panel on the Cold starts page.
pub const INPUTS_PANEL_WIDTH: f32 = 310.0;

/// Height of a time-series chart.
pub const CHART_HEIGHT: f32 = 210.0;

/// Text size of a summary number.
pub const STAT_VALUE_SIZE: f32 = 21.0;

/// Narrowest a summary card gets, margins included ("Peak concurrency" and its badge fit).
pub const STAT_MIN_WIDTH: f32 = 170.0;
