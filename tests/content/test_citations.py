"""blog/citations.py cites sources as the Chicago Manual of Style, 17th edition, has it (notes and bibliography,
chapter 14), checked against the Manual's own examples where it has them: for each kind of source a student can
enter, the first note in full, the later notes short (with and without a page), and the bibliography entry, as
the exact HTML a reader gets; Russian names in Latin and Cyrillic letters; two, three, four and eleven authors;
an organisation as author; missing fields; the order of notes (short after the first, never "Ibid.") and of the
bibliography; and hostile text in every field, which comes back as the text typed, with no markup but the
italics the style asks for.

Where citeproc-py cannot be brought to Chicago, a test asserts what it does, under a comment "citeproc-py: ...".
No database: plain unit tests.
"""

import itertools
import re
from dataclasses import fields, replace

import pytest
from bs4 import BeautifulSoup

from blog.citations import KINDS, Citations, SourceData

# --- Sources: Chicago's own examples where it has them (CMOS 17, ch. 14, and its Citation Quick Guide) ------------

TAUBMAN = SourceData(
    kind="book",
    authors="Taubman, William",
    title="Khrushchev: The Man and His Era",
    publisher="W. W. Norton",
    place="New York",
    date="2003",
)
SMITH = SourceData(
    kind="book", authors="Smith, Zadie", title="Swing Time", publisher="Penguin Press", place="New York", date="2016"
)
GORBACHEV = replace(TAUBMAN, title="Gorbachev: His Life and Times", date="2017")
WARD_AND_BURNS = SourceData(
    kind="book",
    authors="Ward, Geoffrey C.\nBurns, Ken",
    title="The War: An Intimate History, 1941–1945",
    publisher="Knopf",
    place="New York",
    date="2007",
)
DRAGON_BOOK = SourceData(
    kind="book",
    authors="Aho, Alfred V.\nSethi, Ravi\nUllman, Jeffrey D.",
    title="Compilers: Principles, Techniques, and Tools",
    publisher="Addison-Wesley",
    place="Reading, MA",
    date="1986",
)
THREE_EDITORS = SourceData(
    kind="book",
    editors="Taubman, William\nKhrushchev, Sergei\nGleason, Abbott",
    title="Nikita Khrushchev",
    publisher="Yale University Press",
    place="New Haven",
    date="2000",
)
BLACK_BOOK = SourceData(
    kind="book",
    authors="Courtois, Stéphane\nWerth, Nicolas\nPanné, Jean-Louis\nPaczkowski, Andrzej\nBartošek, Karel\n"
    "Margolin, Jean-Louis",
    title="The Black Book of Communism: Crimes, Terror, Repression",
    publisher="Harvard University Press",
    place="Cambridge, MA",
    date="1999",
)
DOBSON = SourceData(
    kind="article",
    authors="Dobson, Miriam",
    title="The Post-Stalin Era: De-Stalinization, Daily Life, and Dissent",
    container="Kritika: Explorations in Russian and Eurasian History",
    volume="12",
    issue="4",
    pages="905-924",
    date="2011",
)
SATTERFIELD = SourceData(
    kind="article",
    authors="Satterfield, Susan",
    title="Livy and the Pax Deum",
    container="Classical Philology",
    volume="111",
    issue="2",
    pages="165-176",
    date="2016-04",
)
KELLY = SourceData(
    kind="chapter",
    authors="Kelly, John D.",
    title="Seeing Red: Mao Fetishism, Pax Americana, and the Moral Economy of War",
    container="Anthropology and Global Counterinsurgency",
    editors="Kelly, John D.\nJauregui, Beatrice\nMitchell, Sean T.\nWalton, Jeremy",
    publisher="University of Chicago Press",
    place="Chicago",
    date="2010",
    pages="67-83",
)
CREEL = SourceData(
    kind="archival",
    authors="Creel, George",
    title="Letter to Colonel House",
    date="1918-09-25",
    box_folder="box 18",
    collection="Edward M. House Papers",
    archive="Manuscripts and Archives, Yale University Library",
    place="New Haven, CT",
)
RGANI = SourceData(
    kind="archival",
    authors="Ivanov, Pyotr",
    title="Letter to the Central Committee",
    date="1956-03-02",
    box_folder="f. 5, op. 30, d. 141",
    archive="Russian State Archive of Contemporary History (RGANI)",
    place="Moscow",
)
MANJOO = SourceData(
    kind="newspaper",
    authors="Manjoo, Farhad",
    title="Snap Makes a Bet on the Cultural Supremacy of the Camera",
    container="New York Times",
    date="2017-03-08",
    url="https://www.nytimes.com/2017/03/08/technology/snap-makes-a-bet-on-the-cultural-supremacy-of-the-camera.html",
)
UNSIGNED = SourceData(
    kind="newspaper",
    title="In Texas, Ad Heats Up Race for Governor",
    container="The New York Times",
    date="2002-07-30",
)
YALE = SourceData(
    kind="website",
    title="About Yale: Yale Facts",
    container="Yale University",
    url="https://www.yale.edu/about-yale/yale-facts",
    accessed="2017-05-01",
)
GOOGLE = SourceData(
    kind="website",
    title="Privacy Policy",
    container="Privacy & Terms",
    publisher="Google",
    date="2017-04-17",
    url="https://www.google.com/policies/privacy/",
)
OKEEFFE = SourceData(
    kind="image",
    authors="O'Keeffe, Georgia",
    title="The Cow's Skull: Red, White, and Blue",
    date="1931",
    archive="Metropolitan Museum of Art",
    place="New York",
)
CRANES = SourceData(
    kind="film",
    authors="Kalatozov, Mikhail",
    title="The Cranes Are Flying",
    publisher="Mosfilm",
    place="Moscow",
    date="1957",
)
KHRUSHCHEV = SourceData(
    kind="book",
    authors="Khrushchev, Nikita Sergeevich",
    title="Khrushchev Remembers",
    publisher="Little, Brown",
    place="Boston",
    date="1970",
)
ХРУЩЁВ = SourceData(
    kind="book",
    authors="Хрущёв, Никита Сергеевич",
    title="Воспоминания: Время, люди, власть",
    publisher="Московские новости",
    place="Москва",
    date="1999",
)
ХРУЩЕВ_СЫН = SourceData(
    kind="book",
    authors="Хрущев, Сергей Никитич",
    title="Никита Хрущев: Реформатор",
    publisher="Время",
    place="Москва",
    date="2010",
)
CENTRAL_COMMITTEE = SourceData(
    kind="book",
    authors="Central Committee of the CPSU",
    title="History of the Communist Party of the Soviet Union (Bolsheviks): Short Course",
    publisher="International Publishers",
    place="New York",
    date="1939",
)
ANONYMOUS = SourceData(
    kind="book",
    title="The Anti-Stalin Campaign and International Communism",
    publisher="Columbia University Press",
    place="New York",
    date="1956",
)
SUNY = SourceData(
    kind="book",
    authors="Suny, Ronald Grigor",
    title="The Soviet Experiment: Russia, the USSR, and the Successor States",
    publisher="Oxford University Press",
    place="New York",
    date="1998",
)
SUNY_EDITOR = SourceData(
    kind="book",
    editors="Suny, Ronald Grigor",
    title="The Structure of Soviet History: Essays and Documents",
    publisher="Oxford University Press",
    place="New York",
    date="2003",
)
ELUARD = SourceData(
    kind="book",
    authors="Éluard, Paul",
    title="Capitale de la douleur",
    publisher="Gallimard",
    place="Paris",
    date="1926",
)


