"""The only ways in to the discussion: our own form views, xtd's mute link, and our comment permalink redirect.

django-comments' stock post view and xtd's REST API are deliberately not routed.
"""

from django.urls import path
from django_comments_xtd import views as xtd_views

from discussion import views

urlpatterns = [
    path("post/", views.post_comment, name="comments-post-comment"),
    path("on/<int:post_id>/", views.comment_page, name="comment-page"),
    path("reply/<int:comment_id>/", views.reply_page, name="comments-xtd-reply"),
    path("form/<int:post_id>/", views.form_fragment, name="comment-form-fragment"),
    path("confirm/<str:key>/", views.confirm, name="comments-xtd-confirm"),
    path("mute/<str:key>/", xtd_views.mute, name="comments-xtd-mute"),
    path("like/<int:comment_id>/", views.like, name="comments-xtd-like"),
    path("flag/<int:comment_id>/", views.flag, name="comments-flag"),
    path("cr/<int:content_type_id>/<str:object_id>/", views.permalink, name="comments-url-redirect"),
]
