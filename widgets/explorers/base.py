"""The explorer base: a lesson declares its model, presets and charts; this class does the rest.

A lesson's explorer module holds declarations only::

    class FreemiumExplorer(Explorer):
        model = freemium.simulate          # a @model(Parameters(...)) function
        presets = PRESETS                  # a sequence of Preset; the first is the default
        title = "Freemium explorer: ..."
        make_figures = make_figures        # () -> list[FigureWidget], empty traces
        draw = draw                        # (figures, result) -> None, fills the traces
        takeaway = freemium.takeaway       # (result, values, currency) -> str

Plain functions declared on the class are called as plain functions (never as methods).
Everything else lives here, once: controls built from the model's parameter declarations, the
company dropdown (buttons when presenting in class), pin / clear / reset, the preset's currency in
place of every ``¤`` in the controls and in the charts' text (titles, axis titles, trace names,
hover templates), the live takeaway sentence, and error messages instead of tracebacks.
"""

from __future__ import annotations

import contextlib
import html
import inspect
import logging
import os
from typing import Any, Callable, ClassVar, Iterator, Sequence

import ipywidgets as W
import plotly.graph_objects as go

from .. import theme
from ..company_preset import Preset
from ..params import Param, Parameters, Values
from .slider import Slider, spoken
from ..live_figure import LiveFigure, share_state
from .live_text import LiveText
from .preset_buttons import PresetButtons

log = logging.getLogger(__name__)

CURRENCY = "¤"   # placeholder in any label; replaced by the selected preset's currency
TAKEAWAY_STYLE = (
    "font-size:1.05em;line-height:1.45;padding:10px 14px;margin:6px 0;"
    "border-left:5px solid {color};background:#f4f8fb;color:#111;"
)
# Presenting in class (``python3 course.py present``, widgets/present.py, sets it for the kernel):
# the company presets are buttons to click through instead of a dropdown. Read once, at import.
PRESENTING = os.environ.get("BMPL_PRESENT") == "1"
# The functions a lesson declares; a plain function assigned on the class stays a plain function.
DECLARED_FUNCTIONS = ("model", "make_figures", "draw", "takeaway")


def figure(title: str, **layout: Any) -> go.FigureWidget:
    """A chart in the course's look: a FigureWidget with a title and any other layout settings."""
    return LiveFigure(layout=dict(title=title, template=theme.TEMPLATE_NAME, **layout))


