"""The class roster import: CSV in, Students out, shared by `manage.py import_roster` and the admin's Roster page."""
