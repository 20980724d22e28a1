def example_classic_corpus(sol):
    counts = {"low": 5, "lower": 2, "newest": 6, "widest": 3}
    merges = [tuple(m) for m in sol.bpe_train(counts, 3)]
    # (e, s) and (s, t) both occur 9 times: the smaller pair ("e", "s") goes first; then ("es", "t") = 9
    assert merges == [("e", "s"), ("es", "t"), ("l", "o")], f"got {merges}"


def example_encode_replays_merges(sol):
    merges = [("e", "s"), ("es", "t"), ("l", "o"), ("lo", "w")]
    assert list(sol.bpe_encode("lowest", merges)) == ["low", "est"]
    assert list(sol.bpe_encode("slow", merges)) == ["s", "low"]


def example_code_points_and_overlaps(sol):
    merges = [tuple(m) for m in sol.bpe_train({"ééé": 1}, 2)]
    # three symbols; the pair (é, é) occurs twice (overlapping); merging gives "éé", "é"; then ("éé", "é")
    assert merges == [("é", "é"), ("éé", "é")], f"got {merges}"
