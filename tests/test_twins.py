"""The Korean edition kept in step with the English one (issue 14): a change made to one edition only fails here.

Every English notebook ``notebooks/NN-*.ipynb`` has a twin of the same name in ``notebooks/ko/``
and the other way round, and each pair agrees on everything but the language:

* **Cells**: the same number, types and order, and the same ``tags``, ``transient`` and
  ``jupyter`` metadata (what Voilà and JupyterLab hide) in each cell.
* **Code**: the same Python tokens, apart from STRING and COMMENT tokens. An f-string counts as
  a string, but its ``{...}`` fields (expression, ``!r`` conversion and format spec) must agree,
  whether the tokenizer keeps the f-string one STRING token (Python < 3.12) or splits it into
  FSTRING_START / FSTRING_MIDDLE / FSTRING_END (3.12 and later); the literal text in between
  is free. Adjacent literals (``"a" "b"``) count as one, so a translation may break a long
  line differently. IPython magic lines (``%matplotlib inline``, ``!pip …``) must be equal as
  written.
* **Outputs**: the same kinds of outputs in each code cell (stream names, MIME types, so a
  picture or an explorer missing in one edition fails), and the same stored numbers:

  - the text/plain of a result or display (an array, a tuple, a figure's size …) and the
    stdout/stderr text of a cell: every number, in order, exactly as printed;
  - a checker's verdict (a cell whose last line calls a ``check_…`` function): the same mark
    (✓, ✗ or …) and the same numbers with a decimal point, as a multiset. Whole numbers are
    exempt, because a sentence's wording differs by language: English spells some as words
    ("give one decimal", "the second entry") and Korean may write them as digits (두 자리);
  - an explorer (a widget view whose text is ``SomethingExplorer(…)``): the same class and the
    same numbers, as a multiset (its readout may order its words differently), and a picture
    (image/png) stored in the cell in both editions.

  A number is a run of ASCII digits not glued to a letter before it (``h1``, ``W2`` and ``x0``
  are names, not numbers), with its sign, decimals and exponent; ``−`` (U+2212) counts as ``-``.
  HTML outputs (notebook 00's style cell) are compared by kind only.
* **Markdown**: the same LaTeX formulas in each cell (the ``$…$`` and ``$$…$$`` segments outside
  code, as a multiset, whitespace collapsed; the words inside ``\\text{…}`` may be translated, and a
  sentence's punctuation at a formula's end is not part of it) and the same heading levels in the
  same order. Prose outside the formulas is free.

And no stored output of a Korean notebook holds an English sentence of the kit: the fragments
are read by data from ``nnkit/_text/en.py`` (every run of three or more English words in the
literal text of a template, between its fields) and any fragment found in a Korean output
fails, unless the Korean table itself uses it (a deliberate English phrase).

Cells are numbered as in ``nb.cells``, every cell counted, from 0. Each failure is one sentence
naming the notebook, the cell and what differs. Until ``notebooks/ko/`` holds a notebook the
tests on the real notebooks are skipped with one line. ``TestKoreanFrontDoor`` keeps README.ko.md
and ``notebooks/ko/README.md`` in step with the English front door (the two set-up commands, a
link to every notebook). The classes at the end run the same comparison on small made-up pairs
in ``tmp_path``, one that agrees and one per kind of drift.
"""

import ast
import io
import re
import string
import tokenize
from collections import Counter
from pathlib import Path

import nbformat
import pytest

ROOT = Path(__file__).resolve().parent.parent
ENGLISH = ROOT / "notebooks"
KOREAN = ENGLISH / "ko"
PATTERN = "[0-9][0-9]-*.ipynb"

WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"
COMPARED_METADATA = ("tags", "transient", "jupyter")  # what decides how a cell is shown or run
MAX_SENTENCES = 25  # a failure lists this many differences at most, then says how many more


# ----- finding the pairs -------------------------------------------------------------------


def notebook_names(folder):
    """The names of the numbered notebooks in ``folder`` (none when it does not exist), sorted."""
    return sorted(p.name for p in Path(folder).glob(PATTERN))


def pairing_problems(english_dir, korean_dir):
    """One sentence for each notebook without its twin in the other edition."""
    english, korean = set(notebook_names(english_dir)), set(notebook_names(korean_dir))
    return ([f"{name} has no Korean twin in {Path(korean_dir).name}/." for name in sorted(english - korean)]
            + [f"{Path(korean_dir).name}/{name} has no English twin in {Path(english_dir).name}/."
               for name in sorted(korean - english)])


# ----- code: Python tokens without strings and comments ------------------------------------

_MAGIC_LINE = re.compile(r"^\s*(%|!)")
_MAGIC_NAME = "__nnkit_twin_magic__"
_FSTRING_START = getattr(tokenize, "FSTRING_START", None)  # Python 3.12 and later
_FSTRING_END = getattr(tokenize, "FSTRING_END", None)
_SKIPPED_TOKENS = {tokenize.COMMENT, tokenize.NL, tokenize.ENCODING, tokenize.ENDMARKER}


def _without_magics(source):
    """The cell's source with each IPython magic line replaced by a placeholder name, and those lines."""
    lines, magics = [], []
    for line in source.splitlines():
        if _MAGIC_LINE.match(line):
            magics.append(line.strip())
            lines.append(line[: len(line) - len(line.lstrip())] + _MAGIC_NAME)
        else:
            lines.append(line)
    return "\n".join(lines) + "\n", magics


def _slice(lines, start, end):
    """The source text between two tokenize positions ((row from 1, column), end exclusive)."""
    (r0, c0), (r1, c1) = start, end
    if r0 == r1:
        return lines[r0 - 1][c0:c1]
    return lines[r0 - 1][c0:] + "".join(lines[r0:r1 - 1]) + lines[r1 - 1][:c1]


