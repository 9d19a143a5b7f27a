//! "What the client gets": for an API Gateway, function URL or load balancer event, the HTTP
//! response the front door would send its client (status line, headers with one set-cookie
//! per cookie, the body decoded from base64 and pretty-printed when it is JSON), or the
//! front door's own error (502 for a malformed answer), beside the raw proxy object.

use crate::model::front_door::{self, ClientResponse, FrontDoor, Outcome};
use crate::runtime::record::{InvocationRecord, Status};

/// The converted response for one record, with the front door that converted it.
#[derive(Clone, Debug, PartialEq)]
pub struct ClientView {
    pub door: FrontDoor,
    pub response: ClientResponse,
}

/// The client's view of `record`, when `event_json` came through an HTTP front door and the
/// invoke answered (a throttle or a streamed answer has no such view here).
pub fn compute(record: &InvocationRecord, event_json: &str) -> Option<ClientView> {
    if record.stream.is_some() {
        return None;
    }
    let event: serde_json::Value = serde_json::from_str(event_json).ok()?;
    let door = FrontDoor::detect(&event)?;
    let door_limit_ms = door
        .integration_timeout_ms()
        .filter(|&limit_ms| record.duration_ms > limit_ms as f64);
    let outcome = match (&record.response, record.status) {
        _ if record.status == Status::Throttled => Outcome::Throttled,
        _ if door_limit_ms.is_some() => Outcome::DoorTimeout {
            after_ms: door_limit_ms.unwrap_or_default(),
        },
        (Some(response), Status::Success) => Outcome::Returned(response.text()),
        _ => Outcome::FunctionError,
    };
    Some(ClientView {
        door,
        response: front_door::client_response(door, outcome),
    })
}

/// The status line, headers and body as the client reads them, and the rule that made them.
pub fn show(ui: &mut egui::Ui, view: &ClientView) {
    let response = &view.response;
    egui::CollapsingHeader::new(
        egui::RichText::new(format!(
            "What the client gets from the {}",
            view.door.label()
        ))
        .strong(),
    )
    .id_salt("client_view")
    .default_open(true)
    .show(ui, |ui| {
        let status_line = format!("HTTP/1.1 {} {}", response.status, response.reason);
        let colour = if response.status >= 400 {
            ui.visuals().error_fg_color
        } else {
            crate::ui::theme::success(ui)
        };
        ui.label(
            egui::RichText::new(status_line)
                .monospace()
                .strong()
                .color(colour),
        );
        for (name, value) in &response.headers {
            ui.label(egui::RichText::new(format!("{name}: {value}")).monospace());
        }
        let body = body_text(response);
        if !body.is_empty() {
            let mut shown: &str = &body;
            ui.add(
                egui::TextEdit::multiline(&mut shown)
                    .code_editor()
                    .desired_width(f32::INFINITY)
                    .desired_rows(1),
            );
        }
        ui.horizontal_wrapped(|ui| {
            ui.label(egui::RichText::new(&response.rule).weak());
            ui.hyperlink_to("source", response.source);
        });
    });
}

/// The body as the client would read it: JSON indented, text as it is, binary as a size.
fn body_text(response: &ClientResponse) -> String {
    let content_type = response
        .headers
        .iter()
        .find(|(name, _)| name.eq_ignore_ascii_case("content-type"))
        .map(|(_, value)| value.to_ascii_lowercase())
        .unwrap_or_default();
    match std::str::from_utf8(&response.body) {
        Ok(text) if content_type.contains("json") => {
            serde_json::from_str::<serde_json::Value>(text)
                .and_then(|value| serde_json::to_string_pretty(&value))
                .unwrap_or_else(|_| text.to_owned())
        }
        Ok(text) => text.to_owned(),
        Err(_) => format!(
            "({} bytes of binary{})",
            response.body.len(),
            if content_type.is_empty() {
                String::new()
            } else {
                format!(", {content_type}")
            }
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn record_answering(text: &str) -> InvocationRecord {
        let mut record = InvocationRecord::example(0, None, 5.0);
        record.response =
            Some(crate::runtime::record::Payload::from_json(text.to_owned()).unwrap());
        record
    }

    const HTTP_API_EVENT: &str = r#"{"version":"2.0","routeKey":"$default","rawPath":"/","requestContext":{"domainName":"abc.execute-api.us-east-1.amazonaws.com","http":{"method":"GET","path":"/"}}}"#;
    const REST_EVENT: &str =
        r#"{"resource":"/","path":"/","httpMethod":"GET","requestContext":{"stage":"prod"}}"#;

    #[test]
    fn a_proxy_answer_becomes_a_status_line_headers_and_a_decoded_body() {
        let record = record_answering(
            r#"{"statusCode":201,"headers":{"content-type":"application/json"},"cookies":["a=1"],"body":"eyJvayI6dHJ1ZX0=","isBase64Encoded":true}"#,
        );
        let view = compute(&record, HTTP_API_EVENT).unwrap();
        assert_eq!(view.door, FrontDoor::HttpApiV2);
        assert_eq!(view.response.status, 201);
        assert!(
            view.response
                .headers
                .contains(&("set-cookie".to_owned(), "a=1".to_owned())),
            "{:?}",
            view.response.headers
        );
        assert_eq!(body_text(&view.response), "{\n  \"ok\": true\n}");
    }

    #[test]
    fn a_malformed_rest_answer_is_the_502_api_gateway_sends() {
        let record = record_answering(r#"{"body":{"not":"a string"}}"#);
        let view = compute(&record, REST_EVENT).unwrap();
        assert_eq!(view.response.status, 502);
        assert_eq!(
            String::from_utf8_lossy(&view.response.body),
            r#"{"message": "Internal server error"}"#
        );
    }

    #[test]
    fn events_from_no_front_door_have_no_client_view() {
        let record = record_answering("{}");
        assert_eq!(compute(&record, r#"{"Records":[]}"#), None);
        assert_eq!(compute(&record, "not json"), None);
    }
}
