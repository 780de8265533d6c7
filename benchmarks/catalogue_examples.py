"""Three everyday utterances per intent of the catalogue skills, each said to the simulator.

::

    python benchmarks/catalogue_examples.py            # a Markdown table, then the count
    python benchmarks/catalogue_examples.py --misses   # also list what went elsewhere (stderr)

Every utterance runs end to end (``Simulator.handle_sync``: routing, dialog, the skill) in one
simulator with the bundled skills and the demo home, after a short set-up (events, alarms,
reminders, lists, a voice PIN) so that "move my dentist appointment" has something to move.
Follow-ups ("yes", a PIN, "next") are said after the lead-in that opens their question
(:data:`CONTEXT`). Between utterances "stop" ends the session; the virtual clock stands still.
A row's tick means the turn was answered by that very intent.
"""

from __future__ import annotations

import sys
from datetime import datetime

from simulator.engine import Simulator

NOW = datetime(2026, 6, 3, 12, 0)
"""A Wednesday at noon: the fictional stores are open."""

UTTERANCES: dict[str, dict[str, list[str]]] = {
    "music": {
        "PlayMusic": ["play some jazz", "play songs by Juniper Ash", "play my road trip playlist"],
        "PlayAnything": ["play some music", "play something", "put some music on"],
        "WhatsPlaying": ["what's playing", "what song is this", "what am I listening to"],
        "WhoSings": ["who sings this", "who is this song by", "who's the artist"],
        "Pause": ["pause", "pause the music", "pause it"],
        "Resume": ["resume", "continue playing", "unpause the music"],
        "StopMusic": ["stop the music", "turn off the music", "stop playing"],
        "NextTrack": ["next", "skip this song", "play the next song"],
        "PreviousTrack": ["previous", "go back a song", "play the last song again"],
        "ChangeVolume": ["louder", "turn it down", "play it quieter"],
        "Shuffle": ["shuffle", "shuffle my songs", "turn shuffle off"],
        "Repeat": ["repeat this song", "put the playlist on repeat", "turn repeat off"],
        "WhatCanIPlay": [
            "what music do you have",
            "what genres do you have",
            "what playlists are there",
        ],
    },
    "weather": {
        "GetWeather": [
            "what's the weather",
            "what's the weather like tomorrow in Paris",
            "what's the forecast for the weekend",
        ],
        "GetTemperature": [
            "how cold is it outside",
            "what's the high today in Cairo",
            "what's the temperature in Tokyo",
        ],
        "WillItRain": [
            "will it rain tomorrow",
            "do I need an umbrella",
            "is it going to snow in Oslo on Friday",
        ],
        "NeedCoat": ["do I need a coat", "what should I wear tomorrow", "should I take a jacket"],
        "SetUnits": ["use fahrenheit", "give me temperatures in celsius", "I prefer fahrenheit"],
        "SetCity": ["I live in Lisbon", "set my city to Berlin", "my city is Sydney"],
        "WhichCities": [
            "which cities do you know",
            "what city am I in",
            "where do you have weather for",
        ],
    },
    "alarms": {
        "SetAlarm": [
            "set an alarm for 7 am",
            "wake me up at 6:30 tomorrow",
            "set an alarm every weekday at 7",
        ],
        "ListAlarms": ["what alarms do I have", "list my alarms", "read my alarms"],
        "NextAlarm": [
            "when is my next alarm",
            "what time is my alarm set for",
            "when will my alarm go off",
        ],
        "CancelAlarm": ["cancel my alarm", "cancel my 7 am alarm", "turn off my gym alarm"],
        "CancelAllAlarms": ["cancel all my alarms", "delete every alarm", "remove all alarms"],
        "ChangeAlarm": [
            "change my alarm to 8 am",
            "move my 7 am alarm to 7:30",
            "change my gym alarm to 6 pm",
        ],
        "StopAlarm": ["stop the alarm", "I'm up", "alarm off"],
        "SnoozeAlarm": ["snooze", "snooze for 5 minutes", "snooze it for ten minutes"],
        "SetReminder": [
            "remind me to call mum at 6",
            "remind me to take the bins out in 10 minutes",
            "remind me on Friday at 9 to pay the rent",
        ],
        "ListReminders": ["what are my reminders", "what reminders do I have", "list my reminders"],
        "CancelReminder": [
            "cancel my reminder to call mum",
            "delete the reminder about the bins",
            "cancel my reminder",
        ],
        "CancelAllReminders": [
            "cancel all my reminders",
            "delete all reminders",
            "clear all my reminders",
        ],
    },
    "calendar": {
        "AddEvent": [
            "add lunch with Ana on Friday at 1 pm",
            "put dentist on my calendar tomorrow at 10",
            "add a team meeting on Monday at 9 for an hour",
        ],
        "ReadCalendar": [
            "what's on my calendar tomorrow",
            "what's on my calendar this week",
            "what do I have on Friday",
        ],
        "NextEvent": [
            "what's next on my calendar",
            "what's my next appointment",
            "what's coming up",
        ],
        "MoveEvent": [
            "move my dentist appointment to 3 pm",
            "move lunch with Ana to Saturday",
            "reschedule my team meeting to Tuesday at 10",
        ],
        "RenameEvent": [
            "rename my team meeting to planning",
            "change the name of my dentist appointment to check up",
            "call my lunch event brunch instead",
        ],
        "DeleteEvent": [
            "delete my dentist appointment",
            "take lunch with Ana off my calendar",
            "remove the team meeting from my calendar",
        ],
        "ClearCalendar": [
            "clear my calendar",
            "delete all my events",
            "cancel everything on my calendar",
        ],
    },
    "lists": {
        "AddItems": [
            "add milk to my shopping list",
            "put eggs and bread on the shopping list",
            "add call the bank to my to do list",
        ],
        "RemoveItems": [
            "remove milk from my shopping list",
            "take eggs off my list",
            "cross bread off the shopping list",
        ],
        "ReadList": ["what's on my shopping list", "read my to do list", "read me my camping list"],
        "CountItems": [
            "how many things are on my shopping list",
            "how many items are on my list",
            "how many things are on my to do list",
        ],
        "HasItem": ["is milk on my list", "is bread on my shopping list", "do I need eggs"],
        "ClearList": [
            "clear my shopping list",
            "empty my to do list",
            "delete everything on my shopping list",
        ],
        "CreateList": [
            "create a camping list",
            "make a new list called holiday",
            "start a packing list",
        ],
        "DeleteList": [
            "delete my camping list",
            "remove the holiday list",
            "get rid of my packing list",
        ],
        "ListLists": ["what lists do I have", "which lists do I have", "read my lists"],
    },
    "knowledge": {
        "DaysUntil": [
            "how many days until June 30th",
            "how long until December 1st",
            "how many days are left until August 15",
        ],
        "DaysUntilHoliday": [
            "how many days until Christmas",
            "when is Halloween",
            "how many sleeps till Christmas",
        ],
        "Capital": [
            "what's the capital of France",
            "what is the capital of Japan",
            "capital of Australia",
        ],
        "PlanetFact": [
            "tell me about Mars",
            "what do you know about Saturn",
            "tell me a fact about Jupiter",
        ],
        "PlanetMoons": [
            "how many moons does Jupiter have",
            "how many moons has Mars got",
            "does Venus have any moons",
        ],
        "PlanetDistance": [
            "how far is Mars from the sun",
            "how far away is Neptune",
            "what's the distance to Venus",
        ],
        "PlanetSize": ["how big is Jupiter", "how wide is Earth", "what's the diameter of Mars"],
        "PlanetByOrder": [
            "what's the third planet from the sun",
            "which planet is fifth from the sun",
            "what's the second planet from the sun",
        ],
        "PlanetExtreme": [
            "what's the biggest planet",
            "which is the smallest planet",
            "which planet is closest to the sun",
        ],
        "UnknownFact": [
            "who invented the telephone",
            "how tall is mount everest",
            "what's the population of Brazil",
        ],
        "Calculate": [
            "what's fifteen times seven",
            "what is 20 percent of 80",
            "what's the square root of 144",
        ],
        "Spell": ["how do you spell necessary", "spell rhythm", "how is accommodate spelled"],
        "ConvertUnits": [
            "how many feet are in a mile",
            "convert 70 fahrenheit to celsius",
            "what is 5 kilograms in pounds",
        ],
        "TimeInCity": ["what time is it in Tokyo", "what's the time in New York", "time in Sydney"],
        "SetTimeZone": ["my time zone is Berlin", "set my time zone to London", "use Paris time"],
    },
    "fun": {
        "TellJoke": ["tell me a joke", "make me laugh", "do you know any jokes"],
        "TellRiddle": ["tell me a riddle", "give me a riddle", "ask me a riddle"],
        "GuessRiddle": ["is it a towel", "a piano", "your age"],
        "RevealAnswer": ["I give up", "what's the answer", "tell me the answer"],
        "Another": ["another one", "one more please", "one more"],
        "Yes": ["yes", "yes please", "sure"],
        "No": ["no", "no thanks", "that's enough"],
        "FlipCoin": ["flip a coin", "heads or tails", "toss a coin"],
        "RollDie": ["roll a die", "roll two dice", "roll a 20 sided die"],
        "RandomNumber": [
            "pick a random number between 1 and 10",
            "give me a random number",
            "pick a number from 1 to 100",
        ],
        "HowAreYou": ["how are you", "how are you doing", "how's it going"],
        "ThankYou": ["thank you", "thanks", "cheers"],
        "Greeting": ["good morning", "good evening", "good afternoon"],
        "WhoAreYou": ["who are you", "what are you", "who made you"],
        "AreYouARobot": ["are you a robot", "are you human", "am I talking to a computer"],
    },
    "news": {
        "GetNews": ["what's the news", "any sports news", "give me my flash briefing"],
        "NextStory": ["next", "next story", "skip this one"],
        "PreviousStory": ["previous", "go back", "previous story"],
        "NewsCategories": [
            "what kinds of news are there",
            "what news topics do you have",
            "which news categories do you have",
        ],
    },
    "ordering": {
        "OrderFood": [
            "order a burger",
            "I'd like two chicken burgers and a large coffee",
            "I'd like a cheeseburger with no pickles",
        ],
        "OrderUnknown": ["order a pizza", "can I order sushi", "order a unicorn steak"],
        "RemoveItem": [
            "remove the coffee",
            "take the fries off my order",
            "I don't want the burger",
        ],
        "ChangeItem": [
            "make the coffee a large",
            "change the fries to small",
            "make that two burgers",
        ],
        "ReadCart": ["what's in my order", "read my order", "what's in my cart"],
        "ClearCart": ["cancel my order", "clear my cart", "start the order again"],
        "ReadMenu": ["what's on the menu", "read me the menu", "what drinks do you have"],
        "ItemPrice": [
            "how much is a cheeseburger",
            "what does a large coffee cost",
            "how much are the fries",
        ],
        "ChooseStore": ["Harbour Street", "the Station Road store", "pick it up at Harbour Street"],
        "StoreHours": [
            "when does the Old Mill store open",
            "what are the opening hours",
            "is Station Road open now",
        ],
        "SetPin": ["set up my voice pin", "change my voice pin", "create a new voice pin"],
        "VerifyCurrentPin": ["4 8 2 7", "my current pin is 4827", "my old pin is 4 8 2 7"],
        "ConfirmPin": ["4 8 2 7", "my new pin is 4827", "four eight two seven"],
        "Checkout": ["check out", "that will be all", "place my order"],
        "Yes": ["yes", "yes please", "yes place it"],
        "No": ["no", "nothing else thanks", "no that is all"],
        "PayOrder": ["4 8 2 7", "my pin is 4827", "pay with my pin 4 8 2 7"],
        "OrderStatus": ["where's my order", "is my order ready", "what's the status of my order"],
    },
    "hello": {
        "SayHello": ["hello", "hi there", "say hello"],
        "MyNameIs": ["my name is Ada", "call me Grace", "I'm called Alan"],
        "WhatsMyName": ["what's my name", "do you know my name", "who am I"],
        "ForgetName": ["forget my name", "delete my name", "stop calling me by my name"],
    },
    "help": {
        "WhatCanYouDo": ["what do you do", "what else can you do", "what should I try"],
        "ListSkills": ["what skills do you have", "list your skills", "which skills are there"],
        "AboutSkill": [
            "what can the music skill do",
            "tell me about the weather skill",
            "help with the lists skill",
        ],
    },
}
"""skill -> intent -> three things people say."""

