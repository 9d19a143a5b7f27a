//! `fs` and `fs/promises` for handler code, confined as Lambda confines them: a private,
//! size-limited /tmp, read-only /var/task and /opt, and nothing else of the host.

use std::io::Write;
use std::path::{Component, Path, PathBuf};

use rquickjs::{Ctx, Function, Object, TypedArray};

use super::*;

/// Where handler code may look in the file system, as Lambda lays it out.
#[derive(Clone, Debug)]
pub struct Sandbox {
    /// The host folder behind /tmp: private to one environment, removed with it.
    pub tmp_dir: PathBuf,
    /// Ephemeral storage size: the most /tmp may hold.
    pub tmp_limit_bytes: u64,
    /// The host folder behind /var/task (read-only).
    pub task_root: PathBuf,
    /// Layer folders, merged under /opt in order (read-only).
    pub layers: Vec<PathBuf>,
}

/// A path as handler code sees it, after `.`/`..` are applied lexically.
pub(super) fn normalise(path: &str) -> PathBuf {
    let absolute = if path.starts_with('/') {
        PathBuf::from(path)
    } else {
        Path::new("/var/task").join(path)
    };
    let mut out = PathBuf::from("/");
    for component in absolute.components() {
        match component {
            Component::ParentDir => {
                out.pop();
            }
            Component::Normal(part) => out.push(part),
            _ => {}
        }
    }
    out
}

/// A file-system failure in Node's words: `ENOENT: no such file or directory, open '/tmp/x'`.
#[derive(Debug)]
pub(super) struct FsError {
    pub(super) code: &'static str,
    pub(super) message: String,
}

pub(super) fn fs_error(code: &'static str, syscall: &str, path: &str) -> FsError {
    let what = match code {
        "ENOENT" => "no such file or directory",
        "EROFS" => "read-only file system",
        "ENOSPC" => "no space left on device",
        "EISDIR" => "illegal operation on a directory",
        "ENOTDIR" => "not a directory",
        "EEXIST" => "file already exists",
        "ENOTEMPTY" => "directory not empty",
        _ => "operation not permitted",
    };
    FsError {
        code,
        message: format!("{code}: {what}, {syscall} '{path}'"),
    }
}

pub(super) fn from_io(error: &std::io::Error, syscall: &str, path: &str) -> FsError {
    let code = match error.kind() {
        std::io::ErrorKind::NotFound => "ENOENT",
        std::io::ErrorKind::AlreadyExists => "EEXIST",
        std::io::ErrorKind::IsADirectory => "EISDIR",
        std::io::ErrorKind::NotADirectory => "ENOTDIR",
        std::io::ErrorKind::DirectoryNotEmpty => "ENOTEMPTY",
        std::io::ErrorKind::ReadOnlyFilesystem => "EROFS",
        std::io::ErrorKind::StorageFull => "ENOSPC",
        _ => "EPERM",
    };
    fs_error(code, syscall, path)
}

pub(super) fn folder_bytes(dir: &Path) -> u64 {
    std::fs::read_dir(dir)
        .map(|entries| {
            entries
                .flatten()
                .map(|entry| match entry.metadata() {
                    Ok(meta) if meta.is_dir() => folder_bytes(&entry.path()),
                    Ok(meta) => meta.len(),
                    Err(_) => 0,
                })
                .sum()
        })
        .unwrap_or(0)
}

impl Sandbox {
    /// The host path behind a Lambda path and whether handler code may write there.
    /// Anything outside /tmp, /var/task and /opt does not exist for handler code.
    pub(super) fn map(&self, path: &str, syscall: &str) -> Result<(PathBuf, bool), FsError> {
        let lambda_path = normalise(path);
        let inside = |root: &Path, rest: &Path| -> Option<PathBuf> {
            let host = root.join(rest);
            // Symbolic links must not lead out of the folder they sit in.
            match (host.canonicalize(), root.canonicalize()) {
                (Ok(real), Ok(root)) if !real.starts_with(&root) => None,
                _ => Some(host),
            }
        };
        let not_found = || fs_error("ENOENT", syscall, path);
        if let Ok(rest) = lambda_path.strip_prefix("/tmp") {
            return inside(&self.tmp_dir, rest)
                .map(|p| (p, true))
                .ok_or_else(not_found);
        }
        if let Ok(rest) = lambda_path.strip_prefix("/var/task") {
            return inside(&self.task_root, rest)
                .map(|p| (p, false))
                .ok_or_else(not_found);
        }
        if let Ok(rest) = lambda_path.strip_prefix("/opt") {
            // Layers are extracted over each other in order: the last one that has the file wins.
            let found = self
                .layers
                .iter()
                .rev()
                .filter_map(|layer| inside(layer, rest))
                .find(|p| p.exists());
            let fallback = self.layers.first().and_then(|layer| inside(layer, rest));
            return found.or(fallback).map(|p| (p, false)).ok_or_else(not_found);
        }
        // `__dirname` and `import.meta.url` name the code's real folder on this machine, so
        // those paths reach the same read-only code and layers.
        for root in std::iter::once(&self.task_root).chain(&self.layers) {
            if let Ok(rest) = lambda_path.strip_prefix(root) {
                return inside(root, rest).map(|p| (p, false)).ok_or_else(not_found);
            }
        }
        Err(not_found())
    }

    pub(super) fn writable(&self, path: &str, syscall: &str) -> Result<PathBuf, FsError> {
        match self.map(path, syscall)? {
            (host, true) => Ok(host),
            (_, false) => Err(fs_error("EROFS", syscall, path)),
        }
    }

