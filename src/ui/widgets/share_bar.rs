//! A horizontal bar split into shares (warm, cold, throttled requests), with a legend.

/// One part of the bar.
#[derive(Debug, Clone)]
pub struct Share<'a> {
    pub label: &'a str,
    pub count: u64,
    pub colour: egui::Color32,
}

/// `count` as a share of `total`, as a percentage with sensible decimals ("0.01%", "12.5%").
pub fn percent(count: u64, total: u64) -> String {
    if total == 0 {
        return "0%".to_owned();
    }
    crate::model::format::share_percent(count as f64 / total as f64)
}

/// Draws the bar across the available width, then a legend line with counts and shares.
pub fn share_bar(ui: &mut egui::Ui, shares: &[Share<'_>]) {
    let total: u64 = shares.iter().map(|share| share.count).sum();
    let height = 16.0;
    let (rect, response) = ui.allocate_exact_size(
        egui::vec2(ui.available_width(), height),
        egui::Sense::hover(),
    );
    let painter = ui.painter_at(rect);
    painter.rect_filled(rect, 3.0, ui.visuals().extreme_bg_color);
    if total > 0 {
        let mut left = rect.left();
        for share in shares {
            let width = rect.width() * share.count as f32 / total as f32;
            // Keep a sliver visible for tiny non-zero shares (1 cold start in 10,000).
            let width = if share.count > 0 { width.max(2.0) } else { 0.0 };
            let part = egui::Rect::from_min_max(
                egui::pos2(left, rect.top()),
                egui::pos2((left + width).min(rect.right()), rect.bottom()),
            );
            painter.rect_filled(part, 0.0, share.colour);
            left += width;
        }
    }
    let words: Vec<String> = shares
        .iter()
        .map(|share| {
            format!(
                "{}: {} ({})",
                share.label,
                crate::model::format::count(share.count),
                percent(share.count, total)
            )
        })
        .collect();
    response.on_hover_text(words.join("\n"));
    ui.horizontal_wrapped(|ui| {
        for (share, words) in shares.iter().zip(&words) {
            ui.label(egui::RichText::new("■").color(share.colour));
            ui.label(words);
            ui.add_space(8.0);
        }
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn percentages_keep_small_shares_visible() {
        assert_eq!(percent(0, 0), "0%");
        assert_eq!(percent(0, 10), "0%");
        assert_eq!(percent(5, 500), "1%");
        assert_eq!(percent(495, 500), "99%");
        assert_eq!(percent(1, 3), "33.3%");
        assert_eq!(percent(1, 7_200), "0.0139%");
        assert_eq!(percent(1, 200), "0.5%");
        assert_eq!(percent(10, 10), "100%");
    }
}
