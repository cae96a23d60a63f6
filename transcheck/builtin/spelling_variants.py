"""Spellings of one word or name that should not both appear in one document.

Regular British/American differences (-our/-or, -ise/-ize, -yse/-yze, -lled/-led)
and hyphenated/closed compounds are found by rule in `consistency.py`; this module
lists the irregular ones. Each group is one word in its forms; names keep their case.
"""

from __future__ import annotations

# Common words (compared in lower case). Each tuple: the forms of one word, with
# inflections, each form followed by its variants.
WORD_GROUPS: tuple[tuple[str, ...], ...] = (
    ("centre", "center"), ("centres", "centers"), ("centred", "centered"),
    ("theatre", "theater"), ("theatres", "theaters"),
    ("fibre", "fiber"), ("fibres", "fibers"),
    ("litre", "liter"), ("litres", "liters"),
    ("kilometre", "kilometer"), ("kilometres", "kilometers"),
    ("centimetre", "centimeter"), ("centimetres", "centimeters"),
    ("millimetre", "millimeter"), ("millimetres", "millimeters"),
    ("calibre", "caliber"), ("sombre", "somber"), ("spectre", "specter"),
    ("lustre", "luster"), ("sabre", "saber"), ("meagre", "meager"), ("sceptre", "scepter"),
    ("manoeuvre", "maneuver"), ("manoeuvres", "maneuvers"),
    ("defence", "defense"), ("defences", "defenses"), ("offence", "offense"),
    ("offences", "offenses"), ("pretence", "pretense"),
    ("grey", "gray"), ("greyish", "grayish"),
    ("aluminium", "aluminum"), ("plough", "plow"), ("ploughs", "plows"),
    ("sceptic", "skeptic"), ("sceptics", "skeptics"), ("sceptical", "skeptical"),
    ("scepticism", "skepticism"),
    ("ageing", "aging"), ("jewellery", "jewelry"), ("pyjamas", "pajamas"),
    ("moustache", "mustache"), ("cosy", "cozy"), ("doughnut", "donut"),
    ("doughnuts", "donuts"),
    ("enrol", "enroll"), ("enrolment", "enrollment"), ("fulfil", "fulfill"),
    ("fulfilment", "fulfillment"), ("instalment", "installment"),
    ("instalments", "installments"), ("skilful", "skillful"), ("wilful", "willful"),
    ("judgement", "judgment"), ("judgements", "judgments"),
    ("acknowledgement", "acknowledgment"),
    ("catalogue", "catalog"), ("catalogues", "catalogs"), ("analogue", "analog"),
    ("anaemia", "anemia"), ("anaesthetic", "anesthetic"), ("paediatric", "pediatric"),
    ("orthopaedic", "orthopedic"), ("encyclopaedia", "encyclopedia"),
    ("haemorrhage", "hemorrhage"), ("leukaemia", "leukemia"), ("oestrogen", "estrogen"),
    ("foetus", "fetus"), ("diarrhoea", "diarrhea"), ("oesophagus", "esophagus"),
    ("email", "e-mail"), ("emails", "e-mails"), ("online", "on-line"),
    ("cooperate", "co-operate"), ("cooperation", "co-operation"),
    ("cooperative", "co-operative"), ("coordinate", "co-ordinate"),
    ("coordination", "co-ordination"), ("coordinator", "co-ordinator"),
)

# Names, compared as written: transliterations of one place or person.
NAME_GROUPS: tuple[tuple[str, ...], ...] = (
    ("Kyiv", "Kiev"), ("Donbas", "Donbass"), ("Kharkiv", "Kharkov"), ("Odesa", "Odessa"),
    ("Lviv", "Lvov"), ("Luhansk", "Lugansk"), ("Mykolaiv", "Nikolaev", "Nikolayev"),
    ("Zaporizhzhia", "Zaporizhia", "Zaporozhye"), ("Chernihiv", "Chernigov"),
    ("Zhytomyr", "Zhitomir"), ("Vinnytsia", "Vinnitsa"), ("Rivne", "Rovno"),
    ("Dnipro", "Dnepr"), ("Chisinau", "Kishinev"), ("Almaty", "Alma-Ata"),
    ("Gaddafi", "Qaddafi", "Kadhafi", "Gadhafi"), ("Hezbollah", "Hizbollah", "Hizballah"),
    ("Tchaikovsky", "Chaikovsky"), ("Dostoevsky", "Dostoyevsky"), ("Tolstoy", "Tolstoi"),
    ("Navalny", "Navalnyy"), ("Gorbachev", "Gorbachov"), ("Khrushchev", "Khrushchov"),
    ("Qur'an", "Koran"), ("Hanukkah", "Chanukah"),
)
