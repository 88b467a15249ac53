"""The pattern catalog: Business Model Navigator patterns, the companies that use them, an explorer.

``load_catalog()`` reads ``datasets/patterns.csv`` (one row per pattern: number, name, definition,
family, example companies, the lesson that teaches it, source). ``filter_patterns`` narrows it by
family and search words, ``network_figure`` draws patterns and companies as a network (like the
Navigator website's "network view"), and ``PatternCatalog()`` puts both behind a dropdown and a
search box. The grouping into families is the course's, not the Navigator's.
"""

from __future__ import annotations

import contextlib
import html
import textwrap
from dataclasses import dataclass
from pathlib import Path
from typing import Sequence

import ipywidgets as W
import numpy as np
import pandas as pd
import plotly.graph_objects as go

from . import data, theme
from .live_figure import LiveFigure

FAMILIES = ("collaborating", "data leveraging", "platform, AI & blockchain", "other")
FAMILY_COLORS = {
    "collaborating": theme.PALETTE["orange"],
    "data leveraging": theme.PALETTE["blue"],
    "platform, AI & blockchain": theme.PALETTE["green"],
    "other": theme.PALETTE["purple"],
}
COMPANY_COLOR = "#9a9a9a"
ALL_FAMILIES = "All families"
SOURCE_NOTE = ("datasets/patterns.csv: Gassmann, Frankenberger & Csik, The Business Model Navigator (2014; 2020), "
               "BMI Lab;<br>Osterwalder & Pigneur (2010); Chesbrough (2003). Families are the course's grouping.")
HUB = 3  # companies that use at least this many patterns are named on the chart
# Marker sizes and opacities for a pattern or company that matches the filter, and one that does not.
ON_SIZE, OFF_SIZE, COMPANY_SIZE = 17, 10, 8
ON_OPACITY, OFF_OPACITY = 1.0, 0.18
LABEL_LIMIT = 15  # name the highlighted patterns on the chart when no more than this many match


def load_catalog(folder: Path | None = None) -> pd.DataFrame:
    """The pattern catalog as a typed table (validated against datasets/datapackage.json)."""
    return data.load("patterns", folder)


def _text(value: object) -> str:
    """A table cell as text: '' for an empty cell."""
    return "" if value is None or (not isinstance(value, str) and pd.isna(value)) else str(value)


def label(row: pd.Series) -> str:
    """'#18 Freemium' for a numbered Navigator pattern, the plain name otherwise."""
    number = row["number"]
    return row["name"] if pd.isna(number) else f"#{int(number)} {row['name']}"


def companies(cell: object) -> list[str]:
    """The companies in one ``example_companies`` cell ('Spotify;Dropbox' → ['Spotify', 'Dropbox'])."""
    return [name.strip() for name in _text(cell).split(";") if name.strip()]


def _check_family(family: str | None) -> str | None:
    """None for 'no filter'; otherwise the family, which must be one of FAMILIES."""
    if family is None or str(family).strip().lower() in ("", "all", ALL_FAMILIES.lower()):
        return None
    if family not in FAMILIES:
        raise ValueError(f"family must be one of {', '.join(map(repr, FAMILIES))} or None; got {family!r}")
    return family


def haystack(table: pd.DataFrame) -> list[str]:
    """What the search looks in, lower-cased: number, name, definition and companies of each row."""
    return [
        " ".join(("" if pd.isna(n) else f"#{int(n)}", _text(name), _text(text), " ; ".join(companies(cell)))).lower()
        for n, name, text, cell in zip(table["number"], table["name"], table["definition"],
                                       table["example_companies"])
    ]


def _mask(families: Sequence[str], texts: Sequence[str], family: str | None, query: object) -> np.ndarray:
    """True for each row in ``family`` (None = any) whose text contains every word of ``query``."""
    family = _check_family(family)
    words = ("" if query is None else str(query)).lower().split()
    return np.array([(family is None or f == family) and all(w in t for w in words)
                     for f, t in zip(families, texts)], dtype=bool)