def cited(source, page="", later="9"):
    """The notes a reader sees for `source`: the first (at `page`), a later one at `later` and one with no page
    (each after a note citing another source), and its bibliography entry."""
    citations = Citations({"source": source, "other": SMITH})
    first = citations.note("source", page)
    citations.note("other", "315-16")
    with_page = citations.note("source", later)
    citations.note("other", "320")
    without_page = citations.note("source")
    entries = [entry for entry in citations.bibliography() if not entry.startswith("Smith, Zadie.")]
    return first, with_page, without_page, entries


def bibliography(*sources):
    """The bibliography of a text citing each of `sources` once, in this order."""
    citations = Citations({str(number): source for number, source in enumerate(sources)})
    for number in range(len(sources)):
        citations.note(str(number))
    return citations.bibliography()


# --- Each kind of source: first note, short notes, bibliography entry -------------------------------------------


def test_a_book_is_cited_in_full_then_short():
    first, with_page, without_page, entries = cited(TAUBMAN, page="270", later="272")
    assert first == "William Taubman, <i>Khrushchev: The Man and His Era</i> (New York: W. W. Norton, 2003), 270."
    # The short title is the main title, without its subtitle (CMOS 14.32).
    assert with_page == "Taubman, <i>Khrushchev</i>, 272."
    assert without_page == "Taubman, <i>Khrushchev</i>."
    assert entries == ["Taubman, William. <i>Khrushchev: The Man and His Era</i>. New York: W. W. Norton, 2003."]


def test_a_journal_article_gives_volume_issue_year_and_the_pages():
    first, with_page, without_page, entries = cited(DOBSON, page="910", later="912–13")
    assert first == (
        "Miriam Dobson, “The Post-Stalin Era: De-Stalinization, Daily Life, and Dissent,” <i>Kritika: Explorations"
        " in Russian and Eurasian History</i> 12, no. 4 (2011): 910."
    )
    assert with_page == "Dobson, “Post-Stalin Era,” 912–13."
    assert without_page == "Dobson, “Post-Stalin Era.”"
    assert entries == [
        "Dobson, Miriam. “The Post-Stalin Era: De-Stalinization, Daily Life, and Dissent.” <i>Kritika: Explorations"
        " in Russian and Eurasian History</i> 12, no. 4 (2011): 905–24."
    ]


