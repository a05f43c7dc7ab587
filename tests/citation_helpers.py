"""Sources and blocks that cite them, for the tests of issue 22 (sources, citations, footnotes)."""

TAUBMAN = {
    "key": "taubman2003",
    "kind": "book",
    "authors": "Taubman, William",
    "title": "Khrushchev: The Man and His Era",
    "publisher": "W. W. Norton",
    "place": "New York",
    "date": "2003",
}
KOTKIN = {
    "key": "kotkin1995",
    "kind": "book",
    "authors": "Kotkin, Stephen",
    "title": "Magnetic Mountain: Stalinism as a Civilization",
    "publisher": "University of California Press",
    "place": "Berkeley",
    "date": "1995",
}


def primary_source(source="", pages=""):
    return (
        "primary_source_block",
        {
            "title": "Letter from the Virgin Lands",
            "publication": "",
            "date": "",
            "url": "",
            "excerpt": "The steppe was ploughed to the horizon.",
            "source": source,
            "pages": pages,
        },
    )
