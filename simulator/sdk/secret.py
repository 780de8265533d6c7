"""Secret slots: a spoken PIN that the simulator never shows, logs or stores.

Declare the field as a pydantic ``SecretStr`` with the `PinCode` slot type::

    from typing import Annotated
    from pydantic import BaseModel, SecretStr
    from simulator.sdk.secret import PinCode

    class PaySlots(BaseModel):
        pin: Annotated[SecretStr, PinCode()]

The user may say the digits any way ("one two three four", "1234", "12 34", "oh four"). The
handler gets a ``SecretStr`` (its ``str()`` is asterisks, so a stray log line leaks nothing) and
reads the digits with ``pin.get_secret_value()``. Because the slot type is ``secret``, the
engine replaces the spoken digits with ``[redacted]`` everywhere the turn goes: its ``text``,
``slots``, trace, the dialog state and the conversation log in ``state.db``. What the skill
stores is its own job: keep only a salted hash (see `hash_secret`).
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from collections.abc import Sequence

from simulator.sdk.slots import NO_VALUE, SlotEnv, SlotType

__all__ = ["REDACTED", "PinCode", "hash_secret", "verify_secret"]

REDACTED = "[redacted]"
"""What a secret's words are replaced with in turns, traces and logs."""

_DIGIT_WORDS = {
    "zero": "0",
    "oh": "0",
    "o": "0",
    "nought": "0",
    "one": "1",
    "two": "2",
    "three": "3",
    "four": "4",
    "five": "5",
    "six": "6",
    "seven": "7",
    "eight": "8",
    "nine": "9",
}


class PinCode(SlotType):
    """A slot type for a spoken PIN: digits, said one by one or in groups.

    It accepts any run of 1 to ``max_digits`` digits, so that a too-short answer is still
    recognised as a PIN attempt (and redacted) and the skill can say what a PIN should be.
    """

    kind = "pin"
    secret = True
    hint = "the digits of your PIN"

    def __init__(self, max_digits: int = 12) -> None:
        """``max_digits``: the longest run of digits accepted."""
        self.max_digits = max_digits
        self.max_tokens = max_digits

    def parse(self, tokens: Sequence[str], env: SlotEnv) -> object:
        """The digits the words say, as a string, or ``NO_VALUE``."""
        digits = ""
        for token in tokens:
            if token.isdigit() and token.isascii():
                digits += token
            elif token in _DIGIT_WORDS:
                digits += _DIGIT_WORDS[token]
            else:
                return NO_VALUE
        return digits if 0 < len(digits) <= self.max_digits else NO_VALUE

    def examples(self, env: SlotEnv) -> Sequence[str]:
        """Made-up PINs for example utterances."""
        return ("one two three four", "4 8 1 5", "9 2 7 3")


def hash_secret(secret: str, salt: bytes | None = None) -> dict[str, str]:
    """A salted scrypt hash of ``secret`` as ``{"salt": hex, "hash": hex}``, fit for storage."""
    salt = salt if salt is not None else secrets.token_bytes(16)
    digest = hashlib.scrypt(secret.encode(), salt=salt, n=2**14, r=8, p=1, dklen=32)
    return {"salt": salt.hex(), "hash": digest.hex(), "scheme": "scrypt-n14-r8-p1"}


def verify_secret(secret: str, stored: dict[str, str]) -> bool:
    """Whether ``secret`` matches a record made by `hash_secret` (compared in constant time)."""
    try:
        salt = bytes.fromhex(stored["salt"])
        expected = bytes.fromhex(stored["hash"])
    except (KeyError, ValueError, TypeError):
        return False
    digest = hashlib.scrypt(secret.encode(), salt=salt, n=2**14, r=8, p=1, dklen=32)
    return hmac.compare_digest(digest, expected)
