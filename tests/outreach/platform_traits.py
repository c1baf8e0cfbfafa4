"""Platform traits shared by the recommender's tests (no database)."""

from outreach.inputs import PlatformTraits

WEIBO = PlatformTraits(
    slug="weibo",
    name_en="Weibo",
    name_zh="微博",
    kind="microblog",
    status="active",
    interface_languages=frozenset({"zh-hans"}),
    cold_messaging="yes",
)
