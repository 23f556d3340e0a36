"""The API's request bodies: validated before any work is queued (a bad one answers 422)."""

from __future__ import annotations

import datetime as dt
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

TEXT_HELP = "the article as plain text, Markdown or HTML"
URL_HELP = "an http(s) URL of the article page (public addresses only, unless the server allows private ones)"


def _url(value: str | None) -> str | None:
    if value is not None and not value.lower().startswith(("http://", "https://")):
        raise ValueError("must start with http:// or https://")
    return value


# A text where more than this share of the characters are control characters or decoding failures is
# a binary file read as text (an image, an archive, a .docx), not an article.
BINARY_SHARE = 0.01
_CONTROLS = frozenset(chr(c) for c in range(32) if chr(c) not in "\t\n\r\f") | {"\x7f", "\ufffd"}


def _textual(value: str | None) -> str | None:
    if value:
        head = value[:20_000]
        if sum(ch in _CONTROLS for ch in head) > BINARY_SHARE * len(head):
            raise ValueError(
                "this is a binary file, not text: paste the article's text, or open a .txt, .md or .html file"
            )
    return value


class _Body(BaseModel):
    model_config = ConfigDict(extra="forbid")


class ArticleInput(_Body):
    text: str | None = Field(None, description=TEXT_HELP)
    url: str | None = Field(None, description=URL_HELP)
    published: dt.date | None = Field(None, description="publication date, to resolve 'on Tuesday' (YYYY-MM-DD)")

    @field_validator("url")
    @classmethod
    def _web_url(cls, value: str | None) -> str | None:
        return _url(value)

    @field_validator("text")
    @classmethod
    def _text(cls, value: str | None) -> str | None:
        return _textual(value)

    @model_validator(mode="after")
    def _one_source(self) -> ArticleInput:
        if bool(self.text and self.text.strip()) == bool(self.url):
            raise ValueError("give the article as exactly one of `text` or `url`")
        return self


class ExtractRequest(ArticleInput):
    model_config = ConfigDict(
        extra="forbid", json_schema_extra={"examples": [{"url": "https://example.com/news/story.html"}]}
    )


class RewriteRequest(ArticleInput):
    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={
            "examples": [{"text": "Minister Anna Berg opened the bridge on 3 May 2024.", "style": "brief"}]
        },
    )
    style: str = Field("explainer", description="a style name from GET /api/styles")
    engine: str = Field("builtin", description="a rewrite engine from GET /api/engines")
    model: str | None = Field(None, description="the model name, for engines that use one")
    words: int | None = Field(None, gt=0, le=5000, description="aim for about this many words")


class CheckRequest(_Body):
    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={
            "examples": [
                {
                    "source": "Minister Anna Berg opened the bridge on 3 May 2024.",
                    "rewrite": "Minister Anna Berg opened the bridge on 4 May 2024.",
                }
            ]
        },
    )
    source: str | None = Field(None, description="the source article: " + TEXT_HELP)
    source_url: str | None = Field(None, description="or the source article's URL")
    rewrite: str | None = Field(None, description="the rewrite to audit, read as given")
    rewrite_url: str | None = Field(None, description="or the rewrite's URL")
    published: dt.date | None = Field(None, description="the source's publication date (YYYY-MM-DD)")
    follows: str | None = Field(
        None,
        description="the id of an earlier check of this source: its dismissals and reviews carry over",
        max_length=64,
    )

    @field_validator("source", "rewrite")
    @classmethod
    def _texts(cls, value: str | None) -> str | None:
        return _textual(value)

    @field_validator("source_url", "rewrite_url")
    @classmethod
    def _web_urls(cls, value: str | None) -> str | None:
        return _url(value)

    @model_validator(mode="after")
    def _both_texts(self) -> CheckRequest:
        if bool(self.source and self.source.strip()) == bool(self.source_url):
            raise ValueError("give the source as exactly one of `source` or `source_url`")
        if bool(self.rewrite and self.rewrite.strip()) == bool(self.rewrite_url):
            raise ValueError("give the rewrite as exactly one of `rewrite` or `rewrite_url`")
        return self


class DecisionRequest(_Body):
    model_config = ConfigDict(extra="forbid", json_schema_extra={"examples": [{"finding": 3, "decision": "dismissed"}]})
    finding: int = Field(..., ge=0, description="the finding's index in the run's findings")
    decision: Literal["dismissed", "reviewed", "accepted"] | None = Field(
        ...,
        description="dismissed (not a fault), reviewed (seen and kept), accepted (the source's words used), "
        "or null to reopen it",
    )
