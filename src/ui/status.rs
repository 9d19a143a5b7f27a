//! The status bar: the latest error or notice with a way to dismiss it, plus zoom controls
//! and where the lessons come from.

use crate::command::{AppCommand, Level, Message};
use crate::content::locate::LessonsLocation;

/// Messages for the status bar; the newest is shown. Bounded so a long session stays small.
#[derive(Debug, Default)]
pub struct StatusBar {
    messages: Vec<Message>,
}

const MAX_MESSAGES: usize = 50;

impl StatusBar {
    pub fn info(&mut self, text: impl Into<String>) {
        self.push(Level::Info, text.into());
    }

    pub fn error(&mut self, text: impl Into<String>) {
        let text = text.into();
        log::warn!("{text}");
        self.push(Level::Error, text);
    }

    fn push(&mut self, level: Level, text: String) {
        if self.messages.len() == MAX_MESSAGES {
            self.messages.remove(0);
        }
        self.messages.push(Message { level, text });
    }

    pub fn current(&self) -> Option<&Message> {
        self.messages.last()
    }

    pub fn dismiss(&mut self) {
        self.messages.pop();
    }
}

pub fn show(
    ui: &mut egui::Ui,
    status: &StatusBar,
    lessons: &LessonsLocation,
    zoom: f32,
    commands: &mut Vec<AppCommand>,
) {
    // The zoom controls first, from the right: the message then gets the width left, and a
    // long one is cut short (whole on hover) instead of running under them.
    ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
        if ui
            .small_button("+")
            .on_hover_text("Zoom in (Ctrl +)")
            .clicked()
        {
            commands.push(AppCommand::SetZoom(zoom + 0.1));
        }
        if ui
            .small_button(format!("{:.0}%", zoom * 100.0))
            .on_hover_text("Reset zoom (Ctrl 0)")
            .clicked()
        {
            commands.push(AppCommand::SetZoom(1.0));
        }
        if ui
            .small_button("−")
            .on_hover_text("Zoom out (Ctrl −)")
            .clicked()
        {
            commands.push(AppCommand::SetZoom(zoom - 0.1));
        }
        ui.weak("Zoom");
        if ui
            .small_button("🎓 Presenter")
            .on_hover_text("For a projector: 150 % zoom, the lesson list hidden, high contrast")
            .clicked()
        {
            commands.push(AppCommand::PresenterPreset);
        }
        ui.separator();
        ui.with_layout(
            egui::Layout::left_to_right(egui::Align::Center),
            |ui| match status.current() {
                Some(message) => {
                    let colour = match message.level {
                        Level::Error => super::theme::error_colour(ui),
                        Level::Info => ui.visuals().text_color(),
                    };
                    if ui.small_button("Dismiss").clicked() {
                        commands.push(AppCommand::DismissStatus);
                    }
                    let prefix = if message.level == Level::Error {
                        "⚠ "
                    } else {
                        ""
                    };
                    ui.add(
                        egui::Label::new(
                            egui::RichText::new(format!("{prefix}{}", message.text)).color(colour),
                        )
                        .truncate(),
                    )
                    .on_hover_text(&message.text);
                }
                None => {
                    ui.add(
                        egui::Label::new(
                            egui::RichText::new(format!("Lessons from {}", lessons.dir.display()))
                                .weak(),
                        )
                        .truncate(),
                    );
                }
            },
        );
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_the_newest_and_stays_bounded() {
        let mut bar = StatusBar::default();
        for n in 0..(MAX_MESSAGES + 10) {
            bar.info(format!("message {n}"));
        }
        bar.error("boom");
        assert_eq!(bar.messages.len(), MAX_MESSAGES);
        assert_eq!(bar.current().map(|m| m.level), Some(Level::Error));
        bar.dismiss();
        assert_eq!(
            bar.current().map(|m| m.text.as_str()),
            Some(format!("message {}", MAX_MESSAGES + 9).as_str())
        );
    }
}
