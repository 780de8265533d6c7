"""`Money`: an amount of money in whole cents, for prices, totals and receipts.

Floats cannot hold 0.10 exactly, and a receipt that is off by a cent looks broken, so amounts are
integers of the smallest unit::

    price = Money.parse(5.49)          # from a YAML number or a string like "5.49"
    total = price * 2 + Money(199)     # Money(1297)
    total.spoken()                     # "12 dollars and 97 cents"
    str(total)                         # "$12.97"
"""

from __future__ import annotations

from decimal import Decimal, InvalidOperation
from typing import Any

from pydantic import BaseModel, ConfigDict, Field

__all__ = ["Money"]

_CURRENCIES: dict[str, tuple[str, str, str]] = {
    # code: (symbol, main unit, hundredth)
    "USD": ("$", "dollar", "cent"),
    "EUR": ("€", "euro", "cent"),
    "GBP": ("£", "pound", "penny"),
}


class Money(BaseModel):
    """An amount in cents of a currency (``USD``, ``EUR`` or ``GBP``). Immutable."""

    model_config = ConfigDict(frozen=True)

    cents: int
    currency: str = Field(default="USD", pattern="^(USD|EUR|GBP)$")

    def __init__(self, cents: int = 0, currency: str = "USD", **data: Any) -> None:
        """``Money(1297)`` is $12.97."""
        super().__init__(cents=cents, currency=currency, **data)

    @classmethod
    def parse(cls, value: float | int | str, currency: str = "USD") -> Money:
        """Money from a number of main units ("5.49", 5.49, 5). Raises ValueError if it has
        more than two decimal places or is not a number."""
        try:
            amount = Decimal(str(value))
        except InvalidOperation:
            raise ValueError(f"{value!r} is not an amount of money") from None
        cents = amount * 100
        if cents != cents.to_integral_value():
            raise ValueError(f"{value} has more than two decimal places")
        return cls(int(cents), currency)

    def _check(self, other: Money) -> None:
        if other.currency != self.currency:
            raise ValueError(f"cannot add {other.currency} to {self.currency}")

    def __add__(self, other: Money) -> Money:
        """The sum of two amounts in the same currency."""
        self._check(other)
        return Money(self.cents + other.cents, self.currency)

    def __sub__(self, other: Money) -> Money:
        """The difference of two amounts in the same currency."""
        self._check(other)
        return Money(self.cents - other.cents, self.currency)

    def __mul__(self, times: int) -> Money:
        """The amount ``times`` over (a quantity of an item)."""
        return Money(self.cents * int(times), self.currency)

    __rmul__ = __mul__

    def __str__(self) -> str:
        """ "$12.97"."""
        symbol = _CURRENCIES[self.currency][0]
        sign = "-" if self.cents < 0 else ""
        return f"{sign}{symbol}{abs(self.cents) // 100}.{abs(self.cents) % 100:02d}"

    def spoken(self) -> str:
        """ "12 dollars and 97 cents", "5 dollars", "99 cents": how a speaker says it."""
        _, unit, hundredth = _CURRENCIES[self.currency]
        whole, part = divmod(abs(self.cents), 100)
        pieces = []
        if whole:
            pieces.append(f"{whole} {unit}{'' if whole == 1 else 's'}")
        if part or not whole:
            small = hundredth if part == 1 else ("pence" if hundredth == "penny" else "cents")
            pieces.append(f"{part} {small}")
        text = " and ".join(pieces)
        return f"minus {text}" if self.cents < 0 else text
