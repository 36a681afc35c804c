"""Tests for postlint.parse.tags: exact offsets of tags, attributes and comments."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from postlint.parse.tags import Attribute, Tag, iter_tags


def tags(text: str, start: int = 0, end: int | None = None) -> list[Tag]:
    return list(iter_tags(text, start, end))


def start_tag(name: str, start: int, end: int, *attrs: Attribute, closing: bool = False) -> Tag:
    return Tag("start", name, start, end, attrs, closing, "")


def end_tag(name: str, start: int, end: int) -> Tag:
    return Tag("end", name, start, end, (), False, "")


def comment(start: int, end: int, text: str) -> Tag:
    return Tag("comment", "", start, end, (), False, text)


def test_simple_tag() -> None:
    assert tags("<p>") == [start_tag("p", 0, 3)]
    assert tags("x <b>bold</b>") == [start_tag("b", 2, 5), end_tag("b", 9, 13)]


def test_all_quoting_styles_and_no_value() -> None:
    text = """<a href="x" title='y' data-n=3 hidden>"""
    assert tags(text) == [
        start_tag(
            "a",
            0,
            38,
            Attribute("href", "x", 3, 7, 11),
            Attribute("title", "y", 12, 17, 21),
            Attribute("data-n", "3", 22, 28, 30),
            Attribute("hidden", None, 31, 37, 37),
        )
    ]


def test_quoted_value_followed_by_a_quote_starts_a_new_name() -> None:
    assert tags("""<p a='x'"b" c = "" d=e&amp;f>""") == [
        start_tag(
            "p",
            0,
            29,
            Attribute("a", "x", 3, 4, 8),
            Attribute('"b"', None, 8, 11, 11),
            Attribute("c", "", 12, 13, 18),
            Attribute("d", "e&f", 19, 20, 28),
        )
    ]


def test_empty_values() -> None:
    # `b=""` is an empty quoted value; `c=` before '>' is an empty unquoted one.
    assert tags('<a b="" c=>') == [
        start_tag("a", 0, 11, Attribute("b", "", 3, 4, 7), Attribute("c", "", 8, 9, 10))
    ]


def test_duplicate_attributes_kept_and_first_wins() -> None:
    (tag,) = tags('<img src="a.png" SRC="b.png">')
    assert tag.start == 0
    assert tag.end == 29
    assert tag.attributes == (
        Attribute("src", "a.png", 5, 8, 16),
        Attribute("src", "b.png", 17, 20, 28),
    )
    assert tag.attribute("src") == Attribute("src", "a.png", 5, 8, 16)
    assert tag.attribute("alt") is None


def test_gt_inside_quoted_values() -> None:
    assert tags("<a title=\"a > b\" href='c>d'>x") == [
        start_tag(
            "a", 0, 28, Attribute("title", "a > b", 3, 8, 16), Attribute("href", "c>d", 17, 21, 27)
        )
    ]


def test_quoted_value_with_newlines() -> None:
    assert tags("<p title='one\ntwo'>") == [
        start_tag("p", 0, 19, Attribute("title", "one\ntwo", 3, 8, 18))
    ]


def test_tag_over_several_lines() -> None:
    text = "<img\n  src = \"a.png\"\n  alt\n  =\n  'A'\n/>"
    assert tags(text) == [
        start_tag(
            "img",
            0,
            39,
            Attribute("src", "a.png", 7, 10, 20),
            Attribute("alt", "A", 23, 26, 36),
            closing=True,
        )
    ]


def test_tag_over_ten_lines() -> None:
    names = [f"data-a{i}" for i in range(10)]
    text = "before\n<img\n" + "".join(f'   {n}="{i}"\n' for i, n in enumerate(names)) + ">after"
    (tag,) = tags(text)
    assert (tag.start, tag.end) == (7, len(text) - 5)
    assert [a.name for a in tag.attributes] == names
    for i, attr in enumerate(tag.attributes):
        assert attr.start == text.index(attr.name)
        assert attr.name_end == attr.start + len(attr.name)
        assert attr.end == attr.name_end + 4  # ="i"
        assert attr.value == str(i)


def test_offsets_are_code_points_after_cjk() -> None:
    assert tags("中文字<b>粗</b>") == [start_tag("b", 3, 6), end_tag("b", 7, 11)]
    # A character outside the BMP is still one offset (not two UTF-16 units).
    assert tags("😀<i class=x>") == [start_tag("i", 1, 12, Attribute("class", "x", 4, 9, 11))]


def test_self_closing() -> None:
    assert tags("<br/>") == [start_tag("br", 0, 5, closing=True)]
    assert tags("<br />") == [start_tag("br", 0, 6, closing=True)]
    assert tags('<img alt="x"/>') == [
        start_tag("img", 0, 14, Attribute("alt", "x", 5, 8, 12), closing=True)
    ]
    # As in HTML, an unquoted value takes the '/', and '/ >' is not self-closing.
    assert tags("<a href=x/>") == [start_tag("a", 0, 11, Attribute("href", "x/", 3, 7, 10))]
    assert tags("<br / >") == [start_tag("br", 0, 7)]


def test_end_tags() -> None:
    assert tags("</p>") == [end_tag("p", 0, 4)]
    assert tags("x</DIV\n>") == [end_tag("div", 1, 8)]


def test_comments() -> None:
    text = "---\n<!--1730853940000-->\n<div>"
    assert tags(text) == [comment(4, 24, "1730853940000"), start_tag("div", 25, 30)]
    assert tags("<!-- a <b> c -->") == [comment(0, 16, " a <b> c ")]
    assert tags("<!---->") == [comment(0, 7, "")]
    assert tags("<!-->x") == [comment(0, 5, "")]
    assert tags("<!--->x") == [comment(0, 6, "")]


def test_unterminated_comment_runs_to_end() -> None:
    assert tags("<p><!-- oops <b>") == [start_tag("p", 0, 3), comment(3, 16, " oops <b>")]
    # Also one that starts after the last '>', and one after an unclosed raw-text end tag.
    assert tags("<p><!-- oops") == [start_tag("p", 0, 3), comment(3, 12, " oops")]
    assert tags("<script>x</script <!-- c") == [start_tag("script", 0, 8), comment(18, 24, " c")]


def test_unterminated_tag_is_text() -> None:
    assert tags("a <div") == []
    assert tags('<a href="x">') == [start_tag("a", 0, 12, Attribute("href", "x", 3, 7, 11))]
    # The unclosed quote stops the <div>; scanning resumes after its '<'.
    assert tags('<div class="a <p>ok</p>') == [start_tag("p", 14, 17), end_tag("p", 19, 23)]


def test_lone_lt_is_text() -> None:
    assert tags("if a < b and c > d") == []
    assert tags("I <3 it") == []
    assert tags("< div>") == []
    assert tags("</ p> </> <") == []
    # A letter right after '<' does start a tag, as in HTML.
    assert tags("a <b and c> d") == [
        start_tag("b", 2, 11, Attribute("and", None, 5, 8, 8), Attribute("c", None, 9, 10, 10))
    ]


def test_doctype_processing_instruction_and_cdata_skipped() -> None:
    text = '<!DOCTYPE html><?xml version="1.0"?><![CDATA[<b> > </b>]]><i>'
    assert tags(text) == [start_tag("i", 58, 61)]


def test_script_content_not_tokenized() -> None:
    text = '<script>if (a<b && c>d) { x = "</div>"; }</script><p>'
    assert tags(text) == [
        start_tag("script", 0, 8),
        end_tag("script", 41, 50),
        start_tag("p", 50, 53),
    ]


def test_raw_text_end_tag_case_insensitive_and_exact() -> None:
    text = "<STYLE>a</styles>b</Style >"
    assert tags(text) == [start_tag("style", 0, 7), end_tag("style", 18, 27)]
    assert tags("<textarea><b></textarea>") == [
        start_tag("textarea", 0, 10),
        end_tag("textarea", 13, 24),
    ]
    assert tags("<title>a<b>c") == [start_tag("title", 0, 7)]
    assert tags("<plaintext><b></plaintext>") == [start_tag("plaintext", 0, 11)]


def test_entity_decoded_values() -> None:
    assert tags('<a href="?a=1&amp;b=2" title=&lt;x&gt;>') == [
        start_tag(
            "a",
            0,
            39,
            Attribute("href", "?a=1&b=2", 3, 7, 22),
            Attribute("title", "<x>", 23, 28, 38),
        )
    ]


def test_upper_case_names_lower_cased() -> None:
    assert tags('<DIV CLASS="X" Data-Foo></Div>') == [
        start_tag(
            "div",
            0,
            24,
            Attribute("class", "X", 5, 10, 14),
            Attribute("data-foo", None, 15, 23, 23),
        ),
        end_tag("div", 24, 30),
    ]


def test_window_gives_absolute_offsets() -> None:
    text = "<p>skip</p><b title=x>in</b><i>out</i>"
    assert tags(text, 11, 28) == [
        start_tag("b", 11, 22, Attribute("title", "x", 14, 19, 21)),
        end_tag("b", 24, 28),
    ]
    # A tag cut by the window's end is not a tag; one cut by its start is text.
    assert tags(text, 11, 21) == []
    assert tags(text, 12, 28) == [end_tag("b", 24, 28)]
    # An unterminated comment runs to the end of the window, not of the text.
    assert tags("<!--abc-->", 0, 6) == [comment(0, 6, "ab")]


def test_pathological_unclosed_tags_are_text() -> None:
    # Every '<a' would start a tag running to the end: quadratic if rescanned each time (a
    # regression shows as a test that takes minutes; speed itself is the benchmark's).
    text = "<a x " * 20_000 + 'y=">'
    assert tags(text) == []


_PIECES = st.sampled_from(
    ["<", ">", '"', "'", "=", "/", "!", "-", "?", " ", "\n", "a", "B", "&amp;", "中", "<a ", "</a>",
     "<!--", "-->", "<script>", "</script", "<![CDATA[", "]]>", "<title>"]
)  # fmt: skip


@given(st.lists(_PIECES, max_size=60).map("".join), st.integers(-5, 80), st.integers(-5, 80))
def test_never_raises_and_offsets_are_consistent(text: str, start: int, end: int) -> None:
    lo, hi, _ = slice(start, end).indices(len(text))
    previous = lo
    for tag in iter_tags(text, start, end):
        assert previous <= tag.start < tag.end <= hi
        previous = tag.end
        assert text[tag.start] == "<"
        if tag.kind != "comment":
            assert text[tag.end - 1] == ">"
        for attr in tag.attributes:
            assert tag.start < attr.start < attr.name_end <= attr.end < tag.end
            assert text[attr.start : attr.name_end].lower() == attr.name
