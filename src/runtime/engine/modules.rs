//! How handler code finds its modules, as Node on Lambda does: the handler string, ES modules
//! and CommonJS, the Node built-ins (and the ones withheld offline), and a loader confined to
//! the task root, the layers and the built-ins.

use std::path::{Path, PathBuf};

use rquickjs::loader::{Loader, Resolver};
use rquickjs::{Ctx, Module};

use super::*;

/// Node built-in modules handler code can `require` or `import` (with or without `node:`).
/// `node.js` provides them (tests/it/node_builtins.rs loads every one).
pub const BUILTIN_MODULES: [&str; 14] = [
    "buffer",
    "crypto",
    "events",
    "fs",
    "fs/promises",
    "os",
    "path",
    "path/posix",
    "process",
    "timers",
    "timers/promises",
    "url",
    "util",
    "zlib",
];

/// Node modules that need what the sandbox withholds (network, processes, threads).
pub(super) const WITHHELD_MODULES: [&str; 10] = [
    "http",
    "https",
    "http2",
    "net",
    "tls",
    "dgram",
    "dns",
    "child_process",
    "cluster",
    "worker_threads",
];

/// The built-in a specifier names, if any: `node:zlib` and `zlib` both name `zlib`.
pub fn builtin_module(name: &str) -> Option<&'static str> {
    let bare = name.strip_prefix("node:").unwrap_or(name);
    BUILTIN_MODULES.iter().copied().find(|b| *b == bare)
}

/// Node's "Cannot find module" message, with a word on why when the module exists on
/// Lambda but not in this offline sandbox.
pub fn missing_module_message(name: &str) -> String {
    let bare = name.strip_prefix("node:").unwrap_or(name);
    if WITHHELD_MODULES.contains(&bare) {
        format!(
            "Cannot find module '{name}' (Lambda Lab runs handlers offline: network, process \
             and thread modules are not available here; on AWS Lambda they are)"
        )
    } else if bare.starts_with("@aws-sdk/") {
        format!(
            "Cannot find module '{name}' (the {EMBEDDED_ENGINE_RUNTIME} runtime on AWS Lambda \
             includes the AWS SDK for JavaScript v3; Lambda Lab runs offline without it)"
        )
    } else {
        format!("Cannot find module '{name}'")
    }
}

/// Resolves `import` specifiers inside the task root and layers only.
pub(super) struct SandboxResolver {
    pub(super) roots: Vec<PathBuf>,
    pub(super) module_dirs: Vec<PathBuf>,
}

impl Resolver for SandboxResolver {
    fn resolve<'js>(
        &mut self,
        ctx: &Ctx<'js>,
        base: &str,
        name: &str,
        _attributes: Option<rquickjs::loader::ImportAttributes<'js>>,
    ) -> rquickjs::Result<String> {
        if let Some(builtin) = builtin_module(name) {
            return Ok(format!("node:{builtin}"));
        }
        let base_dir = Path::new(base).parent().unwrap_or_else(|| Path::new("/"));
        resolve_module(&self.roots, &self.module_dirs, base_dir, name)
            .map(|path| path.display().to_string())
            .ok_or_else(|| throw_error(ctx, &missing_module_message(name)))
    }
}

/// Loads ES modules from files the resolver allowed.
pub(super) struct SandboxLoader;

impl Loader for SandboxLoader {
    fn load<'js>(
        &mut self,
        ctx: &Ctx<'js>,
        name: &str,
        _attributes: Option<rquickjs::loader::ImportAttributes<'js>>,
    ) -> rquickjs::Result<Module<'js, rquickjs::module::Declared>> {
        if let Some(builtin) = name.strip_prefix("node:") {
            return Module::declare(ctx.clone(), name, builtin_module_source(ctx, builtin)?);
        }
        if !is_es_module(Path::new(name)) {
            return Module::declare(ctx.clone(), name, commonjs_module_source(ctx, name)?);
        }
        let source =
            std::fs::read_to_string(name).map_err(|_| rquickjs::Error::new_loading(name))?;
        Module::declare(ctx.clone(), name, source)
    }
}

