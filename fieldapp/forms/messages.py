"""The sentences validation shows to agents, in French, Arabic and English.

The core returns codes; these are the default texts for them. A form's own
`constraint_message` and `required_message` take precedence where the author wrote one.
"""

from __future__ import annotations

from typing import Final

from fieldapp.forms.model import Question, Text

LANGUAGES: Final = ("fr", "ar", "en")

MESSAGES: Final[dict[str, Text]] = {
    "required": {
        "fr": "Une réponse est obligatoire.",
        "ar": "الإجابة على هذا السؤال إجبارية.",
        "en": "An answer is required.",
    },
    "constraint": {
        "fr": "Réponse non valide.",
        "ar": "إجابة غير صالحة.",
        "en": "Invalid answer.",
    },
    "unknown": {
        "fr": "Cette question n'existe pas dans ce formulaire.",
        "ar": "هذا السؤال غير موجود في هذه الاستمارة.",
        "en": "This question does not exist in this form.",
    },
    "type.answers": {
        "fr": "Les réponses doivent être un objet (nom de question → valeur).",
        "ar": "يجب أن تكون الإجابات كائنا (اسم السؤال ← القيمة).",
        "en": "Answers must be an object (question name → value).",
    },
    "type.text": {
        "fr": "Un texte est attendu.",
        "ar": "يجب إدخال نص.",
        "en": "Text is expected.",
    },
    "type.choice_name": {
        "fr": "Un seul choix est attendu.",
        "ar": "يجب اختيار خيار واحد فقط.",
        "en": "Exactly one choice is expected.",
    },
    "type.integer": {
        "fr": "Un nombre entier est attendu.",
        "ar": "يجب إدخال عدد صحيح.",
        "en": "A whole number is expected.",
    },
    "range.integer": {
        "fr": "Ce nombre est trop grand.",
        "ar": "هذا العدد كبير جدا.",
        "en": "This number is too large.",
    },
    "type.decimal": {
        "fr": "Un nombre est attendu.",
        "ar": "يجب إدخال رقم.",
        "en": "A number is expected.",
    },
    "type.choices": {
        "fr": "Une liste de choix est attendue.",
        "ar": "يجب إدخال قائمة من الخيارات.",
        "en": "A list of choices is expected.",
    },
    "choice.duplicate": {
        "fr": "Un même choix est donné deux fois.",
        "ar": "تم تكرار نفس الخيار مرتين.",
        "en": "The same choice is given twice.",
    },
    "choice.unknown": {
        "fr": "« {value} » ne fait pas partie des choix proposés.",
        "ar": "«{value}» ليس من بين الخيارات المتاحة.",
        "en": "'{value}' is not one of the choices offered.",
    },
    "choice.rank": {
        "fr": "Il faut classer tous les choix proposés, chacun une seule fois.",
        "ar": "يجب ترتيب جميع الخيارات المتاحة، كل خيار مرة واحدة.",
        "en": "Every choice offered must be ranked, each exactly once.",
    },
    "type.date": {
        "fr": "Une date au format AAAA-MM-JJ est attendue.",
        "ar": "يجب إدخال تاريخ بصيغة YYYY-MM-DD.",
        "en": "A date in the form YYYY-MM-DD is expected.",
    },
    "range.date": {
        "fr": "L'année doit être comprise entre 1900 et 2100.",
        "ar": "يجب أن تكون السنة بين 1900 و2100.",
        "en": "The year must be between 1900 and 2100.",
    },
    "type.geopoint": {
        "fr": "Une position « latitude longitude [altitude précision] » est attendue.",
        "ar": "يجب إدخال موقع بصيغة «خط العرض خط الطول [الارتفاع الدقة]».",
        "en": "A position 'latitude longitude [altitude accuracy]' is expected.",
    },
    "range.geopoint": {
        "fr": "La latitude doit être entre -90 et 90 et la longitude entre -180 et 180.",
        "ar": "يجب أن يكون خط العرض بين -90 و90 وخط الطول بين -180 و180.",
        "en": "Latitude must be within -90..90 and longitude within -180..180.",
    },
    "type.image": {
        "fr": "Une photo jointe (empreinte SHA-256 et nom de fichier) est attendue.",
        "ar": "يجب إرفاق صورة (بصمة SHA-256 واسم الملف).",
        "en": "An attached photo (SHA-256 digest and file name) is expected.",
    },
    "type.time": {
        "fr": "Une heure « HH:MM » est attendue.",
        "ar": "يجب إدخال وقت بصيغة «HH:MM».",
        "en": "A time 'HH:MM' is expected.",
    },
    "type.datetime": {
        "fr": "Une date et heure « AAAA-MM-JJTHH:MM » est attendue.",
        "ar": "يجب إدخال تاريخ ووقت بصيغة «YYYY-MM-DDTHH:MM».",
        "en": "A date and time 'YYYY-MM-DDTHH:MM' is expected.",
    },
    "type.geotrace": {
        "fr": "Une suite de positions « latitude longitude » séparées par « ; » est attendue.",
        "ar": "يجب إدخال سلسلة من المواقع «خط العرض خط الطول» مفصولة بـ «;».",
        "en": "A list of positions 'latitude longitude' separated by ';' is expected.",
    },
    "range.range": {
        "fr": "La valeur doit être dans l'intervalle et sur un pas de la réglette.",
        "ar": "يجب أن تكون القيمة ضمن المجال وعلى خطوة من خطوات المؤشر.",
        "en": "The value must be within the range and on one of its steps.",
    },
    "type.repeat": {
        "fr": "Une liste d'entrées est attendue.",
        "ar": "يجب إدخال قائمة من المدخلات.",
        "en": "A list of entries is expected.",
    },
    "type.instance": {
        "fr": "Chaque entrée doit être un objet de réponses.",
        "ar": "يجب أن يكون كل مدخل كائنا من الإجابات.",
        "en": "Each entry must be an object of answers.",
    },
    "count.exact": {
        "fr": "{expected} entrées sont attendues, {count} sont saisies.",
        "ar": "المطلوب {expected} مدخلات، وتم إدخال {count}.",
        "en": "{expected} entries are expected, {count} are given.",
    },
    "count.max": {
        "fr": "Au plus {expected} entrées sont attendues, {count} sont saisies.",
        "ar": "المطلوب {expected} مدخلات على الأكثر، وتم إدخال {count}.",
        "en": "At most {expected} entries are expected, {count} are given.",
    },
}


def message(key: str, **values: object) -> Text:
    """The sentence for `key` in every language, with `{placeholders}` filled in."""
    template = MESSAGES[key]
    return {lang: template[lang].format(**values) for lang in LANGUAGES}


def _with_defaults(own: Text, default: Text) -> Text:
    return {lang: own.get(lang) or default[lang] for lang in LANGUAGES}


def constraint_message(question: Question) -> Text:
    return _with_defaults(question.constraint_message, MESSAGES["constraint"])


def required_message(question: Question) -> Text:
    return _with_defaults(question.required_message, MESSAGES["required"])
