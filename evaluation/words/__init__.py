"""错敏词: the dictionary's validation and seed, the matcher, page text, the pre-publish review and its admin."""
