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

# The twelve regions of the 2015 division, ISO 3166-2:MA code -> (French name, Arabic name):
# what a registry file or an account may name, whether or not the programme works there yet.
ISO_REGIONS: dict[str, tuple[str, str]] = {
    "MA-01": ("Tanger-Tétouan-Al Hoceïma", "طنجة تطوان الحسيمة"),
    "MA-02": ("L'Oriental", "الشرق"),
    "MA-03": ("Fès-Meknès", "فاس مكناس"),
    "MA-04": ("Rabat-Salé-Kénitra", "الرباط سلا القنيطرة"),
    "MA-05": ("Béni Mellal-Khénifra", "بني ملال خنيفرة"),
    "MA-06": ("Casablanca-Settat", "الدار البيضاء سطات"),
    "MA-07": ("Marrakech-Safi", "مراكش آسفي"),
    "MA-08": ("Drâa-Tafilalet", "درعة تافيلالت"),
    "MA-09": ("Souss-Massa", "سوس ماسة"),
    "MA-10": ("Guelmim-Oued Noun", "كلميم واد نون"),
    "MA-11": ("Laâyoune-Sakia El Hamra", "العيون الساقية الحمراء"),
    "MA-12": ("Dakhla-Oued Ed-Dahab", "الداخلة وادي الذهب"),
}
# Other spellings met in the ministry's lists (folded as by `fieldapp.text.fold`).
_REGION_SYNONYMS = {
    "oriental": "MA-02",
    "l oriental": "MA-02",
    "region de l oriental": "MA-02",
    "tanger tetouan al hoceima": "MA-01",
    "tanger tetouan alhoceima": "MA-01",
    "fes meknes": "MA-03",
    "beni mellal khenifra": "MA-05",
    "grand casablanca settat": "MA-06",
    "draa tafilalt": "MA-08",
    "souss massa": "MA-09",
    "guelmim oued noun": "MA-10",
    "laayoune sakia el hamra": "MA-11",
    "laayoune sakia al hamra": "MA-11",
    "dakhla oued eddahab": "MA-12",
    "dakhla oued ed dahab": "MA-12",
}


# The sixteen regions before the 2015 division, still met in older lists: name (French and
# Arabic, as the lists spell them) -> the regions of today their provinces went to. One code:
# read as that region (with a warning); several: the line must give today's region.
REGIONS_BEFORE_2015: dict[str, tuple[str, ...]] = {
    "Oued Ed-Dahab-Lagouira": ("MA-12",),
    "وادي الذهب الكويرة": ("MA-12",),
    "Laâyoune-Boujdour-Sakia El Hamra": ("MA-11",),
    "العيون بوجدور الساقية الحمراء": ("MA-11",),
    "Guelmim-Es Semara": ("MA-10", "MA-11"),
    "كلميم السمارة": ("MA-10", "MA-11"),
    "Souss-Massa-Drâa": ("MA-09", "MA-08"),
    "سوس ماسة درعة": ("MA-09", "MA-08"),
    "Gharb-Chrarda-Béni Hssen": ("MA-04", "MA-01"),
    "الغرب الشراردة بني احسن": ("MA-04", "MA-01"),
    "Chaouia-Ouardigha": ("MA-06", "MA-05"),
    "الشاوية ورديغة": ("MA-06", "MA-05"),
    "Marrakech-Tensift-Al Haouz": ("MA-07",),
    "مراكش تانسيفت الحوز": ("MA-07",),
    "Grand Casablanca": ("MA-06",),
    "الدار البيضاء الكبرى": ("MA-06",),
    "Rabat-Salé-Zemmour-Zaër": ("MA-04",),
    "الرباط سلا زمور زعير": ("MA-04",),
    "Doukkala-Abda": ("MA-06", "MA-07"),
    "دكالة عبدة": ("MA-06", "MA-07"),
    "Tadla-Azilal": ("MA-05",),
    "تادلة أزيلال": ("MA-05",),
    "Meknès-Tafilalet": ("MA-03", "MA-08", "MA-05"),
    "مكناس تافيلالت": ("MA-03", "MA-08", "MA-05"),
    "Fès-Boulemane": ("MA-03",),
    "فاس بولمان": ("MA-03",),
    "Taza-Al Hoceïma-Taounate": ("MA-03", "MA-01", "MA-02"),
    "تازة الحسيمة تاونات": ("MA-03", "MA-01", "MA-02"),
    "Tanger-Tétouan": ("MA-01",),
    "طنجة تطوان": ("MA-01",),
}


