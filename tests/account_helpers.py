"""Following an emailed password link the way a student does."""

NEW_PASSWORD = "Thaw-and-Freeze-1956"


def choose_password(client, link, password=NEW_PASSWORD):
    """Open the link, check the form is offered, set the password; returns the final page's HTML."""
    form_page = client.get(link, follow=True)
    assert "Choose a new password" in form_page.content.decode()
    done = client.post(
        form_page.redirect_chain[-1][0], {"new_password1": password, "new_password2": password}, follow=True
    )
    return done.content.decode()
