"""Chronicle over HTTP: a JSON API and a small web UI on one SQLite store.

    app = create_app("chronicle.db")                       # read-only
    app = create_app("chronicle.db", write_token="s3cret")  # POST /api/articles with the token

The API is documented by its OpenAPI schema (``/api/openapi.json``, listed for people at ``/api/docs``)
and in docs/api.md. The UI pages are server-rendered Jinja2 templates (autoescape on) with one
stylesheet and no scripts; article text is escaped piece by piece in ``render.highlight``.

Each request opens its own store (SQLite or PostgreSQL; connections belong to one thread) and closes it
when the answer is built. Routes use the Store's nouns: ``GET /api/quotes`` calls
``Store.quotes`` with the same keyword arguments.
"""
from __future__ import annotations

import dataclasses
import hmac
import json
import os
import threading
from contextlib import asynccontextmanager, contextmanager
from pathlib import Path
from typing import Iterator, Optional
from urllib.parse import quote as url_quote

from fastapi import APIRouter, Depends, FastAPI, HTTPException, Query, Request, Response
from fastapi.responses import HTMLResponse, JSONResponse
from fastapi.routing import APIRoute
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates
from pydantic import BaseModel, Field
from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException as StarletteHTTPException

from chronicle import settings
from chronicle.api import queries, reference, render
from chronicle.ingest.decode import replace_unencodable, safe_item
from chronicle.ingest.upload import read_bytes
from chronicle.pipeline import Gates, Options, WorkerPool, run
from chronicle.records import Document, Skipped
from chronicle.report.brief import write_brief
from chronicle.report.timeline import position_timeline
from chronicle.store import open_store as open_any_store
from chronicle.store.base import BaseStore

HERE = Path(__file__).parent
MAX_LIMIT = 500
MAX_WAITING_WRITES = 8  # writes queued behind the one being extracted; more are answered 503
MAX_OFFSET = 1_000_000_000
# Pages use one stylesheet from /static, no scripts and no inline styles: a browser given this
# policy runs no script even if some markup ever slipped through escaping.
CSP = ("default-src 'none'; style-src 'self'; img-src 'self' data:; form-action 'self';"
       " base-uri 'none'; frame-ancestors 'none'")

LimitQuery = Query(50, ge=1, le=MAX_LIMIT, description=f"Rows per page, 1 to {MAX_LIMIT}.")
OffsetQuery = Query(0, ge=0, le=MAX_OFFSET, description="Rows to skip (for the next page).")
SinceQuery = Query(None, description="First date, ISO (2023-02-01), inclusive.", examples=["2023-02-01"])
UntilQuery = Query(None, description="Last date, ISO, inclusive; 2023-02 covers all of February.",
                   examples=["2023-02-28"])


class NewArticle(BaseModel):
    """An article to extract and store."""

    text: str = Field(min_length=1, max_length=settings.MAX_ARTICLE_CHARS,
                      description="The article as read; cleaned before extraction.")
    published: Optional[str] = Field(None, description="Publication date, YYYY-MM-DD.",
                                     examples=["2023-02-12"])
    source: Optional[str] = Field(None, max_length=2048, description="Where it came from (URL, path).")


