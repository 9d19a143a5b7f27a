//! The HTTP endpoint tab: the front door, its routes and timeout, the URL with a ready curl
//! line, and each request's answer.

use egui::RichText;

use super::{slot_report, start_stop};
use crate::command::AppCommand;
use crate::jobs::sources::{SourceKind, SourceStart};
use crate::runtime::config::FunctionConfig;
use crate::sources::http::{HttpOptions, Integration};
use crate::sources::settings::HttpSettings;
use crate::ui::AppView;

pub(super) fn tab(
    ui: &mut egui::Ui,
    view: &AppView<'_>,
    settings: &mut HttpSettings,
    config: &Result<FunctionConfig, String>,
    commands: &mut Vec<AppCommand>,
) {
    let slot = view.jobs.sources.slot(SourceKind::Http);
    ui.label(
        "A real HTTP server on 127.0.0.1: each request becomes the event the front door sends, \
         and the handler's answer goes back as that front door converts it, errors included.",
    );
    ui.add_enabled_ui(!slot.is_running(), |ui| {
        egui::Grid::new("http_settings")
            .num_columns(2)
            .spacing([12.0, 6.0])
            .show(ui, |ui| {
                let label = ui.label("Front door");
                egui::ComboBox::from_id_salt("integration")
                    .selected_text(settings.integration.describe(false))
                    .show_ui(ui, |ui| {
                        for integration in [
                            Integration::HttpApi,
                            Integration::FunctionUrl,
                            Integration::RestApi,
                            Integration::Alb,
                        ] {
                            ui.selectable_value(
                                &mut settings.integration,
                                integration,
                                integration.describe(false),
                            );
                        }
                    })
                    .response
                    .labelled_by(label.id);
                ui.end_row();
                if matches!(
                    settings.integration,
                    Integration::HttpApi | Integration::RestApi
                ) {
                    let label = ui.label("Routes").on_hover_text(
                        "One per line: METHOD /path/{param}, or ANY /files/{proxy+}. None: every \
                         request goes to $default (HTTP API) or /{proxy+} (REST API).",
                    );
                    ui.add(
                        egui::TextEdit::multiline(&mut settings.routes)
                            .desired_rows(2)
                            .hint_text("GET /orders/{orderId}")
                            .font(egui::TextStyle::Monospace),
                    )
                    .labelled_by(label.id);
                    ui.end_row();
                    let label = ui.label("Integration timeout (ms)");
                    ui.add(
                        egui::TextEdit::singleline(&mut settings.integration_timeout_ms)
                            .desired_width(90.0)
                            .hint_text("default"),
                    )
                    .labelled_by(label.id);
                    ui.end_row();
                }
                if settings.integration == Integration::Alb {
                    ui.label("Target group");
                    ui.checkbox(&mut settings.multi_value_headers, "Multi-value headers");
                    ui.end_row();
                }
                let label = ui.label("Port").on_hover_text("0 picks a free port");
                ui.add(egui::DragValue::new(&mut settings.port).range(0..=65_535))
                    .labelled_by(label.id);
                ui.end_row();
            });
    });
    let start = start(settings);
    start_stop(ui, SourceKind::Http, slot, config, start, commands);
    if let (true, Some(url)) = (slot.is_running(), slot.started.as_deref())
        && url.starts_with("http://")
    {
        let line = curl_line(url, settings);
        ui.horizontal_wrapped(|ui| {
            ui.label("Try:");
            ui.label(RichText::new(&line).monospace());
            if ui.small_button("📋 Copy").clicked() {
                ui.ctx().copy_text(line.clone());
            }
        });
    }
    slot_report(ui, slot);
}

/// What Start starts, or what is wrong with the settings.
pub(super) fn start(settings: &HttpSettings) -> Result<SourceStart, String> {
    options(settings).map(|options| SourceStart::Http {
        options,
        port: settings.port,
    })
}

/// The settings as the front door's options, or what is wrong with them.
fn options(settings: &HttpSettings) -> Result<HttpOptions, String> {
    let routes: Vec<String> = settings
        .routes
        .lines()
        .map(str::trim)
        .filter(|line| !line.is_empty())
        .map(str::to_owned)
        .collect();
    let routes = match settings.integration {
        Integration::HttpApi | Integration::RestApi => routes,
        Integration::FunctionUrl | Integration::Alb => Vec::new(),
    };
    let timeout = settings.integration_timeout_ms.trim();
    let integration_timeout_ms = match settings.integration {
        Integration::HttpApi | Integration::RestApi if !timeout.is_empty() => {
            Some(timeout.parse::<u64>().map_err(|_| {
                format!("Integration timeout: {timeout} is not a whole number of milliseconds")
            })?)
        }
        _ => None,
    };
    HttpOptions::new(
        settings.integration,
        &routes,
        settings.integration == Integration::Alb && settings.multi_value_headers,
        integration_timeout_ms,
    )
}

/// A curl line for the first route (its parameters filled in), or for `/`.
fn curl_line(url: &str, settings: &HttpSettings) -> String {
    let base = url.trim_end_matches('/');
    let route = settings
        .routes
        .lines()
        .map(str::trim)
        .find(|line| !line.is_empty())
        .filter(|_| {
            matches!(
                settings.integration,
                Integration::HttpApi | Integration::RestApi
            )
        });
    let Some((method, path)) = route.and_then(|route| route.split_once(' ')) else {
        return format!("curl -i {base}/");
    };
    let path: String = path
        .split('/')
        .map(|part| if part.starts_with('{') { "1" } else { part })
        .collect::<Vec<_>>()
        .join("/");
    match method {
        "GET" | "ANY" => format!("curl -i {base}{path}"),
        other => {
            format!("curl -i -X {other} -H 'content-type: application/json' -d '{{}}' {base}{path}")
        }
    }
}
