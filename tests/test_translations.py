# ruff: noqa: RUF001 -- Chinese sentences use full-width punctuation on purpose.
"""The zh-Hans interface: a complete, compiled catalogue, Chinese pages, and language negotiation.

The catalogue checks run the same extraction as `make messages` into a throwaway directory and
compare it with the committed locale/zh_Hans/LC_MESSAGES/django.po using GNU gettext's own tools
(bin/ensure-system-packages installs them), so `make test` fails when an interface string lacks
its Chinese translation or when django.mo was not recompiled after an edit.
"""

import gettext
import os
import re
import shutil
import subprocess
import tempfile
from collections.abc import Iterator
from html import unescape
from pathlib import Path

import pytest
from django.conf import settings
from django.core import mail
from django.core.management import call_command
from django.test import Client, override_settings
from django.urls import reverse
from django.utils import translation

from outreach.vocabulary import Outcome
from platforms.models import StatusEvent
from profiles.network_models import RequestStatus
from tests.factories import PlatformFactory, UserFactory
from tests.profiles.test_accounts import signup_data

pytestmark = pytest.mark.django_db

CATALOGUE_DIR = settings.BASE_DIR / "locale" / "zh_Hans" / "LC_MESSAGES"
COMMITTED_PO = CATALOGUE_DIR / "django.po"
COMMITTED_MO = CATALOGUE_DIR / "django.mo"
# The same directories the Makefile's `messages` target leaves out, plus the committed catalogue
# itself: makemessages would otherwise adopt ./locale as the place to write.
IGNORED = [".venv", "artifacts", "staticfiles", "tests", "bench", "build", "*.egg-info", "locale"]
RUN_MAKE_MESSAGES = "run `make messages`, translate the new entries in django.po, run it again"


