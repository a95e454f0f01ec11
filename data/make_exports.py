"""Synthetic customer-survey exports, as analysts receive them from Excel and survey tools.

Each row is one survey answer about one stage of a customer journey: who answered and when,
the stage and touchpoint in the survey tool's own words, the customer's segment, a rating,
an optional free-text comment and one or two columns that analysts' files usually carry.
The files belong to the two demo workshops in ``workshops/``:

* ``elektronika-online`` (an online electronics chain): Bulgarian, Russian, Latvian and
  Macedonian exports, each in the encoding, separator, decimal mark and date format that
  Excel and survey tools use in that setting;
* ``mortgage-journey`` (a UK bank's mortgage): an English CSV and the same data as ``.xlsx``.

The data has structure for an analysis to find: lower ratings at delivery, installation and
repairs (``usage``) and at the mortgage application (``conversion``), differences between
segments, a slow rise over the twelve months from November 2025 to October 2026, and a few
stages with fewer than five answers. About 3% of the comments contain personal data
(e-mail addresses, phone numbers, Luhn-valid card numbers and mod-97-valid IBANs).

Every run writes the same bytes: one fixed seed, no timestamps.

Run::

    python data/make_exports.py                      # the samples in data/samples/
    python data/make_exports.py --rows 1000 1000000  # larger files in data/generated/
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import shutil
import sys
import tempfile
import time
import zipfile
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

SEED = 2026
FIRST_DAY = dt.date(2025, 11, 1)
DAY_COUNT = 365  # 2025-11-01 … 2026-10-31
SAMPLE_ROWS = 600
EXCEL_MAX_ROWS = 100_000  # larger .xlsx files take minutes; their CSV twins are always written
CHUNK_ROWS = 50_000
FILE_TIMESTAMP = dt.datetime(2026, 11, 1)  # creation time written into the .xlsx
HERE = Path(__file__).resolve().parent
SAMPLES = HERE / "samples"
GENERATED = HERE / "generated"

# How answers are spread: respondents rate one to three stages in one visit to the survey.
STAGES_PER_RESPONDENT = (1, 2, 3)
STAGES_PER_RESPONDENT_SHARE = (0.6, 0.3, 0.1)
NOISE = 0.17  # spread of one answer around its expected rating, on a 0–1 scale
DISAPPOINTMENT = 0.12  # mean of the occasional let-down that gives ratings their long low tail
RESPONDENT_SPREAD = 0.06  # how much more (or less) generous one respondent is than another
TREND_PER_MONTH = 0.006  # the slow improvement over the year, on a 0–1 scale
WEEKDAY_WEIGHTS = (1.0, 1.0, 1.0, 1.0, 0.95, 0.8, 0.65)  # Monday … Sunday
NO_SEGMENT = 0.02  # share of answers whose segment is unknown
NO_TOUCHPOINT = 0.08  # share of answers without a touchpoint
COMMENT_CHANCE = (0.75, 0.4, 0.5)  # by sentiment: complaint, neutral, praise
PERSONAL_DATA = 0.03  # share of comments with personal data in them
MULTI_LINE = 0.07
EMOJI = 0.015
CASUAL = 0.1  # typed in a hurry: no capital letter, no full stop
WAIT_MINUTES = (15, 20, 25, 30, 40, 45)
COMPLAINT, NEUTRAL, PRAISE = 0, 1, 2
EMOJI_BY_SENTIMENT = (("😡", "👎", "🤬"), ("🤔", "😐"), ("🙂", "👍", "😊", "❤️"))

# Column fields; each language names them in its own words and orders them its own way.
RESPONDENT, DATE, STAGE, TOUCHPOINT = "respondent", "date", "stage", "touchpoint"
SEGMENT, RATING, COMMENT = "segment", "rating", "comment"
CHANNEL, ORDER, AMOUNT = "channel", "order", "amount"

PERSONAL_DATA_KINDS = ("email", "phone_local", "phone_international", "card", "iban")


@dataclass(frozen=True)
class Persona:
    """A workshop persona as the survey's segment, with how its ratings differ."""

    id: str
    share: float
    effect: float
    stage_effects: dict[str, float]
    channel_weights: tuple[float, ...]


@dataclass(frozen=True)
class Journey:
    """What every export of one workshop's journey shares, whatever its language."""

    workshop: str
    base_rating: float  # expected rating on a 0–1 scale before the effects below
    month_weights: tuple[float, ...]  # how many answers arrive, November … October
    channels: tuple[str, ...]
    personas: tuple[Persona, ...]


@dataclass(frozen=True)
class StageLabel:
    """A stage as the survey tool names it, and the workshop stage it belongs to."""

    label: str
    stage: str  # the workshop's stage id
    share: float  # share of answers; rare labels have a fixed count instead
    effect: float  # how much better or worse this stage is rated, on a 0–1 scale
    praise: tuple[str, ...]
    complaints: tuple[str, ...]
    rare: int = 0  # a fixed, small number of answers, whatever the file's size
    touchpoints: tuple[str, ...] = ()  # as the survey tool names them; none: no such column


@dataclass(frozen=True)
class Scale:
    """The rating scale of a file: lowest and highest value, and the share of half points."""

    name: str
    low: int
    high: int
    half_points: float = 0.0


@dataclass(frozen=True)
class Phrases:
    """Sentences customers write, in one language, apart from the stage-specific ones."""

    praise_openers: tuple[str, ...]
    complaint_openers: tuple[str, ...]
    neutral_openers: tuple[str, ...]
    neutral: tuple[str, ...]
    praise_closers: tuple[str, ...]
    complaint_closers: tuple[str, ...]
    personal_data: dict[str, tuple[str, ...]]  # "email", "phone", "card", "iban" templates


@dataclass(frozen=True)
class PersonalFormats:
    """How customers in one setting write their phone numbers, IBANs and e-mail addresses.

    In phone patterns each ``#`` stands for a random digit.
    """

    phones_local: tuple[str, ...]
    phones_international: tuple[str, ...]
    iban_country: str
    iban_banks: tuple[str, ...]
    iban_digits: int
    first_names: tuple[str, ...]
    last_names: tuple[str, ...]
    mail_domains: tuple[str, ...]


@dataclass(frozen=True)
class Language:
    """One export: its file format, its column headers and the words inside it."""

    code: str
    journey: Journey
    extension: str
    encoding: str
    separator: str
    decimal: str  # the decimal mark of prices and half-point ratings, where the file has them
    thousands: str  # the thousands separator of prices
    date_format: str
    headers: dict[str, str]  # field -> header, in the file's column order
    respondent_format: str  # "{}"-format of a counter, or "token" for random ids
    stages: tuple[StageLabel, ...]
    segments: dict[str, str]  # persona id -> segment label
    channels: dict[str, str]  # channel key -> label
    scale: Scale
    phrases: Phrases
    personal: PersonalFormats
    amount: str = ""  # "price" (with cents) or "loan" (whole pounds)
    first_respondent: int = 10_000
    excel: bool = False

    def file_name(self, rows: int | None, extension: str | None = None) -> str:
        """``survey-bg.csv`` for the sample, ``survey-bg-1000.csv`` for a larger file."""
        size = "" if rows is None else f"-{rows}"
        return f"survey-{self.code}{size}.{extension or self.extension}"


ELECTRONICS = Journey(
    workshop="elektronika-online",
    base_rating=0.97,
    month_weights=(1.5, 1.3, 0.8, 0.8, 0.9, 0.9, 1.0, 1.0, 1.1, 1.0, 0.9, 1.0),
    channels=("web", "app", "phone", "store"),
    personas=(
        Persona("mariya", 0.34, -0.01, {"usage": -0.05, "purchase": -0.02},
                (0.5, 0.3, 0.05, 0.15)),
        Persona("georgi", 0.28, -0.03, {"interest": -0.05, "decision": -0.04},
                (0.65, 0.1, 0.05, 0.2)),
        Persona("stefka", 0.16, 0.04, {"purchase": -0.08, "usage": 0.03},
                (0.1, 0.02, 0.6, 0.28)),
        Persona("nikola", 0.22, -0.02, {"purchase": -0.06, "loyalty": 0.04},
                (0.2, 0.75, 0.0, 0.05)),
    ),
)

