//! Setting an environment up: the native helpers and the prelude installed as globals, and
//! the handler module loaded as the runtime client loads it.

use super::*;

/// Installs the native helpers and runs the prelude; returns its hooks object.
pub(super) fn install_globals<'js>(
    ctx: &Ctx<'js>,
    console: &Rc<RefCell<Vec<ConsoleLine>>>,
    roots: Vec<PathBuf>,
    module_dirs: Vec<PathBuf>,
    sandbox: node::Sandbox,
    spec: &EnvironmentSpec,
    flavour: Flavour,
) -> rquickjs::Result<Object<'js>> {
    let native = Object::new(ctx.clone())?;
    node::install(ctx, &native, sandbox)?;
    // node.js is compiled on first use only (see the prelude).
    native.set(
        "loadNode",
        Function::new(ctx.clone(), |ctx: Ctx<'js>| {
            ctx.eval::<Function<'js>, _>(NODE_BUILTINS_JS)
        })?,
    )?;
    native.set(
        "builtinModules",
        BUILTIN_MODULES
            .iter()
            .map(|m| (*m).to_owned())
            .collect::<Vec<_>>(),
    )?;
    let sink = console.clone();
    native.set(
        "log",
        Function::new(ctx.clone(), move |level: String, message: String| {
            sink.borrow_mut().push(ConsoleLine {
                timestamp_ms: now_ms(),
                level,
                message,
            });
        })?,
    )?;
    let read_roots = roots.clone();
    native.set(
        "read",
        Function::new(ctx.clone(), move |ctx: Ctx<'js>, path: String| {
            let allowed = resolve_module(&read_roots, &[], Path::new("/"), &path).is_some();
            match std::fs::read_to_string(&path) {
                Ok(text) if allowed => Ok(text),
                _ => Err(throw_error(&ctx, &format!("Cannot find module '{path}'"))),
            }
        })?,
    )?;
    let watch = std::sync::Arc::clone(&spec.watch);
    native.set(
        "streamed",
        Function::new(
            ctx.clone(),
            move |at_ms: f64, bytes: rquickjs::TypedArray<'js, u8>| {
                if let Ok(mut streamed) = watch.streamed.lock() {
                    streamed.push(crate::runtime::record::StreamChunk {
                        at_ms,
                        bytes: node::bytes_of(&bytes),
                    });
                }
            },
        )?,
    )?;
    native.set(
        "packageScope",
        Function::new(ctx.clone(), |path: String| {
            package_scope(Path::new(&path))
                .map(|(json, _)| json.display().to_string())
                .unwrap_or_default()
        })?,
    )?;
    native.set(
        "isEsModule",
        Function::new(ctx.clone(), |path: String| is_es_module(Path::new(&path)))?,
    )?;
    native.set(
        "resolve",
        Function::new(
            ctx.clone(),
            move |ctx: Ctx<'js>, dir: String, name: String| {
                resolve_module(&roots, &module_dirs, Path::new(&dir), &name)
                    .map(|path| path.display().to_string())
                    .ok_or_else(|| throw_error(&ctx, &missing_module_message(&name)))
            },
        )?,
    )?;
    native.set(
        "compileCommonJs",
        Function::new(
            ctx.clone(),
            move |ctx: Ctx<'js>, filename: String, source: String| {
                let mut options = EvalOptions::default();
                options.filename = Some(filename);
                options.global = true;
                ctx.eval_with_options::<Function, _>(source, options)
            },
        )?,
    )?;
    ctx.globals().set("__ll", native)?;
    let hooks: Object = ctx.eval(PRELUDE)?;
    let set_roots: Function = hooks.get("setRoots")?;
    set_roots.call::<_, ()>((
        spec.task_root.display().to_string(),
        spec.layers
            .iter()
            .map(|layer| layer.display().to_string())
            .collect::<Vec<_>>(),
    ))?;
    let set_flavour: Function = hooks.get("setFlavour")?;
    set_flavour.call::<_, ()>((flavour == Flavour::Modern, flavour.node_version()))?;
    let env = Object::new(ctx.clone())?;
    for (key, value) in &spec.environment {
        env.set(key.as_str(), value.as_str())?;
    }
    let set_env: Function = hooks.get("setEnv")?;
    set_env.call::<_, ()>((env,))?;
    // The context fields that stay the same for the environment's life, set once.
    let fields = Object::new(ctx.clone())?;
    fields.set("functionVersion", spec.function_version.as_str())?;
    fields.set("functionName", spec.function_name.as_str())?;
    fields.set("memoryLimitInMB", spec.memory_size_mb.to_string())?;
    fields.set("logGroupName", spec.log_group_name.as_str())?;
    fields.set("logStreamName", spec.log_stream_name.as_str())?;
    fields.set("invokedFunctionArn", spec.invoked_function_arn.as_str())?;
    let set_fields: Function = hooks.get("setContextFields")?;
    set_fields.call::<_, ()>((fields,))?;
    Ok(hooks)
}