MUSIC_FOLLOW_UPS = ("Pause", "Resume", "StopMusic", "NextTrack", "PreviousTrack", "ChangeVolume")
CONTEXT: dict[tuple[str, str], list[str]] = {
    **{("music", i): ["play some jazz"] for i in MUSIC_FOLLOW_UPS},
    ("news", "NextStory"): ["what's the news"],
    ("news", "PreviousStory"): ["what's the news", "next"],
    ("fun", "GuessRiddle"): ["tell me a riddle"],
    ("fun", "RevealAnswer"): ["tell me a riddle"],
    ("fun", "Another"): ["tell me a joke"],
    ("fun", "Yes"): ["tell me a joke"],
    ("fun", "No"): ["tell me a joke"],
    ("ordering", "ChooseStore"): ["order a burger", "check out"],
    ("ordering", "Yes"): ["order a burger", "check out"],
    ("ordering", "No"): ["order a burger"],
    ("ordering", "ConfirmPin"): ["change my voice pin", "4 8 2 7", "4 8 2 7"],
    ("ordering", "VerifyCurrentPin"): ["change my voice pin", "4 8 2 7"],
    ("ordering", "PayOrder"): ["order a burger", "check out", "yes"],
}
"""What is said first, so that a follow-up has its question open."""

SETUP: list[str] = [
    "add lunch with Ana on Friday at 1 pm",
    "add dentist tomorrow at 10 am",
    "add team meeting on Monday at 9 am",
    "set an alarm for 7 am",
    "set a gym alarm for 6 pm on Saturday",
    "remind me to call mum at 6 pm",
    "remind me to take the bins out on Friday at 7 pm",
    "add milk eggs and bread to my shopping list",
    "add tent to my camping list",
    "create a holiday list",
    "create a packing list",
    "set up my voice pin",
    "4 8 2 7",
    "4 8 2 7",
    "what's my name",
]
"""Said once at the start: something to list, move, cancel and pay with."""