MORTGAGE = Journey(
    workshop="mortgage-journey",
    base_rating=0.93,
    month_weights=(0.9, 0.6, 0.9, 1.0, 1.2, 1.2, 1.2, 1.1, 1.0, 0.9, 1.1, 1.0),
    channels=("online", "app", "branch", "broker", "phone"),
    personas=(
        Persona("ellie", 0.35, 0.02, {"conversion": -0.04, "offer": 0.03},
                (0.3, 0.6, 0.0, 0.05, 0.05)),
        Persona("marcus", 0.25, -0.04, {"conversion": -0.10, "offer": -0.04},
                (0.15, 0.05, 0.15, 0.55, 0.1)),
        Persona("joanna", 0.25, 0.01, {"conversion": -0.05},
                (0.3, 0.15, 0.3, 0.15, 0.1)),
        Persona("aleks", 0.15, -0.05, {"offer": -0.08, "conversion": -0.08},
                (0.3, 0.15, 0.4, 0.05, 0.1)),
    ),
)

LATIN_ALPHABET = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"

LANGUAGES: dict[str, Language] = {}


def language(settings: Language) -> Language:
    """Register one export's settings under its language code."""
    LANGUAGES[settings.code] = settings
    return settings


language(Language(
    code="bg", journey=ELECTRONICS, extension="csv", encoding="cp1251", separator=";",
    decimal=",", thousands=" ", date_format="%d.%m.%Y",
    headers={RESPONDENT: "Респондент", DATE: "Дата", STAGE: "Етап",
             TOUCHPOINT: "Точка на контакт", SEGMENT: "Сегмент", RATING: "Оценка",
             COMMENT: "Коментар", ORDER: "Номер на поръчка", AMOUNT: "Стойност на поръчката"},
    respondent_format="BG-{:06d}",
    stages=(
        StageLabel("Реклама", "awareness", 0.08, 0.02, (
            "Видях рекламата във Фейсбук и веднага намерих пералнята, която търсех.",
            "Промоцията в брошурата беше ясна и истинска.",
        ), (
            "Рекламата обещаваше „безплатна доставка“, а не важи за моя град.",
            "Показвате ми една и съща реклама по 20 пъти на ден.",
            "В рекламата цената беше по-ниска, отколкото в сайта.",
        ), touchpoints=("Фейсбук", "Google", "Брошура", "Изложение „Дом и уют“")),
        StageLabel("Сравнение на цени", "interest", 0.14, 0.01, (
            "Сравнението на моделите в сайта е много удобно.",
            "Намерих всички технически характеристики, които ми трябваха.",
        ), (
            "Цената в сайта за сравнение беше различна от тази при вас.",
            "Филтърът по размери не работи – пералнята не се побра в нишата.",
            "Няма информация колко шумна е машината при центрофуга.",
        ), touchpoints=("Сайт", "Сайт за сравнение на цени", "Видео ревю")),
        StageLabel("Консултация", "decision", 0.12, 0.03, (
            "Консултантът в изложбената зала ми обясни всичко търпеливо.",
            "По телефона ми помогнаха да избера модел за 10 минути.",
        ), (
            "Чаках на телефона {minutes} минути и никой не вдигна.",
            "В чата ми отговориха с копиран текст, без да прочетат въпроса.",
            "Консултантът не знаеше дали моделът има инверторен мотор.",
        ), touchpoints=("Чат", "Телефон", "Изложбена зала")),
        StageLabel("Плащане", "purchase", 0.16, -0.01, (
            "Покупката на вноски беше одобрена за минути.",
            "Платих с карта без никакъв проблем.",
        ), (
            "Плащането с карта в приложението прекъсна след потвърждението в банката.",
            "Парите ми бяха изтеглени, а поръчка № {order} стои като „неплатена“.",
            "Кредитната заявка отне цял ден; чаках обаждане, което не дойде.",
        ), touchpoints=("Сайт", "Мобилно приложение", "Наложен платеж", "Кредитен партньор")),
        StageLabel("Доставка", "purchase", 0.22, -0.08, (
            "Куриерът се обади предварително и дойде точно навреме.",
            "Доставката беше на следващия ден, много бързо.",
        ), (
            "Доставката закъсня с {days} дни.",
            "Не мога да избера ден и час за доставката; чаках цял ден вкъщи.",
            "Куриерът остави кашона пред блока, без да позвъни.",
        ), touchpoints=("Куриер", "Вземане от магазин", "SMS известие")),
        StageLabel("Монтаж", "usage", 0.16, -0.22, (
            "Монтажникът беше точен, свърза всичко и извози старата пералня.",
            "Монтажът беше бърз и чист.",
        ), (
            "Доставката и монтажът дойдоха в различни дни – два пъти си взех отпуск.",
            "Монтажникът поиска още 40 € „за маркуч“ на място.",
            "Монтажът беше насрочен чак след {days} дни.",
        ), touchpoints=("Монтажник", "Телефон за обслужване")),
        StageLabel("Рекламация", "usage", 0.12, -0.30, (
            "Рекламацията беше решена бързо, смениха ми уреда.",
            "Сервизът дойде още на другия ден.",
        ), (
            "Подадох рекламация преди {days} дни и още нямам никаква информация.",
            "Пералнята тече, а на телефона за рекламации никой не отговаря.",
            "Казаха ми, че „повредата не е гаранционна“, без дори да я видят.",
        ), touchpoints=("Форма за рекламация", "Телефон за рекламации", "Сервиз")),
        StageLabel("Препоръка", "loyalty", 0.0, 0.04, (
            "Вече препоръчах „Волтия“ на сестра ми.",
            "Точките от клуба са приятен бонус.",
        ), (
            "След покупката ме заляхте с бюлетини, които не ме интересуват.",
            "Дадох ниска оценка в анкетата и никой не се свърза с мен.",
        ), rare=4, touchpoints=("Волтия Клуб", "Имейл")),
    ),
    segments={"mariya": "Семейство с деца", "georgi": "Търси най-добра цена",
              "stefka": "Пенсионер", "nikola": "Купува от телефона"},
    channels={},
    scale=Scale("CSAT", 1, 5),
    phrases=Phrases(
        praise_openers=("", "", "Браво!", "Много съм доволна.", "Всичко мина добре.",
                        "Отлично обслужване.", "Благодаря!"),
        complaint_openers=("", "", "Разочарован съм.", "Не съм доволен.",
                           "Ужасно преживяване!", "За пореден път…", "Никога повече."),
        neutral_openers=("", "Горе-долу.", "Средно.", "Става, но може и по-добре."),
        neutral=("Нормално.", "Без забележки.", "Нямам коментар.",
                 "Всичко беше както очаквах."),
        praise_closers=("", "", "Ще ви препоръчам на приятели.", "Продължавайте така!",
                        "Благодаря на екипа."),
        complaint_closers=("", "", "Очаквам отговор.", "Моля, направете нещо.",
                           "Няма да пазарувам повече от вас.", "Не е сериозно."),
        personal_data={
            "email": ("Пишете ми на {email}.", "Имейлът ми е {email}, никой не ми отговори."),
            "phone": ("Обадете ми се на {phone}.", "Телефонът ми е {phone}, звънете след 18 ч."),
            "card": ("Таксуваха картата ми {card} два пъти.",
                     "Платих с карта {card}, а парите още не са върнати."),
            "iban": ("Върнете ми парите по сметка {iban}.", "IBAN за възстановяване: {iban}"),
        },
    ),
    personal=PersonalFormats(
        phones_local=("088# ### ###", "089#######", "0878 ## ## ##", "02 9## ####"),
        phones_international=("+359 88# ### ###", "+35987#######", "00359 89 ### ####"),
        iban_country="BG", iban_banks=("BNBG", "UNCR", "STSA", "FINV"), iban_digits=14,
        first_names=("ivan", "maria", "georgi", "elena", "petar", "desi"),
        last_names=("petrov", "ivanova", "dimitrov", "georgieva", "nikolov"),
        mail_domains=("abv.bg", "gmail.com", "mail.bg", "yahoo.com"),
    ),
    amount="price",
))

