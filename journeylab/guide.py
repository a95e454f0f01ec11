"""The guided notebooks, written once: what each step is for, how long it takes, what to ask.

``python -m journeylab.guide`` (``make notebooks``) writes ``notebooks/NN_step.ipynb`` from
:data:`STEPS`. Every sentence goes through the translation catalogue, so the notebooks of
every language come from this one source; a test fails when a committed notebook differs from
what this module builds.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import nbformat
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook

from .i18n import LANGUAGES, N_, _, language

NOTEBOOK_DIR = Path(__file__).parents[1] / "notebooks"
OPEN_CELL = ("import journeylab.forms as forms; workshop = forms.current_workshop(); "
             "workshop")
#: ``notebooks/`` holds the English set; every other language its own folder below it.
SOURCE_LANGUAGE = "en"


def notebook_folder(language_code: str) -> Path:
    """Where the guided notebooks of ``language_code`` live."""
    return NOTEBOOK_DIR if language_code == SOURCE_LANGUAGE else NOTEBOOK_DIR / language_code


def _in_folder(code: str, language_code: str) -> str:
    """``code`` of a form cell as it reads in ``language_code``'s folder: one level deeper,
    and in that language until a workshop is open."""
    if language_code == SOURCE_LANGUAGE:
        return code
    arguments = f'("../../workshops", "{language_code}")'
    return (code.replace("current_workshop()", f"current_workshop{arguments}")
            .replace("start_here()", f"start_here{arguments}"))


@dataclass(frozen=True)
class Step:
    """One guided notebook: its guidance and the one form it shows."""

    slug: str
    title: str
    minutes: str
    purpose: str
    questions: tuple[str, ...]
    how: str
    form: str  # the call that shows the form, one line
    after: str
    bring: str = ""  # what to bring to the step, when it needs more than the room

    def markdown(self) -> str:
        """The guidance above the form, in the current language."""
        questions = "\n".join(f"- {_(q)}" for q in self.questions)
        parts = [f"# {_(self.title)}", _("**Time:** {minutes}", minutes=_(self.minutes)),
                 _(self.purpose)]
        if self.bring:
            parts.append(f"**{_('What to bring')}**\n\n{_(self.bring)}")
        if self is STEPS[0]:
            parts.append(overview())
        parts += [f"**{_('Ask the room')}**\n\n{questions}",
                  f"**{_('How')}**\n\n{_(self.how)}"]
        return "\n\n".join(parts)


STEPS: tuple[Step, ...] = (
    Step(
        "00_start_here", N_("Start here: set up the workshop"), N_("15 minutes"),
        N_("A journey map follows one kind of customer through one scenario, stage by stage, "
           "and shows where the experience breaks. This step agrees what the room will map: "
           "the scope, the goal, the scenario, the stages of the journey and who is in the "
           "room. Bring in every department that touches the customer: marketing, sales, "
           "support, product, IT, logistics."),
        (N_("Which customers and which scenario are we mapping today, and which are we not?"),
         N_("What decision should this map help us make?"),
         N_("Are we mapping the journey as it is today, or as it should become?"),
         N_("Do the stages of the framework fit our customers' real path? Which would you "
            "rename, merge or add?")),
        N_("Open a demo workshop to look around, or create your own: give it a title, the "
           "room's language and a stage framework. Then fill in the scope, goal and scenario, "
           "adjust the stages and list the participants with their departments. Every change "
           "is saved at once. The suggested agenda shows time boxes for a two-hour and a "
           "half-day workshop."),
        "import journeylab.forms as forms; forms.start_here()",
        N_("Next: {step}, where the room lists every place the customer meets you."),
    ),
    Step(
        "01_touchpoints", N_("Step 2: touchpoint inventory"), N_("30–40 minutes"),
        N_("A touchpoint is any place where the customer and the company meet, online or "
           "offline: the website, an advert, a phone call, the shop, the invoice, the "
           "courier. Customers switch channels several times on the way to a purchase, so "
           "the inventory must include all of them, including those owned by other "
           "departments."),
        (N_("Where does the customer first hear of us? Where do they compare us with others?"),
         N_("Which touchpoints does your department own? Which does nobody own?"),
         N_("Which touchpoints happen offline: in the shop, on the phone, at the door?"),
         N_("At which stages does each touchpoint matter?")),
        N_("Type a touchpoint's name and press Enter to add it, or paste a whole list, one "
           "per line. Then choose its channel, whether it is online or offline, the "
           "department that owns it and the stages where it appears. The overview shows "
           "which stages and channels are still thin."),
        "forms.touchpoints(workshop)",
        N_("Next: {step}, the customers who travel through these touchpoints."),
    ),
    Step(
        "02_personas", N_("Step 3: personas"), N_("30 minutes"),
        N_("A persona is an archetype of a customer group: a name, a short story, "
           "demographics, what they value, how they behave, what they want and what "
           "frustrates them. One to five personas are enough. Describe archetypes built from "
           "what you know about many customers, never a real person: no personal data "
           "belongs here."),
        (N_("Who are our most important customer groups for this scenario?"),
         N_("What is this persona trying to achieve, and what gets in the way?"),
         N_("Which channels and devices does this persona prefer?"),
         N_("What do we know from data, and what are we assuming?")),
        N_("Add a persona by name, then fill in the fields while the room talks. Tick the "
           "channels each persona uses in the grid: the map later shows each persona's own "
           "path through the channels."),
        "forms.personas(workshop)",
        N_("Next: {step}, each persona's journey stage by stage."),
    ),
    Step(
        "03_stage_mapping", N_("Step 4: stage mapping"), N_("45–60 minutes"),
        N_("For each stage and persona, the room describes what the customer wants, does, "
           "thinks, needs and feels, where it hurts, which moments decide whether they stay, "
           "and what the company could do better. Short cards work best: one idea per card. "
           "Each card says where it comes from, so the map shows how much rests on "
           "assumptions."),
        (N_("What is the customer trying to achieve at this stage?"),
         N_("What do they do, and what do they think while doing it?"),
         N_("Where do they get stuck, wait, or give up?"),
         N_("Which moment decides whether they trust us?"),
         N_("Is this from customer data, interviews, or our own assumption?")),
        N_("Choose a stage and a persona, then type a card into a lane and press Enter. Set "
           "its evidence level: assumption, workshop, interview, survey or analytics. The "
           "grid shows which stage and persona combinations are still empty."),
        "forms.stage_mapping(workshop)",
        N_("Next: {step}, how each persona feels along the way."),
    ),
    Step(
        "04_emotion_scoring", N_("Step 5: emotion scoring"), N_("20 minutes"),
        N_("Everyone in the room scores how the persona feels at each stage, from −3 "
           "(furious) to +3 (delighted). The mean of the scores draws the emotion curve; "
           "the spread shows where the room disagrees. Disagreement is useful: it marks "
           "what the room should discuss, and what needs evidence from real customers."),
        (N_("How does this persona feel at this stage, and why?"),
         N_("Where do our scores differ most? What does each of us know that the others "
            "do not?"),
         N_("Which low point hurts the business most?")),
        N_("Choose a persona and a participant, then click one face per stage; click it "
           "again to clear it. Press 'Next participant' to score for the next person. The "
           "chart updates after every click and marks the stages where the room disagrees "
           "most."),
        "forms.emotion_scoring(workshop)",
        N_("Next: {step}, whether customers' own ratings agree with the room."),
    ),
    Step(
        "05_evidence", N_("Step 6: evidence from customer data"), N_("20–30 minutes"),
        N_("A map made only of the room's views misleads: everyone in the room knows the "
           "company's side of each stage, and the room tends to be kinder about its own "
           "service than its customers are. This step sets what customers actually said "
           "beside the map: their ratings per stage next to the room's emotion curve, with "
           "how sure the figures are. Where the two disagree, the room learns the most. A "
           "stage with enough ratings marks its cards as backed by a survey."),
        (N_("Where do customers disagree with us?"),
         N_("Which stage surprises us?"),
         N_("Which of our assumptions do the ratings back, and which do they contradict?"),
         N_("What would we need to measure to know?")),
        N_("The analyst chooses the export and presses 'Read the file'. Check how it was read "
           "and which column holds the stage and the rating, then map the file's stage "
           "labels onto the workshop's stages: highlighted labels are not mapped yet. Read "
           "what was found with the room, then press 'Save to the workshop'. Next month's "
           "export with the same columns reuses this mapping: choose the file, read it, "
           "save it."),
        "forms.evidence(workshop)",
        N_("Next: {step}, from pain points to decisions."),
        bring=N_("An analyst, and an export of customer feedback with one answer per row: a "
                 "survey (CSAT, NPS, CES or any rating scale), app or shop ratings, or "
                 "feedback forms, as CSV, TSV or XLSX. It needs a column naming the stage "
                 "(or the step of the survey that stands for it) and a rating; a "
                 "touchpoint, a segment, a comment, a date and a respondent id help. The "
                 "workshop keeps only counts of ratings and a few example comments with "
                 "personal data removed: the file itself never enters it."),
    ),
    Step(
        "06_insights_actions", N_("Step 7: insights and action plan"), N_("45 minutes"),
        N_("A map that ends with a picture is shelf-ware. This step turns pain points and "
           "opportunities into decisions: the room votes, rates impact and effort, and agrees "
           "actions, each with an owner, a KPI, a baseline, a target and a due date, so the "
           "next version of the map can show what changed."),
        (N_("Which pain points hurt customers most, and which hurt the business most?"),
         N_("What would have the biggest impact for the least effort?"),
         N_("Who owns this action, and how will we know it worked?"),
         N_("What is the number today, and what should it be by when?")),
        N_("Add the pain points and opportunities gathered on the map with one click, or "
           "type new ones. Set the dots each participant has and press + beside an insight "
           "for every dot called out, then set impact and effort: the priority matrix shows "
           "quick wins at the top left. Then add actions and link each to the insights it "
           "answers."),
        "forms.insights_actions(workshop)",
        N_("Next: {step}, one file for everyone."),
    ),
    Step(
        "07_handout", N_("Step 8: the handout"), N_("5 minutes"),
        N_("The handout is what the workshop leaves behind: one HTML file with the journey "
           "map, the personas, every stage, the emotion curves and where the room "
           "disagreed, how strong the evidence is, the insights by priority and the action "
           "plan with owners and targets. It opens in any browser, offline, prints on A4 or "
           "A3, and can be sent by e-mail to those who were not in the room."),
        (N_("Who needs this map who was not in the room?"),
         N_("When do we meet again to see whether the actions moved the numbers?")),
        N_("Choose the language of the handout and, if you like, one persona, then press "
           "'Make the handout'. The file is written to the handouts folder, with a notebook "
           "beside it that opens in JupyterLab. Every step's notebook also ends with this "
           "button, so the handout can be made at any point."),
        "forms.handout(workshop)",
        N_("Send the handout to everyone, and put the date of the next version of the map in "
           "the calendar: a journey map is never finished."),
    ),
)


def step_link(step: Step) -> str:
    """A Markdown link to the notebook of ``step``, named by its title in the current
    language: the facilitator reads "Step 2: touchpoint inventory", not a file name."""
    return f"[{_(step.title)}]({step.slug}.ipynb)"


def overview() -> str:
    """The whole workshop as a table: step (a link to its notebook), time."""
    rows = [f"| {step_link(step)} | {_(step.minutes)} |" for step in STEPS]
    head = f"| {_('Step')} | {_('Time')} |\n|---|---|"
    return f"**{_('The workshop, step by step')}**\n\n{head}\n" + "\n".join(rows)


def after(step: Step) -> str:
    """The closing line of ``step``'s notebook, with a link to the next step's, if any."""
    later = STEPS[STEPS.index(step) + 1:]
    return _(step.after, step=step_link(later[0])) if later else _(step.after)


def build(step: Step, language_code: str = "en") -> nbformat.NotebookNode:
    """The notebook of ``step`` in ``language_code``, clean: no outputs, code cells hidden."""
    with language(language_code):
        guidance, closing = step.markdown(), after(step)
    cells = [new_markdown_cell(guidance, id="guidance")]
    if "(workshop)" in step.form:
        cells.append(new_code_cell(_in_folder(OPEN_CELL, language_code), id="open-workshop",
                                   metadata=_hidden()))
    cells.append(new_code_cell(_in_folder(step.form, language_code), id="form",
                               metadata=_hidden()))
    if "(workshop)" in step.form and "handout" not in step.form:
        cells.append(new_code_cell("forms.handout_button(workshop)", id="handout",
                                   metadata=_hidden()))
    cells.append(new_markdown_cell(closing, id="next"))
    return new_notebook(cells=cells, metadata={
        "kernelspec": {"name": "python3", "display_name": "Python 3", "language": "python"},
        "language_info": {"name": "python"},
        "journeylab": {"step": step.slug, "language": language_code},
    })


def _hidden() -> dict:
    # collapsed in JupyterLab, left out by Voila: the facilitator sees guidance and forms
    return {"jupyter": {"source_hidden": True}, "tags": ["form"]}


def write_all(language_code: str = SOURCE_LANGUAGE) -> list[Path]:
    """Write every guided notebook of ``language_code`` into its folder; return the paths."""
    folder = notebook_folder(language_code)
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for step in STEPS:
        path = folder / f"{step.slug}.ipynb"
        notebook = build(step, language_code)
        nbformat.validate(notebook)
        nbformat.write(notebook, path)
        written.append(path)
    return written


if __name__ == "__main__":
    for code in LANGUAGES:
        for written_path in write_all(code):
            print(written_path.relative_to(NOTEBOOK_DIR.parent))