def filter_patterns(table: pd.DataFrame, family: str | None = None, query: object = "") -> pd.DataFrame:
    """Rows of ``family`` (None = all) whose number, name, definition or companies contain every search word.

    The search ignores case and extra spaces: ``"spotify premium"`` finds patterns that mention
    both words. An empty search keeps every row of the family.
    """
    return table[_mask(list(table["family"]), haystack(table), family, query)]


# --- the network --------------------------------------------------------------------------------

@dataclass(frozen=True)
class Network:
    """Patterns and companies as a bipartite graph with fixed positions (computed once)."""

    patterns: list[str]          # labels, in table order
    pattern_family: list[str]
    pattern_xy: np.ndarray       # (n_patterns, 2)
    companies: list[str]
    company_xy: np.ndarray       # (n_companies, 2)
    edges: list[tuple[int, int]]  # (pattern index, company index)
    label_positions: list[str]   # where each pattern's name goes when it is highlighted


def build_network(table: pd.DataFrame) -> Network:
    """Place patterns on a circle grouped by family, and each company near the patterns it uses."""
    labels = [label(row) for _, row in table.iterrows()]
    fams = list(table["family"])
    names: list[str] = []
    index: dict[str, int] = {}
    edges: list[tuple[int, int]] = []
    for p, cell in enumerate(table["example_companies"]):
        for name in dict.fromkeys(companies(cell)):
            if name not in index:
                index[name] = len(names)
                names.append(name)
            edges.append((p, index[name]))

    # Patterns: around the unit circle in family order, a gap of two slots between families.
    order = sorted(range(len(labels)), key=lambda i: (FAMILIES.index(fams[i]) if fams[i] in FAMILIES
                                                      else len(FAMILIES), i))
    slots, slot, previous = np.zeros(len(labels)), 0.0, None
    for i in order:
        if previous is not None and fams[i] != previous:
            slot += 2
        slots[i], slot, previous = slot, slot + 1, fams[i]
    angle = np.pi / 2 - 2 * np.pi * slots / max(slot + 2, 1)
    pattern_xy = np.column_stack([np.cos(angle), np.sin(angle)])

    # Companies: a company with one pattern sits just outside it; one with several, inside the circle
    # between them. A few rounds of repulsion keep labels apart; everything is deterministic.
    uses = [[p for p, c in edges if c == k] for k in range(len(names))]
    anchor = np.zeros((len(names), 2))
    fan_count: dict[int, int] = {}
    for k, ps in enumerate(uses):
        if len(ps) == 1:
            p = ps[0]
            j = fan_count.get(p, 0)
            fan_count[p] = j + 1
            a = angle[p] + (0.045 * ((j + 1) // 2) * (1 if j % 2 else -1))
            r = 1.22 + 0.09 * (j % 3)
            anchor[k] = (r * np.cos(a), r * np.sin(a))
        else:
            anchor[k] = 0.8 * pattern_xy[ps].mean(axis=0)
    company_xy = anchor.copy()
    for _ in range(60):
        delta = company_xy[:, None, :] - company_xy[None, :, :]
        dist = np.sqrt((delta**2).sum(-1)) + np.eye(len(names))
        push = np.clip(0.075 - dist, 0, None) / dist
        np.fill_diagonal(push, 0)
        company_xy = company_xy + 0.5 * (delta * push[..., None]).sum(1) + 0.05 * (anchor - company_xy)
    return Network(labels, fams, pattern_xy, names, company_xy, edges, _label_positions(pattern_xy))


def _wrap(text: str, width: int = 60) -> str:
    return "<br>".join(textwrap.wrap(html.escape(text), width)) if text else ""


def _edge_xy(net: Network, edges: Sequence[tuple[int, int]]) -> tuple[np.ndarray, np.ndarray]:
    """Line coordinates for edges, separated by NaN gaps so one trace draws them all."""
    if not edges:
        return np.array([]), np.array([])
    p, c = np.array(edges).T
    xy = np.full((len(edges), 3, 2), np.nan)
    xy[:, 0], xy[:, 1] = net.pattern_xy[p], net.company_xy[c]
    return xy[:, :, 0].ravel(), xy[:, :, 1].ravel()


def _label_positions(xy: np.ndarray) -> list[str]:
    """Put pattern names outside the circle; near the top and bottom, alternate sides so neighbours don't collide."""
    out = []
    rank = np.argsort(np.argsort(np.arctan2(xy[:, 1], xy[:, 0])))  # neighbours on the circle alternate
    for i, (x, y) in zip(rank, xy):
        if abs(x) >= 0.5:
            out.append("middle right" if x > 0 else "middle left")
        else:
            outward = "top center" if y > 0 else "bottom center"
            inward = "bottom center" if y > 0 else "top center"
            out.append(outward if i % 2 == 0 else inward)
    return out


def network_figure(table: pd.DataFrame, widget: bool = False, net: Network | None = None) -> go.Figure:
    """Patterns (coloured by family) linked to the companies that use them (grey); hover for details."""
    net = net or build_network(table)
    fig = (LiveFigure if widget else go.Figure)(layout=dict(
        template=theme.TEMPLATE_NAME, height=620, hovermode="closest",
        title="Who uses which pattern: patterns (coloured by family) and example companies (grey)",
        xaxis=dict(visible=False, range=[-1.65, 1.65], scaleanchor="y"),
        yaxis=dict(visible=False, range=[-1.5, 1.5]),
        margin=dict(l=10, r=10, t=90, b=60), legend=dict(itemclick=False, itemdoubleclick=False),
    ))
    ex, ey = _edge_xy(net, net.edges)
    fig.add_scatter(x=ex, y=ey, mode="lines", line=dict(color="#d9d9d9", width=0.7), hoverinfo="skip",
                    showlegend=False, meta="edges", name="links")
    fig.add_scatter(x=ex, y=ey, mode="lines", line=dict(color="#6f6f6f", width=1.3), hoverinfo="skip",
                    showlegend=False, meta="edges-highlight", name="highlighted links")
    uses: dict[int, list[str]] = {}
    for p, c in net.edges:
        uses.setdefault(c, []).append(net.patterns[p])
    hover = []
    for i, (name, family) in enumerate(zip(net.patterns, net.pattern_family)):
        examples = companies(table["example_companies"].iloc[i])
        hover.append(f"<b>{html.escape(name)}</b> · {html.escape(family)}<br>"
                     f"{_wrap(_text(table['definition'].iloc[i]))}"
                     + (f"<br><i>Examples:</i> {_wrap(', '.join(examples))}" if examples else ""))
    # Legend entries only: the patterns themselves are one trace, so a filter change updates one trace.
    for family in FAMILIES:
        if family in net.pattern_family:
            fig.add_scatter(x=[None], y=[None], mode="markers", name=family, meta="legend",
                            marker=dict(color=FAMILY_COLORS[family], size=ON_SIZE), hoverinfo="skip")
    fig.add_scatter(
        x=net.pattern_xy[:, 0], y=net.pattern_xy[:, 1], mode="markers", name="patterns",
        meta="patterns", customdata=net.patterns, showlegend=False,
        marker=dict(color=[FAMILY_COLORS.get(f, COMPANY_COLOR) for f in net.pattern_family], size=ON_SIZE,
                    line=dict(color="white", width=1)),
        selected=dict(marker=dict(size=ON_SIZE, opacity=ON_OPACITY)),
        unselected=dict(marker=dict(size=OFF_SIZE, opacity=OFF_OPACITY)),
        hovertext=hover, hovertemplate="%{hovertext}<extra></extra>",
    )
    # Names of the highlighted patterns: a text-only trace whose points are replaced on each change
    # (re-styling the text of a marker trace does not redraw it in the browser).
    # Transparent markers of the highlighted size keep the names clear of the dots.
    fig.add_scatter(x=[], y=[], text=[], mode="markers+text", marker=dict(size=ON_SIZE, opacity=0),
                    textfont=dict(size=11, color="#222"), meta="pattern-labels", showlegend=False,
                    hoverinfo="skip", name="pattern names")
    fig.add_scatter(
        x=net.company_xy[:, 0], y=net.company_xy[:, 1], mode="markers+text", name="company",
        meta="companies", customdata=net.companies,
        text=[name if len(uses.get(k, [])) >= HUB else "" for k, name in enumerate(net.companies)],
        textposition="bottom center", textfont=dict(size=10, color="#555"),
        marker=dict(color=COMPANY_COLOR, size=COMPANY_SIZE, symbol="diamond"),
        selected=dict(marker=dict(opacity=ON_OPACITY)), unselected=dict(marker=dict(opacity=OFF_OPACITY)),
        hovertext=[f"<b>{html.escape(name)}</b><br><i>Uses:</i> {_wrap(', '.join(uses.get(k, [])))}"
                   for k, name in enumerate(net.companies)],
        hovertemplate="%{hovertext}<extra></extra>",
    )
    theme.add_source(fig, SOURCE_NOTE, below_axis=False)
    return fig


def highlight(fig: go.Figure, net: Network, matched: set[str]) -> None:
    """Emphasise the patterns whose labels are in ``matched``, their companies and links; dim the rest.

    Uses Plotly's ``selectedpoints``: one property per trace, so the update stays cheap.
    """
    hits = [i for i, name in enumerate(net.patterns) if name in matched]
    edges = [(p, c) for p, c in net.edges if net.patterns[p] in matched]
    everything = len(hits) == len(net.patterns)
    named = hits if len(hits) <= LABEL_LIMIT else []
    for trace in fig.data:
        if trace.meta == "patterns":
            trace.selectedpoints = None if everything else hits
        elif trace.meta == "pattern-labels":
            trace.update(x=net.pattern_xy[named, 0], y=net.pattern_xy[named, 1],
                         text=[net.patterns[i] for i in named],
                         textposition=[net.label_positions[i] for i in named])
        elif trace.meta == "companies":
            trace.selectedpoints = None if everything else sorted({c for _, c in edges})
        elif trace.meta == "edges-highlight":
            trace.x, trace.y = _edge_xy(net, edges)


# --- the table -----------------------------------------------------------------------------------

def _lesson_title(stem: str, titles: dict[str, str]) -> str:
    return titles.get(stem) or stem.replace("_", " ", 1).replace("_", " ").capitalize()


CATALOG_HEAD = (
    "<style>.bmpl-catalog td,.bmpl-catalog th{padding:4px 8px;line-height:1.35;vertical-align:top}"
    ".bmpl-catalog tbody tr:nth-child(even){background:#fafafa}</style>"
    "<div style='max-height:380px;overflow:auto;border:1px solid #ddd;line-height:1.35'>"
    "<table class='bmpl-catalog' style='border-collapse:collapse;font-size:0.92em;width:100%'>"
    "<thead style='position:sticky;top:0;background:#f4f8fb'><tr>"
    + "".join(f"<th style='text-align:left'>{h}</th>" for h in
              ("#", "Pattern", "Family", "What it means", "Examples", "Lesson"))
    + "</tr></thead><tbody>"
)
CATALOG_TAIL = "</tbody></table></div>"


def catalog_rows(table: pd.DataFrame, link_base: str = "", titles: dict[str, str] | None = None) -> list[str]:
    """One HTML table row per pattern: number, name, family, definition, examples, lesson link."""
    titles = titles or {}
    cells = []
    for row in table.to_dict("records"):
        number = "" if pd.isna(row["number"]) else str(int(row["number"]))
        colour = FAMILY_COLORS.get(row["family"], COMPANY_COLOR)
        stem = _text(row["lesson"])
        lesson = (f'<a href="{html.escape(link_base + stem)}.ipynb">{html.escape(_lesson_title(stem, titles))}</a>'
                  if stem else "")
        cells.append(
            f"<tr><td style='text-align:right'>{number}</td><td><b>{html.escape(_text(row['name']))}</b></td>"
            f"<td><span style='color:{colour}'>&#9679;</span> {html.escape(_text(row['family']))}</td>"
            f"<td>{html.escape(_text(row['definition']))}</td>"
            f"<td>{html.escape(', '.join(companies(row['example_companies'])))}</td><td>{lesson}</td></tr>"
        )
    return cells


def catalog_html(table: pd.DataFrame, link_base: str = "", titles: dict[str, str] | None = None) -> str:
    """The patterns as an HTML table: number, name, family, definition, examples, lesson link."""
    return CATALOG_HEAD + "".join(catalog_rows(table, link_base, titles)) + CATALOG_TAIL


def _lesson_titles() -> dict[str, str]:
    """Titles of the lessons that exist, by stem (empty if the lessons folder is not there)."""
    from .course_map import lessons  # the course map reads the notebooks' first headings

    with contextlib.suppress(OSError):
        return {lesson.stem: lesson.title for lesson in lessons()}
    return {}


# --- the explorer --------------------------------------------------------------------------------

class PatternCatalog:
    """Look up patterns by family and search words; see their definitions, examples and who uses them."""

    def __init__(self, family: str | None = None, query: str = "", table: pd.DataFrame | None = None,
                 link_base: str = ""):
        self.table = load_catalog() if table is None else table
        self.network = build_network(self.table)
        self.labels = pd.Series(self.network.patterns, index=self.table.index)
        self._families = list(self.table["family"])
        self._texts = haystack(self.table)
        self.link_base = link_base
        self.titles = _lesson_titles()
        self._rows = catalog_rows(self.table, link_base, self.titles)
        self.family = W.Dropdown(options=[ALL_FAMILIES, *FAMILIES], value=_check_family(family) or ALL_FAMILIES,
                                 description="Family", style={"description_width": "60px"},
                                 layout=W.Layout(width="330px"))
        self.search = W.Text(value=str(query or ""), description="Search",
                             placeholder="a pattern, a word or a company, e.g. Spotify",
                             continuous_update=True, style={"description_width": "60px"},
                             layout=W.Layout(width="420px"))
        self.summary = W.HTML()
        self.table_box = W.HTML()
        self.figure = network_figure(self.table, widget=True, net=self.network)
        self.matches = self.table
        self.family.observe(lambda _: self.update(), names="value")
        self.search.observe(lambda _: self.update(), names="value")
        self.update()
        self.view = W.VBox([W.HBox([self.family, self.search], layout=W.Layout(flex_flow="row wrap")),
                            self.summary, self.table_box, self.figure], layout=W.Layout(width="100%"))

    def set(self, family: str | None = None, query: str | None = None) -> None:
        """Change the filter as a learner would (None leaves that control as it is)."""
        if family is not None:
            self.family.value = _check_family(family) or ALL_FAMILIES
        if query is not None:
            self.search.value = str(query)

    def update(self) -> None:
        """Filter the catalog, rewrite the table and re-highlight the network (one redraw)."""
        family = None if self.family.value == ALL_FAMILIES else self.family.value
        mask = _mask(self._families, self._texts, family, self.search.value)
        self.matches = self.table[mask]
        n, words = len(self.matches), self.search.value.strip()
        where = f" in the {html.escape(family)} family" if family else ""
        if n == 0:
            self.summary.value = (
                f"<div role='status' style='padding:8px 12px;border-left:5px solid {theme.PALETTE['vermillion']};"
                f"background:#fdf1ea'>No pattern matches “{html.escape(words)}”{where}. Try a shorter word, "
                "another family, or clear the search.</div>")
            self.table_box.value = ""
        else:
            found = f" matching “{html.escape(words)}”" if words else ""
            self.summary.value = (f"<div role='status'><b>{n}</b> pattern{'s' if n != 1 else ''}{where}{found}. "
                                  "Hover over the network for definitions and companies.</div>")
            self.table_box.value = CATALOG_HEAD + "".join(r for r, m in zip(self._rows, mask) if m) + CATALOG_TAIL
        matched = set(self.labels[self.matches.index])
        with self.figure.batch_update():
            highlight(self.figure, self.network, matched)

    def _ipython_display_(self) -> None:
        from IPython.display import display

        display(self.view)