def _spec(node):
    """A format spec as written, its own fields in braces ("" when there is none)."""
    if node is None:
        return ""
    return "".join(part.value if isinstance(part, ast.Constant) else "{" + ast.unparse(part.value) + "}"
                   for part in node.values)


def fstring_fields(literal):
    """The ``{...}`` fields of one string literal as (expression, conversion, format spec); () for a plain one."""
    node = ast.parse(literal.strip(), mode="eval").body
    if not isinstance(node, ast.JoinedStr):
        return ()
    return tuple((ast.unparse(part.value), part.conversion, _spec(part.format_spec))
                 for part in node.values if isinstance(part, ast.FormattedValue))


def code_tokens(source):
    """What must agree between twin code cells: the tokens, each run of string literals as its f-string fields.

    Returns a list of (kind, text) pairs: ("STRING", fields) for a run of adjacent literals,
    ("MAGIC", line) for an IPython magic line, (token name, token text) for the rest.
    Comments and non-logical line breaks are left out. Raises ``tokenize.TokenError`` or
    ``SyntaxError`` for a cell that is not Python.
    """
    python, magics = _without_magics(source)
    lines = python.splitlines(keepends=True)
    tokens = list(tokenize.generate_tokens(io.StringIO(python).readline))
    items, i, magic = [], 0, 0
    literal_kinds = {tokenize.STRING, _FSTRING_START} - {None}
    while i < len(tokens):
        token = tokens[i]
        if token.type in literal_kinds:
            fields = []
            while i < len(tokens) and tokens[i].type in literal_kinds | {tokenize.NL, tokenize.COMMENT}:
                if tokens[i].type == tokenize.STRING:
                    fields.extend(fstring_fields(tokens[i].string))
                    i += 1
                elif tokens[i].type == _FSTRING_START:
                    depth, j = 0, i
                    while True:  # to the FSTRING_END that closes this one (f-strings may nest)
                        depth += {_FSTRING_START: 1, _FSTRING_END: -1}.get(tokens[j].type, 0)
                        if depth == 0:
                            break
                        j += 1
                    fields.extend(fstring_fields(_slice(lines, tokens[i].start, tokens[j].end)))
                    i = j + 1
                else:
                    i += 1
            items.append(("STRING", tuple(fields)))
            continue
        if token.type not in _SKIPPED_TOKENS:
            if token.type == tokenize.NAME and token.string == _MAGIC_NAME:
                items.append(("MAGIC", magics[magic]))
                magic += 1
            else:
                items.append((tokenize.tok_name[token.type], token.string))
        i += 1
    return items


def _shown(item):
    kind, text = item
    if kind == "STRING":
        fields = ["{" + e + (f"!{chr(c)}" if c != -1 else "") + (f":{s}" if s else "") + "}" for e, c, s in text]
        return "a string" + (" with the fields " + ", ".join(fields) if fields else "")
    return repr(text) if kind != "MAGIC" else f"the magic {text!r}"


def code_difference(english, korean):
    """One phrase saying where two cells' code differs (None when it agrees)."""
    try:
        a = code_tokens(english)
    except (tokenize.TokenError, SyntaxError) as error:
        return f"the English code cannot be tokenized ({error})"
    try:
        b = code_tokens(korean)
    except (tokenize.TokenError, SyntaxError) as error:
        return f"the Korean code cannot be tokenized ({error})"
    if a == b:
        return None
    k = next((k for k, (x, y) in enumerate(zip(a, b)) if x != y), min(len(a), len(b)))
    got = _shown(a[k]) if k < len(a) else "the end of the cell"
    other = _shown(b[k]) if k < len(b) else "the end of the cell"
    return f"the code differs at token {k + 1} of {len(a)}: English has {got} where Korean has {other}"


# ----- outputs: their kinds and their numbers ----------------------------------------------

_NUMBER = re.compile(r"(?<![A-Za-z0-9_.])[-−]?\d+(?:\.\d+)?(?:[eE][-+−]?\d+)?")
_EXPLORER = re.compile(r"\s*(\w+Explorer|playground)\(")
_VERDICT_MARKS = ("✓", "✗", "…")


def numbers(text):
    """Every number in ``text``, in order, as printed (U+2212 read as a minus sign)."""
    return [n.replace("−", "-") for n in _NUMBER.findall(text.replace("−", "-"))]


def _text(value):
    return "".join(value) if isinstance(value, list) else (value or "")


def output_kinds(outputs):
    """The kinds of a cell's outputs in order: (stream, name) or (output type, MIME types).

    Adjacent streams of one name count as one, as nbval coalesces them.
    """
    kinds = []
    for output in outputs:
        if output.get("output_type") == "stream":
            kind = ("stream", output.get("name"))
            if kinds and kinds[-1] == kind:
                continue
        elif output.get("output_type") == "error":
            kind = ("error", output.get("ename"))
        else:
            kind = (output.get("output_type"), tuple(sorted(output.get("data", {}))))
        kinds.append(kind)
    return kinds


def streams(outputs):
    """The text of each stream of a cell (stdout, stderr), coalesced as nbval coalesces it."""
    found = {}
    for output in outputs:
        if output.get("output_type") == "stream":
            found[output.get("name")] = found.get(output.get("name"), "") + _text(output.get("text"))
    return found


def is_checker_cell(source):
    """True when the cell's last statement is a bare call of a ``check_…`` function: its result is a verdict."""
    try:
        tree = ast.parse(_without_magics(source)[0])
    except SyntaxError:
        return False
    last = tree.body[-1] if tree.body else None
    if not (isinstance(last, ast.Expr) and isinstance(last.value, ast.Call)):
        return False
    func = last.value.func
    name = func.id if isinstance(func, ast.Name) else func.attr if isinstance(func, ast.Attribute) else ""
    return name.startswith("check")


def explorer_of(output):
    """The explorer's class name when ``output`` is an nnkit explorer's widget view, else None."""
    data = output.get("data", {})
    if WIDGET_VIEW not in data:
        return None
    found = _EXPLORER.match(_text(data.get("text/plain")))
    return found.group(1) if found else None


