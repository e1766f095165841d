"""A small chart drawn with QPainter: bars on the left axis and lines on the right one, over
named categories (days, agents, shops). QtCharts is not part of PySide6-Essentials, and a report
needs only this much.

Axes carry rounded ticks and their labels; the category labels thin out when they would overlap;
a legend sits above the plot; hovering (or moving with the Left/Right keys when the chart has the
focus) highlights a category and shows its values in a tool tip. Colours come from the theme at
paint time, so the chart follows a light/dark switch. The accessible description says what the
chart shows in words (for screen readers and for the curious)."""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

from PySide6.QtCore import QPoint, QPointF, QRectF, QSize, Qt, Signal
from PySide6.QtGui import (
    QFocusEvent,
    QFontMetrics,
    QKeyEvent,
    QMouseEvent,
    QPainter,
    QPainterPath,
    QPaintEvent,
    QPen,
)
from PySide6.QtWidgets import QSizePolicy, QToolTip, QWidget

from workstation.views import theme

#: theme colour names of the series, in order (bars first, then lines)
SERIES_COLORS = ("accent", "warn", "ok", "error")


@dataclass
class Series:
    name: str
    values: list[float | None]
    #: shown after a value in the tool tip (" s", "%"...)
    unit: str = ""
    decimals: int = 0


def nice_ticks(top: float, count: int = 5) -> list[float]:
    """Round tick values from 0 to at least ``top`` (about ``count`` steps of 1, 2, 2.5 or 5 × 10^n)."""
    if top <= 0 or not math.isfinite(top):
        return [0.0, 1.0]
    raw = top / max(1, count)
    magnitude = 10 ** math.floor(math.log10(raw))
    step = next(m * magnitude for m in (1, 2, 2.5, 5, 10) if m * magnitude >= raw)
    n = math.ceil(top / step - 1e-9)
    return [round(i * step, 10) for i in range(n + 1)]


def _tick_text(value: float) -> str:
    if value == int(value):
        return f"{int(value):,}"
    return f"{value:g}"


