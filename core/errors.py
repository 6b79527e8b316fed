"""Error pages in the product's look."""

from django.http import HttpResponseServerError
from django.shortcuts import render
from django.template import loader


def page_not_found(request, exception):
    return render(request, "404.html", status=404)


def permission_denied(request, exception):
    return render(request, "403.html", status=403)


def server_error(request):
    # No context processors: the failure may be in one of them, or in the database.
    return HttpResponseServerError(loader.get_template("500.html").render())