# The 75 provinces and prefectures of the 2015 division, by region (French | Arabic name):
# a registry line's province tells its region when the region is missing or was split, and
# catches a line whose region and province disagree.
PROVINCES: dict[str, tuple[str, ...]] = {
    "MA-01": (
        "Tanger-Assilah|طنجة أصيلة", "M'diq-Fnideq|المضيق الفنيدق", "Tétouan|تطوان",
        "Fahs-Anjra|الفحص أنجرة", "Larache|العرائش", "Al Hoceïma|الحسيمة",
        "Chefchaouen|شفشاون", "Ouezzane|وزان",
    ),
    "MA-02": (
        "Oujda-Angad|وجدة أنكاد", "Nador|الناظور", "Driouch|الدريوش", "Jerada|جرادة",
        "Berkane|بركان", "Taourirt|تاوريرت", "Guercif|جرسيف", "Figuig|فجيج",
    ),
    "MA-03": (
        "Fès|فاس", "Meknès|مكناس", "El Hajeb|الحاجب", "Ifrane|إفران",
        "Moulay Yacoub|مولاي يعقوب", "Sefrou|صفرو", "Boulemane|بولمان", "Taounate|تاونات",
        "Taza|تازة",
    ),
    "MA-04": (
        "Rabat|الرباط", "Salé|سلا", "Skhirate-Témara|الصخيرات تمارة", "Kénitra|القنيطرة",
        "Khémisset|الخميسات", "Sidi Kacem|سيدي قاسم", "Sidi Slimane|سيدي سليمان",
    ),
    "MA-05": (
        "Béni Mellal|بني ملال", "Azilal|أزيلال", "Fquih Ben Salah|الفقيه بن صالح",
        "Khénifra|خنيفرة", "Khouribga|خريبكة",
    ),
    "MA-06": (
        "Casablanca|الدار البيضاء", "Mohammédia|المحمدية", "El Jadida|الجديدة",
        "Nouaceur|النواصر", "Médiouna|مديونة", "Benslimane|بنسليمان", "Berrechid|برشيد",
        "Settat|سطات", "Sidi Bennour|سيدي بنور",
    ),
    "MA-07": (
        "Marrakech|مراكش", "Chichaoua|شيشاوة", "Al Haouz|الحوز",
        "El Kelâa des Sraghna|قلعة السراغنة", "Essaouira|الصويرة", "Rehamna|الرحامنة",
        "Safi|آسفي", "Youssoufia|اليوسفية",
    ),
    "MA-08": (
        "Errachidia|الرشيدية", "Ouarzazate|ورزازات", "Midelt|ميدلت", "Tinghir|تنغير",
        "Zagora|زاكورة",
    ),
    "MA-09": (
        "Agadir Ida-Outanane|أكادير إداوتنان", "Inezgane-Aït Melloul|إنزكان آيت ملول",
        "Chtouka-Aït Baha|اشتوكة آيت باها", "Taroudant|تارودانت", "Tiznit|تيزنيت",
        "Tata|طاطا",
    ),
    "MA-10": ("Guelmim|كلميم", "Assa-Zag|آسا الزاك", "Tan-Tan|طانطان", "Sidi Ifni|سيدي إفني"),
    "MA-11": ("Laâyoune|العيون", "Boujdour|بوجدور", "Tarfaya|طرفاية", "Es-Semara|السمارة"),
    "MA-12": ("Oued Ed-Dahab|وادي الذهب", "Aousserd|أوسرد"),
}  # fmt: skip
# Shorter spellings met in lists (folded) -> the province as PROVINCES names it.
_PROVINCE_SYNONYMS = {
    "tanger": "Tanger-Assilah", "mdiq fnideq": "M'diq-Fnideq", "oujda": "Oujda-Angad",
    "temara": "Skhirate-Témara", "skhirat temara": "Skhirate-Témara",
    "kelaa des sraghna": "El Kelâa des Sraghna", "el kelaa des sraghna": "El Kelâa des Sraghna",
    "agadir": "Agadir Ida-Outanane", "inezgane": "Inezgane-Aït Melloul",
    "chtouka ait baha": "Chtouka-Aït Baha", "smara": "Es-Semara", "es semara": "Es-Semara",
    "dakhla": "Oued Ed-Dahab", "oued eddahab": "Oued Ed-Dahab", "fquih bensalah": "Fquih Ben Salah",
    "beni mellal": "Béni Mellal", "casablanca anfa": "Casablanca",
}  # fmt: skip
_PROVINCE_PREFIXES = (
    "prefecture d arrondissements de ", "prefecture de ", "prefecture d ", "province de ",
    "province d ", "province du ", "province ", "prefecture ", "عماله ", "اقليم ",
)  # fmt: skip


