"""Sources pasted as BibTeX or RIS (issue 22): what Zotero exports becomes the post's sources when the post is
saved, with their short names (the BibTeX keys; for RIS, the first author and year), a name already taken made
unique, and blocks may cite them in the same save. Text that is neither, or BibTeX that breaks off, is refused
with a message that says what to do, and nothing is saved."""

import pytest
from wagtail.models import Page
from wagtail.test.utils.form_data import inline_formset, streamfield

from blog.source_import import SourceImportError, parse_sources
from tests.editorial_helpers import *  # noqa: F403
from tests.editorial_helpers import edit_form

pytestmark = pytest.mark.django_db

# As Zotero 7 exports them (Export Items… → BibTeX), LaTeX escapes and all.
BIBTEX = r"""
@book{taubman_khrushchev_2003,
	address = {New York},
	title = {Khrushchev: {The} Man and His Era},
	isbn = {978-0-393-05144-1},
	publisher = {W. W. Norton},
	author = {Taubman, William},
	year = {2003},
}

@article{jones_secret_2008,
	title = {From the {Secret} {Speech} to the Burial of {Stalin}},
	volume = {9},
	number = {2},
	journal = {Kritika},
	author = {Jones, Polly and Dobson, Miriam},
	year = {2008},
	pages = {303--340},
	urldate = {2026-11-03},
	url = {https://example.org/kritika},
}

@incollection{dobson_post-stalin_2006,
	address = {Cambridge},
	title = {The Post-Stalin Era},
	booktitle = {The {Cambridge} History of {Russia}},
	publisher = {Cambridge University Press},
	author = {Dobson, Miriam},
	editor = {Suny, Ronald Grigor},
	year = {2006},
	pages = {100--120},
}

@book{pasternak_1957,
	title = {Doktor Zhivago},
	author = {Pasternak, Boris and Pasternak, Bori{\v s}},
	year = {1957},
}
"""
# Export Items… → RIS (each line "TAG  - value"; an entry ends with "ER  - ", its trailing space and all).
RIS = "\n".join(
    [
        "TY  - BOOK",
        "TI  - Воспоминания",
        "AU  - Хрущёв, Никита Сергеевич",
        "PY  - 1997",
        "CY  - Москва",
        "PB  - Вагриус",
        "ER  - ",
        "",
        "TY  - NEWS",
        "TI  - Khrushchev Speech Text",
        "T2  - New York Times",
        "DA  - 1956/06/05/",
        "ER  - ",
        "",
        "TY  - ELEC",
        "TI  - Khrushchev's Secret Speech",
        "T2  - Wilson Center Digital Archive",
        "UR  - https://digitalarchive.wilsoncenter.org/document/115995",
        "Y2  - 2026/11/03/",
        "ER  - ",
        "",
    ]
)


def test_zotero_bibtex_becomes_sources_with_their_keys():
    sources = {source["key"]: source for source in parse_sources(BIBTEX)}
    assert list(sources) == [
        "taubman_khrushchev_2003",
        "jones_secret_2008",
        "dobson_post-stalin_2006",
        "pasternak_1957",
    ]
    taubman, jones, dobson, pasternak = sources.values()
    assert (taubman["kind"], taubman["authors"], taubman["title"], taubman["place"], taubman["date"]) == (
        "book",
        "Taubman, William",
        "Khrushchev: The Man and His Era",
        "New York",
        "2003",
    )
    assert jones["authors"] == "Jones, Polly\nDobson, Miriam"
    assert (jones["kind"], jones["container"], jones["volume"], jones["issue"], jones["pages"]) == (
        "article",
        "Kritika",
        "9",
        "2",
        "303–340",
    )
    assert (jones["url"], jones["accessed"]) == ("https://example.org/kritika", "2026-11-03")
    assert (dobson["kind"], dobson["container"], dobson["editors"]) == (
        "chapter",
        "The Cambridge History of Russia",
        "Suny, Ronald Grigor",
    )
    assert pasternak["authors"].splitlines()[1] == "Pasternak, Boriš", "LaTeX accents decoded"


