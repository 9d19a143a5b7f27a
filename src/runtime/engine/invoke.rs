//! One invocation in the embedded engine: the event loop that drives a handler until its
//! promise or callback answers, the streaming variant, and how answers and thrown values become
//! the runtime client's responses and errors.

use super::*;

/// Marker error types the event loop uses internally; never shown to users as such.
pub(super) const OOM: &str = "Runtime.OutOfMemory";
pub(super) const TIMED_OUT: &str = "LambdaLab.Timeout";
/// The runtime process would have exited; the message is how ("exit status 1").
pub(super) const EXITED: &str = "LambdaLab.Exit";

/// The first rejection nobody handled, as the runtime client reports it: classic posts
/// Runtime.UnhandledPromiseRejection and exits (128); modern has no handler, so Node exits 1.
pub(super) fn unhandled_rejection<'js>(
    ctx: &Ctx<'js>,
    rejections: &Rejections,
    flavour: Flavour,
    own: Option<&Promise<'js>>,
) -> Option<FunctionError> {
    if rejections.borrow().is_empty() {
        return None;
    }
    // The handler's own promise is the engine's to watch, never an unhandled rejection.
    let own = own.map(|promise| promise.clone().into_value());
    let (_, reason) = rejections.borrow_mut().drain(..).find(|(promise, _)| {
        own.as_ref().is_none_or(|own| {
            promise
                .clone()
                .restore(ctx)
                .map_or(true, |promise: Value| &promise != own)
        })
    })?;
    Some(match flavour {
        Flavour::Modern => error(EXITED, exit_words(1)),
        Flavour::Classic => {
            let reason: Value = reason.restore(ctx).ok()?;
            let text: String = ctx
                .globals()
                .get::<_, Function>("String")
                .and_then(|string| string.call((reason,)))
                .unwrap_or_default();
            FunctionError {
                error_type: "Runtime.UnhandledPromiseRejection".to_owned(),
                error_message: text.clone(),
                trace: vec![format!("Runtime.UnhandledPromiseRejection: {text}")],
                document: None,
            }
        }
    })
}

