"""Public discussion on student posts (django-comments-xtd): who may post, what is held, how threads are read.

Kept apart from the editorial page workflow: this moderates readers' comments, not students' posts.
"""
