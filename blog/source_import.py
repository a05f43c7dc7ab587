"""Sources pasted as BibTeX or RIS, the formats Zotero (and Mendeley, EndNote, library catalogues) export: each
entry becomes a post's source (blog.models.Source's fields), read by bibtexparser and rispy (issue 22)."""

import logging
import re

import bibtexparser
import rispy
from bibtexparser.middlewares import LatexDecodingMiddleware, SeparateCoAuthors, SplitNameParts
from django.utils.text import slugify

MAX_CHARACTERS = 100_000
MAX_SOURCES = 100

BIBTEX_KINDS = {
    "book": "book",
    "mvbook": "book",
    "article": "article",
    "incollection": "chapter",
    "inbook": "chapter",
    "inproceedings": "chapter",
    "online": "website",
    "electronic": "website",
    "www": "website",
    "unpublished": "archival",
    "manuscript": "archival",
    "letter": "archival",
    "artwork": "image",
    "image": "image",
    "movie": "film",
    "video": "film",
    "film": "film",
}
RIS_KINDS = {
    "BOOK": "book",
    "EBOOK": "book",
    "EDBOOK": "book",
    "JOUR": "article",
    "EJOUR": "article",
    "JFULL": "article",
    "CHAP": "chapter",
    "ECHAP": "chapter",
    "NEWS": "newspaper",
    "MGZN": "newspaper",
    "ELEC": "website",
    "WEB": "website",
    "BLOG": "website",
    "ART": "image",
    "FIGURE": "image",
    "MAP": "image",
    "MPCT": "film",
    "VIDEO": "film",
    "MANSCPT": "archival",
    "UNPB": "archival",
    "PCOMM": "archival",
    "GOVDOC": "archival",
}
# Source's fields and their lengths: what an entry gives is cut to fit.
LENGTHS = {
    "authors": 2000,
    "title": 500,
    "container": 500,
    "editors": 1000,
    "publisher": 300,
    "place": 200,
    "date": 40,
    "volume": 40,
    "issue": 40,
    "pages": 40,
    "archive": 300,
    "collection": 300,
    "box_folder": 200,
    "url": 1000,
}
RIS_DATE = re.compile(r"^(\d{4})(?:[/-](\d{1,2}))?(?:[/-](\d{1,2}))?")


class SourceImportError(ValueError):
    """What was pasted is neither BibTeX nor RIS, or holds an entry that cannot be read: the message says which."""


def parse_sources(text, taken=()):
    """[{Source's field: value}] for each entry in `text` (BibTeX or RIS), each with a short name not in `taken`."""
    text = (text or "").strip()
    if not text:
        return []
    if len(text) > MAX_CHARACTERS:
        raise SourceImportError(f"That is more than {MAX_CHARACTERS:,} characters: paste fewer sources at a time.")
    if re.search(r"^\s*TY\s+-", text, re.M):
        sources = from_ris(text)
    elif re.search(r"^\s*@\w+\s*[{(]", text, re.M):
        sources = from_bibtex(text)
    else:
        raise SourceImportError(
            "This is neither BibTeX (entries begin “@book{”) nor RIS (entries begin “TY  - ”): in Zotero, "
            "export the items as BibTeX or RIS and paste the file's text."
        )
    if not sources:
        raise SourceImportError("No source could be read from what was pasted.")
    if len(sources) > MAX_SOURCES:
        raise SourceImportError(f"That is more than {MAX_SOURCES} sources: paste fewer at a time.")
    taken = set(taken)
    for source in sources:
        source["key"] = unique_key(source.pop("key_hint", ""), source, taken)
        taken.add(source["key"])
        for name, length in LENGTHS.items():
            value = str(source.get(name) or "").strip()
            source[name] = (value if name in NAMES else " ".join(value.split()))[:length]
        accessed = source.get("accessed") or ""
        source["accessed"] = accessed if len(accessed) == 10 else None  # a day, or none
    return sources


NAMES = {"authors", "editors"}


def unique_key(hint, source, taken):
    base = slugify(hint, allow_unicode=True)[:36] or slugify(author_year(source), allow_unicode=True)[:36] or "source"
    key, number = base, 1
    while key in taken:
        number += 1
        key = f"{base}-{number}"
    return key


def author_year(source):
    first = (source.get("authors") or source.get("editors") or source.get("title") or "").splitlines()
    family = first[0].split(",")[0] if first else ""
    return f"{family}{(source.get('date') or '')[:4]}"


