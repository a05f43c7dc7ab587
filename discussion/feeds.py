"""RSS of approved comments: one post's discussion, or the latest across a course. Names, never emails."""

from blog.feeds import PageScopedFeed
from blog.models import CourseSettings
from discussion.templatetags.discussion_tags import comment_text
from discussion.tree import commenter_name, latest_comments

FEED_LENGTH = 30


class CommentFeed(PageScopedFeed):
    route = "comments_feed"

    def title(self):
        return f"Comments on {self.scope.title}"

    def description(self):
        return f"The latest approved comments on {self.scope.title}"

    def items(self):
        return latest_comments(self.scope, FEED_LENGTH)

    def item_title(self, item):
        return f"{commenter_name(item, CourseSettings.name_style(self.request))} on “{item.post.title}”"

    def item_description(self, item):
        # HTML to feed readers: the comment's paragraphs and links, as on the page, its text escaped.
        return comment_text(item.comment)

    def item_link(self, item):
        return f"{item.post.get_full_url(self.request)}#c{item.pk}"

    def item_guid(self, item):
        return self.item_link(item)

    def item_pubdate(self, item):
        return item.submit_date

    def item_author_name(self, item):
        return commenter_name(item, CourseSettings.name_style(self.request))
