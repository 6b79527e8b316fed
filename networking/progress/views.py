from django.contrib.auth.decorators import login_required
from django.shortcuts import render

from networking.progress import network
from networking.progress.dashboard import dashboard_for


@login_required
def dashboard(request):
    return render(request, "progress/dashboard.html", {"dashboard": dashboard_for(request.user)})


@login_required
def network_page(request):
    forest = network.referral_forest(request.user)
    return render(
        request,
        "progress/network.html",
        {
            "forest": forest,
            "chains": forest.chains,
            "introductions": forest.introductions,
            "unchained": forest.unchained,
            "yield": network.yield_for(request.user),
            "worked": network.what_worked(request.user),
        },
    )