class Explorer:
    """Interactive explorer for one model: controls, presets, pinned scenario, linked charts."""

    model: ClassVar[Callable[..., Any]]
    presets: ClassVar[Sequence[Preset]]
    title: ClassVar[str] = ""
    figure_height: ClassVar[int] = 360
    # Plotly widgets render at 700 px unless told otherwise (autosize cannot see the box they
    # will live in), so charts get a width that lets two sit side by side in a JupyterLab cell.
    figure_width: ClassVar[int] = 470
    make_figures: ClassVar[Callable[[], list[LiveFigure]]]  # charts made with figure()
    draw: ClassVar[Callable[[list[go.FigureWidget], Any], None]]
    takeaway: ClassVar[Callable[[Any, Values, str], str]]

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        for name in DECLARED_FUNCTIONS:
            declared = cls.__dict__.get(name)
            if inspect.isfunction(declared):
                setattr(cls, name, staticmethod(declared))

    def __init__(self, company: str | None = None, **values: Any):
        self.parameters: Parameters = self.model.parameters  # type: ignore[attr-defined]
        self.preset = self._preset(company)
        self._quiet = False
        self.result: Any = None
        self.takeaway_text = ""
        self.values: Values = self.parameters.validate({**self.preset.values, **values})

        self.controls = {p.name: _control(p, self.values[p.name], self.currency) for p in self.parameters}
        self.company = _company_control([p.name for p in self.presets], self.preset.name)
        self.pin_button = W.Button(description="Pin scenario", icon="thumb-tack",
                                   tooltip="Keep the current curves as dashed grey lines to compare against")
        self.unpin_button = W.Button(description="Clear pin", disabled=True)
        self.pin_label = W.HTML()
        self.reset_button = W.Button(description="Reset", icon="undo",
                                     tooltip="Back to the company preset's values")
        self.takeaway_box = LiveText(css=TAKEAWAY_STYLE.format(color=theme.PALETTE["blue"]),
                                     layout=W.Layout(width="auto"))
        self.message_box = W.HTML()
        self.calibration_box = W.HTML()
        self.figures: list[go.FigureWidget] = self.make_figures()
        for fig in self.figures:
            fig.layout.height = fig.layout.height or self.figure_height
            fig.layout.width = fig.layout.width or self.figure_width
        self._pin_traces = self._add_pin_traces()
        for fig in self.figures:
            _room_for_legend(fig)
        self._numbers = [_NumbersPanel(fig) for fig in self.figures]
        self._currency_texts = [(fig, *found) for fig in self.figures for found in _currency_texts(fig)]

        for control in self.controls.values():
            control.observe(self._on_control, names="value")
        self.company.observe(self._on_company, names="value")
        self.pin_button.on_click(lambda _: self.pin())
        self.unpin_button.on_click(lambda _: self.clear_pin())
        self.reset_button.on_click(lambda _: self.reset())
        self._show_preset()
        self.refresh()
        self.view = self._layout()

    # --- the learner's actions -----------------------------------------------------------
    def set(self, **values: Any) -> None:
        """Move controls to ``values`` (validated first) and redraw once."""
        checked = self.parameters.validate({**self.current(), **values})
        with self._hold():
            for name in values:
                self.controls[name].value = _to_control(self.parameters[name], checked[name])
        self.refresh()

    def current(self) -> dict[str, Any]:
        """The values the controls show now, in model units."""
        return {name: _from_control(self.parameters[name], c.value) for name, c in self.controls.items()}

    def reset(self) -> None:
        """Back to the selected company's preset."""
        self.set(**(self.parameters.defaults() | dict(self.preset.values)))
        self.message_box.value = ""

    def choose(self, company: str) -> None:
        """Switch to another company's preset: its values, its currency, its calibration note."""
        self.company.value = self._preset(company).name

    def refresh(self) -> None:
        """Recompute and redraw; a problem becomes a message, never a crash or a blank chart."""
        try:
            values = self.parameters.validate(self.current())
            result = self.model(values)
            sentence = self.takeaway(result, values, self.currency)
            with _batch(self.figures):
                self.draw(self.figures, result)
        except ValueError as err:
            self._warn(f"That combination can't be computed: {err}. The charts still show the last valid scenario.")
            return
        except Exception as err:  # a learner must never lose the explorer to a bug
            log.exception("explorer update failed")
            self._warn(f"Something went wrong ({type(err).__name__}: {err}). "
                       "The charts still show the last valid scenario; press Reset to start again.")
            return
        self.values, self.result, self.takeaway_text = values, result, sentence
        self._show_numbers()
        self.takeaway_box.text = sentence
        self.message_box.value = ""

    def pin(self) -> None:
        """Keep the current curves, dashed and grey, to compare the next changes against."""
        with _batch(self.figures):
            for live, ghost in self._pin_traces:
                ghost.x, ghost.y = live.x, live.y
                ghost.name = f"{live.name} (pinned)"
                ghost.visible = True
        self.unpin_button.disabled = False
        self._show_numbers()
        self.pin_label.value = (f"<span style='color:{theme.PINNED}'>- - - pinned: "
                                f"{html.escape(self._describe_pin())}</span>")

    def clear_pin(self) -> None:
        """Remove the pinned scenario."""
        with _batch(self.figures):
            for _, ghost in self._pin_traces:
                ghost.visible = False
        self.unpin_button.disabled = True
        self.pin_label.value = ""
        self._show_numbers()

    # --- plumbing ------------------------------------------------------------------------
    @property
    def currency(self) -> str:
        return self.preset.currency

    def _preset(self, company: str | None) -> Preset:
        if company is None:
            return self.presets[0]
        for preset in self.presets:
            if preset.name == company:
                return preset
        names = ", ".join(p.name for p in self.presets)
        raise ValueError(f"company must be one of {names}; got {company!r}")

    def _describe_pin(self) -> str:
        changed = [
            f"{p.label} {_shown(p, self.values[p.name])}"
            for p in self.parameters if self.values[p.name] != self.preset.values.get(p.name, p.default)
        ]
        return self.preset.name + (", " + ", ".join(changed[:2]) if changed else "")

    def _add_pin_traces(self) -> list[tuple[Any, Any]]:
        pairs = []
        for fig in self.figures:
            for live in list(fig.data):
                if live.type != "scatter" or live.meta == "no-pin":
                    continue
                fig.add_scatter(mode="lines", line=dict(color=theme.PINNED, dash="dash", width=2),
                                opacity=0.8, visible=False, meta="no-pin", hoverinfo="skip", showlegend=False,
                                xaxis=live.xaxis, yaxis=live.yaxis)
                pairs.append((live, fig.data[-1]))
        return pairs

    def _show_preset(self) -> None:
        """Put the selected preset's currency into every label and show how it was calibrated."""
        for p in self.parameters:
            control = self.controls[p.name]
            control.description = _description(p, self.currency)
            control.spoken_unit = spoken(_unit(p, self.currency))
        with _batch(self.figures):
            for fig, target, key, text in self._currency_texts:
                _resolve(fig, target)[key] = _with_currency(text, self.currency)
        self.calibration_box.value = f"<small><b>Preset:</b> {html.escape(self.preset.calibration)}</small>"

    def _show_numbers(self) -> None:
        """Refresh the tables that are open (a closed table costs nothing)."""
        for panel in self._numbers:
            panel.refresh()

    @contextlib.contextmanager
    def _hold(self) -> Iterator[None]:
        self._quiet = True
        try:
            yield
        finally:
            self._quiet = False

    def _on_control(self, _change: dict) -> None:
        if not self._quiet:
            self.refresh()

    def _on_company(self, change: dict) -> None:
        self.preset = self._preset(change["new"])
        self._show_preset()
        self.reset()

    def _warn(self, text: str) -> None:
        self.message_box.value = (
            f'<div role="alert" style="padding:8px 12px;border-left:5px solid '
            f'{theme.PALETTE["vermillion"]};background:#fdf1ea">{html.escape(text)}</div>'
        )

    def _layout(self) -> W.Widget:
        header = W.HTML(f"<h3 style='margin:4px 0'>{html.escape(self.title)}</h3>") if self.title else W.HTML()
        toolbar = W.HBox([self.company, self.pin_button, self.unpin_button, self.reset_button, self.pin_label],
                         layout=W.Layout(flex_flow="row wrap", align_items="center"))
        help_rows = "".join(
            f"<tr><td><b>{html.escape(p.label)}</b></td><td>{html.escape(p.describe_range())}</td>"
            f"<td>{html.escape(p.help)}</td></tr>" for p in self.parameters
        )
        limits = "".join(f"<li>{html.escape(rule)}</li>" for rule in self.parameters.describe_constraints())
        limits = f"<p><b>Limits that tie controls together:</b></p><ul>{limits}</ul>" if limits else ""
        self.guide_box = W.HTML(f"<table class='bmpl-help'>{help_rows}</table>{limits}")
        guide = W.Accordion([self.guide_box],
                            titles=("What the controls mean",), selected_index=None)
        # Controls in as many columns as fit, then the sentence, then the charts side by side
        # (they wrap under each other on a narrow screen): slider and charts stay on one screen.
        controls = W.GridBox(list(self.controls.values()), layout=W.Layout(
            grid_template_columns="repeat(auto-fill, minmax(min(100%, 420px), 1fr))", grid_gap="2px 16px",
            width="100%"))
        charts = W.HBox([panel.view for panel in self._numbers],
                        layout=W.Layout(flex_flow="row wrap", width="100%", grid_gap="8px"))
        body = W.VBox([controls, self.takeaway_box, self.message_box, charts, self.calibration_box])
        return W.VBox([header, toolbar, body, guide], layout=W.Layout(width="100%"))

    def _ipython_display_(self) -> None:
        from IPython.display import display

        for fig in self.figures:
            # The browser's copy of a chart is the state sent when it was built plus the update
            # messages since; send the chart as drawn, so the view starts from it.
            fig.resend()
        display(self.view)


