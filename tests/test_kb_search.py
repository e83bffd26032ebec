from __future__ import annotations

import json
from pathlib import Path

import pytest

from bot.kb.articles import Article
from bot.kb.evaluate import evaluate, read_queries
from bot.kb.library import KnowledgeBase
from bot.kb.vocabulary import build_vocabulary, load_vocabulary

ROOT = Path(__file__).resolve().parent.parent
QUERIES = ROOT / "tests" / "data" / "kb_queries.jsonl"
HELDOUT = ROOT / "tests" / "data" / "kb_heldout"


@pytest.fixture(scope="module")
def kb() -> KnowledgeBase:
    return KnowledgeBase.load(ROOT / "knowledge_base", vocabulary_path=ROOT / "config" / "vocabulary.toml")


@pytest.mark.parametrize(
    ("query", "slug"),
    [
        ("veiwer wont lanch", "viewer-will-not-launch"),  # typos
        ("pasword reset", "password-reset"),
        ("the x-ray I just took never showed up for the doctor", "images-missing-after-acquisition"),  # lay
        ("the doctor's list on the xray machine has no patients today", "modality-worklist-empty"),
        ("the pictures take ages to come up on my computer", "slow-image-loading"),
        ("MWL empty on CT", "modality-worklist-empty"),  # jargon
        ("ORU rejected by the EMR", "hl7-results-not-crossing"),
        ("Q/R not working with the other hospital's PACS", "query-retrieve-failing"),
        ("ZFP viewer blank page", "web-viewer-zero-footprint"),
        ("DBT slices not showing", "mammography-tomosynthesis"),
    ],
)
def test_finds_the_article_first(kb: KnowledgeBase, query: str, slug: str) -> None:
    results = kb.search(query)
    assert results and results[0].slug == slug
    assert all(0.0 <= r.score <= 1.0 and 0.0 <= r.confidence <= 1.0 for r in results)


def test_jargon_send_failure_lists_both_dicom_articles(kb: KnowledgeBase) -> None:
    slugs = [r.slug for r in kb.search_all("C-STORE rejected from DX2", limit=3)]
    assert {"dicom-send-failures", "dicom-association-rejected"} <= set(slugs)


@pytest.mark.parametrize(
    "query",
    [
        "the coffee machine in the break room is broken",
        "question about my invoice and billing",
        "where do I park for the training session",
        "how do I submit a vacation request",
        "thanks!",
        "",
    ],
)
def test_suggests_nothing_off_topic(kb: KnowledgeBase, query: str) -> None:
    assert kb.search(query) == []


def test_analyst_articles_are_not_offered_to_clients(kb: KnowledgeBase) -> None:
    query = "replay HL7 messages stuck in the error queue"
    assert all(kb.article(r.slug).audience == "client" for r in kb.search(query))  # type: ignore[union-attr]
    assert kb.search(query, audience="analyst")[0].slug == "hl7-message-replay"


def test_eval_meets_targets_on_our_set(kb: KnowledgeBase) -> None:
    items = read_queries(QUERIES)
    assert len(items) >= 150 and sum(not i.expected for i in items) >= 20
    report = evaluate(items, lambda q: [r.slug for r in kb.search(q)])
    assert (report.overall.rate("top3") or 0) >= 0.95
    assert (report.overall.rate("no_answer") or 0) >= 0.8


def test_labelled_slugs_exist(kb: KnowledgeBase) -> None:
    for line in QUERIES.read_text(encoding="utf-8").splitlines():
        for slug in json.loads(line)["expected"]:
            assert kb.article(slug) is not None, slug


def test_heldout_articles_written_after_the_ranking_froze() -> None:
    held = KnowledgeBase.load(HELDOUT / "articles", vocabulary_path=ROOT / "config" / "vocabulary.toml")
    report = evaluate(read_queries(HELDOUT / "queries.jsonl"), lambda q: [r.slug for r in held.search(q)])
    assert (report.overall.rate("top3") or 0) >= 0.85
    assert (report.overall.rate("no_answer") or 0) >= 0.6


def test_vocabulary_synonyms_bridge_words_no_article_uses() -> None:
    article = Article(
        slug="retrieve-from-archive",
        title="Fetching old studies from the long-term archive",
        summary="How to pull studies back from deep storage.",
        tags=(), systems=("archive",), symptoms=(), aliases=(), audience="client", updated=None,
        body="Use the fetch button.", path=Path("retrieve-from-archive.md"),
    )
    other = Article(
        slug="printing", title="Printing films", summary="Film printer problems.", tags=(), systems=(),
        symptoms=(), aliases=(), audience="client", updated=None, body="Check the film.", path=Path("printing.md"),
    )
    query = "grab ancient exams"
    plain = KnowledgeBase.from_articles([article, other])
    assert plain.search_all(query, limit=1) == []
    vocab = build_vocabulary({"synonyms": {"fetch": ["grab"], "old": ["ancient"], "study": ["exam", "exams"]}})
    extended = KnowledgeBase.from_articles([article, other], vocabulary=vocab)
    assert [r.slug for r in extended.search(query)] == ["retrieve-from-archive"]


def test_shipped_vocabulary_loads() -> None:
    vocab = load_vocabulary(ROOT / "config" / "vocabulary.toml")
    assert ("mwl",) in {(v,) for v in vocab.synonyms.values()}
    assert "viewer" in vocab.known_systems
