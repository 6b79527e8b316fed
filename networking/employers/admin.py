from django.contrib import admin
from django.contrib.auth import get_user_model
from django.db import models
from django.db.models import Count

from core.coach_admin import ClientRecordAdmin, ClientRecordInline
from networking.employers import services
from networking.employers.models import CriteriaSuggestion, Criterion, Employer, Rating


class RatingInline(ClientRecordInline, admin.TabularInline):
    model = Rating
    extra = 0
    fields = ["criterion", "score"]

    def get_formset(self, request, obj=None, **kwargs):
        """Offer only the employer's own seeker's criteria (SPEC §2)."""
        formset = super().get_formset(request, obj, **kwargs)
        if obj is not None and "criterion" in formset.form.base_fields:
            field = formset.form.base_fields["criterion"]
            field.queryset = Criterion.objects.owned_by(obj.owner)
        return formset

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("criterion")


@admin.register(Employer)
class EmployerAdmin(ClientRecordAdmin):
    list_display = ["name", "owner", "status", "posting", "fit", "rated", "contacts"]
    list_filter = ["status", "posting"]
    list_select_related = ["owner"]
    search_fields = ["name", "industry", "location", "owner__email"]
    readonly_fields = ["fit_score", "rated_count", "created_at", "updated_at"]
    inlines = [RatingInline]
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}

    def get_queryset(self, request):
        return super().get_queryset(request).with_contacts()

    # The ratings the inline changed rescore the employer, in the page's transaction, the
    # seeker's turn taken first as the employer's own form takes it (services.save_employer).
    def save_model(self, request, obj, form, change):
        get_user_model().objects.take_turns(obj.owner_id)
        super().save_model(request, obj, form, change)

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        services.rescore([form.instance.pk])

    @admin.display(description="fit", ordering="fit_score")
    def fit(self, employer):
        return "—" if employer.fit_score is None else employer.fit_score

    @admin.display(description="rated", ordering="rated_count")
    def rated(self, employer):
        return employer.rated_count

    @admin.display(description="contacts", ordering="contact_count")
    def contacts(self, employer):
        return employer.contact_count


@admin.register(Criterion)
class CriterionAdmin(ClientRecordAdmin):
    list_display = ["name", "weight", "owner", "position", "ratings"]
    list_select_related = ["owner"]
    search_fields = ["name", "owner__email"]
    ordering = ["owner__email", "position", "id"]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(rating_count=Count("ratings"))

    # A weight changed or a criterion deleted here rescores the employers rated on it.
    def save_model(self, request, obj, form, change):
        services.save_criterion(obj)

    def delete_model(self, request, obj):
        services.delete_criterion(obj)

    def delete_queryset(self, request, queryset):
        for criterion in queryset:
            services.delete_criterion(criterion)

    @admin.display(description="ratings", ordering="rating_count")
    def ratings(self, criterion):
        return criterion.rating_count


@admin.register(CriteriaSuggestion)
class CriteriaSuggestionAdmin(ClientRecordAdmin):
    """When the suggested criteria were offered: bookkeeping for administrators, of no use to
    a coach, who does not see it."""

    list_display = ["owner", "offered_at"]
    list_select_related = ["owner"]
    search_fields = ["owner__email"]

    def has_module_permission(self, request):
        return request.user.is_superuser

    def has_view_permission(self, request, obj=None):
        return request.user.is_superuser