language(Language(
    code="ru", journey=ELECTRONICS, extension="csv", encoding="utf-8-sig", separator=";",
    decimal=",", thousands=" ", date_format="%d.%m.%Y",
    headers={DATE: "Дата", RESPONDENT: "Респондент", STAGE: "Этап",
             TOUCHPOINT: "Точка контакта", SEGMENT: "Сегмент", CHANNEL: "Канал",
             RATING: "Оценка", COMMENT: "Комментарий", ORDER: "Номер заказа"},
    respondent_format="{:d}", first_respondent=480_000,
    stages=(
        StageLabel("Реклама", "awareness", 0.07, 0.02, (
            "Увидел рекламу в Instagram и сразу нашёл нужную модель.",
            "Акция в буклете оказалась честной.",
        ), (
            "В рекламе обещали «бесплатную доставку», но на мой город она не действует.",
            "Реклама преследует меня везде, даже после покупки.",
            "Цена в рекламе была ниже, чем на сайте.",
        ), touchpoints=("Реклама в соцсетях", "Поиск Google", "Буклет")),
        StageLabel("Поиск и сравнение", "interest", 0.12, 0.0, (
            "Удобно сравнивать модели прямо на сайте.",
            "Все характеристики указаны подробно.",
        ), (
            "На сайте сравнения цен одна цена, а у вас другая.",
            "Фильтр по размерам не работает – машинка не влезла в нишу.",
            "Нет информации, насколько шумная машина при отжиме.",
        ), touchpoints=("Сайт", "Сайт сравнения цен", "Видеообзор")),
        StageLabel("Выбор модели", "decision", 0.12, 0.03, (
            "Консультант в шоуруме всё объяснил без спешки.",
            "По телефону помогли выбрать модель за 10 минут.",
        ), (
            "Ждал ответа на линии {minutes} минут.",
            "В чате ответили шаблоном, вопрос даже не прочитали.",
            "Консультант не знал, есть ли у модели инверторный мотор.",
        ), touchpoints=("Чат", "Звонок", "Шоурум")),
        StageLabel("Оформление заказа", "purchase", 0.14, 0.0, (
            "Оформил заказ за пару минут с телефона.",
            "Подтверждение заказа сразу пришло на почту.",
        ), (
            'Кнопка "Оформить заказ" не работала в приложении.',
            "Корзина дважды очистилась, пришлось всё набирать заново.",
            "Заказ № {order} так и не появился в личном кабинете.",
        ), touchpoints=("Сайт", "Приложение", "Звонок")),
        StageLabel("Оплата", "purchase", 0.14, -0.03, (
            "Рассрочку одобрили за несколько минут.",
            "Оплата картой прошла без проблем.",
        ), (
            "Оплата картой в приложении обрывается после подтверждения в банке.",
            "Деньги списали, а заказ № {order} висит как «не оплачен».",
            "Заявку на рассрочку рассматривали целый день.",
        ), touchpoints=("Сайт", "Приложение", "Наличными курьеру", "Рассрочка")),
        StageLabel("Доставка", "purchase", 0.21, -0.08, (
            "Курьер позвонил заранее и приехал вовремя.",
            "Доставили на следующий день, очень быстро.",
        ), (
            "Доставка опоздала на {days} дня.",
            "Нельзя выбрать время доставки; весь день сидел дома.",
            "Курьер оставил коробку у подъезда и даже не позвонил.",
        ), touchpoints=("Курьер", "Самовывоз", "SMS-уведомление")),
        StageLabel("Установка", "usage", 0.20, -0.22, (
            "Мастер пришёл вовремя, всё подключил и забрал старую машинку.",
            "Установили быстро и аккуратно.",
        ), (
            "Доставка и установка были в разные дни – дважды отпрашивался с работы.",
            "Мастер потребовал ещё 40 € «за шланг» на месте.",
            "Установку назначили только через {days} дня.",
        ), touchpoints=("Мастер", "Горячая линия")),
        StageLabel("Гарантийный ремонт", "usage", 0.0, -0.30, (
            "Мастер из сервисного центра приехал уже на следующий день.",
        ), (
            "Подал заявку на ремонт {days} дня назад, и никакой информации.",
            "Машинка течёт, а на горячей линии никто не отвечает.",
        ), rare=3, touchpoints=("Сервисный центр", "Горячая линия")),
    ),
    segments={"mariya": "Семья с детьми", "georgi": "Сравнивает цены",
              "stefka": "Пенсионер", "nikola": "Покупает со смартфона"},
    channels={"web": "Сайт", "app": "Приложение", "phone": "Телефон", "store": "Магазин"},
    scale=Scale("CES", 1, 7),
    phrases=Phrases(
        praise_openers=("", "", "Спасибо!", "Очень доволен.", "Всё прошло отлично.",
                        "Отличный сервис."),
        complaint_openers=("", "", "Разочарован.", "Очень недовольна.", "Ужас!",
                           "Опять то же самое…", "Больше не закажу."),
        neutral_openers=("", "Так себе.", "Средне.", "Нормально, но есть вопросы."),
        neutral=("Нормально.", "Без замечаний.", "Всё как обычно.", "Ничего особенного."),
        praise_closers=("", "", "Буду рекомендовать друзьям.", "Так держать!",
                        "Спасибо команде."),
        complaint_closers=("", "", "Жду ответа.", "Примите меры.",
                           "Больше у вас не покупаю.", "Несерьёзно."),
        personal_data={
            "email": ("Пишите на {email}.", "Моя почта {email}, ответа так и нет."),
            "phone": ("Перезвоните мне: {phone}.", "Мой телефон {phone}, звоните после 18:00."),
            "card": ("С карты {card} списали дважды.",
                     "Платил картой {card}, деньги до сих пор не вернули."),
            "iban": ("Верните деньги на счёт {iban}.", "Реквизиты для возврата: IBAN {iban}"),
        },
    ),
    personal=PersonalFormats(
        phones_local=("8 (9##) ###-##-##", "8 9## ### ## ##", "8-701-###-##-##"),
        phones_international=("+7 (9##) ###-##-##", "+79#########", "+7 701 ### ## ##"),
        iban_country="KZ", iban_banks=("125", "722", "601"), iban_digits=13,
        first_names=("ivan", "olga", "sergey", "natalia", "dmitry", "anna"),
        last_names=("smirnov", "ivanova", "kuznetsov", "popova", "sokolov"),
        mail_domains=("mail.ru", "yandex.ru", "gmail.com", "inbox.ru"),
    ),
))

