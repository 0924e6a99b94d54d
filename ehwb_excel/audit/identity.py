"""Which agency and audit a workbook was made for, as a token only the master's key can make (HMAC-SHA256).

The key is made once, when the master is generated, and is kept only in the master's hidden
metadata; each agency workbook carries its token. An agency can change the code in its own
hidden metadata, but cannot make the token of another agency (or of other cases) without the
key, so a changed code, or case sheets that were not sent to that agency, show at the merge.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import secrets
from collections.abc import Iterable

KEY_BYTES = 32  # 256 bits, as HMAC-SHA256 wants
TOKEN_FORMAT = "ehwb-token/1"  # changes if what the token covers ever changes


def new_key() -> bytes:
    """A fresh random key for one master (from the system's secure random source)."""
    return secrets.token_bytes(KEY_BYTES)


def key_text(key: bytes) -> str:
    """The key as it is stored in the master's metadata (hex)."""
    return key.hex()


def key_from_text(text: str | None) -> bytes | None:
    """The key stored by `key_text`; None when there is none or it is not a key (a master made before tokens)."""
    if not text:
        return None
    try:
        key = bytes.fromhex(text.strip())
    except ValueError:
        return None
    return key if len(key) == KEY_BYTES else None


def agency_token(key: bytes, audit_id: str, agency_code: str, case_references: Iterable[str]) -> str:
    """The token of one agency's workbook: what it names (audit, agency, the cases it was sent) under the key.

    The cases are sorted, so their order on the sheet does not matter; the agency code is taken
    ignoring case, as the merge matches codes.
    """
    covered = [TOKEN_FORMAT, audit_id.strip(), agency_code.strip().casefold(), sorted(c.strip() for c in case_references)]
    message = json.dumps(covered, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    return hmac.new(key, message, hashlib.sha256).hexdigest()


def token_matches(key: bytes, token: str | None, audit_id: str, agency_code: str, case_references: Iterable[str]) -> bool:
    """True when `token` is the one `agency_token` makes for what the workbook names (compared in constant time)."""
    if not token:
        return False
    expected = agency_token(key, audit_id, agency_code, case_references)
    return hmac.compare_digest(expected, token.strip().lower())
