"""The ``journeylab`` command line: a thin layer over the same functions the notebooks use.

Exit codes scripts can rely on: 0 done, 1 the data was refused (invalid, conflicting,
unreadable; the message says what and where), 2 the command itself was wrong.
Errors are one message, never a traceback.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

from . import __version__
from .edit import new_workshop
from .errors import JourneyLabError, WorkshopFileError
from .i18n import DEFAULT_LANGUAGE, LANGUAGES, N_, _, set_language
from .model import Workshop, json_schema
from .presets import FRAMEWORKS
from .store import (JOURNEY_FILE, WorkshopFile, journey_path, new_workshop_folder, parse,
                    revision_of)

EXIT_OK, EXIT_REFUSED, EXIT_USAGE = 0, 1, 2

#: argparse's own words (help headings, usage errors): listed so they are translated too.
ARGPARSE_WORDS = (
    N_("usage: "), N_("positional arguments"), N_("options"),
    N_("show this help message and exit"), N_("show program's version number and exit"),
    N_("%(prog)s: error: %(message)s\n"), N_("the following arguments are required: %s"),
    N_("invalid choice: %(value)r (choose from %(choices)s)"),
    N_("unrecognized arguments: %s"), N_("expected one argument"),
    N_("expected at least one argument"), N_("argument %(argument_name)s: %(message)s"),
    N_("ambiguous option: %(option)s could match %(matches)s"),
    N_("invalid %(type)s value: %(value)r"), N_("not allowed with argument %s"),
    N_("one of the arguments %s is required"),
)
# argparse looks its words up through its module's ``_`` each time it uses one.
argparse._ = _

#: The placeholder each argument shows in help and usage, by the argument's name.
METAVARS = {
    "command": N_("COMMAND"), "title": N_("TITLE"), "path": N_("WORKSHOP"),
    "paths": N_("WORKSHOP"), "workshop": N_("WORKSHOP"), "source": N_("SOURCE"),
    "output": N_("OUTPUT"), "persona": N_("ID"), "framework": N_("NAME"),
    "file": N_("FILE"), "mapping": N_("FILE"), "write_mapping": N_("FILE"),
    "sheet": N_("SHEET"), "organisation": N_("ORGANISATION"), "root": N_("FOLDER"),
    "folder": N_("FOLDER"),
}


def _name_placeholders(parser: argparse.ArgumentParser) -> None:
    """Give every argument of ``parser`` and its commands a placeholder in the current
    language (argparse would show the argument's English name)."""
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for command in action.choices.values():
                _name_placeholders(command)
        if action.dest in METAVARS and action.choices is None or action.dest == "command":
            action.metavar = _(METAVARS[action.dest])
FORMATS = ("json", "csv", "xlsx")


def _say(text: str) -> None:
    print(text, flush=True)


def cmd_new(args: argparse.Namespace) -> int:
    """Create a workshop folder with a ``journey.json`` from a stage framework."""
    workshop = new_workshop(args.title, args.workshop_lang, args.framework,
                            organisation=args.organisation or "")
    folder = Path(args.folder) if args.folder else new_workshop_folder(args.root, args.title)
    created = WorkshopFile.create(folder, workshop)
    _say(_("Created {path}", path=created.path))
    return EXIT_OK


def cmd_validate(args: argparse.Namespace) -> int:
    """Check workshop files; report every problem of every file."""
    failed = 0
    for path in args.paths:
        try:
            WorkshopFile.open(path)
        except JourneyLabError as error:
            failed += 1
            print(error, file=sys.stderr)
        else:
            _say(_("{path}: valid", path=journey_path(path)))
    return EXIT_REFUSED if failed else EXIT_OK


def cmd_summary(args: argparse.Namespace) -> int:
    """Print what a workshop holds and what stands out."""
    from .summary import summarise  # pandas only when a summary is asked for

    workshop = WorkshopFile.open(args.path).workshop
    _say(summarise(workshop, getattr(args, "lang", None)).text())
    return EXIT_OK


def _format_of(path: Path, given: str | None) -> str:
    if given:
        return given
    if path.suffix.lower() in (".json", ".xlsx"):
        return path.suffix.lower()[1:]
    return "csv"


def cmd_export(args: argparse.Namespace) -> int:
    """Write a workshop as JSON, a folder of CSV tables, or one XLSX workbook."""
    from . import tables  # pandas and openpyxl only when tables are asked for

    workshop = WorkshopFile.open(args.path).workshop
    out = Path(args.output)
    kind = _format_of(out, args.format)
    if out.exists() and not args.force:
        raise JourneyLabError(_("{path} already exists; add --force to replace it", path=out))
    if kind == "json":
        previous = revision_of(out.read_bytes()) if out.is_file() else None
        WorkshopFile(out, workshop, previous).save(workshop)
    elif kind == "csv":
        tables.write_csv(workshop, out)
    else:
        tables.write_xlsx(workshop, out)
    _say(_("Exported {path}", path=out))
    return EXIT_OK


def _read_any(source: Path, kind: str) -> Workshop:
    if kind == "json":
        try:
            raw = source.read_bytes()
        except OSError as error:
            raise WorkshopFileError(source, error.strerror or str(error)) from None
        return parse(raw, source)
    from . import tables

    return tables.read_csv(source) if kind == "csv" else tables.read_xlsx(source)


def cmd_import(args: argparse.Namespace) -> int:
    """Read JSON, CSV tables or XLSX into a workshop folder (all checked before writing)."""
    source = Path(args.source)
    workshop = _read_any(source, _format_of(source, args.format))
    target = journey_path(args.workshop)
    if target.exists():
        if not args.replace:
            raise JourneyLabError(_("{path} already holds a workshop; add --replace to "
                                    "replace it with the imported one", path=target))
        existing = WorkshopFile.open(target)
        existing.save(workshop)
    else:
        WorkshopFile.create(target, workshop)
    _say(_("Imported {source} into {path}", source=source, path=target))
    return EXIT_OK


def cmd_start(args: argparse.Namespace) -> int:
    from .launch import start

    return start(Path(args.root) if args.root else None, port=args.port, lab=args.lab,
                 open_browser=not args.no_browser)


def cmd_room(args: argparse.Namespace) -> int:
    """Run the live room of a workshop in the foreground, until Ctrl+C."""
    from .room.serve import run

    def listening(info: dict) -> None:
        for url in info["urls"]:
            _say(_("Participants join at {address}", address=url))
        _say(_("Or they open {address} and type the room code {code}",
               address=info["urls"][0].rsplit("/r/", 1)[0] + "/", code=info["code"]))
        _say(_("Keep this window open during the workshop; Ctrl+C stops the room."))

    return run(Path(args.workshop), lan=args.lan, port=args.port, on_listening=listening)


def cmd_schema(args: argparse.Namespace) -> int:
    """Print (or write) the JSON Schema of workshop files."""
    text = json.dumps(json_schema(), indent=2, ensure_ascii=False) + "\n"
    if args.output:
        Path(args.output).write_text(text, encoding="utf-8")
        _say(_("Wrote {path}", path=args.output))
    else:
        sys.stdout.write(text)
    return EXIT_OK


def _handout_targets(paths: list[str], output: str | None) -> list[tuple[Path, Path]]:
    """(workshop file, handout file) pairs: one file, or a folder of files for many."""
    sources = [journey_path(path) for path in paths]
    if len(sources) == 1 and output and Path(output).suffix.lower() == ".html":
        return [(sources[0], Path(output))]
    folder = Path(output) if output else Path("handouts")
    return [(source, folder / f"{source.parent.name}.html") for source in sources]


def cmd_handout(args: argparse.Namespace) -> int:
    """Write one self-contained HTML handout per workshop (and its notebook beside it)."""
    from .handout.export import export_handout
    from .handout.pdf import print_pdf

    targets = _handout_targets(args.paths, args.output)
    failed = 0
    for number, (source, out) in enumerate(targets, start=1):
        if len(targets) > 1:  # progress on stderr, so stdout lists only what was written
            bar = "#" * round(20 * number / len(targets))
            print(f"[{bar:<20}] {number}/{len(targets)} {source.parent.name}", file=sys.stderr,
                  flush=True)
        try:
            workshop = WorkshopFile.open(source).workshop
            written = export_handout(workshop, out, language=getattr(args, "lang", None),
                                     persona=args.persona)
            _say(_("Wrote {path}", path=written))
            if args.pdf:
                _say(_("Wrote {path}", path=print_pdf(written, written.with_suffix(".pdf"))))
        except JourneyLabError as error:
            failed += 1
            print(error, file=sys.stderr)
    return EXIT_REFUSED if failed else EXIT_OK


def cmd_canvas(args: argparse.Namespace) -> int:
    """Write a blank A3 journey-map canvas of a framework, for paper workshops."""
    from .handout.canvas import write_canvas
    from .handout.pdf import print_pdf

    out = write_canvas(args.framework, getattr(args, "lang", None) or "en", args.output)
    _say(_("Wrote {path}", path=out))
    if args.pdf:
        _say(_("Wrote {path}", path=print_pdf(out, out.with_suffix(".pdf"))))
    return EXIT_OK


def cmd_evidence(args: argparse.Namespace) -> int:
    """Import a survey export: print what was detected and found; ``--save`` keeps it."""
    from .evidence.importer import preview, propose, save
    from .evidence.mapping_file import read_mapping, write_mapping
    from .evidence.read import PROGRESS_FROM
    from .evidence.report import report
    from .evidence.source import keep_respondent_key, respondent_key

    opened = WorkshopFile.open(args.path)
    workshop = opened.workshop
    given = read_mapping(Path(args.mapping)) if args.mapping else None
    proposal = propose(workshop, args.file, given.settings if given else None)
    overrides = {name: value for name, value in (
        ("encoding", args.encoding), ("separator", {"tab": "\t"}.get(args.separator,
                                                                       args.separator)),
        ("decimal", args.decimal), ("date_format", args.date_format),
        ("sheet", args.sheet)) if value}
    if overrides:
        proposal = proposal.with_changes(
            settings=proposal.settings.model_copy(update=overrides))
    if given:
        proposal = proposal.with_changes(columns=given.columns, scale=given.scale)
    key = respondent_key(opened.path.parent)
    progress = _progress_bar if proposal.detected.size > PROGRESS_FROM else None
    shown = preview(workshop, proposal, key, given.labels if given else None, progress)
    _say(report(shown, workshop))
    if args.write_mapping:
        write_mapping(Path(args.write_mapping), shown)
        _say(_("Wrote {path}", path=args.write_mapping))
    if args.save:
        updated, raised = save(workshop, shown.source)
        opened.save(updated)
        keep_respondent_key(opened.path.parent, key)
        _say(_("Saved the evidence of {file} in {path}; {count} cards now say it is backed by "
               "a survey.", file=proposal.path.name, path=opened.path, count=raised))
    return EXIT_OK


def _progress_bar(done: float) -> None:
    bar = "#" * round(30 * done)
    end = "\n" if done >= 1 else "\r"
    print(f"[{bar:<30}] {round(100 * done):3d}%", end=end, file=sys.stderr, flush=True)


def build_parser() -> argparse.ArgumentParser:
    """The argument parser, with help in the current language."""
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--lang", choices=list(LANGUAGES), default=argparse.SUPPRESS,
                        help=_("language of messages (default: JOURNEYLAB_LANG or English)"))
    parser = argparse.ArgumentParser(
        prog="journeylab", parents=[common],
        description=_("Customer journey mapping workshops: create, check, summarise, export "
                      "and import workshop files."))
    parser.add_argument("--version", action="version", version=f"journeylab {__version__}")
    commands = parser.add_subparsers(dest="command", required=True)

    def add(name: str, handler: Callable[[argparse.Namespace], int], text: str):
        command = commands.add_parser(name, help=text, description=text, parents=[common])
        command.set_defaults(handler=handler)
        return command

    new = add("new", cmd_new, _("create a new workshop from a stage framework"))
    new.add_argument("title", help=_("the workshop's title"))
    new.add_argument("--framework", default="six-phases", choices=list(FRAMEWORKS),
                     help=_("stage framework to start from (default: %(default)s)"))
    new.add_argument("--workshop-lang", default="en", choices=list(LANGUAGES),
                     help=_("the room's language (default: %(default)s)"))
    new.add_argument("--organisation", help=_("the organisation whose journey is mapped"))
    new.add_argument("--root", default="workshops",
                     help=_("folder that holds workshops (default: %(default)s)"))
    new.add_argument("--folder", help=_("exact folder to create instead of one named after "
                                        "the title"))

    validate = add("validate", cmd_validate, _("check workshop files and list every problem"))
    validate.add_argument("paths", nargs="+",
                          help=_("a workshop folder or its {file}", file=JOURNEY_FILE))

    summary = add("summary", cmd_summary, _("show what a workshop holds"))
    summary.add_argument("path")

    export = add("export", cmd_export, _("write a workshop as JSON, CSV tables or XLSX"))
    export.add_argument("path")
    export.add_argument("-o", "--output", required=True,
                        help=_("file or folder to write (.json, .xlsx, or a folder for CSV)"))
    export.add_argument("--format", choices=FORMATS,
                        help=_("format (default: from the output's name)"))
    export.add_argument("--force", action="store_true", help=_("replace an existing output"))

    import_ = add("import", cmd_import, _("read JSON, CSV tables or XLSX into a workshop"))
    import_.add_argument("source", help=_("a .json or .xlsx file, or a folder of CSV tables"))
    import_.add_argument("workshop", help=_("workshop folder to write"))
    import_.add_argument("--format", choices=FORMATS,
                         help=_("format (default: from the source's name)"))
    import_.add_argument("--replace", action="store_true",
                         help=_("replace the workshop already in that folder"))

    handout = add("handout", cmd_handout,
                  _("write the handout: one HTML file anyone can open offline"))
    handout.add_argument("paths", nargs="+",
                         help=_("one or more workshop folders"))
    handout.add_argument("-o", "--output",
                         help=_("the .html file to write, or a folder for many (default: "
                                "handouts/)"))
    handout.add_argument("--persona",
                         help=_("show the journey of this persona only"))
    handout.add_argument("--pdf", action="store_true",
                         help=_("also print each handout to PDF (needs Chromium)"))

    canvas = add("canvas", cmd_canvas, _("write a blank A3 journey-map canvas to print"))
    canvas.add_argument("--framework", required=True,
                        help=_("stage framework: {choices}", choices=", ".join(FRAMEWORKS)))
    canvas.add_argument("-o", "--output", required=True, help=_("the HTML file to write"))
    canvas.add_argument("--pdf", action="store_true",
                        help=_("also print it to PDF (needs Chromium)"))

    evidence = add("evidence", cmd_evidence,
                   _("import a survey or feedback export (CSV, TSV or XLSX) as evidence"))
    evidence.add_argument("path", help=_("the workshop folder"))
    evidence.add_argument("file", help=_("the exported file"))
    evidence.add_argument("--mapping",
                          help=_("a mapping written by --write-mapping: columns, scale and "
                                 "labels"))
    evidence.add_argument("--write-mapping",
                          help=_("write the mapping used, to edit and pass to --mapping"))
    evidence.add_argument("--save", action="store_true",
                          help=_("keep the evidence in the workshop (default: only show it)"))
    evidence.add_argument("--encoding", choices=["utf-8", "utf-8-sig", "utf-16", "cp1251",
                                                 "cp1257", "cp1252"],
                          help=_("the file's encoding (default: detected)"))
    evidence.add_argument("--separator", choices=[",", ";", "tab"],
                          help=_("the column separator (default: detected)"))
    evidence.add_argument("--decimal", choices=[".", ","],
                          help=_("the decimal mark (default: detected)"))
    evidence.add_argument("--date-format", choices=["%d.%m.%Y", "%Y-%m-%d", "%d/%m/%Y",
                                                    "%m/%d/%Y"],
                          help=_("how dates are written (default: detected)"))
    evidence.add_argument("--sheet", help=_("the sheet of a workbook (default: the first)"))

    start = add("start", cmd_start,
                _("open the facilitator's app in the browser, on the workshop last used"))
    start.add_argument("--lab", action="store_true",
                       help=_("open the guided notebooks in JupyterLab instead"))
    start.add_argument("--port", type=int, default=8888,
                       help=_("the port to serve on; the next free one if it is taken "
                              "(default: %(default)s)"))
    start.add_argument("--no-browser", action="store_true",
                       help=_("print the address instead of opening a browser"))
    start.add_argument("--root", help=_("the project folder with notebooks/ and workshops/ "
                                        "(default: this installation's)"))

    room = add("room", cmd_room,
               _("let participants score and vote from their phones (the live room)"))
    room.add_argument("workshop", help=_("the workshop folder"))
    room.add_argument("--lan", action="store_true",
                      help=_("let phones on this network join (default: this machine only)"))
    room.add_argument("--port", type=int, default=0,
                      help=_("the port to serve on (default: any free one)"))

    schema = add("schema", cmd_schema, _("print the JSON Schema of workshop files"))
    schema.add_argument("-o", "--output", help=_("write to this file instead"))
    _name_placeholders(parser)
    return parser


def _language_from(argv: Sequence[str]) -> str:
    for index, arg in enumerate(argv):
        if arg == "--lang" and index + 1 < len(argv):
            return argv[index + 1]
        if arg.startswith("--lang="):
            return arg.split("=", 1)[1]
    return os.environ.get("JOURNEYLAB_LANG", DEFAULT_LANGUAGE)


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit code."""
    argv = list(sys.argv[1:] if argv is None else argv)
    code = _language_from(argv)
    set_language(code if code in LANGUAGES else DEFAULT_LANGUAGE)
    args = build_parser().parse_args(argv)
    try:
        return args.handler(args)
    except JourneyLabError as error:
        print(error, file=sys.stderr)
        return EXIT_REFUSED
    except BrokenPipeError:  # the reader stopped early, as `| head` does: not an error
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return EXIT_OK
    except OSError as error:
        print(_("Cannot use {path}: {reason}", path=error.filename or "",
                reason=error.strerror or error), file=sys.stderr)
        return EXIT_REFUSED
    except KeyboardInterrupt:
        print(_("Stopped."), file=sys.stderr)
        return 130
