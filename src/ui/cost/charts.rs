//! The Cost page's comparisons: Lambda against an always-on server across monthly request
//! counts (the break-even marked), and x86_64 against arm64.

use super::*;

pub(super) fn servers(settings: &CostSettings) -> Vec<Server> {
    let mut servers = vec![T3_MICRO, T4G_SMALL];
    if let Some(price) = settings.own_server_usd_per_hour {
        servers.push(Server {
            name: "your server",
            usd_per_hour: price,
        });
    }
    servers
}

pub(super) fn requests_label(requests: f64) -> String {
    match requests {
        r if r >= 1e9 => format!("{:.0}B", r / 1e9),
        r if r >= 1e6 => format!("{:.0}M", r / 1e6),
        r if r >= 1e3 => format!("{:.0}k", r / 1e3),
        r => format!("{r:.0}"),
    }
}

pub(super) fn requests_chart(
    ui: &mut egui::Ui,
    settings: &CostSettings,
    exporter: &ChartExporter,
    commands: &mut Vec<AppCommand>,
) {
    ui.add_space(10.0);
    // The saved picture starts at the title, so it explains itself.
    let top_left = ui.cursor().min;
    ui.horizontal(|ui| {
        ui.label(RichText::new("Lambda against an always-on server").strong());
        model_badge(ui, SERVER_SOURCE);
    });
    let inputs = &settings.inputs;
    let servers = servers(settings);
    let highest_server = servers.iter().map(|s| s.monthly_usd()).fold(0.0, f64::max);
    // The y axis reaches a few times the dearest server (and the current workload), so the
    // crossing stays readable; the curve stops where it leaves the chart.
    let y_max =
        (highest_server * 4.0).max(monthly_usd_at(inputs, inputs.requests).unwrap_or(0.0) * 1.2);
    let curve: Vec<[f64; 2]> = (0..=140)
        .filter_map(|step| {
            let log =
                MIN_LOG_REQUESTS + (MAX_LOG_REQUESTS - MIN_LOG_REQUESTS) * f64::from(step) / 140.0;
            let requests = 10f64.powf(log).round() as u64;
            monthly_usd_at(inputs, requests).map(|usd| [log, usd])
        })
        .take_while(|[_, usd]| *usd <= y_max)
        .collect();
    let mut crossings = Vec::new();
    for server in &servers {
        let crossing = break_even_requests(inputs, server.monthly_usd(), 10_000_000_000);
        let words = match crossing {
            Some(requests) => format!(
                "{}: ${:.2} a month. Lambda costs more above {} requests a month.",
                server.name,
                server.monthly_usd(),
                crate::model::format::thousands(u128::from(requests))
            ),
            None => format!(
                "{}: ${:.2} a month. Lambda stays cheaper up to 10 billion requests.",
                server.name,
                server.monthly_usd()
            ),
        };
        ui.label(RichText::new(words).small());
        crossings.push((server, crossing));
    }
    let colours = [theme::warm(ui), theme::cold(ui), theme::provisioned(ui)];
    let lambda_colour = theme::accent(ui);
    let lambda_name = format!(
        "Lambda ({} MB, {} ms)",
        inputs.memory_mb, inputs.duration_ms
    );
    let mut entries = vec![LegendEntry::new(
        lambda_colour,
        lambda_name.clone(),
        Swatch::Line,
    )];
    for (index, server) in servers.iter().enumerate() {
        entries.push(LegendEntry::new(
            colours[index % colours.len()],
            format!("{} ${:.2}/month", server.name, server.monthly_usd()),
            Swatch::Line,
        ));
    }
    entries.push(LegendEntry::new(
        lambda_colour,
        "your workload",
        Swatch::Point,
    ));
    legend_row(ui, &entries);
    let hover_servers = servers.clone();
    let plot = Plot::new("cost_vs_requests")
        .height(theme::CHART_HEIGHT)
        .allow_drag(false)
        .allow_zoom(false)
        .allow_scroll(false)
        .allow_boxed_zoom(false)
        .x_axis_label("requests a month (log scale)")
        .y_axis_label("USD a month")
        .include_y(0.0)
        .include_y(y_max)
        .include_x(MIN_LOG_REQUESTS)
        .include_x(MAX_LOG_REQUESTS)
        .x_axis_formatter(|mark, _| {
            if (mark.value - mark.value.round()).abs() < 1e-6 {
                requests_label(10f64.powf(mark.value))
            } else {
                String::new()
            }
        })
        .y_axis_formatter(|mark, _| format!("${:.0}", mark.value))
        // The series' values at the pointer's request count, never the pointer's height (which
        // would read like a price nobody charges).
        .label_formatter(move |position| {
            let x = match position {
                egui_plot::HoverPosition::NearDataPoint { position, .. }
                | egui_plot::HoverPosition::Elsewhere { position } => position.x,
            };
            Some(requests_hover(inputs, &hover_servers, x))
        })
        .show(ui, |plot_ui| {
            plot_ui.line(
                Line::new(
                    format!(
                        "Lambda ({} MB, {} ms)",
                        inputs.memory_mb, inputs.duration_ms
                    ),
                    PlotPoints::from(curve.clone()),
                )
                .color(lambda_colour)
                .width(2.5),
            );
            for (index, (server, crossing)) in crossings.iter().enumerate() {
                let colour = colours[index % colours.len()];
                plot_ui.hline(
                    HLine::new(
                        format!("{} ${:.2}/month", server.name, server.monthly_usd()),
                        server.monthly_usd(),
                    )
                    .color(colour),
                );
                if let Some(requests) = crossing {
                    let x = (*requests as f64).log10();
                    plot_ui.vline(VLine::new("", x).color(colour.gamma_multiply(0.5)));
                    plot_ui.points(
                        Points::new(
                            format!("break-even with {}", server.name),
                            vec![[x, server.monthly_usd()]],
                        )
                        .radius(5.0)
                        .color(colour),
                    );
                }
            }
            // The current workload on the curve.
            if inputs.requests > 0 {
                let x = (inputs.requests as f64).log10();
                if let Some(usd) = monthly_usd_at(inputs, inputs.requests) {
                    plot_ui.points(
                        Points::new("your workload", vec![[x, usd]])
                            .radius(6.0)
                            .color(lambda_colour)
                            .filled(false),
                    );
                }
            }
        });
    let picture = picture_rect(ui, top_left, &plot.response);
    exporter.buttons(
        ui,
        "lambda-vs-server",
        picture,
        || requests_csv(&curve, &servers),
        commands,
    );
    ui.label(
        RichText::new(
            "The knee near the left is the free tier running out. Assumptions: one always-on \
             instance handles the whole load; Lambda's price counts only requests and duration \
             (and INIT, ephemeral storage, provisioned concurrency when set).",
        )
        .small()
        .weak(),
    );
}