pub(super) fn run_invocation<'js>(
    ctx: &Ctx<'js>,
    env: &JsEnvironment,
    request_id: &str,
    event_json: &str,
    deadline: Instant,
    deadline_epoch_ms: u64,
) -> Result<Outcome, FunctionError> {
    let hooks = env.hooks.clone().restore(ctx).map_err(engine_error)?;
    let handler = env.handler.clone().restore(ctx).map_err(engine_error)?;
    let flavour = env.flavour;
    let event: Value = ctx.json_parse(event_json).map_err(|_| {
        error(
            "Runtime.UnmarshalError",
            "Unable to parse the event as JSON",
        )
    })?;
    env.retire(ctx, event.clone());
    // The answer given through callback(err, result) or context.succeed/fail/done, and
    // whether it skips waiting for the event loop (done does; callback waits by default).
    type Settled<'js> = Rc<RefCell<Option<(Result<Value<'js>, Value<'js>>, bool)>>>;
    let settled: Settled<'js> = Rc::new(RefCell::new(None));
    let slot = settled.clone();
    let answered = Rc::new(Cell::new(false));
    let first = Rc::clone(&answered);
    // Only the classic client has a callback (and context.succeed/fail/done) to answer with.
    let settle = if flavour == Flavour::Classic {
        Some(
            Function::new(
                ctx.clone(),
                move |ctx: Ctx<'js>,
                      err: Opt<Value<'js>>,
                      result: Opt<Value<'js>>,
                      now: Opt<bool>| {
                    if first.replace(true) {
                        return; // the runtime ignores every call after the first
                    }
                    let err = err.0.filter(|e| !e.is_null() && !e.is_undefined());
                    *slot.borrow_mut() = Some((
                        match err {
                            Some(err) => Err(err),
                            None => Ok(result.0.unwrap_or_else(|| Value::new_undefined(ctx))),
                        },
                        now.0.unwrap_or(false),
                    ));
                },
            )
            .map_err(engine_error)?,
        )
    } else {
        None
    };
    let (context_object, callback) =
        make_context(&hooks, request_id, deadline_epoch_ms, settle).map_err(engine_error)?;
    let uncaught = |failure| uncaught(env, failure);
    // Timers left by an earlier invoke that became due while the environment was frozen
    // run as it thaws, so their log lines land in this invoke, as on Lambda.
    let thaw: Function = hooks.get("runDueTimers").map_err(engine_error)?;
    thaw.call::<_, f64>(())
        .catch(ctx)
        .map_err(|caught| uncaught(classify_caught(ctx, &hooks, caught, &env.deadline, flavour)))?;
    while ctx.execute_pending_job() {
        if Instant::now() >= deadline {
            return Ok(Outcome::Timeout);
        }
    }
    if env.streaming {
        return run_streaming(ctx, env, &hooks, &handler, event, context_object, deadline);
    }
    let called = match &callback {
        Some(callback) => handler.call((event, context_object.clone(), callback.clone())),
        None => handler.call((event, context_object.clone())),
    };
    let returned: Value = called
        .catch(ctx)
        .map_err(|caught| classify_caught(ctx, &hooks, caught, &env.deadline, flavour))?;
    env.retire(ctx, returned.clone());
    let promise: Option<Promise> = returned.as_promise().cloned();
    match &promise {
        Some(_) => {}
        // The modern client awaits whatever the handler returns: a plain value is the answer.
        None if flavour == Flavour::Modern => return serialise(ctx, flavour, returned),
        // The classic client ignores it: the callback answers, or the emptied event loop.
        None => {}
    }
    let waits = || {
        context_object
            .get::<_, bool>("callbackWaitsForEmptyEventLoop")
            .unwrap_or(true)
    };
    let loop_busy = || {
        hooks
            .get::<_, Function>("pendingTimers")
            .and_then(|f| f.call::<_, f64>(()))
            .is_ok_and(|n| n > 0.0)
    };
    let answer_ready = || {
        settled
            .borrow()
            .as_ref()
            .is_some_and(|(_, now)| *now || !(waits() && loop_busy()))
    };
    let promise_done = || {
        !answered.get()
            && promise
                .as_ref()
                .is_some_and(|p| p.state() != PromiseState::Pending)
    };
    let ended = run_event_loop(ctx, env, &hooks, deadline, promise.as_ref(), &|| {
        promise_done() || answer_ready()
    })?;
    if ended == LoopEnd::Empty {
        // The event loop is empty and nothing has answered: Node would exit. The classic
        // client's beforeExit listener answers instead: an async handler's promise can
        // never settle now (Runtime.NodeJsExit), any other handler answers null. The
        // modern client has no listener: Node exits with code 0.
        return match flavour {
            Flavour::Classic if env.handler_is_async => {
                Err(error(NODEJS_EXIT_TYPE, NODEJS_EXIT_MESSAGE))
            }
            Flavour::Classic => Ok(Outcome::Response("null".to_owned())),
            Flavour::Modern => Err(error(EXITED, EXITED_WITHOUT_REASON)),
        };
    }
    if let Some(promise) = promise.as_ref().filter(|_| promise_done()) {
        return match settled_value(ctx, promise) {
            Ok(value) => serialise(ctx, flavour, value),
            Err(reason) => Err(to_function_error(
                ctx,
                &hooks,
                reason,
                &env.deadline,
                flavour,
            )),
        };
    }
    match settled.borrow_mut().take() {
        Some((Ok(value), _)) => serialise(ctx, flavour, value),
        Some((Err(reason), _)) => Err(to_function_error(
            ctx,
            &hooks,
            reason,
            &env.deadline,
            flavour,
        )),
        None => Err(engine_error(rquickjs::Error::Unknown)),
    }
}

