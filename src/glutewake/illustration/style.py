"""The pictures' shared CSS: colours (a page may override any with a --gw-* custom property),
the far side lighter than the near side, and no motion under ``prefers-reduced-motion`` or in
print. Rules are scoped to ``.gw-svg``: an SVG inlined in a page shares the page's styles.
"""

from __future__ import annotations

FONT_STACK = 'system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif'

# name: (light, dark)
COLOURS: dict[str, tuple[str, str]] = {
    "near": ("#24668d", "#9fd0ea"),
    "mid": ("#3f8cb6", "#73b3d8"),
    "trunk": ("#3a86ad", "#6aaad0"),
    "far": ("#a6cce0", "#35607a"),
    "pelvis": ("#1d4660", "#c6e3f2"),
    "hair": ("#1f3b4d", "#e4f1f8"),
    "muscle": ("#e4572e", "#ff7a52"),
    "band": ("#f2a516", "#f2a516"),
    "prop": ("#c9d5dc", "#3d4b54"),
    "edge": ("#8fa3af", "#7d909c"),
    "weight": ("#4f5b63", "#c3ced6"),
    "ground": ("#e8edf0", "#222b31"),
    "floor": ("#8d9ca6", "#8d9ca6"),
    "label": ("#4a5a66", "#c3ced6"),
    "bg": ("#fff", "#12191e"),
}


def _palette(index: int) -> str:
    return ";".join(f"--{n}:var(--gw-{n},{c[index]})" for n, c in COLOURS.items())


# selector (inside .gw-svg): declarations
_RULES = {
    ".gw-near": "fill:var(--near)",
    ".gw-mid": "fill:var(--mid)",
    ".gw-trunk": "fill:var(--trunk)",
    ".gw-far": "fill:var(--far)",
    ".gw-pelvis": "fill:var(--pelvis)",
    ".gw-hair": "fill:var(--hair);stroke:none",
    ".gw-body path,.gw-svg .gw-skull": "stroke:var(--bg);stroke-width:1.6;paint-order:stroke",
    ".gw-body .gw-neck": "stroke:none",
    ".gw-body .gw-belt": "fill:none;stroke:var(--hair);stroke-width:1.6",
    ".gw-muscle": "fill:var(--muscle)",
    ".gw-prop,.gw-svg .gw-pad,.gw-svg .gw-wall": "fill:var(--prop);stroke:var(--edge);stroke-width:1.2",
    ".gw-leg,.gw-svg .gw-tread,.gw-svg .gw-core": "fill:var(--edge)",
    ".gw-backdrop": "fill:var(--prop);fill-opacity:.45",
    ".gw-mirror": "fill:var(--prop);fill-opacity:.5;stroke:var(--edge)",
    ".gw-sheen": "fill:none;stroke:var(--bg);stroke-width:2;stroke-linecap:round",
    ".gw-weight,.gw-svg .gw-chain": "fill:var(--weight)",
    ".gw-bar,.gw-svg .gw-handle": "fill:none;stroke:var(--weight);stroke-width:2.2",
    ".gw-hub": "fill:var(--bg);fill-opacity:.6",
    ".gw-band": "fill:var(--band)",
    ".gw-ground": "fill:var(--ground)",
    ".gw-floor": "stroke:var(--floor);stroke-width:1.5",
    ".gw-cue": "fill:none;stroke:var(--muscle);stroke-width:2.4;stroke-linecap:round",
    ".gw-cue-head": "fill:var(--muscle)",
    ".gw-label": f"fill:var(--label);font-family:{FONT_STACK};font-size:13px;text-anchor:middle",
}

STILL = ".gw-svg [style]{animation:none!important}"
STYLE = (
    f".gw-svg{{{_palette(0)}}}"
    f"@media (prefers-color-scheme:dark){{.gw-svg{{{_palette(1)}}}}}"
    + "".join(f".gw-svg {selector}{{{rules}}}" for selector, rules in _RULES.items())
    + f"@media (prefers-reduced-motion:reduce){{{STILL}}}@media print{{{STILL}}}"
)
