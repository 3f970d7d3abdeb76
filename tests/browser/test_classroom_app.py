"""The gallery (notebook 00) as the app a teacher projects: only lesson content, one section a screen.

``voila notebooks/00-classroom-demos.ipynb`` in headless Chromium at a projector's 1280×720
(the same Voilà and page as ``test_voila.py``). The class must see each section's heading,
its question (the answer folded) and its explorer, and nothing meant for the teacher: the
cells tagged ``teacher-only`` (the setup, every "Say", the links to the notebooks) carry
``"transient": {"remove_source": true}``, which Voilà's templates skip. Links left in the app
must answer there (Voilà answers 403 for a notebook file), and every section, heading to the
bottom of its explorer, must fit one 1280×720 screen once its heading is scrolled to the top.

Screenshots land in ``tests/browser/screenshots/voila-sections/``: ``section-<n>.png`` is the
screen the class sees with section n's heading at the top; ``heights.txt`` lists each section's
height in pixels.
"""

import re
from pathlib import Path

import nbformat
import pytest

from labdriver import ROOT
from test_voila import JS_VISIBLE_LINKS, SCREENSHOTS, VIEWPORT, open_app, skip_without_voila

pytestmark = pytest.mark.browser

GALLERY = ROOT / "notebooks" / "00-classroom-demos.ipynb"
TEACHER_TAG = "teacher-only"
SECTION_SHOTS = SCREENSHOTS.parent / "voila-sections"
SETTLE_MS = 3_000  # a key's smooth scroll ends well within this

_JS_SECTIONS = """
() => {
  const explorers = [...document.querySelectorAll('.nnkit-explorer')];
  return [...document.querySelectorAll('.jp-RenderedMarkdown h2')].map(h => {
    const after = explorers.filter(e => h.compareDocumentPosition(e) & Node.DOCUMENT_POSITION_FOLLOWING);
    const explorer = after.length ? after[0] : null;
    const top = h.getBoundingClientRect().top + window.scrollY;
    const bottom = explorer ? explorer.getBoundingClientRect().bottom + window.scrollY : null;
    return {heading: h.innerText.replace(/¶$/, '').trim(), top: top, bottom: bottom,
            explorer: explorer ? explorers.indexOf(explorer) : -1};
  });
}
"""

_JS_IN_VIEW = """
(i) => {
  const h = document.querySelectorAll('.jp-RenderedMarkdown h2')[i];
  const explorers = [...document.querySelectorAll('.nnkit-explorer')];
  const explorer = explorers.filter(e => h.compareDocumentPosition(e) & Node.DOCUMENT_POSITION_FOLLOWING)[0];
  return {heading_top: h.getBoundingClientRect().top, explorer_bottom: explorer.getBoundingClientRect().bottom,
          screen: window.innerHeight};
}
"""

# A section's slide: its heading's cell scrolled to the top of the screen, as the app's
# scroll snapping (notebook 00's style cell) leaves it.
_JS_SCROLL_TO_HEADING = """
(i) => document.querySelectorAll('.jp-RenderedMarkdown h2')[i].closest('.jp-Cell').scrollIntoView({block: 'start'})
"""

_JS_HEADING_TOPS = """
() => [...document.querySelectorAll('.jp-RenderedMarkdown h1, .jp-RenderedMarkdown h2')]
  .map(h => h.getBoundingClientRect().top)
"""

def _plain(markdown):
    """Markdown as the words a reader sees: link targets, emphasis, code marks and HTML tags gone."""
    text = re.sub(r"\]\([^)]*\)", "", markdown)
    text = re.sub(r"<[^>]+>", " ", text)
    text = re.sub(r"[*_`\[\]#]", "", text)
    return " ".join(text.split())


def _fragments(markdown, length=15):
    """The sentences of a markdown cell at least ``length`` characters long, as plain text
    (a heading is a sentence of its own)."""
    blocks = re.split(r"\n\s*\n|\n(?=#)|(?<=\n)(?=<)|(?<=>)\n", markdown)
    return [s.strip() for block in blocks for s in re.split(r"(?<=[.:?])\s", _plain(block))
            if len(s.strip()) >= length]


