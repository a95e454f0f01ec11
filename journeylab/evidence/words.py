"""What customers say per stage: the most frequent words and a few example quotes.

Words are counted in redacted comments, case-folded, without numbers, the marks that
replaced personal data, and the little words of the five languages ("и", "the", "un").
Quotes show the range of a stage: the lowest, a middle and the highest rated comment of a
readable length, preferring those that needed no redaction.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence

from ..model import Quote, WordCount

WORDS_KEPT = 12
QUOTES_KEPT = 3
QUOTE_LENGTH = (20, 300)
_WORD = re.compile(r"[^\W\d_]{3,}(?:[-'’][^\W\d_]+)*")
#: Little words of English, Bulgarian, Russian, Latvian and Macedonian: they say nothing of
#: a stage.
STOPWORDS = frozenset("""
the and for was that with this but not are you have had they were from very there their
what when which would could about after again also been before being both can did does
just more most much only other our out over same should some such than then them these
those too under until while who why will your all any how its into nor off once own
или але още има беше като със към при във защото така след само обаче нито даже вече
много това тази този тези които която който което кога къде как какво бях бяха съм сме
сте сега там тук дори нас нея него них вас или ако щом ние вие той тя то
что это как так вот был была было были быть его она они оно мне мой моя моё мои нас вас
если или уже ещё еще для при без над под про через после когда где тоже также чтобы
очень всё все всех сам сама само этот эта эти тот той чем там тут нет даже был
un ir ka bet arī par uz no ar lai kas kā tas tā bija būs esmu esam ļoti vai jo nav tad
kad kur vēl tik pēc pie līdz man mums viņi viņa viņš šis šī tie tās savu mūsu
и на да со за од во не што како кога каде тоа таа тој тие беше бев многу веќе уште
ако или но само исто така после пред кон без нас вас мене тебе нив неа него ова оваа
""".split())


def top_words(texts: Sequence[str], marks: Sequence[str] = ()) -> list[WordCount]:
    """The :data:`WORDS_KEPT` most frequent words of ``texts``, most frequent first."""
    marked = {word.casefold() for mark in marks for word in _WORD.findall(mark)}
    counted: Counter[str] = Counter()
    for text in texts:
        counted.update(word for word in (w.casefold() for w in _WORD.findall(text))
                       if word not in STOPWORDS and word not in marked)
    ranked = sorted(counted.items(), key=lambda item: (-item[1], item[0]))
    return [WordCount(word=word, count=count) for word, count in ranked[:WORDS_KEPT]]


def pick_quotes(stage: str, comments: Sequence[tuple[float, str]],
                marks: Sequence[str] = ()) -> list[Quote]:
    """Up to :data:`QUOTES_KEPT` quotes of ``comments`` (rating, redacted text): the lowest,
    a middle and the highest rated of a readable length, unredacted ones first."""
    low, high = QUOTE_LENGTH
    readable = {text: rating for rating, text in comments if low <= len(text) <= high}
    clean = {text: rating for text, rating in readable.items()
             if not any(mark in text for mark in marks)}
    pool = sorted(((rating, text) for text, rating in (clean or readable).items()),
                  key=lambda item: (item[0], len(item[1]), item[1]))
    if not pool:
        return []
    chosen = dict.fromkeys([pool[0], pool[len(pool) // 2], pool[-1]])
    return [Quote(stage=stage, text=text, rating=rating) for rating, text in chosen]
