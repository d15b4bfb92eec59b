"""Permission-checked getters: the only way views read organisation data.

A user who is not allowed to see something gets the same 404 as for something that
does not exist, so nobody learns which organisations exist."""

from django.contrib.auth.models import AnonymousUser, User
from django.db.models import QuerySet
from django.http import Http404

from journeys.accounts.models import STAFF_ROLES, Membership, Organisation, Role

AnyUser = User | AnonymousUser


def organisations_for_staff(user: AnyUser) -> QuerySet[Organisation]:
    """The organisations in which `user` is a trainer or an administrator."""
    if not user.is_authenticated:
        return Organisation.objects.none()
    return Organisation.objects.filter(
        memberships__user=user, memberships__role__in=STAFF_ROLES
    ).distinct()


def get_organisation_for_staff(user: AnyUser, slug: str) -> Organisation:
    try:
        return organisations_for_staff(user).get(slug=slug)
    except Organisation.DoesNotExist:
        raise Http404("No such organisation") from None


def members_of(organisation: Organisation) -> QuerySet[Membership]:
    return organisation.memberships.select_related("user").order_by("role", "user__username")


def get_organisation_for_admin(user: AnyUser, slug: str) -> Organisation:
    """An organisation in which `user` is an administrator, else 404."""
    if not user.is_authenticated:
        raise Http404("No such organisation")
    try:
        return Organisation.objects.get(
            slug=slug, memberships__user=user, memberships__role=Role.ADMIN
        )
    except Organisation.DoesNotExist:
        raise Http404("No such organisation") from None


def get_membership_for_admin(user: AnyUser, slug: str, person_id: int) -> Membership:
    """A member of an organisation in which `user` is an administrator, else 404."""
    organisation = get_organisation_for_admin(user, slug)
    try:
        return Membership.objects.select_related("user", "organisation").get(
            organisation=organisation, user_id=person_id
        )
    except Membership.DoesNotExist:
        raise Http404("No such member") from None
