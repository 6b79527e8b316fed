from django import forms
from django.contrib.auth import password_validation
from django.contrib.auth.forms import AuthenticationForm, PasswordResetForm
from django.template import loader

from core.accounts import normalise_email
from core.countries import CountryField, country_of_zone, follows_zone
from core.mail import send_email
from core.models import EMAIL_TAKEN, User, ValueStatement
from core.timezones import TimezoneField, canonical_zone


class EmailAuthenticationForm(AuthenticationForm):
    username = forms.EmailField(
        label="Email", widget=forms.EmailInput(attrs={"autofocus": True, "autocomplete": "email"})
    )

    def clean_username(self):
        # One spelling per account, so the log-in throttle counts every spelling as one.
        return normalise_email(self.cleaned_data["username"])


class SignupForm(forms.ModelForm):
    password1 = forms.CharField(
        label="Password",
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text=password_validation.password_validators_help_text_html(),
    )
    password2 = forms.CharField(
        label="Password again",
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )

    # Filled by the page's own script (static/js/browser-zone.js) with the browser's zone; a
    # seeker never types it. Empty (no script) or not a zone of the list: the default, UTC,
    # which the profile then asks to set.
    timezone = forms.CharField(
        required=False, widget=forms.HiddenInput(attrs={"data-browser-zone": ""})
    )

    class Meta:
        model = User
        fields = ["name", "email", "timezone"]
        widgets = {"email": forms.EmailInput(attrs={"autocomplete": "email"})}

    def clean_timezone(self):
        return canonical_zone(self.cleaned_data.get("timezone") or "") or "UTC"

    def clean_email(self):
        email = normalise_email(self.cleaned_data["email"])
        if User.objects.with_email(email).exists():
            raise forms.ValidationError(EMAIL_TAKEN)
        return email

    def clean(self):
        cleaned = super().clean()
        p1, p2 = cleaned.get("password1"), cleaned.get("password2")
        if p1 and p2 and p1 != p2:
            self.add_error("password2", "The two passwords do not match.")
        elif p1:
            probe = User(email=cleaned.get("email", ""), name=cleaned.get("name", ""))
            try:
                password_validation.validate_password(p1, probe)
            except forms.ValidationError as error:
                self.add_error("password1", error)
        return cleaned

    def save(self, commit=True):
        user = super().save(commit=False)
        user.set_password(self.cleaned_data["password1"])
        # The country follows the browser's zone, as it does on the profile until picked.
        user.country = country_of_zone(user.timezone)
        if commit:
            user.save()
        return user


class ProfileForm(forms.ModelForm):
    timezone = TimezoneField(
        label="Your time zone",
        help_text="Times on your pages are shown in this zone; contacts default to it.",
    )
    country = CountryField(
        label="Your country",
        help_text=(
            "Your own tasks (thank-you notes, the morning email) skip its public holidays. "
            "It follows your time zone unless you pick one."
        ),
    )

    class Meta:
        model = User
        fields = ["name", "target_title", "target_level", "timezone", "country", "digest_on"]
        help_texts = {
            "target_level": (
                "The rung the role itself sits on, not the people you will meet: one below "
                "your future boss's. The ladder below tells the rungs apart."
            )
        }

    def clean(self):
        cleaned = super().clean()
        follows_zone(self)
        return cleaned


class CoachInviteForm(forms.Form):
    email = forms.EmailField(
        label="Your coach's email address",
        max_length=254,
        help_text="They accept on Schmooze's admin site; only then can they see your data.",
        widget=forms.EmailInput(attrs={"autocomplete": "off"}),
    )


class CoachClockForm(forms.ModelForm):
    """A coach's own time zone: every date and time on their admin pages is read in it."""

    timezone = TimezoneField(
        label="Your time zone",
        help_text="Dates and times on your admin pages, and your caseload's weeks, use it.",
    )

    class Meta:
        model = User
        fields = ["timezone"]


class QueuedPasswordResetForm(PasswordResetForm):
    """Django's password reset, its email handed to a background task (core/mail.py)."""

    def send_mail(
        self,
        subject_template_name,
        email_template_name,
        context,
        from_email,
        to_email,
        html_email_template_name=None,
    ):
        subject = "".join(loader.render_to_string(subject_template_name, context).splitlines())
        html = None
        if html_email_template_name:
            html = loader.render_to_string(html_email_template_name, context)
        send_email.enqueue(
            subject=subject,
            body=loader.render_to_string(email_template_name, context),
            to=[to_email],
            html=html,
            from_email=from_email,
        )


class ValueStatementForm(forms.ModelForm):
    class Meta:
        model = ValueStatement
        fields = ["kind", "figure", "statement"]
        widgets = {"statement": forms.Textarea(attrs={"rows": 2})}
        labels = {"kind": "It shows", "figure": "Figure", "statement": "Where and how"}
