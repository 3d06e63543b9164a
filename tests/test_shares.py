"""Pages shared between two processes as each is ready for more (blocks.Shares)."""

from __future__ import annotations

import os
import pickle
import time
from pathlib import Path

import pytest

from casefile.outputs.blocks import Shares


@pytest.mark.parametrize("count", [0, 1, 2, 17, 1000])
def test_one_process_takes_every_page_once_in_order(tmp_path: Path, count: int) -> None:
    shares = Shares(count, tmp_path)
    assert list(shares.each(front=True)) == list(range(count))
    assert list(shares.each(front=False)) == []
    shares.close()


def test_two_ends_meet_and_take_every_page_once(tmp_path: Path) -> None:
    shares = Shares(100, tmp_path)
    front, back = shares.each(front=True), shares.each(front=False)
    taken: list[int] = []
    for _ in range(200):  # in turn, one page at a time from each end
        taken += [n for n in (next(front, None), next(back, None)) if n is not None]
    assert sorted(taken) == list(range(100))
    ahead = taken[0::2][:50]
    assert ahead == list(range(50))  # the front takes a run from 0
    shares.close()


def test_the_first_share_is_a_sixteenth_of_what_is_left(tmp_path: Path) -> None:
    shares = Shares(1000, tmp_path)
    assert shares._take(front=True) == range(0, 62)  # 1000 // 16
    assert shares._take(front=False) == range(942, 1000)  # 938 // 16 = 58
    assert shares._take(front=True) == range(62, 117)  # 880 // 16 = 55
    shares.close()


def test_the_last_pages_are_taken_one_at_a_time(tmp_path: Path) -> None:
    shares = Shares(17, tmp_path)
    assert shares._take(front=True) == range(0, 1)  # 17 // 16
    assert [shares._take(front=i % 2 == 0) for i in range(17)] == [
        range(1, 2), range(16, 17), range(2, 3), range(15, 16), range(3, 4), range(14, 15),
        range(4, 5), range(13, 14), range(5, 6), range(12, 13), range(6, 7), range(11, 12),
        range(7, 8), range(10, 11), range(8, 9), range(9, 10), range(9, 9)]
    shares.close()


def test_a_slow_and_a_fast_process_share_pages_by_speed(tmp_path: Path) -> None:
    """The child sleeps on each page, this process does not: the child takes few pages,
    none twice, and the pages of both are every page, the child's at the back."""
    shares = Shares(400, tmp_path)
    reader, writer = os.pipe()
    pid = os.fork()
    if pid == 0:  # pragma: no cover - the child
        os.close(reader)
        got = []
        for number in shares.each(front=False):
            got.append(number)
            time.sleep(0.002)
        os.write(writer, pickle.dumps(got))
        os._exit(0)
    os.close(writer)
    mine = []
    for number in shares.each(front=True):
        mine.append(number)
        time.sleep(0.0001)
    data = b""
    while chunk := os.read(reader, 1 << 16):
        data += chunk
    os.waitpid(pid, 0)
    theirs = pickle.loads(data)
    assert mine == list(range(len(mine)))
    assert sorted(theirs) == list(range(len(mine), 400))
    assert len(mine) > len(theirs)
    shares.close()
