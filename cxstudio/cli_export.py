"""`cxstudio export`: its options, the refusal of contradictory or ignored ones (exit 2), and what was written.

Posters, tiled prints and reports are written here; images go through `cxstudio.app`, office files
through `cxstudio.cli_office`.
"""

from __future__ import annotations

import argparse
import sys
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from pathlib import Path

    from cxstudio.export.poster import PosterPlan
    from cxstudio.layout.settings import LayoutSettings
    from cxstudio.model.document import Document

EXIT_OK = 0
EXIT_PROBLEM = 1
EXIT_USAGE = 2

# ExportError codes that mean the command line itself is wrong (exit 2); every other code is a problem with
# the project or the output (exit 1): an unknown journey, a map that does not fit, an unwritable file
USAGE_CODES = frozenset({
    "unknown_view", "unknown_paper", "unknown_report_paper", "unknown_tile_paper", "bad_orientation", "bad_scale",
    "bad_text_size", "bad_overlap", "paper_too_large", "unknown_format", "unknown_table",
})
IMAGE_SUFFIXES = (".png", ".svg")
OFFICE_SUFFIXES = (".xlsx", ".csv", ".pptx")
READABLE_TEXT_PT = 6.0  # below this the poster and tile commands suggest larger paper or tiles
DEFAULT_OVERLAP_MM = 10.0

EXPORT_HELP = """\
Writes a PDF of a project, headless (no display needed). Three kinds:

  poster (default)  one journey on one page: --paper A0-A4, letter, tabloid, a custom size such as 1200x800mm,
                    or a plotter roll roll610/roll914/roll1067 (the width is fixed; 'fit' fills it and runs
                    lengthwise up to 5,080 mm, then scales down); --scale fit (default) or a number
                    (1.0 = 100 %); --min-text 9 scales so every glyph prints at least 9 pt.
  --tile SHEET      the poster cut onto A4, A3 or letter sheets with --overlap MM (default 10), crop and
                    alignment marks, a label per sheet and an assembly page first; empty sheets are skipped.
                    Without --paper the poster is sized to the map at --scale (default 1.0 = 100 %).
  --report          the client report of all journeys (or --journey): personas, maps, touchpoints, pain
                    points, insights, actions, metrics; internal notes and comments are never included.
                    --paper A4 (default) or letter.

Views (every command): map, blueprint, swimlane (by channel), swimlane-department.
On the map (posters, tiles, images; as the editor starts): the persona band above it (--no-persona-band
leaves it out) and no actions lane (--actions-lane adds a row listing each stage's actions).
No PDF page may be larger than 5,080 mm (200 in) on a side: a poster beyond that is refused with a
sentence that names the largest scale that fits; tile it (--tile A4) or scale it down (--scale).
Images: -o OUT.png (at --dpi N, default 150; 72 dpi = 100 %) or -o OUT.svg (text kept as text) draw the
whole map of --journey in --view as the editor's canvas shows it. An option that would be ignored
(paper, scale or tile options for an image, --overlap without --tile, --tile with --report, ...) is refused.
Exit codes: 0 written; 1 the file is not a usable project, an option does not fit the project (unknown
journey, page beyond the PDF limit, map too large for the paper at a fixed scale) or the output cannot
be written; 2 the command line is wrong (unknown or contradictory options, a value that is no paper,
scale, view or size). The project file is only read, never changed.
"""


