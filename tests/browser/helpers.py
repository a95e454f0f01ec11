"""Small helpers the browser tests share."""

from __future__ import annotations

import json
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any


def poll(read: Callable[[], Any], wanted: Callable[[Any], bool], seconds: float = 10) -> Any:
    """``read()`` once ``wanted`` holds for it, or its last value after ``seconds``.

    The kernel saves a moment after the click reaches it; a file being replaced may be
    missing or unreadable for an instant.
    """
    deadline = time.monotonic() + seconds
    while True:
        try:
            value = read()
        except (FileNotFoundError, json.JSONDecodeError):
            value = None
        if value is not None and wanted(value):
            return value
        if time.monotonic() > deadline:
            return value
        time.sleep(0.2)


def journey(folder: Path) -> dict:
    """The workshop file of ``folder`` as plain JSON, as an outside reader sees it."""
    return json.loads((folder / "journey.json").read_text(encoding="utf-8"))


def go_to_step(page, number: int, marker: str) -> None:
    """In the facilitator's app: go to step ``number`` with the step bar, and wait for its
    form (``marker``, a CSS selector)."""
    page.click(f".journeylab-step-{number}")
    page.wait_for_selector(marker, state="visible", timeout=90_000)


def type_new_item(page, scope: str, text: str) -> None:
    """Type ``text`` into the "New: type a name" box of the list in ``scope``, and Enter."""
    box = page.locator(f"{scope} .journeylab-new-item input").first
    box.fill(text)
    box.press("Enter")


def forget_workshop(workshops: Path) -> None:
    """Forget the workshop this person last opened under ``workshops`` (the kernels of the
    test server keep their preferences in the tests' own folder)."""
    from journeylab import preferences

    chosen = dict(preferences.load()["workshops"])
    chosen.pop(str(workshops.resolve()), None)
    preferences.save(workshops=chosen)


def persona_named(data: dict, name: str) -> dict | None:
    """The persona called ``name`` in workshop ``data``, if there is one."""
    return next((p for p in data["personas"] if p["name"] == name), None)


def wait_for_an_empty_story(page) -> None:
    """Until the story box shows the persona just added: enabled and empty."""
    page.wait_for_function(
        "() => { const s = document.querySelector('.journeylab-field-story textarea');"
        " return s && !s.disabled && s.value === ''; }", timeout=10_000)


#: What a reader must be able to read whole: labels, buttons, menus and their options, tab
#: titles, list items, the words shown as hints in empty boxes, tables and running text.
_READABLE = {
    "label": "label, .widget-label, .widget-label-basic,"
             " .widget-hbox > .widget-html > .widget-html-content",
    "button": "button",
    "tab title": ".lm-TabBar-tab",
    "option": "select",
    "list item": "li",
    "hint": "input[placeholder]:placeholder-shown",  # in a text area the hint wraps
    "table cell": "th, td, caption",
    "text": "p",
}