language(Language(
    code="lv", journey=ELECTRONICS, extension="tsv", encoding="cp1257", separator="\t",
    decimal=",", thousands=" ", date_format="%d.%m.%Y",
    headers={RESPONDENT: "Respondents", DATE: "Datums", STAGE: "Posms",
             TOUCHPOINT: "Pieskāriena punkts", SEGMENT: "Segments", RATING: "Vērtējums",
             COMMENT: "Komentārs", CHANNEL: "Kanāls", AMOUNT: "Pirkuma summa"},
    respondent_format="LV{:07d}",
    stages=(
        StageLabel("Reklāma", "awareness", 0.09, 0.02, (
            "Redzēju reklāmu Facebook un uzreiz atradu vajadzīgo modeli.",
            "Akcija bukletā bija patiesa.",
        ), (
            "Reklāmā solīja „bezmaksas piegādi“, bet manai pilsētai tā nepienākas.",
            "Reklāmā cena bija zemāka nekā mājaslapā.",
            "Jūsu reklāma man rādās katru dienu, pat pēc pirkuma.",
        ), touchpoints=("Sociālie tīkli", "Google", "Buklets")),
        StageLabel("Cenu salīdzināšana", "interest", 0.15, 0.0, (
            "Mājaslapā ir ērti salīdzināt modeļus.",
            "Visi tehniskie parametri ir norādīti.",
        ), (
            "Cenu salīdzināšanas vietnē cena bija cita nekā pie jums.",
            "Filtrs pēc izmēriem nestrādā – mašīna neietilpa nišā.",
            "Nav informācijas, cik skaļa ir mašīna centrifūgas laikā.",
        ), touchpoints=("Mājaslapa", "Cenu salīdzināšanas vietne", "Video apskats")),
        StageLabel("Konsultācija", "decision", 0.14, 0.03, (
            "Konsultants salonā visu pacietīgi izskaidroja.",
            "Pa tālruni palīdzēja izvēlēties modeli 10 minūtēs.",
        ), (
            "Gaidīju uz līnijas {minutes} minūtes.",
            "Tērzēšanā atbildēja ar šablonu, pat neizlasot jautājumu.",
            "Konsultants nezināja, vai modelim ir invertora motors.",
        ), touchpoints=("Tērzēšana", "Tālrunis", "Salons")),
        StageLabel("Apmaksa", "purchase", 0.18, -0.02, (
            "Nomaksu apstiprināja dažās minūtēs.",
            "Apmaksa ar karti notika bez problēmām.",
        ), (
            "Maksājums ar karti lietotnē pārtrūkst pēc apstiprināšanas bankā.",
            "Nauda noņemta, bet pasūtījums Nr. {order} joprojām ir „neapmaksāts“.",
            "Nomaksas pieteikumu izskatīja visu dienu.",
        ), touchpoints=("Mājaslapa", "Lietotne", "Nomaksa", "Skaidrā naudā kurjeram")),
        StageLabel("Piegāde", "purchase", 0.22, -0.07, (
            "Kurjers iepriekš piezvanīja un ieradās laikā.",
            "Piegāde bija jau nākamajā dienā.",
        ), (
            "Piegāde kavējās {days} dienas.",
            "Nevar izvēlēties piegādes laiku; visu dienu sēdēju mājās.",
            "Kurjers atstāja kasti pie kāpņu telpas un nepiezvanīja.",
        ), touchpoints=("Kurjers", "Saņemšana veikalā", "SMS paziņojums")),
        StageLabel("Uzstādīšana", "usage", 0.22, -0.21, (
            "Meistars ieradās laikā, visu pieslēdza un aizveda veco mašīnu.",
            "Uzstādīšana bija ātra un kārtīga.",
        ), (
            "Piegāde un uzstādīšana bija dažādās dienās – divreiz ņēmu brīvu no darba.",
            "Meistars uz vietas pieprasīja vēl 40 € „par šļūteni“.",
            "Uzstādīšanu ieplānoja tikai pēc {days} dienām.",
        ), touchpoints=("Meistars", "Klientu atbalsts")),
        StageLabel("Atkārtots pirkums", "loyalty", 0.0, 0.05, (
            "Jau otro reizi pērku pie jums, viss kā vienmēr labi.",
            "Kluba punkti ir patīkams bonuss.",
        ), (
            "Pēc pirkuma mani apbēra ar jaunumu vēstulēm.",
            "Aptaujā devu zemu vērtējumu, bet neviens ar mani nesazinājās.",
        ), rare=4, touchpoints=("Voltija Klubs", "E-pasts")),
    ),
    segments={"mariya": "Ģimene ar bērniem", "georgi": "Cenu salīdzinātājs",
              "stefka": "Pensionārs", "nikola": "Pērk ar viedtālruni"},
    channels={"web": "Mājaslapa", "app": "Lietotne", "phone": "Tālrunis", "store": "Veikals"},
    scale=Scale("CSAT", 1, 5, half_points=0.25),
    phrases=Phrases(
        praise_openers=("", "", "Paldies!", "Ļoti apmierināts.", "Viss noritēja lieliski.",
                        "Lieliska apkalpošana."),
        complaint_openers=("", "", "Esmu vīlies.", "Ļoti neapmierināta.", "Šausmīgi!",
                           "Atkal tas pats…", "Vairs nepasūtīšu."),
        neutral_openers=("", "Tā neko.", "Vidēji.", "Normāli, bet ir jautājumi."),
        neutral=("Normāli.", "Bez piezīmēm.", "Viss kā parasti.", "Nekā īpaša."),
        praise_closers=("", "", "Ieteikšu draugiem.", "Tā turpināt!", "Paldies komandai."),
        complaint_closers=("", "", "Gaidu atbildi.", "Lūdzu, kaut ko dariet.",
                           "Vairs pie jums nepirkšu.", "Nenopietni."),
        personal_data={
            "email": ("Rakstiet man uz {email}.", "Mans e-pasts ir {email}, atbildi nesaņēmu."),
            "phone": ("Piezvaniet man: {phone}.", "Mans tālrunis {phone}, zvaniet pēc 18:00."),
            "card": ("No kartes {card} naudu noņēma divreiz.",
                     "Maksāju ar karti {card}, nauda vēl nav atgriezta."),
            "iban": ("Lūdzu, atmaksājiet uz kontu {iban}.", "Konts atmaksai: {iban}"),
        },
    ),
    personal=PersonalFormats(
        phones_local=("2# ### ###", "2#######", "67 ### ###"),
        phones_international=("+371 2# ### ###", "+3712#######", "00371 2#######"),
        iban_country="LV", iban_banks=("HABA", "UNLA", "RIKO", "PARX"), iban_digits=13,
        first_names=("janis", "liga", "andris", "ilze", "karlis", "anna"),
        last_names=("berzins", "ozola", "kalnins", "liepa", "vitols"),
        mail_domains=("inbox.lv", "gmail.com", "apollo.lv", "tvnet.lv"),
    ),
    amount="price",
))