def add_export_command(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    export = commands.add_parser(
        "export", help="write a poster, tiled print or client report of a project as PDF, or an image (PNG/SVG)",
        description=EXPORT_HELP, formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    export.add_argument("file", help="a .cxstudio project")
    export.add_argument("-o", "--output", metavar="OUT.pdf|png|svg", required=True,
                        help="the PDF, PNG or SVG to write")
    export.add_argument("--journey", metavar="NAME", help="the journey (name or id); default: the first")
    export.add_argument("--view", metavar="VIEW",
                        help="map (default), blueprint, swimlane (by channel) or swimlane-department")
    export.add_argument("--paper", metavar="PAPER",
                        help="A0 (poster default), A1-A4, letter, tabloid, roll610, roll914, roll1067, WxHmm; "
                             "A4 or letter for --report")
    export.add_argument("--orientation", metavar="O", help="portrait, landscape or auto (default)")
    export.add_argument("--scale", metavar="fit|N", help="fit (default) or a number: 1.0 = 100 %%")
    export.add_argument("--min-text", type=float, metavar="PT", help="scale so every glyph prints at least PT points")
    export.add_argument("--tile", metavar="SHEET", help="tile the poster onto A4, A3 or letter sheets")
    export.add_argument("--overlap", type=float, metavar="MM", help="tile overlap in mm (default 10)")
    export.add_argument("--report", action="store_true", help="write the client report instead of a poster")
    export.add_argument("--dpi", type=int, metavar="N", help="resolution of a .png (default 150); images only")
    export.add_argument("--table", metavar="TABLE", help="the table a .csv holds: cards (default), touchpoints, "
                        "personas, insights, actions or metrics")
    export.add_argument("--highlight", action="append", metavar="FILTER",
                        help="dim the cards that do not match: pain-points, moments-of-truth, low-ratings, "
                             "rating:MIN-MAX, kind:KIND, channel:NAME, department:NAME, persona:NAME, tag:TAG, "
                             "text:WORDS (repeat to combine); posters, tiles and images")
    add_map_switches(export)
    export.add_argument("--lang", choices=("de", "en"), help="language of messages; default: from LANGUAGE/LC_ALL/LANG")


def add_map_switches(parser: argparse.ArgumentParser) -> None:
    """--persona-band/--no-persona-band and --actions-lane/--no-actions-lane (None when not given)."""
    parser.add_argument("--persona-band", action=argparse.BooleanOptionalAction, default=None,
                        help="the journey's persona (picture, quote, goals, frustrations) above the map; default: on")
    parser.add_argument("--actions-lane", action=argparse.BooleanOptionalAction, default=None,
                        help="a row below the map listing each stage's actions; default: off")


def map_settings(args: argparse.Namespace) -> LayoutSettings:
    """The layout settings of a map drawn for the command line: persona band on and actions lane off unless told."""
    import dataclasses

    from cxstudio.layout.settings import DEFAULT_SETTINGS

    band, lane = getattr(args, "persona_band", None), getattr(args, "actions_lane", None)
    return dataclasses.replace(DEFAULT_SETTINGS, persona_band=band is not False, actions_lane=lane is True)


def _say(text: str) -> None:
    from cxstudio.safetext import escape

    print(escape(text))


def _complain(text: str, language: str) -> None:
    from cxstudio.safetext import bounded

    print(f"cxstudio: {bounded(text, 500, language, keep='middle')}", file=sys.stderr)


def _given(args: argparse.Namespace) -> list[str]:
    """The options of the command line that were given, as they are spelled there."""
    given = []
    for name, option in (("journey", "--journey"), ("view", "--view"), ("paper", "--paper"),
                         ("orientation", "--orientation"), ("scale", "--scale"), ("min_text", "--min-text"),
                         ("tile", "--tile"), ("overlap", "--overlap"), ("dpi", "--dpi"), ("table", "--table"),
                         ("highlight", "--highlight")):
        if getattr(args, name, None) is not None:
            given.append(option)
    if args.report:
        given.append("--report")
    for name, option in (("persona_band", "persona-band"), ("actions_lane", "actions-lane")):
        value = getattr(args, name, None)
        if value is not None:
            given.append(f"--{option}" if value else f"--no-{option}")
    return given


def _switch_given(given: list[str]) -> str | None:
    """The first of the map's switches on the command line, as it is spelled there."""
    return next((option for option in given if option.endswith(("persona-band", "actions-lane"))), None)


def _ignored(option: str, kind: str, german: bool) -> str:
    """One sentence: `option` has no effect on an export of `kind`."""
    sentences = {
        "image": ("{o} gilt nur für PDFs; ein Bild (.png, .svg) zeigt die ganze Karte, lassen Sie {o} weg.",
                  "{o} is for PDFs; an image (.png, .svg) shows the whole map, so leave {o} out."),
        "office": ("{o} gilt nicht für .xlsx-, .csv- und .pptx-Exporte, die das ganze Projekt enthalten; "
                   "lassen Sie {o} weg.",
                   "{o} does not apply to .xlsx, .csv and .pptx exports, which hold the whole project; leave {o} out."),
        "report": ("{o} gilt nicht für den Bericht (--report), der seine Seiten selbst aufteilt; lassen Sie {o} weg.",
                   "{o} does not apply to the report (--report), which lays out its own pages; leave {o} out."),
        "report_map": ("{o} gilt nicht für den Bericht (--report), dessen Karten ohne Persona-Band und "
                       "Maßnahmen-Bahn gedruckt werden; lassen Sie {o} weg.",
                       "{o} does not apply to the report (--report), whose maps print without the persona band and "
                       "actions lane; leave {o} out."),
        "svg": ("--dpi gilt nur für .png; ein SVG ist Vektorgrafik.", "--dpi is only for .png; an SVG is vector graphics."),
        "pdf_dpi": ("--dpi ist nur für Bilder (.png) gedacht; PDFs sind Vektorgrafik.",
                    "--dpi is only for images (.png); PDFs are vector graphics."),
        "table": ("--table gilt nur für .csv-Ausgaben.", "--table is only for .csv output."),
        "overlap": ("--overlap gilt nur für gekachelte Drucke; geben Sie auch --tile an (etwa --tile A4) oder "
                    "lassen Sie --overlap weg.",
                    "--overlap only applies to tiled prints; add --tile (such as --tile A4) or leave --overlap out."),
        "scale_and_min_text": ("--min-text bestimmt den Maßstab selbst; geben Sie entweder --scale oder --min-text an.",
                               "--min-text chooses the scale itself; give either --scale or --min-text."),
    }
    german_text, english_text = sentences[kind]
    return (german_text if german else english_text).format(o=option)


def check_command_line(args: argparse.Namespace, suffix: str, german: bool) -> str | None:
    """The sentence refusing an option that contradicts another or would be ignored; None when all apply.

    Also checks the values that need no project (view, paper, scale, orientation, sheet, text size),
    so a wrong command line is reported as such before the file is read.
    """
    given = _given(args)
    if suffix in IMAGE_SUFFIXES:
        for option in ("--paper", "--orientation", "--scale", "--min-text", "--tile", "--overlap", "--report",
                       "--table"):
            if option in given:
                return _ignored(option, "image", german)
        if suffix == ".svg" and "--dpi" in given:
            return _ignored("--dpi", "svg", german)
    elif suffix in OFFICE_SUFFIXES:
        if "--table" in given and suffix != ".csv":
            return _ignored("--table", "table", german)
        for option in ("--journey", "--view", "--paper", "--orientation", "--scale", "--min-text", "--tile",
                       "--overlap", "--report", "--dpi", "--highlight"):
            if option in given:
                return _ignored(option, "office", german)
        switch = _switch_given(given)
        if switch is not None:
            return _ignored(switch, "office", german)
    elif suffix == ".pdf":
        if "--dpi" in given:
            return _ignored("--dpi", "pdf_dpi", german)
        if "--table" in given:
            return _ignored("--table", "table", german)
        if args.report:
            for option in ("--tile", "--overlap", "--scale", "--min-text", "--orientation", "--highlight"):
                if option in given:
                    return _ignored(option, "report", german)
            switch = _switch_given(given)
            if switch is not None:
                return _ignored(switch, "report_map", german)
        elif "--overlap" in given and "--tile" not in given:
            return _ignored("--overlap", "overlap", german)
        if "--scale" in given and "--min-text" in given:
            return _ignored("--scale", "scale_and_min_text", german)
    return _check_values(args, suffix, german)


def _check_values(args: argparse.Namespace, suffix: str, german: bool) -> str | None:
    """The sentence for the first option value that is wrong whatever the project holds; None when all are sound."""
    from cxstudio.export.errors import ExportError
    from cxstudio.layout.settings import view_from_name

    language = "de" if german else "en"
    if args.view is not None and view_from_name(args.view) is None:
        return ExportError("unknown_view", view=args.view).message(language)
    if suffix == ".csv" and args.table is not None:
        from cxstudio.editing.tables import TABLE_BY_KEY

        if args.table not in TABLE_BY_KEY:
            return ExportError("unknown_table", table=args.table, tables=", ".join(TABLE_BY_KEY)).message(language)
    if suffix != ".pdf":
        return None
    from cxstudio.export.paper import check_orientation, parse_paper, parse_tile_paper
    from cxstudio.export.poster import parse_scale

    try:
        if args.orientation is not None:
            check_orientation(args.orientation)
        if args.scale is not None:
            parse_scale(args.scale)
        if args.min_text is not None and not 1 <= args.min_text <= 200:
            raise ExportError("bad_text_size", size=f"{args.min_text:g}")
        if args.tile is not None:
            parse_tile_paper(args.tile)
        if args.paper is not None and not args.report and args.paper.strip().lower() != "auto":
            parse_paper(args.paper)
    except ExportError as exc:
        return exc.message(language)
    return None


def cmd_export(args: argparse.Namespace) -> int:
    import os
    from pathlib import Path

    from cxstudio.export.errors import ExportError
    from cxstudio.model.messages import language_from_environment

    language = language_from_environment(args.lang)
    german = language == "de"
    output = Path(args.output)
    suffix = output.suffix.lower()
    if output.is_dir():
        _complain(ExportError("unwritable_output", path=output, reason="is_folder").message(language), language)
        return EXIT_PROBLEM
    if suffix not in (".pdf", *IMAGE_SUFFIXES, *OFFICE_SUFFIXES):
        _complain(ExportError("unknown_format", suffix=output.suffix or output.name).message(language), language)
        return EXIT_USAGE
    refused = check_command_line(args, suffix, german)
    if refused is not None:
        _complain(refused, language)
        return EXIT_USAGE
    if output.exists() and Path(args.file).exists() and os.path.samefile(output, args.file):
        _complain(ExportError("output_is_input", path=output).message(language), language)
        return EXIT_PROBLEM
    if suffix in IMAGE_SUFFIXES:
        return _export_image(args, output, suffix, language)
    if suffix in OFFICE_SUFFIXES:  # workbooks, tables and slides: cxstudio.cli_office
        from cxstudio.cli_office import export_office

        return export_office(args, output, language)
    return _export_pdf(args, output, language)


def _export_image(args: argparse.Namespace, output: Path, suffix: str, language: str) -> int:
    from cxstudio.app import render_image
    from cxstudio.export.texts import word
    from cxstudio.layout.settings import ViewKind, view_from_name

    view = view_from_name(args.view) if args.view is not None else ViewKind.MAP
    assert view is not None  # checked by check_command_line
    dpi = args.dpi if args.dpi is not None else 150
    if suffix == ".png":
        from cxstudio.ui.export.images import ImageExportError, check_dpi

        try:
            check_dpi(dpi)
        except ImageExportError as exc:
            _complain(exc.message(language), language)
            return EXIT_USAGE
    code = render_image(args.file, output, journey=args.journey, view=view.value, dpi=dpi, language=language,
                        highlight=args.highlight or (), settings=map_settings(args))
    if code == EXIT_OK:
        _say(image_written(output, word(f"view_{view.value}", language), dpi, language))
    return code


def image_written(output: Path, view_text: str, dpi: int, language: str) -> str:
    """'OUT.png: PNG image (Customer journey map, 1200 x 800 px at 150 dpi) written.' (German with 'de')."""
    german = language == "de"
    if output.suffix.lower() == ".png":
        size = png_size(output)
        pixels = f"{size[0]} x {size[1]} px" if size else ""
        at = f"{pixels} {'bei' if german else 'at'} {dpi} dpi".strip()
        return (f"{output}: PNG-Bild ({view_text}, {at}) geschrieben." if german
                else f"{output}: PNG image ({view_text}, {at}) written.")
    return (f"{output}: SVG-Bild ({view_text}, Text als Text) geschrieben." if german
            else f"{output}: SVG image ({view_text}, text kept as text) written.")


def png_size(path: Path) -> tuple[int, int] | None:
    """Width and height of a PNG from its header; None when the file is no PNG."""
    import struct

    try:
        with open(path, "rb") as handle:
            head = handle.read(24)
    except OSError:
        return None
    if len(head) < 24 or head[:8] != b"\x89PNG\r\n\x1a\n":
        return None
    width, height = struct.unpack(">II", head[16:24])
    return (int(width), int(height))


def _export_pdf(args: argparse.Namespace, output: Path, language: str) -> int:
    from cxstudio import api
    from cxstudio.analysis.filters import HighlightError
    from cxstudio.export.errors import ExportError
    from cxstudio.persistence.errors import ProjectFileError

    try:
        project = api.open_project(args.file, read_only=True)
    except ProjectFileError as exc:
        _complain(exc.message(language), language)
        return EXIT_PROBLEM
    try:
        return _run_pdf(args, project.document, output, language)
    except ExportError as exc:
        _complain(exc.message(language), language)
        return EXIT_USAGE if exc.code in USAGE_CODES else EXIT_PROBLEM
    except HighlightError as exc:
        _complain(exc.message(language), language)
        return EXIT_PROBLEM
    finally:
        project.close()


def _dimmed(plan: PosterPlan, document: Document, highlight: list[str] | None) -> PosterPlan:
    """The poster plan with the cards `--highlight` leaves out dimmed (unchanged without --highlight)."""
    if not highlight:
        return plan
    import dataclasses

    from cxstudio.analysis.filters import dimmed_card_ids, parse_highlight

    card_filter = parse_highlight(document, highlight)
    return dataclasses.replace(plan, dimmed=dimmed_card_ids(document, card_filter, plan.journey_id))


def _run_pdf(args: argparse.Namespace, document: Document, output: Path, language: str) -> int:
    import dataclasses

    from cxstudio.export import poster, report, tiles
    from cxstudio.export.options import ExportOptions

    german = language == "de"
    view = args.view or "map"
    if args.report:
        journey_ids = None if args.journey is None else (poster.find_journey(document, args.journey).id,)
        result = report.export_report(document, output, ExportOptions(paper=args.paper, view=view,
                                                                      journey_ids=journey_ids))
        _say(f"{output}: " + (f"Bericht mit {result.pages} Seiten geschrieben." if german
                              else f"report of {result.pages} pages written."))
        return EXIT_OK
    journey = poster.find_journey(document, args.journey)
    settings = map_settings(args)
    options = ExportOptions(journey_id=journey.id, view=view, paper=args.paper,
                            orientation=args.orientation or "auto", scale=args.scale, min_text_pt=args.min_text,
                            persona_band=settings.persona_band, actions_lane=settings.actions_lane)
    if args.tile:
        overlap = args.overlap if args.overlap is not None else DEFAULT_OVERLAP_MM
        plan = tiles.plan_tiles(document, options.replace(sheet=args.tile, overlap_mm=overlap))
        plan = dataclasses.replace(plan, poster=_dimmed(plan.poster, document, args.highlight))
        tiles.export_tiles(document, plan, output)
        sheets, empty = len(plan.printed), len(plan.empty_sheets)
        if german:
            _say(f"{output}: {sheets} Blätter {plan.paper} ({plan.rows} x {plan.cols}, {empty} leere übersprungen) "
                 f"und ein Montageplan geschrieben; Maßstab {_percent(plan.poster.scale)}, Kartentext "
                 f"{plan.poster.body_text_pt:.1f} pt.")
        else:
            _say(f"{output}: {sheets} {plan.paper} sheets ({plan.rows} x {plan.cols}, {empty} empty skipped) and an "
                 f"assembly page written; scale {_percent(plan.poster.scale)}, card text "
                 f"{plan.poster.body_text_pt:.1f} pt.")
        _warn_small_text(plan.poster, german, tiled=True)
        return EXIT_OK
    plan_ = poster.plan_poster(document, options)
    plan_ = _dimmed(plan_, document, args.highlight)
    poster.export_poster(document, plan_, output)
    _say(poster_written(output, plan_, language))
    if plan_.roll_fit is not None:
        _say(roll_note(plan_, language))
    _warn_small_text(plan_, german, tiled=False)
    return EXIT_OK


def _percent(scale: float) -> str:
    """A scale as a percentage, rounded down (81.9 % prints as 81 %, never more than it is)."""
    import math

    value = math.floor(scale * 100 + 1e-9) if scale >= 0.1 else math.floor(scale * 1000 + 1e-9) / 10
    return f"{value:g} %"


def poster_written(output: Path, plan: PosterPlan, language: str) -> str:
    from cxstudio.export.paper import MM

    size = f"{plan.page_width / MM:.0f} x {plan.page_height / MM:.0f} mm"
    smallest = plan.smallest_text_pt
    if language == "de":
        return (f"{output}: Poster {plan.paper} ({size}) geschrieben; Maßstab {_percent(plan.scale)}, Kartentext "
                f"{plan.body_text_pt:.1f} pt, kleinste Schrift {smallest:.1f} pt.")
    return (f"{output}: poster {plan.paper} ({size}) written; scale {_percent(plan.scale)}, card text "
            f"{plan.body_text_pt:.1f} pt, smallest text {smallest:.1f} pt.")


def roll_note(plan: PosterPlan, language: str) -> str:
    """What 'fit' did on a roll: filled its width, or ran to the longest page a PDF may have and scaled to that."""
    from cxstudio.export.paper import MM

    along = max(plan.page_width, plan.page_height) / MM
    across = min(plan.page_width, plan.page_height) / MM if plan.orientation == "landscape" else plan.page_width / MM
    german = language == "de"

    def mm(value: float) -> str:
        text = f"{value:,.0f}"
        return text.replace(",", ".") if german else text

    if plan.roll_fit == "length":
        if german:
            return (f"Die Karte füllt die Rollenbreite nicht ganz: die Länge ist auf {mm(along)} mm begrenzt "
                    f"(die PDF-Grenze von 5.080 mm), daher Maßstab {_percent(plan.scale)}; --tile A4 druckt größer.")
        return (f"The map does not fill the roll's width: its length stops at {mm(along)} mm (the PDF limit of "
                f"5,080 mm), hence scale {_percent(plan.scale)}; --tile A4 prints it larger.")
    if german:
        return f"Die Karte füllt die Rollenbreite von {mm(across)} mm und läuft {mm(along)} mm lang."
    return f"The map fills the roll's width of {mm(across)} mm and runs {mm(along)} mm long."


def _warn_small_text(plan: PosterPlan, german: bool, tiled: bool) -> None:
    """A line of advice when the cards' text prints below READABLE_TEXT_PT (posters and tiled prints alike)."""
    if plan.body_text_pt >= READABLE_TEXT_PT:
        return
    if tiled:
        _say(f"Kartentext unter {READABLE_TEXT_PT:g} pt ist schwer lesbar; --min-text 9 (ohne --paper) druckt ihn "
             f"lesbar auf mehr Blättern." if german else
             f"Card text below {READABLE_TEXT_PT:g} pt is hard to read; --min-text 9 (without --paper) prints it "
             "readable on more sheets.")
        return
    _say(f"Kartentext unter {READABLE_TEXT_PT:g} pt ist schwer lesbar; größeres Papier oder Kacheln "
         f"(--tile A4 --min-text 9) helfen." if german else
         f"Card text below {READABLE_TEXT_PT:g} pt is hard to read; larger paper or tiles "
         "(--tile A4 --min-text 9) help.")
