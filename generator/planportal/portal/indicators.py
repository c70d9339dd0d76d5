"""Performance indicators: where an indicator stands against its target, in words."""

from __future__ import annotations

from dataclasses import dataclass

from planportal.source.dates import When
from planportal.source.model import Figure, Indicator


@dataclass(frozen=True)
class IndicatorStatus:
    """The latest actual figure, the target it is judged against, and the verdict."""

    verdict: str  # "on_target", "off_target", "no_target", "no_direction", "not_measured"
    actual: Figure | None = None
    target: Figure | None = None


def target_for(indicator: Indicator, actual: Figure) -> Figure | None:
    """The target for the same period as `actual`, else the latest target ending by then."""
    same = [t for t in indicator.targets if t.period == actual.period]
    if same:
        return same[-1]
    end = actual.period.end
    earlier = [t for t in indicator.targets if t.period.end and end and t.period.end <= end]
    return max(earlier, key=lambda t: t.period.end) if earlier else None


def indicator_status(indicator: Indicator) -> IndicatorStatus:
    """Judge the latest actual figure against its target, in the indicator's direction.

    On target means at or above the target when higher is better, at or below it when lower is better.
    """
    if not indicator.actuals:
        return IndicatorStatus("not_measured")
    actual = max(indicator.actuals, key=lambda f: f.period.end or f.period.start)
    target = target_for(indicator, actual)
    if target is None:
        return IndicatorStatus("no_target", actual)
    if indicator.higher_is_better is None:
        return IndicatorStatus("no_direction", actual, target)
    met = actual.value >= target.value if indicator.higher_is_better else actual.value <= target.value
    return IndicatorStatus("on_target" if met else "off_target", actual, target)


def periods(indicator: Indicator) -> list[When]:
    """Every period the indicator has a figure for, in time order."""
    seen: dict[When, None] = {}
    figures = [*([indicator.baseline] if indicator.baseline else []), *indicator.targets, *indicator.actuals]
    for figure in sorted(figures, key=lambda f: (f.period.start, f.period.end)):
        seen.setdefault(figure.period, None)
    return list(seen)