language(Language(
    code="mk", journey=ELECTRONICS, extension="csv", encoding="utf-8", separator=",",
    decimal=".", thousands="", date_format="%d.%m.%Y",
    headers={RESPONDENT: "Испитаник", DATE: "Датум", STAGE: "Фаза", SEGMENT: "Сегмент",
             CHANNEL: "Канал", RATING: "Оценка", COMMENT: "Коментар",
             ORDER: "Број на нарачка"},
    respondent_format="MK-{:05d}",
    stages=(
        StageLabel("Реклама", "awareness", 0.10, 0.02, (
            "Ја видов рекламата на Фејсбук и веднаш го најдов моделот што го барав.",
            "Акцијата во брошурата беше вистинска.",
        ), (
            "Во рекламата пишуваше „бесплатна испорака“, а не важи за мојот град.",
            "Цената во рекламата беше пониска од онаа на сајтот.",
            "Истата реклама ми се појавува по 20 пати на ден.",
        )),
        StageLabel("Избор на производ", "decision", 0.17, 0.02, (
            "Консултантот во продавницата трпеливо ми објасни сè.",
            "Преку телефон ми помогнаа да изберам модел за 10 минути.",
        ), (
            "Чекав на телефон {minutes} минути и никој не се јави.",
            "Во четот ми одговорија со копиран текст, без да го прочитаат прашањето.",
            "Консултантот не знаеше дали моделот има инвертер мотор.",
        )),
        StageLabel("Нарачка и плаќање", "purchase", 0.20, -0.02, (
            "Плаќањето на рати беше одобрено за неколку минути.",
            "Платив со картичка без никаков проблем.",
        ), (
            "Плаќањето со картичка во апликацијата прекина по потврдата во банката.",
            "Парите ми се симнати, а нарачката бр. {order} сè уште е „неплатена“.",
            'Копчето "Нарачај" не работеше на телефон.',
        )),
        StageLabel("Испорака", "purchase", 0.23, -0.09, (
            "Курирот се јави претходно и дојде точно на време.",
            "Испораката беше веќе следниот ден.",
        ), (
            "Испораката доцнеше {days} дена.",
            "Не може да се избере термин за испорака, чекав дома цел ден.",
            "Курирот ја остави кутијата пред зградата, без да ѕвони.",
        )),
        StageLabel("Монтажа", "usage", 0.20, -0.23, (
            "Монтажерот дојде на време, сè поврза и ја однесе старата машина.",
            "Монтажата беше брза и уредна.",
        ), (
            "Испораката и монтажата беа во различни денови, двапати зедов слободен ден.",
            "Монтажерот побара уште 2.500 денари „за црево“ на лице место.",
            "Монтажата ја закажаа дури по {days} дена.",
        )),
        StageLabel("Сервис", "usage", 0.0, -0.30, (
            "Сервисерот дојде уште следниот ден.",
        ), (
            "Пријавив дефект пред {days} дена и сè уште немам никаква информација.",
            "Машината протекува, а на телефонот за рекламации никој не одговара.",
        ), rare=2),
        StageLabel("Препорака", "loyalty", 0.10, 0.04, (
            "Веќе ве препорачав на сестра ми.",
            "Поените од клубот се пријатен бонус.",
        ), (
            "По купувањето ме затрупавте со билтени.",
            "Дадов ниска оценка во анкетата и никој не ми се јави.",
        )),
    ),
    segments={"mariya": "Семејство со деца", "georgi": "Споредува цени",
              "stefka": "Пензионер", "nikola": "Купува преку телефон"},
    channels={"web": "Веб-страница", "app": "Апликација", "phone": "Телефон",
              "store": "Продавница"},
    scale=Scale("CSAT", 1, 5),
    phrases=Phrases(
        praise_openers=("", "", "Браво!", "Многу сум задоволна.", "Сè помина одлично.",
                        "Одлична услуга.", "Ви благодарам!"),
        complaint_openers=("", "", "Разочаран сум.", "Не сум задоволен.",
                           "Ужасно искуство!", "Повторно истото…", "Никогаш повеќе."),
        neutral_openers=("", "Така-така.", "Просечно.", "Во ред, но може подобро."),
        neutral=("Во ред.", "Без забелешки.", "Сè беше како што очекував.", "Ништо посебно."),
        praise_closers=("", "", "Ќе ве препорачам на пријатели.", "Само продолжете така!",
                        "Благодарам на тимот."),
        complaint_closers=("", "", "Очекувам одговор.", "Ве молам, направете нешто.",
                           "Нема повеќе да купувам кај вас.", "Не е сериозно."),
        personal_data={
            "email": ("Пишете ми на {email}.", "Мојот е-маил е {email}, никој не ми одговори."),
            "phone": ("Јавете ми се на {phone}.", "Мојот телефон е {phone}, ѕвонете по 18 часот."),
            "card": ("Од картичката {card} ми симнаа двапати.",
                     "Платив со картичка {card}, а парите уште не се вратени."),
            "iban": ("Вратете ми ги парите на сметка {iban}.", "IBAN за враќање: {iban}"),
        },
    ),
    personal=PersonalFormats(
        phones_local=("07# ### ###", "07#/###-###", "02/3###-###"),
        phones_international=("+389 7# ### ###", "+3897#######", "00389 7# ### ###"),
        iban_country="MK", iban_banks=("250", "300", "200"), iban_digits=12,
        first_names=("aleksandar", "marija", "stefan", "ana", "goran", "elena"),
        last_names=("stojanovski", "petrovska", "nikolovski", "dimitrova", "trajkovski"),
        mail_domains=("gmail.com", "yahoo.com", "t-home.mk", "live.com"),
    ),
))

language(Language(
    code="en", journey=MORTGAGE, extension="csv", encoding="utf-8", separator=",",
    decimal=".", thousands="", date_format="%Y-%m-%d",
    headers={RESPONDENT: "Respondent ID", DATE: "Date", STAGE: "Stage",
             TOUCHPOINT: "Touchpoint", SEGMENT: "Segment", CHANNEL: "Channel",
             RATING: "Score", COMMENT: "Comment", AMOUNT: "Loan amount"},
    respondent_format="token",
    stages=(
        StageLabel("Research", "research", 0.14, 0.04, (
            "The borrowing calculator was quick and easy to use.",
            "The first-time buyer guide answered most of my questions.",
        ), (
            "The calculator said we could borrow £40k more than the AIP gave us.",
            "Rates on the website weren't the same as the ones my broker quoted.",
            'Couldn\'t find anything on what counts as "self-employed income".',
        ), touchpoints=("Borrowing calculator", "Rates page", "First-time buyer evening",
                        "Friends & family")),
        StageLabel("Getting an offer", "offer", 0.15, 0.01, (
            "The adviser explained the products clearly and didn’t rush us.",
            "Comparing the 2- and 5-year fixes side by side was really helpful.",
        ), (
            "The video appointment was cancelled twice at short notice.",
            "I waited {minutes} minutes on the advice line before giving up.",
            "Nobody told me the product fee could be added to the loan.",
        ), touchpoints=("Branch appointment", "Video appointment", "Broker", "Advice line")),
        StageLabel("Agreement in principle", "offer", 0.13, 0.0, (
            "Got an agreement in principle in about ten minutes in the app.",
            "The estate agent accepted the AIP certificate straight away.",
        ), (
            "The online AIP and my broker's DIP gave completely different figures.",
            'My AIP was "referred" with no reason given.',
            "The app kept timing out halfway through the AIP.",
        ), touchpoints=("Online AIP", "App", "Broker")),
        StageLabel("Application", "conversion", 0.20, -0.22, (
            "Uploading documents in the app was straightforward.",
            "My case manager kept me updated every step of the way.",
        ), (
            "Heard nothing for {days} weeks after applying – had to chase every time.",
            "Underwriters asked for my accounts three separate times.",
            "Nobody could tell me where application {order} was up to.",
            "The gifted deposit checks came as a complete surprise at the last minute.",
        ), touchpoints=("Document upload", "Application tracker", "Underwriter", "Web chat")),
        StageLabel("Valuation", "conversion", 0.12, -0.18, (
            "The surveyor was on time and the valuation came back quickly.",
        ), (
            "The valuation took {days} weeks to be booked.",
            "We nearly lost the house because the valuation was delayed.",
            "The valuation came in £15,000 under the asking price with no explanation.",
        ), touchpoints=("Surveyor visit", "Valuation report")),
        StageLabel("Completion", "usage", 0.12, -0.02, (
            "Completion went through on the day we wanted.",
            "The solicitor and the bank worked well together.",
        ), (
            "Funds arrived at the solicitor's late on completion day.",
            "The completion e-mail didn’t arrive until two days later.",
        ), touchpoints=("Solicitor", "Completion e-mail")),
        StageLabel("First year", "usage", 0.14, -0.08, (
            "Managing the mortgage in the app is easy.",
            "The welcome pack explained everything clearly.",
        ), (
            "The first payment was much higher than I was quoted and nobody explained why.",
            "I couldn't see my overpayment allowance anywhere in the app.",
            "The servicing line kept me on hold for {minutes} minutes.",
        ), touchpoints=("Welcome pack", "App", "Servicing line", "Annual statement")),
        StageLabel("Switching rate", "loyalty", 0.0, 0.02, (
            "Switching to a new rate in the app took five minutes.",
        ), (
            "The rate expiry reminder arrived after my broker had already moved me.",
            "The new rate for existing customers is worse than for new ones.",
        ), rare=3, touchpoints=("Rate expiry e-mail", "App")),
    ),
    segments={"ellie": "First-time buyer (app)", "marcus": "Self-employed",
              "joanna": "Key worker", "aleks": "New to the UK"},
    channels={"online": "Online", "app": "App", "branch": "Branch", "broker": "Broker",
              "phone": "Phone"},
    scale=Scale("NPS", 0, 10),
    phrases=Phrases(
        praise_openers=("", "", "Great service.", "Really pleased.", "Thanks!", "All good.",
                        "Couldn’t fault it."),
        complaint_openers=("", "", "Very disappointed.", "Not impressed.",
                           "Terrible experience!", "Same problem again…",
                           "Won't be recommending you."),
        neutral_openers=("", "It was OK.", "Average.", "Fine, but could be better."),
        neutral=("Fine.", "No comments.", "Nothing to add.", "As expected.", "N/A"),
        praise_closers=("", "", "Would recommend.", "Keep it up!", "Thanks to the team."),
        complaint_closers=("", "", "Please call me back.", "Sort it out.",
                           "I'll be moving my mortgage elsewhere.", "Not good enough."),
        personal_data={
            "email": ("Email me at {email}.", "My email is {email} – nobody has replied."),
            "phone": ("Please call me on {phone}.", "You can reach me on {phone} after 6pm."),
            "card": ("My card {card} was charged twice.",
                     "I paid the valuation fee with card {card} and it was taken twice."),
            "iban": ("Please refund to {iban}.", "My account for the refund: {iban}"),
        },
    ),
    personal=PersonalFormats(
        phones_local=("07### ######", "07### ### ###", "020 #### ####", "0161 ### ####"),
        phones_international=("+44 7### ######", "+447#########", "+44 (0)20 #### ####"),
        iban_country="GB", iban_banks=("NWBK", "BARC", "LOYD", "HBUK", "MIDL"), iban_digits=14,
        first_names=("james", "sophie", "tom", "emma", "daniel", "priya", "aleksander"),
        last_names=("smith", "jones", "patel", "taylor", "brown", "wilson", "nowak"),
        mail_domains=("gmail.com", "outlook.com", "btinternet.com", "yahoo.co.uk",
                      "hotmail.co.uk"),
    ),
    amount="loan",
    excel=True,
))


