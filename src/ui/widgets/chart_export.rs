//! Saving a chart: its data as CSV, and its picture as PNG cropped from a screenshot of the
//! window (egui renders charts on the GPU, so the window's own pixels are the chart). The
//! buttons only ask: the app offers a save dialog (or uses `--export-dir`) and writes the file
//! off the UI thread.

use std::sync::Arc;

use image::ImageEncoder as _;

use crate::command::{AppCommand, FileRequest, Level, Message, SaveAs, Written};
use crate::jobs::Inbox;

#[derive(Debug, thiserror::Error)]
pub enum ExportError {
    #[error("the chart is not on screen: scroll to it and save again")]
    OffScreen,
    #[error("could not encode the PNG: {0}")]
    Encode(#[from] image::ImageError),
}

/// The chart buttons' shared part: where a screenshot's PNG goes once it is taken.
pub struct ChartExporter {
    inbox: Inbox,
}

impl ChartExporter {
    pub fn new(inbox: Inbox) -> Self {
        Self { inbox }
    }

    /// "Save CSV…" and "Save PNG…" buttons for a chart drawn in `chart_rect`. `csv` runs only
    /// when the learner asks for the file.
    pub fn buttons(
        &self,
        ui: &mut egui::Ui,
        file_stem: &str,
        chart_rect: egui::Rect,
        csv: impl FnOnce() -> String,
        commands: &mut Vec<AppCommand>,
    ) {
        ui.horizontal(|ui| {
            if ui
                .small_button("Save CSV…")
                .on_hover_text("The chart's numbers as a CSV file")
                .clicked()
            {
                commands.push(AppCommand::RequestFile(FileRequest::SaveAs(SaveAs {
                    file_stem: file_stem.to_owned(),
                    kind: "CSV",
                    extension: "csv",
                    bytes: Arc::from(csv().into_bytes()),
                    what: Written::Export,
                })));
            }
            if ui
                .small_button("Save PNG…")
                .on_hover_text("The chart as it looks now, as a PNG picture")
                .clicked()
            {
                // The picture is taken now, as the learner sees it; only the part of the chart
                // the window shows can be captured.
                let region = chart_rect.intersect(ui.clip_rect());
                let pixels_per_point = ui.ctx().pixels_per_point();
                let inbox = self.inbox.clone();
                let file_stem = file_stem.to_owned();
                ui.ctx().request_screenshot(move |screenshot| {
                    let command = match crop_png(&screenshot, region, pixels_per_point) {
                        Ok(png) => AppCommand::RequestFile(FileRequest::SaveAs(SaveAs {
                            file_stem,
                            kind: "PNG",
                            extension: "png",
                            bytes: Arc::from(png),
                            what: Written::Export,
                        })),
                        Err(error) => AppCommand::ShowStatus(Message {
                            level: Level::Error,
                            text: format!("Could not save {file_stem}.png: {error}"),
                        }),
                    };
                    inbox.send(command);
                });
            }
        });
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
