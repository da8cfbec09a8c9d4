"""Text folding for search: case, accents and Arabic spelling variants do not matter.

An agent types "oued zem" or "واد زم" and expects "Oued-Zem" and "وادي زم" style matches;
we fold both the indexed text and the query the same way.
"""

from __future__ import annotations

import re
import unicodedata

_ARABIC_FOLD = str.maketrans(
    {
        "أ": "ا",
        "إ": "ا",
        "آ": "ا",
        "ٱ": "ا",
        "ى": "ي",
        "ة": "ه",
        "ؤ": "و",
        "ئ": "ي",
        "ـ": None,  # tatweel
        "-": " ",
        "'": " ",
        "’": " ",
    }
)


def fold(text: str) -> str:
    """Lower-case, strip accents and Arabic diacritics, unify Arabic letter variants."""
    decomposed = unicodedata.normalize("NFKD", text.translate(_ARABIC_FOLD))
    stripped = "".join(ch for ch in decomposed if unicodedata.category(ch) != "Mn")
    return " ".join(stripped.casefold().translate(_ARABIC_FOLD).split())


# The Arabic definite article: most Arabic names start with it ("المدير", "الدار البيضاء"), so
# a person typing the word itself ("مدير", "دار") must find them, as "m" finds "Médecin".
ARTICLE = "ال"


def without_article(word: str) -> str:
    """A folded word without the Arabic article (when something is left after it)."""
    return word[len(ARTICLE) :] if word.startswith(ARTICLE) and len(word) > len(ARTICLE) else word


def search_keys(label: str) -> list[str]:
    """What a typed prefix may match in a label (type-ahead in drop-downs and lists): the
    whole label and each of its words, folded, and Arabic words without their article."""
    folded = fold(label)
    words = folded.split()
    keys = [folded, *words]
    keys += [without_article(w) for w in words if without_article(w) != w]
    return keys


def starts_with(label: str, typed: str) -> bool:
    """Whether `typed` (as a person types it) begins the label or one of its words."""
    wanted = fold(typed)
    return bool(wanted) and any(key.startswith(wanted) for key in search_keys(label))


# The digit a choice is picked by, before its label in a list ("3. Fibre optique").
_NUMBERING = re.compile(r"^[0-9\u0660-\u0669]+[.)]\s+")


def prefix_rank(label: str, typed: str) -> int | None:
    """How well `typed` begins `label`, for type-ahead: 0 when it begins the label itself
    (after its number, with or without the Arabic article), 1 when it only begins a later
    word, None when neither. Among several labels, the lowest rank goes first, then the
    list's order: "a" picks "Autre" before "Infirmier ou aide-soignant"."""
    wanted = fold(typed)
    if not wanted:
        return None
    keys = search_keys(label)
    head = _NUMBERING.sub("", keys[0])
    if head.startswith(wanted) or without_article(head).startswith(wanted):
        return 0
    return 1 if any(key.startswith(wanted) for key in keys) else None


def query_words(query: str) -> list[str]:
    """The folded words of a search box, without the Arabic article: a text matches when it
    holds every one of them (`matches`)."""
    return [without_article(w) for w in fold(query).split()]


def matches(folded_text: str, words: list[str]) -> bool:
    """Whether a folded text (`fold`) holds every word of a query (`query_words`)."""
    return all(word in folded_text for word in words)