/// The package.json whose scope `file` is in, and its `"type"`: the nearest one above it, the
/// search stopping at a `node_modules` folder (a package there has a scope of its own), as
/// Node's package scope lookup does.
pub fn package_scope(file: &Path) -> Option<(PathBuf, Option<String>)> {
    for dir in file.ancestors().skip(1) {
        let json = dir.join("package.json");
        if let Ok(text) = std::fs::read_to_string(&json) {
            let kind = serde_json::from_str::<serde_json::Value>(&text)
                .ok()
                .and_then(|value| {
                    value
                        .get("type")
                        .and_then(|t| t.as_str())
                        .map(str::to_owned)
                });
            return Some((json, kind));
        }
        if dir.file_name().is_some_and(|name| name == "node_modules") {
            return None;
        }
    }
    None
}

/// Node's rule for a file's module system: .mjs is ESM, .cjs, .json and extensionless files
/// are CommonJS, and .js follows the `type` of its package scope; with no `type` at all,
/// Node 22 and later detect module syntax (`import` or `export` statements) and load the
/// file as an ES module.
pub fn is_es_module(file: &Path) -> bool {
    match file.extension().and_then(|e| e.to_str()) {
        Some("mjs") => true,
        Some("js") => match package_scope(file).and_then(|(_, kind)| kind) {
            Some(kind) => kind == "module",
            None => std::fs::read_to_string(file).is_ok_and(|source| has_module_syntax(&source)),
        },
        // What import() does with an extensionless file: its package's "type" decides.
        None => package_scope(file).and_then(|(_, kind)| kind).as_deref() == Some("module"),
        _ => false,
    }
}

/// Whether a source has a static `import` or `export` statement at the start of a line, the
/// syntax CommonJS cannot parse (Node's detection compiles it; this looks for the statements).
fn has_module_syntax(source: &str) -> bool {
    source.lines().any(|line| {
        let line = line.trim_start();
        (line.starts_with("export ") || line.starts_with("export{"))
            || (line.starts_with("import ") || line.starts_with("import{"))
                && !line.starts_with("import(")
    })
}

/// An ES module wrapping a CommonJS file, as Node does when ESM imports CommonJS:
/// `module.exports` is the default export and its keys are named exports.
pub(super) fn commonjs_module_source(ctx: &Ctx<'_>, file: &str) -> rquickjs::Result<String> {
    let key = serde_json::to_string(file).unwrap_or_default();
    let names: Vec<String> = ctx.eval(format!(
        "(() => {{ const m = globalThis.__lambdaLabRequire({key}); \
         return m !== null && typeof m === 'object' || typeof m === 'function' ? Object.keys(m) : []; }})()"
    ))?;
    Ok(reexport_source(
        &format!("globalThis.__lambdaLabRequire({key})"),
        names,
    ))
}

/// `const m = <expression>; export default m; export const name = m.name; …`
pub(super) fn reexport_source(expression: &str, names: Vec<String>) -> String {
    let mut source = format!("const m = {expression};\nexport default m;\n");
    for name in names {
        let identifier = !name.is_empty()
            && name
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '$')
            && !name.starts_with(|c: char| c.is_ascii_digit());
        if identifier && name != "default" {
            source.push_str(&format!("export const {name} = m.{name};\n"));
        }
    }
    source
}

/// An ES module that re-exports a built-in's members by name, plus the whole as default,
/// so both `import zlib from "node:zlib"` and `import { gunzipSync } from "zlib"` work.
pub(super) fn builtin_module_source(ctx: &Ctx<'_>, builtin: &str) -> rquickjs::Result<String> {
    let key = serde_json::to_string(builtin).unwrap_or_default();
    let names: Vec<String> = ctx.eval(format!(
        "Object.keys(globalThis.__lambdaLabBuiltins[{key}] ?? {{}})"
    ))?;
    Ok(reexport_source(
        &format!("globalThis.__lambdaLabBuiltins[{key}]"),
        names,
    ))
}