# --- Personal data -------------------------------------------------------------------------

def luhn_check_digit(digits: str) -> str:
    """The digit that makes ``digits`` + it pass the Luhn check used by card numbers."""
    total = 0
    for position, digit in enumerate(reversed(digits)):
        value = int(digit) * (2 if position % 2 == 0 else 1)
        total += value - 9 if value > 9 else value
    return str(-total % 10)


def iban_check_digits(country: str, bban: str) -> str:
    """The two ISO 13616 check digits (mod 97) of an IBAN."""
    rearranged = bban + country + "00"
    number = "".join(str(int(character, 36)) for character in rearranged)
    return f"{98 - int(number) % 97:02d}"


def random_digits(rng: np.random.Generator, count: int) -> str:
    """``count`` random decimal digits."""
    return "".join(map(str, rng.integers(0, 10, count)))


def fill_pattern(rng: np.random.Generator, pattern: str) -> str:
    """Replace every ``#`` of a pattern with a random digit."""
    digits = iter(random_digits(rng, pattern.count("#")))
    return "".join(next(digits) if character == "#" else character for character in pattern)


def pick(rng: np.random.Generator, choices: Sequence[str]) -> str:
    """One element of ``choices``."""
    return choices[int(rng.integers(len(choices)))]


def personal_value(kind: str, formats: PersonalFormats, rng: np.random.Generator) -> str:
    """A random e-mail address, phone number, card number or IBAN, written as people do."""
    if kind == "email":
        first, last = pick(rng, formats.first_names), pick(rng, formats.last_names)
        local = pick(rng, (f"{first}.{last}", f"{first}{last}{int(rng.integers(60, 100))}",
                           f"{first}_{last}", f"{first[0]}{last}"))
        return f"{local}@{pick(rng, formats.mail_domains)}"
    if kind == "phone_local":
        return fill_pattern(rng, pick(rng, formats.phones_local))
    if kind == "phone_international":
        return fill_pattern(rng, pick(rng, formats.phones_international))
    if kind == "card":
        body = pick(rng, ("4", "51", "52", "53", "54", "55"))
        body += random_digits(rng, 15 - len(body))
        number = body + luhn_check_digit(body)
        separator = pick(rng, (" ", " ", "", "-"))
        return separator.join(number[start:start + 4] for start in range(0, 16, 4))
    bban = pick(rng, formats.iban_banks)
    bban += random_digits(rng, formats.iban_digits)
    iban = formats.iban_country + iban_check_digits(formats.iban_country, bban) + bban
    if rng.random() < 0.3:
        return iban
    return " ".join(iban[start:start + 4] for start in range(0, len(iban), 4))


# --- Drawing the rows ----------------------------------------------------------------------

@dataclass
class Chunk:
    """A run of consecutive rows, one array (or list) per column."""

    respondent: list[str]
    day: np.ndarray  # days since FIRST_DAY
    stage: np.ndarray  # index into Language.stages
    touchpoint: np.ndarray  # index into SurveyDraw.touchpoint_texts; the last one is empty
    segment: np.ndarray  # index into the journey's personas; len(personas) means unknown
    channel: np.ndarray
    rating: np.ndarray
    comment: list[str]
    order: np.ndarray
    amount: np.ndarray  # cents of a price, or whole pounds of a loan