    pub(super) fn read(&self, path: &str) -> Result<Vec<u8>, FsError> {
        let (host, _) = self.map(path, "open")?;
        if host.is_dir() {
            return Err(fs_error("EISDIR", "read", path));
        }
        std::fs::read(&host).map_err(|e| from_io(&e, "open", path))
    }

    pub(super) fn write(&self, path: &str, data: &[u8], append: bool) -> Result<(), FsError> {
        let host = self.writable(path, "open")?;
        let existing = if append {
            0
        } else {
            std::fs::metadata(&host).map(|m| m.len()).unwrap_or(0)
        };
        let used = folder_bytes(&self.tmp_dir).saturating_sub(existing);
        if used + data.len() as u64 > self.tmp_limit_bytes {
            return Err(fs_error("ENOSPC", "write", path));
        }
        let mut file = std::fs::OpenOptions::new()
            .create(true)
            .write(true)
            .append(append)
            .truncate(!append)
            .open(&host)
            .map_err(|e| from_io(&e, "open", path))?;
        file.write_all(data).map_err(|e| from_io(&e, "write", path))
    }
}

pub(super) fn install_fs<'js>(
    ctx: &Ctx<'js>,
    native: &Object<'js>,
    sandbox: Sandbox,
) -> rquickjs::Result<()> {
    let fail = |ctx: &Ctx<'js>, error: FsError| throw(ctx, "Error", error.code, &error.message);
    let sb = sandbox.clone();
    native.set(
        "fsRead",
        Function::new(ctx.clone(), move |ctx: Ctx<'js>, path: String| {
            match sb.read(&path) {
                Ok(bytes) => new_bytes(&ctx, bytes),
                Err(error) => Err(fail(&ctx, error)),
            }
        })?,
    )?;
    let sb = sandbox.clone();
    native.set(
        "fsWrite",
        Function::new(
            ctx.clone(),
            move |ctx: Ctx<'js>, path: String, data: TypedArray<'js, u8>, append: bool| {
                sb.write(&path, &bytes_of(&data), append)
                    .map_err(|error| fail(&ctx, error))
            },
        )?,
    )?;
    let sb = sandbox.clone();
    native.set(
        "fsStat",
        Function::new(ctx.clone(), move |ctx: Ctx<'js>, path: String| {
            let (host, _) = sb.map(&path, "stat").map_err(|e| fail(&ctx, e))?;
            let meta =
                std::fs::metadata(&host).map_err(|e| fail(&ctx, from_io(&e, "stat", &path)))?;
            let stat = Object::new(ctx.clone())?;
            stat.set("size", meta.len() as f64)?;
            stat.set("isFile", meta.is_file())?;
            stat.set("isDirectory", meta.is_dir())?;
            let mtime_ms = meta
                .modified()
                .ok()
                .and_then(|t| t.duration_since(std::time::UNIX_EPOCH).ok())
                .map_or(0.0, |d| d.as_secs_f64() * 1000.0);
            stat.set("mtimeMs", mtime_ms)?;
            Ok::<_, rquickjs::Error>(stat)
        })?,
    )?;
    let sb = sandbox.clone();
    native.set(
        "fsReaddir",
        Function::new(ctx.clone(), move |ctx: Ctx<'js>, path: String| {
            let (host, _) = sb.map(&path, "scandir").map_err(|e| fail(&ctx, e))?;
            let entries =
                std::fs::read_dir(&host).map_err(|e| fail(&ctx, from_io(&e, "scandir", &path)))?;
            let mut names: Vec<String> = entries
                .flatten()
                .map(|e| e.file_name().to_string_lossy().into_owned())
                .collect();
            names.sort();
            Ok::<_, rquickjs::Error>(names)
        })?,
    )?;
    let sb = sandbox.clone();
    native.set(
        "fsMkdir",
        Function::new(
            ctx.clone(),
            move |ctx: Ctx<'js>, path: String, recursive: bool| {
                let host = sb.writable(&path, "mkdir").map_err(|e| fail(&ctx, e))?;
                let made = if recursive {
                    std::fs::create_dir_all(&host)
                } else {
                    std::fs::create_dir(&host)
                };
                made.map_err(|e| fail(&ctx, from_io(&e, "mkdir", &path)))
            },
        )?,
    )?;
    let sb = sandbox.clone();
    native.set(
        "fsRemove",
        Function::new(
            ctx.clone(),
            move |ctx: Ctx<'js>, path: String, recursive: bool, directory: bool| {
                let syscall = if directory { "rmdir" } else { "unlink" };
                let host = sb.writable(&path, syscall).map_err(|e| fail(&ctx, e))?;
                if host == sb.tmp_dir {
                    return Err(fail(&ctx, fs_error("EPERM", syscall, &path)));
                }
                let removed = if host.is_dir() {
                    if !directory && !recursive {
                        return Err(fail(&ctx, fs_error("EISDIR", syscall, &path)));
                    }
                    if recursive {
                        std::fs::remove_dir_all(&host)
                    } else {
                        std::fs::remove_dir(&host)
                    }
                } else {
                    std::fs::remove_file(&host)
                };
                removed.map_err(|e| fail(&ctx, from_io(&e, syscall, &path)))
            },
        )?,
    )?;
    let sb = sandbox;
    native.set(
        "fsRename",
        Function::new(
            ctx.clone(),
            move |ctx: Ctx<'js>, from: String, to: String| {
                let source = sb.writable(&from, "rename").map_err(|e| fail(&ctx, e))?;
                let target = sb.writable(&to, "rename").map_err(|e| fail(&ctx, e))?;
                std::fs::rename(source, target)
                    .map_err(|e| fail(&ctx, from_io(&e, "rename", &from)))
            },
        )?,
    )?;
    Ok(())
}
