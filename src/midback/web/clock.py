"""The app's one clock as request dependencies: `ClockDep` for the time, `Today` for the date.

`create_app` keeps the clock in `app.state.clock` and builds the storage with it, so the
services (which tell the time by their unit of work) and the routes agree on what day it is.
"""

from __future__ import annotations

from datetime import date
from typing import Annotated

from fastapi import Depends, Request

from midback.clock import Clock


async def get_clock(request: Request) -> Clock:
    """The clock of this app."""
    clock: Clock = request.app.state.clock
    return clock


async def get_today(clock: Annotated[Clock, Depends(get_clock)]) -> date:
    """Today's date in UTC by the app's clock (the server does not know a person's zone)."""
    return clock.today()


ClockDep = Annotated[Clock, Depends(get_clock)]
Today = Annotated[date, Depends(get_today)]
