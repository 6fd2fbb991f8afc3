"""Sentence segmentation: text in, exact sentence substrings out (see :mod:`.splitter`)."""

from .splitter import split_sentences, split_sentences_spans

__all__ = ["split_sentences", "split_sentences_spans"]
