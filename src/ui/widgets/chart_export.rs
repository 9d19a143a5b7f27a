//! Saving a chart: its data as CSV, and its picture as PNG cropped from a screenshot of
//! the window (egui renders charts on the GPU, so the window's own pixels are the chart).

use std::path::{Path, PathBuf};
use std::sync::mpsc::{Receiver, Sender, channel};

use image::ImageEncoder as _;

use crate::persist::{PersistError, write_atomically};
use crate::ui::status::{Level, Message};

#[derive(Debug, thiserror::Error)]
pub enum ExportError {
    #[error("the chart is not on screen: scroll to it and save again")]
    OffScreen,
    #[error("could not encode the PNG: {0}")]
    Encode(#[from] image::ImageError),
    #[error(transparent)]
    Write(#[from] PersistError),
}

/// The chart buttons' shared parts: where files go and the reports of finished saves.
pub struct ChartExporter {
    /// `--export-dir`: save here under the suggested name instead of asking with a dialog.
    folder: Option<PathBuf>,
    reports: Sender<Message>,
    finished: Receiver<Message>,
}

impl ChartExporter {
    pub fn new(folder: Option<PathBuf>) -> Self {
        let (reports, finished) = channel();
        Self {
            folder,
            reports,
            finished,
        }
    }

    /// Saves that finished since the last call, for the status bar.
    pub fn finished(&self) -> Vec<Message> {
        self.finished.try_iter().collect()
    }

    /// "CSV…" and "PNG…" buttons for a chart drawn in `chart_rect`. `csv` runs only when
    /// the learner asks for the file.
    pub fn buttons(
        &self,
        ui: &mut egui::Ui,
        file_stem: &str,
        chart_rect: egui::Rect,
        csv: impl FnOnce() -> String,
    ) {
        ui.horizontal(|ui| {
            let csv_clicked = ui
                .small_button("Save CSV…")
                .on_hover_text("The chart's numbers as a CSV file")
                .clicked();
            if csv_clicked && let Some(path) = self.choose(file_stem, "CSV", "csv") {
                let report = write_atomically(&path, csv().as_bytes()).map_err(ExportError::from);
                self.report(&path, report);
            }
            let png_clicked = ui
                .small_button("Save PNG…")
                .on_hover_text("The chart as it looks now, as a PNG picture")
                .clicked();
            if png_clicked && let Some(path) = self.choose(file_stem, "PNG", "png") {
                // Only the part of the chart the window shows can be captured.
                let region = chart_rect.intersect(ui.clip_rect());
                let pixels_per_point = ui.ctx().pixels_per_point();
                let reports = self.reports.clone();
                let ctx = ui.ctx().clone();
                ui.ctx().request_screenshot(move |screenshot| {
                    let report = crop_png(&screenshot, region, pixels_per_point)
                        .and_then(|png| write_atomically(&path, &png).map_err(ExportError::from));
                    // The page may be gone by now; then nobody is waiting for the report.
                    let _ = reports.send(saved_message(&path, report));
                    ctx.request_repaint();
                });
            }
        });
    }

    fn choose(&self, file_stem: &str, kind: &str, extension: &str) -> Option<PathBuf> {
        let file_name = format!("{file_stem}.{extension}");
        match &self.folder {
            Some(folder) => Some(folder.join(file_name)),
            None => rfd::FileDialog::new()
                .add_filter(kind, &[extension])
                .set_file_name(file_name)
                .save_file(),
        }
    }

    fn report(&self, path: &Path, report: Result<(), ExportError>) {
        // The receiver lives in `self`, so this cannot fail.
        let _ = self.reports.send(saved_message(path, report));
    }
}

fn saved_message(path: &Path, report: Result<(), ExportError>) -> Message {
    match report {
        Ok(()) => Message {
            level: Level::Info,
            text: format!("Saved {}", path.display()),
        },
        Err(error) => Message {
            level: Level::Error,
            text: format!("Could not save {}: {error}", path.display()),
        },
    }
}

/// The part of a window screenshot under `region` (in points), as PNG bytes.
pub fn crop_png(
    screenshot: &egui::ColorImage,
    region: egui::Rect,
    pixels_per_point: f32,
) -> Result<Vec<u8>, ExportError> {
    let [width, height] = screenshot.size;
    let to_pixels = |value: f32, limit: usize| {
        ((value * pixels_per_point).round().max(0.0) as usize).min(limit)
    };
    let (left, right) = (
        to_pixels(region.min.x, width),
        to_pixels(region.max.x, width),
    );
    let (top, bottom) = (
        to_pixels(region.min.y, height),
        to_pixels(region.max.y, height),
    );
    if right <= left || bottom <= top {
        return Err(ExportError::OffScreen);
    }
    let mut rgba = Vec::with_capacity((right - left) * (bottom - top) * 4);
    for row in top..bottom {
        for pixel in &screenshot.pixels[row * width + left..row * width + right] {
            rgba.extend_from_slice(&pixel.to_srgba_unmultiplied());
        }
    }
    let mut png = Vec::new();
    image::codecs::png::PngEncoder::new(&mut png).write_image(
        &rgba,
        (right - left) as u32,
        (bottom - top) as u32,
        image::ExtendedColorType::Rgba8,
    )?;
    Ok(png)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn screenshot() -> egui::ColorImage {
        // 40×20 pixels: the left half red, the right half blue.
        let pixels = (0..20)
            .flat_map(|_| {
                (0..40).map(|x| {
                    if x < 20 {
                        egui::Color32::RED
                    } else {
                        egui::Color32::BLUE
                    }
                })
            })
            .collect();
        egui::ColorImage::new([40, 20], pixels)
    }

    #[test]
    fn crops_the_region_in_pixels() {
        // At 2 pixels per point, points 10..20 × 0..5 are pixels 20..40 × 0..10: all blue.
        let region = egui::Rect::from_min_max(egui::pos2(10.0, 0.0), egui::pos2(20.0, 5.0));
        let png = crop_png(&screenshot(), region, 2.0).unwrap();
        let decoded = image::load_from_memory(&png).unwrap().to_rgba8();
        assert_eq!(decoded.dimensions(), (20, 10));
        assert!(decoded.pixels().all(|p| p.0 == [0, 0, 255, 255]));
    }

    #[test]
    fn a_region_past_the_edge_is_clipped_and_one_off_screen_is_refused() {
        let partly = egui::Rect::from_min_max(egui::pos2(-5.0, -5.0), egui::pos2(10.0, 100.0));
        let png = crop_png(&screenshot(), partly, 1.0).unwrap();
        let decoded = image::load_from_memory(&png).unwrap().to_rgba8();
        assert_eq!(decoded.dimensions(), (10, 20));
        assert!(decoded.pixels().all(|p| p.0 == [255, 0, 0, 255]));
        let below = egui::Rect::from_min_max(egui::pos2(0.0, 30.0), egui::pos2(10.0, 40.0));
        assert!(matches!(
            crop_png(&screenshot(), below, 1.0),
            Err(ExportError::OffScreen)
        ));
    }
}