def test_a_journal_article_dated_by_month_shows_month_and_year():
    first, with_page, without_page, entries = cited(SATTERFIELD, page="170", later="172-173")
    assert (
        first == "Susan Satterfield, “Livy and the Pax Deum,” <i>Classical Philology</i> 111, no. 2 (April 2016): 170."
    )
    # Chicago shortens this title to “Livy,” a choice no rule derives; a title without subtitle stays whole.
    assert with_page == "Satterfield, “Livy and the Pax Deum,” 172–73."
    assert without_page == "Satterfield, “Livy and the Pax Deum.”"
    assert entries == [
        "Satterfield, Susan. “Livy and the Pax Deum.” <i>Classical Philology</i> 111, no. 2 (April 2016): 165–76."
    ]


def test_a_chapter_names_its_book_and_editors_and_the_bibliography_gives_its_pages():
    first, with_page, without_page, entries = cited(KELLY, page="77", later="81-82")
    assert first == (
        "John D. Kelly, “Seeing Red: Mao Fetishism, Pax Americana, and the Moral Economy of War,” in <i>Anthropology"
        " and Global Counterinsurgency</i>, ed. John D. Kelly et al. (Chicago: University of Chicago Press, 2010), 77."
    )
    assert with_page == "Kelly, “Seeing Red,” 81–82."
    assert without_page == "Kelly, “Seeing Red.”"
    assert entries == [
        "Kelly, John D. “Seeing Red: Mao Fetishism, Pax Americana, and the Moral Economy of War.” In <i>Anthropology"
        " and Global Counterinsurgency</i>, edited by John D. Kelly, Beatrice Jauregui, Sean T. Mitchell, and Jeremy"
        " Walton, 67–83. Chicago: University of Chicago Press, 2010."
    ]


def test_an_archival_letter_runs_from_the_document_to_the_archive():
    first, with_page, without_page, entries = cited(CREEL)
    assert first == (
        "George Creel, “Letter to Colonel House,” September 25, 1918, box 18, Edward M. House Papers, Manuscripts"
        " and Archives, Yale University Library, New Haven, CT."
    )
    assert with_page == "Creel, “Letter to Colonel House,” 9."
    assert without_page == "Creel, “Letter to Colonel House.”"
    assert entries == [
        "Creel, George. “Letter to Colonel House.” September 25, 1918. Box 18, Edward M. House Papers. Manuscripts"
        " and Archives, Yale University Library, New Haven, CT."
    ]


def test_a_russian_archival_file_is_cited_by_fond_opis_and_delo():
    first, with_page, without_page, entries = cited(RGANI)
    assert first == (
        "Pyotr Ivanov, “Letter to the Central Committee,” March 2, 1956, f. 5, op. 30, d. 141, Russian State"
        " Archive of Contemporary History (RGANI), Moscow."
    )
    assert with_page == "Ivanov, “Letter to the Central Committee,” 9."
    assert without_page == "Ivanov, “Letter to the Central Committee.”"
    assert entries == [
        "Ivanov, Pyotr. “Letter to the Central Committee.” March 2, 1956. F. 5, op. 30, d. 141. Russian State"
        " Archive of Contemporary History (RGANI), Moscow."
    ]


def test_a_signed_newspaper_article_gives_the_newspaper_date_and_url():
    first, with_page, without_page, entries = cited(MANJOO)
    assert first == (
        "Farhad Manjoo, “Snap Makes a Bet on the Cultural Supremacy of the Camera,” <i>New York Times</i>, March 8,"
        f" 2017, {MANJOO.url}."
    )
    # Chicago shortens this title to “Snap Makes a Bet,” a choice no rule derives.
    assert with_page == "Manjoo, “Snap Makes a Bet on the Cultural Supremacy of the Camera,” 9."
    assert without_page == "Manjoo, “Snap Makes a Bet on the Cultural Supremacy of the Camera.”"
    assert entries == [
        "Manjoo, Farhad. “Snap Makes a Bet on the Cultural Supremacy of the Camera.” <i>New York Times</i>, March 8,"
        f" 2017. {MANJOO.url}."
    ]