def _listed(values):
    return ", ".join(values) if values else "none"


def _sequence_difference(what, a, b):
    if a == b:
        return None
    k = next((k for k, (x, y) in enumerate(zip(a, b)) if x != y), min(len(a), len(b)))
    return (f"the numbers of its {what} differ from number {k + 1} on: English {_listed(a[k:k + 6])}, "
            f"Korean {_listed(b[k:k + 6])} ({len(a)} and {len(b)} numbers)")


def _multiset_difference(what, a, b):
    only_a, only_b = Counter(a) - Counter(b), Counter(b) - Counter(a)
    if not only_a and not only_b:
        return None
    return (f"the numbers of its {what} differ: only in English {_listed(sorted(only_a.elements()))}, "
            f"only in Korean {_listed(sorted(only_b.elements()))}")


_CUT = "…"  # the end ipywidgets 8 gives a text/plain it cut


def output_differences(source, english, korean):
    """Phrases saying how two code cells' stored outputs differ (kinds, numbers, explorers)."""
    found = []
    kinds_a, kinds_b = output_kinds(english), output_kinds(korean)
    if kinds_a != kinds_b:
        extra = []
        editions = (("English", kinds_a, kinds_b, english), ("Korean", kinds_b, kinds_a, korean))
        for edition, mine, theirs, outputs in editions:
            for name in sorted(n for kind, n in set(mine) - set(theirs) if kind == "stream"):
                line = next((l for l in streams(outputs)[name].splitlines() if l.strip()), "")
                line = re.sub(r"^\S+:\d+: ", "", line.strip())  # a warning's file and line number left out
                extra.append(f"only {edition} has {name}: {line[:120]!r}")
        found.append(f"its outputs differ in kind: English {kinds_a}, Korean {kinds_b}"
                     + (f" ({'; '.join(extra)})" if extra else ""))
        return found  # the outputs do not line up: their numbers cannot be compared one by one
    for name in sorted(set(streams(english)) | set(streams(korean))):
        difference = _sequence_difference(name, numbers(streams(english).get(name, "")),
                                          numbers(streams(korean).get(name, "")))
        if difference:
            found.append(difference)
    checker = is_checker_cell(source)
    shown = ("execute_result", "display_data")
    # results paired among themselves: a print split into two stream outputs in one edition must not shift them
    results = zip([o for o in english if o.get("output_type") in shown], [o for o in korean if o.get("output_type") in shown])
    for a, b in results:
        text_a, text_b = _text(a.get("data", {}).get("text/plain")), _text(b.get("data", {}).get("text/plain"))
        explorer_a, explorer_b = explorer_of(a), explorer_of(b)
        if explorer_a or explorer_b:
            if explorer_a != explorer_b:
                found.append(f"it shows the explorer {explorer_a} in English and {explorer_b} in Korean")
            elif text_a.endswith(_CUT) or text_b.endswith(_CUT):
                # ipywidgets 8 cuts a long text/plain at 110 characters: compare the numbers both still show
                # (the last number before a cut may itself be cut short: "1.1…" of 1.115)
                a_numbers, b_numbers = [numbers(t)[:-1] if t.endswith(_CUT) else numbers(t) for t in (text_a, text_b)]
                shared = min(len(a_numbers), len(b_numbers))
                found.append(_sequence_difference(f"{explorer_a} text (cut)", a_numbers[:shared], b_numbers[:shared]))
            else:
                found.append(_multiset_difference(f"{explorer_a} text", numbers(text_a), numbers(text_b)))
                pictures = [any("image/png" in o.get("data", {}) for o in outputs) for outputs in (english, korean)]
                for edition, has in zip(("English", "Korean"), pictures):
                    if not has:
                        found.append(f"its {explorer_a} has no stored picture (image/png) in the {edition} edition")
        elif checker and (text_a or text_b):
            mark_a, mark_b = text_a.strip()[:1], text_b.strip()[:1]
            if mark_a in _VERDICT_MARKS or mark_b in _VERDICT_MARKS:
                if mark_a != mark_b:
                    found.append(f"its verdict is {mark_a!r} in English and {mark_b!r} in Korean")
                found.append(_multiset_difference("verdict (decimals)", [n for n in numbers(text_a) if "." in n],
                                                  [n for n in numbers(text_b) if "." in n]))
            else:
                found.append(_sequence_difference("result", numbers(text_a), numbers(text_b)))
        else:
            found.append(_sequence_difference("result", numbers(text_a), numbers(text_b)))
    return [f for f in found if f]


# ----- markdown: formulas and headings -----------------------------------------------------

_FENCE = re.compile(r"^(```|~~~).*?^\1", re.MULTILINE | re.DOTALL)
_CODE_SPAN = re.compile(r"`[^`\n]*`")
_DISPLAY = re.compile(r"\$\$(.+?)\$\$", re.DOTALL)
_INLINE = re.compile(r"(?<![\\$])\$(?!\$)((?:\\.|[^$\\\n])+?)\$")
_TEXT_ARG = re.compile(r"\\(text|textrm|textit|textbf|mbox|mathrm|operatorname)\s*\{[^{}]*\}")
_HEADING = re.compile(r"^ {0,3}(#{1,6})(?:\s|$)", re.MULTILINE)
# a sentence's punctuation (and LaTeX spacing before it) at the end of a formula: "= 2x ." or "(1 - y),"
_END_PUNCTUATION = re.compile(r"(?:\s|[.,;:]|\\[,;:!]|\\q?quad)+$")


def _prose(markdown):
    """Markdown without code fences and code spans (a `$` in code is not a formula)."""
    return _CODE_SPAN.sub(" ", _FENCE.sub(" ", markdown))


