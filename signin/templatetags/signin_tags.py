"""The log-in pages' campus buttons: which IdPs are configured, and whether the password form shows."""

from django import template

from signin import config
from signin.adapter import social_app

register = template.Library()


@register.simple_tag(takes_context=True)
def campus_sign_in(context):
    """[(label, URL to POST to)] for each configured IdP (allauth's provider log-in takes POST only), and the
    password form's state: {"buttons": [...], "password_shown": bool}."""
    request = context.get("request")
    buttons = []
    for entry in config.configured_apps():
        provider = social_app(entry).get_provider(request)
        buttons.append({"label": f"Sign in with {entry['name']}", "url": provider.get_login_url(request)})
    return {"buttons": buttons, "password_shown": config.password_login_shown() or not buttons}