def test_an_unsigned_newspaper_article_is_listed_under_the_newspaper_without_the():
    first, with_page, without_page, entries = cited(UNSIGNED)
    assert first == "“In Texas, Ad Heats Up Race for Governor,” <i>New York Times</i>, July 30, 2002."
    # The style's short note puts the newspaper where the author would be.
    assert with_page == "<i>New York Times</i>, “In Texas, Ad Heats Up Race for Governor,” 9."
    assert without_page == "<i>New York Times</i>, “In Texas, Ad Heats Up Race for Governor.”"
    assert entries == ["<i>New York Times</i>. “In Texas, Ad Heats Up Race for Governor.” July 30, 2002."]


def test_a_web_page_without_an_owner_is_listed_under_its_site_with_the_access_date():
    first, with_page, without_page, entries = cited(YALE)
    assert (
        first
        == "“About Yale: Yale Facts,” Yale University, accessed May 1, 2017, https://www.yale.edu/about-yale/yale-facts."
    )
    # The style's short note leads with the site, as the bibliography entry does.
    assert with_page == "Yale University, “About Yale,” 9."
    assert without_page == "Yale University, “About Yale.”"
    assert entries == [
        "Yale University. “About Yale: Yale Facts.” Accessed May 1, 2017. https://www.yale.edu/about-yale/yale-facts."
    ]


def test_a_web_page_is_listed_under_its_owner_named_once():
    first, with_page, without_page, entries = cited(GOOGLE)
    assert (
        first
        == "“Privacy Policy,” Privacy &amp; Terms, Google, April 17, 2017, https://www.google.com/policies/privacy/."
    )
    assert with_page == "Google, “Privacy Policy,” 9."
    assert without_page == "Google, “Privacy Policy.”"
    assert entries == [
        "Google. “Privacy Policy.” Privacy &amp; Terms, April 17, 2017. https://www.google.com/policies/privacy/."
    ]


def test_an_artwork_gives_its_date_museum_and_city():
    first, with_page, without_page, entries = cited(OKEEFFE)
    assert first == (
        "Georgia O'Keeffe, <i>The Cow's Skull: Red, White, and Blue</i>, 1931, Metropolitan Museum of Art, New York."
    )
    assert with_page == "O'Keeffe, <i>Cow's Skull</i>, 9."
    assert without_page == "O'Keeffe, <i>Cow's Skull</i>."
    assert entries == [
        "O'Keeffe, Georgia. <i>The Cow's Skull: Red, White, and Blue</i>. 1931. Metropolitan Museum of Art, New York."
    ]


def test_a_film_is_cited_under_its_director():
    first, with_page, without_page, entries = cited(CRANES)
    # citeproc-py: it knows no `director` variable, so the director is cited as the film's author, and without
    # Chicago's "dir." ("Mikhail Kalatozov, dir., <i>The Cranes Are Flying</i>"; CMOS 14.265): the label of a
    # name comes from its variable, and an author's label is empty.
    assert first == "Mikhail Kalatozov, <i>The Cranes Are Flying</i> (Moscow: Mosfilm, 1957)."
    assert with_page == "Kalatozov, <i>Cranes Are Flying</i>, 9."
    assert without_page == "Kalatozov, <i>Cranes Are Flying</i>."
    assert entries == ["Kalatozov, Mikhail. <i>The Cranes Are Flying</i>. Moscow: Mosfilm, 1957."]


# --- Names ------------------------------------------------------------------------------------------------------


def test_a_transliterated_russian_name_is_given_first_in_notes_and_family_first_in_the_bibliography():
    first, with_page, _, entries = cited(KHRUSHCHEV, page="45")
    assert first == "Nikita Sergeevich Khrushchev, <i>Khrushchev Remembers</i> (Boston: Little, Brown, 1970), 45."
    assert with_page == "Khrushchev, <i>Khrushchev Remembers</i>, 9."
    assert entries == ["Khrushchev, Nikita Sergeevich. <i>Khrushchev Remembers</i>. Boston: Little, Brown, 1970."]


def test_a_cyrillic_name_is_ordered_as_the_transliterated_one_and_its_title_keeps_its_own_capitals():
    first, with_page, _, entries = cited(ХРУЩЁВ, page="45")
    assert (
        first
        == "Никита Сергеевич Хрущёв, <i>Воспоминания: Время, люди, власть</i> (Москва: Московские новости, 1999), 45."
    )
    assert with_page == "Хрущёв, <i>Воспоминания</i>, 9."
    assert entries == [
        "Хрущёв, Никита Сергеевич. <i>Воспоминания: Время, люди, власть</i>. Москва: Московские новости, 1999."
    ]


def test_cyrillic_entries_follow_the_latin_alphabet_with_ё_sorted_as_е():
    entries = bibliography(ХРУЩЕВ_СЫН, ХРУЩЁВ, TAUBMAN, KHRUSHCHEV)
    assert [entry.split(".")[0] for entry in entries] == [
        "Khrushchev, Nikita Sergeevich",
        "Taubman, William",
        "Хрущёв, Никита Сергеевич",
        "Хрущев, Сергей Никитич",
    ]


