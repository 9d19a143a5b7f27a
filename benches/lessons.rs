//! Lesson pack costs the UI pays: loading the pack at start-up and on Reload, and filtering
//! the list on every keystroke in the search box.

use std::path::Path;

use criterion::{Criterion, criterion_group, criterion_main};
use lambda_lab::content::LessonPack;

fn shipped() -> &'static Path {
    Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/lessons"))
}

fn load_pack(c: &mut Criterion) {
    c.bench_function("load shipped lesson pack", |b| {
        b.iter(|| LessonPack::load(shipped()))
    });
}

fn search(c: &mut Criterion) {
    let Ok(pack) = LessonPack::load(shipped()) else {
        panic!("the shipped lessons load");
    };
    c.bench_function("filter lessons by a two-word query", |b| {
        b.iter(|| {
            pack.lessons
                .iter()
                .filter(|lesson| lesson.matches(std::hint::black_box("cold start")))
                .count()
        })
    });
}

criterion_group!(benches, load_pack, search);
criterion_main!(benches);
