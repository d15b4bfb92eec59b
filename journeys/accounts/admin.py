from typing import Any

from django.contrib import admin
from django.db.models import QuerySet
from django.forms import BaseModelFormSet, ModelForm
from django.http import HttpRequest

from journeys.accounts import audit
from journeys.accounts.models import AuditEntry, Membership, Organisation


def _audit_membership(request: HttpRequest, membership: Membership, action: audit.Action) -> None:
    """Site staff change memberships here: the organisation's log says so too."""
    target = f"{audit.account_target(membership.user)} ({membership.role})"
    audit.record(request.user, action, membership.organisation, target)


class MembershipInline(admin.TabularInline[Membership, Organisation]):
    model = Membership
    extra = 1
    autocomplete_fields = ["user"]


@admin.register(Organisation)
class OrganisationAdmin(admin.ModelAdmin[Organisation]):
    list_display = ["name", "slug", "created"]
    search_fields = ["name", "slug"]
    prepopulated_fields = {"slug": ["name"]}
    inlines = [MembershipInline]

    def save_formset(
        self, request: HttpRequest, form: Any, formset: BaseModelFormSet[Any, Any], change: bool
    ) -> None:
        super().save_formset(request, form, formset, change)
        for membership in formset.new_objects + [m for m, _ in formset.changed_objects]:
            _audit_membership(request, membership, audit.Action.MEMBER_ADDED)
        for membership in formset.deleted_objects:
            _audit_membership(request, membership, audit.Action.MEMBER_REMOVED)


@admin.register(Membership)
class MembershipAdmin(admin.ModelAdmin[Membership]):
    list_display = ["user", "organisation", "role", "joined"]
    list_filter = ["role", "organisation"]
    search_fields = ["user__username", "organisation__name"]

    def save_model(
        self, request: HttpRequest, obj: Membership, form: ModelForm[Membership], change: bool
    ) -> None:
        super().save_model(request, obj, form, change)
        _audit_membership(request, obj, audit.Action.MEMBER_ADDED)

    def delete_model(self, request: HttpRequest, obj: Membership) -> None:
        _audit_membership(request, obj, audit.Action.MEMBER_REMOVED)
        super().delete_model(request, obj)

    def delete_queryset(self, request: HttpRequest, queryset: QuerySet[Membership]) -> None:
        for membership in queryset.select_related("user", "organisation"):
            _audit_membership(request, membership, audit.Action.MEMBER_REMOVED)
        super().delete_queryset(request, queryset)


@admin.register(AuditEntry)
class AuditEntryAdmin(admin.ModelAdmin[AuditEntry]):
    """Read-only: a log that can be edited proves nothing."""

    list_display = ["at", "actor", "action", "organisation", "target"]
    list_filter = ["action", "organisation"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: AuditEntry | None = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: AuditEntry | None = None) -> bool:
        return False