def test_a_name_with_a_diacritic_sorts_with_its_letter():
    entries = bibliography(TAUBMAN, ELUARD, DOBSON)
    assert [entry.split(",")[0] for entry in entries] == ["Dobson", "Éluard", "Taubman"]


def test_a_french_title_is_given_english_title_case():
    (entry,) = bibliography(ELUARD)
    # citeproc-py: CSL gives title case to a title whose item is English or of no stated language, and a student
    # states none; a title in Latin letters cannot be told from English (Chicago: "Capitale de la douleur").
    assert entry == "Éluard, Paul. <i>Capitale De La Douleur</i>. Paris: Gallimard, 1926."


def test_two_authors_are_joined_by_and():
    first, with_page, _, entries = cited(WARD_AND_BURNS, page="52", later="59-61")
    assert first == (
        "Geoffrey C. Ward and Ken Burns, <i>The War: An Intimate History, 1941–1945</i> (New York: Knopf, 2007), 52."
    )
    # An initial "The" leaves the short title (CMOS 14.32: "Ward and Burns, War, 59–61").
    assert with_page == "Ward and Burns, <i>War</i>, 59–61."
    assert entries == [
        "Ward, Geoffrey C., and Ken Burns. <i>The War: An Intimate History, 1941–1945</i>. New York: Knopf, 2007."
    ]


def test_three_authors_are_all_given_in_notes_and_bibliography():
    first, with_page, _, entries = cited(DRAGON_BOOK, page="12")
    assert first == (
        "Alfred V. Aho, Ravi Sethi, and Jeffrey D. Ullman, <i>Compilers: Principles, Techniques, and Tools</i>"
        " (Reading, MA: Addison-Wesley, 1986), 12."
    )
    assert with_page == "Aho, Sethi, and Ullman, <i>Compilers</i>, 9."
    assert entries == [
        "Aho, Alfred V., Ravi Sethi, and Jeffrey D. Ullman. <i>Compilers: Principles, Techniques, and Tools</i>."
        " Reading, MA: Addison-Wesley, 1986."
    ]


def test_three_editors_are_all_given_in_notes_and_bibliography():
    first, with_page, _, entries = cited(THREE_EDITORS)
    assert first == (
        "William Taubman, Sergei Khrushchev, and Abbott Gleason, eds., <i>Nikita Khrushchev</i> (New Haven: Yale"
        " University Press, 2000)."
    )
    assert with_page == "Taubman, Khrushchev, and Gleason, <i>Nikita Khrushchev</i>, 9."
    assert entries == [
        "Taubman, William, Sergei Khrushchev, and Abbott Gleason, eds. <i>Nikita Khrushchev</i>. New Haven: Yale"
        " University Press, 2000."
    ]


def test_four_or_more_authors_are_the_first_and_et_al_in_notes_and_all_in_the_bibliography():
    first, with_page, _, entries = cited(BLACK_BOOK, page="12")
    assert first == (
        "Stéphane Courtois et al., <i>The Black Book of Communism: Crimes, Terror, Repression</i> (Cambridge, MA:"
        " Harvard University Press, 1999), 12."
    )
    assert with_page == "Courtois et al., <i>Black Book of Communism</i>, 9."
    assert entries == [
        "Courtois, Stéphane, Nicolas Werth, Jean-Louis Panné, Andrzej Paczkowski, Karel Bartošek, and Jean-Louis"
        " Margolin. <i>The Black Book of Communism: Crimes, Terror, Repression</i>. Cambridge, MA: Harvard University"
        " Press, 1999."
    ]


def test_more_than_ten_authors_are_the_first_seven_and_et_al_in_the_bibliography():
    authors = "\n".join(f"Author{letter}, {letter}." for letter in "ABCDEFGHIJK")
    first, _, _, entries = cited(SourceData(authors=authors, title="Many Hands", publisher="Norton", date="2000"))
    assert first == "A. AuthorA et al., <i>Many Hands</i> (Norton, 2000)."
    assert entries == [
        "AuthorA, A., B. AuthorB, C. AuthorC, D. AuthorD, E. AuthorE, F. AuthorF, G. AuthorG, et al. <i>Many"
        " Hands</i>. Norton, 2000."
    ]


def test_editors_stand_for_a_missing_author_and_are_named_once():
    first, with_page, _, entries = cited(SUNY_EDITOR)
    assert first == (
        "Ronald Grigor Suny, ed., <i>The Structure of Soviet History: Essays and Documents</i> (New York: Oxford"
        " University Press, 2003)."
    )
    assert with_page == "Suny, <i>Structure of Soviet History</i>, 9."
    assert entries == [
        "Suny, Ronald Grigor, ed. <i>The Structure of Soviet History: Essays and Documents</i>. New York: Oxford"
        " University Press, 2003."
    ]


