"""French départements: names, and the département a postcode belongs to.

Postcodes mostly start with the département number; Corsica (20xxx) splits into 2A and
2B, and the overseas départements use three digits (974xx is La Réunion). A handful of
communes have the postcode of a neighbouring département, which is why the département
is stored on each actor and only derived when left blank.
"""

import re

DEPARTEMENT_NAMES: dict[str, str] = {
    "01": "Ain", "02": "Aisne", "03": "Allier", "04": "Alpes-de-Haute-Provence",
    "05": "Hautes-Alpes", "06": "Alpes-Maritimes", "07": "Ardèche", "08": "Ardennes",
    "09": "Ariège", "10": "Aube", "11": "Aude", "12": "Aveyron", "13": "Bouches-du-Rhône",
    "14": "Calvados", "15": "Cantal", "16": "Charente", "17": "Charente-Maritime",
    "18": "Cher", "19": "Corrèze", "2A": "Corse-du-Sud", "2B": "Haute-Corse",
    "21": "Côte-d'Or", "22": "Côtes-d'Armor", "23": "Creuse", "24": "Dordogne",
    "25": "Doubs", "26": "Drôme", "27": "Eure", "28": "Eure-et-Loir", "29": "Finistère",
    "30": "Gard", "31": "Haute-Garonne", "32": "Gers", "33": "Gironde", "34": "Hérault",
    "35": "Ille-et-Vilaine", "36": "Indre", "37": "Indre-et-Loire", "38": "Isère",
    "39": "Jura", "40": "Landes", "41": "Loir-et-Cher", "42": "Loire", "43": "Haute-Loire",
    "44": "Loire-Atlantique", "45": "Loiret", "46": "Lot", "47": "Lot-et-Garonne",
    "48": "Lozère", "49": "Maine-et-Loire", "50": "Manche", "51": "Marne",
    "52": "Haute-Marne", "53": "Mayenne", "54": "Meurthe-et-Moselle", "55": "Meuse",
    "56": "Morbihan", "57": "Moselle", "58": "Nièvre", "59": "Nord", "60": "Oise",
    "61": "Orne", "62": "Pas-de-Calais", "63": "Puy-de-Dôme", "64": "Pyrénées-Atlantiques",
    "65": "Hautes-Pyrénées", "66": "Pyrénées-Orientales", "67": "Bas-Rhin", "68": "Haut-Rhin",
    "69": "Rhône", "70": "Haute-Saône", "71": "Saône-et-Loire", "72": "Sarthe",
    "73": "Savoie", "74": "Haute-Savoie", "75": "Paris", "76": "Seine-Maritime",
    "77": "Seine-et-Marne", "78": "Yvelines", "79": "Deux-Sèvres", "80": "Somme",
    "81": "Tarn", "82": "Tarn-et-Garonne", "83": "Var", "84": "Vaucluse", "85": "Vendée",
    "86": "Vienne", "87": "Haute-Vienne", "88": "Vosges", "89": "Yonne",
    "90": "Territoire de Belfort", "91": "Essonne", "92": "Hauts-de-Seine",
    "93": "Seine-Saint-Denis", "94": "Val-de-Marne", "95": "Val-d'Oise",
    "971": "Guadeloupe", "972": "Martinique", "973": "Guyane", "974": "La Réunion",
    "976": "Mayotte",
}  # fmt: skip

POSTCODE_PATTERN = re.compile(r"^\d{5}$")


def departement_from_postcode(postcode: str) -> str | None:
    """The département code of a French postcode, or None when it is not a valid one.

    >>> departement_from_postcode("75011"), departement_from_postcode("20090")
    ('75', '2A')
    >>> departement_from_postcode("20200"), departement_from_postcode("97400")
    ('2B', '974')
    """
    postcode = (postcode or "").strip()
    if not POSTCODE_PATTERN.match(postcode):
        return None
    if postcode.startswith("20"):
        # Corse-du-Sud uses 200xx-201xx, Haute-Corse 202xx-206xx.
        if postcode[2] in "01":
            return "2A"
        if postcode[2] in "23456":
            return "2B"
        return None
    if postcode.startswith("97"):
        code = postcode[:3]
    else:
        code = postcode[:2]
    return code if code in DEPARTEMENT_NAMES else None


def departement_label(code: str) -> str:
    """« 75 — Paris », or the bare code when the name is unknown."""
    name = DEPARTEMENT_NAMES.get(code)
    return f"{code} — {name}" if name else code
