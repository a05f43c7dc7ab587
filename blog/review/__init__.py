"""The editorial review of student posts (Wagtail's "Instructor review" workflow): who is told what, and the
instructors' list of posts waiting for them. Kept apart from comment moderation (blog/comments/)."""