def test_zotero_ris_becomes_sources_named_by_author_and_year():
    memoirs, news, site = parse_sources(RIS)
    assert (memoirs["key"], memoirs["authors"], memoirs["title"], memoirs["place"]) == (
        "хрущёв1997",
        "Хрущёв, Никита Сергеевич",
        "Воспоминания",
        "Москва",
    )
    assert (news["kind"], news["container"], news["date"]) == ("newspaper", "New York Times", "1956-06-05")
    assert (site["kind"], site["url"], site["accessed"]) == (
        "website",
        "https://digitalarchive.wilsoncenter.org/document/115995",
        "2026-11-03",
    )


def test_a_short_name_already_taken_is_made_unique():
    keys = [source["key"] for source in parse_sources(BIBTEX, taken={"taubman_khrushchev_2003"})]
    assert keys[0] == "taubman_khrushchev_2003-2"


@pytest.mark.parametrize(
    ("pasted", "message"),
    [
        ("Taubman, William. Khrushchev. New York: Norton, 2003.", "This is neither BibTeX"),
        ("@book{taubman,\n title = {Khrushchev,\n", "Part of this BibTeX cannot be read (the entry on line 1)"),
        ("TY  - BOOK\nTI  - Khrushchev\n", "No source could be read"),
        ("".join(f"@book{{b{number}, title={{x}}}}\n" for number in range(101)), "more than 100 sources"),
    ],
)
def test_what_cannot_be_read_is_refused_with_what_to_do(pasted, message):
    with pytest.raises(SourceImportError, match=message.replace("(", r"\(").replace(")", r"\)")):
        parse_sources(pasted)


def test_a_pasted_source_is_saved_with_the_post_and_cited_in_the_same_save(client, draft, student_a):
    client.force_login(student_a)
    kept = {"key": "memoirs", "kind": "book", "title": "Воспоминания", "authors": "Хрущёв, Никита Сергеевич"}
    block = (
        "primary_source_block",
        {
            "title": "Letter",
            "publication": "",
            "date": "",
            "url": "",
            "excerpt": "",
            "source": "jones_secret_2008",
            "pages": "310",
        },
    )
    form = edit_form(draft, body=streamfield([block]), sources=inline_formset([kept]), paste_sources=BIBTEX)
    assert client.post(f"/admin/pages/{draft.pk}/edit/", form).status_code == 302
    revision = Page.objects.get(pk=draft.pk).get_latest_revision_as_object()
    assert [source.key for source in revision.sources.all()] == [
        "memoirs",
        "taubman_khrushchev_2003",
        "jones_secret_2008",
        "dobson_post-stalin_2006",
        "pasternak_1957",
    ]
    citing = revision.citations()
    assert [citation for _block, citation, _references in citing.blocks] == [
        "Polly Jones and Miriam Dobson, “From the Secret Speech to the Burial of Stalin,” <i>Kritika</i> 9, no. 2 "
        "(2008): 310, https://example.org/kritika."
    ]
    assert len(citing.bibliography) == 1, "only what is cited"


def test_pasting_what_cannot_be_read_saves_nothing(client, draft, student_a):
    client.force_login(student_a)
    before = draft.get_latest_revision().pk
    form = edit_form(draft, paste_sources="Taubman, William. Khrushchev. New York: Norton, 2003.")
    response = client.post(f"/admin/pages/{draft.pk}/edit/", form)
    assert response.status_code == 200
    assert "This is neither BibTeX (entries begin “@book{”) nor RIS" in response.content.decode()
    assert draft.get_latest_revision().pk == before


def test_the_same_form_sent_twice_keeps_each_pasted_source_once(client, draft, student_a):
    """Wagtail's autosave sends the editor's form again while the paste box still holds the text: each save
    rebuilds the sources from the form and the box, so a source never doubles."""
    client.force_login(student_a)
    form = edit_form(draft, paste_sources=BIBTEX)
    for _ in range(2):
        assert client.post(f"/admin/pages/{draft.pk}/edit/", form).status_code == 302
    revision = Page.objects.get(pk=draft.pk).get_latest_revision_as_object()
    keys = [source.key for source in revision.sources.all()]
    assert len(keys) == len(set(keys)) == 4
