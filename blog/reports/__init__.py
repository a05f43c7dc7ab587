"""The instructors' participation report: one row per student with what they wrote and received.

`participation` holds the counting rules and queries, `filters` the report's filters, `views` the Wagtail report
view with its CSV/XLSX export, `hooks` its URL and Reports menu item.
"""