def _company_control(names: list[str], value: str) -> W.Dropdown | PresetButtons:
    """The preset chooser: a dropdown, or one button per company when presenting (same interface)."""
    if PRESENTING:
        return PresetButtons(options=names, value=value, description="Company")
    return W.Dropdown(options=names, value=value, description="Company",
                      style={"description_width": "70px"}, layout=W.Layout(width="300px"))


@contextlib.contextmanager
def _batch(figures: Sequence[go.FigureWidget]) -> Iterator[None]:
    """All of the charts' changes, one message per chart — or, if anything fails part-way, none.

    Inside ``batch_update()`` plotly keeps every assignment in the figure's pending batch edits
    and applies them when the block ends, even when it ends with an exception. Dropping them
    first keeps the charts, in the kernel and in the browser, on the last complete scenario.
    """
    with contextlib.ExitStack() as stack:
        for fig in figures:
            stack.enter_context(fig.batch_update())
        try:
            yield
        except BaseException:
            for fig in figures:
                fig._batch_trace_edits.clear()
                fig._batch_layout_edits.clear()
            raise
    for fig in figures:
        share_state(fig)


# --- the numbers behind a chart ------------------------------------------------------------
class _NumbersPanel:
    """A chart with a "Show the numbers" toggle under it: its data as an accessible table."""

    def __init__(self, fig: go.FigureWidget):
        self.fig = fig
        self.toggle = W.ToggleButton(description="Show the numbers", icon="table",
                                     tooltip="The data of this chart as a table (also to copy into a spreadsheet)",
                                     layout=W.Layout(width="fit-content"))  # the default 148 px clips the label
        self.table = W.HTML()
        self.toggle.observe(lambda _: self.refresh(), names="value")
        self.view = W.VBox([fig, self.toggle, self.table],
                           layout=W.Layout(flex="0 1 auto", min_width="0", max_width="100%"))

    def refresh(self) -> None:
        if self.toggle.value:
            self.toggle.description = "Hide the numbers"
            self.table.value = numbers_table(self.fig)
        elif self.table.value:
            self.toggle.description = "Show the numbers"
            self.table.value = ""


