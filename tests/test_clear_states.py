"""Clear states in light and dark: the chosen mark, known against to-review (not by colour alone),
the group a related link leads to, and installing the guide where the browser offers it."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from playwright.sync_api import expect

from tests.conftest import wait_for_transitions

pytestmark = pytest.mark.browser
SCHEMES = ["default", "slate"]

# Contrast ratio between two CSS colours (WCAG relative luminance), and the distance between them.
COLOUR = """
const rgb = (c) => c.match(/[\\d.]+/g).slice(0, 3).map(Number);
const lum = (c) => rgb(c).map((v) => v / 255).map((v) => (v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4))
  .reduce((s, v, i) => s + v * [0.2126, 0.7152, 0.0722][i], 0);
const contrast = (a, b) => { const [x, y] = [lum(a), lum(b)]; return (Math.max(x, y) + 0.05) / (Math.min(x, y) + 0.05); };
const distance = (a, b) => Math.hypot(...rgb(a).map((v, i) => v - rgb(b)[i]));
"""


def first_level(site: Path) -> str:
    return json.loads((site / "questions.json").read_text(encoding="utf-8"))["levels"][0]["id"]


@pytest.mark.parametrize("scheme", SCHEMES)
def test_known_and_review_look_different_not_by_colour_alone(page, site: Path, scheme: str) -> None:
    page.emulate_media(color_scheme="dark" if scheme == "slate" else "light")
    page.goto(f"{first_level(site)}/")
    blocks = page.locator("div.qa[data-question-id]")
    known = blocks.nth(0).get_by_role("button", name="I know this")
    review = blocks.nth(1).get_by_role("button", name="Review again")
    known.click()
    review.click()
    expect(known).to_have_attribute("aria-pressed", "true")
    expect(review).to_have_attribute("aria-pressed", "true")
    page.mouse.move(0, 0)
    wait_for_transitions(page)  # the pressed colours are read once they have settled
    look = """(el) => { const s = getComputedStyle(el), b = getComputedStyle(el, '::before');
      return { bg: s.backgroundColor, fg: s.color, border: s.borderTopStyle, mark: b.content }; }"""
    k, r = known.evaluate(look), review.evaluate(look)
    assert k["mark"] == '"✓"' and r["mark"] == '"↻"', "each chosen mark has its own sign"
    assert k["border"] == "solid" and r["border"] == "dashed", "and its own outline"
    assert k["bg"] != r["bg"]
    unpressed = blocks.nth(0).get_by_role("button", name="Review again").evaluate(look)
    assert unpressed["mark"] == "none" and unpressed["bg"] != r["bg"], "a chosen mark differs from one not chosen"
    for style in (k, r):
        ratio = page.evaluate(f"(() => {{ {COLOUR} return contrast({json.dumps(style['fg'])}, {json.dumps(style['bg'])}); }})()")
        assert ratio >= 4.5, f"{style}: text contrast {ratio:.1f}"

    # The progress bar and counts: known and to-review in clearly different colours, and shapes.
    colours = page.evaluate(
        """() => {
          const bar = (sel) => getComputedStyle(document.querySelector(sel)).backgroundImage;
          const dot = (sel) => getComputedStyle(document.querySelector(sel), '::before');
          return { known: getComputedStyle(document.querySelector('.qa-bar__known')).backgroundColor,
                   stripes: bar('.qa-bar__review'),
                   knownDot: [dot('.qa-count--known').backgroundColor, dot('.qa-count--known').borderTopStyle],
                   reviewDot: [dot('.qa-count--review').backgroundColor, dot('.qa-count--review').borderTopStyle,
                               dot('.qa-count--review').borderTopColor] };
        }"""
    )
    review_colour = colours["reviewDot"][2]
    distance = page.evaluate(
        f"(() => {{ {COLOUR} return distance({json.dumps(colours['known'])}, {json.dumps(review_colour)}); }})()"
    )
    assert distance > 150, f"known {colours['known']} and to-review {review_colour} are far apart (distance {distance:.0f})"
    assert "repeating-linear-gradient" in colours["stripes"], "to-review is striped in the bar"
    assert colours["knownDot"][1] == "none" and colours["reviewDot"][1] == "solid", "a filled dot against a ring"
    assert colours["reviewDot"][0] == "rgba(0, 0, 0, 0)"


@pytest.mark.parametrize("scheme", SCHEMES)
def test_a_related_link_names_its_group_readably(page, site: Path, scheme: str) -> None:
    """The render adds `<span class="qa-related__group">· Group</span>` after a related link to another
    group; here one is put in place the same way, and its style is checked."""
    page.emulate_media(color_scheme="dark" if scheme == "slate" else "light")
    data = json.loads((site / "questions.json").read_text(encoding="utf-8"))
    titles = {level["id"]: level["title"] for level in data["levels"]}
    by_id = {q["id"]: q for q in data["questions"]}
    q, other = next((q, by_id[r]) for q in data["questions"] for r in q["related"] if by_id[r]["level"] != q["level"])
    page.set_viewport_size({"width": 360, "height": 740})
    page.goto(f"{q['level']}/#{q['id']}")
    link = page.locator(f'[data-question-id="{q["id"]}"] .qa-related + ul a[href$="#{other["id"]}"]')
    expect(link).to_be_visible()
    group = link.evaluate(
        """(a, title) => {
          let span = a.parentElement.querySelector('.qa-related__group');
          if (!span) {
            span = Object.assign(document.createElement('span'), { className: 'qa-related__group', textContent: `· ${title}` });
            a.after(' ', span);
          }
          return span.textContent;
        }""",
        titles[other["level"]],
    )
    assert group == f"· {titles[other['level']]}"
    span = page.locator(f'[data-question-id="{q["id"]}"] .qa-related__group').first
    box = span.bounding_box()
    assert box["height"] < 30, "the group's name stays on one line"
    style = span.evaluate(
        "(el) => [getComputedStyle(el).color, getComputedStyle(document.querySelector('.md-main')).backgroundColor]"
    )
    background = style[1] if style[1] != "rgba(0, 0, 0, 0)" else page.evaluate("getComputedStyle(document.body).backgroundColor")
    ratio = page.evaluate(f"(() => {{ {COLOUR} return contrast({json.dumps(style[0])}, {json.dumps(background)}); }})()")
    assert ratio >= 4.5, f"group name contrast {ratio:.1f}"


INSTALL_PROMPT = """
window.__prompted = 0;
window.addEventListener('load', () => {
  const offer = new Event('beforeinstallprompt', { cancelable: true });
  offer.prompt = () => { window.__prompted += 1; return Promise.resolve({ outcome: 'accepted' }); };
  offer.userChoice = Promise.resolve({ outcome: 'accepted' });
  setTimeout(() => window.dispatchEvent(offer), 0);
});
"""


def test_install_button_where_the_browser_offers_installation(page) -> None:
    page.goto("")
    expect(page.get_by_role("button", name="Install the guide")).to_have_count(0)  # nothing offered: no button
    page.add_init_script(INSTALL_PROMPT)
    page.goto("")
    install = page.get_by_role("button", name="Install the guide")
    expect(install).to_be_visible()
    assert install.evaluate("(b) => b.closest('footer') !== null"), "in the footer, covering nothing"
    install.click()
    assert page.evaluate("window.__prompted") == 1, "the browser's own install prompt"
    expect(install).to_be_hidden()
    assert not page.console_errors