def formulas(markdown):
    """The LaTeX formulas of a markdown cell as a multiset.

    Whitespace is collapsed, the words inside ``\\text{…}`` are left out, and so is a sentence's
    punctuation at a formula's end (English may end a display formula with "." where Korean does not).
    """
    prose = _prose(markdown)
    shown = [("$$", m.group(1)) for m in _DISPLAY.finditer(prose)]
    shown += [("$", m.group(1)) for m in _INLINE.finditer(_DISPLAY.sub(" ", prose))]
    found = Counter()
    for fence, formula in shown:
        formula = _END_PUNCTUATION.sub("", _TEXT_ARG.sub(lambda m: "\\" + m.group(1) + "{…}", formula))
        found[fence + " ".join(formula.split()) + fence] += 1
    return found


def heading_levels(markdown):
    """The levels of the cell's headings, in order (``## A`` is 2)."""
    return [len(m.group(1)) for m in _HEADING.finditer(_prose(markdown))]


# ----- one pair ----------------------------------------------------------------------------


def _read(path):
    return nbformat.read(str(path), as_version=4)


def _lining_problem(name, a, b):
    """The sentence saying where two lists of cells stop lining up (number, type, order), or None."""
    types_a, types_b = [c.cell_type for c in a], [c.cell_type for c in b]
    if types_a == types_b:
        return None
    k = next((k for k, (x, y) in enumerate(zip(types_a, types_b)) if x != y), min(len(a), len(b)))
    here = (f"English has a {types_a[k]} cell where Korean has a {types_b[k]} cell"
            if k < min(len(a), len(b)) else "one edition ends there")
    return f"{name}, cell {k}: the cells stop lining up: {here} ({len(a)} cells in English, {len(b)} in Korean)."


def cell_problems(english_path, korean_path):
    """Sentences for a pair whose cells do not line up (number, type, order, metadata)."""
    name = Path(english_path).name
    a, b = _read(english_path).cells, _read(korean_path).cells
    lining = _lining_problem(name, a, b)
    if lining:
        return [lining]
    found = []
    for k, (x, y) in enumerate(zip(a, b)):
        for key in COMPARED_METADATA:
            if x.metadata.get(key) != y.metadata.get(key):
                found.append(f"{name}, cell {k} ({x.cell_type}): its metadata {key!r} is {x.metadata.get(key)!r} "
                             f"in English and {y.metadata.get(key)!r} in Korean.")
    return found


def _aligned(english_path, korean_path):
    """The pairs of cells, or a one-sentence problem when the cells do not line up."""
    a, b = _read(english_path).cells, _read(korean_path).cells
    lining = _lining_problem(Path(english_path).name, a, b)
    if lining:
        return None, [lining.rstrip(".") + ", so nothing is compared."]
    return list(zip(a, b)), []


def code_problems(english_path, korean_path):
    """Sentences for each pair of code cells whose code differs beyond strings and comments."""
    name = Path(english_path).name
    cells, problems = _aligned(english_path, korean_path)
    if cells is None:
        return problems
    found = []
    for k, (x, y) in enumerate(cells):
        if x.cell_type == "code":
            difference = code_difference(x.source, y.source)
            if difference:
                found.append(f"{name}, cell {k} (code): {difference}.")
    return found


def output_problems(english_path, korean_path):
    """Sentences for each pair of code cells whose stored outputs differ in kind, numbers or explorers."""
    name = Path(english_path).name
    cells, problems = _aligned(english_path, korean_path)
    if cells is None:
        return problems
    found = []
    for k, (x, y) in enumerate(cells):
        if x.cell_type == "code":
            for difference in output_differences(x.source, x.get("outputs", []), y.get("outputs", [])):
                found.append(f"{name}, cell {k} (code): {difference}.")
    return found


def markdown_problems(english_path, korean_path):
    """Sentences for each pair of markdown cells whose formulas or heading levels differ."""
    name = Path(english_path).name
    cells, problems = _aligned(english_path, korean_path)
    if cells is None:
        return problems
    found = []
    for k, (x, y) in enumerate(cells):
        if x.cell_type != "markdown":
            continue
        fa, fb = formulas(x.source), formulas(y.source)
        if fa != fb:
            only_a, only_b = sorted((fa - fb).elements()), sorted((fb - fa).elements())
            found.append(f"{name}, cell {k} (markdown): its formulas differ: only in English {_listed(only_a)}; "
                         f"only in Korean {_listed(only_b)}.")
        ha, hb = heading_levels(x.source), heading_levels(y.source)
        if ha != hb:
            found.append(f"{name}, cell {k} (markdown): its heading levels are {ha} in English and {hb} in Korean.")
    return found


# ----- English sentences of the kit in Korean outputs --------------------------------------

_WORD = r"[A-Za-z]+(?:['’-][A-Za-z]+)*"
_RUN = re.compile(rf"(?<![A-Za-z\x00]){_WORD}(?:[ \t\n]+{_WORD}){{2,}}(?![A-Za-z\x00])")


def _normal(text):
    return " ".join(text.split()).lower()


def template_fragments(template):
    """The runs of three or more English words in a template's literal text (a word glued to a field left out)."""
    parts = []
    for literal, field, _spec_, _conversion in string.Formatter().parse(template):
        parts.append(literal)
        if field is not None:
            parts.append("\x00")
    return [_normal(m.group(0)) for m in _RUN.finditer("".join(parts))]


def english_fragments(english_texts, korean_texts=()):
    """Every fragment of the English templates that the Korean templates do not use themselves."""
    korean = [_normal(t) for t in korean_texts]
    found = {f for t in english_texts for f in template_fragments(t)}
    return sorted(f for f in found if not any(f in k for k in korean))


def output_texts(cell):
    """Every text a learner can read in a code cell's stored outputs."""
    texts = []
    for output in cell.get("outputs", []):
        if output.get("output_type") == "stream":
            texts.append(_text(output.get("text")))
        elif output.get("output_type") == "error":
            texts.append(f"{output.get('ename', '')}: {output.get('evalue', '')}")
        for mime, value in output.get("data", {}).items():
            if mime.startswith("text/"):
                texts.append(_text(value))
    return texts


