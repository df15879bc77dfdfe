"""Text a person (or a receiving clinic) reads: our editorial notes taken out.

Content and planner notes carry pointers for maintainers, "(clinical-facts §6)" and
"[unverified]"; every export that shows such text to a person passes it through `plain_text`.
"""

from __future__ import annotations

import re

_POINTERS = re.compile(
    r" ?\((?:see )?clinical-facts[^)]*\)| ?\[[^\]]*(?:unverified|clinical-facts)[^\]]*\]"
)


def plain_text(text: str) -> str:
    """`text` without pointers into our clinical-facts file or bracketed editorial notes."""
    return re.sub(r"\s{2,}", " ", _POINTERS.sub("", text)).strip()