def from_bibtex(text):
    library = bibtexparser.parse_string(
        text, append_middleware=[LatexDecodingMiddleware(), SeparateCoAuthors(), SplitNameParts()]
    )
    if library.failed_blocks:
        line = getattr(library.failed_blocks[0], "start_line", None)
        where = f" (the entry on line {line + 1})" if isinstance(line, int) else ""
        raise SourceImportError(f"Part of this BibTeX cannot be read{where}: check its braces and commas.")
    sources = []
    for entry in library.entries:
        fields = {field.key.lower(): field.value for field in entry.fields}
        kind = BIBTEX_KINDS.get(entry.entry_type.lower(), "book")
        if kind == "article" and "newspaper" in str(fields.get("entrysubtype", "")).lower():
            kind = "newspaper"
        sources.append(
            {
                "key_hint": entry.key,
                "kind": kind,
                "authors": bibtex_names(fields.get("author") or fields.get("director")),
                "editors": bibtex_names(fields.get("editor")),
                "title": text_of(fields.get("title")),
                "container": text_of(
                    fields.get("journal")
                    or fields.get("journaltitle")
                    or fields.get("booktitle")
                    or fields.get("howpublished")
                    if kind != "archival"
                    else ""
                ),
                "publisher": text_of(
                    fields.get("publisher") or fields.get("institution") or fields.get("organization")
                ),
                "place": text_of(fields.get("address") or fields.get("location")),
                "date": bibtex_date(fields),
                "volume": text_of(fields.get("volume")),
                "issue": text_of(fields.get("number") or fields.get("issue")),
                "pages": text_of(fields.get("pages")).replace("--", "–"),
                "archive": text_of(fields.get("archive") or (fields.get("institution") if kind == "archival" else "")),
                "collection": text_of(fields.get("series") if kind == "archival" else ""),
                "box_folder": text_of(fields.get("archive_location") or fields.get("archivelocation")),
                "url": text_of(fields.get("url")),
                "accessed": iso_date(text_of(fields.get("urldate"))),
            }
        )
    return sources


def text_of(value):
    return " ".join(str(value or "").replace("{", "").replace("}", "").split())


def bibtex_names(value):
    """bibtexparser's NameParts as one name a line, family name first."""
    if not value:
        return ""
    if isinstance(value, str):
        return "\n".join(text_of(name) for name in re.split(r"\s+and\s+", value))
    lines = []
    for name in value:
        family = " ".join([*name.von, *name.last])
        given = " ".join(name.first + ([", ".join(name.jr)] if name.jr else []))
        lines.append(text_of(f"{family}, {given}" if given else family))
    return "\n".join(lines)


MONTHS = {
    month: number
    for number, month in enumerate(
        ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"), start=1
    )
}


def bibtex_date(fields):
    date = text_of(fields.get("date"))
    if date:
        return iso_date(date) or date
    year = text_of(fields.get("year"))
    month = MONTHS.get(text_of(fields.get("month"))[:3].lower())
    return f"{year}-{month:02d}" if year and month else year


def iso_date(text):
    """ "2008/02/25/", "2008-2-25" or "2008" as 2008-02-25, 2008-02 or 2008; "" when it is none of them."""
    match = RIS_DATE.match(text or "")
    if not match:
        return ""
    year, month, day = match.groups()
    return "-".join([year, *(f"{int(part):02d}" for part in (month, day) if part)])


def from_ris(text):
    try:
        entries = rispy.loads(text)
    except Exception as error:  # rispy raises IOError and others on text it cannot read
        logging.getLogger(__name__).info("RIS not read: %s", error)
        raise SourceImportError("This RIS cannot be read: each entry needs “TY  - ” first and “ER  - ” last.") from None
    sources = []
    for entry in entries:
        kind = RIS_KINDS.get(str(entry.get("type_of_reference", "")).upper(), "book")
        authors = entry.get("authors") or entry.get("first_authors") or []
        pages = "–".join(filter(None, (entry.get("start_page"), entry.get("end_page"))))
        urls = entry.get("urls") or []
        sources.append(
            {
                "key_hint": entry.get("id", ""),
                "kind": kind,
                "authors": "\n".join(authors),
                "editors": "\n".join(entry.get("secondary_authors") or entry.get("editors") or [])
                if kind == "chapter"
                else "",
                "title": text_of(entry.get("title") or entry.get("primary_title")),
                "container": text_of(
                    entry.get("secondary_title") or entry.get("journal_name") or entry.get("alternate_title3")
                ),
                "publisher": text_of(entry.get("publisher")),
                "place": text_of(entry.get("place_published")),
                "date": iso_date(text_of(entry.get("date")))
                or iso_date(text_of(entry.get("year")))
                or iso_date(text_of(entry.get("publication_year"))),
                "volume": text_of(entry.get("volume")),
                "issue": text_of(entry.get("number")),
                "pages": pages,
                "archive": text_of(entry.get("custom3") or entry.get("archive")) if kind == "archival" else "",
                "box_folder": text_of(entry.get("archive_location") or entry.get("call_number"))
                if kind == "archival"
                else "",
                "url": text_of(urls[0] if urls else ""),
                "accessed": iso_date(text_of(entry.get("access_date"))),
            }
        )
    return sources
