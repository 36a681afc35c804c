from postlint.positions import LineIndex, Position, Span


def test_line_breaks_are_lf_crlf_and_lone_cr_only() -> None:
    text = "a\nb\r\nc\rd\u2028e\x85f\x0cg"
    index = LineIndex(text)
    assert index.line_count == 4
    assert index.position(text.index("b")) == Position(2, 1)
    assert index.position(text.index("c")) == Position(3, 1)
    assert index.position(text.index("d")) == Position(4, 1)
    assert index.position(text.index("g")) == Position(4, 7)


def test_lf_only_text_with_empty_and_last_lines() -> None:
    text = "a\n\nbc\n"
    index = LineIndex(text)
    assert index.line_count == 4
    assert index.position(1) == Position(1, 2)
    assert index.position(2) == Position(2, 1)
    assert index.position(4) == Position(3, 2)
    assert index.position(6) == Position(4, 1)
    assert LineIndex("").line_count == 1


def test_columns_count_code_points() -> None:
    text = "标题：😀 <img>"
    assert LineIndex(text).position(text.index("<")) == Position(1, 6)


def test_offsets_are_clamped_and_line_spans_exclude_breaks() -> None:
    text = "ab\r\ncd"
    index = LineIndex(text)
    assert index.position(99) == Position(2, 3)
    assert index.line_span(1, text) == Span(0, 2)
    assert index.line_span(2, text) == Span(4, 6)
    assert index.line_start(5) == len(text)