def _page_text(app):
    """Every text in the page (folded answers too), whitespace collapsed, heading anchors (¶) left out."""
    return " ".join(app.page.locator("body").text_content().replace("¶", " ").split())


def _cells(tagged):
    nb = nbformat.read(GALLERY, as_version=4)
    return [c for c in nb.cells if c.cell_type == "markdown"
            and (TEACHER_TAG in c.metadata.get("tags", [])) == tagged]


@pytest.fixture(scope="module")
def gallery_app(browser):
    """The gallery open as a Voilà app at 1280×720, every explorer's figure loaded."""
    skip_without_voila()
    with open_app(GALLERY, browser, SECTION_SHOTS) as app:
        yield app


class TestEverySectionAsksFirst:
    def test_each_section_is_heading_question_answer_then_a_large_explorer(self):
        """Each "## N · …" cell asks its question ("### Ask: …") with the answer folded, and the next code cell
        shows one explorer at projector size; a teacher-only cell may sit between them."""
        cells = nbformat.read(GALLERY, as_version=4).cells
        problems, sections = [], 0
        for i, cell in enumerate(cells):
            if cell.cell_type != "markdown" or not re.match(r"## \d+ · ", cell.source):
                continue
            sections += 1
            title = cell.source.splitlines()[0]
            if not re.search(r"^### Ask: .+\?$", cell.source, re.M) or "<details><summary>Answer</summary>" not in cell.source:
                problems.append(f"{title!r} has no '### Ask: …?' question with a folded Answer")
            code = next((c for c in cells[i + 1:] if c.cell_type == "code"), None)
            between = cells[i + 1:cells.index(code)] if code is not None else []
            if code is None or not re.fullmatch(r"(\w+_explorer|playground)\(.*size=\"large\"\)", code.source.strip()):
                problems.append(f"{title!r} is not followed by one explorer call at size=\"large\"")
            if any(TEACHER_TAG not in c.metadata.get("tags", []) for c in between):
                problems.append(f"{title!r}: a cell for the class sits between the question and the explorer")
        assert sections >= 8, f"{GALLERY.name}: {sections} sections, expected the 8 explorers of notebooks 01 to 07"
        assert not problems, f"{GALLERY.name}: " + "; ".join(problems)


class TestOnlyLessonContentIsProjected:
    def test_teacher_cells_are_marked_for_removal(self):
        """Every teacher-only cell carries the metadata Voilà's templates skip (the tag alone removes nothing)."""
        teacher = _cells(tagged=True)
        unmarked = [c.source.splitlines()[0] for c in teacher
                    if not c.metadata.get("transient", {}).get("remove_source", False)]
        assert teacher, f"{GALLERY.name}: no cell is tagged {TEACHER_TAG!r}"
        assert not unmarked, f"{GALLERY.name}: teacher-only cells without transient.remove_source: {unmarked}"

    def test_the_class_sees_every_heading_and_question(self, gallery_app):
        """The headings, questions and answers (folded) of the lesson cells are in the page."""
        text = _page_text(gallery_app)
        missing = [f for c in _cells(tagged=False) for f in _fragments(c.source) if f not in text]
        assert not missing, f"{gallery_app.name}: lesson text missing from the app: {missing[:5]}"

    def test_the_class_sees_nothing_for_the_teacher(self, gallery_app):
        """No sentence of a teacher-only cell (setup, "Say", links to the notebooks) is in the page."""
        text = _page_text(gallery_app)
        shown = [f for c in _cells(tagged=True) for f in _fragments(c.source) if f in text]
        if shown:
            shot = gallery_app.page_screenshot("teacher-text-shown")
            pytest.fail(f"{gallery_app.name}: teacher-only text projected: {shown[:5]}; screenshot: {shot}")

    def test_every_link_in_the_app_answers(self, gallery_app):
        """Each link left in the app (in-page anchors aside) loads from the app's server."""
        broken = []
        for link in gallery_app.page.evaluate(JS_VISIBLE_LINKS):
            if not link["href"].startswith(gallery_app.voila.base_url):
                broken.append(f"{link['text']!r} leaves the app for {link['href']}")
                continue
            status = gallery_app.page.request.get(link["href"]).status
            if status != 200:
                broken.append(f"{link['text']!r} → {link['href']} answers {status}")
        assert not broken, f"{gallery_app.name}: links that do not work in the app: {broken}"