def numbers_table(fig: go.Figure) -> str:
    """The visible traces of ``fig`` as an HTML table: one row per x value, one column per trace."""
    traces = [t for t in fig.data if t.visible is not False and t.y is not None]
    columns: list[tuple[str, dict[Any, Any]]] = []
    rows: dict[Any, str] = {}
    for t in traces:
        xs = list(t.x) if t.x is not None else list(range(1, len(t.y) + 1))
        for x in xs:
            rows.setdefault(_key(x), _cell(x))
        columns.append((t.name or "", {_key(x): y for x, y in zip(xs, t.y)}))
    title = fig.layout.title.text or "Chart"
    axes = "; ".join(f"{name}: {text}" for name, text in (
        ("across", fig.layout.xaxis.title.text), ("values", fig.layout.yaxis.title.text)) if text)
    caption = html.escape(title + (f" ({axes})" if axes else ""))
    head = "".join(f'<th scope="col">{html.escape(name)}</th>' for name, _ in columns)
    body = "".join(
        f'<tr><th scope="row">{label}</th>'
        + "".join(f"<td>{_cell(values.get(key))}</td>" for _, values in columns) + "</tr>"
        for key, label in rows.items())
    x_name = html.escape(fig.layout.xaxis.title.text or "")
    return (f'<div class="bmpl-numbers" role="region" tabindex="0" aria-label="Numbers: {html.escape(title)}" '
            f'style="max-height:320px;overflow:auto;max-width:100%">'
            f'<table style="border-collapse:collapse;font-size:0.9em"><caption style="text-align:left;'
            f'font-weight:bold">{caption}</caption><thead><tr><th scope="col">{x_name}</th>{head}</tr></thead>'
            f"<tbody>{body}</tbody></table></div>")


def _key(x: Any) -> Any:
    return x.item() if hasattr(x, "item") else x


def _cell(value: Any) -> str:
    """A number as the table shows it (4 significant digits, whole numbers from 1,000); a gap as 'no value'."""
    value = _key(value)
    if value is None or (isinstance(value, float) and value != value):
        return "no value"
    if isinstance(value, (int, float)):
        if abs(value) >= 1e15:
            return f"{value:.3e}"
        return f"{value:,.0f}" if abs(value) >= 1000 else f"{value:,.4g}"
    return html.escape(str(value))


LEGEND_ROW_PX = 24     # one row of a horizontal legend at the template's font size
LEGEND_CHAR_PX = 8.5   # width of a legend character (generous), plus the symbol and gap below
LEGEND_ITEM_PX = 50


