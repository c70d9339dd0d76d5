"""The plan's own words for its levels, in one language: what a plan calls its themes, outcomes,
recommendations, actions and sub-actions (a strategy's principles, actions and commitments; a
written statement of action's areas of weakness and actions), and the names of the things at
each level ("Principle 3: Open by default", "Commitment: publish the data").

A level the plan does not name keeps the portal's word, so a plan file with no `levels:` reads as
it always has.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from planportal.source.model import LEVELS, Plan
from planportal.text.catalogue import N_

DEFAULT_WORDS: dict[str, tuple[str, str]] = {
    "theme": (N_("Theme"), N_("Themes")),
    "outcome": (N_("Outcome"), N_("Outcomes")),
    "recommendation": (N_("Recommendation"), N_("Recommendations")),
    "action": (N_("Action"), N_("Actions")),
    "sub_action": (N_("Sub-action"), N_("Sub-actions")),
}
"""The portal's words for each level, singular and plural (translated through the catalogue)."""

assert tuple(DEFAULT_WORDS) == LEVELS


def in_sentence(word: str) -> str:
    """A level's word as it reads inside a sentence: its first letter small, unless its first word
    has another capital (an abbreviation such as AoW or SEND).

    >>> in_sentence("Recommendation"), in_sentence("Area of weakness"), in_sentence("AoW"), in_sentence("")
    ('recommendation', 'area of weakness', 'AoW', '')
    """
    first = word.split(" ", 1)[0]
    if any(c.isupper() for c in first[1:]):
        return word
    return word[:1].lower() + word[1:]


@dataclass(frozen=True)
class Words:
    """A level's words in one language: singular (`one`), plural (`many`), and whether the plan
    shows its numbers; `gettext` makes the names."""

    one: str
    many: str
    numbered: bool = True
    gettext: Callable[[str], str] = str

    def name(self, ref: str, title: str | None = None) -> str:
        """The heading or link text of one thing at this level.

        >>> words = Words("Recommendation", "Recommendations")
        >>> words.name("1.1.1", "Cooperate with the chair"), words.name("1.1.1")
        ('Recommendation 1.1.1: Cooperate with the chair', 'Recommendation 1.1.1')
        >>> Words("Commitment", "Commitments", numbered=False).name("3", "Publish the data")
        'Commitment: Publish the data'
        """
        _ = self.gettext
        if self.numbered:
            if title:
                return _("%(level)s %(ref)s: %(title)s") % {"level": self.one, "ref": ref, "title": title}
            return _("%(level)s %(ref)s") % {"level": self.one, "ref": ref}
        return _("%(level)s: %(title)s") % {"level": self.one, "title": title} if title else self.one

    @property
    def one_in_sentence(self) -> str:
        return in_sentence(self.one)

    @property
    def many_in_sentence(self) -> str:
        return in_sentence(self.many)


def level_words(plan: Plan | None, level: str, gettext: Callable[[str], str],
                text: Callable[[Any], str]) -> Words:
    """The words `plan` uses for `level` (one of source.model.LEVELS), in the language of
    `gettext` (the catalogue, for the portal's words) and `text` (which picks a plan text's language).

    >>> from planportal.source.model import Plan
    >>> plan = Plan(title="P", authority="A", state="final", levels={
    ...     "recommendation": {"singular": {"en": "Action", "cy": "Cam gweithredu"}, "plural": "Actions"}})
    >>> pick = lambda value: value["cy"] if isinstance(value, dict) else value
    >>> level_words(plan, "recommendation", str, pick).one, level_words(plan, "theme", str, pick).many
    ('Cam gweithredu', 'Themes')
    """
    named = getattr(plan.levels, level) if plan is not None and plan.levels is not None else None
    if named is None:
        one, many = DEFAULT_WORDS[level]
        return Words(gettext(one), gettext(many), True, gettext)
    return Words(text(named.singular), text(named.plural), named.numbered, gettext)


def action_level(parent: object | None) -> str:
    """The level of an action: a main action (no parent) or a sub-action.

    >>> action_level(None), action_level("1")
    ('action', 'sub_action')
    """
    return "action" if parent is None else "sub_action"
