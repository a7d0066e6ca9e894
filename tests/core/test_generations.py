"""core.generations: counters that never expire, and reading several in one round trip for one request."""

from unittest import mock

from django.core.cache import cache

from core import generations


def test_a_missing_counter_starts_from_the_clock_and_a_bump_moves_it():
    cache.delete("t:gen")
    first = generations.read("t:gen")
    assert first > 1_000_000  # from the clock, never 1: an entry of an earlier life cannot match again
    generations.bump("t:gen")
    assert generations.read("t:gen") == first + 1


def test_prefetched_counters_are_read_in_one_round_trip_and_a_bump_inside_is_seen():
    for key in ("t:a", "t:b"):
        cache.set(key, 10, None)
    with mock.patch.object(cache, "get_many", wraps=cache.get_many) as get_many:
        with generations.prefetched("t:a", "t:b"):
            cache.set("t:a", 99, None)  # changed behind the block's back: the block keeps what it read
            assert generations.read("t:a") == 10
            assert generations.read("t:b") == 10
            generations.bump("t:b")  # its own bump is seen at once
            assert generations.read("t:b") == 11
            with generations.prefetched("t:a", "t:c"):  # nested: fetches only what the outer block lacks
                assert generations.read("t:a") == 10
        assert get_many.call_args_list == [mock.call(["t:a", "t:b"]), mock.call(["t:c"])]
    assert generations.read("t:a") == 99  # outside the block: the cache again
