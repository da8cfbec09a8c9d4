"""Text folding for search: case, accents and Arabic spelling variants do not matter.

An agent types "oued zem" or "واد زم" and expects "Oued-Zem" and "وادي زم" style matches;
we fold both the indexed text and the query the same way.
"""

from __future__ import annotations

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
