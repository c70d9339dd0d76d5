"""Where an indicator stands against its target, when higher or lower is better."""

from __future__ import annotations

from typing import Any

import pytest

from planportal.portal.indicators import indicator_status
from planportal.source.model import Indicator


def indicator(higher: bool | None, actuals: list[tuple[str, float]], targets: list[tuple[str, float]]) -> Indicator:
    data: dict[str, Any] = {
        "code": "NI 59", "title": "Initial assessments within timescale", "unit": "%", "higher_is_better": higher,
        "actuals": [{"period": p, "value": v} for p, v in actuals],
        "targets": [{"period": p, "value": v} for p, v in targets],
    }
    return Indicator.model_validate(data)


@pytest.mark.parametrize(("higher", "actual", "verdict"), [
    (True, 81, "on_target"), (True, 80, "on_target"), (True, 79.9, "off_target"),
    (False, 79.9, "on_target"), (False, 80, "on_target"), (False, 81, "off_target"),
    (None, 81, "no_direction"),
])
def test_verdict_follows_the_direction(higher: bool | None, actual: float, verdict: str) -> None:
    st = indicator_status(indicator(higher, [("2010-10", actual)], [("2010-10", 80)]))
    assert st.verdict == verdict


def test_latest_actual_is_judged_against_the_target_for_its_period() -> None:
    ind = indicator(True, [("2010-03", 70), ("2010-10", 82)], [("2010-03", 72), ("2010-10", 80), ("2011-03", 85)])
    st = indicator_status(ind)
    assert (st.verdict, st.actual and st.actual.value, st.target and st.target.value) == ("on_target", 82, 80)


def test_without_a_target_for_the_period_the_latest_earlier_target_applies() -> None:
    st = indicator_status(indicator(True, [("2010-11", 79)], [("2010-03", 72), ("2010-10", 80), ("2011-03", 85)]))
    assert (st.verdict, st.target and st.target.value) == ("off_target", 80)


def test_no_actuals_means_not_measured_and_no_earlier_target_means_no_target() -> None:
    assert indicator_status(indicator(True, [], [("2010-03", 72)])).verdict == "not_measured"
    assert indicator_status(indicator(True, [("2009-12", 60)], [("2010-03", 72)])).verdict == "no_target"


def test_a_period_must_have_a_start_and_an_end() -> None:
    with pytest.raises(ValueError, match="must be a period with a start and an end"):
        indicator(True, [("tbc", 1)], [])
