"""Static, accessible SVG bar charts, made at build time (no script in the browser).

Each chart is an ``<svg role="img">`` with a ``<title>`` and a ``<desc>`` that reads
every bar's label and value, so a screen reader has the whole chart in words. Every
bar is labelled with its name above it and its value beside it, and is filled with a
hatching pattern as well as a colour, so nothing depends on colour alone; the page
shows the same numbers in a table beside each chart. The drawing is 320 units wide,
the narrowest screen it is read on, so text stays at its size on a phone; wider
screens scale it up to a limit set in directory.css. Colours are presentation
attributes and classes (the pages' Content-Security-Policy allows no style attributes).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from markupsafe import Markup, escape

WIDTH = 320
ROW = 40  # height of one bar with its label
BAR = 14
LABEL_GAP = 16  # from a row's top to its label's baseline
VALUE_ROOM = 64  # space right of the longest bar for its value


@dataclass(frozen=True)
class Bar:
    label: str
    value: float
    text: str  # the value as shown, such as "45%" or "12.5"


def bar_chart(chart_id: str, title: str, desc: str, bars: Sequence[Bar], maximum: float) -> Markup:
    """A horizontal bar chart; ``maximum`` is the value of a full-width bar (100 for
    percentages). ``chart_id`` must be unique in the page (it names the pattern)."""
    height = ROW * len(bars) + 8
    track = WIDTH - VALUE_ROOM
    pattern = f"{chart_id}-hatch"
    spoken = "; ".join(f"{b.label}: {b.text}" for b in bars)
    parts = [
        f'<svg class="ch-chart" id="{escape(chart_id)}" role="img" viewBox="0 0 {WIDTH} {height}"'
        f' aria-labelledby="{escape(chart_id)}-title {escape(chart_id)}-desc"'
        ' xmlns="http://www.w3.org/2000/svg">',
        f'<title id="{escape(chart_id)}-title">{escape(title)}</title>',
        f'<desc id="{escape(chart_id)}-desc">{escape(desc)} {escape(spoken)}.</desc>',
        f'<defs><pattern id="{escape(pattern)}" width="6" height="6"'
        ' patternUnits="userSpaceOnUse" patternTransform="rotate(45)">'
        '<rect class="ch-chart__fill" width="6" height="6"/>'
        '<line class="ch-chart__hatch" x1="0" y1="0" x2="0" y2="6" stroke-width="2"/>'
        "</pattern></defs>",
    ]
    for i, bar in enumerate(bars):
        top = i * ROW + 4
        length = 0.0 if maximum <= 0 else max(0.0, min(1.0, bar.value / maximum)) * track
        bar_top = top + LABEL_GAP + 6
        parts.append(
            f'<text class="ch-chart__label" x="0" y="{top + LABEL_GAP - 4}">'
            f"{escape(bar.label)}</text>"
            f'<rect class="ch-chart__track" x="0" y="{bar_top}" width="{track}" height="{BAR}"'
            ' fill="none" stroke-width="1"/>'
            f'<rect class="ch-chart__bar" x="0" y="{bar_top}" width="{length:.1f}" height="{BAR}"'
            f' fill="url(#{escape(pattern)})" stroke-width="1"/>'
            f'<text class="ch-chart__value" x="{length + 6:.1f}" y="{bar_top + BAR - 3}">'
            f"{escape(bar.text)}</text>"
        )
    parts.append("</svg>")
    return Markup("".join(parts))


@dataclass(frozen=True)
class Series:
    name: str
    values: tuple[int, ...]


# Fills that tell series apart without colour: hatching, dots, solid.
_FILLS = (
    '<line class="ch-chart__hatch" x1="0" y1="0" x2="0" y2="4" stroke-width="2"/>',
    '<circle class="ch-chart__hatch" cx="2" cy="2" r="1"/>',
    "",
)
_COLUMN_HEIGHT = 120
_LEGEND = 20


def column_chart(
    chart_id: str, title: str, desc: str, labels: Sequence[str], series: Sequence[Series]
) -> Markup:
    """Grouped columns, one group per label (such as a month), at most three series,
    each with its own fill pattern and named in a legend above. Every fourth label is
    written under its group; ``desc`` and the table beside the chart give every value."""
    groups = max(len(labels), 1)
    group_width = WIDTH / groups
    bar_width = max(1.0, (group_width - 2) / max(len(series), 1))
    top = _LEGEND + 16
    maximum = max((v for s in series for v in s.values), default=0) or 1
    cid = escape(chart_id)
    parts = [
        f'<svg class="ch-chart" id="{cid}" role="img"'
        f' viewBox="0 0 {WIDTH} {top + _COLUMN_HEIGHT + 20}"'
        f' aria-labelledby="{cid}-title {cid}-desc" xmlns="http://www.w3.org/2000/svg">',
        f'<title id="{cid}-title">{escape(title)}</title>',
        f'<desc id="{cid}-desc">{escape(desc)}</desc>',
        "<defs>",
    ]
    for i, _ in enumerate(series):
        parts.append(
            f'<pattern id="{cid}-fill-{i}" width="4" height="4" patternUnits="userSpaceOnUse"'
            f' patternTransform="rotate(45)"><rect class="ch-chart__fill" width="4" height="4"/>'
            f"{_FILLS[i % len(_FILLS)]}</pattern>"
        )
    parts.append("</defs>")
    x = 0.0
    for i, s in enumerate(series):
        parts.append(
            f'<rect class="ch-chart__bar" x="{x:.1f}" y="4" width="12" height="12"'
            f' fill="url(#{cid}-fill-{i})" stroke-width="1"/>'
            f'<text class="ch-chart__label" x="{x + 16:.1f}" y="14">{escape(s.name)}</text>'
        )
        x += 16 + 7 * len(s.name) + 12
    base = top + _COLUMN_HEIGHT
    parts.append(
        f'<line class="ch-chart__track" x1="0" y1="{base}" x2="{WIDTH}" y2="{base}"'
        ' stroke-width="1"/>'
    )
    for g, label in enumerate(labels):
        left = g * group_width + 1
        for i, s in enumerate(series):
            height = _COLUMN_HEIGHT * s.values[g] / maximum
            parts.append(
                f'<rect class="ch-chart__bar" x="{left + i * bar_width:.1f}"'
                f' y="{base - height:.1f}" width="{bar_width:.1f}" height="{height:.1f}"'
                f' fill="url(#{cid}-fill-{i})" stroke-width="0.5"/>'
            )
        if g % 4 == 0:
            parts.append(
                f'<text class="ch-chart__label" x="{left:.1f}" y="{base + 14}">'
                f"{escape(label)}</text>"
            )
    parts.append(
        f'<text class="ch-chart__value" x="{WIDTH}" y="{top - 4}" text-anchor="end">'
        f"highest: {maximum}</text></svg>"
    )
    return Markup("".join(parts))
