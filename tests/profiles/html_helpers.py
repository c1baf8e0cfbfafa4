"""Reading rendered forms in tests: is a message really next to its field?"""


def field_block(html: str, field_id: str) -> str:
    """The HTML of the `.field` container holding the element `field_id`, up to the next field."""
    position = html.index(f'id="{field_id}"')
    start = html.rindex('class="field', 0, position)
    following = html.find('class="field', position)
    return html[start : following if following != -1 else len(html)]
