"""RSS of approved comments: one post's discussion, or the latest across a course. Names, never emails."""

from django.contrib.syndication.views import Feed
from django.db.models import CharField
from django.db.models.functions import Cast
from django.utils.feedgenerator import Rss201rev2Feed

from blog.comments.tree import approved_comments, public_comments

FEED_LENGTH = 30


class CommentFeed(Feed):
    feed_type = Rss201rev2Feed

    def __init__(self, scope):
        super().__init__()
        self.scope = scope

    def __call__(self, request, *args, **kwargs):
        self.request = request
        return super().__call__(request, *args, **kwargs)

    def title(self):
        return f"Comments on {self.scope.title}"

    def link(self):
        return self.scope.get_full_url(self.request)

    def description(self):
        return f"The latest approved comments on {self.scope.title}"

    def items(self):
        from blog.models import StudentPostPage

        if isinstance(self.scope, StudentPostPage):
            comments, posts = public_comments(self.scope), {self.scope.pk: self.scope}
        else:
            readable = StudentPostPage.objects.published_under(self.scope).annotate(key=Cast("pk", CharField()))
            comments = approved_comments().filter(object_pk__in=readable.values("key"))
            posts = None
        comments = list(comments.order_by("-submit_date")[:FEED_LENGTH])
        if posts is None:
            wanted = {int(comment.object_pk) for comment in comments}
            posts = StudentPostPage.objects.filter(pk__in=wanted).defer_streamfields().in_bulk()
        for comment in comments:
            comment.post = posts[int(comment.object_pk)]
        return comments

    def item_title(self, item):
        return f"{item.user_name} on “{item.post.title}”"

    def item_description(self, item):
        return item.comment

    def item_link(self, item):
        return f"{item.post.get_full_url(self.request)}#c{item.pk}"

    def item_guid(self, item):
        return self.item_link(item)

    def item_pubdate(self, item):
        return item.submit_date

    def item_author_name(self, item):
        return item.user_name