/// One invoke of a streaming handler, as both runtime clients run it: (event, responseStream,
/// context); it must be async; its return value is ignored (with a warning); the stream
/// must be ended; a failure after bytes were written keeps them and adds the error.
pub(super) fn run_streaming<'js>(
    ctx: &Ctx<'js>,
    env: &JsEnvironment,
    hooks: &Object<'js>,
    handler: &Function<'js>,
    event: Value<'js>,
    context_object: Object<'js>,
    deadline: Instant,
) -> Result<Outcome, FunctionError> {
    let flavour = env.flavour;
    let make: Function = hooks.get("makeResponseStream").map_err(engine_error)?;
    let stream: Object = make.call((now_ms() as f64,)).map_err(engine_error)?;
    let collect = |error: Option<FunctionError>| -> Result<Outcome, FunctionError> {
        let result: Function = hooks.get("streamResult").map_err(engine_error)?;
        let parts: rquickjs::Array = result.call((stream.clone(),)).map_err(engine_error)?;
        let content_type: String = parts.get(0).map_err(engine_error)?;
        let written: rquickjs::Array = parts.get(1).map_err(engine_error)?;
        let finished: bool = parts.get(2).map_err(engine_error)?;
        let mut chunks = Vec::with_capacity(written.len());
        for chunk in written.iter::<rquickjs::Array>() {
            let chunk = chunk.map_err(engine_error)?;
            let at_ms: f64 = chunk.get(0).map_err(engine_error)?;
            let bytes: rquickjs::TypedArray<u8> = chunk.get(1).map_err(engine_error)?;
            chunks.push(crate::runtime::record::StreamChunk {
                at_ms,
                bytes: node::bytes_of(&bytes),
            });
        }
        let error = error
            .or_else(|| (!finished).then(|| error_of_text("Response stream is not finished.")));
        Ok(Outcome::Streamed {
            response: crate::runtime::record::StreamedResponse {
                content_type,
                chunks,
            },
            error,
        })
    };
    let returned = match handler
        .call::<_, Value>((event, stream.clone(), context_object))
        .catch(ctx)
    {
        Ok(returned) => returned,
        Err(caught) => {
            let failure = classify_caught(ctx, hooks, caught, &env.deadline, flavour);
            if [OOM, TIMED_OUT, EXITED].contains(&failure.error_type.as_str()) {
                return Err(failure);
            }
            return collect(Some(failure));
        }
    };
    let Some(promise) = returned.as_promise().cloned() else {
        // Both clients log the refusal; what the handler already wrote still goes out.
        let refusal = error_of_text("Streaming does not support non-async handlers.");
        let text = serde_json::to_string(&refusal).unwrap_or_default();
        env.console.borrow_mut().push(ConsoleLine {
            timestamp_ms: now_ms(),
            level: "ERROR".to_owned(),
            message: format!("Invoke Error \t{text}"),
        });
        return collect(None);
    };
    let ended = run_event_loop(ctx, env, hooks, deadline, Some(&promise), &|| {
        promise.state() != PromiseState::Pending
    })?;
    if ended == LoopEnd::Empty {
        return Err(match flavour {
            Flavour::Classic => error(NODEJS_EXIT_TYPE, NODEJS_EXIT_MESSAGE),
            Flavour::Modern => error(EXITED, EXITED_WITHOUT_REASON),
        });
    }
    match settled_value(ctx, &promise) {
        Ok(value) => {
            if !value.is_undefined() {
                env.console.borrow_mut().push(ConsoleLine {
                    timestamp_ms: now_ms(),
                    level: "WARN".to_owned(),
                    message: "Streaming handlers ignore return values.".to_owned(),
                });
            }
            collect(None)
        }
        Err(reason) => collect(Some(to_function_error(
            ctx,
            hooks,
            reason,
            &env.deadline,
            flavour,
        ))),
    }
}

/// A plain `Error` with `message`, as the clients make one from a string.
pub(super) fn error_of_text(message: &str) -> FunctionError {
    FunctionError {
        error_type: "Error".to_owned(),
        error_message: message.to_owned(),
        trace: vec![format!("Error: {message}")],
        document: None,
    }
}

/// An error thrown where no handler code can catch it (a timer): the classic client posts it
/// and exits (the environment is reset), the modern one lets Node crash with exit code 1.
pub(super) fn uncaught(env: &JsEnvironment, failure: FunctionError) -> FunctionError {
    if [OOM, TIMED_OUT, EXITED].contains(&failure.error_type.as_str()) {
        return failure;
    }
    match env.flavour {
        Flavour::Classic => {
            env.ended.set(true);
            failure
        }
        Flavour::Modern => error(EXITED, exit_words(1)),
    }
}

/// How an event loop run ended: what it waited for is ready, or nothing is left to run.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum LoopEnd {
    Ready,
    Empty,
}

