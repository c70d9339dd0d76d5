"""Where an action stands on its plan's "as at" date: status and overdue, never the build clock."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from planportal.portal.status import Standing, current_status, standing, tally
from planportal.source.model import Action

D = dt.date


def action(due: Any = None, *progress: tuple[str, str | None]) -> Action:
    """An action due `due`, with progress entries (date, status or None), oldest first."""
    data: dict[str, Any] = {"id": "1", "title": "Establish an improvement board"}
    if due is not None:
        data["due"] = due
    data["progress"] = [
        {"date": date, "text": "Update.", **({"status": status} if status else {})}
        | ({"reason": "Superseded."} if status == "no_longer_relevant" else {})
        for date, status in progress
    ]
    return Action.model_validate(data)


def test_latest_entry_with_a_status_wins() -> None:
    a = action("2010-03", ("2010-01-06", "in_progress"), ("2010-02-10", "delayed"), ("2010-03-01", "completed"))
    assert standing(a, D(2010, 3, 31)) == Standing("completed", False, D(2010, 3, 1))


def test_entries_without_a_status_are_skipped() -> None:
    a = action("2010-03", ("2010-01-06", "delayed"), ("2010-02-10", None), ("2010-03-01", None))
    assert current_status(a) == ("delayed", D(2010, 1, 6))
    assert standing(a, D(2010, 3, 31)) == Standing("delayed", False, D(2010, 1, 6))


def test_a_progress_entry_dated_by_month_counts_from_its_first_day() -> None:
    a = action("2010-06", ("2010-01", "in_progress"), ("2010-02", None))
    assert current_status(a) == ("in_progress", D(2010, 1, 1))


def test_no_progress_and_already_due_is_not_stated() -> None:
    assert standing(action("2010-03"), D(2010, 3, 15)) == Standing("not_stated", False, None)


@pytest.mark.parametrize(
    ("due", "as_at", "overdue"),
    [
        ("2010-03-01", D(2010, 2, 28), False),
        ("2010-03-01", D(2010, 3, 1), False),  # due today: not yet overdue
        ("2010-03-01", D(2010, 3, 2), True),  # a day later
        ("2010-03", D(2010, 3, 31), False),  # a month is due by its last day
        ("2010-03", D(2010, 4, 1), True),
        ("2009-10 Q4", D(2010, 3, 31), False),  # a quarter is due by its last day
        ("2009-10 Q4", D(2010, 4, 1), True),
        ("2010-01 to 2010-03", D(2010, 3, 31), False),
        ("2010-01 to 2010-03", D(2010, 4, 1), True),
    ],
)
def test_overdue_exactly_at_the_boundary(due: str, as_at: dt.date, overdue: bool) -> None:
    a = action(due, ("2010-01-06", "in_progress"))
    assert standing(a, as_at) == Standing("in_progress", overdue, D(2010, 1, 6))


def test_delayed_and_past_its_deadline_is_overdue() -> None:
    assert standing(action("2010-01", ("2010-01-06", "delayed")), D(2010, 3, 31)).overdue


@pytest.mark.parametrize("status", ["completed", "no_longer_relevant"])
def test_finished_actions_are_never_overdue(status: str) -> None:
    a = action("2006-01-01", ("2006-01-06", "in_progress"), ("2009-01-06", status))
    assert standing(a, D(2010, 3, 31)) == Standing(status, False, D(2009, 1, 6))


@pytest.mark.parametrize("due", ["tbc", "ongoing", "from 2006-04"])
def test_open_ended_deadlines_are_never_overdue(due: str) -> None:
    a = action(due, ("2006-01-06", "in_progress"))
    assert standing(a, D(2030, 1, 1)) == Standing("in_progress", False, D(2006, 1, 6))


def test_without_a_deadline_nothing_is_overdue() -> None:
    assert standing(action(None, ("2006-01-06", "in_progress")), D(2030, 1, 1)).overdue is False
    assert standing(action(None), D(2030, 1, 1)) == Standing("not_stated", False, None)


def test_without_as_at_nothing_is_overdue_or_not_yet_due() -> None:
    assert standing(action("2006-01", ("2006-01-06", "in_progress")), None) == Standing("in_progress", False,
                                                                                       D(2006, 1, 6))
    assert standing(action("2099-01"), None) == Standing("not_stated", False, None)


def test_past_its_deadline_with_no_update_at_all_is_a_state_of_its_own() -> None:
    assert standing(action("2006-01"), D(2010, 3, 31)) == Standing("lapsed", True, None)
    assert standing(action("2010-03-31"), D(2010, 3, 31)).status == "not_stated"  # due today: not yet passed
    assert standing(action("2006-01"), None) == Standing("not_stated", False, None)  # no as-at: not judged


def test_an_update_without_a_status_is_not_claimed_overdue() -> None:
    assert standing(action("2006-01", ("2006-01-20", None)), D(2010, 3, 31)) == Standing("not_stated", False, None)


@pytest.mark.parametrize(
    ("due", "as_at", "status"),
    [
        ("2010-04", D(2010, 3, 31), "not_yet_due"),  # starts the day after
        ("2010-04-01", D(2010, 3, 31), "not_yet_due"),
        ("2010-03", D(2010, 3, 31), "not_stated"),  # started: due now, no status given
        ("2010-03-31", D(2010, 3, 31), "not_stated"),  # due today
        ("2010-03 to 2010-06", D(2010, 3, 31), "not_stated"),  # the range has started
        ("2010-04 to 2010-06", D(2010, 3, 31), "not_yet_due"),
        ("2010-11 Q1", D(2010, 3, 31), "not_yet_due"),  # April to June 2010
        ("from 2010-04", D(2010, 3, 31), "not_yet_due"),
        ("tbc", D(2010, 3, 31), "not_stated"),
        ("ongoing", D(2010, 3, 31), "not_stated"),
    ],
)
def test_not_yet_due_when_the_deadline_starts_after_as_at(due: str, as_at: dt.date, status: str) -> None:
    assert standing(action(due), as_at) == Standing(status, False, None)


def test_a_stated_status_is_kept_before_the_deadline() -> None:
    a = action("2011-03", ("2010-01-06", "in_progress"))
    assert standing(a, D(2010, 3, 31)) == Standing("in_progress", False, D(2010, 1, 6))


def test_the_last_of_several_deadlines_decides() -> None:
    a = action(["2010-01", "2010-06"], ("2010-01-06", "in_progress"))
    assert standing(a, D(2010, 3, 31)).overdue is False
    assert standing(a, D(2010, 7, 1)).overdue is True
    # Before every deadline has started, it is not yet due. (Between the first deadline and the last,
    # whether it is 'not yet due' is not settled, so that is not asserted here.)
    assert standing(action([{"date": "2010-01"}, {"date": "2010-06", "note": "final report"}]),
                    D(2009, 12, 1)).status == "not_yet_due"


def test_tally_counts_statuses_and_overdue() -> None:
    standings = [Standing("completed", False), Standing("in_progress", True), Standing("in_progress", False),
                 Standing("not_stated", False)]
    counts, overdue = tally(standings)
    assert counts == {"completed": 1, "in_progress": 2, "not_stated": 1}
    assert overdue == 1


def main(*subs: Action, due: Any = "2010-06", own: str | None = None) -> Action:
    """A main action due `due` with sub-actions `subs` (and a status of its own, if `own`)."""
    data: dict[str, Any] = {"id": "1", "title": "Set up the board", "due": due,
                            "actions": [sub.model_copy(update={"id": f"1{chr(97 + i)}"}) for i, sub in enumerate(subs)]}
    if own:
        data["progress"] = [{"date": "2010-02-01", "status": own, "text": "Update."}]
    return Action.model_validate(data)


@pytest.mark.parametrize(
    ("subs", "status"),
    [
        ([("2010-01-10", "completed"), ("2010-02-10", "completed")], "completed"),
        ([("2010-01-10", "completed"), ("2010-02-10", "delayed")], "delayed"),
        ([("2010-01-10", "completed"), ("2010-02-10", "no_longer_relevant")], "completed"),
        ([("2010-01-10", "no_longer_relevant")], "no_longer_relevant"),
        ([("2010-01-10", "in_progress"), ("2010-02-10", None)], "in_progress"),
        ([("2010-01-10", "completed"), ("2010-02-10", None)], "in_progress"),
    ],
)
def test_a_main_action_with_no_status_takes_one_from_its_sub_actions(
        subs: list[tuple[str, str | None]], status: str) -> None:
    st = standing(main(*(action("2010-06", sub) for sub in subs)), D(2010, 3, 31))
    assert (st.status, st.from_sub_actions) == (status, True)
    assert st.since == max(D.fromisoformat(date) for date, given in subs if given)


def test_a_main_actions_own_status_wins_over_its_sub_actions() -> None:
    st = standing(main(action("2010-06", ("2010-01-10", "delayed")), own="in_progress"), D(2010, 3, 31))
    assert (st.status, st.from_sub_actions) == ("in_progress", False)


def test_a_sub_action_past_its_deadline_with_no_update_shows_on_its_main_action() -> None:
    st = standing(main(action("2010-01"), action("2010-06", ("2010-01-10", "in_progress"))), D(2010, 3, 31))
    assert st == Standing("lapsed", False, D(2010, 1, 10), True)  # the main action's own deadline has not passed


def test_sub_actions_that_say_nothing_leave_the_main_action_to_its_own_deadline() -> None:
    assert standing(main(action("2010-03"), due="2010-03"), D(2010, 3, 31)) == Standing("not_stated", False)
    quiet = main(action("2010-03", ("2010-02-01", None)), due="2010-01")  # a sub-action was updated
    assert standing(quiet, D(2010, 3, 31)) == Standing("not_stated", False)
    # its sub-actions are not yet due, but its own deadline has passed with no update
    assert standing(main(action("2010-06"), due="2010-01"), D(2010, 3, 31)) == Standing("lapsed", True)
    assert standing(main(action("2010-06"), action("2010-07")), D(2010, 3, 31)) == Standing(
        "not_yet_due", False, None, True)
    assert standing(main(action("2010-01"), due="2009-12"), D(2010, 3, 31)) == Standing("lapsed", True, None, True)


def test_progress_after_a_day_is_left_out_when_asked() -> None:
    a = action("2010-01", ("2010-01-06", "in_progress"), ("2010-03-01", "completed"))
    assert standing(a, D(2010, 2, 28), by=D(2010, 2, 28)) == Standing("in_progress", True, D(2010, 1, 6))
    assert standing(action("2010-01", ("2010-03-01", None)), D(2010, 2, 28), by=D(2010, 2, 28)).status == "lapsed"