/// The hover read-out of the cost chart at `log_requests` (log10 of requests a month): each
/// series' monthly price there, from the model.
pub fn requests_hover(inputs: &PricingInputs, servers: &[Server], log_requests: f64) -> String {
    let log = log_requests.clamp(MIN_LOG_REQUESTS, MAX_LOG_REQUESTS);
    let requests = 10f64.powf(log).round() as u64;
    let mut lines = vec![format!(
        "{} requests a month",
        crate::model::format::thousands(u128::from(requests))
    )];
    if let Some(usd) = monthly_usd_at(inputs, requests) {
        lines.push(format!("Lambda: ${usd:.2} a month"));
    }
    for server in servers {
        lines.push(format!(
            "{}: ${:.2} a month (any load it can carry)",
            server.name,
            server.monthly_usd()
        ));
    }
    lines.join("\n")
}

/// What a saved chart picture covers: from the chart's title at `top_left` to the plot's
/// right edge and below its axis labels (egui_plot draws those outside the plot's rect).
pub(super) fn picture_rect(
    ui: &egui::Ui,
    top_left: egui::Pos2,
    plot: &egui::Response,
) -> egui::Rect {
    egui::Rect::from_min_max(top_left, egui::pos2(plot.rect.right(), ui.cursor().top()))
}