/// Runs promise jobs and due timers until `ready`, until nothing is left that could make it
/// ready, or until the deadline (an error the invoke turns into a timeout). An unhandled
/// rejection or an error thrown where no handler code can catch it (a timer) ends the run as
/// the runtime client would: classic posts it and exits (128/129), modern crashes (exit 1).
pub(super) fn run_event_loop<'js>(
    ctx: &Ctx<'js>,
    env: &JsEnvironment,
    hooks: &Object<'js>,
    deadline: Instant,
    own: Option<&Promise<'js>>,
    ready: &dyn Fn() -> bool,
) -> Result<LoopEnd, FunctionError> {
    let flavour = env.flavour;
    let uncaught = |failure| uncaught(env, failure);
    let timed_out = || error(TIMED_OUT, "timed out");
    loop {
        if ready() {
            return Ok(LoopEnd::Ready);
        }
        if Instant::now() >= deadline {
            return Err(timed_out());
        }
        let mut ran_job = false;
        while ctx.execute_pending_job() {
            ran_job = true;
            if Instant::now() >= deadline {
                return Err(timed_out());
            }
        }
        if let Some(failure) = unhandled_rejection(ctx, &env.rejections, flavour, own) {
            if flavour == Flavour::Classic {
                env.ended.set(true);
            }
            return Err(failure);
        }
        let run_timers: Function = hooks.get("runDueTimers").map_err(engine_error)?;
        let next_due_ms: f64 = run_timers.call(()).catch(ctx).map_err(|caught| {
            uncaught(classify_caught(ctx, hooks, caught, &env.deadline, flavour))
        })?;
        if ran_job || ready() || ctx.execute_pending_job() {
            continue;
        }
        if next_due_ms < 0.0 {
            return Ok(LoopEnd::Empty);
        }
        let remaining = deadline.saturating_duration_since(Instant::now());
        let wait = Duration::from_millis((next_due_ms - now_ms() as f64).max(0.0) as u64);
        let sleep = wait.min(remaining);
        std::thread::sleep(sleep);
        env.waited.set(env.waited.get() + sleep);
    }
}

/// A settled promise's value, or its rejection reason as the error.
pub(super) fn settled_value<'js>(
    ctx: &Ctx<'js>,
    promise: &Promise<'js>,
) -> Result<Value<'js>, Value<'js>> {
    match promise.state() {
        PromiseState::Rejected => Err(match promise.result::<Value>() {
            Some(Err(_)) => ctx.catch(),
            Some(Ok(value)) => value,
            None => Value::new_undefined(ctx.clone()),
        }),
        _ => Ok(promise
            .result()
            .and_then(Result::ok)
            .unwrap_or_else(|| Value::new_undefined(ctx.clone()))),
    }
}

/// JSON.stringify the response, as the Node runtime does before sending it.
pub(super) fn serialise<'js>(
    ctx: &Ctx<'js>,
    flavour: Flavour,
    value: Value<'js>,
) -> Result<Outcome, FunctionError> {
    match ctx.json_stringify(value).catch(ctx) {
        Ok(Some(text)) => {
            let text = text.to_string().map_err(engine_error)?;
            if text.len() > MAX_SYNC_RESPONSE_BYTES {
                return Err(error(
                    "Function.ResponseSizeTooLarge",
                    "Response payload size exceeded maximum allowed payload size (6291556 bytes).",
                ));
            }
            Ok(Outcome::Response(text))
        }
        Ok(None) => Ok(Outcome::Response("null".to_owned())),
        Err(CaughtError::Error(rquickjs::Error::Allocation)) => Err(error(OOM, "out of memory")),
        // A BigInt or a cycle: the runtime client's own error, not JSON.stringify's.
        Err(_) => Err(error(flavour.stringify_error_type(), STRINGIFY_MESSAGE)),
    }
}

pub(super) fn engine_error(e: rquickjs::Error) -> FunctionError {
    error("Runtime.Unknown", format!("engine error: {e}"))
}

/// Turns a caught exception into the Node runtime's error shape, recognising the engine's
/// own "interrupted" (timeout) and "out of memory" errors.
pub(super) fn classify_caught<'js>(
    ctx: &Ctx<'js>,
    hooks: &Object<'js>,
    caught: CaughtError<'js>,
    deadline: &Rc<Cell<Option<Instant>>>,
    flavour: Flavour,
) -> FunctionError {
    match caught {
        CaughtError::Exception(exception) => {
            to_function_error(ctx, hooks, exception.into_value(), deadline, flavour)
        }
        CaughtError::Value(value) => to_function_error(ctx, hooks, value, deadline, flavour),
        CaughtError::Error(rquickjs::Error::Allocation) => error(OOM, "out of memory"),
        CaughtError::Error(other) => engine_error(other),
    }
}

