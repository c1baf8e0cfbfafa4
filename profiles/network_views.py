"""My network (/me/network/), asking someone to connect, and what a person's page says about it.

A person's connections are theirs alone: every page here works on `request.user`'s own profile,
and a request, connection or block id that is not theirs is a 404. Views stay thin: forms
validate, `profiles.connections` writes, `profiles.network_selectors` reads.
"""

from __future__ import annotations

from collections.abc import Callable

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from core.forms import INVALID_FORM_STATUS, report_errors
from core.redirects import safe_next
from profiles import connections, selectors
from profiles.models import ConnectionRequest, Contact, ExecutiveProfile
from profiles.network_forms import ConnectForm, ConnectionForm, FindPeopleForm
from profiles.network_models import RequestStatus
from profiles.network_selectors import (
    Relation,
    blockable_by,
    blocks_of,
    connections_of,
    findable_people,
    received_requests,
    relation,
    requests_to_answer,
    requests_to_withdraw,
    sent_requests,
)
from profiles.selectors import page_request

CONNECTIONS_PER_PAGE = 100
# People My network's search shows at most: enough to find someone by name, too few to list.
PEOPLE_FOUND = 20


# --- My network ----------------------------------------------------------------------------------


@never_cache
@require_GET
@login_required
def network_view(request: HttpRequest) -> HttpResponse:
    profile = selectors.profile_of(request.user)
    if profile is None:
        return render(request, "profiles/network/network.html", {"profile": None})
    return _network_page(request, profile)


def _network_page(
    request: HttpRequest,
    profile: ExecutiveProfile,
    *,
    status: int = 200,
    editing: ConnectionForm | None = None,
) -> HttpResponse:
    """The page; `editing` is a connection's form posted with errors, shown on its row. A page
    number that is not one (`abc`, `0`) is a 400 saying so, on the first page; one past the end
    shows the last."""
    try:
        number, page_errors = page_request({"page": request.GET.get("page")}).number, []
    except ValidationError as error:
        number, page_errors = 1, error.message_dict.get("page", [])
        status = INVALID_FORM_STATUS
    page = Paginator(connections_of(profile), CONNECTIONS_PER_PAGE).get_page(number)
    received = list(received_requests(profile))
    sent = list(sent_requests(profile))
    blocked = list(blocks_of(profile))
    rows = [
        (
            contact,
            editing
            if editing is not None and editing.instance.other_id == contact.other_id
            else ConnectionForm(instance=contact),
        )
        for contact in page
    ]
    people = [
        *(contact.other_id for contact in page),
        *(r.sender_id for r in received),
        *(r.recipient_id for r in sent),
    ]
    context = {
        "profile": profile,
        "page": page,
        "page_errors": page_errors,
        "rows": rows,
        "received": received,
        "sent": sent,
        "blocked": blocked,
        # Names link to a person's page only where the viewer may open it (a private profile
        # that asked to connect shows its name, not its page).
        "linkable": set(
            ExecutiveProfile.objects.visible_to(request.user)
            .filter(pk__in=people)
            .values_list("pk", flat=True)
        ),
    }
    finding = _find_people(request, profile)
    if finding["find"].errors:
        status = INVALID_FORM_STATUS
    return render(request, "profiles/network/network.html", {**context, **finding}, status=status)


def _find_people(request: HttpRequest, profile: ExecutiveProfile) -> dict:
    """My network's search (`?find=`): the form, whom it found (each a page the owner may open),
    which of them the owner is connected with already and which they asked to connect."""
    form = FindPeopleForm(request.GET)
    text = form.cleaned_data["find"] if form.is_valid() else ""
    if not text:
        return {"find": form}
    found = findable_people(profile, request.user, text, limit=PEOPLE_FOUND)
    contacts = Contact.objects.filter(owner=profile, other__in=found)
    connected = set(contacts.values_list("other_id", flat=True))
    asked = sent_requests(profile).filter(recipient__in=found)
    found_ids = {person.pk for person in found}
    return {
        "find": form,
        "found": found,
        "found_ids": found_ids,
        "connected": connected,
        "asked": set(asked.values_list("recipient_id", flat=True)),
    }


def _with_own_profile(
    view: Callable[[HttpRequest, ExecutiveProfile, int], HttpResponse],
) -> Callable[[HttpRequest, int], HttpResponse]:
    """A POST action on the owner's network; without a profile there is nothing to act on, and
    My network says how to make one."""

    @never_cache
    @require_POST
    @login_required
    def action(request: HttpRequest, pk: int) -> HttpResponse:
        profile = selectors.profile_of(request.user)
        if profile is None:
            return redirect("profiles:network")
        return view(request, profile, pk)

    action.__name__ = action.__qualname__ = view.__name__
    action.__doc__ = view.__doc__
    return action


def back_to_network(section: str) -> HttpResponse:
    """My network at the section the person acted in, rather than at its top."""
    return redirect(f"{reverse('profiles:network')}#{section}")


def _refused(request: HttpRequest, profile: ExecutiveProfile, error: ValidationError):
    for message in error.messages:
        messages.error(request, message)
    return _network_page(request, profile, status=INVALID_FORM_STATUS)


