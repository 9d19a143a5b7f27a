//! A monospace editor with line numbers, syntax highlighting and a marked error line, which
//! stays quick with a 6 MB text: its layout and line numbers are kept between frames and
//! made again only when the text, the width or the look changes.

use std::sync::Arc;

use egui::Galley;

/// Above this many lines the numbers column stops counting (its own layout would cost more
/// than the editor's).
const MAX_NUMBERED_LINES: usize = 200_000;

/// What a laid-out text depends on besides the text itself.
#[derive(Clone, Copy, Debug, PartialEq)]
struct Look {
    highlight: bool,
    dark_mode: bool,
    font_size: f32,
    pixels_per_point: f32,
}

/// A layout kept for as long as what it was made from (`K`) stays the same.
type Kept<K> = Option<(K, Arc<Galley>)>;

/// One editor's memory between frames.
#[derive(Default)]
pub struct CodeArea {
    /// The text's hash and its line count.
    lines: Option<(u64, usize)>,
    /// The line numbers column, for (line count, error line, look).
    numbers: Kept<(usize, Option<usize>, Look)>,
    /// The text's layout, for (text hash, wrap width, look).
    galley: Kept<(u64, f32, Look)>,
    /// Scroll back to the first line on the next frame (another file was opened).
    to_top: bool,
    /// How many whole lines the editor showed when last drawn.
    visible_lines: usize,
    /// How tall the editor was when last drawn, in points.
    viewport_height: f32,
}

impl CodeArea {
    /// How many whole lines the editor showed when last drawn (the Playground promises a
    /// minimum; tests check it).
    pub fn visible_lines(&self) -> usize {
        self.visible_lines
    }

    /// How tall the editor was when last drawn, in points.
    pub fn viewport_height(&self) -> f32 {
        self.viewport_height
    }

    /// How tall the editor must be to show `lines` whole lines.
    pub fn height_for_lines(ui: &egui::Ui, lines: f32) -> f32 {
        let font = egui::TextStyle::Monospace.resolve(ui.style());
        let row_height = ui.fonts_mut(|fonts| fonts.row_height(&font));
        lines * row_height + Self::margin(ui) + 1.0
    }

    /// What the text edit's own margin takes of the editor's height.
    fn margin(ui: &egui::Ui) -> f32 {
        2.0 * ui.spacing().item_spacing.y
    }

    /// Shows the text from its first line on the next frame.
    pub fn scroll_to_top(&mut self) {
        self.to_top = true;
    }

    /// Shows the editor for `text` in `language` ("js", "json"); `name` is its accessible
    /// name. Highlighting only when `highlight`. Returns whether the text changed.
    #[allow(clippy::too_many_arguments)]
    pub fn show(
        &mut self,
        ui: &mut egui::Ui,
        id: &str,
        name: &str,
        text: &mut String,
        language: &str,
        error_line: Option<usize>,
        highlight: bool,
    ) -> bool {
        let font = egui::TextStyle::Monospace.resolve(ui.style());
        let look = Look {
            highlight,
            dark_mode: ui.visuals().dark_mode,
            font_size: font.size,
            pixels_per_point: ui.ctx().pixels_per_point(),
        };
        let lines = self.line_count(text);
        let numbers = self.numbers(ui, lines, error_line, look);
        let theme_colours =
            egui_extras::syntax_highlighting::CodeTheme::from_memory(ui.ctx(), ui.style());
        let cached = &mut self.galley;
        let mut layouter = |ui: &egui::Ui, buffer: &dyn egui::TextBuffer, wrap_width: f32| {
            let key = (egui::epaint::util::hash(buffer.as_str()), wrap_width, look);
            if let Some((cached_key, galley)) = cached.as_ref()
                && *cached_key == key
            {
                return Arc::clone(galley);
            }
            let mut job = if highlight {
                egui_extras::syntax_highlighting::highlight(
                    ui.ctx(),
                    ui.style(),
                    &theme_colours,
                    buffer.as_str(),
                    language,
                )
            } else {
                egui::text::LayoutJob::simple(
                    buffer.as_str().to_owned(),
                    font.clone(),
                    ui.visuals().text_color(),
                    f32::INFINITY,
                )
            };
            job.wrap.max_width = f32::INFINITY;
            let galley = ui.fonts_mut(|fonts| fonts.layout_job(job));
            *cached = Some((key, Arc::clone(&galley)));
            galley
        };
        let mut changed = false;
        let mut area = egui::ScrollArea::both()
            .id_salt(id)
            .auto_shrink([false, false]);
        if std::mem::take(&mut self.to_top) {
            area = area
                .vertical_scroll_offset(0.0)
                .horizontal_scroll_offset(0.0);
        }
        let row_height = ui.fonts_mut(|fonts| fonts.row_height(&font));
        let output = area.show(ui, |ui| {
            ui.horizontal_top(|ui| {
                ui.add(egui::Label::new(numbers).selectable(false));
                let response = ui.add(
                    egui::TextEdit::multiline(text)
                        // A fixed id, so keyboard focus can be given to it (benchmarks).
                        .id(egui::Id::unique(id))
                        .code_editor()
                        .desired_width(f32::INFINITY)
                        .desired_rows(20)
                        .lock_focus(true)
                        .layouter(&mut layouter),
                );
                response.widget_info(|| {
                    egui::WidgetInfo::labeled(egui::Role::MultilineTextInput, true, name)
                });
                changed = response.changed();
            });
        });
        self.viewport_height = output.inner_rect.height();
        let text_height = self.viewport_height - Self::margin(ui);
        self.visible_lines = (text_height / row_height).max(0.0).floor() as usize;
        changed
    }

    /// Lines in `text` as the numbers column counts them (a final newline opens one more).
    fn line_count(&mut self, text: &str) -> usize {
        let hash = egui::epaint::util::hash(text);
        match self.lines {
            Some((known, lines)) if known == hash => lines,
            _ => {
                let lines = text.lines().count().max(1) + usize::from(text.ends_with('\n'));
                self.lines = Some((hash, lines));
                lines
            }
        }
    }

    fn numbers(
        &mut self,
        ui: &egui::Ui,
        lines: usize,
        error_line: Option<usize>,
        look: Look,
    ) -> Arc<Galley> {
        let key = (lines, error_line, look);
        if let Some((cached_key, galley)) = &self.numbers
            && *cached_key == key
        {
            return Arc::clone(galley);
        }
        let font = egui::TextStyle::Monospace.resolve(ui.style());
        let weak = egui::TextFormat::simple(font.clone(), ui.visuals().weak_text_color());
        let marked = egui::TextFormat::simple(font, ui.visuals().error_fg_color);
        let mut job = egui::text::LayoutJob::default();
        let mut plain = String::new();
        for n in 1..=lines.min(MAX_NUMBERED_LINES) {
            if Some(n) == error_line {
                // One section per run of unmarked lines keeps the job small.
                job.append(&std::mem::take(&mut plain), 0.0, weak.clone());
                job.append(&format!("{n:>4}▶\n"), 0.0, marked.clone());
            } else {
                plain.push_str(&format!("{n:>4} \n"));
            }
        }
        job.append(&plain, 0.0, weak);
        let galley = ui.fonts_mut(|fonts| fonts.layout_job(job));
        self.numbers = Some((key, Arc::clone(&galley)));
        galley
    }
}
