//! One lesson: its header, the markdown with quizzes and Try it cards, the reading position
//! kept across restarts, and the way to the previous and next lessons.

use super::*;

impl LessonsPage {
    pub(super) fn lesson_view(
        &mut self,
        ui: &mut egui::Ui,
        state: &State,
        pack: &LessonPack,
        samples: &crate::content::Samples,
        current: usize,
        commands: &mut Vec<AppCommand>,
    ) {
        let Some(lesson) = pack.lessons.get(current) else {
            return;
        };
        let id = lesson.meta.id.as_str();
        lesson_header(ui, state, pack, current, lesson, commands);
        ui.separator();

        let saved = state.lesson_scroll.get(id).copied().unwrap_or(0.0);
        if self.shown_lesson.as_deref() != Some(id) {
            self.shown_lesson = Some(id.to_owned());
            self.restoring = Some(Restore {
                target: saved,
                content_height: 0.0,
                content_settled: false,
                frames: 0,
            });
        }
        if ui.input(|input| input.smooth_scroll_delta.y != 0.0) {
            self.restoring = None; // the learner took over
        }
        let mut scroll = egui::ScrollArea::vertical()
            .id_salt(("lesson", id))
            .auto_shrink([false, false]);
        if let Some(restore) = self.restoring.as_ref().filter(|r| r.content_settled) {
            scroll = scroll.vertical_scroll_offset(restore.target);
        }
        let output = scroll.show(ui, |ui| {
            // `set_max_width` sets the width, even wider than the window: cap, never widen.
            ui.set_max_width(ui.available_width().min(theme::READING_WIDTH));
            match &lesson.body {
                LessonBody::Ready { segments, .. } => {
                    let folder = lesson.folder().display().to_string();
                    for (index, segment) in segments.iter().enumerate() {
                        ui.push_id(index, |ui| match segment {
                            // No max_image_width: the renderer makes that a minimum for the
                            // whole text, so a narrow window cut lines and images off. Without
                            // it, text wraps and images scale down to the column's width.
                            Segment::Markdown(markdown) => {
                                CommonMarkViewer::new()
                                    .default_implicit_uri_scheme(format!("file://{folder}/"))
                                    .show(ui, self.markdown.get(), markdown);
                            }
                            Segment::Code(source) => code_block(ui, self.markdown.get(), source),
                            Segment::Quiz(Ok(quiz)) => {
                                self.quiz.show(ui, state, id, quiz, commands);
                            }
                            Segment::TryIt(Ok(tryit)) => match unknown_material(tryit, samples) {
                                Some(problem) => error_panel(
                                    ui,
                                    "This Try it names something the app does not have",
                                    &lesson.path,
                                    &problem,
                                    "Correct the ```tryit block, or add it to the pack's \
                                     handlers/ or events/; `lambda-lab lessons check` lists \
                                     every problem.",
                                ),
                                None => try_it_card(ui, tryit, commands),
                            },
                            Segment::TryIt(Err(problem)) => error_panel(
                                ui,
                                "This Try it action could not be read",
                                &lesson.path,
                                problem,
                                "Correct the ```tryit block; `lambda-lab lessons check` \
                                 lists every problem.",
                            ),
                            Segment::Exercise(Ok(exercise)) => {
                                super::exercise_card::show(
                                    ui,
                                    state,
                                    exercise,
                                    &pack.dir,
                                    &self.solutions,
                                    self.teacher,
                                    self.markdown.get(),
                                    commands,
                                );
                            }
                            Segment::Exercise(Err(problem)) => error_panel(
                                ui,
                                "This exercise could not be read",
                                &lesson.path,
                                problem,
                                "Correct the ```exercise block; `lambda-lab lessons check` \
                                 lists every problem.",
                            ),
                            Segment::Quiz(Err(problem)) => error_panel(
                                ui,
                                "This quiz could not be read",
                                &lesson.path,
                                problem,
                                "Correct the ```quiz block; `lambda-lab lessons check` \
                                 lists every problem.",
                            ),
                        });
                    }
                }
                LessonBody::Broken { problem, fix } => {
                    error_panel(
                        ui,
                        "This lesson could not be opened",
                        &lesson.path,
                        problem,
                        fix,
                    );
                    ui.add_space(8.0);
                    ui.label("The other lessons still work; pick one from the list.");
                }
            }
            ui.add_space(16.0);
            ui.separator();
            previous_next(ui, pack, current, commands);
            ui.add_space(24.0);
        });

        let offset = output.state.clamped_offset().y;
        if let Some(restore) = &mut self.restoring {
            if restore.settled(offset, output.content_size.y, ui.ctx().has_pending_images()) {
                self.restoring = None;
            } else {
                ui.ctx().request_repaint();
            }
        } else if (offset - saved).abs() > 0.5 {
            commands.push(AppCommand::LessonScrolled {
                lesson_id: id.to_owned(),
                offset,
            });
        }
        let reached_end = offset + output.inner_rect.height() >= output.content_size.y - 32.0;
        if reached_end
            && matches!(lesson.body, LessonBody::Ready { .. })
            && state.progress_of(id) < Progress::Read
        {
            commands.push(AppCommand::RecordProgress {
                lesson_id: id.to_owned(),
                progress: Progress::Read,
            });
        }
    }
}

