"""Alarms and reminders: a model skill for things that happen later, on the virtual clock.

Try: "set an alarm for 7 am", "wake me up every weekday at 6:30", "set a gym alarm for 6 pm on
friday", "what alarms do I have", "cancel my 7 am alarm", then ``:advance`` until it rings and
say "snooze for 5 minutes" or "stop". Reminders: "remind me to call mum at 6", "remind me in 20
minutes to check the oven", "what are my reminders", "cancel the reminder to call mum".

Alarms and reminders are items on the simulator's clock (saved in state.db), so they fire after
a restart too; a ringing alarm speaks every minute until it is stopped, snoozed or times out.
"""

from . import alarms, reminders
from .core import skill

__all__ = ["alarms", "reminders", "skill"]