def create_app(db_path: str | os.PathLike, *, write_token: Optional[str] = None,
               options: Optional[Options] = None) -> FastAPI:
    """The Chronicle web app on the SQLite store at ``db_path`` (created if missing).

    db_path (str | PathLike): the store's SQLite file.
    write_token (str | None): the bearer token ``POST /api/articles`` requires. Without one,
        the app is read-only and that route answers 403. Defaults to None.
    options (Options | None): the pipeline's options for written articles (languages,
        near-duplicate threshold); the server's gates remember what it stored since it started.
        Defaults to ``Options()``, as ``chronicle ingest``.
    RETURNS (FastAPI): the app, for uvicorn or a test client.
    DOCS: docs/api.md
    """
    db_path = os.fspath(db_path)
    if write_token is not None and not write_token.strip():
        raise ValueError("write_token is empty; pass a real token, or None for a read-only app")
    open_any_store(db_path).close()  # create the file (or schema) now, not in the first request
    run_options = options or Options(time_budget=settings.TIME_BUDGET)
    gates = Gates(run_options)
    # Writes extract in a worker process (loaded once, at the first write), so a slow article
    # holds neither the event loop nor the GIL: reads stay fast while it runs, and one over the
    # time budget is stopped and answered 422. Writes go through one at a time; a few may wait.
    budget = run_options.time_budget
    pool = WorkerPool(run_options.workers, budget, run_options.clean) if budget else None

    @asynccontextmanager
    async def lifespan(app):
        yield
        if pool is not None:
            pool.close()
    gate_lock = threading.Lock()
    waiting_writes = threading.BoundedSemaphore(MAX_WAITING_WRITES)

    app = FastAPI(
        title="Chronicle",
        summary="Who said what, and who did what to whom, when: grounded in the text.",
        description="Read-only unless started with a write token. Every quote and event links "
        "to its evidence: the characters of the article text it was found in. See docs/api.md.",
        version="1",
        docs_url=None,  # /api/docs is the page below: no scripts from a CDN
        redoc_url=None,
        openapi_url="/api/openapi.json",
        lifespan=lifespan,
    )
    app.mount("/static", StaticFiles(directory=HERE / "static"), name="static")
    templates = Jinja2Templates(directory=HERE / "templates")  # autoescape on for .html
    templates.env.globals["actor_url"] = render.actor_url
    templates.env.globals["legend"] = render.LEGEND
    templates.env.globals["noted"] = render.noted
    bearer = HTTPBearer(auto_error=False, description="The server's write token.")

    @contextmanager
    def open_store() -> Iterator[BaseStore]:
        """One Store per request; ValueError from a query (bad date, limit) becomes a 400."""
        with open_any_store(db_path) as store:
            try:
                yield store
            except ValueError as exc:
                raise HTTPException(400, detail=str(exc)) from exc

    def timeline_of(store: BaseStore, name: str) -> Optional[dict]:
        """``queries.actor_timeline`` of the actor named ``name`` (any name, alias or
        spelling): its quotes and the events it did or that were done to it; None if no actor
        has that name."""
        found = store.actors(name=name, limit=1)
        if not found:
            return None
        events = store.events(actor=name, limit=None) + store.events(target=name, limit=None)
        return queries.actor_timeline(found[0], store.quotes(speaker=name, limit=None), events)

    def page(request: Request, template: str, status_code: int = 200, **context) -> HTMLResponse:
        response = templates.TemplateResponse(request, template, context, status_code=status_code)
        response.headers["Content-Security-Policy"] = CSP
        return response

    @app.middleware("http")
    async def security_headers(request: Request, call_next):
        response = await call_next(request)
        response.headers.setdefault("X-Content-Type-Options", "nosniff")
        response.headers.setdefault("Referrer-Policy", "same-origin")
        return response

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException):
        if request.url.path.startswith("/api/") or request.url.path.startswith("/static/"):
            return JSONResponse({"detail": exc.detail}, status_code=exc.status_code,
                                headers=getattr(exc, "headers", None))
        return page(request, "error.html", status_code=exc.status_code,
                    status=exc.status_code, detail=exc.detail)

    # -- JSON API ------------------------------------------------------------------------------

    def paged(rows: list, limit: int, offset: int) -> dict:
        """A page of rows fetched with ``limit + 1``: the extra row only says there is more."""
        more = len(rows) > limit
        return {"items": rows[:limit], "limit": limit, "offset": offset,
                "next_offset": offset + limit if more else None}

    @app.get("/api/articles", tags=["articles"])
    def list_articles(
        q: Optional[str] = Query(None, max_length=1000, description="Words in the title or text (all of them)."),
        actor: Optional[str] = Query(None, max_length=300, description="Any name, alias or spelling of an actor in it."),
        limit: int = Query(20, ge=1, le=MAX_LIMIT, description=f"Rows per page, 1 to {MAX_LIMIT}."),
        offset: int = OffsetQuery,
    ) -> dict:
        """Articles, oldest first; with ``q``, those whose title or text has every word, best
        match first; with ``actor``, those an actor of that name appears in. Each row: id, source, title, published, added_at, counts of actors,
        quotes, times and events, and ``snippet`` (text around the match, with ``q``)."""
        with open_store() as store:
            rows = store.search_articles(q, actor=actor, limit=limit + 1, offset=offset)
        return paged(rows, limit, offset)

    @app.get("/api/articles/{article_id}", tags=["articles"],
             responses={404: {"description": "No article with this id."}})
    def get_article(article_id: str) -> dict:
        """The full record of one article: text, actors, quotes, times, events. Every span is
        ``[start, end]``, character offsets into ``text``."""
        with open_store() as store:
            article = store.get(article_id)
        if article is None:
            raise HTTPException(404, detail=f"no article with id {article_id!r}")
        return article.to_dict()

    def check_token(credentials: Optional[HTTPAuthorizationCredentials]) -> None:
        if write_token is None:
            raise HTTPException(403, detail="writing is disabled on this server; start it with "
                                "--write-token (or CHRONICLE_WRITE_TOKEN) to allow POST /api/articles")
        given = credentials.credentials if credentials else ""
        if not hmac.compare_digest(given.encode("utf-8"), write_token.encode("utf-8")):
            raise HTTPException(401, detail="missing or wrong write token: send "
                                "'Authorization: Bearer <token>'",
                                headers={"WWW-Authenticate": "Bearer"})

    class TokenFirst(APIRoute):
        """A write route whose token is checked before its body is read, parsed or validated:
        a client without the token learns nothing about the body, 401 (403 when writing is
        off), never 422. (A dependency would run after FastAPI has parsed the JSON body.)"""

        def get_route_handler(self):
            handler = super().get_route_handler()

            has_json_body = self.body_field is not None

            async def token_first(request: Request) -> Response:
                check_token(await bearer(request))
                if has_json_body:
                    await storable_json_body(request)
                return await handler(request)
            return token_first

    async def storable_json_body(request: Request) -> None:
        """JSON escapes may spell lone surrogates ("\\ud83d", half an emoji), which pydantic
        refuses and no store can hold: they become U+FFFD here, before validation, and the
        count travels in ``request.state`` to the article's ``removed``."""
        try:
            parsed = json.loads(await request.body())
        except (ValueError, UnicodeDecodeError):
            return  # not JSON: FastAPI answers 422 with its own reason
        replaced = [0]

        def storable(value):
            if isinstance(value, str):
                value, count = replace_unencodable(value)
                replaced[0] += count
                return value
            if isinstance(value, dict):
                return {storable(k): storable(v) for k, v in value.items()}
            if isinstance(value, list):
                return [storable(v) for v in value]
            return value

        cleaned = storable(parsed)
        if replaced[0]:
            request._body = json.dumps(cleaned).encode("ascii")  # Starlette caches the body here
        request.state.unencodable_replaced = replaced[0]

    def require_token(credentials: Optional[HTTPAuthorizationCredentials] = Depends(bearer)) -> None:
        check_token(credentials)  # checked again as a dependency; it also puts the token in the schema

    writes = APIRouter(route_class=TokenFirst, dependencies=[Depends(require_token)])

    def store_outcomes(outcomes) -> list[dict]:
        """Store the pipeline's articles; one result per outcome, in order."""
        results = []
        with open_store() as store:
            for outcome in outcomes:
                if isinstance(outcome, Skipped):
                    results.append({"source": outcome.source, "stored": False, "skipped": outcome.reason,
                                    "failed": outcome.failed, "stage": outcome.stage})
                    continue
                aid = url_quote(outcome.id, safe="")
                results.append({
                    "source": outcome.source, "id": outcome.id, "stored": store.add(outcome),
                    "title": outcome.title, "published": outcome.published,
                    "counts": {kind: len(getattr(outcome, kind)) for kind in ("actors", "quotes", "times", "events")},
                    "links": {"api": f"/api/articles/{aid}", "page": f"/articles/{aid}"},
                })
        return results

    def through_pipeline(items, published: Optional[str]) -> list[dict]:
        try:
            options = dataclasses.replace(run_options, published=published or run_options.published)
        except ValueError as exc:
            raise HTTPException(400, detail=str(exc)) from exc
        if not waiting_writes.acquire(blocking=False):
            raise HTTPException(503, detail=f"{MAX_WAITING_WRITES} writes are already waiting; retry in a "
                                            "few seconds", headers={"Retry-After": "5"})
        try:
            # One request at a time through the gates: their duplicate index is the server's.
            with gate_lock:
                return store_outcomes(run(items, options, gates, pool))
        finally:
            waiting_writes.release()

    @writes.post("/api/articles", tags=["articles"], status_code=201,
              responses={200: {"description": "Not stored: stored already, a duplicate, or another language "
                                              "(``skipped`` says why)."},
                         201: {"description": "Extracted and stored."},
                         400: {"description": "Bad publication date."},
                         401: {"description": "No token, or a wrong one."},
                         403: {"description": "Writing is disabled: the server has no write token."},
                         422: {"description": "Not an article Chronicle can extract (``detail`` says why)."}})
    def add_article(body: NewArticle, request: Request, response: Response) -> dict:
        """Extract the record of one article and store it, through the same pipeline (gates,
        extraction) as ``chronicle ingest``. Needs ``Authorization: Bearer <token>`` with the
        token the server was started with; the answer links to the record."""
        document = Document(source=body.source or "api", text=body.text, format="text")
        safe_item(document, replaced=getattr(request.state, "unencodable_replaced", 0))
        (result,) = through_pipeline([document], body.published)
        if result.get("failed"):
            raise HTTPException(422, detail=result["skipped"])
        response.status_code = 201 if result["stored"] else 200
        return result

    @writes.post("/api/files", tags=["articles"],
              responses={200: {"description": "One result per document found in the file."},
                         400: {"description": "Bad publication date or file name."},
                         401: {"description": "No token, or a wrong one."},
                         403: {"description": "Writing is disabled: the server has no write token."},
                         413: {"description": "Over the input size limit."}})
    async def add_file(
        request: Request,
        name: str = Query(..., min_length=1, max_length=1024, description="The file's name (its extension "
                          "hints at the format; the content decides): a.txt, page.html, crawl.warc.gz, news.jsonl."),
        published: Optional[str] = Query(None, description="Publication date of every document, YYYY-MM-DD."),
    ) -> dict:
        """Read one file sent as the request body (text, HTML, WARC, feed or JSON Lines) with
        the readers ``chronicle ingest`` uses, and store its documents through the same pipeline.
        Each result says what was stored, or why a document was skipped or failed."""
        data = await request.body()
        if len(data) > settings.MAX_INPUT_BYTES:
            raise HTTPException(413, detail=f"the file is {len(data):,} bytes, over the {settings.MAX_INPUT_BYTES:,}-byte "
                                            "input limit (CHRONICLE_MAX_INPUT_BYTES)")
        results = await run_in_threadpool(through_pipeline, read_bytes(name, data), published)
        return {"results": results}

    app.include_router(writes)

    @app.get("/api/quotes", tags=["quotes"])
    def list_quotes(
        speaker: Optional[str] = Query(None, max_length=300, description="Any name, alias or spelling of the speaker."),
        contains: Optional[str] = Query(None, max_length=1000, description="Words in the quoted content, in this order."),
        since: Optional[str] = SinceQuery,
        until: Optional[str] = UntilQuery,
        article: Optional[str] = Query(None, max_length=100, description="An article id."),
        source: Optional[str] = Query(None, max_length=300, description="Text in the article's source (path, URL, WARC record), e.g. a domain."),
        limit: int = LimitQuery,
        offset: int = OffsetQuery,
    ) -> dict:
        """Quotes matching every filter, by date (as ``Store.quotes``). Each row: article_id,
        quote_id, speaker, speaker_id, speaker_text, cue, kind, medium, content, date, source,
        title, content_span, and ``links`` to its page and its words in the article."""
        with open_store() as store:
            rows = store.quotes(speaker=speaker, contains=contains, since=since, until=until,
                                article=article, source=source, limit=limit + 1, offset=offset)
        for row in rows:
            row["links"] = queries.quote_links(row)
        return paged(rows, limit, offset)

    @app.get("/api/actors", tags=["actors"])
    def list_actors(
        name: Optional[str] = Query(None, max_length=300, description="Any name, alias or spelling."),
        limit: int = Query(100, ge=1, le=MAX_LIMIT, description=f"Rows per page, 1 to {MAX_LIMIT}."),
        offset: int = OffsetQuery,
    ) -> dict:
        """Actors merged across articles (as ``Store.actors``), most quoted first."""
        with open_store() as store:
            rows = store.actors(name=name, limit=limit + 1, offset=offset)
        return paged(rows, limit, offset)

    @app.get("/api/actors/{name:path}/timeline", tags=["actors"],
             responses={404: {"description": "No actor has this name, alias or spelling."}})
    def actor_timeline(name: str) -> dict:
        """One actor's quotes and events (done by it or to it), by day; undated last."""
        with open_store() as store:
            timeline = timeline_of(store, name)
        if timeline is None:
            raise HTTPException(404, detail=f"no actor named {name!r}")
        return timeline

    @app.get("/api/events", tags=["events"])
    def list_events(
        actor: Optional[str] = Query(None, max_length=300, description="Any name or alias of the actor doing it."),
        target: Optional[str] = Query(None, max_length=300, description="Any name or alias of the actor it is done to."),
        code: Optional[str] = Query(None, max_length=50, description="CAMEO code prefix (19, 036) or PLOVER type (ASSAULT)."),
        since: Optional[str] = SinceQuery,
        until: Optional[str] = UntilQuery,
        limit: int = LimitQuery,
        offset: int = OffsetQuery,
    ) -> dict:
        """Events grouped across articles (as ``Store.events``): the same source, target and
        type within a day is one event, with one ``evidence`` item per article."""
        with open_store() as store:
            rows = store.events(actor=actor, target=target, code=code, since=since, until=until,
                                limit=limit + 1, offset=offset)
        for row in rows:
            for evidence in row["evidence"]:
                evidence["links"] = queries.event_links(evidence)
        return paged(rows, limit, offset)

    @app.get("/api/stats", tags=["store"])
    def stats() -> dict:
        """The number of rows in each table of the store, and whether it uses FTS5."""
        with open_store() as store:
            return {**store.stats(), "fts": store.fts}

    # -- Web UI --------------------------------------------------------------------------------

    @app.get("/api/docs", response_class=HTMLResponse, include_in_schema=False)
    def api_docs(request: Request):
        """Every route of the OpenAPI schema with its parameters and answers, served from the
        package under the pages' policy (no scripts), unlike Swagger UI from a CDN."""
        schema = app.openapi()
        return page(request, "api_docs.html", routes=reference.api_routes(schema),
                    **{key: schema["info"].get(key, "") for key in ("title", "summary", "description")})

    @app.get("/", response_class=HTMLResponse, include_in_schema=False)
    def home(request: Request, q: Optional[str] = Query(None, max_length=1000)):
        q = (q or "").strip()
        with open_store() as store:
            stats = store.stats()
            if q:
                actors = store.actors(name=q, limit=20)
                articles = store.search_articles(q, limit=20)
                known = {row["id"] for row in articles}
                articles += [row for row in store.search_articles(actor=q, limit=20)
                             if row["id"] not in known]
                said = store.quotes(speaker=q, limit=20)
                quoted = store.quotes(contains=q, limit=20)
                seen, quotes = set(), []
                for row in said + quoted:
                    if (row["article_id"], row["quote_id"]) not in seen:
                        seen.add((row["article_id"], row["quote_id"]))
                        row["links"] = queries.quote_links(row)
                        quotes.append(row)
            else:
                actors = store.actors(limit=12)
                articles = store.search_articles(None, limit=20)
                quotes = []
        return page(request, "home.html", q=q, stats=stats, actors=actors, articles=articles,
                    quotes=quotes)

    @app.get("/articles/{article_id}", response_class=HTMLResponse, include_in_schema=False)
    def article_page(request: Request, article_id: str):
        with open_store() as store:
            article = store.get(article_id)
        if article is None:
            raise HTTPException(404, detail=f"No article with id {article_id!r}.")
        names = {a.id: a.name for a in article.actors}
        times = {t.id: t for t in article.times}
        return page(request, "article.html", article=article, names=names, times=times,
                    brief=write_brief(article),
                    body=render.highlight(article.text, render.article_marks(article)),
                    cut=lambda span: article.text[span[0]:span[1]] if span else "")

    @app.get("/actors/{name:path}", response_class=HTMLResponse, include_in_schema=False)
    def actor_page(request: Request, name: str):
        with open_store() as store:
            timeline = timeline_of(store, name)
            positions = position_timeline(store.positions(holder=name), party=name) if timeline else []
        if timeline is None:
            raise HTTPException(404, detail=f"No actor named {name!r}.")
        chart_days = []
        for day in timeline["days"]:
            chart_days.append({
                "date": day["date"],
                "quotes": [{"href": q["links"]["evidence"],
                            "label": f"{q['speaker'] or ''}: {_shorten(q['content'], 90)}"} for q in day["quotes"]],
                "events": [{"href": e["evidence"][0]["links"]["evidence"],
                            "label": f"{', '.join(e['source']) or '?'} {e['plover'] or e['cameo'] or ''} "
                                     f"{', '.join(e['target'])}"} for e in day["events"]],
            })
        return page(request, "actor.html", actor=timeline["actor"], days=timeline["days"],
                    chart=render.timeline_chart(chart_days), shorten=_shorten, positions=positions)

    def record_or_404(article_id: str, kind: str, record_id: str):
        """(article, its record ``record_id`` of ``kind``: "quotes" or "events"), or a 404."""
        with open_store() as store:
            article = store.get(article_id)
        record = next((r for r in getattr(article, kind) if r.id == record_id), None) if article else None
        if record is None:
            raise HTTPException(404, detail=f"No {kind[:-1]} {record_id!r} in article {article_id!r}.")
        return article, record

    @app.get("/quotes/{article_id}/{quote_id}", response_class=HTMLResponse, include_in_schema=False)
    def quote_page(request: Request, article_id: str, quote_id: str):
        article, quote = record_or_404(article_id, "quotes", quote_id)
        speaker = next((a for a in article.actors if a.id == quote.speaker), None)
        time = next((t for t in article.times if t.id == quote.time), None)
        return page(request, "quote.html", article=article, quote=quote, speaker=speaker, time=time,
                    content=quote.content_text(article.text),
                    **_in_context(article, quote.id, _cover(quote), quote.sentence_span))

    @app.get("/events/{article_id}/{event_id}", response_class=HTMLResponse, include_in_schema=False)
    def event_page(request: Request, article_id: str, event_id: str):
        from chronicle.extract.events.codebook import cameo_codes

        article, event = record_or_404(article_id, "events", event_id)
        actors = {a.id: a for a in article.actors}
        code = cameo_codes().get(event.cameo or "")
        return page(request, "event.html", article=article, event=event,
                    sources=[actors[i] for i in event.source if i in actors],
                    targets=[actors[i] for i in event.target if i in actors],
                    code_name=code.name if code else None,
                    words=article.text[event.span[0]:event.span[1]],
                    **_in_context(article, event.id, event.span, event.sentence_span))

    return app