class ChartWidget(QWidget):
    """Bars (left axis) and lines (right axis) over categories."""

    #: the highlighted category changed (-1: none)
    current_changed = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setMouseTracking(True)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setObjectName("reportChart")
        self._labels: list[str] = []
        self._bars: list[Series] = []
        self._lines: list[Series] = []
        self._left_title = ""
        self._right_title = ""
        self._empty_text = ""
        self._current = -1
        self._plot = QRectF()

    # ------------------------------------------------------------------ data

    def set_data(
        self,
        labels: Sequence[str],
        bars: Sequence[Series] = (),
        lines: Sequence[Series] = (),
        left_title: str = "",
        right_title: str = "",
    ) -> None:
        self._labels = list(labels)
        self._bars = list(bars)
        self._lines = list(lines)
        self._left_title = left_title
        self._right_title = right_title
        self._current = -1
        self.setAccessibleDescription(self.describe())
        self.updateGeometry()
        self.update()

    def set_empty_text(self, text: str) -> None:
        self._empty_text = text
        self.update()

    def labels(self) -> list[str]:
        return list(self._labels)

    def series(self) -> list[Series]:
        return [*self._bars, *self._lines]

    def current(self) -> int:
        return self._current

    def describe(self, index: int | None = None) -> str:
        """The chart in words: every series with its values (or one category's values)."""
        if index is not None:
            if not 0 <= index < len(self._labels):
                return ""
            parts = [f"{s.name}: {self._value_text(s, index)}" for s in self.series()]
            return f"{self._labels[index]} — " + ", ".join(parts)
        if not self._labels:
            return self._empty_text
        lines = []
        for s in self.series():
            values = ", ".join(
                f"{label} {self._value_text(s, i)}" for i, label in enumerate(self._labels[:40])
            )
            lines.append(f"{s.name}: {values}")
        return "; ".join(lines)

    @staticmethod
    def _value_text(series: Series, index: int) -> str:
        value = series.values[index] if index < len(series.values) else None
        if value is None:
            return "—"
        return f"{value:,.{series.decimals}f}{series.unit}"

    # ------------------------------------------------------------------ geometry

    def sizeHint(self) -> QSize:
        return QSize(720, 280)

    def minimumSizeHint(self) -> QSize:
        return QSize(280, 180)

    def _slot_width(self) -> float:
        return self._plot.width() / max(1, len(self._labels))

    def index_at(self, x: float) -> int:
        if not self._labels or not self._plot.contains(QPointF(x, self._plot.center().y())):
            return -1
        index = int((x - self._plot.left()) / self._slot_width())
        return index if 0 <= index < len(self._labels) else -1

    # ------------------------------------------------------------------ painting

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.fillRect(self.rect(), theme.color("base"))
        fm = QFontMetrics(self.font())
        text = theme.color("text")
        muted = theme.color("muted")
        if not self._labels:
            painter.setPen(muted)
            painter.drawText(self.rect(), Qt.AlignmentFlag.AlignCenter, self._empty_text)
            painter.end()
            return

        bar_top = max((v for s in self._bars for v in s.values if v is not None), default=0.0)
        line_top = max((v for s in self._lines for v in s.values if v is not None), default=0.0)
        left_ticks = nice_ticks(bar_top) if self._bars else []
        right_ticks = nice_ticks(line_top) if self._lines else []
        left_w = max((fm.horizontalAdvance(_tick_text(t)) for t in left_ticks), default=0) + 12
        right_w = max((fm.horizontalAdvance(_tick_text(t)) for t in right_ticks), default=0) + 12
        legend_h = fm.height() + 10
        title_h = fm.height() * 2 if (self._left_title or self._right_title) else fm.height() // 2
        label_h = fm.height() + 10
        self._plot = QRectF(
            8 + left_w,
            8 + legend_h + title_h,
            max(10.0, self.width() - 16 - left_w - right_w),
            max(10.0, self.height() - 16 - legend_h - title_h - label_h),
        )
        plot = self._plot

        self._paint_legend(painter, fm)
        painter.setPen(muted)
        # axis titles above their axes, clear of the top tick labels
        baseline = plot.top() - fm.height() + fm.descent()
        if self._left_title:
            painter.drawText(QPointF(8, baseline), self._left_title)
        if self._right_title:
            w = fm.horizontalAdvance(self._right_title)
            painter.drawText(QPointF(self.width() - 8 - w, baseline), self._right_title)

        # grid and ticks
        grid = QPen(theme.color("border_soft"))
        grid.setWidthF(1.0)
        ticks = left_ticks or right_ticks
        top_value = ticks[-1] if ticks else 1.0
        for i, t in enumerate(ticks):
            y = plot.bottom() - plot.height() * (t / top_value if top_value else 0)
            painter.setPen(grid)
            painter.drawLine(QPointF(plot.left(), y), QPointF(plot.right(), y))
            painter.setPen(muted)
            if left_ticks:
                label = _tick_text(left_ticks[i]) if i < len(left_ticks) else ""
                painter.drawText(
                    QRectF(0, y - fm.height() / 2, plot.left() - 6, fm.height()),
                    Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
                    label,
                )
        if right_ticks:
            top_r = right_ticks[-1] or 1.0
            for t in right_ticks:
                y = plot.bottom() - plot.height() * (t / top_r)
                painter.setPen(muted)
                painter.drawText(
                    QRectF(plot.right() + 6, y - fm.height() / 2, right_w, fm.height()),
                    Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                    _tick_text(t),
                )
        axis = QPen(theme.color("border"))
        painter.setPen(axis)
        painter.drawLine(plot.bottomLeft(), plot.bottomRight())
        painter.drawLine(plot.bottomLeft(), plot.topLeft())
        if right_ticks:
            painter.drawLine(plot.bottomRight(), plot.topRight())

        slot = self._slot_width()
        if 0 <= self._current < len(self._labels):
            painter.fillRect(
                QRectF(plot.left() + slot * self._current, plot.top(), slot, plot.height()),
                theme.color("selection"),
            )

        # bars
        left_top = left_ticks[-1] if left_ticks else 1.0
        n_bars = max(1, len(self._bars))
        bar_w = max(1.0, min(48.0, slot * 0.7 / n_bars))
        for b, series in enumerate(self._bars):
            color = theme.color(SERIES_COLORS[b % len(SERIES_COLORS)])
            for i, value in enumerate(series.values):
                if value is None or value <= 0:
                    continue
                h = plot.height() * (value / left_top)
                x = plot.left() + slot * i + (slot - bar_w * n_bars) / 2 + bar_w * b
                painter.fillRect(QRectF(x, plot.bottom() - h, bar_w, h), color)

        # lines
        right_top = right_ticks[-1] if right_ticks else 1.0
        for k, series in enumerate(self._lines):
            color = theme.color(SERIES_COLORS[(len(self._bars) + k) % len(SERIES_COLORS)])
            pen = QPen(color)
            pen.setWidthF(2.0)
            painter.setPen(pen)
            path = QPainterPath()
            started = False
            points: list[QPointF] = []
            for i, value in enumerate(series.values):
                if value is None:
                    started = False
                    continue
                p = QPointF(
                    plot.left() + slot * (i + 0.5), plot.bottom() - plot.height() * (value / right_top)
                )
                points.append(p)
                if started:
                    path.lineTo(p)
                else:
                    path.moveTo(p)
                    started = True
            painter.drawPath(path)
            painter.setBrush(color)
            for p in points:
                painter.drawEllipse(p, 3.0, 3.0)
            painter.setBrush(Qt.BrushStyle.NoBrush)

        # category labels, thinned so they never overlap
        painter.setPen(text)
        widest = max(fm.horizontalAdvance(label) for label in self._labels) + 8
        step = max(1, math.ceil(widest / max(1.0, slot)))
        for i in range(0, len(self._labels), step):
            label = fm.elidedText(self._labels[i], Qt.TextElideMode.ElideRight, int(max(slot * step, 20)))
            rect = QRectF(
                plot.left() + slot * i - slot * (step - 1) / 2, plot.bottom() + 4, slot * step, fm.height()
            )
            painter.drawText(rect, Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop, label)
        if self.hasFocus():
            pen = QPen(theme.color("focus"))
            pen.setWidthF(2.0)
            painter.setPen(pen)
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawRect(QRectF(self.rect()).adjusted(1, 1, -1, -1))
        painter.end()

    def _paint_legend(self, painter: QPainter, fm: QFontMetrics) -> None:
        x = 8.0
        y = 8.0
        for k, series in enumerate(self.series()):
            color = theme.color(SERIES_COLORS[k % len(SERIES_COLORS)])
            box = QRectF(x, y + (fm.height() - 10) / 2, 14, 10)
            if k < len(self._bars):
                painter.fillRect(box, color)
            else:
                pen = QPen(color)
                pen.setWidthF(2.0)
                painter.setPen(pen)
                painter.drawLine(
                    QPointF(box.left(), box.center().y()), QPointF(box.right(), box.center().y())
                )
            painter.setPen(theme.color("text"))
            painter.drawText(QPointF(x + 20, y + fm.ascent()), series.name)
            x += 20 + fm.horizontalAdvance(series.name) + 18

    # ------------------------------------------------------------------ interaction

    def _set_current(self, index: int, at: QPoint | None = None) -> None:
        if index != self._current:
            self._current = index
            self.update()
            self.current_changed.emit(index)
        text = self.describe(index) if index >= 0 else ""
        if text:
            if at is None:
                x = int(self._plot.left() + self._slot_width() * (index + 0.5))
                at = QPoint(x, int(self._plot.top()))
            QToolTip.showText(self.mapToGlobal(at), text, self)
        else:
            QToolTip.hideText()

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        pos = event.position()
        self._set_current(self.index_at(pos.x()), QPoint(int(pos.x()), int(pos.y())))
        super().mouseMoveEvent(event)

    def leaveEvent(self, event: object) -> None:
        if not self.hasFocus():
            self._set_current(-1)
        super().leaveEvent(event)  # type: ignore[arg-type]

    def keyPressEvent(self, event: QKeyEvent) -> None:
        n = len(self._labels)
        key = event.key()
        if n and key in (Qt.Key.Key_Left, Qt.Key.Key_Right, Qt.Key.Key_Home, Qt.Key.Key_End):
            if key == Qt.Key.Key_Home:
                index = 0
            elif key == Qt.Key.Key_End:
                index = n - 1
            elif self._current < 0:
                index = 0 if key == Qt.Key.Key_Right else n - 1
            else:
                index = max(0, min(n - 1, self._current + (1 if key == Qt.Key.Key_Right else -1)))
            self._set_current(index)
            event.accept()
            return
        super().keyPressEvent(event)

    def focusOutEvent(self, event: QFocusEvent) -> None:
        self._set_current(-1)
        super().focusOutEvent(event)
        self.update()  # the focus frame goes

    def focusInEvent(self, event: QFocusEvent) -> None:
        super().focusInEvent(event)
        self.update()  # the focus frame shows
