#!/usr/bin/env bash
# Rebuilds DejaVuSans-subset.ttf, the fallback font for glyphs egui's default font lacks
# (arrows, maths, Greek, box drawing, geometric shapes) that lessons and the UI use.
# Needs: apt-get install fonts-dejavu-core; pip install fonttools.
set -euo pipefail
cd "$(dirname "$0")"
pyftsubset /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf \
  --unicodes="U+0020-024F,U+0370-03FF,U+2000-206F,U+2070-20CF,U+2100-214F,U+2190-21FF,U+2200-22FF,U+2300-23FF,U+2460-24FF,U+2500-25FF,U+2600-26FF,U+2700-27BF" \
  --layout-features='' --no-hinting --desubroutinize \
  --output-file=DejaVuSans-subset.ttf