def province_region(text: str) -> tuple[str, str] | None:
    """The province (as PROVINCES names it in French) and its region's code, for a province
    or prefecture named in French or Arabic ('Province de Khouribga', 'إقليم خريبكة'), else
    None."""
    global _PROVINCE_NAMES
    if _PROVINCE_NAMES is None:
        from fieldapp.text import fold

        names: dict[str, tuple[str, str]] = {}
        for code, provinces in PROVINCES.items():
            for entry in provinces:
                fr, ar = entry.split("|")
                names[_region_key(fr)] = names[fold(ar)] = (fr, code)
        for short, fr in _PROVINCE_SYNONYMS.items():
            names[short] = names[_region_key(fr)]
        _PROVINCE_NAMES = names
    key = _region_key(text)
    for prefix in _PROVINCE_PREFIXES:
        if key.startswith(prefix):
            key = key[len(prefix) :]
            break
    return _PROVINCE_NAMES.get(key)


_PROVINCE_NAMES: dict[str, tuple[str, str]] | None = None


def _region_key(text: str) -> str:
    from fieldapp.text import fold

    key = fold(text).replace(".", " ").replace("-", " ").strip()
    for prefix in ("region de la ", "region de l ", "region de ", "region du ", "region ", "جهه "):
        if key.startswith(prefix):
            key = key[len(prefix) :]
            break
    return " ".join(key.split())


def region_before_2015(text: str) -> tuple[str, tuple[str, ...]] | None:
    """A region named as before the 2015 division: its old name and today's regions its
    provinces went to, else None."""
    key = _region_key(text)
    for old, codes in REGIONS_BEFORE_2015.items():
        if _region_key(old) == key:
            return old, codes
    return None


def _region_names() -> dict[str, str]:
    from fieldapp.text import fold

    names = dict(_REGION_SYNONYMS)
    for code, (fr, ar) in ISO_REGIONS.items():
        names[fold(code)] = code
        names[fold(fr)] = code
        names[fold(ar)] = code
        names[fold(code.replace("MA-", "MA"))] = code
    return names


def region_code(text: str) -> str | None:
    """The ISO 3166-2:MA code of a region given as its code ('MA-07', 'ma-07', '07'), French
    or Arabic name ('Marrakech-Safi', 'Région Marrakech Safi', 'جهة مراكش آسفي'), else None."""
    global _NAMES
    if _NAMES is None:
        _NAMES = _region_names()
    key = _region_key(text)
    if key.isdigit() and 1 <= int(key) <= len(ISO_REGIONS):
        return f"MA-{int(key):02d}"
    return _NAMES.get(key)


_NAMES: dict[str, str] | None = None

# Morocco's bounding box (with the southern provinces), for GPS sanity checks.
MOROCCO_BBOX = {"lat_min": 20.5, "lat_max": 36.0, "lon_min": -17.5, "lon_max": -0.9}