def _room_for_legend(fig: go.FigureWidget) -> None:
    """Make the top margin tall enough for the title and every row of the legend above the plot.

    The course template puts a horizontal legend between the title and the plot; with many or
    long trace names it wraps into more rows and would run into the title.
    """
    names = [t.name for t in fig.data if t.name and t.showlegend is not False]
    if not names:
        return
    width = (fig.layout.width or 470) - (fig.layout.margin.l or 70) - (fig.layout.margin.r or 20)
    rows, used = 1, 0.0
    for name in names:
        item = LEGEND_ITEM_PX + LEGEND_CHAR_PX * len(name)
        if used and used + item > width:
            rows, used = rows + 1, 0.0
        used += item
    slack = 1 if rows > 1 else 0  # the estimate is rough: a wrapped legend gets a spare row
    fig.layout.margin.t = max(fig.layout.margin.t or 105, 62 + LEGEND_ROW_PX * (rows + slack))


# --- the currency placeholder in chart text ------------------------------------------------
Path = tuple[Any, ...]


def _currency_texts(fig: go.FigureWidget) -> list[tuple[Path, str, Any]]:
    """Where ``fig`` holds ``¤``: (path to the object, property name, text as declared)."""
    found: list[tuple[Path, str, Any]] = []
    layout = {k: v for k, v in fig.layout.to_plotly_json().items() if k != "template"}
    _find(layout, ("layout",), found)
    for i, trace in enumerate(fig.data):
        _find(trace.to_plotly_json(), ("data", i), found)
    return found


def _find(node: Any, path: Path, found: list[tuple[Path, str, Any]]) -> None:
    if isinstance(node, dict):
        for key, value in node.items():
            if _has_currency(value):
                found.append((path, key, value))
            elif isinstance(value, (dict, list, tuple)):
                _find(value, (*path, key), found)
    elif isinstance(node, (list, tuple)):
        for i, item in enumerate(node):
            if isinstance(item, dict):
                _find(item, (*path, i), found)


def _has_currency(value: Any) -> bool:
    if isinstance(value, str):
        return CURRENCY in value
    return isinstance(value, (list, tuple)) and any(isinstance(v, str) and CURRENCY in v for v in value)


def _with_currency(text: Any, currency: str) -> Any:
    if isinstance(text, str):
        return text.replace(CURRENCY, currency)
    return [v.replace(CURRENCY, currency) if isinstance(v, str) else v for v in text]


def _resolve(fig: go.FigureWidget, path: Path) -> Any:
    """The plotly object at ``path`` ("layout" or "data", then keys and indexes)."""
    node: Any = fig.layout if path[0] == "layout" else fig.data
    for key in path[1:]:
        node = node[key]
    return node


# --- controls from parameter declarations --------------------------------------------------
def _unit(p: Param, currency: str) -> str:
    """The unit a learner sees, in the preset's currency: '€ / month', '% / month', '%'."""
    if p.percent and "%" not in p.unit:
        return "%"
    return p.unit.replace(CURRENCY, currency)


def _description(p: Param, currency: str) -> str:
    """'Price per paying user (€ / month)': the label, with the unit in the preset's currency."""
    unit = _unit(p, currency)
    return f"{p.label} ({unit})" if unit else p.label


def _control(p: Param, value: float, currency: str) -> Slider:
    """A slider for one declared parameter: label and unit, range, step, help; value spoken with its unit.
    A whole number from 0 to 1 is on or off: the control shows it as a switch."""
    step = _to_control(p, p.step)
    return Slider(
        min=_to_control(p, p.min), max=_to_control(p, p.max), step=step, value=_to_control(p, value),
        description=_description(p, currency), spoken_unit=spoken(_unit(p, currency)), tooltip=p.help,
        decimals=max(0, -int(f"{step:e}".split("e")[1])),
        switch=p.integer and (p.min, p.max) == (0, 1),
    )


def _to_control(p: Param, value: float) -> float:
    return round(value * 100, 10) if p.percent else value


def _from_control(p: Param, value: float) -> float:
    return round(value / 100, 12) if p.percent else value


def _shown(p: Param, value: float) -> str:
    return f"{value * 100:.3g} %" if p.percent else f"{value:,.4g} {p.unit}".strip()