def english_in_outputs(korean_path, fragments):
    """Sentences naming each Korean output that holds an English fragment of the kit."""
    name = f"{Path(korean_path).parent.name}/{Path(korean_path).name}"
    patterns = [(f, re.compile(r"(?<![A-Za-z])" + r"\s+".join(map(re.escape, f.split())) + r"(?![A-Za-z])",
                               re.IGNORECASE)) for f in fragments]
    found = []
    for k, cell in enumerate(_read(korean_path).cells):
        if cell.cell_type != "code":
            continue
        for text in output_texts(cell):
            lowered = _normal(text)
            hits = [f for f, pattern in patterns if f in lowered and pattern.search(text)]
            if hits:
                found.append(f"{name}, cell {k} (code): a stored output holds the kit's English "
                             f"{', '.join(map(repr, hits[:3]))}.")
    return found


def _kit_fragments():
    from nnkit._text import en, ko

    return english_fragments(en.TEXTS.values(), ko.TEXTS.values())


def _fail_on(problems):
    if problems:
        more = f"\n(and {len(problems) - MAX_SENTENCES} more)" if len(problems) > MAX_SENTENCES else ""
        pytest.fail("\n".join(problems[:MAX_SENTENCES]) + more, pytrace=False)


# ----- the real twins ----------------------------------------------------------------------

PAIRS = sorted(set(notebook_names(ENGLISH)) & set(notebook_names(KOREAN)))


def _needs_korean_edition():
    if not notebook_names(KOREAN):
        pytest.skip("the Korean edition (notebooks/ko/NN-*.ipynb) is not in this tree yet")


class TestEveryNotebookHasATwin:
    def test_each_edition_has_every_notebook_of_the_other(self):
        """Each English notebook has a Korean twin of the same name, and each Korean notebook an English one."""
        _needs_korean_edition()
        _fail_on(pairing_problems(ENGLISH, KOREAN))


@pytest.mark.parametrize("name", PAIRS)
class TestTwinsAgree:
    def test_same_cells(self, name):
        """The twins have the same cells: number, type, order, tags and display metadata."""
        _fail_on(cell_problems(ENGLISH / name, KOREAN / name))

    def test_same_code(self, name):
        """Every pair of code cells has the same tokens apart from strings and comments."""
        _fail_on(code_problems(ENGLISH / name, KOREAN / name))

    def test_same_outputs(self, name):
        """Every pair of code cells stores the same kinds of outputs, the same numbers and the same explorers."""
        _fail_on(output_problems(ENGLISH / name, KOREAN / name))

    def test_same_formulas_and_headings(self, name):
        """Every pair of markdown cells has the same formulas and heading levels."""
        _fail_on(markdown_problems(ENGLISH / name, KOREAN / name))


class TestKoreanOutputsSpeakKorean:
    def test_no_english_sentence_of_the_kit_in_a_korean_output(self):
        """No stored output of a Korean notebook holds a run of English words from nnkit/_text/en.py."""
        _needs_korean_edition()
        fragments = _kit_fragments()
        _fail_on([p for name in notebook_names(KOREAN) for p in english_in_outputs(KOREAN / name, fragments)])

    def test_the_fragments_come_from_the_templates(self):
        """The English fragments are many and are found by data (a fallback verdict would be caught)."""
        from nnkit._text import en

        fragments = _kit_fragments()
        assert len(fragments) > 100, f"only {len(fragments)} English fragments read from nnkit/_text/en.py"
        assert "is still a placeholder" in fragments, "the placeholder verdict's words are not among the fragments"
        templates = [_normal(t) for t in en.TEXTS.values()]
        strays = [f for f in fragments if not any(f in t for t in templates)]
        assert not strays, f"fragments found in no template of en.py: {strays[:5]}"


def _bash_blocks(markdown):
    """The lines of the bash code blocks of a markdown file, in order."""
    return [line for block in re.findall(r"```bash\n(.*?)```", markdown, re.DOTALL) for line in block.splitlines()
            if line.strip()]


def _links(markdown):
    return re.findall(r"\]\(([^)\s]+)\)", markdown)


class TestKoreanFrontDoor:
    def test_readme_ko_gives_the_two_commands_as_readme_does(self):
        """README.ko.md holds README.md's two set-up commands (open the kit; run the whole suite) as written."""
        english = _bash_blocks((ROOT / "README.md").read_text(encoding="utf-8"))
        korean = set(_bash_blocks((ROOT / "README.ko.md").read_text(encoding="utf-8")))
        wanted = english[:2]  # the first two blocks, in "Start": open the kit, run the whole suite
        assert len(wanted) == 2 and all("python3 -m venv .venv" in line for line in wanted), english[:3]
        missing = [line for line in wanted if line not in korean]
        assert not missing, f"README.ko.md lacks README.md's set-up command(s) {missing}"

    @pytest.mark.parametrize("readme, prefix", [("README.ko.md", "notebooks/ko/"), ("notebooks/ko/README.md", "")])
    def test_the_korean_index_links_every_notebook(self, readme, prefix):
        """The Korean notebook list links the Korean twin of every English notebook."""
        links = set(_links((ROOT / readme).read_text(encoding="utf-8")))
        missing = [name for name in notebook_names(ENGLISH) if prefix + name not in links]
        assert not missing, f"{readme} does not link the Korean notebooks {missing}"

    @pytest.mark.parametrize("readme, target", [("README.md", "README.ko.md"), ("notebooks/README.md", "ko/README.md")])
    def test_the_english_front_door_links_the_korean_one_at_the_top(self, readme, target):
        """README.md and notebooks/README.md link their Korean counterpart within their first lines."""
        top = "\n".join((ROOT / readme).read_text(encoding="utf-8").splitlines()[:4])
        assert f"]({target})" in top, f"{readme} does not link {target} in its first 4 lines"

    def test_readme_ko_names_the_language_switch(self):
        """README.ko.md shows the one line that switches the kit to Korean."""
        assert 'nnkit.set_language("ko")' in (ROOT / "README.ko.md").read_text(encoding="utf-8")