/// Node's resolution for a specifier, confined to `roots`: relative paths with the
/// extensions Node tries, then bare package names in node_modules folders.
pub fn resolve_module(
    roots: &[PathBuf],
    module_dirs: &[PathBuf],
    base_dir: &Path,
    name: &str,
) -> Option<PathBuf> {
    let inside = |path: &Path| -> Option<PathBuf> {
        let real = path.canonicalize().ok()?;
        roots
            .iter()
            .any(|root| root.canonicalize().is_ok_and(|root| real.starts_with(root)))
            .then_some(real)
            .filter(|real| real.is_file())
    };
    let as_file = |path: &Path| -> Option<PathBuf> {
        inside(path).or_else(|| {
            ["js", "mjs", "cjs", "json"].iter().find_map(|ext| {
                let mut with_ext = path.as_os_str().to_owned();
                with_ext.push(format!(".{ext}"));
                inside(Path::new(&with_ext))
            })
        })
    };
    let as_dir = |dir: &Path| -> Option<PathBuf> {
        let package = std::fs::read_to_string(dir.join("package.json"))
            .ok()
            .and_then(|text| serde_json::from_str::<serde_json::Value>(&text).ok());
        // "exports" wins over "main" where a package has it, as in Node.
        let entry = package.as_ref().and_then(|json| {
            json.get("exports")
                .and_then(package_entry)
                .or_else(|| json.get("main").and_then(|m| m.as_str()).map(str::to_owned))
        });
        entry
            .and_then(|entry| as_file(&dir.join(entry)))
            .or_else(|| {
                ["index.js", "index.mjs", "index.cjs", "index.json"]
                    .iter()
                    .find_map(|f| inside(&dir.join(f)))
            })
    };
    if name.starts_with("./") || name.starts_with("../") || name.starts_with('/') {
        let target = base_dir.join(name);
        return as_file(&target).or_else(|| as_dir(&target));
    }
    let name = name.strip_prefix("node:").unwrap_or(name);
    module_dirs.iter().find_map(|dir| {
        let target = dir.join(name);
        as_file(&target).or_else(|| as_dir(&target))
    })
}

/// The file a package's `"exports"` gives for importing the package itself: a string, the
/// `"."` entry, or the first of the conditions an `import` in Node matches.
fn package_entry(exports: &serde_json::Value) -> Option<String> {
    match exports {
        serde_json::Value::String(path) => Some(path.clone()),
        serde_json::Value::Object(map) => match map.get(".") {
            Some(main) => package_entry(main),
            None => ["import", "node", "default", "require"]
                .iter()
                .find_map(|condition| map.get(*condition).and_then(package_entry)),
        },
        _ => None,
    }
}

/// The handler string split as the Node runtime splits it: `dir/file.export.nested`.
pub fn parse_handler(handler: &str) -> Option<(String, Vec<String>)> {
    let (dir, last) = match handler.rfind('/') {
        Some(slash) => (&handler[..=slash], &handler[slash + 1..]),
        None => ("", handler),
    };
    let (module, path) = last.split_once('.')?;
    let path: Vec<String> = path.split('.').map(str::to_owned).collect();
    if module.is_empty() || path.iter().any(String::is_empty) {
        return None;
    }
    Some((format!("{dir}{module}"), path))
}

/// Finds the handler's file in the runtime client's order (as named, .js, .mjs, .cjs) and
/// whether it is an ES module; `imports`: the client loads it with import(), not require().
pub(super) fn find_handler_module(
    task_root: &Path,
    module: &str,
    imports: bool,
) -> Option<(PathBuf, bool)> {
    // The runtime client tries the name as it is first. The classic client require()s it
    // (CommonJS whatever its package says); the modern one import()s it.
    let exact = task_root.join(module);
    if exact.is_file() {
        let esm = imports && is_es_module(&exact);
        return Some((exact, esm));
    }
    ["js", "mjs", "cjs"].iter().find_map(|ext| {
        let path = task_root.join(format!("{module}.{ext}"));
        path.is_file().then(|| {
            let esm = is_es_module(&path);
            (path, esm)
        })
    })
}