_CUT_TEXTS = """({within, readable, minPx}) => {
  const found = [];
  const canvas = document.createElement('canvas').getContext('2d');
  const px = (value) => parseFloat(value) || 0;
  const widthOf = (text, style) => {
    canvas.font = style.font || `${style.fontWeight} ${style.fontSize} ${style.fontFamily}`;
    return canvas.measureText(text).width;
  };
  const shown = (el) => el.getClientRects().length > 0
    && getComputedStyle(el).visibility !== 'hidden';
  const clips = (value) => value !== 'visible';
  // the element itself, or a box inside it that holds its words, is narrower than the words
  const cutInside = (el) => {
    for (const box of [el, ...el.querySelectorAll('*')]) {
      if (!shown(box) || box.clientWidth === 0) continue;
      const style = getComputedStyle(box);
      if (box.scrollWidth > box.clientWidth + 1) {
        return style.textOverflow === 'ellipsis' ? 'cut with an ellipsis' : 'wider than its box';
      }
      if (clips(style.overflowY) && box.scrollHeight > box.clientHeight + 1) {
        return 'taller than its box';
      }
    }
    return '';
  };
  // a box around it that hides what sticks out (or scrolls sideways) hides part of it
  const cutOutside = (el) => {
    const own = el.getBoundingClientRect();
    for (let box = el.parentElement; box && box !== document.body; box = box.parentElement) {
      if (!clips(getComputedStyle(box).overflowX)) continue;
      const frame = box.getBoundingClientRect();
      if (own.right > frame.right + 1 || own.left < frame.left - 1) {
        return 'sticks out of the box around it';
      }
    }
    return '';
  };
  const cutOption = (select, option, listed) => {
    const style = getComputedStyle(select);
    // a menu keeps room for its arrow on the right; a list shows its options as they are
    const arrow = listed ? px(style.paddingRight) : Math.max(px(style.paddingRight), 20);
    const room = select.clientWidth - px(style.paddingLeft) - arrow;
    const optionStyle = getComputedStyle(option);  // only a list lays its options out
    const words = widthOf(option.text.trim(), style)
      + (listed ? px(optionStyle.paddingLeft) + px(optionStyle.paddingRight) : 0);
    return words > room + 1 ? 'wider than its menu' : '';
  };
  const report = (kind, el, text, why) =>
    found.push({kind, text: text.replace(/\\s+/g, ' ').trim().slice(0, 90), why});
  const seen = new Set();
  for (const root of document.querySelectorAll(within)) {
    for (const [kind, selector] of Object.entries(readable)) {
      for (const el of root.querySelectorAll(selector)) {
        if (!shown(el)) continue;
        const style = getComputedStyle(el);
        const small = minPx !== null && px(style.fontSize) < minPx - 0.01
          ? `${px(style.fontSize).toFixed(1)} px` : '';
        if (el.tagName === 'SELECT') {
          const list = el.multiple || el.size > 1;
          const listed = list ? [...el.options] : [el.options[el.selectedIndex]].filter(Boolean);
          for (const option of listed) {
            const why = [cutOption(el, option, list), cutOutside(el), small].filter(Boolean);
            if (why.length) report(kind, el, option.text, why.join(', '));
          }
          continue;
        }
        const text = kind === 'hint' ? el.placeholder : el.innerText;
        if (!text || !text.trim()) continue;
        const cut = kind === 'hint'
          ? (widthOf(text, style) > el.clientWidth - px(style.paddingLeft)
             - px(style.paddingRight) + 1 ? 'wider than its box' : '')
          : cutInside(el);
        const why = [cut, cutOutside(el), small].filter(Boolean);
        if (why.length) report(kind, el, text, why.join(', '));
        if (small) seen.add(el);
      }
    }
    if (minPx === null) continue;
    // every other word on the page is drawn large enough too
    for (const el of root.querySelectorAll('*')) {
      if (seen.has(el) || el.closest('select') || !shown(el)) continue;
      const own = [...el.childNodes].filter((n) => n.nodeType === Node.TEXT_NODE)
        .map((n) => n.textContent).join(' ').trim();
      const size = px(getComputedStyle(el).fontSize);
      if (own && size < minPx - 0.01) report('text', el, own, `${size.toFixed(1)} px`);
    }
  }
  return found;
}"""


def cut_texts(page, within: str, min_font_px: float | None = None) -> list[dict]:
    """Every readable text inside ``within`` (a CSS selector) that the reader cannot read whole.

    A text is cut when its box, or a box inside it, is narrower (or, hiding what overflows,
    shorter) than its words, when a box around it hides the part that sticks out, or, for a
    menu, when the chosen option is wider than the menu; with ``min_font_px`` it is also too
    small when drawn below that size. Each finding is ``{"kind", "text", "why"}``.
    """
    return page.evaluate(_CUT_TEXTS, {"within": within, "readable": _READABLE,
                                      "minPx": min_font_px})
