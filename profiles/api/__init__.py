"""The profiles API: candidate search for recruiters, outreach advice, and the executive's own data.

One module per resource, each holding its serializers and views: `candidates`, `recommendations`,
`me`. Privacy, filters, validation and scoring come from the same querysets, FilterSet, services
and recommender as the pages.
"""
