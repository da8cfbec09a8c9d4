"""Administrative geography around the OCP sites where the programme starts.

Region codes are ISO 3166-2:MA (MA-01 … MA-12). Names in French and Arabic. Coordinates are
approximate town centres, used for demo data and the offline map.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Commune:
    name_fr: str
    name_ar: str
    latitude: float
    longitude: float


@dataclass(frozen=True, slots=True)
class Province:
    name_fr: str
    name_ar: str
    site: str  # nearest OCP site
    communes: tuple[Commune, ...]


@dataclass(frozen=True, slots=True)
class Region:
    code: str
    name_fr: str
    name_ar: str
    provinces: tuple[Province, ...]


OCP_SITES = (
    "Benguerir",
    "Khouribga",
    "Youssoufia",
    "Safi",
    "El Jadida / Jorf Lasfar",
    "Laâyoune / Boucraâ",
)

REGIONS: tuple[Region, ...] = (
    Region(
        "MA-07",
        "Marrakech-Safi",
        "مراكش آسفي",
        (
            Province(
                "Rehamna",
                "الرحامنة",
                "Benguerir",
                (
                    Commune("Benguerir", "ابن جرير", 32.236, -7.954),
                    Commune("Sidi Bou Othmane", "سيدي بوعثمان", 31.902, -7.942),
                    Commune("Skhour Rehamna", "صخور الرحامنة", 32.483, -7.916),
                ),
            ),
            Province(
                "Safi",
                "آسفي",
                "Safi",
                (
                    Commune("Safi", "آسفي", 32.299, -9.237),
                    Commune("Sebt Gzoula", "سبت جزولة", 32.113, -9.084),
                    Commune("Jemâa Shaïm", "جمعة سحيم", 32.346, -8.846),
                ),
            ),
            Province(
                "Youssoufia",
                "اليوسفية",
                "Youssoufia",
                (
                    Commune("Youssoufia", "اليوسفية", 32.246, -8.529),
                    Commune("Chemaïa", "الشماعية", 32.079, -8.631),
                ),
            ),
        ),
    ),
    Region(
        "MA-05",
        "Béni Mellal-Khénifra",
        "بني ملال خنيفرة",
        (
            Province(
                "Khouribga",
                "خريبكة",
                "Khouribga",
                (
                    Commune("Khouribga", "خريبكة", 32.881, -6.906),
                    Commune("Oued Zem", "وادي زم", 32.862, -6.573),
                    Commune("Boujniba", "بوجنيبة", 32.900, -6.775),
                    Commune("Hattane", "حطان", 32.860, -6.820),
                    Commune("Boujad", "أبي الجعد", 32.770, -6.400),
                ),
            ),
        ),
    ),
    Region(
        "MA-06",
        "Casablanca-Settat",
        "الدار البيضاء سطات",
        (
            Province(
                "El Jadida",
                "الجديدة",
                "El Jadida / Jorf Lasfar",
                (
                    Commune("El Jadida", "الجديدة", 33.254, -8.507),
                    Commune("Azemmour", "أزمور", 33.288, -8.342),
                    Commune("Moulay Abdallah", "مولاي عبد الله", 33.198, -8.584),
                    Commune("Sidi Bennour", "سيدي بنور", 32.651, -8.425),
                ),
            ),
        ),
    ),
    Region(
        "MA-11",
        "Laâyoune-Sakia El Hamra",
        "العيون الساقية الحمراء",
        (
            Province(
                "Laâyoune",
                "العيون",
                "Laâyoune / Boucraâ",
                (
                    Commune("Laâyoune", "العيون", 27.154, -13.203),
                    Commune("El Marsa", "المرسى", 27.095, -13.406),
                    Commune("Foum El Oued", "فم الواد", 27.181, -13.353),
                    Commune("Boucraâ", "بوكراع", 26.330, -12.850),
                ),
            ),
        ),
    ),
)

REGION_BY_CODE = {r.code: r for r in REGIONS}

# Morocco's bounding box (with the southern provinces), for GPS sanity checks.
MOROCCO_BBOX = {"lat_min": 20.5, "lat_max": 36.0, "lon_min": -17.5, "lon_max": -0.9}