def test_an_organisation_is_named_as_written():
    first, with_page, _, entries = cited(CENTRAL_COMMITTEE, page="99")
    assert first == (
        "Central Committee of the CPSU, <i>History of the Communist Party of the Soviet Union (Bolsheviks): Short"
        " Course</i> (New York: International Publishers, 1939), 99."
    )
    assert (
        with_page
        == "Central Committee of the CPSU, <i>History of the Communist Party of the Soviet Union (Bolsheviks)</i>, 9."
    )
    assert entries == [
        "Central Committee of the CPSU. <i>History of the Communist Party of the Soviet Union (Bolsheviks): Short"
        " Course</i>. New York: International Publishers, 1939."
    ]


# --- Missing fields ---------------------------------------------------------------------------------------------


def test_a_source_without_a_date_is_marked_nd():
    first, _, _, entries = cited(replace(TAUBMAN, date=""), page="270")
    assert first == "William Taubman, <i>Khrushchev: The Man and His Era</i> (New York: W. W. Norton, n.d.), 270."
    assert entries == ["Taubman, William. <i>Khrushchev: The Man and His Era</i>. New York: W. W. Norton, n.d."]
    assert cited(replace(TAUBMAN, date="n.d."), page="270")[0] == first


def test_an_article_without_a_date_is_marked_nd_in_its_parentheses():
    first, _, _, _ = cited(replace(DOBSON, date=""), page="910")
    assert first.endswith("<i>Kritika: Explorations in Russian and Eurasian History</i> 12, no. 4 (n.d.): 910.")


def test_an_undated_image_is_marked_nd_in_lower_case_even_after_a_full_stop():
    first, _, _, entries = cited(replace(OKEEFFE, date=""))
    assert (
        first
        == "Georgia O'Keeffe, <i>The Cow's Skull: Red, White, and Blue</i>, n.d., Metropolitan Museum of Art, New York."
    )
    # The style writes "n.d." in lower case wherever it stands; Chicago would begin an element "N.d.".
    assert entries == [
        "O'Keeffe, Georgia. <i>The Cow's Skull: Red, White, and Blue</i>. n.d. Metropolitan Museum of Art, New York."
    ]


def test_a_book_without_a_publisher_gives_place_and_date():
    first, _, _, entries = cited(replace(TAUBMAN, publisher=""), page="270")
    assert first == "William Taubman, <i>Khrushchev: The Man and His Era</i> (New York, 2003), 270."
    assert entries == ["Taubman, William. <i>Khrushchev: The Man and His Era</i>. New York, 2003."]
    first, _, _, entries = cited(replace(TAUBMAN, publisher="", place=""), page="270")
    assert first == "William Taubman, <i>Khrushchev: The Man and His Era</i> (2003), 270."
    assert entries == ["Taubman, William. <i>Khrushchev: The Man and His Era</i>. 2003."]


def test_a_work_without_an_author_begins_with_its_title_once_and_sorts_without_the():
    first, with_page, without_page, entries = cited(ANONYMOUS, page="4")
    assert first == (
        "<i>The Anti-Stalin Campaign and International Communism</i> (New York: Columbia University Press, 1956), 4."
    )
    assert with_page == "<i>Anti-Stalin Campaign and International Communism</i>, 9."
    assert without_page == "<i>Anti-Stalin Campaign and International Communism</i>."
    assert entries == [
        "<i>The Anti-Stalin Campaign and International Communism</i>. New York: Columbia University Press, 1956."
    ]
    assert [entry[:12] for entry in bibliography(TAUBMAN, ANONYMOUS, CENTRAL_COMMITTEE)] == [
        "<i>The Anti-",
        "Central Comm",
        "Taubman, Wil",
    ]


def test_a_book_without_a_title_keeps_a_comma_before_its_facts_of_publication():
    first, with_page, without_page, entries = cited(replace(TAUBMAN, title=""), page="270")
    # The style leaves its comma before the parenthesis when the title is missing; the form never lets it be
    # (blog.models.Source.title is required).
    assert first == "William Taubman, (New York: W. W. Norton, 2003), 270."
    assert with_page == "Taubman, 9."
    assert without_page == "Taubman."
    assert entries == ["Taubman, William. New York: W. W. Norton, 2003."]


EXAMPLES = {
    "book": TAUBMAN,
    "article": DOBSON,
    "chapter": KELLY,
    "archival": CREEL,
    "newspaper": MANJOO,
    "website": GOOGLE,
    "image": OKEEFFE,
    "film": CRANES,
}
FIELDS = [field.name for field in fields(SourceData) if field.name not in ("kind", "extra")]
STRAY = re.compile(r"Edition|, ,|,,|\(\)|\( | \)|\.\.|\s[,.:;]|[,:;][.,]|“”|<i></i>|^[,.:;]|: \(")