/// Throws a JavaScript Error with `message` and returns the rquickjs error that carries it.
pub(super) fn throw_error(ctx: &Ctx<'_>, message: &str) -> rquickjs::Error {
    match rquickjs::Exception::from_message(ctx.clone(), message) {
        Ok(exception) => ctx.throw(exception.into_value()),
        Err(error) => error,
    }
}

pub(super) fn load_handler<'js>(
    ctx: &Ctx<'js>,
    hooks: &Object<'js>,
    spec: &EnvironmentSpec,
    deadline: &Rc<Cell<Option<Instant>>>,
    flavour: Flavour,
    rejections: &Rejections,
) -> Result<(Function<'js>, bool, bool), FunctionError> {
    if spec.handler.contains("..") {
        return Err(error(
            "Runtime.MalformedHandlerName",
            format!(
                "'{}' is not a valid handler name. Use absolute paths when specifying root directories in handler names.",
                spec.handler
            ),
        ));
    }
    let Some((module, path)) = parse_handler(&spec.handler) else {
        return Err(error("Runtime.MalformedHandlerName", "Bad handler"));
    };
    let Some((file, esm)) =
        find_handler_module(&spec.task_root, &module, flavour == Flavour::Modern)
    else {
        return Err(FunctionError {
            error_type: "Runtime.ImportModuleError".to_owned(),
            error_message: format!(
                "Error: Cannot find module '{module}'\nRequire stack:\n- /var/runtime/index.mjs"
            ),
            trace: vec![
                format!("Runtime.ImportModuleError: Error: Cannot find module '{module}'"),
                "Require stack:".to_owned(),
                "- /var/runtime/index.mjs".to_owned(),
            ],
            document: None,
        });
    };
    let import_failure = |failure: FunctionError| -> FunctionError {
        match failure.error_type.as_str() {
            "SyntaxError" => FunctionError {
                error_type: "Runtime.UserCodeSyntaxError".to_owned(),
                error_message: format!("SyntaxError: {}", failure.error_message),
                trace: failure.trace,
                document: None,
            },
            "Error"
                if failure.error_message.starts_with("Cannot find module")
                    || failure.error_message.contains("could not load module") =>
            {
                FunctionError {
                    error_type: "Runtime.ImportModuleError".to_owned(),
                    error_message: format!("Error: {}", failure.error_message),
                    trace: failure.trace,
                    document: None,
                }
            }
            _ => failure,
        }
    };
    let exports: Value = if esm {
        let promise = Module::import(ctx, file.display().to_string())
            .catch(ctx)
            .map_err(|caught| {
                import_failure(classify_caught(ctx, hooks, caught, deadline, flavour))
            })?;
        loop {
            match promise.state() {
                PromiseState::Resolved => {
                    break promise
                        .result()
                        .and_then(Result::ok)
                        .unwrap_or_else(|| Value::new_undefined(ctx.clone()));
                }
                PromiseState::Rejected => {
                    let reason: Value = match promise.result::<Value>() {
                        Some(Ok(value)) => value,
                        _ => ctx.catch(),
                    };
                    return Err(import_failure(to_function_error(
                        ctx, hooks, reason, deadline, flavour,
                    )));
                }
                PromiseState::Pending => {
                    // Top-level await: module evaluation runs the event loop, timers and all.
                    if ctx.execute_pending_job() {
                        continue;
                    }
                    if let Some(failure) = unhandled_rejection(ctx, rejections, flavour, None) {
                        return Err(failure);
                    }
                    if deadline.get().is_some_and(|d| Instant::now() >= d) {
                        return Err(error(TIMED_OUT, "init timed out"));
                    }
                    let run_timers: Function = hooks.get("runDueTimers").map_err(engine_error)?;
                    let next_due_ms: f64 = run_timers
                        .call(())
                        .catch(ctx)
                        .map_err(|caught| classify_caught(ctx, hooks, caught, deadline, flavour))?;
                    if ctx.execute_pending_job() || promise.state() != PromiseState::Pending {
                        continue;
                    }
                    if next_due_ms < 0.0 {
                        // Nothing left that could settle it: Node exits with code 13,
                        // "unsettled top-level await".
                        return Err(error(EXITED, exit_words(13)));
                    }
                    let wait =
                        Duration::from_millis((next_due_ms - now_ms() as f64).max(0.0) as u64);
                    let remaining = deadline
                        .get()
                        .map_or(wait, |d| d.saturating_duration_since(Instant::now()));
                    std::thread::sleep(wait.min(remaining));
                }
            }
        }
    } else {
        let load: Function = hooks.get("loadCommonJs").map_err(engine_error)?;
        load.call((file.display().to_string(),))
            .catch(ctx)
            .map_err(|caught| {
                import_failure(classify_caught(ctx, hooks, caught, deadline, flavour))
            })?
    };
    let mut target = exports;
    let mut keys: &[String] = &path;
    // The modern client import()s CommonJS too: its namespace's `default` is module.exports.
    if !esm && flavour == Flavour::Modern && keys.first().is_some_and(|k| k == "default") {
        keys = &keys[1..];
    }
    for key in keys {
        target = target
            .as_object()
            .and_then(|object| object.get::<_, Value>(key.as_str()).ok())
            .unwrap_or_else(|| Value::new_undefined(ctx.clone()));
    }
    let name = format!("{module}.{}", path.join("."));
    if target.is_undefined() {
        return Err(error(
            "Runtime.HandlerNotFound",
            format!("{name} is undefined or not exported"),
        ));
    }
    let Some(function) = target.into_function() else {
        return Err(error(
            "Runtime.HandlerNotFound",
            format!("{name} is not a function"),
        ));
    };
    let metadata: Function = hooks.get("handlerMetadata").map_err(engine_error)?;
    let (is_async, declared_args, mark) = metadata
        .call::<_, rquickjs::Array>((function.clone(),))
        .and_then(|m| Ok((m.get::<bool>(0)?, m.get::<u32>(1)?, m.get::<String>(2)?)))
        .map_err(engine_error)?;
    let streaming = match (mark.as_str(), flavour) {
        ("", _) => false,
        ("response", _) => true,
        (_, Flavour::Modern) => {
            return Err(error(
                "Runtime.MalformedStreamingHandler",
                "Only response streaming is supported.",
            ));
        }
        // aws-lambda-ric 3.x names an error class it never imports (UserFunction.js), so
        // the refusal itself fails with this ReferenceError, which is what nodejs22.x reports.
        (_, Flavour::Classic) => {
            return Err(error(
                "ReferenceError",
                "MalformedStreamingHandler is not defined",
            ));
        }
    };
    match flavour {
        Flavour::Modern if declared_args >= 3 && !streaming => {
            return Err(error(CALLBACK_REMOVED_TYPE, CALLBACK_REMOVED_MESSAGE));
        }
        Flavour::Classic
            if declared_args == 3
                && !is_async
                && !streaming
                && !spec
                    .environment
                    .contains_key("AWS_LAMBDA_NODEJS_DISABLE_CALLBACK_WARNING") =>
        {
            let warn: Function = ctx
                .globals()
                .get::<_, Object>("console")
                .and_then(|console| console.get("warn"))
                .map_err(engine_error)?;
            warn.call::<_, ()>((CALLBACK_WARNING,))
                .map_err(engine_error)?;
        }
        _ => {}
    }
    Ok((function, is_async, streaming))
}
