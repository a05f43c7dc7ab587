import pytest
from tests.factories import StudentPostPageFactory, ImageFactory, embed_value, bibliography_value

pytestmark = pytest.mark.django_db

def test_exp(make_post, make_draft, unit, course):
    p = make_post(title="A", tags=["thaw"], body__0__paragraph_block__value="<p>purges here</p>",
                  body__1__heading_block__text="Hi", body__2="image_block", body__3="quote_block")
    print(p.live, p.first_published_at, p.url, list(p.tags.all()), p.body.raw_data, p.author, p.owner)
    d = make_draft(title="D")
    print(d.live, d.first_published_at, d.has_unpublished_changes, d.latest_revision)
    q = make_post(title="B", body=[("paragraph_block", "<p>x</p>"), ("embed_block", embed_value("https://www.youtube.com/watch?v=abc")), ("bibliography_block", bibliography_value("A", "B"))])
    print(q.body.raw_data)
    print(course.url, unit.url, q.url)