def without(source, *names):
    return replace(source, **dict.fromkeys(names, ""))


@pytest.mark.parametrize("kind", KINDS)
def test_no_kind_of_source_shows_stray_labels_or_punctuation_when_fields_are_missing(kind):
    example = EXAMPLES[kind]
    filled = [name for name in FIELDS if getattr(example, name) and name != "title"]
    for names in itertools.chain(itertools.combinations(filled, 1), itertools.combinations(filled, 2), [filled]):
        first, with_page, without_page, entries = cited(without(example, *names), page="5")
        for text in (first, with_page, without_page, *entries):
            assert not STRAY.search(text), (names, text)
            assert text.strip(". "), names


# --- The order of notes and of the bibliography -----------------------------------------------------------------


def test_a_source_cited_again_is_short_every_time_and_never_ibid():
    citations = Citations({"taubman": TAUBMAN, "dobson": DOBSON})
    notes = [
        citations.note("taubman", "270"),
        citations.note("taubman", "272"),
        citations.note("taubman", "272"),
        citations.note("dobson", "910"),
        citations.note("taubman", "9"),
        citations.note("taubman"),
        citations.note("taubman"),
    ]
    # Chicago (CMOS 14.34) discourages "Ibid.": a note on the source of the note just before gives the author and
    # the page; after another source's note the short form has the short title too.
    assert notes == [
        "William Taubman, <i>Khrushchev: The Man and His Era</i> (New York: W. W. Norton, 2003), 270.",
        "Taubman, 272.",
        "Taubman, 272.",
        "Miriam Dobson, “The Post-Stalin Era: De-Stalinization, Daily Life, and Dissent,” <i>Kritika: Explorations in"
        " Russian and Eurasian History</i> 12, no. 4 (2011): 910.",
        "Taubman, <i>Khrushchev</i>, 9.",
        "Taubman, <i>Khrushchev</i>.",
        "Taubman.",
    ]
    assert not any("ibid" in note.lower() for note in notes)


def test_only_cited_sources_are_in_the_bibliography():
    citations = Citations({"taubman": TAUBMAN, "dobson": DOBSON, "yale": YALE})
    citations.note("yale")
    citations.note("taubman", "3")
    assert citations.bibliography() == [
        "Taubman, William. <i>Khrushchev: The Man and His Era</i>. New York: W. W. Norton, 2003.",
        "Yale University. “About Yale: Yale Facts.” Accessed May 1, 2017. https://www.yale.edu/about-yale/yale-facts.",
    ]


def test_the_bibliography_is_alphabetical_by_what_stands_first_in_each_entry():
    entries = bibliography(
        ХРУЩЁВ, YALE, UNSIGNED, TAUBMAN, GOOGLE, CENTRAL_COMMITTEE, ANONYMOUS, THREE_EDITORS, MANJOO, DOBSON, KELLY
    )
    assert [re.sub(r"[.,] .*", "", entry) for entry in entries] == [
        "<i>The Anti-Stalin Campaign and International Communism</i>",  # an initial "The" left aside
        "Central Committee of the CPSU",  # an organisation by its name as written
        "Dobson",
        "Google",  # a web page by its owner
        "Kelly",
        "Manjoo",
        "<i>New York Times</i>",  # an unsigned article by its newspaper, "The" dropped
        "Taubman",  # one author before the same author with others (CMOS 14.70)
        "Taubman",
        "Yale University",  # a web page with no owner by its site
        "Хрущёв",  # Cyrillic after the Latin alphabet
    ]
    assert entries[7].startswith("Taubman, William. <i>Khrushchev")
    assert entries[8].startswith("Taubman, William, Sergei Khrushchev, and Abbott Gleason, eds.")


def test_an_author_repeated_from_the_entry_above_is_a_three_em_dash():
    entries = bibliography(TAUBMAN, SUNY_EDITOR, THREE_EDITORS, GORBACHEV, SUNY)
    # CMOS 14.67–68: same name(s), same order: "———." ("———, ed." for the same person as editor); another list of
    # names, even one beginning with the same person, is written out.
    assert entries == [
        "Suny, Ronald Grigor. <i>The Soviet Experiment: Russia, the USSR, and the Successor States</i>. New York:"
        " Oxford University Press, 1998.",
        "———, ed. <i>The Structure of Soviet History: Essays and Documents</i>. New York: Oxford University Press,"
        " 2003.",
        "Taubman, William. <i>Gorbachev: His Life and Times</i>. New York: W. W. Norton, 2017.",
        "———. <i>Khrushchev: The Man and His Era</i>. New York: W. W. Norton, 2003.",
        "Taubman, William, Sergei Khrushchev, and Abbott Gleason, eds. <i>Nikita Khrushchev</i>. New Haven: Yale"
        " University Press, 2000.",
    ]