pub(super) fn to_function_error<'js>(
    ctx: &Ctx<'js>,
    hooks: &Object<'js>,
    reason: Value<'js>,
    deadline: &Rc<Cell<Option<Instant>>>,
    flavour: Flavour,
) -> FunctionError {
    let exit_code: i32 = hooks
        .get::<_, Function>("exitCode")
        .and_then(|f| f.call((reason.clone(),)))
        .unwrap_or(-1);
    if exit_code >= 0 {
        return error(EXITED, exit_words(exit_code));
    }
    if let Some(object) = reason.as_object() {
        let name: String = object.get("name").unwrap_or_else(|_| "Error".to_owned());
        let message: String = object.get("message").unwrap_or_default();
        if message == "interrupted" && deadline.get().is_some_and(|d| Instant::now() >= d) {
            return error(TIMED_OUT, "timed out");
        }
        if name == "InternalError" && message == "out of memory" {
            return error(OOM, "out of memory");
        }
        if name == "InternalError" && message.contains("stack overflow") {
            return FunctionError {
                error_type: "RangeError".to_owned(),
                error_message: "Maximum call stack size exceeded".to_owned(),
                trace: vec!["RangeError: Maximum call stack size exceeded".to_owned()],
                document: None,
            };
        }
        if reason.as_exception().is_some() || object.contains_key("stack").unwrap_or(false) {
            let stack_of: Option<Function> = hooks.get("stackOf").ok();
            let trace_text: String = stack_of
                .and_then(|f| f.call((reason.clone(),)).ok())
                .unwrap_or_else(|| format!("{name}: {message}"));
            // 0x7F cannot travel in the error-type header, so the clients write it as %7F.
            return FunctionError {
                error_type: name.replace('\x7F', "%7F"),
                error_message: message.replace('\x7F', "%7F"),
                trace: trace_text
                    .replace('\x7F', "%7F")
                    .lines()
                    .map(str::to_owned)
                    .collect(),
                document: None,
            };
        }
    }
    // A thrown non-Error value: the runtime client posts its typeof and its text.
    let (error_type, error_message) = hooks
        .get::<_, Function>("thrownDocument")
        .and_then(|describe| describe.call::<_, rquickjs::Array>((reason.clone(),)))
        .and_then(|pair| Ok((pair.get::<String>(0)?, pair.get::<String>(1)?)))
        .unwrap_or_else(|_| (reason.type_name().to_owned(), String::new()));
    let _ = (ctx, flavour);
    FunctionError {
        error_type,
        error_message,
        trace: Vec::new(),
        document: None,
    }
}

/// The `context` object the Node runtime passes to handlers (built by the prelude), and the
/// callback for classic handlers (none for modern ones).
pub(super) fn make_context<'js>(
    hooks: &Object<'js>,
    request_id: &str,
    deadline_epoch_ms: u64,
    settle: Option<Function<'js>>,
) -> rquickjs::Result<(Object<'js>, Option<Function<'js>>)> {
    let make: Function = hooks.get("makeContext")?;
    let trace_id = trace_id(request_id);
    let deadline = deadline_epoch_ms as f64;
    match settle {
        Some(settle) => {
            let made: rquickjs::Array = make.call((request_id, deadline, trace_id, settle))?;
            Ok((made.get(0)?, made.get::<Option<Function>>(1)?))
        }
        None => Ok((make.call((request_id, deadline, trace_id))?, None)),
    }
}

/// An X-Ray trace header for the invoke, in Lambda's shape (not sampled: nothing is traced).
pub(super) fn trace_id(request_id: &str) -> String {
    let mut hex = [b'0'; 32];
    for (slot, digit) in hex
        .iter_mut()
        .zip(request_id.bytes().filter(u8::is_ascii_hexdigit))
    {
        *slot = digit;
    }
    let hex = std::str::from_utf8(&hex).unwrap_or("00000000000000000000000000000000");
    format!(
        "Root=1-{:08x}-{};Parent={};Sampled=0",
        now_ms() / 1000,
        &hex[..24],
        &hex[16..32]
    )
}
