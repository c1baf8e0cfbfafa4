"""The evidence behind the advice: outcomes of recruiters' logged outreaches, summed.

One row per channel and kind of target (company type by seniority), counting the outreaches
whose outcome is known. It is kept up to date one change at a time by `outreach.services`, in
the transaction that records the outcome, and never read back per outreach: the sums are all
anyone but the recruiter who logged an outreach ever sees of it.

What advice and recruiters read are the row's published sums, which follow the live ones only
once outcomes of at least `PUBLISH_AFTER_RECRUITERS` different recruiters changed since they
last did (`published_at`): read before and after a colleague records one outcome, the sums a
recruiter sees move by the outcomes of five recruiters at once or not at all, and a recruiter
changing their own outcomes again and again counts once, so no one outcome can be told from
them. Admins read the live sums.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from outreach.evidence import ObservedRate
from outreach.vocabulary import CompanyType, Outcome, Seniority

# How many recruiters' outcome changes a row gathers before its published sums catch up.
PUBLISH_AFTER_RECRUITERS = 5


def published(outcome: str) -> str:
    """The column of `outcome`'s published sum."""
    return f"published_{outcome}"


class ObservedOutcome(models.Model):
    """How outreaches through one channel to one kind of target turned out, in all."""

    channel = models.CharField(_("channel"), max_length=50)
    company_type = models.CharField(_("company type"), max_length=20, choices=CompanyType)
    seniority = models.CharField(_("seniority"), max_length=20, choices=Seniority)
    # One counter per known outcome (`Outcome`), named after it.
    replied = models.PositiveIntegerField(_("replied"), default=0)
    declined = models.PositiveIntegerField(_("declined"), default=0)
    no_reply = models.PositiveIntegerField(_("no reply"), default=0)
    # The sums as advice and recruiters read them, and when they last caught up.
    published_replied = models.PositiveIntegerField(_("replied, published"), default=0)
    published_declined = models.PositiveIntegerField(_("declined, published"), default=0)
    published_no_reply = models.PositiveIntegerField(_("no reply, published"), default=0)
    published_at = models.DateTimeField(_("published"), null=True, blank=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        ordering = ["company_type", "seniority", "channel"]
        verbose_name = _("observed outcome")
        verbose_name_plural = _("observed outcomes")
        constraints = [
            models.UniqueConstraint(
                fields=["channel", "company_type", "seniority"], name="observed_outcome_once"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.channel} · {self.company_type} · {self.seniority}"

    @property
    def outreaches(self) -> int:
        return sum(getattr(self, outcome) for outcome in Outcome.values)

    @property
    def observed(self) -> ObservedRate:
        return ObservedRate.of(
            self.channel, self.company_type, self.seniority, self.outreaches, self.replied
        )
