"""The menu and the stores, read from ``menu.yaml``, and the words the skill understands.

``SPEAKER_SIM_MENU=/path/to/menu.yaml`` swaps in another restaurant; a mistake in that file
stops the simulator with the file, the line and the cause.
"""

from __future__ import annotations

import datetime as dt
from importlib.resources import files
from typing import Annotated, Literal

from pydantic import BaseModel, Field, field_validator, model_validator

from simulator.sdk import SlotList
from simulator.sdk.data import data_path, load_data
from simulator.sdk.items import ItemList, ListedItem
from simulator.sdk.money import Money

__all__ = [
    "MENU",
    "ORDER_LIST",
    "CategoryName",
    "Item",
    "ItemName",
    "Menu",
    "SizeName",
    "Store",
    "StoreName",
    "line_price",
    "load_menu",
]

Weekday = Literal["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
_WEEKDAYS: tuple[str, ...] = (
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
)


class Option(BaseModel):
    """An extra or a change to an item ("extra cheese", "no pickles") and what it costs."""

    price: float = Field(ge=0)
    aliases: list[str] = []


class Item(BaseModel):
    """A menu item: one price, or a price per size."""

    name: str
    aliases: list[str] = []
    category: str
    price: float | None = Field(default=None, ge=0)
    sizes: dict[str, float] = {}
    options: list[str] = []

    @model_validator(mode="after")
    def _one_price(self) -> Item:
        if (self.price is None) == (not self.sizes):
            raise ValueError("give either a price or prices per size (sizes:), not both or neither")
        for value in [self.price, *self.sizes.values()]:
            if value is not None:
                Money.parse(value)  # more than two decimals is a typo worth reporting
        return self

    @property
    def default_size(self) -> str | None:
        """The size meant when none is said: medium if there is one, else the smallest."""
        if not self.sizes:
            return None
        return "medium" if "medium" in self.sizes else next(iter(self.sizes))


class Store(BaseModel):
    """A pickup store and its opening hours (on the virtual clock)."""

    name: str
    aliases: list[str] = []
    opens: dt.time
    closes: dt.time
    closed_on: list[Weekday] = []
    prep_minutes: int = Field(default=10, ge=1, le=120)

    @field_validator("opens", "closes", mode="before")
    @classmethod
    def _clock(cls, value: object) -> object:
        if isinstance(value, int):  # YAML reads 07:00 unquoted as a number of minutes
            return dt.time(value // 60, value % 60)
        return value

    @model_validator(mode="after")
    def _order(self) -> Store:
        if self.closes <= self.opens:
            raise ValueError("closes must be later than opens")
        return self

    @property
    def id(self) -> str:
        """The store's key: its name in lower case."""
        return self.name.lower()

    def is_open(self, when: dt.datetime) -> bool:
        """Whether the store is open at ``when``."""
        if _WEEKDAYS[when.weekday()] in self.closed_on:
            return False
        return self.opens <= when.time() < self.closes

    def hours(self) -> str:
        """ "7 AM to 10 PM, closed on Sundays"."""
        text = f"{spoken_time(self.opens)} to {spoken_time(self.closes)}"
        if self.closed_on:
            days = " and ".join(f"{d.capitalize()}s" for d in self.closed_on)
            text += f", closed on {days}"
        return text

    def next_opening(self, when: dt.datetime) -> dt.datetime:
        """When the store next opens after ``when``."""
        for days in range(8):
            day = when.date() + dt.timedelta(days=days)
            opening = dt.datetime.combine(day, self.opens)
            if opening > when and _WEEKDAYS[day.weekday()] not in self.closed_on:
                return opening
        return when  # pragma: no cover - a store closed every day is refused by the model


class Menu(BaseModel):
    """menu.yaml: the restaurant, its sizes, options, items and stores."""

    restaurant: str
    currency: Literal["USD", "EUR", "GBP"] = "USD"
    sizes: dict[str, list[str]]
    options: dict[str, Option] = {}
    items: list[Item] = Field(min_length=1)
    stores: list[Store] = Field(min_length=1)

    @model_validator(mode="after")
    def _references(self) -> Menu:
        names: set[str] = set()
        for item in self.items:
            if item.name in names:
                raise ValueError(f"item {item.name!r} is listed twice")
            names.add(item.name)
            for size in item.sizes:
                if size not in self.sizes:
                    raise ValueError(f"item {item.name!r}: unknown size {size!r}")
            for option in item.options:
                if option not in self.options:
                    raise ValueError(f"item {item.name!r}: unknown option {option!r}")
        for store in self.stores:
            if len(store.closed_on) == 7:
                raise ValueError(f"store {store.name!r} is closed every day")
        return self

    def item(self, name: str) -> Item:
        """The item called ``name``."""
        return next(i for i in self.items if i.name == name)

    def store(self, store_id: str) -> Store:
        """The store with id ``store_id``."""
        return next(s for s in self.stores if s.id == store_id)

    @property
    def categories(self) -> list[str]:
        """Categories in menu order."""
        return list(dict.fromkeys(i.category for i in self.items))


def spoken_time(t: dt.time) -> str:
    """ "7 AM", "11:30 PM"."""
    hour = t.hour % 12 or 12
    suffix = "AM" if t.hour < 12 else "PM"
    return f"{hour} {suffix}" if t.minute == 0 else f"{hour}:{t.minute:02d} {suffix}"


def load_menu(path: object) -> Menu:
    """Read a menu file; raises `DataFileError` naming the file and line."""
    return load_data(path, Menu, what="menu file")


MENU: Menu = load_menu(data_path("SPEAKER_SIM_MENU", files(__package__) / "menu.yaml"))


def line_price(line: ListedItem | dict[str, object]) -> Money:
    """The price of one cart line: size price plus options, times the quantity."""
    data = line if isinstance(line, dict) else line.__dict__
    item = MENU.item(str(data["item"]))
    size = data.get("size") or item.default_size
    base = item.sizes[str(size)] if item.sizes else item.price or 0
    each = Money.parse(base, MENU.currency)
    for option in data.get("options") or ():  # type: ignore[union-attr]
        each = each + Money.parse(MENU.options[str(option)].price, MENU.currency)
    return each * int(float(str(data.get("quantity") or 1)))


# What people can say: the items (with plurals handled by ItemList), sizes, options, stores.
ORDER_LIST = ItemList(
    items={item.name: item.aliases for item in MENU.items},
    sizes=MENU.sizes,
    options={name: option.aliases for name, option in MENU.options.items()},
    example_lists=(
        "two chicken burgers and a large coffee",
        "a cheeseburger with extra cheese",
        "3 small fries",
        "a latte with oat milk and an apple pie",
        "pancakes",
    ),
)
OrderList = Annotated[list[ListedItem], ORDER_LIST]
ItemName = Annotated[
    str,
    SlotList(
        "menu_item",
        {
            item.name: [*item.aliases, *(f"{a}s" for a in (item.name, *item.aliases))]
            for item in MENU.items
        },
    ),
]
SizeName = Annotated[str, SlotList("size", MENU.sizes)]
StoreName = Annotated[
    str, SlotList("store", {store.id: [s.lower() for s in store.aliases] for store in MENU.stores})
]
CategoryName = Annotated[
    str,
    SlotList(
        "category",
        {
            c: [c.rstrip("s"), f"{c.rstrip('s')} items"] if c.endswith("s") else [f"{c} items"]
            for c in MENU.categories
        },
    ),
]