/// Restoring a saved scroll offset over the first frames of showing a lesson. Images load
/// after the first frame, so the lesson grows for a few frames; an offset set before it
/// stops growing is clamped and then animated back, so the offset is set only once the
/// height has settled.
pub(super) struct Restore {
    target: f32,
    content_height: f32,
    content_settled: bool,
    frames: u32,
}

impl Restore {
    /// Called after each frame; true when restoring is over (reached, or it cannot be).
    fn settled(&mut self, offset: f32, content_height: f32, images_pending: bool) -> bool {
        const MAX_FRAMES: u32 = 30;
        if (offset - self.target).abs() <= 0.5 || self.content_settled {
            return true;
        }
        self.content_settled =
            self.frames > 0 && content_height == self.content_height && !images_pending;
        self.content_height = content_height;
        self.frames += 1;
        self.frames >= MAX_FRAMES
    }
}

pub(super) fn lesson_header(
    ui: &mut egui::Ui,
    state: &State,
    pack: &LessonPack,
    current: usize,
    lesson: &Lesson,
    commands: &mut Vec<AppCommand>,
) {
    ui.add_space(4.0);
    // The buttons are placed first and the line about the lesson wraps in the room left, so
    // in a narrow window the two never overlap.
    let mut from_left = Vec::new(); // both sides' closures cannot hold `commands`
    egui::Sides::new().shrink_left().show(
        ui,
        |ui| {
            super::list::list_toggle(ui, state, &mut from_left);
            let about = format!(
                "Lesson {} of {} · {} · {} min · {}",
                current + 1,
                pack.lessons.len(),
                lesson.meta.level.label(),
                lesson.meta.minutes,
                state.progress_of(&lesson.meta.id).label()
            );
            ui.add(egui::Label::new(egui::RichText::new(about).weak()).wrap());
        },
        |ui| previous_next_buttons(ui, pack, current, commands, "header"),
    );
    commands.extend(from_left);
}

/// A fenced code block, drawn by the markdown renderer (highlighting, copy button) but never
/// wrapped: when its longest line is wider than the column, it scrolls sideways instead, as
/// code does in an editor.
pub(super) fn code_block(ui: &mut egui::Ui, markdown: &mut CommonMarkCache, source: &str) {
    let longest = source
        .lines()
        .max_by_key(|line| line.chars().count())
        .unwrap_or_default();
    let font = egui::TextStyle::Monospace.resolve(ui.style());
    let line_width = ui
        .fonts_mut(|fonts| fonts.layout_no_wrap(longest.to_owned(), font, egui::Color32::WHITE))
        .size()
        .x;
    // The code editor's margins and frame around the text, with a little room to spare.
    let needed = line_width + theme::CODE_BLOCK_PADDING;
    if needed <= ui.available_width() {
        CommonMarkViewer::new().show(ui, markdown, source);
        return;
    }
    egui::ScrollArea::horizontal()
        .id_salt("code")
        .show(ui, |ui| {
            // The renderer's minimum width: the block is laid out as wide as its longest line.
            CommonMarkViewer::new()
                .max_image_width(Some(needed.ceil() as usize))
                .show(ui, markdown, source);
        });
}

