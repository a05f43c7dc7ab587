"""Who may do what in the admin: the course roles, the review workflow and private drafts.

- `roles`: group names, the "Instructor review" workflow and what a new course gets (workflow, students' `add`).
- `permissions`: the page permission tester and policies (contributors add only posts; others' posts hidden).
- `hooks`: the Wagtail hooks and the signal that wire them in (imported by blog/wagtail_hooks.py).
"""