def main(argv: list[str]) -> int:
    """Print the table; with ``--misses`` also each miss on stderr."""
    sim = Simulator.create(seed=0, now=NOW)
    sim.clock.paused = True
    for text in SETUP:
        sim.handle_sync(text)
    sim.handle_sync("stop")
    rows = ["| skill | intent | three example utterances (✓ = answered by this intent) |"]
    rows.append("|---|---|---|")
    ok = total = 0
    misses: list[str] = []
    for skill, intents in UTTERANCES.items():
        for intent, utterances in intents.items():
            lead_in = CONTEXT.get((skill, intent), [])
            cells = []
            for text in utterances:
                for said in lead_in:
                    sim.handle_sync(said)
                turn = sim.handle_sync(text)
                sim.handle_sync("stop")  # ends the session; the clock stays put
                total += 1
                if (turn.skill, turn.intent) == (skill, intent):
                    ok += 1
                    cells.append(f"“{text}” ✓")
                else:
                    cells.append(f"“{text}” ✗ → {turn.skill}.{turn.intent}")
                    misses.append(f"{skill}.{intent}: {text!r} -> {turn.skill}.{turn.intent}")
            mark = " ¹" if lead_in else ""
            rows.append(f"| {skill} | {intent}{mark} | " + "; ".join(cells) + " |")
    sim.close()
    print("\n".join(rows))
    print("\n¹ said after a lead-in that opens its question (see CONTEXT in the script).")
    print(f"\n{ok} of {total} utterances answered by their own intent.")
    if "--misses" in argv:
        print("\n".join(misses), file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