def gettext_tool(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(args, capture_output=True, text=True, check=False)


def entry_msgid(po_file: Path, line_number: int) -> str:
    """The msgid of the PO entry that the (1-based) line belongs to, continuation lines joined."""
    lines = po_file.read_text(encoding="utf-8").splitlines()
    start = max(i for i in range(line_number) if lines[i].startswith("msgid "))
    end = start + 1
    while end < len(lines) and lines[end].startswith('"'):
        end += 1
    return " ".join(lines[start:end])


def msgcmp_problems(result: subprocess.CompletedProcess) -> str:
    """msgcmp's fatal lines, each with the msgid it points at (msgcmp gives only file:line)."""
    problems = []
    for line in result.stderr.splitlines():
        located = re.match(r"(.+?):(\d+): (?!warning)(.+)", line)
        if located:
            path, number, problem = located.groups()
            problems.append(f"{problem}: {entry_msgid(Path(path), int(number))}")
    return "\n".join(problems) or result.stderr


@pytest.fixture(scope="module")
def fresh_po() -> Iterator[Path]:
    """A catalogue extracted now from the working tree, with every translation empty.

    makemessages writes to the LOCALE_PATHS entry whose parent contains the source files, so
    the throwaway directory sits inside the project root (dot-named: the walk skips it).
    """
    root = Path(settings.BASE_DIR)
    with tempfile.TemporaryDirectory(dir=root, prefix=".translation-check-") as scratch:
        previous_cwd = Path.cwd()
        try:
            os.chdir(root)
            with override_settings(LOCALE_PATHS=[scratch]):
                call_command(
                    "makemessages",
                    locale=["zh_Hans"],
                    ignore_patterns=IGNORED,
                    no_obsolete=True,
                    verbosity=0,
                )
        finally:
            os.chdir(previous_cwd)
        extracted = Path(scratch) / "zh_Hans" / "LC_MESSAGES" / "django.po"
        kept = Path(tempfile.mkdtemp(prefix="translation-check-")) / "django.po"
        shutil.copy(extracted, kept)
    yield kept
    shutil.rmtree(kept.parent)


def test_every_interface_string_has_a_chinese_translation(fresh_po):
    # msgcmp DEF REF: every message in REF (what the code uses now) must have a translation in
    # DEF (the committed catalogue) that is neither empty nor fuzzy; -N forbids near matches.
    result = gettext_tool("msgcmp", "-N", str(COMMITTED_PO), str(fresh_po))

    assert result.returncode == 0, (
        f"Untranslated strings ({RUN_MAKE_MESSAGES}):\n{msgcmp_problems(result)}"
    )


def test_the_catalogue_holds_no_strings_the_code_no_longer_uses(fresh_po):
    result = gettext_tool("msgcmp", "-N", "--use-untranslated", str(fresh_po), str(COMMITTED_PO))

    assert result.returncode == 0, (
        f"Stale entries ({RUN_MAKE_MESSAGES}):\n{msgcmp_problems(result)}"
    )


def test_the_catalogue_is_well_formed_with_matching_placeholders(tmp_path):
    # --check verifies every %(name)s of a msgid survives in its msgstr, and the plural header.
    result = gettext_tool("msgfmt", "--check", "-o", str(tmp_path / "x.mo"), str(COMMITTED_PO))

    assert result.returncode == 0, result.stderr
    assert '"Plural-Forms: nplurals=1; plural=0;\\n"' in COMMITTED_PO.read_text(encoding="utf-8")


def test_the_compiled_catalogue_matches_the_po_file(tmp_path):
    # Compared as catalogues rather than bytes, so another gettext version's layout of the same
    # messages still passes while a django.mo compiled before the last edit fails.
    recompiled = tmp_path / "django.mo"
    gettext_tool("msgfmt", "-o", str(recompiled), str(COMMITTED_PO))

    with COMMITTED_MO.open("rb") as committed, recompiled.open("rb") as fresh:
        committed_messages = gettext.GNUTranslations(committed)._catalog
        fresh_messages = gettext.GNUTranslations(fresh)._catalog

    stale = {
        key
        for key in fresh_messages.keys() | committed_messages.keys()
        if committed_messages.get(key) != fresh_messages.get(key)
    }
    assert not stale, (
        f"django.mo is out of date ({RUN_MAKE_MESSAGES}): {sorted(map(str, stale))[:5]}"
    )


# Pages in Chinese: the frame (nav, skip link, footer) and each page's own heading.
NAV_AND_FOOTER_ZH = ["平台", "对比", "联络助手", "跳到正文", "本站的演示人物均为虚构"]
NAV_AND_FOOTER_EN = ["Skip to content", ">Compare<", ">Advisor<", "Demo people on this site"]


@pytest.fixture
def two_platforms(db):
    return [
        PlatformFactory(slug="weibo", name_en="Sina Weibo", name_zh="新浪微博"),
        PlatformFactory(slug="maimai", name_en="Maimai", name_zh="脉脉"),
    ]


@pytest.mark.parametrize(
    ("path", "heading"),
    [
        ("/zh-hans/", "条信息均注明来源"),
        ("/zh-hans/platforms/weibo/", "<h1>新浪微博"),
        ("/zh-hans/compare/?p=weibo&p=maimai", "逐项对比各平台特征"),
        ("/zh-hans/advisor/", "描述您想联系的人以及联系的目的"),
        ("/zh-hans/accounts/login/", "忘记密码？"),
        ("/zh-hans/accounts/signup/", "创建您的高管资料"),
        ("/zh-hans/privacy/", "《中华人民共和国个人信息保护法》"),
    ],
)
def test_chinese_pages_read_in_chinese(client, two_platforms, path, heading):
    response = client.get(path)

    html = response.content.decode()
    assert response.status_code == 200
    assert '<html lang="zh-Hans">' in html
    assert heading in html
    for chinese in [*NAV_AND_FOOTER_ZH, "登录", "注册"]:
        assert chinese in html
    for english in [*NAV_AND_FOOTER_EN, ">Log in<", ">Sign up<"]:
        assert english not in html


def test_a_member_sees_the_chinese_member_nav(client, executive):
    client.force_login(executive)

    html = client.get("/zh-hans/me/").content.decode()

    for chinese in ["我的资料", "API 令牌", "退出登录", "谁能看到您的资料"]:
        assert chinese in html
    assert "Log out" not in html


def test_platform_content_comes_from_the_chinese_fields(client, two_platforms):
    html = client.get("/zh-hans/platforms/weibo/").content.decode()

    assert "测试用的社交平台。" in html
    assert "A networking platform used in the tests." not in html


def test_form_errors_are_in_chinese(client):
    response = client.post("/zh-hans/accounts/signup/", {"username": "li.jing"})

    html = response.content.decode()
    assert response.status_code == 400
    assert "创建资料前，请先同意隐私声明。" in html
    assert "This field is required." not in html  # Django's own catalogue covers its messages


@pytest.mark.parametrize(
    ("field", "value", "chinese"),
    [
        ("password1", "short", "密码太短，至少需要 12 个字符。"),
        ("display_name", "Li\x00Jing", "不允许包含空字符（NUL）。"),
    ],
    ids=["password-too-short", "nul-character"],
)
def test_djangos_own_messages_that_its_catalogue_misses_read_in_chinese(
    client, field, value, chinese
):
    """Django's Simplified Chinese catalogue keeps the short-password message's old wording
    and says "empty strings are not allowed" of a NUL character (core/catalogue_fixes.py)."""
    data = signup_data(**{field: value}, **({"password2": value} if field == "password1" else {}))

    response = client.post("/zh-hans/accounts/signup/", data)

    assert response.status_code == 400
    assert chinese in response.content.decode()


def test_the_password_reset_email_is_in_chinese(client):
    UserFactory(username="wang.wei", email="wang.wei@example.com")

    client.post("/zh-hans/accounts/password_reset/", {"email": "wang.wei@example.com"})

    message = mail.outbox[0]
    assert message.subject.startswith("设置您的 NetworkDir 新密码")
    assert "wang.wei，您好：" in message.body
    assert "如果这不是您本人的操作，请忽略本邮件" in message.body


def test_model_choices_and_rule_reasons_translate():
    with translation.override("zh-hans"):
        assert str(PlatformFactory.build(status="shut_down").get_status_display()) == "已关停"
        assert translation.gettext("Warm introduction") == "熟人引荐"
        assert translation.gettext("Open to inquiries") == "接受商务联系"


# Language negotiation: Accept-Language picks the prefix, the switcher changes and remembers it.
@pytest.mark.parametrize(
    ("accept_language", "prefix"),
    [
        ("zh-CN,zh;q=0.9", "/zh-hans/"),
        ("zh-Hans", "/zh-hans/"),
        ("zh", "/zh-hans/"),
        ("zh-CN", "/zh-hans/"),
        ("en-US,en;q=0.9", "/en/"),
        ("fr-FR", "/en/"),
        ("", "/en/"),
    ],
)
def test_the_root_redirects_to_the_browser_language(client, accept_language, prefix):
    response = client.get("/", HTTP_ACCEPT_LANGUAGE=accept_language)

    assert response.status_code == 302
    assert response.url == prefix


def switcher_next(html: str, language: str) -> str:
    """The `next` of the switcher's form for `language`, as a browser would post it."""
    form = re.search(
        rf'<input type="hidden" name="language" value="{language}">\s*'
        r'<input type="hidden" name="next" value="([^"]*)">',
        html,
    )
    return unescape(form.group(1))


@pytest.mark.parametrize(
    ("here", "language", "there"),
    [
        ("/en/platforms/weibo/", "zh-hans", "/zh-hans/platforms/weibo/"),
        ("/zh-hans/platforms/weibo/", "en", "/en/platforms/weibo/"),
        ("/en/compare/?p=weibo&p=maimai", "zh-hans", "/zh-hans/compare/?p=weibo&p=maimai"),
        ("/zh-hans/advisor/", "en", "/en/advisor/"),
        ("/en/?q=%E5%BE%AE%E5%8D%9A", "zh-hans", "/zh-hans/?q=%E5%BE%AE%E5%8D%9A"),
        ("/zh-hans/platforms/weibo/?q=a%26b", "en", "/en/platforms/weibo/?q=a%26b"),
    ],
)
def test_the_switcher_offers_the_same_page_in_the_other_language(
    client, two_platforms, here, language, there
):
    html = client.get(here).content.decode()

    assert switcher_next(html, language) == there


def test_switching_from_a_shared_chinese_link_in_an_english_browser_lands_in_english(
    client, two_platforms
):
    # set_language would resolve /zh-hans/... in English (the browser's language) and fail;
    # the switcher's own `next` already carries the English address.
    page = client.get("/zh-hans/platforms/weibo/", HTTP_ACCEPT_LANGUAGE="en-US").content.decode()

    response = client.post(
        reverse("set_language"),
        {"language": "en", "next": switcher_next(page, "en")},
        HTTP_ACCEPT_LANGUAGE="en-US",
    )

    assert response.status_code == 302
    assert response.url == "/en/platforms/weibo/"
    assert response.cookies[settings.LANGUAGE_COOKIE_NAME].value == "en"


def test_the_chosen_language_is_remembered_over_the_browser_language(client):
    client.post(reverse("set_language"), {"language": "zh-hans", "next": "/en/"})

    response = client.get("/", HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9")

    assert response.url == "/zh-hans/"


@pytest.mark.parametrize(
    ("path", "html_lang", "offered", "current"),
    [
        ("/en/", "en", 'lang="zh-Hans">简体中文</button>', 'lang="en" aria-current="true">English'),
        ("/zh-hans/", "zh-Hans", 'lang="en">English</button>', 'aria-current="true">简体中文'),
    ],
)
def test_each_page_names_its_language_and_offers_the_other(
    client, path, html_lang, offered, current
):
    html = client.get(path).content.decode()

    assert f'<html lang="{html_lang}">' in html
    assert f'action="{reverse("set_language")}"' in html
    assert offered in html
    assert current in html


def test_the_language_switcher_works_for_a_browser_that_enforces_csrf():
    """The switcher holds no CSRF token (so the page can be kept whole): choosing a language,
    which sets only the language cookie, must not need one."""
    browser = Client(enforce_csrf_checks=True)

    response = browser.post(reverse("set_language"), {"language": "zh-hans", "next": "/zh-hans/"})

    assert response.status_code == 302
    assert response.cookies[settings.LANGUAGE_COOKIE_NAME].value == "zh-hans"


@pytest.mark.parametrize(
    ("choices", "chinese"),
    [
        (Outcome, "已拒绝"),  # a person said no to an outreach
        (RequestStatus, "已拒绝"),  # or to a request to connect
        (StatusEvent.Kind, "衰落"),  # a platform went into decline
    ],
)
def test_declined_is_said_as_each_thing_declines(choices, chinese):
    """One English word, two meanings: a person's "no" must not read as a platform's waning."""
    with translation.override("zh-hans"):
        assert str(choices("declined").label) == chinese
