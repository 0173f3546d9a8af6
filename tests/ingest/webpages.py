"""Hand-made web pages shared by the ingest tests."""

BODY = [
    "The city council voted on Tuesday to expand the tram network to the northern districts, "
    "ending a debate that has divided residents for more than two years.",
    "Mayor Anna Novak said the decision would cut commuting times by a third and promised that "
    "construction would begin in the spring, once the final contracts are signed.",
    "Opposition councillors argued that the cost, estimated at 400 million euros, was too high "
    "for a city still paying off the debts of its last major infrastructure project.",
    "The new line will connect the central station with four new stops, including the hospital "
    "and the university campus, and will run every six minutes at peak hours.",
]

TITLE = "Council approves tram extension to northern districts"


def article_page(title: str = TITLE, body: list[str] = BODY, date: str = "2023-02-12", lang: str = "en") -> str:
    """A news page: navigation, share buttons, ads, a newsletter box and a footer around the story."""
    paragraphs = "\n".join(f"<p>{p}</p>" for p in body)
    return f"""<!DOCTYPE html>
<html lang="{lang}"><head><meta charset="utf-8">
<title>{title} | The Daily Example</title>
<meta property="og:title" content="{title}">
<meta property="article:published_time" content="{date}T08:30:00Z">
<meta name="author" content="Jane Reporter">
<link rel="canonical" href="https://news.example.com/tram-extension">
</head><body>
<header><nav class="main-menu"><a href="/">Home</a> <a href="/politics">Politics</a>
<a href="/sport">Sport</a> <a href="/login">Log in</a></nav></header>
<main><article>
<h1>{title}</h1>
<div class="share-buttons"><a href="https://facebook.com/share">Share on Facebook</a>
<a href="https://twitter.com/share">Share on Twitter</a></div>
{paragraphs}
<p>Advertisement</p>
<p>Read more: Budget talks stall again</p>
<div class="newsletter-box"><p>Sign up for our newsletter</p><button>Subscribe</button></div>
</article></main>
<aside class="related"><h3>Related stories</h3><ul><li><a href="/a">Bus fares rise again</a></li>
<li><a href="/b">Bridge closed for repairs</a></li></ul></aside>
<footer><p>© 2023 The Daily Example. All rights reserved.</p><a href="/privacy">Privacy Policy</a>
<a href="/cookies">Cookie settings</a></footer>
</body></html>"""
