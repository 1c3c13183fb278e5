"""What drawing a logo may cost (issue 21): the limits `check` holds an SVG logo to."""
from __future__ import annotations

# A logo that is safe to publish can still cost the drawing library (resvg) hours, gigabytes or
# its stack: one filter of a million octaves, a thousand copies of a blurred shape, a drawing
# 100,000 times taller than wide. `check` refuses such logos with these limits, far above what a
# logo needs (docs/decisions.md says why each value); what they miss, the build's guard catches
# (site/drawing.py: CF-W401, the logo is left out). Parameters in user units are judged in pixels
# where the site draws the logo largest: its link preview, DRAW_WIDTH pixels wide.
DRAW_WIDTH = 600
WIDE_MAX = 20  # width : height
TALL_MAX = 5  # height : width; drawn at a fixed width, a tall logo costs pixels in proportion to its height
SIZE_MAX = 1_000_000  # user units or pixels; resvg computes in single precision (beyond ~10^38: infinite)
ELEMENTS_MAX = 50_000  # elements, every copy counted (<use>, markers, patterns, masks, clip paths, filters)
NESTING_MAX = 64  # elements inside elements, copies counted; resvg's stack ends at about 250
CHAIN_MAX = 8  # references inside references (a <use> of a group with a <use> …)
FILTERED_MAX = 50  # filter effects drawn, every copy counted
PRIMITIVES_MAX = 20  # effects (fe… elements) in one <filter>
OCTAVES_MAX = 10  # feTurbulence numOctaves; beyond 8 an octave adds less than one colour step
# Turbulence and morphology cost time for every pixel of the drawing, and a tall logo drawn
# DRAW_WIDTH wide has many: in a logo taller than wide, fewer octaves and a smaller radius are
# allowed, so that these budgets (octaves × pixels; visits, (2 × radius + 1)² × pixels) hold.
OCTAVE_BUDGET = OCTAVES_MAX * DRAW_WIDTH * DRAW_WIDTH  # ten octaves over a square: about a second
ORDER_MAX = 9  # feConvolveMatrix order (a 9 × 9 kernel)
BLUR_MAX = 150  # pixels: stdDeviation of feGaussianBlur, feDropShadow, CSS blur()
RADIUS_MAX = 20  # pixels: feMorphology radius; its cost grows with the square of the radius
MORPHOLOGY_BUDGET = 300_000_000  # pixel visits: one to two seconds in resvg
DISPLACEMENT_MAX = 600  # pixels: feDisplacementMap scale, the width of the largest drawing
# Counts stop growing here: the limits are far below, and the numbers stay small.
CAP = 10**12