def _answer(
    request: HttpRequest,
    profile: ExecutiveProfile,
    pk: int,
    lookup: Callable[[ExecutiveProfile], QuerySet[ConnectionRequest]],
    act: Callable[..., ConnectionRequest],
    done: str,
) -> HttpResponse:
    """Answer or withdraw one of the owner's requests (`lookup`: the requests they may act on
    this way, so anyone else's is a 404), then say so on My network."""
    connection_request = get_object_or_404(lookup(profile), pk=pk)
    role = "sender" if lookup is requests_to_withdraw else "recipient"
    try:
        act(connection_request=connection_request, **{role: profile})
    except ValidationError as error:
        return _refused(request, profile, error)
    other = (
        connection_request.recipient if role == "sender" else connection_request.sender
    ).display_name
    messages.success(request, done % {"name": other})
    return back_to_network("sent" if role == "sender" else "received")


@_with_own_profile
def accept_view(request: HttpRequest, profile: ExecutiveProfile, pk: int) -> HttpResponse:
    return _answer(
        request,
        profile,
        pk,
        requests_to_answer,
        connections.accept_request,
        _("You are now connected with %(name)s."),
    )


@_with_own_profile
def decline_view(request: HttpRequest, profile: ExecutiveProfile, pk: int) -> HttpResponse:
    return _answer(
        request,
        profile,
        pk,
        requests_to_answer,
        connections.decline_request,
        _(
            "You declined the request from %(name)s. They get no notice, but their request no "
            "longer shows as waiting."
        ),
    )


@_with_own_profile
def withdraw_view(request: HttpRequest, profile: ExecutiveProfile, pk: int) -> HttpResponse:
    return _answer(
        request,
        profile,
        pk,
        requests_to_withdraw,
        connections.withdraw_request,
        _("You withdrew your request to %(name)s."),
    )


@_with_own_profile
def connection_view(request: HttpRequest, profile: ExecutiveProfile, pk: int) -> HttpResponse:
    """Save the owner's view of one connection (`pk`: the other person's profile)."""
    contact = get_object_or_404(connections_of(profile), other__pk=pk)
    form = ConnectionForm(request.POST, instance=contact)
    if form.is_valid():
        try:
            connections.update_connection(
                contact=contact, **{name: form.cleaned_data[name] for name in form.changed_data}
            )
        except Contact.DoesNotExist:
            messages.error(request, _("This connection was removed meanwhile."))
            return redirect("profiles:network")
        except ValidationError as error:
            report_errors(form, error)
        else:
            messages.success(request, _("Saved how you know %(name)s.") % {"name": contact.other})
            network = safe_next(request, request.POST.get("next", ""), reverse("profiles:network"))
            return redirect(f"{network}#connection-{pk}")
    return _network_page(request, profile, status=INVALID_FORM_STATUS, editing=form)


@_with_own_profile
def remove_view(request: HttpRequest, profile: ExecutiveProfile, pk: int) -> HttpResponse:
    contact = get_object_or_404(connections_of(profile), other__pk=pk)
    connections.remove_connection(contact=contact)
    messages.success(
        request, _("You are no longer connected with %(name)s.") % {"name": contact.other}
    )
    return back_to_network("connections")


@_with_own_profile
def block_view(request: HttpRequest, profile: ExecutiveProfile, pk: int) -> HttpResponse:
    person = get_object_or_404(blockable_by(profile, request.user), pk=pk)
    connections.block_person(blocker=profile, blocked=person)
    messages.success(
        request,
        _("You blocked %(name)s: they can't send you requests. You can unblock them below.")
        % {"name": person},
    )
    return back_to_network("blocked")


@_with_own_profile
def unblock_view(request: HttpRequest, profile: ExecutiveProfile, pk: int) -> HttpResponse:
    block = get_object_or_404(blocks_of(profile), blocked__pk=pk)
    connections.unblock_person(block=block)
    messages.success(request, _("You unblocked %(name)s.") % {"name": block.blocked})
    return back_to_network("blocked")


# --- Asking someone to connect -------------------------------------------------------------------


@never_cache
@require_http_methods(["GET", "POST"])
@login_required
def connect_view(request: HttpRequest, pk: int) -> HttpResponse:
    """Ask the person to connect. A profile the viewer may not see is a 404."""
    person = get_object_or_404(ExecutiveProfile.objects.visible_to(request.user), pk=pk)
    profile = selectors.profile_of(request.user)
    form = ConnectForm(request.POST if request.method == "POST" else None)
    if profile is not None and form.is_bound and form.is_valid():
        try:
            asked = connections.ask_to_connect(
                sender=profile, recipient=person, **form.cleaned_data
            )
        except ValidationError as error:
            report_errors(form, error)
        else:
            if asked.status == RequestStatus.ACCEPTED:
                done = _("%(name)s had already asked you: you are now connected.")
            else:
                done = _("Your request was sent to %(name)s. It stays open for 30 days.")
            messages.success(request, done % {"name": person})
            return redirect("profiles:detail", pk=person.pk)
    context = {
        "person": person,
        "profile": profile,
        "form": form,
        "relation": relation(profile.pk, person.pk) if profile else Relation(),
        "is_self": profile is not None and profile.pk == person.pk,
    }
    status = INVALID_FORM_STATUS if request.method == "POST" else 200
    return render(request, "profiles/network/connect.html", context, status=status)


def connection_context(own_profile: int | None, person: ExecutiveProfile) -> dict:
    """Where a viewer other than `person` stands with them, by the viewer's own profile's id
    (None without one: nothing to look up), for the person's page:
    `templates/profiles/network/connect_state.html` draws it."""
    connection = relation(own_profile, person.pk) if own_profile else Relation()
    return {"connection": connection, "connect_person": person}