def _cover(quote) -> tuple[int, int]:
    """The smallest span covering a quote's content, speaker and cue."""
    spans = [s for s in (*quote.content_spans(), quote.speaker_span, quote.cue_span) if s]
    return min(s[0] for s in spans), max(s[1] for s in spans)


def _in_context(article, record_id: str, cover: tuple[int, int], sentence_span) -> dict:
    """A record page's sentence around the record, highlighted, and the link back to it."""
    start, end = sentence_span or cover
    start, end = _trim(article.text, min(start, cover[0]), max(end, cover[1]))
    return {
        "context": render.highlight(article.text[start:end], render.article_marks(article), offset=start, ids=False),
        "evidence": f"/articles/{url_quote(article.id, safe='')}#{url_quote(record_id, safe='')}",
    }


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    """``start, end`` moved inwards past white space at either end."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def _shorten(text: Optional[str], limit: int = 160) -> str:
    text = " ".join((text or "").split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def serve(db: str | os.PathLike = settings.DEFAULT_DB, host: str = "127.0.0.1", port: int = 8000,
          write_token: Optional[str] = None) -> None:
    """Run the app with uvicorn until interrupted (``chronicle serve``).

    db (str | PathLike): the store's SQLite file. Defaults to settings.DEFAULT_DB.
    host (str): the address to listen on; loopback only by default. Defaults to "127.0.0.1".
    port (int): the TCP port. Defaults to 8000.
    write_token (str | None): enables ``POST /api/articles`` for requests carrying it.
    """
    import uvicorn

    uvicorn.run(create_app(db, write_token=write_token), host=host, port=port,
                log_level="info", proxy_headers=False)
