"""Per-language data for the sentence splitter: abbreviations, clause openers, quotation marks.

The splitter's rules are language-neutral; these tables only sharpen them. A language that
is not listed here still gets a sound segmentation from the generic rules (single letters,
initial chains, numbers, URLs, quotation marks, the lower-case test) plus the generic table.

Abbreviations come in three kinds, because they fail in different ways:

* ``TITLE``: never ends a sentence, even before a capital ("Dr. Watson", "z. B. Berlin",
  "т. е. Москва"). Wrongly treating one as final gives a *false split*.
* ``FINAL``: often closes a sentence ("… usw. Dann", "… и т. д. Потом"): before a capital it
  is a boundary, before a lower-case word it is not.
* ``NUMBER``: only an abbreviation before a number ("No. 5", "p. 12", "Nr. 3"); elsewhere
  it is treated like any word.

Any abbreviation right after a number is ``FINAL`` whatever its kind: "в 1964 г. Фильм" ends
a sentence, "г. Москва" does not; so does "5 см." against "см. рис. 2".

Abbreviations are written as they usually appear; the splitter also accepts them with or
without the space between parts ("т.е." and "т. е.") and with a capital first letter.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum


class Abbr(Enum):
    TITLE = "title"
    FINAL = "final"
    NUMBER = "number"


@dataclass(frozen=True)
class LanguageRules:
    """What the splitter knows about one language."""

    abbreviations: dict[str, Abbr] = field(default_factory=dict)
    # Words (lower case) that open clauses: after an initial ("avec K. Si le visage…") a
    # capitalised one of these starts a new sentence, whereas an unknown capitalised word
    # is more likely a surname ("K. Marx").
    clause_openers: frozenset[str] = frozenset()
    # German, Danish, Czech… quote »like this« and „like this“: there » and “ open.
    reversed_quotes: bool = False
    # Month names: in German "am 3. Oktober" the period after a number is an ordinal.
    months: frozenset[str] = frozenset()


def _abbr(title: str = "", final: str = "", number: str = "") -> dict[str, Abbr]:
    table: dict[str, Abbr] = {}
    for words, kind in ((title, Abbr.TITLE), (final, Abbr.FINAL), (number, Abbr.NUMBER)):
        for word in words.split("|"):
            if word.strip():
                table[word.strip()] = kind
    return table


# Apply to every language: postscript and nota bene markers open what follows.
GENERIC = _abbr(
    title="P.S.|P.P.S.|PS.|N.B.|NB.|e.g.|i.e.|cf.|vs.|viz.|Dr.|Prof.",
    final="etc.",
    number="No.|no.|Nos.|nos.|Vol.|vol.|pp.|p.|ch.|Ch.|fig.|Fig.|art.|Art.",
)

_EN = LanguageRules(
    abbreviations=_abbr(
        title="Mr.|Mrs.|Ms.|Mx.|Dr.|Prof.|St.|Mt.|Ft.|Sr.|Gen.|Col.|Capt.|Lt.|Sgt.|Rev.|Hon."
        "|Gov.|Sen.|Rep.|Messrs.|approx.|ca.",
        final="Jr.|Inc.|Ltd.|Co.|Corp.|a.m.|p.m.|esp.",
        number="Nr.|pt.|sec.|para.|Jan.|Feb.|Mar.|Apr.|Jun.|Jul.|Aug.|Sep.|Sept.|Oct.|Nov.|Dec.",
    ),
    clause_openers=frozenset(
        """
        the a an he she it they we i you this that these those there then if when but and or
        so as in on at to for with without after before his her its their our my your what
        who why how where which no not yes however thus although though while because since
        all some one each every many most meanwhile later now here even also yet still once
    """.split()
    ),
)

_DE = LanguageRules(
    abbreviations=_abbr(
        title="z. B.|Dr.|Prof.|Hr.|Hrn.|Fr.|bzw.|ca.|vgl.|d. h.|evtl.|ggf.|sog.|u. U.|z. T."
        "|i. d. R.|St.|Str.|Jh.|Jhd.|v. a.|o. g.|s. o.|s. u.",
        final="usw.|u. a.|u. Ä.|o. Ä.|etc.|ff.|Mio.|Mrd.|Tsd.",
        number="Nr.|S.|Bd.|Abs.|Kap.|Abb.|Tab.",
    ),
    clause_openers=frozenset(
        """
        der die das den dem des ein eine einen einem einer er sie es ich wir ihr du man dies
        diese dieser dieses wenn als aber und oder doch denn dann danach so da dort hier in im
        an am auf aus bei mit nach von vom zu zum zur für über unter vor ohne nicht kein keine
        was wer wie wo warum weil dass obwohl jetzt nun auch noch schon sein seine ihre alle
    """.split()
    ),
    reversed_quotes=True,
    months=frozenset(
        """
        januar jänner februar märz april mai juni juli august september oktober november
        dezember
    """.split()
    ),
)

_FR = LanguageRules(
    abbreviations=_abbr(
        title="M.|MM.|Mme.|Mmes.|Mlle.|Mlles.|Dr.|Pr.|Me.|Mgr.|St.|Ste.|p. ex.|c.-à-d.|cf."
        "|env.|av.|apr.|boul.|bd.|éd.|coll.|chap.|trad.|cit.|op.",
        final="etc.|J.-C.|Cie.|suiv.",
        number="p.|pp.|vol.|no.|t.|fig.",
    ),
    clause_openers=frozenset(
        """
        il elle ils elles on je j' nous vous tu le la les l' un une des du de d' ce c' cet
        cette ces cela ça ceci si s' mais et ou donc or car puis alors ensuite quand lorsque
        comme dans en au aux à sur pour par avec sans après avant pendant sa son ses leur
        leurs mon ma mes notre nos votre vos qui que qu' quoi où pourquoi comment tout tous
        toute toutes aucun aucune personne rien ne n' oui non même enfin ainsi pourtant
        cependant toutefois voici voilà selon sous depuis chez entre vers malgré plus
        peut-être d'abord aujourd'hui demain hier lui eux y
    """.split()
    ),
)

_RU = LanguageRules(
    abbreviations=_abbr(
        title="т. е.|т. к.|т. н.|т. о.|напр.|см.|ср.|ул.|г.|им.|проф.|акад.|доц.|просп.|пер."
        "|обл.|р-н.|св.|тов.|гр.|ген.|кн.|англ.|франц.|нем.|лат.|букв.|прим.|род.",
        final="т. д.|т. п.|др.|пр.|гг.|вв.|руб.|коп.|млн.|млрд.|тыс.|км.|кг.|мм.|мин.|сек.|н. э.|до н. э.",
        number="т.|с.|стр.|№.|гл.|рис.|табл.|ч.",
    ),
    clause_openers=frozenset(
        """
        он она оно они я мы вы ты это этот эта эти тот та те то если когда но и а или же да
        нет не ни в во на с со к ко по за из от до о об при для без под над через после перед
        что чтобы как где куда почему зачем кто так там тут здесь тогда потом затем теперь
        уже ещё еще все всё его её ее их ему ей им него неё сам сама сами себя свой своя один
        одна однако хотя ведь даже может тоже также вот вдруг наконец итак поэтому потому
        возможно вероятно конечно только лишь был была было были есть прежде сначала
    """.split()
    ),
)

_ID = LanguageRules(
    abbreviations=_abbr(
        title="Bpk.|Bp.|Sdr.|Sdri.|Yth.|Jl.|Jln.|Prof.|Dr.|dr.|Ir.|Hj.|Drs.|Dra.|St.|Kol.|Let."
        "|Kapt.|Mayj.|Jend.|a.n.|u.p.|s.d.|kec.|kab.|Kec.|Kab.|Prov.",
        final="dll.|dsb.|dst.|dkk.|tsb.|sda.|ybs.|Tbk.|PT.|CV.",
        number="No.|no.|Hal.|hal.|Vol.|vol.|Bab.|Psl.",
    ),
    clause_openers=frozenset(
        """
        dia ia saya aku kami kita mereka anda kamu ini itu jika kalau apabila ketika saat
        setelah sebelum tetapi tapi namun dan atau lalu kemudian maka karena sebab sang si
        para seorang sebuah tidak bukan tanpa di ke dari pada dalam untuk dengan oleh ada apa
        siapa mengapa kenapa bagaimana kapan yang juga hanya semua setiap mungkin sudah belum
        akan masih lagi pertama kedua sekarang kini nanti ya sementara meskipun walaupun
        bahkan begitu jadi sehingga agar supaya lagipula selama sejak hari
    """.split()
    ),
)

_ES = LanguageRules(
    abbreviations=_abbr(
        title="Sr.|Sra.|Srta.|Dra.|Ud.|Uds.|Vd.|Vds.|Dña.|Sto.|Sta.", final="etc.|ss.", number="pág.|págs.|núm.|cap."
    ),
    clause_openers=frozenset(
        """
        el la los las un una unos unas lo él ella ellos ellas yo tú nosotros vosotros usted
        ustedes este esta estos estas ese esa eso esto si pero y o cuando donde como en con
        por para sin después antes entonces luego no sí su sus mi mis que quien porque aunque
        allí aquí ya también hay
    """.split()
    ),
)

_IT = LanguageRules(
    abbreviations=_abbr(
        title="Sig.|Sigg.|Dott.|Avv.|Ing.|Geom.|Egr.|Spett.", final="ecc.", number="pag.|pagg.|n.|cap."
    ),
    clause_openers=frozenset(
        """
        il lo la i gli le un uno una l' un' egli ella lui lei loro io tu noi voi questo questa
        quello quella se ma e o quando dove come in con per su da di dopo prima poi allora non
        sì suo sua suoi sue mio mia che chi perché anche già c'è
    """.split()
    ),
)

_PT = LanguageRules(
    abbreviations=_abbr(
        title="Sr.|Sra.|Srta.|Dra.|V.Exa.|Exmo.|Exma.|Sto.|Sta.", final="etc.", number="pág.|págs.|nº.|cap."
    ),
    clause_openers=frozenset(
        """
        o a os as um uma uns umas ele ela eles elas eu tu nós vós você vocês este esta isto
        esse essa isso se mas e ou quando onde como em com por para sem depois antes então
        não sim seu sua seus suas meu minha que quem porque embora já também há no na nos nas
    """.split()
    ),
)

RULES: dict[str, LanguageRules] = {
    "en": _EN,
    "de": _DE,
    "fr": _FR,
    "ru": _RU,
    "id": _ID,
    "es": _ES,
    "it": _IT,
    "pt": _PT,
    # Close relatives share the tables: Malay with Indonesian, Ukrainian/Belarusian with
    # Russian would need their own openers, so they only get the generic rules.
    "ms": _ID,
    "da": LanguageRules(reversed_quotes=True),
    "cs": LanguageRules(reversed_quotes=True),
    "sk": LanguageRules(reversed_quotes=True),
    "sl": LanguageRules(reversed_quotes=True),
    "hr": LanguageRules(reversed_quotes=True),
}


def rules_for(lang: str) -> LanguageRules:
    """The tables for ``lang`` (a BCP 47 tag: only the primary subtag counts)."""
    return RULES.get(lang.split("-", 1)[0].lower(), LanguageRules())
