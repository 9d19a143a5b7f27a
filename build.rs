//! Rebuilds the crate when the content it embeds changes: `include_dir!` reads folders at
//! compile time, but cargo only knows to re-run it for files it was told about.

fn main() {
    for folder in [
        "lessons",
        "sample-events",
        "assets/handlers",
        "assets/layers",
        "assets/diagrams",
        "assets/course-template",
    ] {
        println!("cargo:rerun-if-changed={folder}");
    }
    println!("cargo:rerun-if-changed=build.rs");
}