class SurveyDraw:
    """Draws one language's rows chunk by chunk from one random stream.

    The rows are in the order of their dates, as survey tools export them. Respondents rate
    one to three consecutive stages at one visit; their rows share id, date, segment,
    channel, order and amount. Rare stage labels get a fixed number of rows wherever they
    fall, so a file of any size has stages with fewer than five answers.
    """

    def __init__(self, settings: Language, total: int, rng: np.random.Generator):
        self.settings = settings
        self.total = total
        self.rng = rng
        journey = settings.journey
        stages = settings.stages
        self.common = np.array([index for index, label in enumerate(stages) if not label.rare])
        shares = np.array([stages[index].share for index in self.common])
        self.common_cumulative = np.cumsum(shares / shares.sum())
        self.rare_rows = self._rare_rows()
        personas = journey.personas
        persona_shares = np.array([persona.share for persona in personas])
        self.persona_cumulative = np.cumsum(persona_shares / persona_shares.sum())
        # Effects by (segment, stage label); the extra last segment row is "unknown".
        self.effects = np.zeros((len(personas) + 1, len(stages)))
        for row, persona in enumerate(personas):
            self.effects[row] = persona.effect + np.array(
                [persona.stage_effects.get(label.stage, 0.0) for label in stages])
        self.effects += np.array([label.effect for label in stages])
        weights = np.array([persona.channel_weights for persona in personas])
        weights = np.vstack([weights, persona_shares @ weights])
        self.channel_cumulative = np.cumsum(weights / weights.sum(1, keepdims=True), axis=1)
        touchpoints: list[str] = []
        self.touchpoint_first = np.zeros(len(stages), dtype=np.int64)
        self.touchpoint_count = np.zeros(len(stages), dtype=np.int64)
        for index, label in enumerate(stages):
            self.touchpoint_first[index] = len(touchpoints)
            self.touchpoint_count[index] = len(label.touchpoints)
            touchpoints.extend(label.touchpoints)
        touchpoints.append("")
        # What the indices in a Chunk stand for, as the file writes them.
        self.stage_texts = np.array([label.label for label in stages], dtype=object)
        self.touchpoint_texts = np.array(touchpoints, dtype=object)
        self.segment_texts = np.array([settings.segments[persona.id] for persona in personas]
                                      + [""], dtype=object)
        self.channel_texts = np.array([settings.channels.get(key, "")
                                       for key in journey.channels], dtype=object)
        days = [FIRST_DAY + dt.timedelta(days=offset) for offset in range(DAY_COUNT)]
        self.days = np.array(days, dtype=object)
        self.date_texts = np.array([day.strftime(settings.date_format) for day in days],
                                   dtype=object)
        self.month_of_day = np.array([(day.year - 2025) * 12 + day.month - 11 for day in days])
        day_weights = np.array([journey.month_weights[month] * WEEKDAY_WEIGHTS[day.weekday()]
                                for month, day in zip(self.month_of_day, days, strict=True)])
        self.day_cumulative = np.cumsum(day_weights / day_weights.sum())
        self.next_respondent = settings.first_respondent
        self.personal_count = 0

    def _rare_rows(self) -> dict[int, int]:
        """Row number -> rare stage label, spread evenly over the file."""
        rows: dict[int, int] = {}
        rare = [(index, label.rare) for index, label in enumerate(self.settings.stages)
                if label.rare]
        if self.total < 100:
            return rows
        for number, (index, count) in enumerate(rare):
            for position in range(count):
                row = int((position + (number + 1) / (len(rare) + 1)) * self.total / count)
                rows[min(row, self.total - 1)] = index
        return rows

    def chunks(self) -> Iterator[Chunk]:
        """All rows of the file, in chunks of at most CHUNK_ROWS."""
        for start in range(0, self.total, CHUNK_ROWS):
            yield self._chunk(start, min(CHUNK_ROWS, self.total - start))

    def _chunk(self, start: int, count: int) -> Chunk:
        """Rows ``start`` … ``start + count - 1``."""
        rng, settings = self.rng, self.settings
        sizes = rng.choice(STAGES_PER_RESPONDENT, size=count, p=STAGES_PER_RESPONDENT_SHARE)
        firsts = np.concatenate([[0], np.cumsum(sizes)[:-1]])
        groups = int(np.searchsorted(firsts, count))
        firsts = firsts[:groups]
        sizes = np.diff(np.append(firsts, count))
        group = np.repeat(np.arange(groups), sizes)
        step = np.arange(count) - firsts[group]

        # Per respondent.
        respondents = self._respondent_ids(groups)
        when = (start + firsts + rng.random(groups)) / self.total
        group_day = np.searchsorted(self.day_cumulative, when, side="right")
        group_day = np.minimum(group_day, DAY_COUNT - 1)
        group_segment = np.searchsorted(self.persona_cumulative, rng.random(groups))
        group_segment = np.minimum(group_segment, len(self.persona_cumulative) - 1)
        group_segment[rng.random(groups) < NO_SEGMENT] = len(self.persona_cumulative)
        group_channel = (rng.random((groups, 1)) > self.channel_cumulative[group_segment])
        group_channel = np.minimum(group_channel.sum(1), len(settings.journey.channels) - 1)
        first_stage = np.searchsorted(self.common_cumulative, rng.random(groups))
        first_stage = np.clip(first_stage, 0, np.maximum(len(self.common) - sizes, 0))
        generosity = rng.normal(0.0, RESPONDENT_SPREAD, groups)
        group_order = rng.integers(100_000, 1_000_000, groups)
        group_amount = self._amounts(groups)

        # Per row.
        stage = self.common[np.minimum(first_stage[group] + step, len(self.common) - 1)]
        for row, label in self.rare_rows.items():
            if start <= row < start + count:
                stage[row - start] = label
        day = group_day[group]
        segment = group_segment[group]
        month = self.month_of_day[day]
        latent = (self.settings.journey.base_rating + self.effects[segment, stage]
                  + TREND_PER_MONTH * month + generosity[group]
                  + rng.normal(0.0, NOISE, count) - rng.exponential(DISAPPOINTMENT, count))
        rating = self._ratings(latent)
        touchpoint_count = self.touchpoint_count[stage]
        touchpoint = self.touchpoint_first[stage] + (
            rng.random(count) * np.maximum(touchpoint_count, 1)).astype(np.int64)
        empty = (touchpoint_count == 0) | (rng.random(count) < NO_TOUCHPOINT)
        touchpoint[empty] = len(self.touchpoint_texts) - 1
        order = group_order[group]
        scale = settings.scale
        share = (rating - scale.low) / (scale.high - scale.low)
        sentiment = np.where(share < 0.5, COMPLAINT, np.where(share >= 0.75, PRAISE, NEUTRAL))
        return Chunk(
            respondent=[respondents[index] for index in group.tolist()],
            day=day, stage=stage, touchpoint=touchpoint, segment=segment,
            channel=group_channel[group], rating=rating,
            comment=self._comments(stage, sentiment, order),
            order=order, amount=group_amount[group],
        )

    def _respondent_ids(self, count: int) -> list[str]:
        """Ids of ``count`` new respondents: a counter with gaps, or survey-tool tokens."""
        if self.settings.respondent_format == "token":
            alphabet = np.frombuffer(LATIN_ALPHABET.encode(), dtype=np.uint8)
            letters = alphabet[self.rng.integers(0, len(alphabet), (count, 15))]
            return ["R_" + token.decode() for token in letters.view("S15").ravel()]
        numbers = self.next_respondent + np.cumsum(self.rng.integers(1, 4, count))
        self.next_respondent = int(numbers[-1])
        return [self.settings.respondent_format.format(number) for number in numbers.tolist()]

    def _amounts(self, count: int) -> np.ndarray:
        """Order values in cents (ending in ,99 or ,00) or loan sizes in pounds."""
        if self.settings.amount == "loan":
            pounds = self.rng.lognormal(np.log(210_000), 0.35, count)
            return (np.round(pounds / 500) * 500).astype(np.int64)
        euros = np.maximum(np.round(self.rng.lognormal(np.log(520), 0.45, count) / 10) * 10, 200)
        cents = np.where(self.rng.random(count) < 0.6, euros * 100 - 1, euros * 100)
        return cents.astype(np.int64)

    def _ratings(self, latent: np.ndarray) -> np.ndarray:
        """Expected ratings on 0–1 turned into answers on the file's scale."""
        scale = self.settings.scale
        value = scale.low + np.clip(latent, 0.0, 1.0) * (scale.high - scale.low)
        halves = self.rng.random(len(value)) < scale.half_points
        return np.clip(np.where(halves, np.round(value * 2) / 2, np.round(value)),
                       scale.low, scale.high)

    def _comments(self, stage: np.ndarray, sentiment: np.ndarray,
                  order: np.ndarray) -> list[str]:
        """Free-text comments, or empty strings where the customer wrote nothing."""
        rng, settings = self.rng, self.settings
        phrases = settings.phrases
        count = len(stage)
        written = rng.random(count) < np.array(COMMENT_CHANCE)[sentiment]
        draws = rng.random((count, 10))
        days = rng.integers(2, 5, count)
        minutes = rng.choice(WAIT_MINUTES, count)
        emoji_allowed = can_encode("🙂", settings.encoding)
        openers = (phrases.complaint_openers, phrases.neutral_openers, phrases.praise_openers)
        closers = (phrases.complaint_closers, ("",), phrases.praise_closers)
        comments = [""] * count
        for row in np.flatnonzero(written).tolist():
            u = draws[row].tolist()
            mood = int(sentiment[row])
            label = settings.stages[stage[row]]
            opener = choose(openers[mood], u[0])
            plain = mood == NEUTRAL and u[0] < 0.4  # "Fine.", "No comments." and nothing more
            if plain:
                topics, opener = phrases.neutral, ""
            elif mood == NEUTRAL:
                topics = label.praise if u[3] < 0.5 else label.complaints
            else:
                topics = label.praise if mood == PRAISE else label.complaints
            topic = choose(topics, u[1])
            closer = choose(closers[mood], u[2])
            if u[4] < MULTI_LINE and not plain:
                second = choose(label.complaints if mood == COMPLAINT else label.praise, u[5])
                if second != topic:
                    topic += "\n" + second
            text = " ".join(part for part in (opener, topic, closer) if part)
            if "{" in text:
                text = text.format(order=order[row], days=days[row], minutes=minutes[row])
            if u[6] < PERSONAL_DATA and not plain:
                text += " " + self._personal_sentence(u[7])
            if emoji_allowed and u[8] < EMOJI:
                text += " " + choose(EMOJI_BY_SENTIMENT[mood], u[9])
            elif u[8] > 1 - CASUAL:
                text = text[0].lower() + text[1:].rstrip(".")
            comments[row] = text
        return comments

    def _personal_sentence(self, u: float) -> str:
        """A sentence with personal data; the kinds take turns so each file has them all."""
        kind = PERSONAL_DATA_KINDS[self.personal_count % len(PERSONAL_DATA_KINDS)]
        self.personal_count += 1
        template = choose(self.settings.phrases.personal_data[kind.split("_")[0]], u)
        value = personal_value(kind, self.settings.personal, self.rng)
        return template.format(**{kind.split("_")[0]: value})


def choose(choices: Sequence[str], u: float) -> str:
    """The element of ``choices`` that a uniform draw ``u`` in [0, 1) falls on."""
    return choices[int(u * len(choices))]