/// The cost-against-requests chart's numbers: one row per point of the Lambda curve, with
/// each server's monthly price beside it.
pub fn requests_csv(curve: &[[f64; 2]], servers: &[Server]) -> String {
    let mut csv = String::from("requests_per_month,lambda_usd_per_month");
    for server in servers {
        let _ = write!(
            csv,
            ",{}_usd_per_month",
            server.name.replace([' ', '.'], "_")
        );
    }
    csv.push('\n');
    for [log_requests, usd] in curve {
        let _ = write!(csv, "{:.0},{usd:.2}", 10f64.powf(*log_requests).round());
        for server in servers {
            let _ = write!(csv, ",{:.2}", server.monthly_usd());
        }
        csv.push('\n');
    }
    csv
}

pub(super) fn architectures(
    ui: &mut egui::Ui,
    inputs: &PricingInputs,
    exporter: &ChartExporter,
    commands: &mut Vec<AppCommand>,
) {
    ui.add_space(10.0);
    let top_left = ui.cursor().min;
    ui.horizontal(|ui| {
        ui.label(RichText::new("x86_64 or arm64 for the same workload").strong());
        model_badge(
            ui,
            "Same duration on both: a model. arm64 (Graviton) is about 20% cheaper per GB-s; \
             whether your code runs faster or slower on it, only a measurement on AWS shows.",
        );
    });
    let total = |architecture| {
        let mut at = inputs.clone();
        at.architecture = architecture;
        if let Some(pc) = at.provisioned.as_mut() {
            pc.duration_ms = pc.duration_ms.max(0.0);
        }
        pricing::estimate(&at).map(|e| e.total_usd()).unwrap_or(0.0)
    };
    let x86 = total(Architecture::X86_64);
    let arm = total(Architecture::Arm64);
    let saving = if x86 > 0.0 {
        (x86 - arm) / x86 * 100.0
    } else {
        0.0
    };
    ui.label(format!(
        "x86_64 ${x86:.2} · arm64 ${arm:.2} a month: arm64 saves {saving:.0}%."
    ));
    let colours = [theme::cold(ui), theme::warm(ui)];
    let plot = Plot::new("cost_architectures")
        .height(110.0)
        .allow_drag(false)
        .allow_zoom(false)
        .allow_scroll(false)
        .allow_boxed_zoom(false)
        .show_y(false)
        .y_axis_formatter(|mark, _| match mark.value.round() as i64 {
            0 if (mark.value - 0.0).abs() < 1e-6 => "x86_64".to_owned(),
            1 if (mark.value - 1.0).abs() < 1e-6 => "arm64".to_owned(),
            _ => String::new(),
        })
        .x_axis_label("USD a month")
        .include_x(0.0)
        .include_x(x86.max(arm) * 1.15 + 0.01)
        .include_y(-0.6)
        .include_y(1.6)
        .show(ui, |plot_ui| {
            for (index, (name, usd)) in [("x86_64", x86), ("arm64", arm)].into_iter().enumerate() {
                plot_ui.bar_chart(
                    BarChart::new(
                        name,
                        vec![
                            Bar::new(index as f64, usd)
                                .width(0.6)
                                .name(format!("{name}: ${usd:.2}")),
                        ],
                    )
                    .horizontal()
                    .color(colours[index]),
                );
            }
        });
    let picture = picture_rect(ui, top_left, &plot.response);
    exporter.buttons(
        ui,
        "x86_64-vs-arm64",
        picture,
        || format!("architecture,usd_per_month\nx86_64,{x86:.2}\narm64,{arm:.2}\n"),
        commands,
    );
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hovering_the_cost_chart_reads_the_series_not_the_pointer() {
        let inputs = PricingInputs {
            duration_ms: 100.0,
            memory_mb: 512,
            ..PricingInputs::default()
        };
        let servers = [T4G_SMALL];
        // 10 million requests (log10 = 7), whatever height the pointer is at.
        let words = requests_hover(&inputs, &servers, 7.0);
        let lambda = monthly_usd_at(&inputs, 10_000_000).unwrap_or_default();
        assert!(words.starts_with("10,000,000 requests a month"), "{words}");
        assert!(
            words.contains(&format!("Lambda: ${lambda:.2} a month")),
            "{words}"
        );
        assert!(words.contains("EC2 t4g.small: $12.26 a month"), "{words}");
    }
}
