from django.urls import path

from networking.employers.views import criteria, employers

app_name = "employers"

urlpatterns = [
    path("", employers.employer_list, name="list"),
    path("new/", employers.employer_create, name="create"),
    path("pick/", employers.employer_pick, name="pick"),
    path("fit-preview/", employers.fit_preview, name="fit_preview"),
    path("<int:pk>/", employers.employer_detail, name="detail"),
    path("<int:pk>/edit/", employers.employer_edit, name="edit"),
    path("<int:pk>/delete/", employers.employer_delete, name="delete"),
    path("criteria/", criteria.criteria, name="criteria"),
    path("criteria/suggested/", criteria.criteria_suggested, name="criteria_suggested"),
    path("criteria/<int:pk>/edit/", criteria.criterion_edit, name="criterion_edit"),
    path("criteria/<int:pk>/move/", criteria.criterion_move, name="criterion_move"),
    path("criteria/<int:pk>/delete/", criteria.criterion_delete, name="criterion_delete"),
]