# ----- tests of the test: made-up pairs in tmp_path ----------------------------------------

ENGLISH_SETUP = '''%matplotlib inline
import numpy as np
import nnkit
nnkit.set_language("en")  # "ko": the Korean edition sets this
'''

KOREAN_SETUP = '''%matplotlib inline
import numpy as np
import nnkit
nnkit.set_language("ko")  # 한국어판
'''

ENGLISH_CODE = '''x = np.array([1.0, 2.0])   # one sample
h = x * 2
print(f"h written out: {h[0]:.4f} and {h[1]!r}", "done")
h'''

# the same code, its strings and comments in Korean, a literal split over two lines
KOREAN_CODE = '''x = np.array([1.0, 2.0])   # 샘플 하나
# 두 번째 줄의 주석
h = x * 2
print(f"h를 직접 계산: {h[0]:.4f}, "
      f"그리고 {h[1]!r}", "끝")
h'''


def _stream(text, name="stdout"):
    return nbformat.v4.new_output("stream", name=name, text=text)


def _result(text, count=1):
    return nbformat.v4.new_output("execute_result", data={"text/plain": text}, execution_count=count)


def _explorer(text, picture=True):
    outputs = [nbformat.v4.new_output("display_data", data={"image/png": "iVBORw0KGgo="})] if picture else []
    outputs.append(nbformat.v4.new_output("display_data", data={
        WIDGET_VIEW: {"model_id": "abc", "version_major": 2, "version_minor": 0}, "text/plain": text}))
    return outputs


def _notebook(korean=False):
    """A small notebook of every kind of cell the comparison looks at (English, or its Korean twin)."""
    md, code = nbformat.v4.new_markdown_cell, nbformat.v4.new_code_cell
    if korean:
        cells = [
            md("# 01 · 순전파\n\n한 층은 $h = xW + b$ 를 계산해요.\n\n$$\\sigma(x) = \\frac{1}{1 + e^{-x}}$$"),
            code(KOREAN_SETUP),
            code(KOREAN_CODE, outputs=[_stream("h를 직접 계산: 2.0000, 그리고 4.0 끝\n"), _result("array([2., 4.])")]),
            md("## 탐색기\n\n$\\text{손실}\\ L = 0.55$", metadata={"tags": ["teacher-only"]}),
            code("sigmoid_explorer()", outputs=_explorer("SigmoidExplorer(w=1.00, b=0.00): x = 0에서 출력 σ(b) = 0.500")),
            code("check_h2(h2)", outputs=[_result("… 아직이에요: h2가 아직 자리 표시자예요.\n  힌트: ...을 0.5 같은 숫자 두 개로 바꿔요.")]),
        ]
    else:
        cells = [
            md("# 01 · Forward propagation\n\nOne layer computes $h = xW + b$.\n\n"
               "$$\\sigma(x) = \\frac{1}{1 + e^{-x}}$$"),
            code(ENGLISH_SETUP),
            code(ENGLISH_CODE, outputs=[_stream("h written out: 2.0000 and 4.0 done\n"), _result("array([2., 4.])")]),
            md("## The explorer\n\n$\\text{loss}\\ L = 0.55$", metadata={"tags": ["teacher-only"]}),
            code("sigmoid_explorer()",
                 outputs=_explorer("SigmoidExplorer(w=1.00, b=0.00): output at x = 0 is σ(b) = 0.500")),
            code("check_h2(h2)", outputs=[_result("… not done yet: h2 is still a placeholder.\n"
                                                  "  hint: replace ... with two numbers such as 0.5.")]),
        ]
    return nbformat.v4.new_notebook(cells=cells)


def _pair(tmp_path, change=None, name="01-forward-propagation.ipynb"):
    """Write the made-up pair into tmp_path/notebooks and tmp_path/notebooks/ko; ``change(korean_nb)`` makes drift."""
    english_dir, korean_dir = tmp_path / "notebooks", tmp_path / "notebooks" / "ko"
    korean_dir.mkdir(parents=True, exist_ok=True)
    korean = _notebook(korean=True)
    if change:
        change(korean)
    nbformat.write(_notebook(), str(english_dir / name))
    nbformat.write(korean, str(korean_dir / name))
    return english_dir / name, korean_dir / name


def _all_problems(english, korean):
    return (pairing_problems(english.parent, korean.parent) + cell_problems(english, korean)
            + code_problems(english, korean) + output_problems(english, korean) + markdown_problems(english, korean))


def _only_problem(english, korean, *words):
    """The one problem the pair has, checked to name the notebook and to hold ``words``."""
    problems = _all_problems(english, korean)
    assert len(problems) >= 1, "the drift was not noticed"
    assert all(english.name in p for p in problems), problems
    joined = " ".join(problems)
    assert all(w in joined for w in words), problems
    return problems