# --- Hostile input ----------------------------------------------------------------------------------------------

HOSTILE = '<script>alert(1)</script> "><img src=x onerror=alert(1)> &amp; {{ 7*7 }}'
# The same in title case, as the style gives it to a title: words beginning with a small letter are capitalised.
# Volume, issue and pages are numbers to CSL: "&" and "," separate numbers there ("&amp;" would come back "& amp;").
HOSTILE_NUMBER = '<script>alert(1)</script> "><img src=x onerror=alert(1)>'
HOSTILE_TITLE = '<script>alert(1)</script> "><img Src=x Onerror=alert(1)> &amp; {{ 7*7 }}'
# The private-use characters blog/citations.py uses as its marks, typed into the text: dropped, never markup.
MARKS = "".join(chr(code) for code in range(0xE100, 0xE109))
TYPED = f'<script>alert(1)</script> {MARKS}"><img src=x onerror=alert(1)> &amp; {{{{ 7*7 }}}}'
TYPED_NUMBER = f'<script>alert(1)</script> {MARKS}"><img src=x onerror=alert(1)>'
NUMBERS = ("volume", "issue", "pages")
ALLOWED = {"i", "b", "sup", "sub"}


def hostile(kind):
    text_fields = {name: TYPED for name in FIELDS if name not in ("authors", "editors", "url", *NUMBERS)}
    return SourceData(
        kind=kind,
        authors=f"{TYPED}, {TYPED}\n{TYPED}",
        editors=TYPED,
        url="javascript:alert(1)",
        **text_fields,
        **dict.fromkeys(NUMBERS, TYPED_NUMBER),
    )


def escaped(text):
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def read(html):
    """The elements and the text a browser makes of `html`."""
    soup = BeautifulSoup(html, "html.parser")
    return {element.name for element in soup.find_all(True)}, soup.get_text()


@pytest.mark.parametrize("kind", KINDS)
def test_hostile_text_in_every_field_comes_back_as_text(kind):
    citations = Citations({"source": hostile(kind)})
    outputs = [
        citations.note("source", TYPED),
        citations.note("source", TYPED),
        citations.note("source"),
        *citations.bibliography(),
    ]
    assert len(outputs) == 4
    for html in outputs:
        elements, text = read(html)
        assert elements <= ALLOWED, html
        assert not re.search("[\ue000-\uf8ff]", html)
        assert HOSTILE in text
        # Take out every field as typed (or title-cased): what is left is the style's own words and punctuation.
        for typed in (HOSTILE, HOSTILE_TITLE, HOSTILE_NUMBER, "javascript:alert(1)"):
            text = text.replace(typed, "")
        assert not re.search(r"[<>&{}]", text), text


def test_a_hostile_book_reads_back_word_for_word():
    source = SourceData(authors=f"{TYPED}, {TYPED}", title=TYPED, publisher=TYPED, place=TYPED, date=TYPED)
    citations = Citations({"source": source})
    note = citations.note("source", TYPED)
    assert note == (
        f"{escaped(HOSTILE)} {escaped(HOSTILE)}, <i>{escaped(HOSTILE_TITLE)}</i> ({escaped(HOSTILE)}:"
        f" {escaped(HOSTILE)}, {escaped(HOSTILE)}), {escaped(HOSTILE)}."
    )
    assert read(note) == (
        {"i"},
        f"{HOSTILE} {HOSTILE}, {HOSTILE_TITLE} ({HOSTILE}: {HOSTILE}, {HOSTILE}), {HOSTILE}.",
    )
    (entry,) = citations.bibliography()
    assert read(entry)[1] == f"{HOSTILE}, {HOSTILE}. {HOSTILE_TITLE}. {HOSTILE}: {HOSTILE}, {HOSTILE}."


def test_a_javascript_url_is_shown_as_text_not_made_a_link():
    citations = Citations({"page": replace(YALE, url="javascript:alert(1)")})
    note = citations.note("page")
    assert note == "“About Yale: Yale Facts,” Yale University, accessed May 1, 2017, javascript:alert(1)."
    assert read(note)[0] == set()


def test_markup_typed_in_a_title_is_text_and_keeps_its_letters():
    # citeproc-py reads <span class="nocase"> in the text it is given as its own markup, and would drop it.
    title = 'Why <span class="nocase">iPhone</span> <i>and</i> <b>Not</b>'
    citations = Citations({"book": replace(TAUBMAN, title=title)})
    elements, text = read(citations.note("book"))
    assert elements == {"i"}
    assert text == f"William Taubman, {title} (New York: W. W. Norton, 2003)."