def can_encode(text: str, encoding: str) -> bool:
    """Whether ``text`` can be written in ``encoding``."""
    try:
        text.encode(encoding)
    except UnicodeEncodeError:
        return False
    return True


# --- Writing the files ---------------------------------------------------------------------

def format_number(value: int, thousands: str) -> str:
    """An integer with its thousands grouped as the file's locale does."""
    return f"{value:,}".replace(",", thousands)


def text_columns(settings: Language, draw: SurveyDraw, chunk: Chunk) -> dict[str, list]:
    """The chunk's cells as the CSV or TSV file writes them, by field."""
    if settings.scale.half_points:
        ratings = [f"{value:g}".replace(".", settings.decimal) for value in chunk.rating.tolist()]
    else:
        ratings = chunk.rating.astype(np.int64).astype(str).tolist()
    if settings.amount == "price":
        amounts = [format_number(cents // 100, settings.thousands) + settings.decimal
                   + f"{cents % 100:02d}" for cents in chunk.amount.tolist()]
    else:
        amounts = chunk.amount.astype(str).tolist()
    return {
        RESPONDENT: chunk.respondent,
        DATE: draw.date_texts[chunk.day].tolist(),
        STAGE: draw.stage_texts[chunk.stage].tolist(),
        TOUCHPOINT: draw.touchpoint_texts[chunk.touchpoint].tolist(),
        SEGMENT: draw.segment_texts[chunk.segment].tolist(),
        CHANNEL: draw.channel_texts[chunk.channel].tolist(),
        RATING: ratings,
        COMMENT: chunk.comment,
        ORDER: chunk.order.astype(str).tolist(),
        AMOUNT: amounts,
    }


def excel_columns(settings: Language, draw: SurveyDraw, chunk: Chunk) -> dict[str, list]:
    """The chunk's cells as typed spreadsheet values: numbers, real dates, empty cells."""
    texts = text_columns(settings, draw, chunk)
    columns: dict[str, list] = {
        field: [value if value != "" else None for value in values]
        for field, values in texts.items()
    }
    columns[DATE] = draw.days[chunk.day].tolist()
    columns[RATING] = (chunk.rating.tolist() if settings.scale.half_points
                       else chunk.rating.astype(np.int64).tolist())
    columns[ORDER] = chunk.order.tolist()
    columns[AMOUNT] = (chunk.amount.tolist() if settings.amount == "loan"
                       else (chunk.amount / 100).tolist())
    return columns


class ExcelSheet:
    """A write-only workbook with one sheet, saved with fixed timestamps.

    Dates are real dates (shown as yyyy-mm-dd), numbers are numbers.
    """

    def __init__(self, settings: Language):
        from openpyxl import Workbook

        self.workbook = Workbook(write_only=True)
        self.sheet = self.workbook.create_sheet("Responses")
        self.sheet.freeze_panes = "A2"
        self.fields = list(settings.headers)
        self.sheet.append(list(settings.headers.values()))

    def append(self, columns: dict[str, list]) -> None:
        """Add the rows of one chunk."""
        for row in zip(*(columns[field] for field in self.fields), strict=True):
            self.sheet.append(row)

    def save(self, path: Path) -> None:
        """Write the workbook so the same content always gives the same bytes."""
        from openpyxl.writer.excel import ExcelWriter

        properties = self.workbook.properties
        properties.creator = properties.lastModifiedBy = "Survey export"
        properties.created = properties.modified = FILE_TIMESTAMP
        entry_time = FILE_TIMESTAMP.timetuple()[:6]
        with tempfile.TemporaryDirectory() as folder:
            draft = Path(folder) / "draft.xlsx"
            with zipfile.ZipFile(draft, "w", zipfile.ZIP_DEFLATED, allowZip64=True) as archive:
                ExcelWriter(self.workbook, archive).save()
            with zipfile.ZipFile(draft) as source, \
                    zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, allowZip64=True) as target:
                for item in source.infolist():
                    entry = zipfile.ZipInfo(item.filename, date_time=entry_time)
                    entry.compress_type = zipfile.ZIP_DEFLATED
                    entry.external_attr = 0o644 << 16
                    with source.open(item) as reading, \
                            target.open(entry, "w", force_zip64=True) as writing:
                        shutil.copyfileobj(reading, writing, 1 << 20)


def language_rng(code: str) -> np.random.Generator:
    """The random stream of one language: its own child of the seed, whatever else is made."""
    children = np.random.default_rng(SEED).spawn(len(LANGUAGES))
    return children[list(LANGUAGES).index(code)]


def write_export(settings: Language, rows: int, folder: Path, sized_name: bool,
                 excel_max_rows: int = EXCEL_MAX_ROWS) -> list[Path]:
    """Write one language's export (and its .xlsx twin if it has one); return the paths."""
    name_rows = rows if sized_name else None
    path = folder / settings.file_name(name_rows)
    draw = SurveyDraw(settings, rows, language_rng(settings.code))
    fields = list(settings.headers)
    sheet = ExcelSheet(settings) if settings.excel and rows <= excel_max_rows else None
    with open(path, "w", encoding=settings.encoding, newline="") as handle:
        writer = csv.writer(handle, delimiter=settings.separator, lineterminator="\r\n")
        writer.writerow(settings.headers.values())
        for chunk in draw.chunks():
            columns = text_columns(settings, draw, chunk)
            writer.writerows(zip(*(columns[field] for field in fields), strict=True))
            if sheet is not None:
                sheet.append(excel_columns(settings, draw, chunk))
    paths = [path]
    if sheet is not None:
        paths.append(folder / settings.file_name(name_rows, "xlsx"))
        sheet.save(paths[-1])
    return paths


def parse_arguments(argv: Sequence[str]) -> argparse.Namespace:
    """The command line: sizes, output folder and languages."""
    parser = argparse.ArgumentParser(
        description="Write synthetic customer-survey exports. Without --rows: the "
                    f"{SAMPLE_ROWS}-row samples in {SAMPLES.relative_to(HERE.parent)}/.")
    parser.add_argument("--rows", type=int, nargs="+", metavar="N",
                        help="write files of these sizes, named with the row count")
    parser.add_argument("--out", type=Path, metavar="DIR",
                        help="output folder (default: data/samples, or data/generated "
                             "with --rows)")
    parser.add_argument("--languages", nargs="+", choices=list(LANGUAGES),
                        default=list(LANGUAGES), metavar="CODE",
                        help=f"languages to write (default: all of {', '.join(LANGUAGES)})")
    parser.add_argument("--xlsx-max-rows", type=int, default=EXCEL_MAX_ROWS, metavar="N",
                        help="write .xlsx files only up to this many rows "
                             "(default: %(default)s; about 10 s per 100,000 rows)")
    arguments = parser.parse_args(argv)
    if arguments.rows and min(arguments.rows) < 1:
        parser.error("--rows must be positive")
    return arguments


def main(argv: Sequence[str] | None = None) -> int:
    """Write the requested exports and report size and time of each."""
    arguments = parse_arguments(sys.argv[1:] if argv is None else argv)
    sizes = arguments.rows or [SAMPLE_ROWS]
    folder = arguments.out or (GENERATED if arguments.rows else SAMPLES)
    folder.mkdir(parents=True, exist_ok=True)
    for rows in sizes:
        for code in arguments.languages:
            started = time.perf_counter()
            settings = LANGUAGES[code]
            paths = write_export(settings, rows, folder, sized_name=bool(arguments.rows),
                                 excel_max_rows=arguments.xlsx_max_rows)
            seconds = time.perf_counter() - started
            for path in paths:
                print(f"{path}  {rows:>9,} rows  {path.stat().st_size / 1e6:8.2f} MB  "
                      f"{seconds:6.1f} s")
            if settings.excel and rows > arguments.xlsx_max_rows:
                print(f"  no .xlsx for {rows:,} rows (over --xlsx-max-rows "
                      f"{arguments.xlsx_max_rows:,})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