pub(super) fn previous_next(
    ui: &mut egui::Ui,
    pack: &LessonPack,
    current: usize,
    commands: &mut Vec<AppCommand>,
) {
    ui.horizontal(|ui| {
        if let Some(previous) = current.checked_sub(1).and_then(|i| pack.lessons.get(i))
            && ui.button(format!("← {}", previous.meta.title)).clicked()
        {
            commands.push(AppCommand::OpenLesson(previous.meta.id.clone()));
        }
        ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
            if let Some(next) = pack.lessons.get(current + 1) {
                if ui.button(format!("{} →", next.meta.title)).clicked() {
                    commands.push(AppCommand::OpenLesson(next.meta.id.clone()));
                }
            } else {
                ui.weak("You reached the last lesson.");
            }
        });
    });
}

/// Compact buttons for the header (right-to-left layout, so Next is added first).
pub(super) fn previous_next_buttons(
    ui: &mut egui::Ui,
    pack: &LessonPack,
    current: usize,
    commands: &mut Vec<AppCommand>,
    place: &str,
) {
    let next = pack.lessons.get(current + 1);
    let previous = current.checked_sub(1).and_then(|i| pack.lessons.get(i));
    ui.push_id(place, |ui| {
        if ui
            .add_enabled(next.is_some(), egui::Button::new("Next →"))
            .on_hover_text(next.map(|l| l.meta.title.as_str()).unwrap_or("Last lesson"))
            .clicked()
            && let Some(next) = next
        {
            commands.push(AppCommand::OpenLesson(next.meta.id.clone()));
        }
        if ui
            .add_enabled(previous.is_some(), egui::Button::new("← Previous"))
            .on_hover_text(
                previous
                    .map(|l| l.meta.title.as_str())
                    .unwrap_or("First lesson"),
            )
            .clicked()
            && let Some(previous) = previous
        {
            commands.push(AppCommand::OpenLesson(previous.meta.id.clone()));
        }
    });
}

pub(super) fn show_pack_error(
    ui: &mut egui::Ui,
    error: &PackError,
    commands: &mut Vec<AppCommand>,
) {
    ui.add_space(12.0);
    let problem = error.to_string();
    let prefix = format!("{}: ", error.path().display());
    error_panel(
        ui,
        "The lessons could not be loaded",
        error.path(),
        problem.strip_prefix(&prefix).unwrap_or(&problem),
        error.fix(),
    );
    ui.add_space(8.0);
    ui.horizontal(|ui| {
        if ui.button("Try again").clicked() {
            commands.push(AppCommand::ReloadLessons);
        }
        ui.label("after fixing the file, or start with --lessons DIR to use another pack.");
    });
}

/// What a Try it names that neither the shipped samples nor the pack's own have: its handler
/// or its event. Unknown when the samples could not be read (the Playground says so).
fn unknown_material(tryit: &TryIt, samples: &crate::content::Samples) -> Option<String> {
    let setup = match &tryit.target {
        TryTarget::Playground(setup) | TryTarget::EventSources { handler: setup, .. } => setup,
        TryTarget::ColdStarts(_) | TryTarget::Cost(_) => return None,
    };
    if let Ok(handlers) = &samples.handlers
        && handlers.get(&setup.handler).is_none()
    {
        return Some(format!(
            "handler \"{}\" is not a sample handler",
            setup.handler
        ));
    }
    if let (Ok(events), Some(event)) = (&samples.events, &setup.event)
        && events.get(event).is_none()
    {
        return Some(format!("event \"{event}\" is not a sample event id"));
    }
    None
}

/// A lesson's "Try it" action: a button that opens the page set up for the experiment, and
/// the one line on what to look for.
pub(super) fn try_it_card(ui: &mut egui::Ui, tryit: &TryIt, commands: &mut Vec<AppCommand>) {
    ui.add_space(6.0);
    egui::Frame::group(ui.style())
        .fill(ui.visuals().faint_bg_color)
        .show(ui, |ui| {
            ui.set_width(ui.available_width());
            ui.horizontal_wrapped(|ui| {
                let destination = match &tryit.target {
                    TryTarget::Playground(_) => "opens the Playground",
                    TryTarget::ColdStarts(_) => "opens the Cold starts simulator",
                    TryTarget::Cost(_) => "opens the Cost page",
                    TryTarget::EventSources { .. } => "opens the Event sources page",
                };
                let button = egui::Button::new(
                    egui::RichText::new(format!("▶ Try it: {}", tryit.label)).strong(),
                );
                if ui.add(button).on_hover_text(destination).clicked() {
                    commands.push(AppCommand::TryIt(tryit.clone()));
                }
                ui.label(egui::RichText::new(destination).weak().small());
            });
            ui.label(format!("Look for: {}", tryit.look_for));
        });
    ui.add_space(6.0);
}
