"""Contacts CSV: export the (filtered) list, import with a preview first (SPEC §6)."""

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.files.uploadhandler import FileUploadHandler, SkipFile
from django.core.paginator import Paginator
from django.db import IntegrityError
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.csrf import csrf_exempt, csrf_protect

from networking.contacts import csv_export, csv_import, csv_parse, pending_imports, selectors
from networking.contacts.forms import ContactFilterForm

PREVIEW_PAGE_SIZE = 50
SHOW = [
    ("", "All rows"),
    (csv_import.NEW, "New"),
    (csv_import.DUPLICATE, "Duplicates"),
    (csv_import.INVALID, "Invalid"),
]


@login_required
def contact_export(request):
    """The contact list as CSV, with the same filters as ``/contacts/`` (SPEC §6)."""
    filter_form = ContactFilterForm(request.GET or None, owner=request.user)
    contacts = selectors.contacts_for_list(request.user, filter_form.filters())
    filename = f"schmooze-contacts-{timezone.localdate():%Y-%m-%d}.csv"
    return csv_export.streaming_response(contacts, filename)


class UploadForm(forms.Form):
    file = forms.FileField(
        label="CSV file",
        required=False,
        help_text=f"A Schmooze export or LinkedIn’s Connections.csv, up to {csv_parse.MAX_SIZE}.",
        widget=forms.ClearableFileInput(attrs={"accept": ".csv,text/csv"}),
    )

    def __init__(self, *args, too_large=False, **kwargs):
        super().__init__(*args, **kwargs)
        self.too_large = too_large

    def clean_file(self):
        upload = self.cleaned_data.get("file")
        if self.too_large:
            raise forms.ValidationError(csv_parse.TOO_LARGE)
        if not upload:
            raise forms.ValidationError("Choose a CSV file to upload.")
        try:
            self.packed = pending_imports.pack(csv_parse.read_upload(upload))
        except csv_parse.CsvRejected as error:
            raise forms.ValidationError(str(error)) from error
        return upload


class SizeCapUploadHandler(FileUploadHandler):
    """Stop reading an upload past 5 MB instead of spooling it to disk first."""

    too_large = False

    def receive_data_chunk(self, raw_data, start):
        if start + len(raw_data) > csv_parse.MAX_BYTES:
            self.too_large = True
            raise SkipFile
        return raw_data

    def file_complete(self, file_size):
        return None


@csrf_exempt
@login_required
def contact_import(request):
    # The size cap must be in place before the CSRF check reads the body (Django docs,
    # "Modifying upload handlers on the fly"), so CSRF is checked just below instead.
    cap = SizeCapUploadHandler(request)
    request.upload_handlers.insert(0, cap)
    return _contact_import(request, cap)


@csrf_protect
def _contact_import(request, cap):
    """Upload: a readable file waits, read and compressed, on the server for its preview."""
    form = UploadForm()
    if request.method == "POST":
        form = UploadForm(request.POST, request.FILES, too_large=cap.too_large)
        if form.is_valid():
            filename = form.cleaned_data["file"].name
            pending_imports.keep(request.user, filename=filename, data=form.packed)
            return redirect("contacts:import_preview")
    pending = pending_imports.is_waiting(request.user)
    context = {"form": form, "pending": pending, "columns": csv_export.COLUMNS}
    return render(request, "contacts/import.html", context)


@login_required
def contact_import_preview(request):
    """Preview (GET) and confirm or cancel (POST); nothing is written before the confirmation."""
    if request.method == "POST":
        return _confirm_or_cancel(request)
    pending = pending_imports.waiting_for(request.user)
    if pending is None:
        messages.info(request, "Upload a CSV file to import contacts.")
        return redirect("contacts:import")
    parsed = pending_imports.unpack(pending.data)
    preview = csv_import.classify(request.user, parsed.rows)
    counts = preview.counts
    show = request.GET.get("show", "")
    rows = preview.of(show) if show in counts else preview.rows
    page_obj = Paginator(rows, PREVIEW_PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "contacts/import_preview.html",
        {
            "parsed": parsed,
            "filename": pending.filename,
            "key": pending.key,
            "preview": preview,
            "counts": counts,
            "page_obj": page_obj,
            "rows": page_obj.object_list,
            "show": show if show in counts else "",
            "show_choices": [
                (value, label, counts.get(value, len(preview.rows))) for value, label in SHOW
            ],
        },
    )


# What the seeker is told, and where they go, when nothing waits under the key they confirm.
NOTHING_TO_CONFIRM = {
    pending_imports.NOTHING_UPLOADED: (
        messages.INFO,
        "Upload a CSV file to import contacts.",
        "contacts:import",
    ),
    pending_imports.REPLACED: (
        messages.WARNING,
        "A newer file was uploaded since: check this preview first.",
        "contacts:import_preview",
    ),
    pending_imports.EXPIRED: (
        messages.WARNING,
        "That file waited more than a day for its confirmation, so it was set aside: "
        "nothing was imported. Upload it again.",
        "contacts:import",
    ),
    pending_imports.CONFIRMED: (
        messages.INFO,
        "This import was already confirmed: nothing was imported twice.",
        "contacts:list",
    ),
}


def _confirm_or_cancel(request):
    if "cancel" in request.POST:
        pending_imports.cancel(request.user)
        messages.info(request, "Import cancelled: nothing was changed.")
        return redirect("contacts:import")
    try:
        result = pending_imports.confirm(request.user, key=request.POST.get("key", ""))
    except pending_imports.NothingToConfirm as nothing:
        level, text, target = NOTHING_TO_CONFIRM[nothing.reason]
        messages.add_message(request, level, text)
        return redirect(target)
    except IntegrityError:
        messages.error(
            request,
            "Your contacts or employers changed while importing, so nothing was written. "
            "Check the preview and confirm again.",
        )
        return redirect("contacts:import_preview")
    messages.success(request, _imported(result))
    return redirect("contacts:list")


def _imported(result: csv_import.ImportResult) -> str:
    skipped = []
    if result.duplicates:
        skipped.append(f"{result.duplicates} duplicate{'s' if result.duplicates != 1 else ''}")
    if result.invalid:
        skipped.append(f"{result.invalid} invalid row{'s' if result.invalid != 1 else ''}")
    text = f"Imported {result.created} contact{'s' if result.created != 1 else ''}"
    if result.employers_created:
        plural = "s" if result.employers_created != 1 else ""
        text += f" and {result.employers_created} new employer{plural}"
    text += "."
    if skipped:
        text += f" Skipped {' and '.join(skipped)}."
    return text
