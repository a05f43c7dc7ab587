"""A closed account keeps no campus data: when an account is saved inactive with its email erased (a student removed
on request, roster/removal.py), allauth's copies go too: its recorded addresses, and the claims or attributes the
IdP sent (names, address). The campus identity's identifier stays, so that signing in again meets the closed account
("Your Seminar account is closed") instead of opening a fresh one."""

from allauth.account.models import EmailAddress
from allauth.socialaccount.models import SocialAccount


def erase_campus_data(sender, instance, **kwargs):
    if instance.is_active or instance.email:
        return
    EmailAddress.objects.filter(user=instance).delete()
    SocialAccount.objects.filter(user=instance).exclude(extra_data={}).update(extra_data={})