class TestAMadeUpPair:
    def test_twins_that_agree_pass(self, tmp_path):
        """A Korean twin that differs only in strings, comments, line breaks and prose has no problem."""
        english, korean = _pair(tmp_path)
        assert _all_problems(english, korean) == []

    def test_a_missing_twin_is_named(self, tmp_path):
        """A notebook in one edition only is named, whichever edition lacks it."""
        english, korean = _pair(tmp_path)
        nbformat.write(_notebook(), str(english.parent / "02-loss.ipynb"))
        nbformat.write(_notebook(korean=True), str(korean.parent / "03-derivatives.ipynb"))
        problems = pairing_problems(english.parent, korean.parent)
        assert problems == ["02-loss.ipynb has no Korean twin in ko/.",
                            "ko/03-derivatives.ipynb has no English twin in notebooks/."]


    def test_a_print_split_into_two_streams_still_lines_up(self, tmp_path):
        """A kernel may send one print as two stream outputs: the results after it still pair with their twins."""
        def change(nb):
            nb.cells[2].outputs = [_stream("h를 직접 계산: 2.0000, "), _stream("그리고 4.0 끝\n"), _result("array([2., 4.])")]
        english, korean = _pair(tmp_path, change)
        assert _all_problems(english, korean) == []

    def test_a_cut_explorer_text_compares_what_both_show(self, tmp_path):
        """ipywidgets cuts a long text/plain at 110 characters ("…"), possibly inside a number: only the numbers both
        editions show whole are compared, and a different one among them still fails."""
        def cut(text):
            def change(nb):
                nb.cells[4].outputs = _explorer(text)
            return change
        english, korean = _pair(tmp_path, cut("SigmoidExplorer(w=1.00, b=0.00): x = 0에서 출력 σ(b) = 0.500"))
        nbformat.write(nbformat.v4.new_notebook(cells=[*_notebook().cells[:4], nbformat.v4.new_code_cell(
            "sigmoid_explorer()", outputs=_explorer("SigmoidExplorer(w=1.00, b=0.00): output at x = 0 is σ(b) = 0.5…")),
            _notebook().cells[5]]), str(english))
        assert _all_problems(english, korean) == []
        english, korean = _pair(tmp_path, cut("SigmoidExplorer(w=2.00, b=0.00): x = 0에서 출력 σ(b) = 0.500"))
        nbformat.write(nbformat.v4.new_notebook(cells=[*_notebook().cells[:4], nbformat.v4.new_code_cell(
            "sigmoid_explorer()", outputs=_explorer("SigmoidExplorer(w=1.00, b=0.00): output at x = 0 is σ(b) = 0.5…")),
            _notebook().cells[5]]), str(english))
        _only_problem(english, korean, "cut", "2.00")


class TestCodeDrift:
    def test_a_changed_number_in_code_fails(self, tmp_path):
        """A number changed in one edition's code is named with its cell."""
        def change(nb):
            nb.cells[2].source = nb.cells[2].source.replace("x * 2", "x * 3")
        _only_problem(*_pair(tmp_path, change), "cell 2 (code)", "'2'", "'3'")

    def test_a_changed_fstring_field_fails(self, tmp_path):
        """An f-string whose {...} field differs fails, though its literal text may differ freely."""
        def change(nb):
            nb.cells[2].source = nb.cells[2].source.replace("{h[0]:.4f}", "{h[0]:.3f}")
        _only_problem(*_pair(tmp_path, change), "cell 2 (code)", "{h[0]:.4f}", "{h[0]:.3f}")

    def test_a_changed_conversion_fails(self, tmp_path):
        """An f-string field's conversion (!r) is part of the code."""
        def change(nb):
            nb.cells[2].source = nb.cells[2].source.replace("{h[1]!r}", "{h[1]}")
        _only_problem(*_pair(tmp_path, change), "cell 2 (code)", "{h[1]!r}")

    def test_a_changed_magic_fails(self, tmp_path):
        """An IPython magic line is compared as written."""
        def change(nb):
            nb.cells[1].source = nb.cells[1].source.replace("%matplotlib inline", "%matplotlib widget")
        _only_problem(*_pair(tmp_path, change), "cell 1 (code)", "%matplotlib widget")

    def test_the_language_switch_is_a_string(self, tmp_path):
        """set_language("ko") against set_language("en") is a string literal apart: not a drift."""
        assert code_tokens('nnkit.set_language("en")') == code_tokens("nnkit.set_language('ko')  # 한국어")

    def test_an_added_statement_fails(self, tmp_path):
        """An extra line of code in one edition fails."""
        def change(nb):
            nb.cells[2].source += "\nprint(h.sum())"
        _only_problem(*_pair(tmp_path, change), "cell 2 (code)", "the end of the cell")

    def test_fields_are_the_same_on_every_python(self):
        """An f-string's fields come out the same whether the tokenizer splits it (3.12) or not."""
        items = code_tokens('print(f"a {x + 1:>{width}.2f} b {y!r}" "c")\n')
        assert ("STRING", (("x + 1", -1, ">{width}.2f"), ("y", 114, ""))) in items


class TestCellDrift:
    def test_a_missing_cell_fails(self, tmp_path):
        """A cell missing from one edition stops the comparison with one sentence naming the cell."""
        def change(nb):
            del nb.cells[3]
        problems = _only_problem(*_pair(tmp_path, change), "cell 3", "6 cells in English, 5 in Korean")
        assert len({p for p in problems}) <= 4  # one per kind of comparison, no cascade

    def test_a_changed_tag_fails(self, tmp_path):
        """A metadata tag present in one edition only is named."""
        def change(nb):
            nb.cells[3].metadata["tags"] = []
        _only_problem(*_pair(tmp_path, change), "cell 3 (markdown)", "'tags'", "teacher-only")


