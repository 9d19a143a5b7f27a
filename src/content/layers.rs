//! The layers shipped in `assets/layers/`: one folder each, named by its folder, holding what
//! Lambda would extract into /opt (`nodejs/node_modules/…`, `python/…`).

use std::path::{Path, PathBuf};

/// The shipped layers, sorted by name.
#[derive(Clone, Debug, Default)]
pub struct SampleLayers {
    pub dir: PathBuf,
    pub names: Vec<String>,
}

impl SampleLayers {
    /// The folder of layer `name`, if it is shipped.
    pub fn path_of(&self, name: &str) -> Option<PathBuf> {
        self.names
            .iter()
            .any(|known| known == name)
            .then(|| self.dir.join(name))
    }

    /// The shipped layer a path is, if it is one (to show its name rather than a long path).
    pub fn name_of(&self, path: &Path) -> Option<&str> {
        let parent = path.parent()?;
        let same_dir = parent == self.dir
            || parent
                .canonicalize()
                .ok()
                .zip(self.dir.canonicalize().ok())
                .is_some_and(|(a, b)| a == b);
        let name = path.file_name()?.to_str()?;
        self.names
            .iter()
            .find(|known| same_dir && known.as_str() == name)
            .map(String::as_str)
    }

    /// Paths of the named layers; the names that are not shipped come back as the error.
    pub fn resolve(&self, names: &[String]) -> Result<Vec<PathBuf>, Vec<String>> {
        let unknown: Vec<String> = names
            .iter()
            .filter(|name| self.path_of(name).is_none())
            .cloned()
            .collect();
        if unknown.is_empty() {
            Ok(names.iter().filter_map(|name| self.path_of(name)).collect())
        } else {
            Err(unknown)
        }
    }
}

/// Lists the layer folders in `dir` (none when it is missing).
pub fn load(dir: &Path) -> SampleLayers {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .map(|entries| {
            entries
                .filter_map(Result::ok)
                .filter(|entry| entry.path().is_dir())
                .filter_map(|entry| entry.file_name().to_str().map(str::to_owned))
                .collect()
        })
        .unwrap_or_default();
    names.sort();
    SampleLayers {
        dir: dir.to_path_buf(),
        names,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::content::{handlers, locate::locate_app_dir};

    #[test]
    fn every_layer_a_sample_handler_names_is_shipped() {
        let layers = load(&locate_app_dir("assets/layers"));
        assert!(layers.names.len() >= 2, "{:?}", layers.names);
        let samples = handlers::load(&locate_app_dir("assets/handlers")).unwrap();
        for handler in &samples.handlers {
            assert_eq!(
                layers.resolve(&handler.layers).map(|_| ()),
                Ok(()),
                "{}",
                handler.name
            );
        }
        let path = layers.path_of("bakery-helpers-2").unwrap();
        assert_eq!(layers.name_of(&path), Some("bakery-helpers-2"));
        assert_eq!(
            layers.resolve(&["nope".to_owned()]),
            Err(vec!["nope".to_owned()])
        );
    }
}