class TestEverySectionFitsOneScreen:
    def test_each_section_fits_1280x720(self, gallery_app):
        """Heading, question and explorer of each section are on one screen once the heading is at the top."""
        page = gallery_app.page
        sections = page.evaluate(_JS_SECTIONS)
        explorers = gallery_app.explorers().count()
        assert [s["explorer"] for s in sections] == list(range(explorers)), (
            f"{gallery_app.name}: expected one heading before each of the {explorers} explorers, "
            f"got headings {[s['heading'] for s in sections]} before explorers {[s['explorer'] for s in sections]}")
        problems, lines = [], []
        for i, section in enumerate(sections):
            height = section["bottom"] - section["top"]
            page.evaluate(_JS_SCROLL_TO_HEADING, i)
            page.wait_for_timeout(100)
            shot = SECTION_SHOTS / f"section-{i + 1}.png"
            page.screenshot(path=str(shot))
            seen = page.evaluate(_JS_IN_VIEW, i)
            lines.append(f"{section['heading']}: {height:.0f} px")
            if seen["heading_top"] < -1 or seen["explorer_bottom"] > seen["screen"]:
                problems.append(f"{section['heading']!r} is {height:.0f} px tall: its heading is at "
                                f"{seen['heading_top']:.0f} px and its explorer ends at "
                                f"{seen['explorer_bottom']:.0f} px of {seen['screen']} (screenshot: {shot})")
        (SECTION_SHOTS / "heights.txt").write_text("\n".join(lines) + "\n", encoding="utf-8")
        assert not problems, (f"{gallery_app.name}: sections taller than a {VIEWPORT['width']}×"
                              f"{VIEWPORT['height']} screen:\n  " + "\n  ".join(problems))


class TestSlideMode:
    def test_keys_move_one_section_a_screen(self, gallery_app):
        """Page Down brings the title, then each section, to the top of the screen; Page Up and the arrow
        keys move one section back or on (a mouse wheel's notch of 100 px settles back on the same section)."""
        page = gallery_app.page
        page.evaluate("() => document.getElementById('rendered_cells').scrollTo(0, 0)")
        page.mouse.click(VIEWPORT["width"] - 60, 12)  # a blank spot right of the title: the page takes the keys
        tops = page.evaluate(_JS_HEADING_TOPS)
        problems = []
        last = len(tops) - 1
        moves = [("PageDown", i) for i in range(1, last + 1)] + [
            ("PageUp", last - 1), ("ArrowDown", last), ("ArrowUp", last - 1)]
        for step, (key, heading) in enumerate(moves):
            page.keyboard.press(key)
            try:
                page.wait_for_function("([i]) => { const h = document.querySelectorAll("
                                       "'.jp-RenderedMarkdown h1, .jp-RenderedMarkdown h2')[i];"
                                       " return Math.abs(h.getBoundingClientRect().top) <= 2; }",
                                       arg=[heading], timeout=SETTLE_MS)
            except Exception:  # the message below says where each heading is
                shot = SECTION_SHOTS / f"keys-{step + 1}-{key}.png"
                page.screenshot(path=str(shot))
                tops = [round(t) for t in page.evaluate(_JS_HEADING_TOPS)]
                problems.append(f"after key {step + 1} ({key}) heading {heading} is not at the top: "
                                f"headings at {tops} px (screenshot: {shot})")
                break
        assert not problems, f"{gallery_app.name}: the keys do not move one section a screen: {problems}"