class TestOutputDrift:
    def test_a_changed_stored_number_fails(self, tmp_path):
        """A result whose stored number differs is named, with the numbers."""
        def change(nb):
            nb.cells[2].outputs[1]["data"]["text/plain"] = "array([2., 4.5])"
        _only_problem(*_pair(tmp_path, change), "cell 2 (code)", "result", "4.5")

    def test_a_changed_printed_number_fails(self, tmp_path):
        """A printed line whose numbers differ is named."""
        def change(nb):
            nb.cells[2].outputs[0]["text"] = "h를 직접 계산: 2.0001, 그리고 4.0 끝\n"
        _only_problem(*_pair(tmp_path, change), "stdout", "2.0001")

    def test_a_missing_picture_fails(self, tmp_path):
        """An explorer cell without its stored picture differs in the kinds of its outputs."""
        def change(nb):
            nb.cells[4].outputs = _explorer("SigmoidExplorer(w=1.00, b=0.00): σ(b) = 0.500, x = 0", picture=False)
        _only_problem(*_pair(tmp_path, change), "cell 4 (code)", "in kind")

    def test_another_explorer_fails(self, tmp_path):
        """Another explorer in the same cell is named."""
        def change(nb):
            nb.cells[4].outputs = _explorer("TangentExplorer(x0=2.00): slope = 4.00")
        _only_problem(*_pair(tmp_path, change), "SigmoidExplorer", "TangentExplorer")

    def test_a_warning_in_one_edition_is_quoted(self, tmp_path):
        """A stderr stream in one edition only (a warning) fails, its first line quoted."""
        def change(nb):
            nb.cells[2].outputs.insert(1, _stream("/x.py:1: MissingTextWarning: no 'ko' sentence\n", "stderr"))
        _only_problem(*_pair(tmp_path, change), "cell 2 (code)", "only Korean has stderr", "MissingTextWarning")

    def test_an_explorer_with_other_numbers_fails(self, tmp_path):
        """An explorer whose text holds another number fails; the order of its numbers is free."""
        def change(nb):
            nb.cells[4].outputs = _explorer("SigmoidExplorer(w=2.00, b=0.00): σ(b) = 0.500, x = 0")
        _only_problem(*_pair(tmp_path, change), "SigmoidExplorer text", "1.00", "2.00")

    def test_a_verdict_with_another_mark_or_decimal_fails(self, tmp_path):
        """A verdict whose mark or decimal numbers differ fails; its whole numbers are wording."""
        def change(nb):
            nb.cells[5].outputs = [_result("✗ h2가 틀렸어요: 0.6 같은 숫자 두 개로 바꿔요.")]
        _only_problem(*_pair(tmp_path, change), "cell 5 (code)", "'…'", "'✗'", "0.6")

    def test_a_verdict_may_write_numbers_as_words(self):
        """"two numbers such as 0.5" and "0.5 같은 숫자 2개" agree: whole numbers in a verdict are exempt."""
        source = "check_h2(h2)"
        english = [_result("… not done yet: give two decimals such as 0.5.")]
        korean = [_result("… 아직이에요: 0.5처럼 소수 2자리로 써요.")]
        assert output_differences(source, english, korean) == []

    def test_numbers_glued_to_letters_are_names(self):
        """h1, W2 and x0 are names; 27개 is a number."""
        assert numbers("h1 = 1.1000, W2 (2, 4), x0=−1.00: 27개, 1e-7") == ["1.1000", "2", "4", "-1.00", "27", "1e-7"]


class TestMarkdownDrift:
    def test_a_changed_formula_fails(self, tmp_path):
        """A formula changed in one edition's prose is named with both versions."""
        def change(nb):
            nb.cells[0].source = nb.cells[0].source.replace("$h = xW + b$", "$h = Wx + b$")
        _only_problem(*_pair(tmp_path, change), "cell 0 (markdown)", "$h = xW + b$", "$h = Wx + b$")

    def test_a_dropped_display_formula_fails(self, tmp_path):
        """A display formula left out of one edition is named."""
        def change(nb):
            nb.cells[0].source = nb.cells[0].source.split("$$")[0]
        _only_problem(*_pair(tmp_path, change), "cell 0 (markdown)", "frac")

    def test_a_changed_heading_level_fails(self, tmp_path):
        """A heading one level lower in one edition is named."""
        def change(nb):
            nb.cells[3].source = nb.cells[3].source.replace("## 탐색기", "### 탐색기")
        _only_problem(*_pair(tmp_path, change), "cell 3 (markdown)", "[2]", "[3]")

    def test_dollars_in_code_are_not_formulas(self):
        """A `$` inside a code span or fence is not a formula, and \\text{…} words may be translated."""
        assert formulas("`echo $HOME` and $a$ and\n```\n$ pip install\n```\n$\\text{손실} = 1$") == Counter(
            ["$a$", "$\\text{…} = 1$"])


    def test_a_sentence_end_inside_a_formula_is_punctuation(self):
        """"$$y\\,(1 - y),$$" and "$$y\\,(1 - y)$$" are one formula; "$2x.$" and "$2x$" too."""
        assert formulas("$$y\\,(1 - y),$$ and $2x .$") == formulas("$$y\\,(1 - y)$$ 그리고 $2x$")
        assert formulas("$a\\,.$") == Counter(["$a$"])


class TestEnglishInKoreanOutputs:
    def test_a_fallback_sentence_is_found(self, tmp_path):
        """A Korean output showing an English template (a missing translation) is named with the fragment."""
        english, korean = _pair(tmp_path, lambda nb: nb.cells[5].outputs.__setitem__(
            0, _result("… not done yet: h2 is still a placeholder.")))
        fragments = english_fragments(["{name} is still a placeholder.",
                                       "replace ... with {number} and run the cell again."])
        assert fragments == ["and run the cell again", "is still a placeholder"]
        problems = english_in_outputs(korean, fragments)
        assert problems == ["ko/01-forward-propagation.ipynb, cell 5 (code): a stored output holds the kit's "
                            "English 'is still a placeholder'."]

    def test_korean_outputs_pass(self, tmp_path):
        """The made-up Korean twin, all in Korean, holds no English fragment."""
        _, korean = _pair(tmp_path)
        assert english_in_outputs(korean, english_fragments(["{name} is still a placeholder."])) == []

    def test_a_phrase_the_korean_table_keeps_is_allowed(self):
        """A fragment that a Korean template itself uses (code kept in English) is not counted."""
        assert english_fragments(["end it with return dx."], ["end it with return dx 로 끝내요."]) == []
        assert english_fragments(["end it with return dx."], ["return dx 로 끝내요."]) == ["end it with return dx"]

    def test_a_word_glued_to_a_field_is_left_out(self):
        """In "{n}th layer of the net" the fragment starts at "layer"."""
        assert template_fragments("the {n}th layer of the net") == ["layer of the net"]
